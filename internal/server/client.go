package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Client talks to a server's API with a token: the other end of the
// routes, used by assure vuln and assure check --server.
type Client struct {
	Base  string // https://assure.example.com
	Token string
	HTTP  *http.Client
}

// APIError is a refusal of the server, as its error body says.
type APIError struct {
	Status int
	Code   string `json:"code"`
	Msg    string `json:"error"`
	Field  string `json:"field"`
	Hint   string `json:"hint"`
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("server answered %d %s: ", e.Status, e.Code)
	if e.Field != "" {
		s += e.Field + ": "
	}
	s += e.Msg
	if e.Hint != "" {
		s += " (hint: " + e.Hint + ")"
	}
	return s
}

// Input reports whether the request itself was wrong (400, 413, 415,
// 422), as opposed to refused (401, 403, 404, 409, 429).
func (e *APIError) Input() bool {
	switch e.Status {
	case 400, 413, 415, 422:
		return true
	}
	return false
}

// NewClient checks base and returns a client with a bounded timeout.
func NewClient(base, token string) (*Client, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("server %q is not an http or https URL (hint: the URL assure serve printed)", base)
	}
	return &Client{Base: strings.TrimSuffix(base, "/"), Token: token, HTTP: &http.Client{Timeout: 60 * time.Second}}, nil
}

// Do sends a JSON request (body nil for none) and decodes a JSON answer
// into out (nil to drop it). ifMatch, when not 0, is the version the
// change is based on.
func (c *Client) Do(ctx context.Context, method, path string, body, out any, ifMatch int64) error {
	var rd io.Reader
	ct := ""
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd, ct = bytes.NewReader(b), "application/json"
	}
	h := http.Header{}
	if ifMatch != 0 {
		h.Set("If-Match", fmt.Sprintf(`"%d"`, ifMatch))
	}
	b, _, err := c.Raw(ctx, method, path, rd, ct, h)
	if err != nil || out == nil {
		return err
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("%s %s: the answer is not the JSON expected: %v", method, path, err)
	}
	return nil
}

// Raw sends a request with any body and returns the answer's bytes; a
// non-2xx answer is an *APIError.
func (c *Client) Raw(ctx context.Context, method, path string, body io.Reader, contentType string, h http.Header) ([]byte, http.Header, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.Base+path, body)
	if err != nil {
		return nil, nil, err
	}
	for k, v := range h {
		req.Header[k] = v
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/json")
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	res, err := c.HTTP.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w (hint: is assure serve running there?)", c.Base, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 256<<20))
	if err != nil {
		return nil, nil, err
	}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		e := &APIError{Status: res.StatusCode}
		if json.Unmarshal(b, e) != nil || e.Msg == "" {
			e.Code, e.Msg = "http", strings.TrimSpace(string(b))
			if len(e.Msg) > 200 {
				e.Msg = e.Msg[:200]
			}
		}
		return nil, nil, e
	}
	return b, res.Header, nil
}

// Credentials are what assure vuln login saves: the server and a token.
type Credentials struct {
	Server  string    `json:"server"`
	Login   string    `json:"login"`
	Token   string    `json:"token"`
	Expires time.Time `json:"expires"`
}

// CredentialsFile is where assure vuln keeps its credentials:
// $XDG_CONFIG_HOME/assure/credentials.json (mode 0600).
func CredentialsFile(getenv func(string) string) (string, error) {
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			return "", errors.New("neither XDG_CONFIG_HOME nor HOME is set (hint: set ASSURE_SERVER and ASSURE_TOKEN instead)")
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "assure", "credentials.json"), nil
}

// SaveCredentials writes c to path, readable by the user only.
func SaveCredentials(path string, c Credentials) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// LoadCredentials reads what SaveCredentials wrote; a missing file is
// empty credentials.
func LoadCredentials(path string) (Credentials, error) {
	var c Credentials
	// assure: waive W-0037 -- the user's own credentials file
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("%s: %v (hint: run assure vuln login again)", path, err)
	}
	return c, nil
}
