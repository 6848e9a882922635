package analysis

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/assure-dev/assure/internal/sarif"
)

// sarifLog is a SARIF 2.1.0 log being ingested: validated against the
// official schema when opened (sarif.NewReader), then streamed one result
// at a time as often as the fingerprints need.
type sarifLog struct {
	ig   *ingester
	in   Input
	f    *os.File
	rd   *sarif.Reader
	runs []*sarifRun
}

func (ig *ingester) openSARIF(in Input) (*sarifLog, error) {
	f, err := os.Open(in.Path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	rd, err := sarif.NewReader(in.Name, f, st.Size())
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("%w (hint: the file must be a SARIF 2.1.0 log; check the analyzer's output option)", err)
	}
	log := rd.Log()
	if len(log.Runs) == 0 {
		_ = f.Close()
		return nil, fmt.Errorf("%s: the log has no runs, so it does not say that any analyzer ran (hint: a SARIF log of an analysis holds one run per tool; check that the analyzer wrote its results to this file)", in.Name)
	}
	sl := &sarifLog{ig: ig, in: in, f: f, rd: rd}
	for i := range log.Runs {
		if _, present := rd.ResultCount(i); !present {
			_ = f.Close()
			return nil, fmt.Errorf("%s: /runs/%d has no results array: SARIF reads that as \"the tool did not look\", which proves nothing (hint: make the analyzer write its results; an empty array means it found nothing)", in.Name, i)
		}
		sl.runs = append(sl.runs, &sarifRun{ig: ig, run: &log.Runs[i], rules: newRunRules(&log.Runs[i]), in: in, base: dirURL(ig.base)})
	}
	return sl, nil
}

// close releases the log, which was only read: closing it cannot lose data.
func (sl *sarifLog) close() { _ = sl.f.Close() }

// each streams every result of every run.
func (sl *sarifLog) each(emit func(*Result, columnUnit) error) error {
	for i, rc := range sl.runs {
		unit := sarifColumnUnit(rc.run.ColumnKind)
		err := sl.rd.Results(i, func(j int, res *sarif.Result) error {
			at := fmt.Sprintf("%s#/runs/%d/results/%d", sl.in.Name, i, j)
			r, keep, err := rc.result(res)
			if err != nil {
				return fmt.Errorf("%s: %w", at, err)
			}
			if !keep {
				return nil
			}
			r.Source = at
			return emit(&r, unit)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// sarifRun normalises the results of one run.
type sarifRun struct {
	ig    *ingester
	run   *sarif.Run
	rules *runRules
	in    Input
	base  *url.URL
}

// result normalises one result; keep is false for results that report no
// problem (kind pass, notApplicable or informational).
func (rc *sarifRun) result(res *sarif.Result) (r Result, keep bool, err error) {
	switch res.Kind {
	case "pass", "notApplicable", "informational":
		return r, false, nil
	}
	id, d, err := rc.rules.rule(res)
	if err != nil {
		return r, false, err
	}
	drv := rc.run.Tool.Driver
	r = Result{
		Tool:       drv.Name,
		Version:    drv.Version,
		Step:       rc.in.Step,
		Rule:       id,
		Level:      rc.rules.level(res, id, d),
		Message:    message(res, d),
		Suppressed: suppressed(res.Suppressions),
	}
	if r.Version == "" {
		r.Version = drv.SemanticVersion
	}
	if len(res.Locations) > 0 && res.Locations[0].PhysicalLocation != nil {
		pl := res.Locations[0].PhysicalLocation
		if al := pl.ArtifactLocation; al != nil {
			file, err := rc.file(al)
			if err == nil {
				err = rc.ig.exists(file)
			}
			if err != nil {
				return r, false, fmt.Errorf("/locations/0/physicalLocation/artifactLocation: %w (hint: %s)", err, outsideHint(err))
			}
			r.File = file
		}
		if reg := pl.Region; reg != nil {
			r.Region = Region{StartLine: reg.StartLine, StartColumn: reg.StartColumn, EndLine: reg.EndLine, EndColumn: reg.EndColumn}
			if reg.Snippet != nil {
				r.Snippet = reg.Snippet.Text
			}
		}
	}
	return r, true, nil
}

// suppressed: SARIF counts a result as suppressed when one of its
// suppressions is accepted, or has no status (§3.35.3); underReview and
// rejected ones do not suppress it.
func suppressed(ss []sarif.Suppression) bool {
	for _, s := range ss {
		if s.Status == "" || s.Status == sarif.StatusAccepted {
			return true
		}
	}
	return false
}

// file resolves an artifact location to a repository path: by index into
// the run's artifacts when it has no URI, against its base id when it has
// one (following originalUriBaseIds), against the directory the tool ran
// in when the log leaves the base to the consumer.
func (rc *sarifRun) file(al *sarif.ArtifactLocation) (string, error) {
	uri, baseID := al.URI, al.URIBaseID
	if al.Index != nil && *al.Index >= 0 {
		if *al.Index >= len(rc.run.Artifacts) {
			return "", fmt.Errorf("artifact index %d, but the run lists %d artifacts", *al.Index, len(rc.run.Artifacts))
		}
		if a := rc.run.Artifacts[*al.Index].Location; a != nil && uri == "" {
			uri, baseID = a.URI, a.URIBaseID
		}
	}
	if uri == "" {
		return "", errors.New("no uri")
	}
	u, err := rc.resolve(uri, baseID, 0)
	if err != nil {
		return "", err
	}
	return rc.ig.pl.uri(u)
}

func (rc *sarifRun) resolve(uri, baseID string, depth int) (*url.URL, error) {
	ref, err := url.Parse(uri)
	if err != nil {
		return nil, fmt.Errorf("uri %q: %v", uri, err)
	}
	if ref.IsAbs() {
		return ref, nil
	}
	base := rc.base
	if baseID != "" {
		def, ok := rc.run.OriginalURIBaseIDs[baseID]
		if ok && def.URI != "" {
			if depth > 16 {
				return nil, fmt.Errorf("uriBaseId %q: originalUriBaseIds refer to each other in a cycle", baseID)
			}
			b, err := rc.resolve(def.URI, def.URIBaseID, depth+1)
			if err != nil {
				return nil, err
			}
			if !strings.HasSuffix(b.Path, "/") {
				c := *b
				c.Path += "/"
				b = &c
			}
			base = b
		}
	}
	return base.ResolveReference(ref), nil
}
