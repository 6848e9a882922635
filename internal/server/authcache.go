package server

import (
	"sync"
	"time"

	"github.com/assure-dev/assure/internal/store"
)

// authTTL is how long a token's lookup (the token and its account) is
// reused. Two database reads per API request were a sixth of the server's
// time under load. Revoking a token or changing an account drops the
// entries of this instance at once; another instance behind the same
// load balancer notices within authTTL.
const authTTL = 2 * time.Second

const maxAuthCache = 10_000

type authEntry struct {
	token   store.Token
	account *store.Account
	until   time.Time
}

type authCache struct {
	mu sync.Mutex
	m  map[string]authEntry
}

func (c *authCache) get(hash string) (store.Token, *store.Account, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[hash]
	if !ok || time.Now().After(e.until) {
		return store.Token{}, nil, false
	}
	acc := *e.account
	return e.token, &acc, true
}

func (c *authCache) put(hash string, t store.Token, a *store.Account) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxAuthCache {
		c.m = map[string]authEntry{}
	}
	acc := *a
	c.m[hash] = authEntry{token: t, account: &acc, until: time.Now().Add(authTTL)}
}

// forget drops a token, or every token of an account.
func (c *authCache) forget(hash, accountID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for h, e := range c.m {
		if h == hash || e.account.ID == accountID {
			delete(c.m, h)
		}
	}
}
