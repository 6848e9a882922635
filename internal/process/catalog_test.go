package process

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// releaseChecks is what the checks of this release declare; it mirrors
// check.Requirements() and is kept here so this package's tests do not
// depend on the checks (internal/check validates the real map).
var releaseChecks = map[string][]string{
	"architecture":              {"PROC-7", "ARCH-3"},
	"change-management":         {"CM-3", "CM-4", "AU-1"},
	"code-review":               {"CR-1", "CR-2", "SR-3", "AU-1"},
	"complexity":                {"CX-1"},
	"kconfig-hardening":         {"DEF-5"},
	"kconfig-stack-protection":  {"EP-1"},
	"kconfig-thread-separation": {"EP-2"},
	"kconfig-defaults":          {"DEF-9", "DEF-10"},
	"kconfig-unused":            {"DEF-11"},
	"kconfig-hygiene":           {"DEF-10"},
	"threat-model":              {"TM-1", "TM-3", "TM-4", "TM-5", "TM-6"},
	"threat-treatment":          {"TM-2", "TM-7"},
	"threat-tests":              {"TM-11", "TM-12"},
	"threat-freshness":          {"TM-8"},
	"static-analysis": {"SA-1", "SA-2", "SA-3", "SA-5", "SA-6", "SA-7", "SA-8", "SA-9", "SA-10", "SA-11", "SA-12", "SA-13",
		"SA-14", "AU-3"},
}

func embeddedCatalog(t *testing.T) *Catalog {
	t.Helper()
	c, err := Embedded()
	if err != nil {
		t.Fatalf("embedded catalog does not parse: %v", err)
	}
	return c
}

func TestEmbeddedParses(t *testing.T) {
	c := embeddedCatalog(t)
	if c.Len() == 0 {
		t.Fatal("embedded catalog is empty")
	}
	if Load() != c {
		t.Error("Load does not return the catalog parsed once by Embedded")
	}
}

func TestEntries(t *testing.T) {
	idRE := regexp.MustCompile(`^[A-Z]{2,5}-[1-9][0-9]*$`)
	seen := make(map[string]bool)
	for _, r := range embeddedCatalog(t).All() {
		if !idRE.MatchString(r.ID) {
			t.Errorf("%s: id does not match %s", r.ID, idRE)
		}
		if seen[r.ID] {
			t.Errorf("%s: id used twice", r.ID)
		}
		seen[r.ID] = true
		if !slices.Contains(Levels, r.Level) {
			t.Errorf("%s: level %q is not valid", r.ID, r.Level)
		}
		if !slices.Contains(Methods, r.Method) {
			t.Errorf("%s: method %q is not valid", r.ID, r.Method)
		}
		if n := utf8.RuneCountInString(r.Statement); strings.TrimSpace(r.Statement) == "" || n >= MaxStatement {
			t.Errorf("%s: statement has %d characters, want 1..%d", r.ID, n, MaxStatement-1)
		}
		if !strings.HasSuffix(r.Statement, ".") {
			t.Errorf("%s: statement %q is not one sentence ending in a period", r.ID, r.Statement)
		}
		if r.Method != Automated && r.Evidence == "" {
			t.Errorf("%s: %s requirement without evidence", r.ID, r.Method)
		}
	}
}

// TestNumbering keeps IDs dense per area: numbers 1..n, each used once or
// retired with a "# XX-n retired" comment. A gap means an entry was removed
// without a note, and its ID could be reused by mistake.
func TestNumbering(t *testing.T) {
	used := retiredIDs(catalogYAML)
	top := make(map[string]int)
	for _, r := range embeddedCatalog(t).All() {
		if used[r.ID] {
			t.Errorf("%s: used twice or marked retired", r.ID)
		}
		used[r.ID] = true
		area, num, _ := strings.Cut(r.ID, "-")
		n, _ := strconv.Atoi(num)
		top[area] = max(top[area], n)
	}
	for area, n := range top {
		for i := 1; i <= n; i++ {
			if id := area + "-" + strconv.Itoa(i); !used[id] {
				t.Errorf("%s is missing: give the next entry of area %s this number or mark it retired", id, area)
			}
		}
	}
}

// retiredIDs reads the "# XX-n retired" comments of the catalog.
func retiredIDs(data []byte) map[string]bool {
	re := regexp.MustCompile(`(?m)^\s*#\s*([A-Z]{2,5}-[1-9][0-9]*) retired`)
	out := make(map[string]bool)
	for _, m := range re.FindAllSubmatch(data, -1) {
		out[string(m[1])] = true
	}
	return out
}

// TestAutomatedSet pins what this release claims to automate: claiming more
// would overstate what the gate proves.
func TestAutomatedSet(t *testing.T) {
	want := []string{"SA-1", "SA-2", "EP-1", "EP-2", "ARCH-3", "DEF-5", "DEF-9", "DEF-10", "DEF-11", "CM-3", "CM-4", "CR-1", "CR-2", "SA-3", "SA-5", "SA-6", "SA-7", "SA-8", "SA-9",
		"SA-10", "SA-11", "SA-12", "SA-13", "SA-14", "CX-1", "AU-1", "AU-3", "TM-1", "TM-2", "PROC-7", "SR-3", "TM-3", "TM-4", "TM-5", "TM-6", "TM-7", "TM-8", "TM-11", "TM-12"}
	var got []string
	for _, r := range embeddedCatalog(t).All() {
		if r.Method == Automated {
			got = append(got, r.ID)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("automated requirements = %v, want %v", got, want)
	}
	if err := embeddedCatalog(t).Validate(releaseChecks); err != nil {
		t.Errorf("Validate(releaseChecks): %v", err)
	}
}

// TestNotCoveredNamesCapability: a not-covered entry must say which planned
// capability will cover it, so the roadmap can be read off the catalog.
func TestNotCoveredNamesCapability(t *testing.T) {
	planned := []string{"static analysis", "complexity", "configuration management", "threat modeling",
		"security issue management server", "release management", "certification"}
	for _, r := range embeddedCatalog(t).All() {
		if r.Method != NotCovered {
			continue
		}
		rest, ok := strings.CutPrefix(r.Evidence, "Planned: ")
		if !ok || !slices.ContainsFunc(planned, func(p string) bool { return strings.HasPrefix(rest, p) }) {
			t.Errorf("%s: evidence %q does not start with \"Planned: \" and one of %v", r.ID, r.Evidence, planned)
		}
	}
}

func TestSectionsContiguous(t *testing.T) {
	c := embeddedCatalog(t)
	done := make(map[string]bool)
	prev := ""
	for _, r := range c.All() {
		if r.Section != prev {
			if done[r.Section] {
				t.Errorf("%s: section %q appears again after other sections; keep catalog order = spec order", r.ID, r.Section)
			}
			done[prev] = true
			prev = r.Section
		}
	}
	secs := c.Sections()
	if len(secs) != len(done) {
		t.Errorf("Sections() has %d entries, catalog has %d distinct sections", len(secs), len(done))
	}
}

func TestAccessors(t *testing.T) {
	c := embeddedCatalog(t)
	all := c.All()
	for _, r := range all {
		got, ok := c.Get(r.ID)
		if !ok || got != r {
			t.Errorf("Get(%s) = %+v, %v; want %+v", r.ID, got, ok, r)
		}
	}
	if _, ok := c.Get("NOPE-1"); ok {
		t.Error("Get(NOPE-1) found a requirement")
	}
	all[0].Statement = "changed"
	if c.All()[0].Statement == "changed" {
		t.Error("All returns the catalog's own slice; callers could change the catalog")
	}
	var empty Catalog
	if empty.Len() != 0 || len(empty.All()) != 0 || len(empty.Sections()) != 0 {
		t.Error("zero Catalog is not empty")
	}
	if _, ok := empty.Get("CM-1"); ok {
		t.Error("zero Catalog found CM-1")
	}
}
