package waiver

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/analysis"
)

func result(tool, rule, file string, line int, fp string) analysis.Result {
	return analysis.Result{Tool: tool, Rule: rule, File: file, Region: analysis.Region{StartLine: line}, Fingerprint: fp, Level: analysis.LevelError}
}

func TestReconcile(t *testing.T) {
	src := map[string]string{
		"src/parse.c": "" +
			"void parse(char *d, const char *s) {\n" + // 1
			"  /* assure: waive W-0001 */\n" + // 2
			"  strcpy(d, s);\n" + // 3: waived, comment above
			"  strcat(d, s);\n" + // 4: waived (W-0002), no comment
			"  sprintf(d, s); // assure: waive W-0099\n" + // 5: unknown waiver
			"  gets(d); // assure: waive W-0003\n" + // 6: rejected waiver
			"  puts(d); // assure: waive W-0004\n" + // 7: W-0004 waives line 20 elsewhere: orphaned
			"  atoi(s); // NOLINT(cert-err34-c)\n" + // 8: native without id
			"  memcpy(d, s, 4); // cppcheck-suppress bufferAccessOutOfBounds ; W-0006\n" + // 9: native with id
			"}\n",
		"src/other.c": "int x; // assure: waive W-0004\n",
	}
	comments := Comments{}
	for f, s := range src {
		comments[f] = Scan([]byte(s))
	}
	w := func(id string, st Status, file, fp string) Waiver {
		x := complete(id)
		x.Status, x.File, x.Fingerprint = st, file, fp
		return x
	}
	reg := &Registry{File: "security/waivers.yaml", NextID: 10, Waivers: []Waiver{
		w("W-0001", Accepted, "src/parse.c", "fp3"),
		w("W-0002", Accepted, "src/parse.c", "fp4"),
		w("W-0003", Rejected, "src/parse.c", "fp6"),
		w("W-0004", Accepted, "src/other.c", "fp-other"),
		w("W-0005", Accepted, "src/parse.c", "gone"),
		w("W-0006", UnderReview, "src/parse.c", "fp9"),
	}}
	for i := range reg.Waivers {
		reg.Waivers[i].Pos.File, reg.Waivers[i].Pos.Line = reg.File, 10*(i+1)
	}
	ix := NewIndex(reg, "2026-06-01")
	rc := NewReconciler(ix, comments)
	results := []analysis.Result{
		result("flawfinder", "FF1001", "src/parse.c", 3, "fp3"),
		result("Flawfinder", "FF1001", "src/parse.c", 4, "fp4"),
		result("flawfinder", "FF1001", "src/parse.c", 5, "fp5"),
		result("flawfinder", "FF1001", "src/parse.c", 6, "fp6"),
		result("flawfinder", "FF1001", "src/parse.c", 9, "fp9"),
		result("flawfinder", "FF1001", "src/other.c", 2, "fp-other"),
	}
	suppressed := result("cppcheck", "nullPointer", "src/new.c", 7, "fp-s")
	suppressed.Suppressed = true
	results = append(results, suppressed)
	var states []string
	for i := range results {
		o, err := rc.Result(&results[i])
		if err != nil {
			t.Fatal(err)
		}
		s := "-"
		if o.Waiver != nil {
			s = fmt.Sprintf("%s waived=%v comment=%v", o.Waiver.ID, o.Waived, o.Comment != nil)
		}
		states = append(states, s)
	}
	wantStates := []string{
		"W-0001 waived=true comment=true",
		"W-0002 waived=true comment=false",
		"-",
		"W-0003 waived=false comment=true",
		"W-0006 waived=false comment=true",
		"W-0004 waived=true comment=false",
		"-",
	}
	if strings.Join(states, "\n") != strings.Join(wantStates, "\n") {
		t.Errorf("outcomes:\n%s\nwant:\n%s", strings.Join(states, "\n"), strings.Join(wantStates, "\n"))
	}
	var got []string
	problems, err := rc.Finish([]string{"src/other.c"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		got = append(got, fmt.Sprintf("%s %s %s", p.Pos, p.Kind, p.Waiver))
	}
	want := []string{
		"security/waivers.yaml:50 waiver-stale W-0005",
		"src/new.c:7 native-suppression-unregistered ",
		"src/other.c:1:11 comment-orphaned W-0004",
		"src/other.c:2 waiver-comment-missing W-0004",
		"src/parse.c:4 waiver-comment-missing W-0002",
		"src/parse.c:5:21 comment-unknown-waiver W-0099",
		"src/parse.c:6:15 comment-rejected-waiver W-0003",
		"src/parse.c:7:15 comment-orphaned W-0004",
		"src/parse.c:8:15 native-suppression-unregistered ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestIndexPrefersWhatWaives(t *testing.T) {
	a, b, c := complete("W-0001"), complete("W-0002"), complete("W-0003")
	a.Status, b.Expires, c.Status = Rejected, "2020-01-01", UnderReview
	reg := &Registry{Waivers: []Waiver{a, b, c}}
	for i := range reg.Waivers {
		reg.Waivers[i].Fingerprint = "same"
	}
	ix := NewIndex(reg, "2026-06-01")
	r := result("flawfinder", "FF1001", "src/parse.c", 1, "same")
	if i := ix.Match(&r); i != 2 {
		t.Errorf("Match = %d, want the waiver under review (2) over an expired (1) and a rejected one (0)", i)
	}
	reg.Waivers = append(reg.Waivers, complete("W-0004"))
	reg.Waivers[3].Fingerprint = "same"
	ix = NewIndex(reg, "2026-06-01")
	if i := ix.Match(&r); i != 3 || !ix.Waives(&reg.Waivers[i]) {
		t.Errorf("Match = %d, want the accepted one (3)", i)
	}
	ix.Distrust([]Problem{{Kind: KindSelfApproval, Waiver: "W-0004"}})
	if ix.Waives(&reg.Waivers[3]) {
		t.Error("a waiver with an invalid approval waives")
	}
	r.Rule = "FF1002"
	if i := ix.Match(&r); i != -1 {
		t.Errorf("a result of another rule matched waiver %d", i)
	}
}

// A comment written on the finding's own line changes the text the
// fingerprint hashes; the waiver it names still covers the finding, unless
// its fingerprint matches another result.
func TestReconcileByComment(t *testing.T) {
	src := Comments{"a.c": Scan([]byte("strcpy(a, b); // assure: waive W-0001\nstrcat(a, b); // assure: waive W-0002\nx();\n"))}
	w1, w2 := complete("W-0001"), complete("W-0002")
	w1.File, w1.Fingerprint = "a.c", "before-the-comment"
	w2.File, w2.Fingerprint = "a.c", "fp-elsewhere"
	reg := &Registry{File: "w.yaml", NextID: 3, Waivers: []Waiver{w1, w2}}
	results := []analysis.Result{
		result("flawfinder", "FF1001", "a.c", 1, "after-the-comment"),
		result("flawfinder", "FF1001", "a.c", 2, "other"),
		result("flawfinder", "FF1001", "a.c", 3, "fp-elsewhere"),
	}
	rv, err := Reconcile(context.Background(), ReviewInput{Registry: reg, People: ModelPeople{Model: testModel()}, Today: "2026-06-01",
		Results: results, Markers: []string{}, Source: src})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, o := range rv.Outcomes {
		s := "-"
		if o.Waiver != nil {
			s = fmt.Sprintf("%s comment=%v", o.Waiver.ID, o.Comment != nil)
		}
		got = append(got, s)
	}
	want := []string{"W-0001 comment=true", "-", "W-0002 comment=false"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("outcomes %v, want %v", got, want)
	}
	var kinds []string
	for _, p := range rv.Problems {
		kinds = append(kinds, fmt.Sprintf("%s:%d %s", p.Kind, p.Pos.Line, p.Waiver))
	}
	if want := "comment-orphaned:2 W-0002, waiver-comment-missing:3 W-0002"; strings.Join(kinds, ", ") != want {
		t.Errorf("problems %v, want %s", kinds, want)
	}
}
