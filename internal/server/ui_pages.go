package server

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

func parsePages() (*template.Template, error) {
	funcs := template.FuncMap{
		"date":  func(t time.Time) string { return t.UTC().Format("2006-01-02") },
		"stamp": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") },
		"days": func(t, now time.Time) int {
			return int(t.Sub(now).Hours() / 24)
		},
		"has": func(list any, v string) bool {
			switch l := list.(type) {
			case []string:
				for _, x := range l {
					if x == v {
						return true
					}
				}
			case []vuln.Stride:
				for _, x := range l {
					if string(x) == v {
						return true
					}
				}
			case []vuln.Action:
				for _, x := range l {
					if string(x) == v {
						return true
					}
				}
			case []vuln.Role:
				for _, x := range l {
					if string(x) == v {
						return true
					}
				}
			}
			return false
		},
		"join": func(list []string) string { return strings.Join(list, ", ") },
		"list": func(xs ...string) []string { return xs },
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		},
	}
	return template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html")
}

// page is what every template gets: who is signed in, what the navigation
// may offer them, the form token, and the page's own data.
type page struct {
	Title    string
	Account  *store.Account
	CSRF     string
	Error    *apiError
	Notice   string
	CanAdmin bool
	CanAudit bool
	CanFile  bool
	Now      time.Time
	Data     any
}

func (s *Server) newPage(c *call, title string, data any) page {
	p := page{Title: title, Account: c.account, Now: c.now, Data: data}
	if c != nil && c.r != nil {
		p.CSRF = s.csrfToken(c)
	}
	p.CanAdmin, _ = vuln.Can(c.actor, vuln.ActionManageAccounts, nil)
	p.CanAudit, _ = vuln.Can(c.actor, vuln.ActionViewAudit, nil)
	p.CanFile, _ = vuln.Can(c.actor, vuln.ActionCreate, nil)
	return p
}

// render executes a page template into memory first, so a template error
// is a clean 500 instead of half a page.
func (s *Server) render(c *call, status int, name string, p page) error {
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, name, p); err != nil {
		return err
	}
	h := c.w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	c.w.WriteHeader(status)
	_, _ = c.w.Write(buf.Bytes()) // an error is a client that went away
	return nil
}

// htmlError answers a UI request that failed with a page saying why.
func (s *Server) htmlError(w http.ResponseWriter, r *http.Request, c *call, e *apiError) {
	if e == errHandled {
		return
	}
	if c == nil {
		c = &call{w: w, r: r, ctx: r.Context(), now: s.now().UTC()}
	}
	if e.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(e.RetryAfter))
	}
	p := s.newPage(c, "Error", nil)
	p.Error = e
	if err := s.render(c, e.Status, "error", p); err != nil {
		http.Error(w, e.Msg, e.Status)
	}
}
