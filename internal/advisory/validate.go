package advisory

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed schema/*.json
var schemaFS embed.FS

// Schema ids, as the files declare them.
const (
	OSVSchemaID  = "https://raw.githubusercontent.com/ossf/osv-schema/main/validation/schema.json"
	CSAFSchemaID = "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json"
)

// resources maps every URL a schema is known by to its embedded file; the
// CSAF schema $refs the FIRST CVSS schemas by their published URLs.
var resources = map[string]string{
	OSVSchemaID:  "schema/osv-schema.json",
	CSAFSchemaID: "schema/csaf_json_schema.json",
	"https://www.first.org/cvss/cvss-v2.0.json": "schema/cvss-v2.0.json",
	"https://www.first.org/cvss/cvss-v3.0.json": "schema/cvss-v3.0.json",
	"https://www.first.org/cvss/cvss-v3.1.json": "schema/cvss-v3.1.json",
}

type offline struct{}

func (offline) Load(url string) (any, error) {
	return nil, fmt.Errorf("assure does not load schemas from the network (%s)", url)
}

var (
	once    sync.Once
	osv     *jsonschema.Schema
	csaf    *jsonschema.Schema
	loadErr error
)

func compile() {
	c := jsonschema.NewCompiler()
	c.UseLoader(offline{})
	c.AssertFormat()
	urls := make([]string, 0, len(resources))
	for u := range resources {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	for _, u := range urls {
		b, err := schemaFS.ReadFile(resources[u])
		if err != nil {
			loadErr = err
			return
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			loadErr = fmt.Errorf("%s: %w", resources[u], err)
			return
		}
		if err := c.AddResource(u, doc); err != nil {
			loadErr = fmt.Errorf("%s: %w", resources[u], err)
			return
		}
	}
	if osv, loadErr = c.Compile(OSVSchemaID); loadErr != nil {
		return
	}
	csaf, loadErr = c.Compile(CSAFSchemaID)
}

// ValidateOSV checks that data is one OSV record valid against the official
// schema; name is used in the error.
func ValidateOSV(name string, data []byte) error {
	once.Do(compile)
	if loadErr != nil {
		return loadErr
	}
	return validate(osv, "OSV", name, data)
}

// ValidateCSAF checks that data is one CSAF 2.0 document valid against the
// official schema.
func ValidateCSAF(name string, data []byte) error {
	once.Do(compile)
	if loadErr != nil {
		return loadErr
	}
	return validate(csaf, "CSAF 2.0", name, data)
}

func validate(s *jsonschema.Schema, what, name string, data []byte) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var doc any
	if err := d.Decode(&doc); err != nil {
		return fmt.Errorf("%s: invalid JSON: %v", name, err)
	}
	if _, err := d.Token(); err != io.EOF {
		return fmt.Errorf("%s: data after the JSON value", name)
	}
	err := s.Validate(doc)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("%s: %w", name, err)
	}
	p := message.NewPrinter(language.English)
	var leaves []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			leaves = append(leaves, "/"+strings.Join(e.InstanceLocation, "/")+": "+e.ErrorKind.LocalizedString(p))
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	sort.Strings(leaves)
	return fmt.Errorf("%s: not valid %s: %s", name, what, strings.Join(leaves, "; "))
}
