package server

import (
	"github.com/assure-dev/assure/internal/advisory"
	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// exportable loads the report of the path for export: the public may
// export a public report, the security team drafts too; everyone else who
// can see the report gets 403, and who cannot, 404.
func (s *Server) exportable(c *call) (*vuln.Report, error) {
	id, err := reportID(c)
	if err != nil {
		return nil, err
	}
	r, err := s.visible(c, id)
	if err != nil {
		return nil, err
	}
	if ok, why := vuln.Can(c.actor, vuln.ActionExport, r); !ok {
		return nil, &vuln.Error{Code: why.Code, Msg: why.Text}
	}
	return r, nil
}

// auditExport records an export by an account; anonymous exports of
// public reports reveal nothing private and are not recorded.
func (s *Server) auditExport(c *call, subj, format string) error {
	if c.account == nil {
		return nil
	}
	return s.auditNow(c, audit.Entry{Actor: c.actorName(), Action: "report.export", Subject: subj, Detail: format})
}

func (s *Server) exportDoc(c *call, format string) ([]byte, *vuln.Report, error) {
	r, err := s.exportable(c)
	if err != nil {
		return nil, nil, err
	}
	var b []byte
	switch format {
	case "osv":
		b, err = advisory.OSV(r, s.cfg.Vuln)
	case "csaf":
		b, err = advisory.CSAF(r, s.cfg.Vuln, s.cfg.Project)
	}
	if err != nil {
		return nil, nil, err
	}
	if err := s.auditExport(c, subject(r), format); err != nil {
		return nil, nil, err
	}
	return b, r, nil
}

func (s *Server) apiOSV(c *call) error {
	b, _, err := s.exportDoc(c, "osv")
	if err != nil {
		return err
	}
	writeBytes(c.w, "application/json; charset=utf-8", b)
	return nil
}

func (s *Server) apiCSAF(c *call) error {
	b, _, err := s.exportDoc(c, "csaf")
	if err != nil {
		return err
	}
	writeBytes(c.w, "application/json; charset=utf-8", b)
	return nil
}

// publicPage renders the vulnerabilities page of every public report the
// actor may export.
func (s *Server) publicPage(c *call) ([]byte, error) {
	rs, err := s.cfg.Store.Reports(c.ctx, store.Filter{States: []vuln.State{vuln.StatePublic}})
	if err != nil {
		return nil, err
	}
	var out []*vuln.Report
	for _, r := range rs {
		if ok, _ := vuln.Can(c.actor, vuln.ActionExport, r); ok {
			out = append(out, r)
		}
	}
	if err := s.auditExport(c, "advisories", "markdown"); err != nil {
		return nil, err
	}
	return advisory.Markdown(out, s.cfg.Vuln, s.cfg.Project), nil
}

func (s *Server) apiPage(c *call) error {
	b, err := s.publicPage(c)
	if err != nil {
		return err
	}
	writeBytes(c.w, "text/markdown; charset=utf-8", b)
	return nil
}
