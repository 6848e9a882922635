package server

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

func (s *Server) uiHome(c *call) error {
	switch {
	case c.account != nil:
		http.Redirect(c.w, c.r, "/reports", http.StatusSeeOther)
	case s.setupPending():
		http.Redirect(c.w, c.r, "/setup", http.StatusSeeOther)
	default:
		http.Redirect(c.w, c.r, "/login", http.StatusSeeOther)
	}
	return nil
}

// inboxData is the inbox: its filter as chosen and the rows.
type inboxData struct {
	State, Severity, Module, Ending string
	States                          []vuln.State
	Modules                         []string
	Reports                         []ReportSummary
	Next                            int64
	Query                           string
}

func (s *Server) uiInbox(c *call) error {
	q := c.r.URL.Query()
	for k, v := range q {
		if len(v) == 1 && v[0] == "" {
			q.Del(k) // an unselected filter of the form
		}
	}
	lq, err := s.parseList(q, c.now)
	if err != nil {
		return err
	}
	list, err := s.list(c, lq)
	if err != nil {
		return err
	}
	d := inboxData{State: q.Get("state"), Severity: q.Get("severity"), Module: q.Get("module"), Ending: q.Get("ending_within"),
		States: vuln.States(), Modules: s.moduleIDs(), Reports: list.Reports, Next: list.Next}
	if list.Next != 0 {
		q.Set("after", strconv.FormatInt(list.Next, 10))
		d.Query = q.Encode()
	}
	return s.render(c, http.StatusOK, "inbox", s.newPage(c, "Inbox", d))
}

func (s *Server) moduleIDs() []string {
	var out []string
	for _, m := range s.cfg.Model.Modules {
		out = append(out, m.ID)
	}
	return out
}

func (s *Server) uiNew(c *call) error {
	if ok, why := vuln.Can(c.actor, vuln.ActionCreate, nil); !ok {
		return &vuln.Error{Code: why.Code, Msg: why.Text}
	}
	return s.render(c, http.StatusOK, "new", s.newPage(c, "File a report", newData{Severities: vuln.Severities()}))
}

type newData struct {
	Severities                   []vuln.Severity
	Title, Description, Severity string
}

func (s *Server) uiNewPost(c *call) error {
	f := c.r.PostForm
	in := vuln.Intake{Title: f.Get("title"), Description: f.Get("description"), Severity: vuln.Severity(f.Get("severity"))}
	r, err := s.create(c, in)
	if err != nil {
		e, internal := asAPIError(err)
		if internal {
			return err
		}
		p := s.newPage(c, "File a report", newData{Severities: vuln.Severities(), Title: in.Title, Description: in.Description, Severity: string(in.Severity)})
		p.Error = e
		return s.render(c, e.Status, "new", p)
	}
	http.Redirect(c.w, c.r, "/reports/"+strconv.FormatInt(r.ID, 10), http.StatusSeeOther)
	return nil
}

// reportData is the detail page: the report as the actor may see it and
// the choices its forms offer.
type reportData struct {
	ReportView
	Modules         []string
	Releases        []vuln.Release
	Branches        []string
	Maintained      []string
	Stride          []vuln.Stride
	Severities      []vuln.Severity
	Reasons         []vuln.RejectReason
	BackportStatus  []vuln.BackportStatus
	Metrics         []cvssPick
	CanExport       bool
	DaysLeft        int
	EmbargoExpired  bool
	PendingReject   bool
	RejectProposer  string
	AttachmentLimit int64
}

// cvssPick is one base metric of the calculator's v3.1 picker.
type cvssPick struct {
	Key, Name string
	Values    [][2]string // value, label
}

var cvssPicker = []cvssPick{
	{"AV", "Attack vector", [][2]string{{"N", "Network"}, {"A", "Adjacent"}, {"L", "Local"}, {"P", "Physical"}}},
	{"AC", "Attack complexity", [][2]string{{"L", "Low"}, {"H", "High"}}},
	{"PR", "Privileges required", [][2]string{{"N", "None"}, {"L", "Low"}, {"H", "High"}}},
	{"UI", "User interaction", [][2]string{{"N", "None"}, {"R", "Required"}}},
	{"S", "Scope", [][2]string{{"U", "Unchanged"}, {"C", "Changed"}}},
	{"C", "Confidentiality", [][2]string{{"H", "High"}, {"L", "Low"}, {"N", "None"}}},
	{"I", "Integrity", [][2]string{{"H", "High"}, {"L", "Low"}, {"N", "None"}}},
	{"A", "Availability", [][2]string{{"H", "High"}, {"L", "Low"}, {"N", "None"}}},
}

func (s *Server) reportPage(c *call, r *vuln.Report) reportData {
	cfg := s.cfg.Vuln
	d := reportData{ReportView: s.view(c.actor, r), Modules: s.moduleIDs(), Releases: cfg.Releases, Branches: cfg.Branches(),
		Maintained: cfg.MaintainedBranches(), Stride: vuln.StrideCategories(), Severities: vuln.Severities(), Reasons: vuln.RejectReasons(),
		BackportStatus: vuln.BackportStatuses(), Metrics: cvssPicker, AttachmentLimit: cfg.Attachments.MaxBytes}
	d.CanExport, _ = vuln.Can(c.actor, vuln.ActionExport, r)
	d.DaysLeft = int(r.Embargo.End.Sub(c.now).Hours() / 24)
	d.EmbargoExpired = !c.now.Before(r.Embargo.End)
	if r.Rejection != nil && r.Rejection.ApprovedBy == "" && d.Private {
		d.PendingReject, d.RejectProposer = true, r.Rejection.ProposedBy
	}
	return d
}

func (s *Server) uiReport(c *call) error {
	id, err := reportID(c)
	if err != nil {
		return err
	}
	r, err := s.visible(c, id)
	if err != nil {
		return err
	}
	if err := s.auditView(c, r, "ui"); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "report", s.newPage(c, r.Key(s.cfg.Vuln.Prefix)+" "+r.Title, s.reportPage(c, r)))
}

// uiAct is the handler of one action form of the detail page.
func uiAct(action string) func(*Server, *call) error {
	return func(s *Server, c *call) error {
		id, err := reportID(c)
		if err != nil {
			return err
		}
		want := int64(0)
		if v := c.r.PostFormValue("version"); v != "" {
			if want, err = strconv.ParseInt(v, 10, 64); err != nil || want < 1 {
				return errorf(http.StatusBadRequest, CodeBadParameter, "version", "reload the page", "invalid version")
			}
		}
		op, err := s.formOp(c, action)
		if err == nil {
			_, err = s.updateReport(c, id, want, op)
		}
		if err != nil {
			e, internal := asAPIError(err)
			if internal || e.Status == http.StatusNotFound || e.Code == CodeUnauth {
				return err
			}
			// Show the report again, fresh, with what went wrong.
			r, lerr := s.visible(c, id)
			if lerr != nil {
				return lerr
			}
			if err := s.auditView(c, r, "ui"); err != nil {
				return err
			}
			p := s.newPage(c, r.Key(s.cfg.Vuln.Prefix)+" "+r.Title, s.reportPage(c, r))
			p.Error = e
			return s.render(c, e.Status, "report", p)
		}
		http.Redirect(c.w, c.r, "/reports/"+strconv.FormatInt(id, 10)+"#"+action, http.StatusSeeOther)
		return nil
	}
}

// formOp turns one form into a domain operation.
func (s *Server) formOp(c *call, action string) (func(*vuln.Report) (extra, error), error) {
	f, a, now := c.r.PostForm, c.actor, c.now
	none := func(fn func(r *vuln.Report) error) func(*vuln.Report) (extra, error) {
		return func(r *vuln.Report) (extra, error) { return extra{}, fn(r) }
	}
	switch action {
	case "edit":
		e := vuln.Edit{}
		if v, ok := f["title"]; ok {
			e.Title = &v[0]
		}
		if v, ok := f["description"]; ok {
			e.Description = &v[0]
		}
		if v, ok := f["severity"]; ok {
			sev := vuln.Severity(v[0])
			e.Severity = &sev
		}
		return none(func(r *vuln.Report) error { return r.Edit(a, e, now) }), nil
	case "start-triage", "submit", "accept", "publish", "approve-rejection", "withdraw-rejection":
		act := map[string]vuln.Action{"start-triage": vuln.ActionStartTriage, "submit": vuln.ActionSubmit, "accept": vuln.ActionAccept,
			"publish": vuln.ActionPublish, "approve-rejection": vuln.ActionApproveRejection, "withdraw-rejection": vuln.ActionWithdrawRejection}[action]
		return none(func(r *vuln.Report) error { return doTransition(r, a, act, now) }), nil
	case "triage":
		t := vuln.Triage{}
		if v := strings.TrimSpace(f.Get("cvss")); v != "" {
			t.CVSS = &v
		}
		for _, x := range f["stride"] {
			t.Stride = append(t.Stride, vuln.Stride(x))
		}
		if m := f["modules"]; len(m) > 0 {
			t.Modules = m
		}
		if rel := f["releases"]; len(rel) > 0 {
			t.Releases = rel
		}
		if w := f.Get("workaround"); strings.TrimSpace(w) != "" {
			t.Workaround = &w
		}
		return none(func(r *vuln.Report) error { return r.Triage(a, t, s.env(), now) }), nil
	case "assign":
		ids := strings.FieldsFunc(f.Get("assignees"), func(r rune) bool { return r == ',' || r == ' ' })
		if err := s.accountsExist(c, "assignees", ids); err != nil {
			return nil, err
		}
		return none(func(r *vuln.Report) error { return r.Assign(a, ids, now) }), nil
	case "reject":
		reason, note := vuln.RejectReason(f.Get("reason")), f.Get("note")
		return none(func(r *vuln.Report) error { return r.ProposeRejection(a, reason, note, now) }), nil
	case "cve":
		cve := strings.TrimSpace(f.Get("cve"))
		return none(func(r *vuln.Report) error { return r.SetCVE(a, cve, now) }), nil
	case "fix":
		fx := vuln.Fix{Branch: f.Get("branch"), Kind: vuln.FixKind(f.Get("kind")), Ref: f.Get("ref"), URL: strings.TrimSpace(f.Get("url"))}
		return none(func(r *vuln.Report) error { return r.LinkFix(a, fx, s.env(), now) }), nil
	case "backport":
		u := vuln.BackportUpdate{Branch: f.Get("branch"), Status: vuln.BackportStatus(f.Get("status")), FixedIn: strings.TrimSpace(f.Get("fixed_in")), Ref: strings.TrimSpace(f.Get("ref"))}
		return none(func(r *vuln.Report) error { return r.SetBackport(a, u, s.env(), now) }), nil
	case "comment":
		body := f.Get("body")
		return none(func(r *vuln.Report) error { _, err := r.Comment(a, body, now); return err }), nil
	case "collaborator":
		acc := strings.TrimSpace(f.Get("account"))
		if err := s.accountsExist(c, "account", []string{acc}); err != nil {
			return nil, err
		}
		return none(func(r *vuln.Report) error { return r.AddCollaborator(a, acc, now) }), nil
	case "embargo":
		days, err := strconv.Atoi(strings.TrimSpace(f.Get("days")))
		if err != nil {
			return nil, invalidField("days", "give a number of days", "%q is not a number of days", clipText(f.Get("days"), 20))
		}
		reason := f.Get("reason")
		return none(func(r *vuln.Report) error { return r.ExtendEmbargo(a, days, reason, now) }), nil
	case "attach":
		file, hdr, err := c.r.FormFile("file")
		if err != nil {
			return nil, invalidField("file", "choose a file", "no file was sent")
		}
		defer file.Close()
		data, err := io.ReadAll(io.LimitReader(file, s.cfg.Vuln.Attachments.MaxBytes+1))
		if err != nil {
			return nil, err
		}
		name, mt := hdr.Filename, hdr.Header.Get("Content-Type")
		return func(r *vuln.Report) (extra, error) {
			att, err := r.Attach(a, name, mt, data, s.cfg.Vuln, now)
			return extra{Blobs: map[string][]byte{att.ID: data}}, err
		}, nil
	}
	return nil, errorf(http.StatusNotFound, "not_found", "", "", "unknown action")
}

func (s *Server) uiAttachment(c *call) error {
	r, att, err := s.attachment(c)
	if err != nil {
		return err
	}
	return s.sendAttachment(c, r, att, "ui")
}

func uiExport(format string) func(*Server, *call) error {
	return func(s *Server, c *call) error {
		b, r, err := s.exportDoc(c, format)
		if err != nil {
			return err
		}
		c.w.Header().Set("Content-Disposition", `attachment; filename="`+r.Key(s.cfg.Vuln.Prefix)+"."+format+`.json"`)
		writeBytes(c.w, "application/json; charset=utf-8", b)
		return nil
	}
}

func (s *Server) uiAdvisories(c *call) error {
	rs, err := s.cfg.Store.Reports(c.ctx, store.Filter{States: []vuln.State{vuln.StatePublic}})
	if err != nil {
		return err
	}
	var out []ReportSummary
	for _, r := range rs {
		if ok, _ := vuln.Can(c.actor, vuln.ActionExport, r); ok {
			out = append(out, s.summary(r))
		}
	}
	return s.render(c, http.StatusOK, "advisories", s.newPage(c, "Advisories", out))
}
