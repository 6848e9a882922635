package waiver

import (
	"fmt"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/analysis"
	"github.com/assure-dev/assure/internal/model"
)

// Reconciler cross-checks the three records of a waiver — the registry, the
// comments in the source and the results of the analysis — both ways. Feed
// it every result once with Result, then call Finish. It keeps per-waiver
// counters and the comments of the files it scanned, never the results, so
// memory does not grow with their number; a file is scanned when the first
// result in it arrives.
type Reconciler struct {
	ix  *Index
	src Source
	// comments by file; named[file][i][j]: comment i named its j-th waiver
	// at a result that waiver covers.
	comments map[string][]Comment
	named    map[string][][]bool
	hits     []int
	problems []Problem
	// byFingerprint[i]: some result has waiver i's fingerprint (Expect).
	byFingerprint []bool
}

// Source gives the waiver comments of a file (slash-separated, relative to
// the repository root), in line order as Scan returns them.
type Source interface {
	Comments(file string) ([]Comment, error)
}

// Comments is a Source held in memory.
type Comments map[string][]Comment

// Comments implements Source.
func (c Comments) Comments(file string) ([]Comment, error) { return c[file], nil }

// Outcome is what the record says about one result.
type Outcome struct {
	// Waiver is the waiver that matches the result, or nil.
	Waiver *Waiver
	// Waived is true when Waiver is accepted, sound and not expired.
	Waived bool
	// Comment is the in-source comment naming Waiver at the result, or nil.
	Comment *Comment
}

// NewReconciler starts a cross-check of the registry ix indexes against
// the comments src gives.
func NewReconciler(ix *Index, src Source) *Reconciler {
	return &Reconciler{ix: ix, src: src, comments: map[string][]Comment{}, named: map[string][][]bool{}, hits: make([]int, len(ix.reg.Waivers))}
}

// load scans file once.
func (rc *Reconciler) load(file string) ([]Comment, error) {
	if cs, ok := rc.comments[file]; ok {
		return cs, nil
	}
	cs, err := rc.src.Comments(file)
	if err != nil {
		return nil, err
	}
	n := make([][]bool, len(cs))
	for i := range cs {
		n[i] = make([]bool, len(cs[i].Waivers))
	}
	rc.comments[file], rc.named[file] = cs, n
	return cs, nil
}

// Expect tells the reconciler, before the results arrive one by one,
// which waivers some result matches by fingerprint; only the others may be
// matched through their comment. Reconcile calls it; a caller feeding
// Result directly may skip it and then gets fingerprint matches only.
func (rc *Reconciler) Expect(results []analysis.Result) {
	rc.byFingerprint = make([]bool, len(rc.ix.reg.Waivers))
	for i := range results {
		if j := rc.ix.Match(&results[i]); j >= 0 {
			rc.byFingerprint[j] = true
		}
	}
}

// Result matches one result to its waiver and its comment. The waiver is
// the one with the result's fingerprint; failing that, one a comment at the
// result names, of the same tool, rule and file, that matches no other
// result: writing the comment on the finding's own line changes the text
// the fingerprint hashes, and the comment itself says which waiver it is.
func (rc *Reconciler) Result(r *analysis.Result) (Outcome, error) {
	var out Outcome
	line := r.Region.StartLine
	cs, err := rc.load(r.File)
	if err != nil {
		return out, err
	}
	// Comments are in line order and so is the last line each covers.
	first := sort.Search(len(cs), func(j int) bool { return cs[j].Last >= line })
	i := rc.ix.Match(r)
	if i < 0 && rc.byFingerprint != nil {
		i = rc.byComment(r, cs[first:], line)
	}
	if i >= 0 {
		rc.hits[i]++
		out.Waiver = &rc.ix.reg.Waivers[i]
		out.Waived = rc.ix.Waives(out.Waiver)
	}
	for k := first; k < len(cs) && cs[k].First <= line; k++ {
		c := &cs[k]
		if !c.Covers(line) || out.Waiver == nil {
			continue
		}
		for j, id := range c.Waivers {
			if id == out.Waiver.ID {
				rc.named[r.File][k][j] = true
				out.Comment = c
			}
		}
	}
	pos := model.Pos{File: r.File, Line: line, Column: r.Region.StartColumn}
	w := out.Waiver
	switch {
	case w != nil && w.Status != Rejected && out.Comment == nil:
		rc.problems = append(rc.problems, Problem{Kind: KindCommentMissing, Waiver: w.ID, Pos: pos,
			Message: fmt.Sprintf("waiver %s of %s %s has no comment in the source at the finding", w.ID, r.Tool, r.Rule),
			Hint:    fmt.Sprintf("write /* assure: waive %s */ on the line or the line above", w.ID)})
	case r.Suppressed && w == nil:
		rc.problems = append(rc.problems, Problem{Kind: KindNativeUnregistered, Pos: pos,
			Message: fmt.Sprintf("%s reports %s suppressed here, and no waiver of the registry covers it", r.Tool, r.Rule),
			Hint:    "record the suppression: assure waiver add, then name the waiver id in the suppressing comment"})
	}
	return out, nil
}

// Finish reports what only the whole picture shows: comments naming no,
// an unknown, a rejected or a misplaced waiver, native suppressions
// without a waiver id, and waivers no result matched (stale) — including
// the waivers of a tool that did not run: nothing shows they are needed.
// more are files to scan besides those results were in: the files with a
// marker (MarkerFiles).
func (rc *Reconciler) Finish(more []string) ([]Problem, error) {
	for _, f := range more {
		if _, err := rc.load(f); err != nil {
			return nil, err
		}
	}
	files := make([]string, 0, len(rc.comments))
	for f := range rc.comments {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		for i := range rc.comments[f] {
			rc.comment(f, &rc.comments[f][i], rc.named[f][i])
		}
	}
	for i := range rc.ix.reg.Waivers {
		w := &rc.ix.reg.Waivers[i]
		if rc.hits[i] > 0 || w.Status == Rejected || w.ID == "" {
			continue
		}
		rc.problems = append(rc.problems, Problem{Kind: KindStale, Waiver: w.ID, Pos: w.At("id"),
			Message: fmt.Sprintf("waiver %s matches no current finding (%s %s in %s): the finding is gone or has changed", w.ID, w.Tool, w.Rule, w.File),
			Hint:    "delete the waiver (its id stays retired) and its comment in the source; if the finding changed, waive the new one"})
	}
	SortProblems(rc.problems)
	return rc.problems, nil
}

func (rc *Reconciler) comment(file string, c *Comment, named []bool) {
	pos := model.Pos{File: file, Line: c.Line, Column: c.Column}
	if len(c.Waivers) == 0 {
		if c.Native() {
			rc.problems = append(rc.problems, Problem{Kind: KindNativeUnregistered, Pos: pos,
				Message: fmt.Sprintf("%s suppression names no waiver: %s", formNames(c), c.Text),
				Hint:    "record it in the registry (assure waiver add) and name the waiver id in this comment, e.g. \"" + nativeExample(c) + "\""})
			return
		}
		rc.problems = append(rc.problems, Problem{Kind: KindCommentUnknown, Pos: pos,
			Message: "waiver comment names no waiver id: " + c.Text,
			Hint:    "write the id of the registry's waiver: /* assure: waive W-0042 */"})
		return
	}
	for j, id := range c.Waivers {
		var w *Waiver
		if i, ok := rc.ix.byID[id]; ok {
			w = &rc.ix.reg.Waivers[i]
		}
		switch {
		case w == nil:
			rc.problems = append(rc.problems, Problem{Kind: KindCommentUnknown, Waiver: id, Pos: pos,
				Message: fmt.Sprintf("the comment names waiver %s, which the registry %s does not have", id, rc.ix.reg.File),
				Hint:    "record the waiver with assure waiver add and write its id here, or remove the comment"})
		case w.Status == Rejected:
			rc.problems = append(rc.problems, Problem{Kind: KindCommentRejected, Waiver: id, Pos: pos,
				Message: fmt.Sprintf("the comment names waiver %s, which was rejected", id),
				Hint:    "fix the finding and remove the comment; a rejected waiver waives nothing"})
		case !named[j]:
			rc.problems = append(rc.problems, Problem{Kind: KindCommentOrphaned, Waiver: id, Pos: pos,
				Message: fmt.Sprintf("the comment names waiver %s, but no finding it waives (%s %s in %s) is on this line or the next line of code", id, w.Tool, w.Rule, w.File),
				Hint:    "move the comment to the line of the finding or the line above it, or remove it if the finding is gone"})
		}
	}
}

// byComment finds the waiver a comment covering line names for r, among
// those no result matches by fingerprint and no earlier result took.
func (rc *Reconciler) byComment(r *analysis.Result, cs []Comment, line int) int {
	for k := 0; k < len(cs) && cs[k].First <= line; k++ {
		if !cs[k].Covers(line) {
			continue
		}
		for _, id := range cs[k].Waivers {
			i, ok := rc.ix.byID[id]
			if !ok || rc.byFingerprint[i] || rc.hits[i] > 0 {
				continue
			}
			w := &rc.ix.reg.Waivers[i]
			if strings.EqualFold(w.Tool, r.Tool) && w.Rule == r.Rule && w.File == r.File {
				return i
			}
		}
	}
	return -1
}

func formNames(c *Comment) string {
	var s []string
	for _, f := range c.Forms {
		if f.Native() && !contains(s, string(f)) {
			s = append(s, string(f))
		}
	}
	return strings.Join(s, ", ")
}

func nativeExample(c *Comment) string {
	for _, f := range c.Forms {
		switch f {
		case FormNosec:
			return "#nosec G104 -- W-0042: reason"
		case FormNolint:
			return "//nolint:gosec // W-0042: reason"
		case FormNOLINT:
			return "// NOLINT(check) W-0042: reason"
		case FormCppcheck:
			return "// cppcheck-suppress id ; W-0042: reason"
		case FormCoverity:
			return "/* coverity[tag] W-0042: reason */"
		}
	}
	return "W-0042"
}
