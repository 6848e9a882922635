package vuln

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestOperationsRefuse: each rule of the process, broken once, gives a
// precise error and leaves the report as it was.
func TestOperationsRefuse(t *testing.T) {
	v := "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
	bad := "CVSS:3.1/AV:N"
	cases := []struct {
		name  string
		state string
		op    func(r *Report) error
		code  string
		text  string
	}{
		{"assign before triage is complete", "triage", func(r *Report) error {
			r.CVSS = nil
			return r.Assign(team, nil, day(3))
		}, CodeState, "no CVSS vector"},
		{"submit without a fix", "assigned", func(r *Report) error { return r.Submit(team, day(3)) }, CodeState, "no fix is linked"},
		{"accept without a CVE", "review", func(r *Report) error { return r.Accept(team, day(8)) }, CodeState, "needs a CVE id"},
		{"publish from review", "review", func(r *Report) error { return r.Publish(team, day(8)) }, CodeState, "allowed in: accepted"},
		{"reporter triages", "triage", func(r *Report) error { return r.Triage(rita, Triage{CVSS: &v}, env, day(2)) }, CodeForbidden, "security team"},
		{"invalid cvss", "triage", func(r *Report) error { return r.Triage(team, Triage{CVSS: &bad}, env, day(2)) }, CodeInvalid, "base metric AC is missing"},
		{"unknown module", "triage", func(r *Report) error { return r.Triage(team, Triage{Modules: []string{"net", "wifi"}}, env, day(2)) }, CodeInvalid, `modules/1: unknown module "wifi"`},
		{"unknown release", "triage", func(r *Report) error { return r.Triage(team, Triage{Releases: []string{"v9"}}, env, day(2)) }, CodeInvalid, `unknown release "v9"`},
		{"unknown stride", "triage", func(r *Report) error { return r.Triage(team, Triage{Stride: []Stride{"X"}}, env, day(2)) }, CodeInvalid, "stride/0"},
		{"empty triage", "triage", func(r *Report) error { return r.Triage(team, Triage{}, env, day(2)) }, CodeInvalid, "nothing to triage"},
		{"reject without reason", "triage", func(r *Report) error { return r.ProposeRejection(team, "dislike", "", day(2)) }, CodeInvalid, "unknown rejection reason"},
		{"reject from assigned", "assigned", func(r *Report) error { return r.ProposeRejection(team, RejectTheoretical, "", day(3)) }, CodeState, "allowed in: triage, review"},
		{"approve own rejection", "triage-pending", func(r *Report) error { return r.ApproveRejection(team, day(3)) }, CodeForbidden, "second member"},
		{"approve by reporter", "triage-pending", func(r *Report) error { return r.ApproveRejection(rita, day(3)) }, CodeForbidden, "security team"},
		{"bad cve", "review", func(r *Report) error { return r.SetCVE(team, "CVE-26-1", day(3)) }, CodeInvalid, "not a CVE id"},
		{"fix on unknown branch", "assigned", func(r *Report) error {
			return r.LinkFix(team, Fix{Branch: "feature", Kind: FixCommit, Ref: "abcdef1"}, env, day(3))
		}, CodeInvalid, `unknown branch "feature"`},
		{"fix with a bad commit", "assigned", func(r *Report) error {
			return r.LinkFix(team, Fix{Branch: "main", Kind: FixCommit, Ref: "xyz"}, env, day(3))
		}, CodeInvalid, "not a commit id"},
		{"fix linked twice", "review", func(r *Report) error {
			return r.LinkFix(team, Fix{Branch: "main", Kind: FixPull, Ref: "#101"}, env, day(6))
		}, CodeInvalid, "already linked"},
		{"fix by a maintainer of another module", "assigned", func(r *Report) error {
			return r.LinkFix(principals["maint-other"], Fix{Branch: "main", Kind: FixPull, Ref: "1"}, env, day(3))
		}, CodeHidden, "private"},
		{"backport on an unmaintained branch", "accepted", func(r *Report) error {
			return r.SetBackport(team, BackportUpdate{Branch: "v2.0-branch", Status: BackportFixed, FixedIn: "v2.0.9"}, env, day(9))
		}, CodeInvalid, "not a maintained branch"},
		{"backport fixed without release", "accepted", func(r *Report) error {
			return r.SetBackport(team, BackportUpdate{Branch: "v4.0-branch", Status: BackportFixed}, env, day(9))
		}, CodeInvalid, "needs the release"},
		{"release manager on another release's branch", "accepted", func(r *Report) error {
			return r.SetBackport(principals["rm"], BackportUpdate{Branch: "v3.7-branch", Status: BackportInProgress}, env, day(9))
		}, CodeForbidden, "their own releases"},
		{"extension without reason", "review", func(r *Report) error { return r.ExtendEmbargo(team, 30, " ", day(9)) }, CodeInvalid, "reason is required"},
		{"extension by a maintainer", "review", func(r *Report) error { return r.ExtendEmbargo(principals["maint"], 30, "x", day(9)) }, CodeForbidden, "security team"},
		{"extension of zero days", "review", func(r *Report) error { return r.ExtendEmbargo(team, 0, "x", day(9)) }, CodeInvalid, "cannot extend by 0 days"},
		{"attachment too large", "new", func(r *Report) error {
			_, err := r.Attach(rita, "big.bin", "", make([]byte, cfg.Attachments.MaxBytes+1), cfg, day(0))
			return err
		}, CodeTooLarge, "larger than the"},
		{"attachment to a public report", "public", func(r *Report) error {
			_, err := r.Attach(team, "late.txt", "text/plain", []byte("x"), cfg, day(91))
			return err
		}, CodeState, "no more attachments"},
		{"reporter edits after triage", "triage", func(r *Report) error {
			s := "new title"
			return r.Edit(rita, Edit{Title: &s}, day(2))
		}, CodeState, "can no longer be edited"},
		{"title with newline", "new", func(r *Report) error {
			s := "two\nlines"
			return r.Edit(rita, Edit{Title: &s}, day(0))
		}, CodeInvalid, "single line"},
		{"comment with a control character", "new", func(r *Report) error {
			_, err := r.Comment(rita, "bell\a", day(0))
			return err
		}, CodeInvalid, "control character"},
		{"empty comment", "new", func(r *Report) error {
			_, err := r.Comment(rita, "  ", day(0))
			return err
		}, CodeInvalid, "body is required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := reportIn(t, c.state)
			before, _ := json.Marshal(r)
			err := c.op(r)
			if err == nil {
				t.Fatal("operation succeeded")
			}
			if ErrorCode(err) != c.code || !strings.Contains(err.Error(), c.text) {
				t.Errorf("error %q (code %q), want code %q mentioning %q", err, ErrorCode(err), c.code, c.text)
			}
			if strings.HasPrefix(c.name, "assign before") {
				return // the case changed the report itself to set up
			}
			if after, _ := json.Marshal(r); string(after) != string(before) {
				t.Error("a refused operation changed the report")
			}
		})
	}
}

func TestNewRefuses(t *testing.T) {
	for _, c := range []struct {
		name string
		a    Actor
		in   Intake
		code string
	}{
		{"anonymous", Actor{}, Intake{Title: "t", Description: "d"}, CodeForbidden},
		{"maintainer only", principals["maint"], Intake{Title: "t", Description: "d"}, CodeForbidden},
		{"no title", rita, Intake{Description: "d"}, CodeInvalid},
		{"long title", rita, Intake{Title: strings.Repeat("x", MaxTitle+1), Description: "d"}, CodeTooLarge},
		{"no description", rita, Intake{Title: "t"}, CodeInvalid},
		{"bad utf-8", rita, Intake{Title: "t", Description: "\xff"}, CodeInvalid},
		{"bad severity", rita, Intake{Title: "t", Description: "d", Severity: "urgent"}, CodeInvalid},
	} {
		if _, err := New(c.a, c.in, cfg, t0); ErrorCode(err) != c.code {
			t.Errorf("%s: %v, want code %s", c.name, err, c.code)
		}
	}
}

// TestWholeLifecycle walks a report from intake to publication and checks
// the history it leaves.
func TestWholeLifecycle(t *testing.T) {
	r := reportIn(t, "public")
	var kinds []string
	for _, e := range r.History {
		k := e.Kind
		if e.To != "" {
			k += "→" + string(e.To)
		}
		kinds = append(kinds, k)
	}
	want := "create→new add-collaborator start-triage→triage triage assign→assigned link-fix submit→review set-cve accept→accepted publish→public"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("history:\n%s\nwant:\n%s", got, want)
	}
	if r.Published == nil || !r.Published.Equal(day(90)) || r.AssignedAt == nil {
		t.Errorf("published %v, assigned %v", r.Published, r.AssignedAt)
	}
	if len(r.Backports) != 1 || r.Backports[0].Branch != "v4.0-branch" || r.Backports[0].Status != BackportNeeded {
		t.Errorf("backports = %+v, want v4.0-branch needed", r.Backports)
	}
}

func TestRejectionNeedsTwo(t *testing.T) {
	r := reportIn(t, "review")
	must(t, r.ProposeRejection(team, RejectHardware, "needs a glitch attack", day(6)))
	if r.State != StateReview {
		t.Fatalf("a proposal alone moved the report to %s", r.State)
	}
	if err := r.ProposeRejection(team2, RejectTheoretical, "", day(6)); ErrorCode(err) != CodeState {
		t.Errorf("second proposal: %v", err)
	}
	must(t, r.ApproveRejection(team2, day(7)))
	if r.State != StateRejected || r.Rejection.ApprovedBy != "tess" || r.Rejection.ProposedBy != "sam" {
		t.Errorf("after approval: %s %+v", r.State, r.Rejection)
	}
	// Withdrawn, and a transition drops a pending proposal.
	r2 := reportIn(t, "review")
	must(t, r2.ProposeRejection(team, RejectTheoretical, "", day(6)))
	must(t, r2.WithdrawRejection(team2, day(6)))
	if r2.Rejection != nil {
		t.Error("withdrawn rejection still pending")
	}
	must(t, r2.ProposeRejection(team, RejectTheoretical, "", day(6)))
	must(t, r2.Assign(team, nil, day(7)))
	if r2.Rejection != nil || !strings.Contains(r2.History[len(r2.History)-1].Detail, "pending rejection lapsed") {
		t.Errorf("pending rejection survived a transition: %+v", r2.Rejection)
	}
}

func TestEditAttachCollaborate(t *testing.T) {
	r := reportIn(t, "new")
	title, sev := "  Heap overflow in net_pkt  ", SeverityCritical
	must(t, r.Edit(rita, Edit{Title: &title, Severity: &sev}, day(0)))
	if r.Title != "Heap overflow in net_pkt" || r.ReporterSeverity != SeverityCritical {
		t.Errorf("edit: %q %q", r.Title, r.ReporterSeverity)
	}
	a, err := r.Attach(rita, `C:\Users\rita\poc.c`, "text/x-c; charset=utf-8", []byte("int x;"), cfg, day(0))
	must(t, err)
	if a.Name != "poc.c" || a.ID != "1" || a.Size != 6 || len(a.SHA256) != 64 || a.MediaType != "text/x-c; charset=utf-8" {
		t.Errorf("attachment = %+v", a)
	}
	if _, ok := r.Attachment("1"); !ok {
		t.Error("Attachment(1) not found")
	}
	small := Config{Attachments: AttachmentsConfig{MaxCount: 1}}
	if _, err := r.Attach(rita, "b", "", []byte("x"), small, day(0)); ErrorCode(err) != CodeTooLarge {
		t.Errorf("attachment over the count: %v", err)
	}
	if err := r.AddCollaborator(team, "cora", day(0)); ErrorCode(err) != CodeInvalid {
		t.Errorf("collaborator twice: %v", err)
	}
	c, err := r.Comment(principals["collab"], "I can reproduce it.", day(1))
	must(t, err)
	if c.ID != 1 || c.Author != "cora" {
		t.Errorf("comment = %+v", c)
	}
}
