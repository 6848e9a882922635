package tracker

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/assure-dev/assure/internal/jsonpos"
)

const (
	defaultTimeout   = 10 * time.Second
	defaultUserAgent = "assure (+https://github.com/assure-dev/assure)"
	// maxBody bounds what is read of one answer: an issue is a few KiB, and
	// a proxy that streams something else must not exhaust memory.
	maxBody = 8 << 20
)

// httpBase is what the HTTP trackers share: the client and its timeout,
// the cache, and the reading of answers that are not an issue.
type httpBase struct {
	name      string
	client    *http.Client
	timeout   time.Duration
	userAgent string
	token     string
	tokenEnv  string
	cache     cache
}

func newHTTPBase(name string, c *http.Client, timeout time.Duration, ua, token, tokenEnv string) *httpBase {
	if c == nil {
		c = http.DefaultClient
	}
	if timeout <= 0 {
		timeout = defaultTimeout
	}
	if ua == "" {
		ua = defaultUserAgent
	}
	// Tokens read from files keep their newline, which Go refuses to send.
	token = strings.TrimSpace(token)
	return &httpBase{name: name, client: c, timeout: timeout, userAgent: ua,
		token: token, tokenEnv: tokenEnv, cache: cache{name: name}}
}

type response struct {
	op     string
	status int
	header http.Header
	body   []byte
}

// get sends one GET with the per-request timeout; it fails only when no
// answer arrived, whatever the status.
func (h *httpBase) get(ctx context.Context, u string, header http.Header) (*response, error) {
	op := "GET " + u
	rctx, cancel := context.WithTimeout(ctx, h.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, &Error{Tracker: h.name, Op: op, Err: err, Hint: "check tracker.url"}
	}
	req.Header = header.Clone()
	if req.Header == nil {
		req.Header = http.Header{}
	}
	req.Header.Set("User-Agent", h.userAgent)
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, h.transportErr(ctx, op, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, h.transportErr(ctx, op, err)
	}
	if len(body) > maxBody {
		return nil, &Error{Tracker: h.name, Op: op, Status: resp.StatusCode,
			Err: fmt.Errorf("answer larger than %d MiB", maxBody>>20), Hint: "check that tracker.url is the API base"}
	}
	return &response{op: op, status: resp.StatusCode, header: resp.Header, body: body}, nil
}

func (h *httpBase) transportErr(parent context.Context, op string, err error) *Error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	e := &Error{Tracker: h.name, Op: op, Err: err}
	host := ""
	if i := strings.Index(op, "://"); i >= 0 {
		host, _, _ = strings.Cut(op[i+3:], "/")
	}
	var dnsErr *net.DNSError
	var netErr net.Error
	var certErr *tls.CertificateVerificationError
	var authErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	switch {
	case parent.Err() != nil:
		e.Err = parent.Err() // the caller gave up; nothing to advise
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		e.Err = fmt.Errorf("no answer within %s: %w", h.timeout, err)
		e.Hint = "check the network and tracker.url, or raise tracker.timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		e.Hint = "nothing answers at " + host + ": check tracker.url and that the server is up"
	case errors.As(err, &dnsErr):
		e.Hint = "host " + dnsErr.Name + " not found: check tracker.url and the DNS setup"
	case errors.As(err, &certErr), errors.As(err, &authErr), errors.As(err, &hostErr):
		e.Hint = "the server's certificate is not trusted: add its CA to the system trust store or point SSL_CERT_FILE at it"
	default:
		e.Hint = "check tracker.url and the network"
	}
	return e
}

// envName is how hints name the token, which the model keeps in an
// environment variable.
func (h *httpBase) envName() string {
	if h.tokenEnv != "" {
		return h.tokenEnv
	}
	return "the variable named by tracker.token_env"
}

func (h *httpBase) authHint() string {
	if h.token == "" {
		return "the tracker wants authentication: set " + h.envName() + " to a token"
	}
	return "token invalid or expired: set " + h.envName() + " to a valid token"
}

// statusErr describes an answer that is not the issue.
func (h *httpBase) statusErr(r *response, hint string) *Error {
	msg := strconv.Itoa(r.status) + " " + http.StatusText(r.status)
	if m := bodyMessage(r); m != "" {
		msg += ": " + m
	}
	return &Error{Tracker: h.name, Op: r.op, Status: r.status, Err: errors.New(msg), Hint: hint}
}

// commonStatus answers the statuses every tracker means alike; callers
// handle 200 and 404, and anything their API means differently, first.
func (h *httpBase) commonStatus(r *response) *Error {
	switch {
	case r.status == http.StatusUnauthorized:
		return h.statusErr(r, h.authHint())
	case r.status == http.StatusForbidden:
		if h.token == "" {
			return h.statusErr(r, "set "+h.envName()+" to a token that may read the issue")
		}
		return h.statusErr(r, "the token may not read the issue: grant it read access")
	case r.status == http.StatusTooManyRequests:
		hint := "rate limited: wait and run again"
		if ra := r.header.Get("Retry-After"); ra != "" {
			hint = "rate limited: retry after " + ra + " seconds"
		}
		return h.statusErr(r, hint)
	case r.status >= 500:
		return h.statusErr(r, "the tracker failed; run again later")
	}
	return h.statusErr(r, "unexpected answer: check tracker.url and tracker.kind")
}

func isHTML(r *response) bool {
	mt, _, _ := mime.ParseMediaType(r.header.Get("Content-Type"))
	return mt == "text/html"
}

// decode parses the JSON of an answer. An HTML page where JSON was due
// means the request reached the web UI or a single-sign-on login page.
func (h *httpBase) decode(r *response) (*jsonpos.Value, error) {
	if isHTML(r) {
		return nil, &Error{Tracker: h.name, Op: r.op, Status: r.status,
			Err:  errors.New("answered with an HTML page, not JSON"),
			Hint: "check that tracker.url is the API base and that requests are not redirected to a login page"}
	}
	n, err := parseJSON(r.body)
	if err != nil {
		var je *jsonpos.Error
		if errors.As(err, &je) {
			line, col := jsonpos.LineCol(r.body, je.Off)
			err = fmt.Errorf("answer is not JSON (line %d, column %d): %s", line, col, je.Msg)
		}
		return nil, &Error{Tracker: h.name, Op: r.op, Status: r.status, Err: err,
			Hint: "check that tracker.url is the API base"}
	}
	return n, nil
}

// shapeErr reports an answer that is JSON but not of the documented shape;
// err names the field.
func (h *httpBase) shapeErr(r *response, err error) *Error {
	var je *jsonpos.Error
	if errors.As(err, &je) && je.Path != "" {
		err = fmt.Errorf("field %s: %s", je.Path, je.Msg)
	}
	return &Error{Tracker: h.name, Op: r.op, Status: r.status,
		Err:  fmt.Errorf("unexpected answer: %w", err),
		Hint: "check tracker.url and tracker.kind; the answer is not an issue of that tracker"}
}

func missing(field string) error {
	return &jsonpos.Error{Path: field, Msg: "missing"}
}

// bodyMessage digs the reason out of an error answer: GitHub's "message",
// Jira's "errorMessages" and "errors", the assure server's "error".
func bodyMessage(r *response) string {
	if isHTML(r) {
		return "an HTML page"
	}
	n, err := parseJSON(r.body)
	if err != nil {
		line, _, _ := strings.Cut(string(r.body), "\n")
		return clean(line)
	}
	if s, _ := stringField(n, "", "message", "error"); s != "" {
		return clean(s)
	}
	var msgs []string
	if v, _ := n.First("errorMessages"); v != nil && v.Kind == jsonpos.Array {
		for _, m := range v.Elems {
			if m.Kind == jsonpos.String {
				msgs = append(msgs, m.Str)
			}
		}
	}
	if v, _ := n.First("errors"); v != nil && v.Kind == jsonpos.Object {
		// A repeated key counts once, with its last value.
		keys := slices.Compact(slices.Sorted(slices.Values(v.Keys)))
		for _, k := range keys {
			if m := v.Get(k); m.Kind == jsonpos.String {
				msgs = append(msgs, k+": "+m.Str)
			}
		}
	}
	return clean(strings.Join(msgs, "; "))
}

// clean keeps a server's words from breaking a one-line error message or
// a terminal.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "..."
	}
	return s
}
