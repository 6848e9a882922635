package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// listQuery is a parsed inbox filter.
type listQuery struct {
	filter store.Filter
	limit  int
}

// parseList reads the filter parameters of the report list, strictly: an
// unknown parameter or value is a 400 naming it, an unknown module a 422.
func (s *Server) parseList(q url.Values, now time.Time) (listQuery, error) {
	lq := listQuery{limit: 50}
	known := []string{"state", "severity", "module", "ending_within", "reporter", "after", "limit"}
	for k, vs := range q {
		if !slices.Contains(known, k) {
			return lq, errorf(http.StatusBadRequest, CodeBadParameter, k, "known parameters: "+strings.Join(known, ", "), "unknown parameter %q", clipText(k, 40))
		}
		if len(vs) > 1 {
			return lq, errorf(http.StatusBadRequest, CodeBadParameter, k, "give it once (states separated by commas)", "parameter %s given %d times", k, len(vs))
		}
	}
	bad := func(k, hint string) error {
		return errorf(http.StatusBadRequest, CodeBadParameter, k, hint, "invalid %s %q", k, clipText(q.Get(k), 40))
	}
	if v := q.Get("state"); v != "" {
		for _, st := range strings.Split(v, ",") {
			if !vuln.State(st).Valid() {
				return lq, bad("state", "use new, triage, assigned, review, accepted, public or rejected")
			}
			lq.filter.States = append(lq.filter.States, vuln.State(st))
		}
	}
	if v := q.Get("severity"); v != "" {
		if !slices.Contains([]string{"unknown", "none", "low", "medium", "high", "critical"}, v) {
			return lq, bad("severity", "use unknown, none, low, medium, high or critical")
		}
		lq.filter.Severity = v
	}
	if v := q.Get("module"); v != "" {
		if !s.env().HasModule(v) {
			return lq, errorf(http.StatusUnprocessableEntity, vuln.CodeInvalid, "module", "use a module id of the security model", "unknown module %q", clipText(v, 40))
		}
		lq.filter.Module = v
	}
	if v := q.Get("ending_within"); v != "" {
		d, err := strconv.Atoi(strings.TrimSuffix(v, "d"))
		if err != nil || d < 0 || d > 3650 {
			return lq, bad("ending_within", "give a number of days, like 14")
		}
		lq.filter.EmbargoEndsBefore = now.AddDate(0, 0, d)
	}
	if v := q.Get("reporter"); v != "" {
		if len(v) > vuln.MaxIDLen {
			return lq, bad("reporter", "give an account id")
		}
		lq.filter.Reporter = v
	}
	if v := q.Get("after"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return lq, bad("after", "give the next value of the previous page")
		}
		lq.filter.AfterID = n
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			return lq, bad("limit", "give 1 to 200")
		}
		lq.limit = n
	}
	return lq, nil
}

// list returns one page of the reports a may see. The store filters by
// the query; visibility is decided here, row by row, with vuln.Can, so
// a filter can never widen what an actor sees.
func (s *Server) list(c *call, lq listQuery) (ReportList, error) {
	out := ReportList{Reports: []ReportSummary{}}
	f := lq.filter
	f.Limit = lq.limit
	for {
		rs, err := s.cfg.Store.Reports(c.ctx, f)
		if err != nil {
			return out, err
		}
		for _, r := range rs {
			f.AfterID = r.ID
			if ok, _ := vuln.Can(c.actor, vuln.ActionView, r); !ok {
				continue
			}
			out.Reports = append(out.Reports, s.summary(r))
			if len(out.Reports) == lq.limit {
				out.Next = r.ID
				return out, nil
			}
		}
		if len(rs) < f.Limit {
			return out, nil
		}
	}
}

func (s *Server) summary(r *vuln.Report) ReportSummary {
	sum := ReportSummary{ID: r.ID, Key: r.Key(s.cfg.Vuln.Prefix), Title: r.Title, State: r.State, Severity: severity(r),
		CVE: r.CVE, Modules: r.Modules, EmbargoEnd: r.Embargo.End, Updated: r.Updated, Version: r.Version}
	if r.CVSS != nil {
		score := r.CVSS.Score
		sum.Score = &score
	}
	return sum
}

func (s *Server) apiList(c *call) error {
	lq, err := s.parseList(c.r.URL.Query(), c.now)
	if err != nil {
		return err
	}
	page, err := s.list(c, lq)
	if err != nil {
		return err
	}
	writeJSON(c.w, http.StatusOK, page)
	return nil
}
