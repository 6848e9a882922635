package process

import (
	"reflect"
	"testing"
)

func TestCoverage(t *testing.T) {
	tests := []struct {
		name   string
		checks map[string][]string
		want   Coverage
	}{
		{
			name:   "all automated declared",
			checks: map[string][]string{"cm": {"CM-1"}, "cr": {"CR-1"}},
			want: Coverage{Total: 4, Automated: 2, Attested: 1, NotCovered: 1, Levels: []LevelCoverage{
				{Level: Shall, Total: 3, Automated: 2, Attested: 1},
				{Level: Should, Total: 1, NotCovered: 1},
			}},
		},
		{
			name:   "undeclared automated counts as not covered",
			checks: map[string][]string{"cm": {"CM-1"}},
			want: Coverage{Total: 4, Automated: 1, Attested: 1, NotCovered: 2, Unevidenced: []string{"CR-1"}, Levels: []LevelCoverage{
				{Level: Shall, Total: 3, Automated: 1, Attested: 1, NotCovered: 1},
				{Level: Should, Total: 1, NotCovered: 1},
			}},
		},
		{
			name:   "no checks",
			checks: nil,
			want: Coverage{Total: 4, Attested: 1, NotCovered: 3, Unevidenced: []string{"CM-1", "CR-1"}, Levels: []LevelCoverage{
				{Level: Shall, Total: 3, Attested: 1, NotCovered: 2},
				{Level: Should, Total: 1, NotCovered: 1},
			}},
		},
	}
	c := parseSmall(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Coverage(tt.checks); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Coverage =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

// TestCoverageEmbedded ties the totals to the catalog itself, so a miscount
// in either direction fails.
func TestCoverageEmbedded(t *testing.T) {
	c := embeddedCatalog(t)
	cov := c.Coverage(releaseChecks)
	if cov.Total != c.Len() || cov.Automated+cov.Attested+cov.NotCovered != cov.Total {
		t.Errorf("coverage %+v does not add up to %d requirements", cov, c.Len())
	}
	perMethod := make(map[Method]int)
	perLevel := make(map[Level]int)
	for _, r := range c.All() {
		perMethod[r.Method]++
		perLevel[r.Level]++
	}
	if cov.Automated != perMethod[Automated] || cov.Attested != perMethod[Attested] || cov.NotCovered != perMethod[NotCovered] {
		t.Errorf("coverage %+v, catalog methods %v", cov, perMethod)
	}
	sum := 0
	for _, l := range cov.Levels {
		if l.Total != perLevel[l.Level] {
			t.Errorf("level %s: %d, catalog has %d", l.Level, l.Total, perLevel[l.Level])
		}
		sum += l.Total
	}
	if sum != cov.Total || len(cov.Unevidenced) != 0 {
		t.Errorf("levels sum to %d of %d; unevidenced %v", sum, cov.Total, cov.Unevidenced)
	}
}
