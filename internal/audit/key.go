package audit

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/sumdb/note"
)

// Key files in the server's data directory: the private signing key (mode
// 0600, never in the database, so a database writer cannot sign) and the
// public verifier key.
const (
	PrivateKeyFile = "audit.key"
	PublicKeyFile  = "audit.pub"
)

// LoadOrCreateKey returns the signer kept in dir, creating a new ed25519
// key named name (e.g. "assure-audit") on first use. It also returns the
// verifier key, in note's text form.
func LoadOrCreateKey(dir, name string) (note.Signer, string, error) {
	skPath, vkPath := filepath.Join(dir, PrivateKeyFile), filepath.Join(dir, PublicKeyFile)
	sk, err := os.ReadFile(skPath)
	if errors.Is(err, os.ErrNotExist) {
		skey, vkey, err := note.GenerateKey(rand.Reader, name)
		if err != nil {
			return nil, "", err
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, "", err
		}
		// O_EXCL: two servers starting at once must not each write a key.
		f, err := os.OpenFile(skPath, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return LoadOrCreateKey(dir, name)
		}
		if err != nil {
			return nil, "", err
		}
		if _, err := f.WriteString(skey + "\n"); err != nil {
			f.Close()
			return nil, "", err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return nil, "", err
		}
		if err := f.Close(); err != nil {
			return nil, "", err
		}
		if err := os.WriteFile(vkPath, []byte(vkey+"\n"), 0o644); err != nil {
			return nil, "", err
		}
		sk = []byte(skey)
	} else if err != nil {
		return nil, "", err
	}
	s, err := note.NewSigner(strings.TrimSpace(string(sk)))
	if err != nil {
		return nil, "", fmt.Errorf("%s: %v (hint: the file holds the audit log's private key; restore it from backup)", skPath, err)
	}
	vk, err := os.ReadFile(vkPath)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", vkPath, err)
	}
	return s, strings.TrimSpace(string(vk)), nil
}

// ReadVerifier reads a verifier key file (audit.pub).
func ReadVerifier(path string) (note.Verifier, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	v, err := note.NewVerifier(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("%s: not a verifier key: %v (hint: use the audit.pub the server wrote in its data directory)", path, err)
	}
	return v, nil
}
