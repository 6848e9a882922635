package sarif

import (
	"encoding/json"
	"strings"
	"testing"
)

const minimal = `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": []}]}`

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string // substring of the error; "" means valid
	}{
		{"minimal", minimal, ""},
		{"errata01 schema", `{"$schema": "` + SchemaID + `", "version": "2.1.0", "runs": []}`, ""},
		{"schemastore alias with fragment", `{"$schema": "https://json.schemastore.org/sarif-2.1.0.json#", "version": "2.1.0", "runs": []}`, ""},
		{"unknown schema url is not fetched", `{"$schema": "https://example.invalid/sarif.json", "version": "2.1.0", "runs": []}`, ""},
		{"empty", ``, "log.sarif: empty file"},
		{"syntax error names line and column", "{\n  \"version\": \"2.1.0\",\n  \"runs\": [,]\n}", "log.sarif: line 3, column 12: invalid JSON"},
		{"truncated", "{\"version\": \"2.1.0\",\n", "line 2, column 1: invalid JSON: file ends"},
		{"trailing data", minimal + "\n  {}", "line 2, column 3: unexpected data after the JSON value"},
		{"not an object", `[]`, "at the document root: got array, want object"},
		{"missing version", `{"runs": []}`, "at the document root: missing property 'version'"},
		{"wrong version", `{"version": "2.0.0", "runs": []}`, "at /version: value must be '2.1.0'"},
		{"unknown top-level property", `{"version": "2.1.0", "runs": [], "extra": 1}`, "additional properties 'extra' not allowed"},
		{"bad level", `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`,
			"at /runs/0/results/0/level: value must be one of 'none', 'note', 'warning', 'error'"},
		{"relative informationUri", `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "informationUri": "docs"}}}]}`,
			"at /runs/0/tool/driver/informationUri: 'docs' is not valid uri"},
		{"region line must be positive", `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.c"}, "region": {"startLine": 0}}}]}]}]}`,
			"at /runs/0/results/0/locations/0/physicalLocation/region/startLine: minimum: got 0, want 1"},
		{"first violation in document order, count of the rest", `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": 1}}, "results": [{"message": {"text": "m"}, "level": "x"}, {"message": {"text": "m"}, "level": "y"}]}]}`,
			"at /runs/0/results/0/level: value must be one of 'none', 'note', 'warning', 'error' (and 2 more violations)"},
		{"pointer escapes ~ and /", `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "partialFingerprints": {"a/b~c": 1}}]}]}`,
			"at /runs/0/results/0/partialFingerprints/a~1b~0c: got number, want string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate("log.sarif", []byte(tt.data))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate accepted invalid input, want error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q\nwant it to contain %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "log.sarif: ") {
				t.Fatalf("error %q does not name the file", err)
			}
		})
	}
}

// TestValidateStable guards against the library's map-ordered causes leaking
// into the message.
func TestValidateStable(t *testing.T) {
	data := []byte(`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": 1, "name": 2, "helpUri": 3}]}}}]}`)
	first := Validate("x", data)
	if first == nil {
		t.Fatal("want an error")
	}
	for range 20 {
		if err := Validate("x", data); err.Error() != first.Error() {
			t.Fatalf("unstable error: %q vs %q", err, first)
		}
	}
}

func TestTypesProduceValidLog(t *testing.T) {
	idx := 0
	log := Log{
		Schema:  SchemaID,
		Version: Version,
		Runs: []Run{{
			Tool: Tool{Driver: ToolComponent{
				Name: "assure", Version: "1.2.3", SemanticVersion: "1.2.3",
				InformationURI: "https://example.com/assure",
				Rules: []ReportingDescriptor{{
					ID: "a/b", Name: "AB",
					ShortDescription:     &MultiformatMessageString{Text: "short"},
					FullDescription:      &MultiformatMessageString{Text: "full"},
					Help:                 &MultiformatMessageString{Text: "help", Markdown: "**help**"},
					HelpURI:              "https://example.com/a/b",
					DefaultConfiguration: &ReportingConfiguration{Level: LevelWarning},
					Properties:           PropertyBag{"tags": []string{"security"}},
				}},
			}},
			Invocations: []Invocation{{ExecutionSuccessful: false, ToolExecutionNotifications: []Notification{{
				Level: LevelError, Message: Message{Text: "check x failed"}, Descriptor: &ReportingDescriptorReference{ID: "x"},
			}}}},
			OriginalURIBaseIDs: map[string]ArtifactLocation{SrcRoot: {Description: &Message{Text: "root"}}},
			VersionControlProvenance: []VersionControlDetails{{
				RepositoryURI: "https://github.com/o/r", RevisionID: "abc", Branch: "main",
			}},
			Results: []Result{{
				RuleID: "a/b", RuleIndex: &idx, Level: LevelError, Message: Message{Text: "m"},
				Locations: []Location{{
					PhysicalLocation: &PhysicalLocation{
						ArtifactLocation: &ArtifactLocation{URI: "src/a.c", URIBaseID: SrcRoot},
						Region:           &Region{StartLine: 3, StartColumn: 2, EndLine: 3, EndColumn: 9},
					},
					LogicalLocations: []LogicalLocation{{Name: "abc", FullyQualifiedName: "abc", Kind: "commit"}},
					Message:          &Message{Text: "here"},
				}},
				PartialFingerprints: map[string]string{"assure/v1": "F-1"},
				Suppressions: []Suppression{{
					Kind: SuppressionExternal, Status: StatusAccepted, Justification: "false positive",
					Properties: PropertyBag{"approver": "alice"},
				}},
				Properties: PropertyBag{"requirements": []string{"R-1"}},
			}},
			Properties: PropertyBag{"profile": "pr"},
		}},
	}
	data, err := json.Marshal(log)
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate("types", data); err != nil {
		t.Fatal(err)
	}
	var back Log
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(data) {
		t.Fatalf("round trip changed the log:\n%s\n%s", data, again)
	}
}

func TestSchemaAccessors(t *testing.T) {
	var s struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(SchemaJSON(), &s); err != nil || s.ID != SchemaID {
		t.Fatalf("embedded schema id = %q (%v), want %q", s.ID, err, SchemaID)
	}
	if urls := SchemaURLs(); urls[0] != SchemaID {
		t.Fatalf("SchemaURLs()[0] = %q", urls[0])
	}
	if _, err := (offline{}).Load("https://example.com/x.json"); err == nil {
		t.Fatal("offline loader loaded something")
	}
}
