package kconfig

import (
	"path/filepath"

	"github.com/assure-dev/assure/internal/model"
)

// Tree says where a Kconfig tree is and what to load into it: the model's
// kconfig section, resolved against a repository root, or the flags of
// `assure kconfig`.
type Tree struct {
	// Root is the root Kconfig file, relative to SrcTree (default Kconfig).
	Root string
	// SrcTree is the source tree directory (default: the current one).
	SrcTree string
	// Env is the whole environment the tree sees.
	Env map[string]string
	// Config is the .config or defconfig to load; empty for defaults only.
	Config string
	// AllowShell lets $(shell,...) run.
	AllowShell bool
}

// TreeFromModel resolves the model's kconfig section against the
// repository root.
func TreeFromModel(repoRoot string, sec model.Kconfig) Tree {
	t := Tree{Root: sec.Root, SrcTree: filepath.Join(repoRoot, sec.SrcTree), Env: sec.Env, AllowShell: sec.AllowShell}
	if sec.Config != "" {
		t.Config = filepath.Join(repoRoot, sec.Config)
	}
	return t
}

// Options are the parse options of the tree: its environment read the way
// Kconfiglib reads the process environment (CONFIG_, KCONFIG_CONFIG_HEADER,
// KCONFIG_WARN_UNDEF...), with SrcTree and AllowShell from the tree.
func (t Tree) Options() Options {
	o := OptionsFromEnv(t.Env)
	o.SrcTree = t.SrcTree
	o.AllowShell = t.AllowShell
	return o
}

// Load parses the tree and loads its configuration, if it names one.
func (t Tree) Load() (*Kconfig, error) {
	root := t.Root
	if root == "" {
		root = "Kconfig"
	}
	kc, err := Parse(root, t.Options())
	if err != nil {
		return nil, err
	}
	if t.Config != "" {
		if err := kc.LoadConfig(t.Config, true); err != nil {
			return nil, err
		}
	}
	return kc, nil
}
