package vuln

import (
	"testing"
	"time"
)

func TestSchedule(t *testing.T) {
	escalate := cfg
	publish := cfg
	publish.Embargo.AtEnd = AtEndPublish
	end := t0.AddDate(0, 0, 90)
	at := func(daysBefore int) time.Time { return end.AddDate(0, 0, -daysBefore) }
	type step struct {
		now  time.Time
		want Due // Kind "" means nothing is due
	}
	cases := []struct {
		name  string
		state string
		cfg   Config
		steps []step
	}{
		{"warnings once each, then escalation once", "review", escalate, []step{
			{at(20), Due{}},
			{at(14), Due{Kind: DueWarn, Days: 14, End: end}},
			{at(13), Due{}},
			{at(7), Due{Kind: DueWarn, Days: 7, End: end}},
			{at(1).Add(time.Hour), Due{Kind: DueWarn, Days: 1, End: end}},
			{end, Due{Kind: DueEscalate, End: end}},
			{end.AddDate(0, 0, 3), Due{}},
		}},
		{"a scheduler that was down warns once", "assigned", escalate, []step{
			{at(3), Due{Kind: DueWarn, Days: 7, End: end}},
			{at(2), Due{}},
			{at(1), Due{Kind: DueWarn, Days: 1, End: end}},
		}},
		{"publish mode publishes an accepted report", "accepted", publish, []step{
			{end.Add(time.Minute), Due{Kind: DuePublish, End: end}},
			{end.Add(2 * time.Minute), Due{}},
		}},
		{"publish mode escalates a report without a fix", "assigned", publish, []step{
			{end, Due{Kind: DueEscalate, End: end}},
			{end.Add(time.Hour), Due{}},
		}},
		{"nothing for a rejected report", "rejected", escalate, []step{{at(1), Due{}}, {end, Due{}}}},
		{"nothing for a public report", "public", escalate, []step{{end, Due{}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := reportIn(t, c.state)
			for i, s := range c.steps {
				got, ok := Schedule(c.cfg, r, s.now)
				if ok != (s.want.Kind != "") || got != s.want {
					t.Fatalf("step %d (%s): Schedule = %+v %v, want %+v", i, s.now.Format(time.DateOnly), got, ok, s.want)
				}
				if ok {
					must(t, r.ApplyDue(c.cfg, got, s.now))
				}
			}
		})
	}
}

func TestApplyDueAndExtension(t *testing.T) {
	r := reportIn(t, "accepted")
	end := r.Embargo.End
	if err := r.ApplyDue(cfg, Due{Kind: DuePublish, End: end}, end); ErrorCode(err) != CodeState {
		t.Errorf("publish not due under escalate: %v", err)
	}
	pub := cfg
	pub.Embargo.AtEnd = AtEndPublish
	must(t, r.ApplyDue(pub, Due{Kind: DuePublish, End: end}, end))
	if r.State != StatePublic || r.History[len(r.History)-1].Actor != Scheduler {
		t.Errorf("after scheduled publication: %s by %s", r.State, r.History[len(r.History)-1].Actor)
	}

	r2 := reportIn(t, "review")
	end2 := r2.Embargo.End
	must(t, r2.ApplyDue(cfg, Due{Kind: DueEscalate, End: end2}, end2))
	must(t, r2.ExtendEmbargo(team, 30, "downstream vendors need a release first", end2.AddDate(0, 0, 1)))
	if !r2.Embargo.End.Equal(end2.AddDate(0, 0, 30)) || r2.Embargo.Escalated != nil || len(r2.Embargo.Warned) != 0 {
		t.Errorf("after extension: %+v", r2.Embargo)
	}
	x := r2.Embargo.Extensions[0]
	if x.By != "sam" || x.Reason == "" || !x.From.Equal(end2) {
		t.Errorf("extension = %+v", x)
	}
	if d, ok := Schedule(cfg, r2, end2.AddDate(0, 0, 16)); !ok || d.Kind != DueWarn || d.Days != 14 {
		t.Errorf("warnings start over for the new end: %+v %v", d, ok)
	}
}
