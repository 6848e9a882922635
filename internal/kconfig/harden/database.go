package harden

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/model"
)

// DefaultProfile is the profile of a rule that lists none, as in Zephyr.
const DefaultProfile = "base"

// Profile is one hardening profile.
type Profile struct {
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Extends     string    `json:"extends,omitempty"`
	Pos         model.Pos `json:"-"`
}

// Rule is one recommendation for one symbol: an exact Value, or a Min
// and/or Max for an int or hex symbol.
type Rule struct {
	// Symbol is the Kconfig name without CONFIG_.
	Symbol string `json:"symbol"`
	// Value is the recommended value as a .config spells it; empty with
	// HasValue false when the rule is a range.
	Value    string `json:"value,omitempty"`
	HasValue bool   `json:"-"`
	Min      *int64 `json:"min,omitempty"`
	Max      *int64 `json:"max,omitempty"`
	// Rationale says why; the schema requires it.
	Rationale  string   `json:"rationale"`
	References []string `json:"references,omitempty"`
	Profiles   []string `json:"profiles"`
	// Pos is where the rule's key is written; Source is the same as text.
	Pos    model.Pos `json:"-"`
	Source string    `json:"source"`
}

// Recommended renders what the rule asks for: "y", ">=100", ">=1, <=8".
func (r *Rule) Recommended() string {
	switch {
	case r.HasValue:
		return r.Value
	case r.Min != nil && r.Max != nil:
		return fmt.Sprintf(">=%d, <=%d", *r.Min, *r.Max)
	case r.Min != nil:
		return fmt.Sprintf(">=%d", *r.Min)
	case r.Max != nil:
		return fmt.Sprintf("<=%d", *r.Max)
	}
	return ""
}

// File is one hardening file after its schema check.
type File struct {
	Path     string
	Profiles []*Profile // sorted by name
	Rules    []*Rule    // sorted by symbol
	// HasProfiles is set when the file has a profiles key at all.
	HasProfiles bool
}

// Database is the merged hardening database.
type Database struct {
	Profiles map[string]*Profile
	Rules    map[string]*Rule
	Files    []string
}

// ReadFile reads and schema-checks one hardening file.
func ReadFile(path string) (*File, error) { return readFile(os.ReadFile, path) }

func readFile(read func(string) ([]byte, error), path string) (*File, error) {
	b, err := read(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (hint: name an existing hardening.yaml)", path, unwrapPath(err))
	}
	return Parse(path, b)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Load reads the in-tree files (the central hardening.yaml first, then its
// fragments) and the extra, out-of-tree files, and merges them the way
// Zephyr's hardeninglib does: profiles only in the first in-tree file; a
// rule defined twice in the tree is an error; extra files may add profiles
// (never redefine one) and add or override rules.
func Load(inTree, extra []string) (*Database, error) { return LoadWith(os.ReadFile, inTree, extra) }

// LoadWith is Load reading files with read, so that errors can name them
// relative to a repository root.
func LoadWith(read func(string) ([]byte, error), inTree, extra []string) (*Database, error) {
	var tree, more []*File
	var errs []error
	for _, p := range inTree {
		f, err := readFile(read, p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		tree = append(tree, f)
	}
	for _, p := range extra {
		f, err := readFile(read, p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		more = append(more, f)
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	return Merge(tree, more)
}

// Merge combines parsed files; see Load.
func Merge(inTree, extra []*File) (*Database, error) {
	db := &Database{Profiles: map[string]*Profile{}, Rules: map[string]*Rule{}}
	var ds []model.Diagnostic
	for i, f := range inTree {
		db.Files = append(db.Files, f.Path)
		if f.HasProfiles && i > 0 {
			ds = append(ds, model.Diagnostic{Pos: f.Profiles[0].Pos,
				Message: "profiles may only be defined in " + inTree[0].Path + "; fragments define rules only",
				Hint:    "move the profile to the central hardening file, or load this file as an extra file"})
		} else {
			for _, p := range f.Profiles {
				db.Profiles[p.Name] = p
			}
		}
		for _, r := range f.Rules {
			if prev, dup := db.Rules[r.Symbol]; dup {
				ds = append(ds, model.Diagnostic{Pos: r.Pos,
					Message: fmt.Sprintf("rule %s is already defined at %s", r.Symbol, prev.Pos),
					Hint:    "keep one rule per symbol in the tree; an extra file may override it"})
				continue
			}
			db.Rules[r.Symbol] = r
		}
	}
	for _, f := range extra {
		db.Files = append(db.Files, f.Path)
		for _, p := range f.Profiles {
			if prev, dup := db.Profiles[p.Name]; dup {
				ds = append(ds, model.Diagnostic{Pos: p.Pos,
					Message: fmt.Sprintf("profile %q is already defined at %s; extra files may add profiles, not redefine them", p.Name, prev.Pos),
					Hint:    "give the profile a new name, e.g. one that extends " + p.Name})
				continue
			}
			db.Profiles[p.Name] = p
		}
		for _, r := range f.Rules {
			db.Rules[r.Symbol] = r
		}
	}
	ds = append(ds, db.integrity()...)
	if len(ds) > 0 {
		return nil, &model.Error{Diagnostics: ds}
	}
	return db, nil
}

// integrity finds what no single file shows: rules tagged with a profile
// nobody defines, extends naming an unknown profile, extends cycles.
func (db *Database) integrity() []model.Diagnostic {
	var ds []model.Diagnostic
	for _, name := range sortedKeys(db.Profiles) {
		p := db.Profiles[name]
		if _, err := db.Closure(name); err != nil {
			ds = append(ds, model.Diagnostic{Pos: p.Pos, Message: err.Error(),
				Hint: "extends names one existing profile, and profiles may not extend each other in a circle"})
		}
	}
	for _, sym := range sortedKeys(db.Rules) {
		r := db.Rules[sym]
		for _, tag := range r.Profiles {
			if _, ok := db.Profiles[tag]; !ok {
				ds = append(ds, model.Diagnostic{Pos: r.Pos,
					Message: fmt.Sprintf("rule %s: unknown profile %q", sym, tag),
					Hint:    "known profiles: " + strings.Join(sortedKeys(db.Profiles), ", ")})
			}
		}
	}
	return ds
}

// Closure returns the profile and every profile it extends, nearest first.
func (db *Database) Closure(name string) ([]string, error) {
	var chain []string
	for cur := name; cur != ""; {
		for _, c := range chain {
			if c == cur {
				return nil, fmt.Errorf("profile extends cycle: %s -> %s", strings.Join(chain, " -> "), cur)
			}
		}
		p, ok := db.Profiles[cur]
		if !ok {
			return nil, fmt.Errorf("unknown profile %q (known profiles: %s)", cur, strings.Join(sortedKeys(db.Profiles), ", "))
		}
		chain = append(chain, cur)
		cur = p.Extends
	}
	return chain, nil
}

// RulesFor returns the rules active in profile, following extends, sorted
// by symbol.
func (db *Database) RulesFor(profile string) ([]*Rule, error) {
	chain, err := db.Closure(profile)
	if err != nil {
		return nil, err
	}
	active := map[string]bool{}
	for _, c := range chain {
		active[c] = true
	}
	var out []*Rule
	for _, sym := range sortedKeys(db.Rules) {
		r := db.Rules[sym]
		for _, p := range r.Profiles {
			if active[p] {
				out = append(out, r)
				break
			}
		}
	}
	return out, nil
}

// ProfileNames lists the defined profiles, sorted.
func (db *Database) ProfileNames() []string { return sortedKeys(db.Profiles) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// joinErrors keeps model.Error diagnostics together so they print as one
// sorted list.
func joinErrors(errs []error) error {
	var all model.Error
	var other []string
	for _, e := range errs {
		if me, ok := e.(*model.Error); ok {
			all.Diagnostics = append(all.Diagnostics, me.Diagnostics...)
		} else {
			other = append(other, e.Error())
		}
	}
	if len(other) == 0 {
		return &all
	}
	if len(all.Diagnostics) > 0 {
		other = append(other, all.Error())
	}
	return fmt.Errorf("%s", strings.Join(other, "\n"))
}
