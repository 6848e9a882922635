package main

import (
	"bufio"
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/assure-dev/assure/internal/report"
	"github.com/assure-dev/assure/internal/sarif"
)

// scriptCommands are the verbs testscript stories use beyond the built-ins.
var scriptCommands = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"sarif-valid":  sarifValid,
	"report-valid": reportValid,
	"serve":        serve,
}

// sarifValid FILE: the file is SARIF 2.1.0 by the official schema.
func sarifValid(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: sarif-valid FILE")
	}
	err := sarif.Validate(args[0], []byte(ts.ReadFile(args[0])))
	if neg {
		if err == nil {
			ts.Fatalf("%s is valid SARIF", args[0])
		}
		return
	}
	ts.Check(err)
}

// reportValid FILE: the file is a JSON report valid against the schema
// assure publishes for it.
func reportValid(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: report-valid FILE")
	}
	schema, err := jsonschema.UnmarshalJSON(bytes.NewReader(report.JSONSchema()))
	ts.Check(err)
	c := jsonschema.NewCompiler()
	ts.Check(c.AddResource("report.schema.json", schema))
	s, err := c.Compile("report.schema.json")
	ts.Check(err)
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(ts.ReadFile(args[0])))
	ts.Check(err)
	ts.Check(s.Validate(doc))
}

// serve VAR ROUTES starts a local HTTP server that replays responses, the
// stand-in for hosted APIs (GitHub, Jira) we cannot reach from tests, and
// puts its URL in $VAR. Each line of ROUTES is
//
//	METHOD PATH STATUS BODYFILE [header=Name:Value]... [auth=VALUE]
//
// auth=VALUE answers 401 with GitHub's "Bad credentials" body unless the
// request's Authorization header is exactly VALUE. A BODYFILE of "-" sends
// no body. Unknown paths get 404 with GitHub's "Not Found" body. The server
// stops when the script ends.
func serve(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: serve VAR ROUTES")
	}
	type route struct {
		status  int
		body    []byte
		headers [][2]string
		auth    string
	}
	routes := map[string]route{}
	sc := bufio.NewScanner(strings.NewReader(ts.ReadFile(args[1])))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) < 4 {
			ts.Fatalf("route %q: want METHOD PATH STATUS BODYFILE", sc.Text())
		}
		st, err := strconv.Atoi(f[2])
		ts.Check(err)
		r := route{status: st}
		if f[3] != "-" {
			r.body = []byte(ts.ReadFile(f[3]))
		}
		for _, opt := range f[4:] {
			switch {
			case strings.HasPrefix(opt, "header="):
				k, v, _ := strings.Cut(strings.TrimPrefix(opt, "header="), ":")
				r.headers = append(r.headers, [2]string{k, v})
			case strings.HasPrefix(opt, "auth="):
				r.auth = strings.ReplaceAll(strings.TrimPrefix(opt, "auth="), "_", " ")
			default:
				ts.Fatalf("route option %q: want header=Name:Value or auth=VALUE", opt)
			}
		}
		routes[f[0]+" "+f[1]] = r
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		r, ok := routes[req.Method+" "+req.URL.RequestURI()]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}`))
			return
		}
		if r.auth != "" && req.Header.Get("Authorization") != r.auth {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}`))
			return
		}
		for _, h := range r.headers {
			w.Header().Set(h[0], h[1])
		}
		w.WriteHeader(r.status)
		_, _ = w.Write(r.body)
	}))
	ts.Defer(srv.Close)
	ts.Setenv(args[0], srv.URL)
}
