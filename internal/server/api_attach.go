package server

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// apiAttach takes the file as the raw body: its media type in
// Content-Type, its name in ?name=. The body is cut off at the
// configuration's limit (413).
func (s *Server) apiAttach(c *call) error {
	name := c.r.URL.Query().Get("name")
	if name == "" {
		return errorf(http.StatusBadRequest, CodeBadParameter, "name", "add ?name=FILE to the URL", "the attachment needs a name")
	}
	data, err := readBody(c.w, c.r, s.cfg.Vuln.Attachments.MaxBytes)
	if err != nil {
		return err
	}
	att, err := s.attach(c, name, c.r.Header.Get("Content-Type"), data)
	if err != nil {
		return err
	}
	c.w.Header().Set("Location", c.r.URL.Path+"/"+att.ID)
	writeJSON(c.w, http.StatusCreated, att)
	return nil
}

func (s *Server) attach(c *call, name, mediaType string, data []byte) (vuln.Attachment, error) {
	var att vuln.Attachment
	_, err := s.update(c, func(r *vuln.Report) (extra, error) {
		a, err := r.Attach(c.actor, name, mediaType, data, s.cfg.Vuln, c.now)
		att = a
		return extra{Blobs: map[string][]byte{a.ID: data}}, err
	})
	return att, err
}

// apiAttachment serves an attachment to the people involved in the report,
// always as a download: it is untrusted input and must never render in
// the server's origin.
func (s *Server) apiAttachment(c *call) error {
	r, att, err := s.attachment(c)
	if err != nil {
		return err
	}
	return s.sendAttachment(c, r, att, "api")
}

func (s *Server) attachment(c *call) (*vuln.Report, vuln.Attachment, error) {
	id, err := reportID(c)
	if err != nil {
		return nil, vuln.Attachment{}, err
	}
	r, err := s.visible(c, id)
	if err != nil {
		return nil, vuln.Attachment{}, err
	}
	if ok, _ := vuln.Can(c.actor, vuln.ActionViewPrivate, r); !ok {
		return nil, vuln.Attachment{}, notFound("attachment")
	}
	att, ok := r.Attachment(c.r.PathValue("aid"))
	if !ok {
		return nil, vuln.Attachment{}, notFound("attachment")
	}
	return r, att, nil
}

func (s *Server) sendAttachment(c *call, r *vuln.Report, att vuln.Attachment, via string) error {
	data, err := s.cfg.Store.Attachment(c.ctx, r.ID, att.ID)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("attachment")
	}
	if err != nil {
		return err
	}
	if err := s.auditNow(c, audit.Entry{Actor: c.actorName(), Action: "report.attachment", Subject: subject(r), Detail: "attachment " + att.ID + " via " + via}); err != nil {
		return err
	}
	h := c.w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": att.Name}))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Assure-Media-Type", url.QueryEscape(att.MediaType))
	h.Set("X-Assure-SHA256", att.SHA256)
	c.w.WriteHeader(http.StatusOK)
	_, _ = c.w.Write(data) // an error is a client that went away
	return nil
}
