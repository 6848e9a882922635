package testresult

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// need fails the test with the install command when a real tool is
// missing: these tests read what the tools really write.
func need(t *testing.T, cmd, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(cmd)
	if err != nil {
		t.Fatalf("%s is not installed: apt-get install -y %s (or run .ci/run, which installs it)", cmd, pkg)
	}
	return p
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type want struct {
	id      string
	status  Status
	message string // substring
	output  string // substring
}

func checkResults(t *testing.T, rs []Result, wants []want, file string) {
	t.Helper()
	got := byID(rs)
	if len(got) != len(wants) {
		var ids []string
		for _, r := range rs {
			ids = append(ids, r.ID)
		}
		t.Errorf("got %d results %q, want %d", len(rs), ids, len(wants))
	}
	for _, w := range wants {
		r, ok := got[w.id]
		if !ok {
			t.Errorf("%s: no result", w.id)
			continue
		}
		if r.Status != w.status || !strings.Contains(r.Message, w.message) || !strings.Contains(r.Output, w.output) {
			t.Errorf("%s: got %s %q output %q; want %s, message with %q, output with %q", w.id, r.Status, r.Message, r.Output, w.status, w.message, w.output)
		}
		if r.File != file || r.Line < 1 || r.Format != JUnit {
			t.Errorf("%s: position %s format %s", w.id, r.Where(), r.Format)
		}
	}
}

// TestReadJUnitPytest runs the real pytest (Debian's python3-pytest) in
// both JUnit families it writes.
func TestReadJUnitPytest(t *testing.T) {
	pytest := need(t, "pytest-3", "python3-pytest")
	dir := writeTree(t, map[string]string{"tests/test_ota.py": `import pytest

def test_signed():
    pass

def test_rollback():
    assert 1 == 2, "older image accepted"

@pytest.mark.skip(reason="needs the board")
def test_on_board():
    pass

@pytest.mark.xfail(reason="known: CVE pending")
def test_known_bug():
    assert False

class TestKeys:
    def test_store(self):
        pass

    @pytest.mark.parametrize("slot", [0, 1])
    def test_wipe(self, slot):
        pass

def test_setup_error(missing_fixture):
    pass
`})
	for _, family := range []string{"xunit1", "xunit2"} {
		t.Run(family, func(t *testing.T) {
			out := filepath.Join(dir, family+".xml")
			cmd := exec.Command(pytest, "-q", "-p", "no:cacheprovider", "--junitxml="+out, "-o", "junit_family="+family, "tests")
			cmd.Dir = dir
			if b, err := cmd.CombinedOutput(); err != nil && !bytes.Contains(b, []byte("failed")) {
				t.Fatalf("pytest: %v\n%s", err, b)
			}
			f, err := os.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rs, err := ReadJUnit("pytest.xml", f)
			if err != nil {
				t.Fatal(err)
			}
			checkResults(t, rs, []want{
				{"tests.test_ota.test_signed", Pass, "", ""},
				{"tests.test_ota.test_rollback", Fail, "AssertionError: older image accepted", "assert 1 == 2"},
				{"tests.test_ota.test_on_board", Skip, "needs the board", ""},
				{"tests.test_ota.test_known_bug", Skip, "known: CVE pending", ""},
				{"tests.test_ota.TestKeys.test_store", Pass, "", ""},
				{"tests.test_ota.TestKeys.test_wipe[0]", Pass, "", ""},
				{"tests.test_ota.TestKeys.test_wipe[1]", Pass, "", ""},
				{"tests.test_ota.test_setup_error", Fail, "failed on setup", "fixture 'missing_fixture' not found"},
			}, "pytest.xml")
			for _, r := range rs {
				if r.Time.IsZero() {
					t.Errorf("%s: the suite timestamp was not read", r.ID)
				}
			}
			s := NewSet(rs)
			for _, ref := range []string{"test_ota.test_rollback", "tests.test_ota::test_rollback", "test_rollback"} {
				if got := s.Find(ref); len(got) != 1 || got[0].ID != "tests.test_ota.test_rollback" {
					t.Errorf("Find(%q) = %v", ref, got)
				}
			}
		})
	}
}

// TestReadJUnitCtest runs the real ctest (Debian's cmake) on a project
// with a passing, a failing, a disabled and a skipped test.
func TestReadJUnitCtest(t *testing.T) {
	cmake := need(t, "cmake", "cmake")
	ctest := need(t, "ctest", "cmake")
	dir := writeTree(t, map[string]string{"CMakeLists.txt": `cmake_minimum_required(VERSION 3.21)
project(fw LANGUAGES NONE)
enable_testing()
add_test(NAME ota_signed COMMAND sh -c "exit 0")
add_test(NAME ota_rollback COMMAND sh -c "echo older image accepted; exit 1")
add_test(NAME on_board COMMAND sh -c "exit 0")
set_tests_properties(on_board PROPERTIES DISABLED TRUE)
add_test(NAME needs_hsm COMMAND sh -c "exit 77")
set_tests_properties(needs_hsm PROPERTIES SKIP_RETURN_CODE 77)
`})
	build := filepath.Join(dir, "build")
	if b, err := exec.Command(cmake, "-S", dir, "-B", build).CombinedOutput(); err != nil {
		t.Fatalf("cmake: %v\n%s", err, b)
	}
	cmd := exec.Command(ctest, "--output-junit", "ctest.xml")
	cmd.Dir = build
	_ = cmd.Run() // fails because a test fails
	f, err := os.Open(filepath.Join(build, "ctest.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rs, err := ReadJUnit("ctest.xml", f)
	if err != nil {
		t.Fatal(err)
	}
	checkResults(t, rs, []want{
		{"ota_signed", Pass, "", ""},
		{"ota_rollback", Fail, "failure", "older image accepted"},
		{"on_board", Skip, "disabled", ""},
		{"needs_hsm", Skip, "SKIP_RETURN_CODE=77", ""},
	}, "ctest.xml")
}

func readFile(t *testing.T, name string) []Result {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rs, err := ReadJUnit(name, f)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestReadJUnitTwister(t *testing.T) {
	rs := readFile(t, "twister.xml")
	checkResults(t, rs, []want{
		{"kernel.common.errno", Pass, "", ""},
		{"crypto.mbedtls.aes_gcm", Fail, "failed", "tag mismatch accepted"},
		{"bluetooth.host.smp_sc_only", Skip, "Not supported on this platform", ""},
		{"boot.mcuboot.image_validation", Fail, "Timeout", "Booting MCUboot"},
		{"nrf52840dk/nrf52840:drivers.flash", Pass, "", ""},
	}, "twister.xml")
	want := time.Date(2026, 1, 2, 10, 11, 12, 345678000, time.UTC)
	if !rs[0].Time.Equal(want) {
		t.Errorf("time %v, want %v", rs[0].Time, want)
	}
	if got := NewSet(rs).Find("drivers.flash"); len(got) != 1 {
		t.Errorf("Find(drivers.flash) = %v", got)
	}
}

func TestReadJUnitSurefire(t *testing.T) {
	rs := readFile(t, "surefire.xml")
	checkResults(t, rs, []want{
		{"com.example.fw.OtaVerifierTest.rejectsUnsignedImage", Pass, "", ""},
		{"com.example.fw.OtaVerifierTest.rejectsOlderVersion", Fail, "expected: <false> but was: <true>", "checking version 3 < 4"},
		{"com.example.fw.OtaVerifierTest.verifiesOnBoard", Skip, "needs a board", ""},
		{"com.example.fw.OtaVerifierTest.acceptsRetriedDownload", Pass, "flaky", ""},
	}, "surefire.xml")
	if got := byID(rs)["com.example.fw.OtaVerifierTest.acceptsRetriedDownload"].Duration; got != 1036500*time.Millisecond {
		t.Errorf("duration %v, want 17m16.5s", got)
	}
	if got := NewSet(rs).Find("OtaVerifierTest.rejectsOlderVersion"); len(got) != 1 {
		t.Errorf("Find by class.method = %v", got)
	}
}

func TestReadJUnitBad(t *testing.T) {
	html, err := os.ReadFile(filepath.Join("testdata", "not-junit.html"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "bad.xml:1: empty file, not JUnit XML"},
		{"html", string(html), "bad.xml:2:1: root element <html> is not <testsuites> or <testsuite>"},
		{"plain text", "All 12 tests passed\n", "bad.xml:1: text before the root element: not JUnit XML"},
		{"json", `{"tests": []}`, "bad.xml:1: text before the root element"},
		{"broken tag", "<testsuite name=\"a\">\n<testcase name=\"x\"\n</testsuite>", "bad.xml:3: not JUnit XML: "},
		{"cut", "<testsuites>\n<testsuite name=\"a\">\n<testcase name=\"x\">\n<failure message=\"bo", "bad.xml:4: the file ends in the middle of the XML"},
		{"cut after element", "<testsuites>\n<testsuite name=\"a\">\n<testcase name=\"x\"/>\n", "bad.xml:4: the file ends in the middle of the XML"},
		{"mismatched", "<testsuite>\n<testcase name=\"x\"></testsuite>", "bad.xml:2: not JUnit XML: element <testcase> closed by </testsuite>"},
		{"no name", "<testsuite>\n  <testcase classname=\"a\"/>\n</testsuite>", "bad.xml:2:3: <testcase> without a name"},
		{"bad time", "<testsuite>\n<testcase name=\"x\" time=\"fast\"/>\n</testsuite>", "bad.xml:2:1: <testcase name=\"x\" time=\"fast\">: not a number of seconds"},
		{"bad timestamp", "<testsuite timestamp=\"yesterday\">\n</testsuite>", "bad.xml:1:1: <testsuite timestamp=\"yesterday\">"},
		{"two roots", "<testsuite/>\n<testsuite/>", "bad.xml:2:1: a second root element <testsuite>"},
		{"latin1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><testsuite/>", "bad.xml:1:1: not JUnit XML: "},
		{"utf16", "\xff\xfe<\x00", "bad.xml:1: the file is UTF-16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadJUnit("bad.xml", strings.NewReader(tt.in))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("got %v\nwant prefix %q", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Hint == "" {
				t.Errorf("not an *Error with a hint: %#v", err)
			}
		})
	}
}

func TestReadJUnitNested(t *testing.T) {
	in := `<?xml version="1.0"?>
<testsuites timestamp="2026-03-04T05:06:07Z">
  <testsuite name="outer">
    <testsuite name="inner" timestamp="2026-03-04T05:06:08+01:00">
      <testcase name="a" time="0.5"/>
    </testsuite>
    <testcase name="b"><skipped/></testcase>
  </testsuite>
</testsuites>`
	rs, err := ReadJUnit("n.xml", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	got := byID(rs)
	if r := got["inner.a"]; r.Status != Pass || r.Duration != 500*time.Millisecond || !r.Time.Equal(time.Date(2026, 3, 4, 4, 6, 8, 0, time.UTC)) || r.Line != 5 {
		t.Errorf("inner.a = %+v", r)
	}
	if r := got["outer.b"]; r.Status != Skip || r.Message != "skipped" || !r.Time.Equal(time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)) {
		t.Errorf("outer.b = %+v", r)
	}
}
