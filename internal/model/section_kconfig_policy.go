package model

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The policies of the kconfig section (issue #5, items 2-5): what
// `assure check` and `assure kconfig harden|unused|lint` read.

// KconfigHardening says which hardening profile the configuration must
// meet (Execution Protection) and which deviations are accepted.
type KconfigHardening struct {
	// Files are the in-tree hardening files in Zephyr's format, relative
	// to the repository root; globs allowed. The first file is the central
	// one (it alone may define profiles), the others are fragments.
	Files []string `yaml:"files,omitempty" json:"files,omitempty"`
	// Extra are out-of-tree hardening files: they may add profiles and
	// override rules.
	Extra []string `yaml:"extra,omitempty" json:"extra,omitempty"`
	// Profile the configuration must meet (default "base").
	Profile string `yaml:"profile,omitempty" json:"profile,omitempty"`
	// DefaultsProfile is the profile the tree's default values must meet
	// (secure by default); empty means Profile.
	DefaultsProfile string `yaml:"defaults_profile,omitempty" json:"defaults_profile,omitempty"`
	// Markers are the symbols that mark an option as unfit for a hardened
	// build when it selects or depends on one (default DEPRECATED,
	// EXPERIMENTAL, NOT_SECURE).
	Markers []string `yaml:"markers,omitempty" json:"markers,omitempty"`
	// Protections name, for the Execution Protection requirements EP-1
	// (stack protection) and EP-2 (thread separation), the symbols whose
	// passing rule shows the protection is on; empty means the Zephyr
	// defaults (stack guards and canaries; USERSPACE).
	Protections map[string][]string `yaml:"protections,omitempty" json:"protections,omitempty"`
	// Exceptions accept deliberate deviations, each with its justification.
	Exceptions []KconfigException `yaml:"exceptions,omitempty" json:"exceptions,omitempty"`
}

// KconfigException accepts a failing hardening rule (or marker) for one
// symbol.
type KconfigException struct {
	Symbol        string `yaml:"symbol" json:"symbol"`
	Justification string `yaml:"justification" json:"justification"`
	// Approver is a person in the model with the role security-reviewer.
	Approver string `yaml:"approver" json:"approver"`
	// Expires (YYYY-MM-DD) is the last day the exception holds.
	Expires string `yaml:"expires,omitempty" json:"expires,omitempty"`
	// Waiver names the entry of the waiver registry (W-nnnn) that records
	// the decision, when there is one.
	Waiver string `yaml:"waiver,omitempty" json:"waiver,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// KconfigDefaultOff marks the parts of the tree that hold services,
// protocols and drivers, whose options must be off by default.
type KconfigDefaultOff struct {
	Areas  []KconfigArea   `yaml:"areas,omitempty" json:"areas,omitempty"`
	Common []KconfigCommon `yaml:"common,omitempty" json:"common,omitempty"`
}

// KconfigArea is one part of the tree: Kconfig files (globs relative to
// srctree) and/or menus (titles, globs allowed).
type KconfigArea struct {
	Kind  string   `yaml:"kind" json:"kind"`
	Paths []string `yaml:"paths,omitempty" json:"paths,omitempty"`
	Menus []string `yaml:"menus,omitempty" json:"menus,omitempty"`
}

// KconfigCommon is an option accepted as on by default, and why.
type KconfigCommon struct {
	Symbol string `yaml:"symbol" json:"symbol"`
	Reason string `yaml:"reason" json:"reason"`

	Pos Pos `yaml:"-" json:"-"`
}

// KconfigUnused names the artefacts of an application build. Paths are
// relative to the repository root.
type KconfigUnused struct {
	// CompileCommands is the build's compile_commands.json.
	CompileCommands string `yaml:"compile_commands,omitempty" json:"compile_commands,omitempty"`
	// Map is the linker map file (GNU ld -Map).
	Map string `yaml:"map,omitempty" json:"map,omitempty"`
	// ELF is the linked image, read when there is no map file.
	ELF string `yaml:"elf,omitempty" json:"elf,omitempty"`
	// App are globs of the application's own sources, for the method
	// without artefacts.
	App []string `yaml:"app,omitempty" json:"app,omitempty"`
	// Severity of an unused option: note (default) or warning.
	Severity string `yaml:"severity,omitempty" json:"severity,omitempty"`
}

// KconfigLint configures the hygiene checks.
type KconfigLint struct {
	// Sources are globs (relative to srctree) of the files searched for
	// CONFIG_ names; empty means C, assembler, linker scripts, CMake, Make
	// and .conf files.
	Sources []string `yaml:"sources,omitempty" json:"sources,omitempty"`
	// Exclude are globs of files and directories to leave out.
	Exclude []string       `yaml:"exclude,omitempty" json:"exclude,omitempty"`
	Allow   []KconfigAllow `yaml:"allow,omitempty" json:"allow,omitempty"`
}

// KconfigAllow accepts references to undefined symbols matching Symbol (a
// glob), with the reason.
type KconfigAllow struct {
	Symbol string `yaml:"symbol" json:"symbol"`
	Reason string `yaml:"reason" json:"reason"`
}

var waiverID = regexp.MustCompile(`^W-[0-9]{4,}$`)

// checkKconfigPolicy holds the rules of the policy keys of the kconfig
// section that a schema cannot express, and records where exceptions and
// common entries are written.
func checkKconfigPolicy(m *Model, root src, refs personRefs, ds *diags) {
	k := &m.Kconfig
	sec := root.child("/kconfig")
	h := &k.Hardening
	for i, f := range append(append([]string(nil), h.Files...), h.Extra...) {
		key := "/hardening/files/" + strconv.Itoa(i)
		if i >= len(h.Files) {
			key = "/hardening/extra/" + strconv.Itoa(i-len(h.Files))
		}
		if msg, hint := checkGlob(f); msg != "" {
			ds.add(sec.pos(key), msg, hint)
		}
	}
	seen := map[string]int{}
	for i := range h.Exceptions {
		e := &h.Exceptions[i]
		at := sec.child("/hardening/exceptions/" + strconv.Itoa(i))
		e.Pos = at.pos("")
		if first, dup := seen[e.Symbol]; dup {
			ds.add(at.pos("/symbol"), fmt.Sprintf("a second exception for %s", e.Symbol),
				"one exception per symbol; the first is at "+h.Exceptions[first].Pos.String())
		} else {
			seen[e.Symbol] = i
		}
		if pi, ok := refs.resolve(e.Approver); !ok {
			unknownPerson(ds, at.pos("/approver"), "approver", e.Approver, refs)
		} else if !m.People[pi].HasRole(RoleSecurityReviewer) {
			ds.add(at.pos("/approver"), fmt.Sprintf("approver %q of the exception for %s lacks the role %s", e.Approver, e.Symbol, RoleSecurityReviewer),
				"a deviation from the hardening profile is approved by a person educated in security processes: give them the role, or name one who has it")
		}
		if e.Expires != "" {
			if _, err := time.Parse("2006-01-02", e.Expires); err != nil {
				ds.add(at.pos("/expires"), fmt.Sprintf("expires %q is not a date", e.Expires), "write YYYY-MM-DD, e.g. 2026-12-31")
			}
		}
		if e.Waiver != "" && !waiverID.MatchString(e.Waiver) {
			ds.add(at.pos("/waiver"), fmt.Sprintf("waiver %q is not a waiver id", e.Waiver), "waiver ids look like W-0001")
		}
	}
	d := &k.DefaultOff
	for i, a := range d.Areas {
		at := sec.child("/default_off/areas/" + strconv.Itoa(i))
		if len(a.Paths) == 0 && len(a.Menus) == 0 {
			ds.add(at.pos(""), fmt.Sprintf("the %s area names no Kconfig files and no menus", a.Kind), "add paths: [drivers/**] or menus: [\"Device Drivers\"]")
		}
		for j, p := range a.Paths {
			if msg, hint := checkGlob(p); msg != "" {
				ds.add(at.pos("/paths/"+strconv.Itoa(j)), msg, hint)
			}
		}
	}
	commons := map[string]int{}
	for i := range d.Common {
		c := &d.Common[i]
		at := sec.child("/default_off/common/" + strconv.Itoa(i))
		c.Pos = at.pos("")
		if first, dup := commons[c.Symbol]; dup {
			ds.add(at.pos("/symbol"), fmt.Sprintf("%s is listed as common twice", c.Symbol), "the first entry is at "+d.Common[first].Pos.String())
		} else {
			commons[c.Symbol] = i
		}
	}
	for i, p := range append(append([]string(nil), k.Lint.Sources...), k.Lint.Exclude...) {
		key := "/lint/sources/" + strconv.Itoa(i)
		if i >= len(k.Lint.Sources) {
			key = "/lint/exclude/" + strconv.Itoa(i-len(k.Lint.Sources))
		}
		if msg, hint := checkGlob(p); msg != "" {
			ds.add(sec.pos(key), msg, hint)
		}
	}
	for i, p := range k.Unused.App {
		if msg, hint := checkGlob(p); msg != "" {
			ds.add(sec.pos("/unused/app/"+strconv.Itoa(i)), msg, hint)
		}
	}
	for _, p := range []struct{ ptr, val string }{
		{"/unused/compile_commands", k.Unused.CompileCommands}, {"/unused/map", k.Unused.Map}, {"/unused/elf", k.Unused.ELF},
	} {
		if strings.HasPrefix(p.val, "/") {
			ds.add(sec.pos(p.ptr), fmt.Sprintf("%q is an absolute path", p.val),
				"paths in the model are relative to the repository root, so the model works in every checkout")
		}
	}
	if (k.Unused.Map != "" || k.Unused.ELF != "") && k.Unused.CompileCommands == "" {
		ds.add(sec.pos("/unused"), "a map file or ELF image needs the compilation database too",
			"add compile_commands: build/compile_commands.json, so each object can be traced to its source")
	}
}

// HardeningConfigured reports whether the model names hardening files.
func (k Kconfig) HardeningConfigured() bool {
	return len(k.Hardening.Files) > 0 || len(k.Hardening.Extra) > 0
}

// DefaultOffConfigured reports whether the model marks any area.
func (k Kconfig) DefaultOffConfigured() bool { return len(k.DefaultOff.Areas) > 0 }

// UnusedConfigured reports whether the model names a build or the
// application's sources.
func (k Kconfig) UnusedConfigured() bool {
	u := k.Unused
	return u.CompileCommands != "" || u.Map != "" || u.ELF != "" || len(u.App) > 0
}
