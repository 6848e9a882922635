package server

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/assure-dev/assure/internal/vuln"
)

// Version is the API's version in the OpenAPI document; the CLI sets it to
// assure's version.
var Version = "v1"

// enums are the named string types whose values the document lists.
var enums = map[reflect.Type][]string{}

func init() {
	add := func(t reflect.Type, vals []string) { enums[t] = vals }
	strs := func(n int, f func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	st, sv, ro := vuln.States(), vuln.Severities(), vuln.Roles()
	bs, rr, ac := vuln.BackportStatuses(), vuln.RejectReasons(), vuln.ReportActions()
	add(reflect.TypeOf(vuln.State("")), strs(len(st), func(i int) string { return string(st[i]) }))
	add(reflect.TypeOf(vuln.Severity("")), strs(len(sv), func(i int) string { return string(sv[i]) }))
	add(reflect.TypeOf(vuln.Role("")), strs(len(ro), func(i int) string { return string(ro[i]) }))
	add(reflect.TypeOf(vuln.BackportStatus("")), strs(len(bs), func(i int) string { return string(bs[i]) }))
	add(reflect.TypeOf(vuln.RejectReason("")), strs(len(rr), func(i int) string { return string(rr[i]) }))
	add(reflect.TypeOf(vuln.Action("")), strs(len(ac), func(i int) string { return string(ac[i]) }))
	add(reflect.TypeOf(vuln.FixKind("")), []string{string(vuln.FixCommit), string(vuln.FixPull)})
	// vuln.Stride has no enum: triage accepts letters and spaced names too.
}

type schemaGen struct {
	defs map[string]any
	name map[reflect.Type]string
}

// ref returns the schema of t, defining named structs in components.
func (g *schemaGen) schema(t reflect.Type) map[string]any {
	if t == reflect.TypeOf(time.Time{}) {
		return map[string]any{"type": "string", "format": "date-time"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.schema(t.Elem())
	case reflect.String:
		s := map[string]any{"type": "string"}
		if vals, ok := enums[t]; ok {
			s["enum"] = vals
		}
		return s
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.Struct:
		name := g.structName(t)
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = nil // break cycles
			g.defs[name] = g.object(t)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

func (g *schemaGen) structName(t reflect.Type) string {
	if n, ok := g.name[t]; ok {
		return n
	}
	n := t.Name()
	if t == reflect.TypeOf(apiError{}) {
		n = "Error"
	}
	for other, on := range g.name {
		if on == n && other != t {
			n = strings.ReplaceAll(t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+1:], ".", "_") + "_" + n
		}
	}
	g.name[t] = n
	return n
}

// object is the schema of a struct: its JSON fields (embedded structs
// flattened, as encoding/json does); fields without omitempty are
// required, and may be null when they are pointers or slices.
func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var req []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if f.Anonymous && tag == "" {
				walk(f.Type)
				continue
			}
			if !f.IsExported() || tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if name == "" {
				name = f.Name
			}
			s := g.schema(f.Type)
			omit := strings.Contains(opts, "omitempty")
			if !omit {
				req = append(req, name)
				if k := f.Type.Kind(); k == reflect.Pointer || k == reflect.Slice || k == reflect.Map {
					s = map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
				}
			}
			props[name] = s
		}
	}
	walk(t)
	obj := map[string]any{"type": "object", "properties": props}
	if len(req) > 0 {
		obj["required"] = req
	}
	return obj
}

var pathParamRE = regexp.MustCompile(`\{([a-z]+)\}`)

var openAPIDoc struct {
	once sync.Once
	b    []byte
}

// OpenAPI returns the server's OpenAPI 3.1 document, generated from the
// route list and the request and response types.
func OpenAPI() []byte {
	openAPIDoc.once.Do(func() { openAPIDoc.b = buildOpenAPI() })
	return openAPIDoc.b
}

func buildOpenAPI() []byte {
	g := &schemaGen{defs: map[string]any{}, name: map[reflect.Type]string{}}
	errSchema := g.schema(reflect.TypeOf(apiError{}))
	paths := map[string]map[string]any{}
	for _, rt := range Routes() {
		if !rt.API {
			continue
		}
		op := map[string]any{"operationId": rt.Name, "summary": rt.Summary}
		var params []any
		for _, m := range pathParamRE.FindAllStringSubmatch(rt.Path, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
		for _, q := range rt.Query {
			name, desc, _ := strings.Cut(q, ": ")
			params = append(params, map[string]any{"name": name, "in": "query", "description": desc, "schema": map[string]any{"type": "string"}})
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		switch {
		case rt.Request != nil:
			rb := map[string]any{"required": reflect.TypeOf(rt.Request) != reflect.TypeOf(Empty{}),
				"content": map[string]any{"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(rt.Request))}}}
			op["requestBody"] = rb
		case rt.RawBody != "":
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"*/*": map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}}}
		}
		ok := map[string]any{"description": rt.Summary}
		switch {
		case rt.Response != nil:
			ok["content"] = map[string]any{"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(rt.Response))}}
		case rt.ResponseType != "":
			ok["content"] = map[string]any{rt.ResponseType: map[string]any{"schema": map[string]any{}}}
		}
		op["responses"] = map[string]any{
			strconv.Itoa(rt.Status): ok,
			"default": map[string]any{"description": "a refused request: the code says why",
				"content": map[string]any{"application/json": map[string]any{"schema": errSchema}}},
		}
		sec := []any{map[string]any{"bearer": scopeList(rt.Scope)}}
		if rt.Public {
			sec = append([]any{map[string]any{}}, sec...)
		}
		op["security"] = sec
		if paths[rt.Path] == nil {
			paths[rt.Path] = map[string]any{}
		}
		paths[rt.Path][strings.ToLower(rt.Method)] = op
	}
	doc := map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "assure security issue management",
			"version":     Version,
			"description": "Vulnerability reports (private intake, CVSS/STRIDE triage, embargo, advisories), accounts and tokens, the audit log, and the change-request tracker of the gate. Errors are {\"error\": message, \"code\": machine-readable code, \"field\": path of the field at fault, \"hint\": what to do}.",
		},
		"paths": paths,
		"components": map[string]any{
			"schemas":         g.defs,
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer", "description": "an API token (assure_…) with the scopes read, write or admin"}},
		},
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err) // the document is built from fixed types
	}
	return append(b, '\n')
}

func scopeList(s string) []string {
	if s == "" {
		return []string{}
	}
	return []string{s}
}

func (s *Server) apiOpenAPI(c *call) error {
	writeBytes(c.w, "application/json; charset=utf-8", OpenAPI())
	return nil
}
