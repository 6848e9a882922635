package kconfig

import (
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
)

// Parsing is sequential (the preprocessor carries state from file to
// file), but reading a big tree's files is a good part of the time. While
// the parser works on one file, a few goroutines read the files it will
// source: the literal paths of its source statements are known as soon as
// the file is read. The parser takes a prefetched file when it gets there,
// or reads it itself when no goroutine has started on it; either way it
// sees the same bytes, so the result does not depend on timing.

const prefetchWorkers = 2

type loaded struct {
	data string
	bad  int // byte offset of invalid UTF-8, or -1
	err  error
}

type fetch struct {
	name  string
	state atomic.Int32 // 0 queued, 1 claimed
	done  chan struct{}
	res   loaded
}

// prefetcher reads files in the order the parser will want them: the
// parser goes depth first, so the files a file sources are pushed on a
// stack, first source on top.
type prefetcher struct {
	mu    sync.Mutex
	cond  *sync.Cond
	files map[string]*fetch
	stack []*fetch
	quit  bool
}

func newPrefetcher() *prefetcher {
	pf := &prefetcher{files: map[string]*fetch{}}
	pf.cond = sync.NewCond(&pf.mu)
	for range prefetchWorkers {
		go pf.work()
	}
	return pf
}

func (pf *prefetcher) stop() {
	pf.mu.Lock()
	pf.quit = true
	pf.mu.Unlock()
	pf.cond.Broadcast()
}

func (pf *prefetcher) work() {
	for {
		pf.mu.Lock()
		for !pf.quit && len(pf.stack) == 0 {
			pf.cond.Wait()
		}
		if pf.quit {
			pf.mu.Unlock()
			return
		}
		f := pf.stack[len(pf.stack)-1]
		pf.stack = pf.stack[:len(pf.stack)-1]
		pf.mu.Unlock()
		if f.state.CompareAndSwap(0, 1) {
			f.res = loadFile(f.name)
			close(f.done)
		}
	}
}

// want queues the files one file sources, in order.
func (pf *prefetcher) want(names []string) {
	if len(names) == 0 {
		return
	}
	pf.mu.Lock()
	for i := len(names) - 1; i >= 0; i-- {
		if _, ok := pf.files[names[i]]; ok {
			continue
		}
		f := &fetch{name: names[i], done: make(chan struct{})}
		pf.files[names[i]] = f
		pf.stack = append(pf.stack, f)
	}
	pf.mu.Unlock()
	pf.cond.Broadcast()
}

// get returns the file, prefetched or read now.
func (pf *prefetcher) get(name string) loaded {
	pf.mu.Lock()
	f := pf.files[name]
	pf.mu.Unlock()
	if f == nil {
		return loadFile(name)
	}
	if f.state.CompareAndSwap(0, 1) {
		f.res = loadFile(name)
		close(f.done)
		return f.res
	}
	<-f.done
	return f.res
}

// loadFile reads a Kconfig file: UTF-8 checked (the reference decodes it
// as UTF-8), line ends normalized like Python's universal newlines.
func loadFile(name string) loaded {
	// assure: waive W-0026 -- Kconfig files of the tree the user names
	b, err := os.ReadFile(name)
	if err != nil {
		return loaded{err: err, bad: -1}
	}
	if !utf8.Valid(b) {
		return loaded{data: string(b), bad: invalidUTF8At(b)}
	}
	// The bytes are never written again, so the string can share them
	// instead of copying megabytes of Kconfig text.
	// assure: waive W-0027, W-0028 -- audited: b is never written after this line
	s := unsafe.String(unsafe.SliceData(b), len(b))
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return loaded{data: s, bad: -1}
}

// prefetchSources queues the files a Kconfig file (named rel in the
// tree) sources by literal path. It only guesses: a statement it skips
// (a macro, a glob, a continued line) is read when the parser gets there.
func (p *parser) prefetchSources(rel, data, prefix string) {
	if p.pf == nil {
		return
	}
	var names []string
	defer func() { p.pf.want(names) }()
	for i := 0; i < len(data); {
		j := strings.Index(data[i:], "source")
		if j < 0 {
			return
		}
		at := i + j
		i = at + len("source")
		// The keyword starts the line (after blanks), possibly as rsource,
		// osource, orsource.
		start := at
		for start > 0 && (data[start-1] == 'r' || data[start-1] == 'o') {
			start--
		}
		rel0 := strings.HasSuffix(data[start:at], "r")
		k := start
		for k > 0 && (data[k-1] == ' ' || data[k-1] == '\t') {
			k--
		}
		if k > 0 && data[k-1] != '\n' {
			continue
		}
		q := i
		for q < len(data) && (data[q] == ' ' || data[q] == '\t') {
			q++
		}
		if q >= len(data) || data[q] != '"' {
			continue
		}
		end := strings.IndexByte(data[q+1:], '"')
		if end < 0 {
			continue
		}
		path := data[q+1 : q+1+end]
		if path == "" || strings.ContainsAny(path, "$\\*?[\n") || strings.HasPrefix(path, "/") {
			continue
		}
		if rel0 {
			path = pyJoin(pyDirname(rel), path)
		}
		names = append(names, prefix+path)
	}
}
