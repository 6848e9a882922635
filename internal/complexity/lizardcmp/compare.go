package main

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/complexity"
)

// fn is one function as either tool reports it.
type fn struct {
	file, name string
	start, end int
	ccn, nloc  int
}

func (f fn) key() string { return f.file + "\x00" + f.name + "\x00" + strconv.Itoa(f.start) }

func (f fn) String() string {
	return fmt.Sprintf("%s:%d-%d %s ccn=%d nloc=%d", f.file, f.start, f.end, f.name, f.ccn, f.nloc)
}

// parseLizardCSV reads lizard --csv: NLOC, CCN, token, PARAM, length,
// location, file, function, long_name, start, end.
func parseLizardCSV(data []byte, tree string) ([]fn, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var out []fn
	for line := 1; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("lizard CSV line %d: %w", line, err)
		}
		if len(rec) < 11 || rec[0] == "NLOC" {
			continue
		}
		nums := make([]int, 0, 4)
		for _, i := range []int{0, 1, 9, 10} {
			n, err := strconv.Atoi(rec[i])
			if err != nil {
				return nil, fmt.Errorf("lizard CSV line %d: field %d: %v", line, i+1, err)
			}
			nums = append(nums, n)
		}
		out = append(out, fn{file: rel(rec[6], tree), name: rec[7], nloc: nums[0], ccn: nums[1], start: nums[2], end: nums[3]})
	}
}

func fromAnalyzer(fs []complexity.Function, tree string) []fn {
	out := make([]fn, len(fs))
	for i, f := range fs {
		out[i] = fn{file: rel(f.File, tree), name: strings.ReplaceAll(f.Name, `"`, "'"), start: f.StartLine, end: f.EndLine, ccn: f.CCN, nloc: f.NLOC}
	}
	return out
}

func rel(file, tree string) string {
	r, err := filepath.Rel(filepath.Clean(tree), filepath.Clean(file))
	if err != nil {
		return filepath.ToSlash(file)
	}
	return filepath.ToSlash(r)
}

type comparison struct {
	lizard, ours      int
	both, sameCCN     int
	sameNLOC, sameEnd int
	ccnDiff           [][2]fn
	onlyLizard        []fn
	onlyOurs          []fn
	// explained differences, by class
	dupOurs       []fn // in a file whose content another file has too
	otherLanguage []fn // lizard analyses Python and more; assure C, C++, Go
	lostByLizard  []fn // after the last function lizard finds in the file
	variants      []fn // a second #if variant of a function both find
	keywordFuncs  []fn // lizard took a statement ("if (…) {") for a function
	lizardLast    map[string]int
	matched       map[string]bool // keys both found
}

// explain sorts the functions only one tool found into the classes
// docs/complexity.md explains; what is left stays in onlyLizard/onlyOurs.
// dup reports whether a file (relative to the tree) has an identical twin.
func (c *comparison) explain(dup func(file string) bool) {
	var rest []fn
	for _, f := range c.onlyOurs {
		switch last, ok := c.lizardLast[f.file]; {
		case dup(f.file):
			c.dupOurs = append(c.dupOurs, f)
		case c.matched[f.key()]:
			// Same file, name and start as a function both find: the
			// other branch of "#if … { … } #else { … } #endif" after one
			// header; lizard reads the second body as loose statements.
			c.variants = append(c.variants, f)
		case !ok || f.start > last:
			// lizard stopped finding functions in this file before
			// this one: a "<<" at file scope or #if branches that each
			// open a brace threw its reading off (docs/complexity.md).
			c.lostByLizard = append(c.lostByLizard, f)
		default:
			rest = append(rest, f)
		}
	}
	c.onlyOurs = rest
	rest = nil
	for _, f := range c.onlyLizard {
		switch {
		case complexity.LanguageOf(f.file) == "":
			c.otherLanguage = append(c.otherLanguage, f)
		case keywords[f.name]:
			c.keywordFuncs = append(c.keywordFuncs, f)
		default:
			rest = append(rest, f)
		}
	}
	c.onlyLizard = rest
}

// compare matches functions by file, name and start line.
func compare(theirs, ours []fn) comparison {
	c := comparison{lizard: len(theirs), ours: len(ours), lizardLast: map[string]int{}, matched: map[string]bool{}}
	for _, t := range theirs {
		c.lizardLast[t.file] = max(c.lizardLast[t.file], t.end)
	}
	byKey := map[string][]fn{}
	for _, f := range ours {
		byKey[f.key()] = append(byKey[f.key()], f)
	}
	for _, t := range theirs {
		list := byKey[t.key()]
		if len(list) == 0 {
			c.onlyLizard = append(c.onlyLizard, t)
			continue
		}
		o := list[0]
		byKey[t.key()] = list[1:]
		c.matched[t.key()] = true
		c.both++
		if o.ccn == t.ccn {
			c.sameCCN++
		} else {
			c.ccnDiff = append(c.ccnDiff, [2]fn{t, o})
		}
		if o.nloc == t.nloc {
			c.sameNLOC++
		}
		if o.end == t.end {
			c.sameEnd++
		}
	}
	for _, list := range byKey {
		c.onlyOurs = append(c.onlyOurs, list...)
	}
	order := func(a, b fn) int {
		return cmp.Or(strings.Compare(a.file, b.file), cmp.Compare(a.start, b.start), strings.Compare(a.name, b.name))
	}
	slices.SortFunc(c.onlyOurs, order)
	slices.SortFunc(c.onlyLizard, order)
	slices.SortFunc(c.ccnDiff, func(a, b [2]fn) int { return order(a[0], b[0]) })
	return c
}

func pct(n, d int) float64 {
	if d == 0 {
		return 100
	}
	return 100 * float64(n) / float64(d)
}

func (c comparison) write(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "functions: lizard %d, assure %d, both %d\n", c.lizard, c.ours, c.both)
	fmt.Fprintf(w, "same CCN:  %d of %d (%.2f%%)\n", c.sameCCN, c.both, pct(c.sameCCN, c.both))
	fmt.Fprintf(w, "same NLOC: %d of %d (%.2f%%)\n", c.sameNLOC, c.both, pct(c.sameNLOC, c.both))
	fmt.Fprintf(w, "same end line: %d of %d (%.2f%%)\n", c.sameEnd, c.both, pct(c.sameEnd, c.both))
	fmt.Fprintf(w, "only assure, in files whose content another file repeats (lizard skips those): %d\n", len(c.dupOurs))
	fmt.Fprintf(w, "only assure, after the point where lizard stops finding functions in a file: %d\n", len(c.lostByLizard))
	fmt.Fprintf(w, "only assure, a second #if variant of a function both find: %d\n", len(c.variants))
	fmt.Fprintf(w, "only lizard, in languages assure does not analyse: %d\n", len(c.otherLanguage))
	fmt.Fprintf(w, "only lizard, a statement taken for a function (named if, for, …): %d\n", len(c.keywordFuncs))
	fmt.Fprintf(w, "unexplained: only lizard %d, only assure %d\n", len(c.onlyLizard), len(c.onlyOurs))
	limit := 20
	if verbose {
		limit = 1 << 30
	}
	section := func(title string, n int, line func(i int) string) {
		if n == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s (%d):\n", title, n)
		for i := 0; i < n && i < limit; i++ {
			fmt.Fprintln(w, "  "+line(i))
		}
		if n > limit {
			fmt.Fprintf(w, "  … %d more (-v lists all)\n", n-limit)
		}
	}
	section("different CCN (lizard, assure)", len(c.ccnDiff), func(i int) string {
		d := c.ccnDiff[i]
		return fmt.Sprintf("%s  lizard %d  assure %d", d[0], d[0].ccn, d[1].ccn)
	})
	section("only assure, lost by lizard", len(c.lostByLizard), func(i int) string { return c.lostByLizard[i].String() })
	section("only assure, #if variants", len(c.variants), func(i int) string { return c.variants[i].String() })
	section("only lizard, statements taken for functions", len(c.keywordFuncs), func(i int) string { return c.keywordFuncs[i].String() })
	section("only lizard", len(c.onlyLizard), func(i int) string { return c.onlyLizard[i].String() })
	section("only assure", len(c.onlyOurs), func(i int) string { return c.onlyOurs[i].String() })
}

// keywords are C words lizard takes for a function name when it reads
// "if (…) {" outside what it thinks is a function body.
var keywords = map[string]bool{"if": true, "for": true, "while": true, "switch": true, "return": true, "sizeof": true, "do": true, "else": true}
