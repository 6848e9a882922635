package vuln

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Comment adds a message to the report's discussion and returns it.
func (r *Report) Comment(a Actor, body string, now time.Time) (Comment, error) {
	if err := r.authorize(a, ActionComment); err != nil {
		return Comment{}, err
	}
	body, err := text("body", body, MaxText, true)
	if err != nil {
		return Comment{}, err
	}
	if len(r.Comments) >= 10000 {
		return Comment{}, &Error{Code: CodeTooLarge, Field: "body", Msg: "the report has too many comments"}
	}
	now = stamp(now)
	c := Comment{ID: len(r.Comments) + 1, Author: a.ID, Body: body, At: now}
	r.Comments = append(slices.Clone(r.Comments), c)
	r.record(now, a.ID, string(ActionComment), "", "", fmt.Sprintf("comment %d", c.ID))
	return c, nil
}

// Attach adds a file to the report and returns its description; the caller
// stores content with it (store.Extra.Blobs) under the returned ID. Size and
// count are limited by cfg.Attachments.
func (r *Report) Attach(a Actor, name, mediaType string, content []byte, cfg Config, now time.Time) (Attachment, error) {
	if err := r.authorize(a, ActionAttach); err != nil {
		return Attachment{}, err
	}
	cfg = cfg.Defaults()
	if int64(len(content)) > cfg.Attachments.MaxBytes {
		return Attachment{}, &Error{Code: CodeTooLarge, Field: "content", Msg: fmt.Sprintf("attachment of %d bytes is larger than the %d allowed", len(content), cfg.Attachments.MaxBytes), Hint: "compress it or share it another way"}
	}
	if len(content) == 0 {
		return Attachment{}, invalid("content", "", "empty attachment")
	}
	if len(r.Attachments) >= cfg.Attachments.MaxCount {
		return Attachment{}, &Error{Code: CodeTooLarge, Field: "content", Msg: fmt.Sprintf("the report already has %d attachments, the most allowed", len(r.Attachments))}
	}
	// Only the base name: a name is shown and offered for download, never
	// used as a path.
	name = path.Base(strings.ReplaceAll(strings.TrimSpace(name), `\`, "/"))
	name, err := line("name", name, 255, true)
	if err != nil || name == "." || name == "/" || name == ".." {
		return Attachment{}, invalid("name", "give the file's name", "invalid attachment name")
	}
	if mediaType == "" {
		mediaType = "application/octet-stream"
	}
	mt, params, err := mime.ParseMediaType(mediaType)
	if err != nil || len(mediaType) > 255 {
		return Attachment{}, invalid("media_type", "give a media type like text/plain", "invalid media type %q", clip(mediaType))
	}
	now = stamp(now)
	sum := sha256.Sum256(content)
	att := Attachment{
		ID: strconv.Itoa(len(r.Attachments) + 1), Name: name, MediaType: mime.FormatMediaType(mt, params),
		Size: int64(len(content)), SHA256: hex.EncodeToString(sum[:]), By: a.ID, At: now,
	}
	r.Attachments = append(slices.Clone(r.Attachments), att)
	r.record(now, a.ID, string(ActionAttach), "", "", fmt.Sprintf("attachment %s (%d bytes, sha256 %s)", att.ID, att.Size, att.SHA256[:16]))
	return att, nil
}

// Attachment finds an attachment's description by id.
func (r *Report) Attachment(id string) (Attachment, bool) {
	for _, a := range r.Attachments {
		if a.ID == id {
			return a, true
		}
	}
	return Attachment{}, false
}
