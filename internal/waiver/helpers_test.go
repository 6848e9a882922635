package waiver

import (
	"github.com/assure-dev/assure/internal/model"
)

// testModel has an author, two security reviewers and a maintainer.
func testModel() *model.Model {
	m := &model.Model{People: []model.Person{
		{ID: "alice", Name: "Alice Author", Emails: []string{"alice@example.com"}, Roles: []string{model.RoleMaintainer}},
		{ID: "carol", Name: "Carol Crypto", Emails: []string{"carol@example.com"}, Roles: []string{model.RoleSecurityReviewer}},
		{ID: "dave", Name: "Dave Defender", Emails: []string{"dave@example.com"}, Roles: []string{model.RoleSecurityReviewer, model.RoleMaintainer}},
		{ID: "bob", Name: "Bob Builder", Emails: []string{"bob@example.com"}, Roles: []string{model.RoleMaintainer}},
	}}
	m.Reindex()
	return m
}

// complete is a waiver with every field recorded and one approval.
func complete(id string) Waiver {
	return Waiver{
		ID: id, Status: Accepted, Tool: "flawfinder", ToolVersion: "2.0.19", Rule: "FF1001",
		File: "src/parse.c", Fingerprint: "fp-" + id, Line: 12, AnalysisDate: "2026-01-01", Branch: "main",
		Revision: "0123456789abcdef0123456789abcdef01234567", Category: FalsePositive,
		Reason: "the buffer is sized by the caller", Author: "alice",
		Approvers: []Approval{{Person: "carol", Date: "2026-01-02"}},
	}
}
