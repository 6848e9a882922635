// Package sarif is assure's SARIF 2.1.0 support: Go types for the part of
// the format assure writes and reads, and Validate, which checks raw bytes
// against the official OASIS schema embedded in the binary. Validation works
// offline: the schema is registered under every URL a log's $schema commonly
// names, and nothing is ever fetched from the network.
package sarif

import (
	"bytes"
	"cmp"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// SchemaID is the "id" of the embedded schema (OASIS SARIF 2.1.0 errata01),
// and the $schema assure writes.
const SchemaID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

//go:embed sarif-schema-2.1.0.json
var schemaJSON []byte

// SchemaJSON returns the embedded schema.
func SchemaJSON() []byte { return bytes.Clone(schemaJSON) }

// schemaURLs are the $schema values tools write for SARIF 2.1.0. All of them
// are the same standard; registering each lets a log name any of them
// without a network fetch.
var schemaURLs = []string{
	SchemaID,
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json",
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/cos02/schemas/sarif-schema-2.1.0.json",
	"http://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json",
	"https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json",
	"https://raw.githubusercontent.com/oasis-tcs/sarif-spec/main/sarif-2.1/schema/sarif-schema-2.1.0.json",
	"https://json.schemastore.org/sarif-2.1.0.json",
	"http://json.schemastore.org/sarif-2.1.0.json",
	"https://json.schemastore.org/sarif-2.1.0-rtm.5.json",
	"https://schemastore.azurewebsites.net/schemas/json/sarif-2.1.0-rtm.5.json",
}

// SchemaURLs returns the $schema values Validate recognises.
func SchemaURLs() []string { return slices.Clone(schemaURLs) }

// offline refuses every load: the embedded schema and the draft-04
// meta-schema built into the library are all Validate needs.
type offline struct{}

func (offline) Load(url string) (any, error) {
	return nil, fmt.Errorf("assure does not load schemas from the network (%s)", url)
}

var (
	compileOnce sync.Once
	compiler    *jsonschema.Compiler
	compileErr  error

	mu       sync.Mutex
	compiled = map[string]*jsonschema.Schema{}
)

func setup() {
	c := jsonschema.NewCompiler()
	c.UseLoader(offline{})
	c.DefaultDraft(jsonschema.Draft4)
	for _, u := range schemaURLs {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
		if err != nil {
			compileErr = fmt.Errorf("embedded SARIF schema: %w", err)
			return
		}
		if err := c.AddResource(u, doc); err != nil {
			compileErr = fmt.Errorf("embedded SARIF schema as %s: %w", u, err)
			return
		}
	}
	compiler = c
}

// schemaFor returns the compiled schema for a log's $schema: the URL itself
// when it is one of the known names of 2.1.0, the embedded id otherwise.
// Every log is validated against 2.1.0 either way; the schema requires
// "version": "2.1.0", so a log of another version fails with that message.
func schemaFor(declared string) (*jsonschema.Schema, error) {
	u := strings.TrimSuffix(declared, "#")
	if !slices.Contains(schemaURLs, u) {
		u = SchemaID
	}
	return compile(u)
}

// compile returns the compiled schema at u (a schema URL, possibly with a
// fragment naming a subschema), compiling it once.
func compile(u string) (*jsonschema.Schema, error) {
	compileOnce.Do(setup)
	if compileErr != nil {
		return nil, compileErr
	}
	mu.Lock()
	defer mu.Unlock()
	if s, ok := compiled[u]; ok {
		return s, nil
	}
	s, err := compiler.Compile(u)
	if err != nil {
		return nil, fmt.Errorf("embedded SARIF schema: %w", err)
	}
	compiled[u] = s
	return s, nil
}

// Validate checks that data is one SARIF 2.1.0 log. name is used in the error
// (usually the file name). The error names the JSON pointer of the first
// violation in document order and what the schema expected there, or the
// line and column of a syntax error. It is NewReader over data, so small and
// large logs are judged by one implementation.
func Validate(name string, data []byte) error {
	_, err := NewReader(name, bytes.NewReader(data), int64(len(data)))
	return err
}

// printer renders the library's error kinds in English.
var printer = message.NewPrinter(language.English)

// describe words a violation. The library lists unexpected or missing
// properties in map order; sorting them keeps the message byte-identical
// from run to run.
func describe(l *jsonschema.ValidationError) string {
	switch k := l.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		slices.Sort(k.Properties)
	case *kind.Required:
		slices.Sort(k.Missing)
	case *kind.Dependency:
		slices.Sort(k.Missing)
	case *kind.DependentRequired:
		slices.Sort(k.Missing)
	}
	return l.ErrorKind.LocalizedString(printer)
}

// sortedLeaves returns the most specific violations in pointer order. The
// library reports causes in map order; sorting is what makes the message
// stable.
func sortedLeaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	leaves := collectLeaves(ve, nil)
	slices.SortFunc(leaves, func(a, b *jsonschema.ValidationError) int {
		if c := comparePointers(a.InstanceLocation, b.InstanceLocation); c != 0 {
			return c
		}
		return strings.Compare(describe(a), describe(b))
	})
	return leaves
}

// violationError is the message for the first of count violations.
func violationError(first *violation, count int) error {
	where := "the document root"
	if len(first.ptr) > 0 {
		where = pointer(first.ptr)
	}
	more := ""
	if n := count - 1; n == 1 {
		more = " (and 1 more violation)"
	} else if n > 1 {
		more = fmt.Sprintf(" (and %d more violations)", n)
	}
	return fmt.Errorf("not valid SARIF 2.1.0: at %s: %s%s", where, first.msg, more)
}

// collectLeaves returns the most specific errors: the ones without causes.
func collectLeaves(e *jsonschema.ValidationError, acc []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(acc, e)
	}
	for _, c := range e.Causes {
		acc = collectLeaves(c, acc)
	}
	return acc
}

// comparePointers orders instance locations as they appear in a document:
// array indices numerically, a parent before its children. The library
// reports causes in map order, so sorting is what makes the error stable.
func comparePointers(a, b []string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] == b[i] {
			continue
		}
		ai, aerr := strconv.Atoi(a[i])
		bi, berr := strconv.Atoi(b[i])
		if aerr == nil && berr == nil {
			return cmp.Compare(ai, bi)
		}
		return strings.Compare(a[i], b[i])
	}
	return len(a) - len(b)
}

// pointer renders tokens as an RFC 6901 JSON pointer.
func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		t = strings.ReplaceAll(t, "~", "~0")
		b.WriteString(strings.ReplaceAll(t, "/", "~1"))
	}
	return b.String()
}
