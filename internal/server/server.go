package server

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// Config is what a server needs.
type Config struct {
	Store store.Store
	// Model gives the modules reports may name and the people accounts
	// link to (roles, maintained modules, managed releases).
	Model *model.Model
	// Vuln is the issue management configuration
	// (security/issue-management.yaml).
	Vuln vuln.Config
	// Verifier checks the audit log's checkpoints (GET /api/v1/audit/verify).
	Verifier note.Verifier
	// Project names the product in exports (default: the model's name).
	Project string
	// BaseURL is where users reach the server, for links in change
	// requests; "" derives it from each request's Host.
	BaseURL string
	// Secure marks cookies Secure (the server or its proxy speaks TLS).
	Secure bool
	// SetupToken, when set, lets whoever holds it create the first admin
	// at /setup while no account exists. The CLI prints it on first start.
	SetupToken string
	// Now is the clock (default time.Now); tests move it.
	Now func() time.Time
	// Log receives one line per refused-by-bug request, scheduler action
	// and startup note (default: discarded).
	Log io.Writer
}

// Server is an http.Handler serving the API, the web UI and the tracker.
type Server struct {
	cfg    Config
	mux    *http.ServeMux
	log    *log.Logger
	now    func() time.Time
	limits *limiter
	audit  *auditBatcher
	pages  *template.Template
	// hashing bounds concurrent argon2id computations (46 MiB each).
	hashing chan struct{}
	auth    authCache

	mu         sync.Mutex
	setupToken string
}

// New builds a server over cfg.Store. Close stops its background work.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	if cfg.Model == nil {
		return nil, errors.New("server: no model (hint: the server needs the security model for modules and people)")
	}
	if err := cfg.Vuln.Validate(); err != nil {
		return nil, fmt.Errorf("server: configuration: %w", err)
	}
	cfg.Vuln = cfg.Vuln.Defaults()
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if cfg.Project == "" {
		cfg.Project = cfg.Model.Project.Name
	}
	if cfg.Project == "" {
		cfg.Project = cfg.Vuln.Prefix
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg: cfg, mux: http.NewServeMux(), log: log.New(cfg.Log, "assure serve: ", log.LstdFlags|log.LUTC),
		now: cfg.Now, limits: newLimiter(cfg.Now), pages: pages, hashing: make(chan struct{}, 4),
		setupToken: cfg.SetupToken,
	}
	s.audit = newAuditBatcher(cfg.Store)
	// paths knows every route's path whatever the method, so a path asked
	// with a method it lacks is a 405 naming the ones it has.
	paths, methods := http.NewServeMux(), map[string][]string{}
	for _, rt := range Routes() {
		s.mux.Handle(rt.Method+" "+rt.Path, s.wrap(rt))
		if methods[rt.Path] == nil {
			p := rt.Path
			paths.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Allow", strings.Join(methods[p], ", "))
				writeError(w, errorf(http.StatusMethodNotAllowed, CodeMethod, "", "use "+strings.Join(methods[p], " or "), "%s is not allowed here", clipText(r.Method, 20)))
			})
		}
		methods[rt.Path] = append(methods[rt.Path], rt.Method)
	}
	notFound := func(w http.ResponseWriter, r *http.Request) {
		if h, pattern := paths.Handler(r); pattern != "" {
			h.ServeHTTP(w, r)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/api/") {
			writeError(w, errorf(http.StatusNotFound, "not_found", "", "see /api/openapi.json for the endpoints", "no endpoint %s %s", clipText(r.Method, 20), clipText(r.URL.Path, 200)))
			return
		}
		s.htmlError(w, r, nil, errorf(http.StatusNotFound, "not_found", "", "", "no such page"))
	}
	s.mux.HandleFunc("/", notFound)
	return s, nil
}

// Close stops the audit batcher; in-flight requests finish first when the
// caller shut the HTTP server down before.
func (s *Server) Close() { s.audit.close() }

// ServeHTTP applies the headers every answer carries and recovers from a
// panic as a 500, so one bad request cannot take the server down.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if s.cfg.Secure {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Printf("panic serving %s %s: %v", r.Method, r.URL.Path, v)
			writeError(w, errorf(http.StatusInternalServerError, CodeInternal, "", "", "internal error"))
		}
	}()
	s.mux.ServeHTTP(w, r)
}

// call is one request on its way through a route: who asks, and when.
type call struct {
	w       http.ResponseWriter
	r       *http.Request
	ctx     context.Context
	route   Route
	actor   vuln.Actor
	account *store.Account
	session *store.Session // UI requests with a session
	token   *store.Token   // API requests with a token
	now     time.Time
}

// env is what domain operations consult.
func (s *Server) env() vuln.Env { return vuln.Env{Config: s.cfg.Vuln, Model: s.cfg.Model} }

// wrap turns a route into an http.Handler: authenticate, check the
// token's scope or the form's CSRF token, run, and render any error the
// way the route speaks (JSON for the API, a page for the UI).
func (s *Server) wrap(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &call{w: w, r: r, ctx: r.Context(), route: rt, now: s.now().UTC()}
		var err error
		if rt.API {
			err = s.authAPI(c)
		} else {
			err = s.authUI(c)
		}
		if err == nil {
			err = rt.h(s, c)
		}
		if err == nil {
			return
		}
		e, internal := asAPIError(err)
		if internal {
			s.log.Printf("%s %s: %v", r.Method, r.URL.Path, err)
		}
		if rt.API {
			writeError(w, e)
			return
		}
		s.htmlError(w, r, c, e)
	})
}

// baseURL is where clients reach this server.
func (s *Server) baseURL(r *http.Request) string {
	if s.cfg.BaseURL != "" {
		return strings.TrimSuffix(s.cfg.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil || s.cfg.Secure {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
