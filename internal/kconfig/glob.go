package kconfig

import (
	"os"
	"strings"
	"unicode/utf8"
)

// Source paths are globs with Python's glob.glob rules (what Kconfiglib
// uses): *, ? and [...] (with ! for negation) within one path component,
// names starting with a dot only matched by patterns starting with one.
// Go's filepath.Glob differs ([^...], hidden files), so the rules are
// reproduced here.

// pyGlob returns the paths matching prefix+pattern (pattern alone when it
// is absolute); prefix is taken literally.
func pyGlob(prefix, pattern string) []string {
	if strings.HasPrefix(pattern, "/") {
		return iglob(pattern, 0, false)
	}
	return iglob(prefix+pattern, len(prefix), false)
}

// hasMagic reports a glob character in s at or after byte lit.
func hasMagic(s string, lit int) bool {
	if lit >= len(s) {
		return false
	}
	return strings.ContainsAny(s[lit:], "*?[")
}

// pySplit is Python's os.path.split.
func pySplit(p string) (string, string) {
	i := strings.LastIndexByte(p, '/') + 1
	head, tail := p[:i], p[i:]
	if head != "" && strings.Trim(head, "/") != "" {
		head = strings.TrimRight(head, "/")
	}
	return head, tail
}

func iglob(pathname string, lit int, dironly bool) []string {
	dirname, basename := pySplit(pathname)
	if !hasMagic(pathname, lit) {
		if basename != "" {
			if _, err := os.Lstat(pathname); err == nil {
				return []string{pathname}
			}
		} else if isDir(dirname) {
			return []string{pathname}
		}
		return nil
	}
	if dirname == "" {
		return glob1("", basename, dironly)
	}
	var dirs []string
	if dirname != pathname && hasMagic(dirname, lit) {
		dirs = iglob(dirname, lit, true)
	} else {
		dirs = []string{dirname}
	}
	baseMagic := hasMagic(pathname, max(lit, len(pathname)-len(basename)))
	var out []string
	for _, d := range dirs {
		var names []string
		if baseMagic {
			names = glob1(d, basename, dironly)
		} else {
			names = glob0(d, basename)
		}
		for _, n := range names {
			out = append(out, pyJoin(d, n))
		}
	}
	return out
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func glob1(dir, pattern string, dironly bool) []string {
	d := dir
	if d == "" {
		d = "."
	}
	entries, err := os.ReadDir(d)
	if err != nil {
		return nil
	}
	hidden := strings.HasPrefix(pattern, ".")
	var out []string
	for _, e := range entries {
		name := e.Name()
		if dironly {
			if e.Type()&os.ModeSymlink != 0 {
				if !isDir(pyJoin(d, name)) {
					continue
				}
			} else if !e.IsDir() {
				continue
			}
		}
		if !hidden && strings.HasPrefix(name, ".") {
			continue
		}
		if fnmatch(name, pattern) {
			out = append(out, name)
		}
	}
	return out
}

func glob0(dir, basename string) []string {
	if basename != "" {
		if _, err := os.Lstat(pyJoin(dir, basename)); err == nil {
			return []string{basename}
		}
	} else if isDir(dir) {
		return []string{basename}
	}
	return nil
}

// fnmatch is Python's fnmatch.fnmatchcase: the whole name must match.
func fnmatch(name, pat string) bool {
	// Backtracking over the last star keeps this linear in practice.
	n, p := 0, 0
	starP, starN := -1, 0
	for n < len(name) {
		if p < len(pat) {
			switch pat[p] {
			case '*':
				for p < len(pat) && pat[p] == '*' {
					p++
				}
				starP, starN = p, n
				continue
			case '?':
				_, size := utf8.DecodeRuneInString(name[n:])
				n += size
				p++
				continue
			case '[':
				if ok, matched, next := matchClass(name[n:], pat[p:]); ok {
					if matched > 0 {
						n += matched
						p += next
						continue
					}
				} else if name[n] == '[' {
					// An unclosed [ is a literal.
					n++
					p++
					continue
				}
			default:
				if name[n] == pat[p] {
					n++
					p++
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		_, size := utf8.DecodeRuneInString(name[starN:])
		starN += size
		n, p = starN, starP
	}
	for p < len(pat) && pat[p] == '*' {
		p++
	}
	return p == len(pat)
}

// matchClass matches the class at the start of pat ("[...]") against the
// first character of name. ok is false when the class is not closed (then
// "[" is a literal); matched is the byte length of the matched character
// (0: no match); next is the length of the class in pat.
func matchClass(name, pat string) (ok bool, matched int, next int) {
	j := 1
	if j < len(pat) && pat[j] == '!' {
		j++
	}
	if j < len(pat) && pat[j] == ']' {
		j++
	}
	for j < len(pat) && pat[j] != ']' {
		j++
	}
	if j >= len(pat) {
		return false, 0, 0
	}
	body := pat[1:j]
	next = j + 1
	if body == "" {
		return true, 0, next
	}
	if body == "!" {
		_, size := utf8.DecodeRuneInString(name)
		return true, size, next
	}
	negate := false
	if body[0] == '!' {
		negate = true
		body = body[1:]
	}
	r, size := utf8.DecodeRuneInString(name)
	in := false
	rs := []rune(body)
	for i := 0; i < len(rs); i++ {
		if i+2 < len(rs) && rs[i+1] == '-' {
			if rs[i] <= r && r <= rs[i+2] {
				in = true
			}
			i += 2
			continue
		}
		if rs[i] == r {
			in = true
		}
	}
	if in != negate {
		return true, size, next
	}
	return true, 0, next
}
