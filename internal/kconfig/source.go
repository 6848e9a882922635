package kconfig

import (
	"errors"
	"io/fs"
	"os"
	"sort"
	"strings"
	"unicode/utf8"
)

// Guards against trees whose sources multiply (a file sourcing a glob of
// files that source globs ...): the reference would run until it runs out
// of memory.
const (
	maxSourcedFiles = 200000
	maxIncludeDepth = 500
)

// source handles source, rsource, osource and orsource: the path is a glob
// relative to the source tree (rsource: to the current file's directory);
// the files it matches are parsed in sorted order, as if written in place.
// source and rsource fail when nothing matches.
func (p *parser) source(t0 tokKind, parent, prev *MenuNode) *MenuNode {
	pattern := p.expectStrAndEOL()
	if t0 == tRsource || t0 == tOrsource {
		pattern = pyJoin(pyDirname(p.filename), pattern)
	}
	prefix := p.k.SrcTree
	if !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	var names []string
	if full := pyJoin(prefix, pattern); !strings.HasPrefix(pattern, "/") && !hasMagic(pattern, 0) && !strings.HasSuffix(pattern, "/") {
		// A literal path (nearly every source): reading the file tells
		// whether it exists, saving an lstat per file.
		if _, err := p.readFile(full); err == nil {
			names = []string{full}
		} else if _, err := os.Lstat(full); err == nil {
			names = []string{full}
		}
	} else {
		names = pyGlob(prefix, pattern)
		sort.Strings(names)
	}
	if len(names) == 0 && (t0 == tSource || t0 == tRsource) {
		p.failAt(p.pos(), "'"+pattern+"' not found (in '"+pyStrip(p.line)+"')",
			"check that the environment variables the path uses are set (unset ones expand to nothing) and that the source tree is right (srctree is "+p.k.SrcTree+"); use osource for a file that may be missing")
	}
	for _, name := range names {
		p.enterFile(name, prefix)
		prev = p.parseBlock(tNone, parent, prev, Pos{})
		p.leaveFile()
	}
	return prev
}

func (p *parser) enterFile(name, prefix string) {
	rel := name
	if strings.HasPrefix(name, prefix) {
		rel = name[len(prefix):]
	}
	if len(p.k.files) >= maxSourcedFiles {
		p.failAt(p.pos(), "more than 200000 files sourced", "the tree sources files over and over; check the source globs")
	}
	p.k.files = append(p.k.files, rel)
	p.stack = append(p.stack, frame{include: p.include, file: p.file})
	include := make([]Pos, len(p.include), len(p.include)+1)
	copy(include, p.include)
	include = append(include, p.pos())
	for _, inc := range include {
		if inc.File == rel {
			var chain []string
			for _, i := range include {
				chain = append(chain, i.String())
			}
			panic(&Error{Pos: p.pos(), Include: p.include,
				Message: "recursive 'source' of '" + rel + "' (include path: " + strings.Join(chain, " -> ") + ")",
				Hint:    "a file cannot source itself, directly or through other files; check the source paths and the environment variables they use"})
		}
	}
	if len(include) > maxIncludeDepth {
		p.failAt(p.pos(), "files sourced more than 500 levels deep", "check the source statements for a cycle through different paths")
	}
	p.include = include
	p.file = p.openFile(name, func(err error) {
		p.failAt(p.pos(), "could not open '"+name+"' (in '"+pyStrip(p.line)+"'): "+errText(err), "")
	})
	p.filename = rel
	p.linenr = 0
}

func (p *parser) leaveFile() {
	last := p.include[len(p.include)-1]
	p.filename, p.linenr = last.File, last.Line
	f := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	p.include, p.file = f.include, f.file
}

// openFile reads a Kconfig file, or calls onErr.
func (p *parser) openFile(name string, onErr func(error)) *srcFile {
	data, err := p.readFile(name)
	if err != nil {
		onErr(err)
		return nil
	}
	return &srcFile{data: data}
}

// readFile reads a Kconfig file once (prefetched when possible) and queues
// the files it sources.
func (p *parser) readFile(name string) (string, error) {
	if data, ok := p.cache[name]; ok {
		return data, nil
	}
	var f loaded
	if p.pf != nil {
		f = p.pf.get(name)
	} else {
		f = loadFile(name)
	}
	if f.err != nil {
		return "", f.err
	}
	if f.bad >= 0 {
		line := 1 + strings.Count(f.data[:f.bad], "\n")
		p.failAt(Pos{File: p.relName(name), Line: line}, "malformed UTF-8 in "+p.relName(name), "Kconfig files are UTF-8; convert the file")
	}
	p.cache[name] = f.data
	p.prefetchSources(p.relName(name), f.data, p.k.SrcTree+"/")
	return f.data, nil
}

func (p *parser) relName(name string) string {
	prefix := p.k.SrcTree + "/"
	if strings.HasPrefix(name, prefix) {
		return name[len(prefix):]
	}
	return name
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// pyJoin is Python's os.path.join for two parts.
func pyJoin(a, b string) string {
	if strings.HasPrefix(b, "/") || a == "" {
		return b
	}
	if strings.HasSuffix(a, "/") {
		return a + b
	}
	return a + "/" + b
}

// pyDirname is Python's os.path.dirname.
func pyDirname(p string) string {
	i := strings.LastIndexByte(p, '/') + 1
	head := p[:i]
	if head != "" && strings.Trim(head, "/") != "" {
		head = strings.TrimRight(head, "/")
	}
	return head
}
