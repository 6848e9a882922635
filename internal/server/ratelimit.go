package server

import (
	"sync"
	"time"
)

// Login rate limits: failures allowed per login and per client address in
// a window before further attempts are refused until it passes. Counting
// failures (not attempts) keeps a user who types their password right
// unaffected; the per-address limit stops one client trying many logins.
const (
	loginWindow      = 15 * time.Minute
	maxFailPerLogin  = 5
	maxFailPerClient = 30
	maxLimiterKeys   = 100_000
)

// limiter counts recent login failures by key. It is per server instance;
// behind a load balancer each instance limits on its own, which multiplies
// the allowance by the number of instances and no more.
type limiter struct {
	mu   sync.Mutex
	now  func() time.Time
	fail map[string][]time.Time
}

func newLimiter(now func() time.Time) *limiter {
	return &limiter{now: now, fail: map[string][]time.Time{}}
}

// blocked reports whether key has used up its failures (max in the
// window) and, if so, how long until the oldest one expires.
func (l *limiter) blocked(key string, max int) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	ts := l.recent(key)
	if len(ts) < max {
		return false, 0
	}
	return true, ts[0].Add(loginWindow).Sub(l.now())
}

func (l *limiter) failed(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.fail) >= maxLimiterKeys {
		l.sweep()
	}
	l.fail[key] = append(l.recent(key), l.now())
}

func (l *limiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fail, key)
}

// recent drops the failures older than the window; l.mu is held.
func (l *limiter) recent(key string) []time.Time {
	ts := l.fail[key]
	cut := l.now().Add(-loginWindow)
	i := 0
	for i < len(ts) && !ts[i].After(cut) {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(l.fail, key)
	}
	return ts
}

// sweep forgets expired keys; when every key is fresh (an attack with
// many addresses) it forgets them all rather than grow without bound.
func (l *limiter) sweep() {
	for k := range l.fail {
		l.recent(k)
	}
	if len(l.fail) >= maxLimiterKeys {
		l.fail = map[string][]time.Time{}
	}
}
