package process

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Validate cross-checks the catalog with the requirements each check says it
// evidences (check id -> requirement ids): every declared id must exist,
// only automated requirements may be declared (a check declaring an attested
// requirement would claim an automation the catalog does not promise), and
// every automated requirement must be declared by at least one check, or the
// catalog would promise an automation nothing delivers. All problems are
// returned together, sorted, so one run shows everything to fix.
func (c *Catalog) Validate(checkReqs map[string][]string) error {
	var problems []string
	for _, check := range sortedKeys(checkReqs) {
		for _, id := range checkReqs[check] {
			r, ok := c.Get(id)
			switch {
			case !ok:
				problems = append(problems, fmt.Sprintf("check %s declares requirement %q, which is not in the catalog", check, id))
			case r.Method != Automated:
				problems = append(problems, fmt.Sprintf("check %s declares requirement %s, which the catalog lists as %s; mark it automated in catalog.yaml or drop it from the check", check, id, r.Method))
			}
		}
	}
	by := checksByRequirement(checkReqs)
	for _, r := range c.reqs {
		if r.Method == Automated && len(by[r.ID]) == 0 {
			problems = append(problems, fmt.Sprintf("requirement %s is automated but no check declares it; declare it in its check or change its method", r.ID))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return errors.New("process catalog: " + strings.Join(problems, "; "))
}

// checksByRequirement inverts check id -> requirement ids into requirement id
// -> sorted, distinct check ids.
func checksByRequirement(checkReqs map[string][]string) map[string][]string {
	by := make(map[string][]string)
	for _, check := range sortedKeys(checkReqs) {
		for _, id := range checkReqs[check] {
			list := by[id]
			if len(list) == 0 || list[len(list)-1] != check {
				by[id] = append(list, check)
			}
		}
	}
	return by
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
