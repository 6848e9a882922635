package server

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/vuln"
)

func (s *Server) apiHealth(c *call) error {
	if _, err := s.cfg.Store.AuditEntries(c.ctx, 0, 1); err != nil {
		return errorf(http.StatusServiceUnavailable, CodeUnavailable, "", "", "the store does not answer")
	}
	writeJSON(c.w, http.StatusOK, Health{Status: "ok", Store: s.cfg.Store.Kind()})
	return nil
}

// apiCVSS scores a vector with the same code triage uses, so the UI's live
// calculator shows exactly what the server will record.
func (s *Server) apiCVSS(c *call) error {
	q := c.r.URL.Query()
	for k := range q {
		if k != "vector" {
			return errorf(http.StatusBadRequest, CodeBadParameter, k, "known parameters: vector", "unknown parameter %q", clipText(k, 40))
		}
	}
	cv, err := vuln.ParseCVSS(q.Get("vector"))
	if err != nil {
		return err
	}
	writeJSON(c.w, http.StatusOK, cv)
	return nil
}

func (s *Server) mayAudit(c *call) error {
	if ok, why := vuln.Can(c.actor, vuln.ActionViewAudit, nil); !ok {
		return &vuln.Error{Code: why.Code, Msg: why.Text}
	}
	return nil
}

func (s *Server) apiAudit(c *call) error {
	if err := s.mayAudit(c); err != nil {
		return err
	}
	q := c.r.URL.Query()
	from, limit := int64(0), 100
	for k, vs := range q {
		n, err := strconv.ParseInt(vs[0], 10, 64)
		switch {
		case k != "from" && k != "limit":
			return errorf(http.StatusBadRequest, CodeBadParameter, k, "known parameters: from, limit", "unknown parameter %q", clipText(k, 40))
		case err != nil || n < 0 || len(vs) > 1 || k == "limit" && (n < 1 || n > 1000):
			return errorf(http.StatusBadRequest, CodeBadParameter, k, "from: a record index; limit: 1 to 1000", "invalid %s %q", k, clipText(vs[0], 40))
		case k == "from":
			from = n
		default:
			limit = int(n)
		}
	}
	rs, err := s.cfg.Store.AuditEntries(c.ctx, from, limit)
	if err != nil {
		return err
	}
	page := AuditPage{Records: rs}
	if page.Records == nil {
		page.Records = []audit.Record{}
	}
	if len(rs) == limit {
		page.Next = rs[len(rs)-1].Index + 1
	}
	writeJSON(c.w, http.StatusOK, page)
	return nil
}

// verifyAudit checks the whole log with the server's public key.
func (s *Server) verifyAudit(ctx context.Context) (AuditVerification, error) {
	if s.cfg.Verifier == nil {
		return AuditVerification{}, errorf(http.StatusServiceUnavailable, CodeUnavailable, "", "start the server with its data directory", "the server has no audit verifier key")
	}
	res, err := audit.Verify(ctx, s.cfg.Store, s.cfg.Verifier, audit.VerifyOptions{})
	var ve *audit.VerifyError
	if errors.As(err, &ve) {
		out := AuditVerification{Intact: false}
		for _, p := range ve.Problems {
			out.Problems = append(out.Problems, p.What)
		}
		return out, nil
	}
	if err != nil {
		return AuditVerification{}, err
	}
	return AuditVerification{Intact: true, Records: res.Records, Checkpoints: int64(res.Checkpoints),
		Root: base64.StdEncoding.EncodeToString(res.Latest.Tree.Hash[:])}, nil
}

func (s *Server) apiVerify(c *call) error {
	if err := s.mayAudit(c); err != nil {
		return err
	}
	v, err := s.verifyAudit(c.ctx)
	if err != nil {
		return err
	}
	writeJSON(c.w, http.StatusOK, v)
	return nil
}
