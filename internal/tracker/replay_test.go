package tracker

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// route is one recorded answer of a tracker's API, in the shape its public
// documentation gives.
type route struct {
	status int
	file   string            // body, from testdata; empty for none
	body   string            // body, inline, when file is empty
	header map[string]string // answer headers; Content-Type defaults to JSON
	delay  time.Duration
	check  func(t *testing.T, r *http.Request)
}

// replay is a local HTTP server that answers from routes, keyed by path or
// by path?query, and counts the requests per key.
type replay struct {
	srv  *httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newReplay(t *testing.T, routes map[string]route) *replay {
	t.Helper()
	rp := &replay{hits: map[string]int{}}
	rp.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.Path
		rt, ok := routes[key+"?"+r.URL.RawQuery]
		if ok {
			key += "?" + r.URL.RawQuery
		} else if rt, ok = routes[key]; !ok {
			t.Errorf("unexpected request %s %s", r.Method, r.URL)
			w.WriteHeader(http.StatusTeapot)
			return
		}
		rp.mu.Lock()
		rp.hits[key]++
		rp.mu.Unlock()
		if r.Method != http.MethodGet {
			t.Errorf("%s %s: want GET", r.Method, r.URL)
		}
		if rt.check != nil {
			rt.check(t, r)
		}
		if rt.delay > 0 {
			select {
			case <-time.After(rt.delay):
			case <-r.Context().Done():
				return
			}
		}
		body := []byte(rt.body)
		if rt.file != "" {
			var err error
			if body, err = os.ReadFile(filepath.Join("testdata", rt.file)); err != nil {
				t.Error(err)
			}
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		for k, v := range rt.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(rt.status)
		_, _ = w.Write(body)
	}))
	t.Cleanup(rp.srv.Close)
	return rp
}

func (rp *replay) count(key string) int {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	return rp.hits[key]
}

func (rp *replay) total() int {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	n := 0
	for _, c := range rp.hits {
		n += c
	}
	return n
}

// host is what URL references to the replay server carry.
func (rp *replay) host() string { return strings.TrimPrefix(rp.srv.URL, "http://") }

// want describes the expected failure of a Resolve; the zero value expects
// success.
type want struct {
	is     error  // ErrNotFound or ErrForeign
	status int    // for *Error; -1 for an *Error without status
	msg    string // substring of the error message
	hint   string // substring of the *Error hint
}

func checkErr(t *testing.T, err error, w want) {
	t.Helper()
	if w == (want{}) {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("no error, want %+v", w)
	}
	if w.is != nil && !errors.Is(err, w.is) {
		t.Errorf("error %v, want one that is %v", err, w.is)
	}
	var te *Error
	isTE := errors.As(err, &te)
	if w.status != 0 {
		if !isTE {
			t.Fatalf("error %v (%T), want *Error", err, err)
		}
		if w.status > 0 && te.Status != w.status {
			t.Errorf("status %d, want %d (%v)", te.Status, w.status, err)
		}
		if !strings.Contains(te.Hint, w.hint) {
			t.Errorf("hint %q, want it to contain %q", te.Hint, w.hint)
		}
	} else if isTE {
		t.Errorf("error %v is an *Error, want %v", err, w.is)
	}
	if !strings.Contains(err.Error(), w.msg) {
		t.Errorf("error %q, want it to contain %q", err, w.msg)
	}
}
