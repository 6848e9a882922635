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
	// assure: waive W-0007 -- audit.key in the operator's --data directory
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
		// assure: waive W-0008 -- audit.key in the operator's --data directory
		f, err := os.OpenFile(skPath, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return LoadOrCreateKey(dir, name)
		}
		if err != nil {
			return nil, "", err
		}
		_, err = f.WriteString(skey + "\n")
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			// A half-written key would make every later start fail with
			// "restore it from backup": remove it, so the next start makes
			// a new one.
			return nil, "", errors.Join(err, os.Remove(skPath))
		}
		// The verifier key is public, but the data directory is private
		// (0700): it is copied out of there to whoever verifies.
		if err := os.WriteFile(vkPath, []byte(vkey+"\n"), 0o600); err != nil {
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
	// assure: waive W-0009 -- audit.pub in the operator's --data directory
	vk, err := os.ReadFile(vkPath)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", vkPath, err)
	}
	return s, strings.TrimSpace(string(vk)), nil
}

// ReadVerifier reads a verifier key file (audit.pub).
func ReadVerifier(path string) (note.Verifier, error) {
	// assure: waive W-0010 -- the key file the user names
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
