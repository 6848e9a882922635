package model

import "strings"

// closest returns the candidate a typo most likely meant, or "" when none is
// close enough to be a useful suggestion. '-' and '_' count as the same
// character and case is ignored: security-relevant means security_relevant.
func closest(word string, candidates []string) string {
	norm := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), "-", "_") }
	w := norm(word)
	best, bestDist := "", -1
	for _, c := range candidates {
		d := distance(w, norm(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	limit := len([]rune(w))/3 + 1
	if limit > 4 {
		limit = 4
	}
	if bestDist <= limit {
		return best
	}
	// An abbreviation ("warn" for "warning") is a likely slip too.
	if len(w) >= 3 {
		for _, c := range candidates {
			if strings.HasPrefix(norm(c), w) {
				return c
			}
		}
	}
	return ""
}

// distance is the Damerau (optimal string alignment) edit distance, so a
// swapped pair of letters counts as one typo.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		// Long strings are not typos of short keys; avoid quadratic work.
		if a == b {
			return 0
		}
		return 1 << 20
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
