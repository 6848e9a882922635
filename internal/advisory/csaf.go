package advisory

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/vuln"
)

// The part of CSAF 2.0 assure writes; field names are the standard's.
type csafDoc struct {
	Document        csafDocument        `json:"document"`
	ProductTree     *csafProductTree    `json:"product_tree,omitempty"`
	Vulnerabilities []csafVulnerability `json:"vulnerabilities"`
}

type csafDocument struct {
	Category    string        `json:"category"`
	CSAFVersion string        `json:"csaf_version"`
	Lang        string        `json:"lang"`
	Publisher   csafPublisher `json:"publisher"`
	Title       string        `json:"title"`
	Tracking    csafTracking  `json:"tracking"`
	Notes       []csafNote    `json:"notes,omitempty"`
}

type csafPublisher struct {
	Category  string `json:"category"`
	Name      string `json:"name"`
	Namespace string `json:"namespace"`
}

type csafTracking struct {
	CurrentReleaseDate string         `json:"current_release_date"`
	ID                 string         `json:"id"`
	InitialReleaseDate string         `json:"initial_release_date"`
	RevisionHistory    []csafRevision `json:"revision_history"`
	Status             string         `json:"status"`
	Version            string         `json:"version"`
}

type csafRevision struct {
	Date    string `json:"date"`
	Number  string `json:"number"`
	Summary string `json:"summary"`
}

type csafNote struct {
	Category string `json:"category"`
	Text     string `json:"text"`
	Title    string `json:"title,omitempty"`
}

type csafProductTree struct {
	Branches []csafBranch `json:"branches"`
}

type csafBranch struct {
	Category string       `json:"category"`
	Name     string       `json:"name"`
	Branches []csafBranch `json:"branches,omitempty"`
	Product  *csafProduct `json:"product,omitempty"`
}

type csafProduct struct {
	Name      string `json:"name"`
	ProductID string `json:"product_id"`
}

type csafVulnerability struct {
	CVE           string            `json:"cve,omitempty"`
	Title         string            `json:"title"`
	Notes         []csafNote        `json:"notes"`
	ProductStatus csafProductStatus `json:"product_status"`
	Remediations  []csafRemediation `json:"remediations,omitempty"`
	Scores        []csafScore       `json:"scores,omitempty"`
	ReleaseDate   string            `json:"release_date,omitempty"`
}

type csafProductStatus struct {
	Fixed            []string `json:"fixed,omitempty"`
	KnownAffected    []string `json:"known_affected,omitempty"`
	KnownNotAffected []string `json:"known_not_affected,omitempty"`
}

type csafRemediation struct {
	Category   string   `json:"category"`
	Details    string   `json:"details"`
	ProductIDs []string `json:"product_ids"`
	URL        string   `json:"url,omitempty"`
}

type csafScore struct {
	Products []string   `json:"products"`
	CVSSV3   csafCVSSV3 `json:"cvss_v3"`
}

type csafCVSSV3 struct {
	Version      string  `json:"version"`
	VectorString string  `json:"vectorString"`
	BaseScore    float64 `json:"baseScore"`
	BaseSeverity string  `json:"baseSeverity"`
}

var pidUnsafe = regexp.MustCompile(`[^A-Za-z0-9._-]`)

// productID is the stable CSAF product id of one version of the project.
func productID(version string) string { return "CSAFPID-" + pidUnsafe.ReplaceAllString(version, "_") }

func csafTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// CSAF renders r as a CSAF 2.0 security advisory of project (the product
// name). Products are the affected releases and the releases that ship a
// fix; a public report is a final advisory, any other a draft. CSAF 2.0
// scores only CVSS v2 and v3: a v4.0 vector is given in a note instead.
func CSAF(r *vuln.Report, cfg vuln.Config, project string) ([]byte, error) {
	cfg = cfg.Defaults()
	if project == "" {
		project = cfg.Prefix
	}
	key := r.Key(cfg.Prefix)
	status, version, initial := "draft", "0", r.Created
	summary := "Draft"
	if r.State == vuln.StatePublic && r.Published != nil {
		status, version, initial, summary = "final", "1", *r.Published, "Initial public release"
	}
	doc := csafDoc{Document: csafDocument{
		Category: "csaf_security_advisory", CSAFVersion: "2.0", Lang: "en",
		Publisher: csafPublisher{Category: "vendor", Name: cfg.Publisher.Name, Namespace: cfg.Publisher.Namespace},
		Title:     r.Title,
		Tracking: csafTracking{
			ID: key, Status: status, Version: version,
			InitialReleaseDate: csafTime(initial), CurrentReleaseDate: csafTime(maxTime(initial, r.Updated)),
			RevisionHistory: []csafRevision{{Date: csafTime(initial), Number: version, Summary: summary}},
		},
		Notes: []csafNote{{Category: "summary", Title: "Summary", Text: r.Title}},
	}}

	// Products: every release named as affected, and every release that
	// ships a fix.
	affected, fixed, notAffected := []string{}, []string{}, []string{}
	versions := map[string]bool{}
	backport := map[string]vuln.Backport{}
	for _, b := range r.Backports {
		backport[b.Branch] = b
	}
	for _, name := range r.Releases {
		rel, _ := cfg.Release(name)
		b, ok := backport[rel.Branch]
		switch {
		case ok && b.Status == vuln.BackportNotAffected:
			notAffected = append(notAffected, productID(name))
		default:
			affected = append(affected, productID(name))
		}
		versions[name] = true
		if ok && b.Status == vuln.BackportFixed {
			versions[b.FixedIn] = true
			fixed = append(fixed, productID(b.FixedIn))
		}
	}
	if len(versions) == 0 {
		// Nothing narrower is known: the project as a whole.
		versions[project] = true
		affected = append(affected, productID(project))
	}
	names := make([]string, 0, len(versions))
	for v := range versions {
		names = append(names, v)
	}
	slices.Sort(names)
	var leaves []csafBranch
	for _, v := range names {
		leaves = append(leaves, csafBranch{Category: "product_version", Name: v, Product: &csafProduct{Name: project + " " + v, ProductID: productID(v)}})
	}
	doc.ProductTree = &csafProductTree{Branches: []csafBranch{{
		Category: "vendor", Name: cfg.Publisher.Name,
		Branches: []csafBranch{{Category: "product_name", Name: project, Branches: leaves}},
	}}}

	v := csafVulnerability{
		CVE: r.CVE, Title: r.Title,
		Notes: []csafNote{{Category: "description", Title: "Description", Text: r.Description}},
		ProductStatus: csafProductStatus{
			Fixed: sortedUnique(fixed), KnownAffected: sortedUnique(affected), KnownNotAffected: sortedUnique(notAffected),
		},
	}
	if r.Published != nil {
		v.ReleaseDate = csafTime(*r.Published)
	}
	for _, f := range sortedFixes(r.Fixes) {
		rem := csafRemediation{Category: "vendor_fix", Details: fmt.Sprintf("Fixed on %s by %s %s.", f.Branch, f.Kind, f.Ref), ProductIDs: v.ProductStatus.KnownAffected, URL: fixURL(cfg, f)}
		if len(fixed) > 0 {
			rem.ProductIDs = v.ProductStatus.Fixed
		}
		v.Remediations = append(v.Remediations, rem)
	}
	if r.Workaround != "" {
		v.Remediations = append(v.Remediations, csafRemediation{Category: "workaround", Details: r.Workaround, ProductIDs: v.ProductStatus.KnownAffected})
	}
	if c := r.CVSS; c != nil {
		if c.Version == "3.1" {
			v.Scores = []csafScore{{Products: v.ProductStatus.KnownAffected, CVSSV3: csafCVSSV3{Version: "3.1", VectorString: c.Vector, BaseScore: c.Score, BaseSeverity: c.Severity}}}
		} else {
			v.Notes = append(v.Notes, csafNote{Category: "other", Title: "CVSS v" + c.Version, Text: fmt.Sprintf("%s (base score %.1f, %s)", c.Vector, c.Score, c.Severity)})
		}
	}
	if len(r.Stride) > 0 {
		var s []string
		for _, x := range r.Stride {
			s = append(s, string(x))
		}
		v.Notes = append(v.Notes, csafNote{Category: "other", Title: "STRIDE", Text: strings.Join(s, ", ")})
	}
	if len(v.ProductStatus.KnownAffected) == 0 && len(v.ProductStatus.Fixed) == 0 && len(v.ProductStatus.KnownNotAffected) == 0 {
		return nil, fmt.Errorf("report %s: no product to advise on", key)
	}
	for i := range v.Remediations {
		if len(v.Remediations[i].ProductIDs) == 0 {
			v.Remediations[i].ProductIDs = append(v.ProductStatus.Fixed, v.ProductStatus.KnownNotAffected...)
		}
	}
	doc.Vulnerabilities = []csafVulnerability{v}
	return marshal(doc)
}

func sortedUnique(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
