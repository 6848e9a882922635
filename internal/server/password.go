package server

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters for new hashes: OWASP's first recommendation
// (46 MiB, one pass, one lane). The PHC string records them, so they can
// be raised later without invalidating stored hashes.
const (
	argonMemory  = 46 * 1024 // KiB
	argonTime    = 1
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// Password rules: long enough to resist guessing, short enough that
// hashing cannot be used to exhaust the server.
const (
	MinPassword = 10
	MaxPassword = 256
)

// checkPassword says what is wrong with a new password.
func checkPassword(p string) error {
	switch n := utf8.RuneCountInString(p); {
	case !utf8.ValidString(p):
		return errorf(422, "invalid_field", "password", "", "the password is not valid UTF-8")
	case n < MinPassword:
		return errorf(422, "invalid_field", "password", "use a passphrase of several words", "the password has %d characters; at least %d are needed", n, MinPassword)
	case len(p) > MaxPassword:
		return errorf(422, "invalid_field", "password", "", "the password is longer than %d bytes", MaxPassword)
	}
	return nil
}

// HashPassword returns the argon2id hash of password in PHC string form:
// $argon2id$v=19$m=47104,t=1,p=1$<salt>$<hash>.
func HashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether password matches the PHC hash. Parameters
// outside sane bounds are refused rather than computed: a hash string must
// not be able to make the server allocate gigabytes.
func VerifyPassword(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return false, errors.New("not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errors.New("unsupported argon2 version")
	}
	var mem, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &t, &p); err != nil {
		return false, errors.New("bad argon2 parameters")
	}
	if mem < 8*1024 || mem > 1<<20 || t < 1 || t > 10 || p < 1 || p > 16 {
		return false, errors.New("argon2 parameters out of bounds")
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	keyLen := len(want)
	if err1 != nil || err2 != nil || len(salt) < 8 || keyLen < 16 || keyLen > 64 {
		return false, errors.New("bad argon2 salt or hash")
	}
	got := argon2.IDKey([]byte(password), salt, t, mem, p, uint32(keyLen))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is verified against when a login is unknown, so an unknown
// login takes as long as a wrong password and does not reveal itself. It
// is a constant, not hashed at start-up: hashing costs 48 MB and a second
// of CPU in every assure command that links this package. The test
// TestDummyHashParams keeps it at the current cost parameters.
const dummyHash = "$argon2id$v=19$m=47104,t=1,p=1$ZJ81L2wvQzFvcq4gYqEK9w$2cp9G3eC9UjeacpEOJlBeDUDF7WdnxI/oU4AvFeDhB8"
