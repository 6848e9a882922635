package kpolicy

import (
	"os"
	"path/filepath"

	"github.com/assure-dev/assure/internal/kconfig/symtab"
)

// Session is a loaded tree: the configuration the policies judge, and
// (when a policy asks) the tree's default values.
type Session struct {
	*Setup
	Table    *symtab.Table
	defaults *symtab.Table
}

// Load parses the tree and loads its configuration.
func (s *Setup) Load() (*Session, error) {
	kc, err := s.Tree.Load()
	if err != nil {
		return nil, err
	}
	return &Session{Setup: s, Table: symtab.FromEngine(kc, s.Display(s.Tree.Config))}, nil
}

// Defaults returns the tree with default values only (no .config), the
// settings a user of the tree gets without asking.
func (ss *Session) Defaults() (*symtab.Table, error) {
	if ss.defaults != nil {
		return ss.defaults, nil
	}
	if ss.Tree.Config == "" {
		ss.defaults = ss.Table
		return ss.defaults, nil
	}
	t := ss.Tree
	t.Config = ""
	kc, err := t.Load()
	if err != nil {
		return nil, err
	}
	ss.defaults = symtab.FromEngine(kc, "")
	return ss.defaults, nil
}

// readRel reads a file named relative to the root, so errors name it so.
func (s *Setup) readRel(name string) ([]byte, error) {
	if !filepath.IsAbs(name) {
		name = filepath.Join(s.Root, name)
	}
	// assure: waive W-0025 -- hardening files the kconfig policy names
	return os.ReadFile(name)
}
