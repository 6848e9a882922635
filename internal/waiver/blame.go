package waiver

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Author is who wrote the waived lines, as git records them.
type Author struct {
	Name, Email string
	// Uncommitted is set when the lines are not committed yet: the author
	// is whoever is about to commit them.
	Uncommitted bool
}

// notCommitted is the address git blame gives lines of the work tree.
const notCommitted = "not.committed.yet"

// Blame finds the author of lines first..last of file in the work tree at
// root: the author of most of the lines, the earliest line breaking ties.
// git applies the repository's .mailmap.
func Blame(ctx context.Context, root, file string, first, last int) (Author, error) {
	if first < 1 {
		first = 1
	}
	if last < first {
		last = first
	}
	out, errb, err := runGit(ctx, root, "blame", "--porcelain", "-L", fmt.Sprintf("%d,%d", first, last), "--", file)
	if err != nil {
		return Author{}, fmt.Errorf("git blame %s:%d: %s", file, first, strings.TrimSpace(errb+" "+err.Error()))
	}
	return parseBlame(out)
}

// parseBlame reads git blame --porcelain: each line of the file is a header
// "<commit> <orig-line> <final-line> [<count>]" followed by the commit's
// fields the first time it appears, then the line itself after a tab.
func parseBlame(r io.Reader) (Author, error) {
	type who struct {
		a     Author
		lines int
		first int
	}
	by := map[string]*who{}
	var cur *who
	n := 0
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "\t"):
			continue
		case strings.HasPrefix(line, "author "):
			if cur != nil {
				cur.a.Name = strings.TrimPrefix(line, "author ")
			}
		case strings.HasPrefix(line, "author-mail "):
			if cur != nil {
				cur.a.Email = strings.Trim(strings.TrimPrefix(line, "author-mail "), "<>")
				cur.a.Uncommitted = cur.a.Email == notCommitted
			}
		default:
			f := strings.Fields(line)
			if len(f) >= 3 && len(f[0]) >= 40 && isHex(f[0]) {
				if _, err := strconv.Atoi(f[2]); err != nil {
					continue
				}
				w := by[f[0]]
				if w == nil {
					w = &who{first: n}
					by[f[0]] = w
				}
				w.lines++
				n++
				cur = w
			}
		}
	}
	if err := sc.Err(); err != nil {
		return Author{}, err
	}
	var best *who
	for _, w := range by {
		if best == nil || w.lines > best.lines || w.lines == best.lines && w.first < best.first {
			best = w
		}
	}
	if best == nil {
		return Author{}, fmt.Errorf("git blame gave no lines")
	}
	return best.a, nil
}

func isHex(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
