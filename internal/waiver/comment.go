package waiver

import (
	"bytes"
	"regexp"
	"strings"
)

// Form is a way of writing a suppression in a comment.
type Form string

// The documented form, and the native forms users already write. A native
// form counts as the in-source record of a waiver when the same comment
// names the waiver's id; without one it is a suppression nobody recorded.
// docs/waivers.md shows each as written; the comments here only name them,
// because the analyzers (and this package's own scanner) honour a marker
// in any comment, documentation included.
const (
	FormAssure   Form = "assure"            // the documented form: the word assure, a colon, waive and the id
	FormCoverity Form = "coverity"          // Coverity's annotation with the event tag in brackets
	FormCppcheck Form = "cppcheck-suppress" // cppcheck's inline suppression with the check id
	FormNOLINT   Form = "NOLINT"            // clang-tidy's upper-case marker, also for the next line
	FormNolint   Form = "nolint"            // golangci-lint's lower-case marker with the linters
	FormNosec    Form = "nosec"             // the gosec and bandit marker with rule ids
)

// Native reports whether f is a tool's own suppression.
func (f Form) Native() bool { return f != FormAssure }

// Comment is one comment that waives or suppresses something.
type Comment struct {
	// Line and Column are where the marker is (1-based, Column in bytes).
	Line, Column int
	// First and Last are the lines the comment covers: its own line, and
	// when nothing but the comment is on it, the next line of code below.
	First, Last int
	// Forms are the markers in the comment, in the order written.
	Forms []Form
	// Rules are what native forms name: the checks in clang-tidy's
	// parentheses, gosec's rule ids.
	Rules []string
	// Waivers are the ids the comment names.
	Waivers []string
	// Text is the comment, trimmed and cut to a sensible length, for messages.
	Text string
}

// Native reports whether the comment has a native form.
func (c *Comment) Native() bool {
	for _, f := range c.Forms {
		if f.Native() {
			return true
		}
	}
	return false
}

// Covers reports whether the comment applies to line.
func (c *Comment) Covers(line int) bool { return line >= c.First && line <= c.Last }

// markers are the byte strings a file must contain for Scan to look
// closer; bytes.Index over them is much faster than lexing every file.
var markers = [][]byte{
	[]byte("assure:"), []byte("coverity["), []byte("cppcheck-suppress"),
	[]byte("NOLINT"), []byte("nolint"), []byte("nosec"),
}

// HasMarker reports whether data may contain a waiver comment.
func HasMarker(data []byte) bool {
	for _, m := range markers {
		if bytes.Contains(data, m) {
			return true
		}
	}
	return false
}

// MarkerPattern is an extended regular expression (for git grep -E) that
// finds the lines HasMarker looks for.
const MarkerPattern = `assure:|coverity\[|cppcheck-suppress|NOLINT|nolint|nosec`

var (
	assureRE   = regexp.MustCompile(`assure:\s*waive\b`)
	coverityRE = regexp.MustCompile(`coverity\[([^\]\n]*)\]`)
	cppcheckRE = regexp.MustCompile(`cppcheck-suppress(?:-file|-macro)?(?:\[([^\]\n]*)\]|\s+([A-Za-z0-9_:.-]+))?`)
	nolintCRE  = regexp.MustCompile(`\bNOLINT(?:NEXTLINE|BEGIN|END)?\b(?:\(([^)\n]*)\))?`)
	nolintGoRE = regexp.MustCompile(`(?:^|//|\s)nolint\b(?::([A-Za-z0-9_,.-]+))?`)
	nosecRE    = regexp.MustCompile(`(?:^|#|\s)nosec\b((?:\s+[A-Z][0-9]{3}\b)*)`)
	idRE       = regexp.MustCompile(`\bW-[0-9]{4,9}\b`)
)

// maxCommentText bounds the text kept for messages.
const maxCommentText = 160

// Scan finds the waiver comments of one source file. It understands the
// comments of C-like languages (// and /* */, with string literals
// skipped) and # comments; a file without any marker costs one byte
// search.
func Scan(data []byte) []Comment {
	if !HasMarker(data) {
		return nil
	}
	lx := lexer{}
	var out []Comment
	var code []bool // code[i]: line i+1 has something besides comments
	line := 0
	for len(data) > 0 || line == 0 {
		line++
		end := bytes.IndexByte(data, '\n')
		var text []byte
		if end < 0 {
			text, data = data, nil
		} else {
			text, data = data[:end], data[end+1:]
		}
		text = bytes.TrimSuffix(text, []byte("\r"))
		segs, hasCode := lx.line(text)
		for _, s := range segs {
			if c, ok := parseComment(text[s[0]:s[1]]); ok {
				c.Line, c.Column = line, s[0]+c.Column
				if s[2] == 1 {
					hasCode = false // a # comment line: not preprocessor code
				}
				out = append(out, c)
			}
		}
		code = append(code, hasCode)
		if data == nil {
			break
		}
	}
	for i := range out {
		c := &out[i]
		c.First, c.Last = c.Line, c.Line
		if code[c.Line-1] {
			continue
		}
		for l := c.Line + 1; l <= len(code); l++ {
			if code[l-1] {
				c.Last = l
				break
			}
		}
	}
	return out
}

// parseComment reads the markers of one comment's text; Column is the
// offset of the first marker.
func parseComment(text []byte) (Comment, bool) {
	if !HasMarker(text) {
		return Comment{}, false // most comments are prose: no regexp for them
	}
	s := string(text)
	var c Comment
	first := -1
	note := func(f Form, at int) {
		c.Forms = append(c.Forms, f)
		if first < 0 || at < first {
			first = at
		}
	}
	has := func(m string) bool { return strings.Contains(s, m) }
	if loc := assureRE.FindStringIndex(s); has("assure:") && loc != nil {
		note(FormAssure, loc[0])
	}
	for _, m := range findAll(has("coverity["), coverityRE, s) {
		note(FormCoverity, m[0])
		c.Rules = appendRules(c.Rules, s[m[2]:m[3]])
	}
	for _, m := range findAll(has("cppcheck-suppress"), cppcheckRE, s) {
		note(FormCppcheck, m[0])
		for g := 2; g < 6; g += 2 {
			if m[g] >= 0 {
				c.Rules = appendRules(c.Rules, s[m[g]:m[g+1]])
			}
		}
	}
	for _, m := range findAll(has("NOLINT"), nolintCRE, s) {
		note(FormNOLINT, m[0])
		if m[2] >= 0 {
			c.Rules = appendRules(c.Rules, s[m[2]:m[3]])
		}
	}
	for _, m := range findAll(has("nolint"), nolintGoRE, s) {
		note(FormNolint, m[0])
		if m[2] >= 0 {
			c.Rules = appendRules(c.Rules, s[m[2]:m[3]])
		}
	}
	for _, m := range findAll(has("nosec"), nosecRE, s) {
		note(FormNosec, m[0])
		c.Rules = appendRules(c.Rules, strings.TrimSpace(s[m[2]:m[3]]))
	}
	if len(c.Forms) == 0 {
		return Comment{}, false
	}
	for _, id := range idRE.FindAllString(s, -1) {
		if !contains(c.Waivers, id) {
			c.Waivers = append(c.Waivers, id)
		}
	}
	c.Column = first + 1
	c.Text = strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
	if len(c.Text) > maxCommentText {
		c.Text = strings.ToValidUTF8(c.Text[:maxCommentText], "") + "…"
	}
	return c, true
}

// findAll runs re only when its marker is in s.
func findAll(marker bool, re *regexp.Regexp, s string) [][]int {
	if !marker {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}

// appendRules splits "a, b c" into rules and appends the new ones.
func appendRules(rs []string, list string) []string {
	for _, r := range strings.FieldsFunc(list, func(c rune) bool { return c == ',' || c == ' ' || c == '\t' || c == ':' }) {
		if !contains(rs, r) {
			rs = append(rs, r)
		}
	}
	return rs
}

// lexer finds the comments of a line, remembering an open /* */ comment
// and raw string across lines.
type lexer struct {
	inBlock bool
	inRaw   bool // a backquoted string (Go, JavaScript) spans lines
}

// line returns the comment segments of one line as [start, end, hash]
// (hash is 1 for a # comment that starts the line) and whether the line
// has code outside comments.
func (lx *lexer) line(t []byte) ([][3]int, bool) {
	var segs [][3]int
	hasCode := false
	i := 0
	if lx.inBlock {
		end := bytes.Index(t, []byte("*/"))
		if end < 0 {
			return append(segs, [3]int{0, len(t), 0}), false
		}
		segs = append(segs, [3]int{0, end, 0})
		lx.inBlock = false
		i = end + 2
	}
	for i < len(t) {
		c := t[i]
		switch {
		case lx.inRaw:
			hasCode = true
			end := bytes.IndexByte(t[i:], '`')
			if end < 0 {
				return segs, true
			}
			lx.inRaw = false
			i += end + 1
		case c == '/' && i+1 < len(t) && t[i+1] == '/':
			return append(segs, [3]int{i + 2, len(t), 0}), hasCode
		case c == '/' && i+1 < len(t) && t[i+1] == '*':
			end := bytes.Index(t[i+2:], []byte("*/"))
			if end < 0 {
				lx.inBlock = true
				return append(segs, [3]int{i + 2, len(t), 0}), hasCode
			}
			segs = append(segs, [3]int{i + 2, i + 2 + end, 0})
			i += end + 4
		case c == '#' && !hasCode && isBlank(t[:i]) && preprocessor(t[i+1:]):
			hasCode = true // C preprocessor: code, and its comments are lexed on
			i++
		case c == '#' && (i == 0 || isSpace(t[i-1])):
			// A # comment (Python, shell, CMake); it is a comment for Scan
			// only if it holds a marker, which parseComment decides.
			start := 0
			if !hasCode && isBlank(t[:i]) {
				start = 1
			}
			segs = append(segs, [3]int{i + 1, len(t), start})
			return segs, true
		case c == '"':
			hasCode = true
			i = skipQuoted(t, i, '"')
		case c == '\'' && charLiteral(t, i):
			hasCode = true
			i = skipQuoted(t, i, '\'')
		case c == '`':
			hasCode = true
			lx.inRaw = true
			i++
		default:
			if !isSpace(c) {
				hasCode = true
			}
			i++
		}
	}
	return segs, hasCode
}

// skipQuoted returns the index after the string literal starting at i; an
// unterminated literal ends with the line.
func skipQuoted(t []byte, i int, q byte) int {
	for j := i + 1; j < len(t); j++ {
		switch t[j] {
		case '\\':
			j++
		case q:
			return j + 1
		}
	}
	return len(t)
}

// charLiteral tells 'x' and '\n' from an apostrophe or a Rust lifetime.
func charLiteral(t []byte, i int) bool {
	if i+2 < len(t) && t[i+1] != '\\' && t[i+2] == '\'' {
		return true
	}
	return i+1 < len(t) && t[i+1] == '\\'
}

var directives = []string{"include", "define", "undef", "if", "ifdef", "ifndef", "elif", "elifdef", "elifndef",
	"else", "endif", "pragma", "error", "warning", "line", "import", "include_next"}

// preprocessor reports whether rest (what follows a # that starts a line)
// is a C preprocessor directive.
func preprocessor(rest []byte) bool {
	rest = bytes.TrimLeft(rest, " \t")
	end := 0
	for end < len(rest) && (rest[end] >= 'a' && rest[end] <= 'z' || rest[end] == '_') {
		end++
	}
	return end > 0 && contains(directives, string(rest[:end]))
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\f' || c == '\v' }

func isBlank(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}
