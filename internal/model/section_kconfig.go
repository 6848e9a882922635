package model

import (
	"fmt"
	"sort"
	"strings"
)

// Kconfig is the `kconfig` section of the root model file: the Kconfig tree, hardening profile, default-off policy and unused-option detection (issue #5).
// Its schema is sections/kconfig.schema.json.
type Kconfig struct {
	// Root is the root Kconfig file, relative to SrcTree (default "Kconfig").
	Root string `yaml:"root,omitempty" json:"root,omitempty"`
	// SrcTree is the directory every source path of the tree is relative
	// to ($srctree), relative to the repository root (default ".").
	SrcTree string `yaml:"srctree,omitempty" json:"srctree,omitempty"`
	// Env is the environment the tree sees: $(NAME), "$NAME" and option
	// env read it, and nothing else of the process environment.
	Env map[string]string `yaml:"env,omitempty" json:"env,omitempty"`
	// Config is the .config or defconfig to evaluate, relative to the
	// repository root; empty means default values only.
	Config string `yaml:"config,omitempty" json:"config,omitempty"`
	// AllowShell lets $(shell,...) in the tree run commands.
	AllowShell bool `yaml:"allow_shell,omitempty" json:"allow_shell,omitempty"`

	// The policies (section_kconfig_policy.go).
	Hardening  KconfigHardening  `yaml:"hardening,omitempty" json:"hardening,omitempty"`
	DefaultOff KconfigDefaultOff `yaml:"default_off,omitempty" json:"default_off,omitempty"`
	Unused     KconfigUnused     `yaml:"unused,omitempty" json:"unused,omitempty"`
	Lint       KconfigLint       `yaml:"lint,omitempty" json:"lint,omitempty"`
}

// Configured reports whether the model names a Kconfig tree.
func (k Kconfig) Configured() bool {
	return k.Root != "" || k.SrcTree != "" || k.Config != "" || len(k.Env) > 0
}

// checkKconfig holds the rules of the kconfig section that a schema cannot express.
func checkKconfig(m *Model, root src, refs personRefs, ds *diags) {
	checkKconfigPolicy(m, root, refs, ds)
	k := m.Kconfig
	names := make([]string, 0, len(k.Env))
	for name := range k.Env {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if name == "" || strings.ContainsAny(name, "=\x00") {
			ds.add(root.pos("/kconfig/env"), fmt.Sprintf("environment variable name %q is not valid", name),
				"a variable name is not empty and has no '='")
		}
	}
	for _, p := range []struct{ ptr, val string }{{"/kconfig/root", k.Root}, {"/kconfig/srctree", k.SrcTree}, {"/kconfig/config", k.Config}} {
		if strings.HasPrefix(p.val, "/") {
			ds.add(root.pos(p.ptr), fmt.Sprintf("%q is an absolute path", p.val),
				"paths in the model are relative to the repository root, so the model works in every checkout")
		}
	}
}
