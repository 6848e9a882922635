package sarif

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/jsonpos"
)

// resultsLast is shaped as clang and gosec write SARIF: keys sorted, so a
// run's results come before the tool that says what the rules are.
const resultsLast = `{
  "runs": [
    {
      "results": [
        {"message": {"text": "first"}, "ruleId": "a", "ruleIndex": 0,
         "locations": [{"physicalLocation": {"artifactLocation": {"index": 0}, "region": {"startLine": 3, "snippet": {"text": "x = 1;"}}}}]},
        {"message": {"id": "m", "arguments": ["p"]}, "rule": {"id": "b", "toolComponent": {"index": 0}}, "kind": "fail"}
      ],
      "artifacts": [{"location": {"uri": "src/a.c", "uriBaseId": "SRC"}}],
      "originalUriBaseIds": {"SRC": {"uri": "file:///work/"}},
      "columnKind": "unicodeCodePoints",
      "tool": {"driver": {"name": "t", "version": "1.0", "rules": [{"id": "a", "defaultConfiguration": {"level": "note"}}]},
               "extensions": [{"name": "pack", "rules": [{"id": "b", "messageStrings": {"m": {"text": "bad {0}"}}}]}]}
    },
    {"tool": {"driver": {"name": "u"}}},
    {"tool": {"driver": {"name": "v"}}, "results": []}
  ],
  "version": "2.1.0"
}`

func TestReaderStreamsResultsAfterHeader(t *testing.T) {
	rd, err := NewReader("x.sarif", strings.NewReader(resultsLast), int64(len(resultsLast)))
	if err != nil {
		t.Fatal(err)
	}
	log := rd.Log()
	if len(log.Runs) != 3 || log.Version != "2.1.0" {
		t.Fatalf("log = %+v", log)
	}
	r0 := log.Runs[0]
	if r0.Tool.Driver.Name != "t" || r0.Tool.Driver.Rules[0].DefaultConfiguration.Level != "note" ||
		r0.Tool.Extensions[0].Rules[0].MessageStrings["m"].Text != "bad {0}" ||
		r0.Artifacts[0].Location.URI != "src/a.c" || r0.OriginalURIBaseIDs["SRC"].URI != "file:///work/" ||
		r0.ColumnKind != "unicodeCodePoints" || r0.Results != nil {
		t.Fatalf("run 0 header = %+v", r0)
	}
	var got []string
	err = rd.Results(0, func(i int, res *Result) error {
		loc := ""
		if len(res.Locations) > 0 {
			pl := res.Locations[0].PhysicalLocation
			loc = fmt.Sprintf(" artifact=%d line=%d snippet=%q", *pl.ArtifactLocation.Index, pl.Region.StartLine, pl.Region.Snippet.Text)
		}
		rule := res.RuleID
		if res.Rule != nil {
			rule = res.Rule.ID + fmt.Sprintf("@ext%d", *res.Rule.ToolComponent.Index)
		}
		got = append(got, fmt.Sprintf("%d %s %q%v%s", i, rule, res.Message.Text+res.Message.ID, res.Message.Arguments, loc))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`0 a "first"[] artifact=0 line=3 snippet="x = 1;"`,
		`1 b@ext0 "m"[p]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("results:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i, want := range []struct {
		n       int
		present bool
	}{{2, true}, {0, false}, {0, true}} {
		if n, present := rd.ResultCount(i); n != want.n || present != want.present {
			t.Errorf("ResultCount(%d) = %d, %v; want %d, %v", i, n, present, want.n, want.present)
		}
		if err := rd.Results(i, func(int, *Result) error { return nil }); err != nil {
			t.Errorf("Results(%d): %v", i, err)
		}
	}
}

func TestReaderCallbackErrorStops(t *testing.T) {
	rd, err := NewReader("x.sarif", strings.NewReader(resultsLast), int64(len(resultsLast)))
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	stop := fmt.Errorf("stop")
	if err := rd.Results(0, func(int, *Result) error { calls++; return stop }); err != stop || calls != 1 {
		t.Fatalf("err = %v after %d calls, want stop after 1", err, calls)
	}
}

// TestStreamAgreesWithWholeDocument: every message the streaming validator
// gives is the one validating the whole document at once gives.
func TestStreamAgreesWithWholeDocument(t *testing.T) {
	docs := []string{
		minimal, resultsLast, `[]`, `[[1], {"a": 2}]`, `"x"`, `null`, `{}`, `{"runs": null, "version": "2.1.0"}`,
		`{"version": "2.1.0", "runs": {"results": []}}`,
		`{"version": "2.1.0", "runs": [1, {"tool": {"driver": {"name": "x"}}, "results": 7}]}`,
		// Violations both inside results and outside: the first in pointer
		// order wins whichever pass saw it, and all are counted.
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": 1}}, "results": [{"message": {"text": "m"}, "level": "x"}, {"message": {"text": "m"}, "level": "y"}]}]}`,
		`{"version": "2.1.0", "runs": [{"results": [{"message": {}, "level": "x"}], "tool": {"driver": {}}}, {"results": [{}]}], "extra": 1}`,
		`{"runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "partialFingerprints": {"a/b~c": 1}}]}]}`,
		"{\n  \"version\": \"2.1.0\",\n  \"runs\": [,]\n}",
		"{\"version\": \"2.1.0\",\n",
		minimal + "\n  {}",
		``,
		"  \n",
	}
	for i, doc := range docs {
		want := validateWhole("d.sarif", []byte(doc))
		got := Validate("d.sarif", []byte(doc))
		if !sameVerdict(got, want) {
			t.Errorf("doc %d:\nstream: %v\nwhole:  %v", i, got, want)
		}
	}
}

// sameVerdict compares two validation errors. Syntax errors must agree on
// the position; the two JSON decoders word the reason differently.
func sameVerdict(a, b error) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	as, bs := a.Error(), b.Error()
	if i := strings.Index(as, "invalid JSON: "); i >= 0 {
		return i == strings.Index(bs, "invalid JSON: ") && as[:i] == bs[:i]
	}
	return as == bs
}

func TestDuplicateKeysAreRefused(t *testing.T) {
	doc := `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [],
  "results": [{"message": {"text": "hidden"}}]}]}`
	err := Validate("d.sarif", []byte(doc))
	if err == nil || !strings.Contains(err.Error(), "d.sarif: line 2, column 3: invalid JSON: duplicate object member name") {
		t.Fatalf("err = %v", err)
	}
}

// TestLineColAcrossChunks checks the chunked counter against jsonpos on a
// document larger than one chunk, with characters of every UTF-8 length
// (and an invalid byte) falling across chunk boundaries.
func TestLineColAcrossChunks(t *testing.T) {
	var b bytes.Buffer
	pieces := []string{"a", "é", "€", "𝄞", "\n", "\xff", "\t"}
	for i := 0; b.Len() < 200*1024; i++ {
		b.WriteString(pieces[i%len(pieces)])
		if i%97 == 0 {
			b.WriteString(pieces[(i/97)%len(pieces)])
		}
	}
	data := b.Bytes()
	for _, off := range []int{0, 1, 65535, 65536, 65537, 65538, 131071, 131072, 131073, len(data) - 1, len(data)} {
		wl, wc := jsonpos.LineCol(data, off)
		gl, gc := lineCol(bytes.NewReader(data), int64(off))
		if wl != gl || wc != gc {
			t.Errorf("offset %d: got %d:%d, want %d:%d", off, gl, gc, wl, wc)
		}
	}
}

// TestDeepNestingIsAnError: the reader builds values recursively; the
// decoder's depth limit is what keeps a hostile file from exhausting the
// stack, inside results and outside.
func TestDeepNestingIsAnError(t *testing.T) {
	deep := strings.Repeat("[", 200000) + strings.Repeat("]", 200000)
	for _, doc := range []string{
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [` + deep + `]}]}`,
		`{"version": "2.1.0", "runs": [], "x": ` + deep + `}`,
	} {
		err := Validate("d.sarif", []byte(doc))
		if err == nil || !strings.Contains(err.Error(), "invalid JSON: exceeded max depth") {
			t.Errorf("err = %v", err)
		}
	}
}
