package advisory

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/assure-dev/assure/internal/vuln"
)

// OSVSchemaVersion is the OSV schema version the records declare.
const OSVSchemaVersion = "1.7.0"

type osvRecord struct {
	SchemaVersion    string          `json:"schema_version"`
	ID               string          `json:"id"`
	Modified         string          `json:"modified"`
	Published        string          `json:"published,omitempty"`
	Aliases          []string        `json:"aliases,omitempty"`
	Summary          string          `json:"summary"`
	Details          string          `json:"details"`
	Severity         []osvSeverity   `json:"severity,omitempty"`
	Affected         []osvAffected   `json:"affected,omitempty"`
	References       []osvReference  `json:"references,omitempty"`
	DatabaseSpecific osvDatabaseSpec `json:"database_specific"`
}

type osvSeverity struct {
	Type  string `json:"type"`
	Score string `json:"score"`
}

type osvAffected struct {
	Ranges           []osvRange     `json:"ranges,omitempty"`
	Versions         []string       `json:"versions,omitempty"`
	DatabaseSpecific map[string]any `json:"database_specific,omitempty"`
}

type osvRange struct {
	Type   string              `json:"type"`
	Repo   string              `json:"repo"`
	Events []map[string]string `json:"events"`
}

type osvReference struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

type osvDatabaseSpec struct {
	AssureID string   `json:"assure_id"`
	State    string   `json:"state"`
	Stride   []string `json:"stride,omitempty"`
	Modules  []string `json:"modules,omitempty"`
}

// osvTime is OSV's timestamp form: RFC 3339 in UTC with a Z.
func osvTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// OSV renders r as one OSV record. Its id is the CVE id when the report has
// one, else the advisory key under OSV's "x_" prefix for identifiers of no
// registered database; the key is always among the aliases. Fix commits
// given in full become GIT ranges ("fixed" events) when cfg.Repository is
// set; every fix with a known URL is a FIX reference.
func OSV(r *vuln.Report, cfg vuln.Config) ([]byte, error) {
	cfg = cfg.Defaults()
	key := r.Key(cfg.Prefix)
	rec := osvRecord{
		SchemaVersion: OSVSchemaVersion,
		ID:            "x_" + key,
		Modified:      osvTime(r.Updated),
		Aliases:       []string{key},
		Summary:       r.Title,
		Details:       r.Description,
		DatabaseSpecific: osvDatabaseSpec{
			AssureID: key, State: string(r.State), Modules: r.Modules,
		},
	}
	if r.CVE != "" {
		rec.ID = r.CVE
	}
	if r.Published != nil {
		rec.Published = osvTime(*r.Published)
	}
	if r.Workaround != "" {
		rec.Details += "\n\nWorkaround: " + r.Workaround
	}
	for _, s := range r.Stride {
		rec.DatabaseSpecific.Stride = append(rec.DatabaseSpecific.Stride, string(s))
	}
	if r.CVSS != nil {
		typ := map[string]string{"3.1": "CVSS_V3", "4.0": "CVSS_V4"}[r.CVSS.Version]
		if typ == "" {
			return nil, fmt.Errorf("report %s: CVSS version %q has no OSV severity type", key, r.CVSS.Version)
		}
		rec.Severity = []osvSeverity{{Type: typ, Score: r.CVSS.Vector}}
	}
	aff := osvAffected{Versions: r.Releases}
	if len(r.Modules) > 0 {
		aff.DatabaseSpecific = map[string]any{"modules": r.Modules}
	}
	if cfg.Repository != "" {
		events := []map[string]string{{"introduced": "0"}}
		for _, f := range sortedFixes(r.Fixes) {
			if f.Kind == vuln.FixCommit && fullCommit.MatchString(f.Ref) {
				events = append(events, map[string]string{"fixed": f.Ref})
			}
		}
		if len(events) > 1 {
			aff.Ranges = []osvRange{{Type: "GIT", Repo: cfg.Repository, Events: events}}
		}
	}
	if len(aff.Ranges) > 0 || len(aff.Versions) > 0 {
		rec.Affected = []osvAffected{aff}
	}
	seen := map[string]bool{}
	for _, f := range sortedFixes(r.Fixes) {
		if u := fixURL(cfg, f); u != "" && !seen[u] {
			seen[u] = true
			rec.References = append(rec.References, osvReference{Type: "FIX", URL: u})
		}
	}
	return marshal(rec)
}

// marshal writes indented JSON without HTML escaping: advisories are read
// by people and tools, never embedded in HTML unescaped.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
