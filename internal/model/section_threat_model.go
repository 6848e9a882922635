package model

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ThreatModel is the `threat_model` section of the root model file: where
// the threat model files and the test results of the commit under check
// live, and how the threat engine and the gate treat them (issue #6). Its
// schema is sections/threat_model.schema.json; the threat model files
// themselves follow $defs/file of that schema and are loaded by
// internal/threat.
type ThreatModel struct {
	// Files are globs of threat model files relative to the repository root.
	Files []string `yaml:"files,omitempty" json:"files,omitempty"`
	// Packs are the rule packs that run (generic, embedded); empty means all.
	Packs []string `yaml:"packs,omitempty" json:"packs,omitempty"`
	// DisableRules switches rules off for the whole model, each with a reason.
	DisableRules []DisabledRule `yaml:"disable_rules,omitempty" json:"disable_rules,omitempty"`
	// OpenThreatsErrorFrom is the lowest CVSS severity (none, low, medium,
	// high, critical) at which an open threat fails the gate; open threats
	// below it are warnings. Empty means none: every open threat fails.
	OpenThreatsErrorFrom string `yaml:"open_threats_error_from,omitempty" json:"open_threats_error_from,omitempty"`
	// Tests are the test results of the commit under check.
	Tests ThreatTests `yaml:"tests,omitempty" json:"tests,omitempty"`
	// Review says when a module's threat model needs a new review.
	Review ThreatReview `yaml:"review,omitempty" json:"review,omitempty"`

	// Pos is where the section was written (zero when it is absent);
	// FilesPos[i] is where Files[i] was.
	Pos      Pos   `yaml:"-" json:"-"`
	FilesPos []Pos `yaml:"-" json:"-"`
}

// DisabledRule is a rule of the threat engine that does not run.
type DisabledRule struct {
	Rule   string `yaml:"rule" json:"rule"`
	Reason string `yaml:"reason" json:"reason"`
	Pos    Pos    `yaml:"-" json:"-"`
}

// ThreatTests names the test results that prove countermeasures: go test
// -json streams and JUnit XML files, globs relative to the repository root.
type ThreatTests struct {
	GoTestJSON []string `yaml:"go_test_json,omitempty" json:"go_test_json,omitempty"`
	JUnit      []string `yaml:"junit,omitempty" json:"junit,omitempty"`
	// Freshness is commit (default) or run-time; see internal/threat/trace.
	Freshness string `yaml:"freshness,omitempty" json:"freshness,omitempty"`
}

// ThreatReview is how much a security-relevant module may change after its
// threat model was reviewed (zero: the defaults of internal/threat/freshness).
type ThreatReview struct {
	MaxFilesChanged int `yaml:"max_files_changed,omitempty" json:"max_files_changed,omitempty"`
	MaxLinesChanged int `yaml:"max_lines_changed,omitempty" json:"max_lines_changed,omitempty"`
}

// Configured reports whether the model names any threat model file.
func (t ThreatModel) Configured() bool { return len(t.Files) > 0 }

// checkThreatModel holds the rules of the threat_model section that a
// schema cannot express: globs that can match, and positions the threat
// engine needs to point back into the root file.
func checkThreatModel(m *Model, root src, _ personRefs, ds *diags) {
	tm := &m.ThreatModel
	sec := root.child("/threat_model")
	if tm.Configured() || len(tm.DisableRules) > 0 {
		tm.Pos = sec.pos("")
	}
	tm.FilesPos = nil
	for i, p := range tm.Files {
		tm.FilesPos = append(tm.FilesPos, sec.pos("/files/"+strconv.Itoa(i)))
		if msg, hint := checkGlob(p); msg != "" {
			ds.add(sec.pos("/files/"+strconv.Itoa(i)), msg, hint)
		}
	}
	for _, t := range []struct {
		key   string
		globs []string
	}{{"go_test_json", tm.Tests.GoTestJSON}, {"junit", tm.Tests.JUnit}} {
		for i, p := range t.globs {
			if msg, hint := checkGlob(p); msg != "" {
				ds.add(sec.pos("/tests/"+t.key+"/"+strconv.Itoa(i)), msg, hint)
			}
		}
	}
	seen := map[string]int{}
	for i := range tm.DisableRules {
		r := &tm.DisableRules[i]
		r.Pos = sec.pos("/disable_rules/" + strconv.Itoa(i))
		if first, dup := seen[r.Rule]; dup {
			ds.add(sec.pos("/disable_rules/"+strconv.Itoa(i)+"/rule"), fmt.Sprintf("rule %q is disabled twice", r.Rule),
				"first disabled at "+tm.DisableRules[first].Pos.String())
			continue
		}
		seen[r.Rule] = i
	}
}

// Threat model files follow $defs/file of the section schema; internal/threat
// loads them with ParseDocument and validates them here, so they get the
// same schema messages (unknown key with a suggestion, allowed values) as
// the root model.
var (
	threatFileOnce   sync.Once
	threatFileSchema *jsonschema.Schema
	threatFileErr    error
)

const threatFileRef = schemaBase + "threat_model.schema.json#/$defs/file"

// ValidateThreatModelFile checks one parsed threat model file against the
// schema. The error is an *Error with one diagnostic per problem.
func ValidateThreatModelFile(d *Document) error {
	if d == nil {
		return errors.New("no document")
	}
	threatFileOnce.Do(func() {
		c := jsonschema.NewCompiler()
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
		if err == nil {
			err = c.AddResource(schemaURL, doc)
		}
		if err == nil {
			_, err = addSectionSchemas(c)
		}
		if err == nil {
			threatFileSchema, err = c.Compile(threatFileRef)
		}
		if err != nil {
			threatFileErr = fmt.Errorf("embedded threat model schema: %w", err)
		}
	})
	var ds diags
	if threatFileErr != nil {
		ds.add(Pos{File: d.File}, threatFileErr.Error(), "this is a bug in assure")
		return ds.err()
	}
	if d.Value == nil {
		return nil // an empty file declares nothing
	}
	if _, ok := d.Value.(map[string]any); !ok {
		ds.add(d.idx.at(d.File, ""), "a threat model file is a mapping",
			"write keys such as module, assets, processes, data_flows and threats")
		return ds.err()
	}
	err := threatFileSchema.Validate(d.Value)
	if err == nil {
		return nil
	}
	s, serr := loadSchemas()
	var ve *jsonschema.ValidationError
	if serr != nil || !errors.As(err, &ve) {
		ds.add(d.idx.at(d.File, ""), err.Error(), "")
		return ds.err()
	}
	start := s.resolve(threatFileRef)
	for _, leaf := range leaves(ve) {
		ds = append(ds, s.describe(d.File, d.idx, start, false, leaf)...)
	}
	return ds.err()
}
