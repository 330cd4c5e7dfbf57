// Package suggest finds the name a typo most likely meant, for the "did you
// mean …?" hints of validation errors (CEL identifiers, channel detail
// keys).
package suggest

// Closest returns the candidate nearest to typo, or "" when none is close:
// within one edit for names of at most three characters, two edits for
// longer ones. Ties go to the earlier candidate.
func Closest(typo string, candidates []string) string {
	limit := 2
	if len([]rune(typo)) <= 3 {
		limit = 1
	}
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if d := Distance(typo, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Distance is the Levenshtein distance between a and b, in runes.
func Distance(a, b string) int {
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
