package process

// Coverage counts how the catalog's requirements are met. An automated
// requirement that no check declares counts as not covered: nothing would
// evidence it (Validate reports it as an error).
type Coverage struct {
	Total      int `json:"total"`
	Automated  int `json:"automated"`
	Attested   int `json:"attested"`
	NotCovered int `json:"not_covered"`
	// Levels has one entry per level present in the catalog, strongest first.
	Levels []LevelCoverage `json:"levels"`
	// Unevidenced lists automated requirements no check declares, in catalog order.
	Unevidenced []string `json:"unevidenced,omitempty"`
}

// LevelCoverage is the Coverage of the requirements of one level.
type LevelCoverage struct {
	Level      Level `json:"level"`
	Total      int   `json:"total"`
	Automated  int   `json:"automated"`
	Attested   int   `json:"attested"`
	NotCovered int   `json:"not_covered"`
}

// Coverage counts requirements per method and per level, given which
// requirements each check declares (check id -> requirement ids).
func (c *Catalog) Coverage(checkReqs map[string][]string) Coverage {
	by := checksByRequirement(checkReqs)
	var cov Coverage
	levels := make(map[Level]*LevelCoverage)
	for _, r := range c.reqs {
		m := r.Method
		if m == Automated && len(by[r.ID]) == 0 {
			m = NotCovered
			cov.Unevidenced = append(cov.Unevidenced, r.ID)
		}
		lc := levels[r.Level]
		if lc == nil {
			lc = &LevelCoverage{Level: r.Level}
			levels[r.Level] = lc
		}
		cov.Total++
		lc.Total++
		switch m {
		case Automated:
			cov.Automated++
			lc.Automated++
		case Attested:
			cov.Attested++
			lc.Attested++
		default:
			cov.NotCovered++
			lc.NotCovered++
		}
	}
	for _, l := range Levels {
		if lc := levels[l]; lc != nil {
			cov.Levels = append(cov.Levels, *lc)
		}
	}
	return cov
}
