package unused

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/assure-dev/assure/internal/kconfig/symtab"
)

var (
	// obj-$(CONFIG_X) += a.o, lib-$(CONFIG_X), foo-objs-$(CONFIG_X), foo-$(CONFIG_X)
	makeGatedVar = regexp.MustCompile(`^[A-Za-z0-9_.-]*-\$[({]CONFIG_([A-Za-z0-9_]+)[)}]$`)
	// obj-y, CSRCS, ASRCS, SRCS, C_SRCS: lists of what is built.
	makeListVar = regexp.MustCompile(`^([A-Za-z0-9_.-]+-y|[A-Z_]*SRCS|[A-Z_]*OBJS|SOURCES)$`)
	makeRef     = regexp.MustCompile(`^\$[({]CONFIG_([A-Za-z0-9_]+)[)}]$`)
)

// makeLines joins continued lines and drops comments.
func makeLines(src string) []string {
	var out []string
	var cur strings.Builder
	for _, l := range strings.Split(src, "\n") {
		l = strings.TrimRight(l, "\r")
		if i := strings.IndexByte(l, '#'); i >= 0 && !strings.Contains(l[:i], "\\") {
			l = l[:i]
		}
		if strings.HasSuffix(l, "\\") {
			cur.WriteString(strings.TrimSuffix(l, "\\"))
			cur.WriteByte(' ')
			continue
		}
		cur.WriteString(l)
		out = append(out, cur.String())
		cur.Reset()
	}
	return out
}

// makeCond reads "ifeq ($(CONFIG_X),y)", "ifneq ($(CONFIG_X),)",
// "ifdef CONFIG_X" and their negations.
func makeCond(kw, rest string) *symtab.Expr {
	rest = strings.TrimSpace(rest)
	switch kw {
	case "ifdef", "ifndef":
		e := configVar(rest)
		if kw == "ifndef" {
			e = symtab.NotE(e)
		}
		return e
	}
	rest = strings.TrimSuffix(strings.TrimPrefix(rest, "("), ")")
	a, b, ok := strings.Cut(rest, ",")
	if !ok {
		return symtab.C("?")
	}
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if makeRef.MatchString(b) {
		a, b = b, a
	}
	m := makeRef.FindStringSubmatch(a)
	if m == nil {
		return symtab.C("?")
	}
	var on bool
	switch b {
	case "y":
		on = kw == "ifeq"
	case "":
		on = kw == "ifneq"
	default:
		return symtab.C("?")
	}
	e := symtab.S(m[1])
	if !on {
		e = symtab.NotE(e)
	}
	return e
}

// scanMake records what a Makefile (Kbuild or NuttX Make.defs style)
// builds under options.
func scanMake(g *Gates, dir, src string) {
	var stack condStack
	for _, l := range makeLines(src) {
		t := strings.TrimSpace(l)
		kw, rest, _ := strings.Cut(t, " ")
		switch kw {
		case "ifeq", "ifneq", "ifdef", "ifndef":
			stack = append(stack, makeCond(kw, rest))
			continue
		case "else":
			// "else ifeq (...)" chains a condition onto the else.
			k2, r2, _ := strings.Cut(strings.TrimSpace(rest), " ")
			switch k2 {
			case "ifeq", "ifneq", "ifdef", "ifndef":
				stack.elseOf(makeCond(k2, r2))
			default:
				stack.elseOf(nil)
			}
			continue
		case "endif":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			continue
		}
		lhs, rhs, ok := cutAssign(t)
		if !ok {
			continue
		}
		base := stack.required()
		if m := makeGatedVar.FindStringSubmatch(lhs); m != nil {
			base = union(base, []string{m[1]})
		} else if !makeListVar.MatchString(lhs) {
			continue
		}
		if len(base) == 0 {
			continue
		}
		for _, w := range strings.Fields(rhs) {
			if strings.Contains(w, "$") {
				continue
			}
			p := filepath.Join(dir, w)
			switch {
			case strings.HasSuffix(w, "/"):
				g.addDir(p, base)
			case strings.HasSuffix(w, ".o"):
				stem := strings.TrimSuffix(p, ".o")
				for _, ext := range []string{".c", ".S", ".s", ".cc", ".cpp"} {
					g.addFile(stem+ext, base)
				}
			case isSource(w):
				g.addFile(p, base)
			}
		}
	}
}

// cutAssign splits "VAR += words" (also =, :=, ?=).
func cutAssign(l string) (lhs, rhs string, ok bool) {
	for _, op := range []string{"+=", ":=", "?=", "="} {
		if i := strings.Index(l, op); i > 0 {
			return strings.TrimSpace(l[:i]), l[i+len(op):], true
		}
	}
	return "", "", false
}
