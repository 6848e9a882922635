package threat

import "fmt"

// closest returns the candidate nearest to word when it is near enough to
// be a typo (edit distance at most a third of the word, at least 1).
func closest(word string, candidates []string) string {
	best, bestD := "", len(word)/3+1
	for _, c := range candidates {
		if d := distance(word, c); d < bestD || (d == bestD && best != "" && c < best) {
			if d <= len(word)/3+1 && d < len(word) {
				best, bestD = c, d
			}
		}
	}
	return best
}

func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// didYouMean prefixes hint with a suggestion when one is near.
func didYouMean(word string, candidates []string, hint string) string {
	if best := closest(word, candidates); best != "" {
		if hint == "" {
			return fmt.Sprintf("did you mean %q?", best)
		}
		return fmt.Sprintf("did you mean %q? %s", best, hint)
	}
	return hint
}
