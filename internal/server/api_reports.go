package server

import (
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

type extra = store.Extra

// reportID reads the {id} of the path.
func reportID(c *call) (int64, error) {
	s := c.r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 || strconv.FormatInt(id, 10) != s {
		return 0, errorf(http.StatusBadRequest, CodeBadParameter, "id", "use the report's number, like 12", "%q is not a report id", clipText(s, 40))
	}
	return id, nil
}

// ifMatch reads the version the client based its change on: If-Match
// with the ETag of the report it read ("3"). Absent, the change applies to
// the current version.
func ifMatch(c *call) (int64, error) {
	h := strings.TrimSpace(c.r.Header.Get("If-Match"))
	if h == "" || h == "*" {
		return 0, nil
	}
	v, err := strconv.ParseInt(strings.Trim(strings.TrimPrefix(h, "W/"), `"`), 10, 64)
	if err != nil || v < 1 {
		return 0, errorf(http.StatusBadRequest, CodePrecondition, "If-Match", `send the ETag of the report you read, like "3"`, "If-Match %q is not a report version", clipText(h, 40))
	}
	return v, nil
}

// visible loads a report the actor may see; one they may not see is
// answered exactly like one that does not exist.
func (s *Server) visible(c *call, id int64) (*vuln.Report, error) {
	r, err := s.cfg.Store.Report(c.ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("report")
	}
	if err != nil {
		return nil, err
	}
	if ok, _ := vuln.Can(c.actor, vuln.ActionView, r); !ok {
		return nil, notFound("report")
	}
	return r, nil
}

// maxRetries bounds how often a change without If-Match is reapplied to a
// fresh copy after another writer got there first: enough for dozens of
// people writing to one report in the same moment.
const maxRetries = 64

// backoff waits a little, more with every attempt, so writers that keep
// colliding spread out.
func backoff(attempt int) {
	// assure: waive W-0035 -- retry jitter; need not be unpredictable
	time.Sleep(time.Duration(rand.IntN(attempt+1)) * time.Millisecond)
}

// apply runs one domain operation on the report of the path and stores
// the result. With If-Match, a report that moved on is a 409 and nothing
// is written. Without it, the operation is applied again to the fresh copy
// (re-authorised and re-validated by the domain), so concurrent comments
// and triage edits all land and none is lost.
func (s *Server) apply(c *call, op func(*vuln.Report) (extra, error)) error {
	r, err := s.update(c, op)
	if err != nil {
		return err
	}
	return s.writeReport(c, r)
}

func (s *Server) update(c *call, op func(*vuln.Report) (extra, error)) (*vuln.Report, error) {
	id, err := reportID(c)
	if err != nil {
		return nil, err
	}
	want, err := ifMatch(c)
	if err != nil {
		return nil, err
	}
	return s.updateReport(c, id, want, op)
}

func (s *Server) updateReport(c *call, id, want int64, op func(*vuln.Report) (extra, error)) (*vuln.Report, error) {
	for attempt := 0; ; attempt++ {
		r, err := s.visible(c, id)
		if err != nil {
			return nil, err
		}
		if want != 0 && r.Version != want {
			return nil, conflict(r.Version)
		}
		x, err := op(r)
		if err != nil {
			return nil, err
		}
		err = s.cfg.Store.UpdateReport(c.ctx, r, x)
		if errors.Is(err, store.ErrConflict) {
			if want == 0 && attempt < maxRetries {
				backoff(attempt)
				continue
			}
			cur, rerr := s.cfg.Store.Report(c.ctx, id)
			if rerr != nil {
				return nil, err
			}
			return nil, conflict(cur.Version)
		}
		return r, err
	}
}

func conflict(version int64) *apiError {
	return &apiError{Status: http.StatusConflict, Code: CodeConflict, Version: version,
		Msg:  "the report changed since you read it; nothing was written",
		Hint: "read it again (version " + strconv.FormatInt(version, 10) + ") and repeat your change"}
}

// view is what actor a may see of r.
func (s *Server) view(a vuln.Actor, r *vuln.Report) ReportView {
	private, _ := vuln.Can(a, vuln.ActionViewPrivate, r)
	v := ReportView{Report: *r, Key: r.Key(s.cfg.Vuln.Prefix), Severity: severity(r), Private: private, Allowed: allowed(a, r)}
	if !private {
		p := &v.Report
		p.Reporter, p.Assignees, p.AssignedAt = "", nil, nil
		p.Comments, p.Attachments, p.Collaborators = nil, nil, nil
		p.Rejection, p.History = nil, nil
		p.Embargo = vuln.Embargo{Start: r.Embargo.Start, End: r.Embargo.End}
	}
	if v.History == nil {
		v.History = []vuln.Event{}
	}
	return v
}

// allowed lists the report actions Can allows a on r now.
func allowed(a vuln.Actor, r *vuln.Report) []vuln.Action {
	out := []vuln.Action{}
	for _, act := range vuln.ReportActions() {
		if ok, _ := vuln.Can(a, act, r); ok {
			out = append(out, act)
		}
	}
	return out
}

// severity is the effective severity: the CVSS rating once triaged, else
// the reporter's.
func severity(r *vuln.Report) string {
	if r.CVSS != nil {
		return strings.ToLower(r.CVSS.Severity)
	}
	return string(r.ReporterSeverity)
}

func (s *Server) writeReport(c *call, r *vuln.Report) error {
	c.w.Header().Set("ETag", `"`+strconv.FormatInt(r.Version, 10)+`"`)
	writeJSON(c.w, c.route.Status, s.view(c.actor, r))
	return nil
}

// decodeOptional decodes a body that may be left out entirely.
func decodeOptional(c *call, v any) error {
	if c.r.ContentLength == 0 && c.r.Header.Get("Content-Type") == "" {
		return nil
	}
	return decodeJSON(c.w, c.r, v)
}

func (s *Server) apiGet(c *call) error {
	id, err := reportID(c)
	if err != nil {
		return err
	}
	r, err := s.visible(c, id)
	if err != nil {
		return err
	}
	if err := s.auditView(c, r, "api"); err != nil {
		return err
	}
	return s.writeReport(c, r)
}

// auditView records that an account saw an embargoed report.
func (s *Server) auditView(c *call, r *vuln.Report, via string) error {
	if !r.Embargoed() || c.account == nil {
		return nil
	}
	return s.auditNow(c, audit.Entry{Actor: c.actorName(), Action: "report.view", Subject: subject(r), Detail: via + ", state " + string(r.State)})
}

func subject(r *vuln.Report) string { return "report/" + strconv.FormatInt(r.ID, 10) }

func (s *Server) apiCreate(c *call) error {
	var in vuln.Intake
	if err := decodeJSON(c.w, c.r, &in); err != nil {
		return err
	}
	r, err := s.create(c, in)
	if err != nil {
		return err
	}
	c.w.Header().Set("Location", "/api/v1/reports/"+strconv.FormatInt(r.ID, 10))
	return s.writeReport(c, r)
}

func (s *Server) create(c *call, in vuln.Intake) (*vuln.Report, error) {
	r, err := vuln.New(c.actor, in, s.cfg.Vuln, c.now)
	if err != nil {
		return nil, err
	}
	if err := s.cfg.Store.CreateReport(c.ctx, r, store.Extra{}); err != nil {
		return nil, err
	}
	return r, nil
}

func (s *Server) apiEdit(c *call) error {
	var e vuln.Edit
	if err := decodeJSON(c.w, c.r, &e); err != nil {
		return err
	}
	return s.apply(c, func(r *vuln.Report) (extra, error) { return extra{}, r.Edit(c.actor, e, c.now) })
}

func (s *Server) apiTriage(c *call) error {
	var t vuln.Triage
	if err := decodeJSON(c.w, c.r, &t); err != nil {
		return err
	}
	return s.apply(c, func(r *vuln.Report) (extra, error) { return extra{}, r.Triage(c.actor, t, s.env(), c.now) })
}

func (s *Server) apiAssign(c *call) error {
	var in AssignRequest
	if err := decodeOptional(c, &in); err != nil {
		return err
	}
	if err := s.accountsExist(c, "assignees", in.Assignees); err != nil {
		return err
	}
	return s.apply(c, func(r *vuln.Report) (extra, error) { return extra{}, r.Assign(c.actor, in.Assignees, c.now) })
}

// accountsExist refuses ids of accounts the server does not have: a typo
// would otherwise give the report to no one.
func (s *Server) accountsExist(c *call, field string, ids []string) error {
	for i, id := range ids {
		if len(id) > vuln.MaxIDLen {
			continue // the domain refuses it with the right code
		}
		if _, err := s.cfg.Store.Account(c.ctx, id); errors.Is(err, store.ErrNotFound) {
			f := field
			if field == "assignees" {
				f += "/" + strconv.Itoa(i)
			}
			return errorf(http.StatusUnprocessableEntity, vuln.CodeInvalid, f, "use an account id", "no account %q", clipText(id, 40))
		} else if err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) apiPropose(c *call) error {
	var in RejectRequest
	if err := decodeJSON(c.w, c.r, &in); err != nil {
		return err
	}
	return s.apply(c, func(r *vuln.Report) (extra, error) {
		return extra{}, r.ProposeRejection(c.actor, in.Reason, in.Note, c.now)
	})
}

func (s *Server) apiCVE(c *call) error {
	var in CVERequest
	if err := decodeJSON(c.w, c.r, &in); err != nil {
		return err
	}
	return s.apply(c, func(r *vuln.Report) (extra, error) { return extra{}, r.SetCVE(c.actor, in.CVE, c.now) })
}

func (s *Server) apiFix(c *call) error {
	var in FixRequest
	if err := decodeJSON(c.w, c.r, &in); err != nil {
		return err
	}
	return s.apply(c, func(r *vuln.Report) (extra, error) {
		return extra{}, r.LinkFix(c.actor, vuln.Fix{Branch: in.Branch, Kind: in.Kind, Ref: in.Ref, URL: in.URL}, s.env(), c.now)
	})
}

func (s *Server) apiBackport(c *call) error {
	var in vuln.BackportUpdate
	if err := decodeJSON(c.w, c.r, &in); err != nil {
		return err
	}
	return s.apply(c, func(r *vuln.Report) (extra, error) { return extra{}, r.SetBackport(c.actor, in, s.env(), c.now) })
}

func (s *Server) apiComment(c *call) error {
	var in CommentRequest
	if err := decodeJSON(c.w, c.r, &in); err != nil {
		return err
	}
	return s.apply(c, func(r *vuln.Report) (extra, error) {
		_, err := r.Comment(c.actor, in.Body, c.now)
		return extra{}, err
	})
}

func (s *Server) apiCollaborator(c *call) error {
	var in CollaboratorRequest
	if err := decodeJSON(c.w, c.r, &in); err != nil {
		return err
	}
	if err := s.accountsExist(c, "account", []string{in.Account}); err != nil {
		return err
	}
	return s.apply(c, func(r *vuln.Report) (extra, error) { return extra{}, r.AddCollaborator(c.actor, in.Account, c.now) })
}

func (s *Server) apiEmbargo(c *call) error {
	var in EmbargoRequest
	if err := decodeJSON(c.w, c.r, &in); err != nil {
		return err
	}
	return s.apply(c, func(r *vuln.Report) (extra, error) {
		return extra{}, r.ExtendEmbargo(c.actor, in.Days, in.Reason, c.now)
	})
}
