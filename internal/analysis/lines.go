package analysis

import (
	"bytes"
	"io"
	"os"
	"strings"
)

// sourceFile is one analysed file as the fingerprint needs it: each line's
// text, whitespace-normalised, and how many earlier lines have the same
// text.
type sourceFile struct {
	raw  []string // lines without their end-of-line
	norm []string
	occ  []int
	size int
}

// maxSourceFile bounds what is read of one file for fingerprints: a result
// in a larger (generated) file is fingerprinted from its snippet instead.
const maxSourceFile = 16 << 20

func parseSource(data []byte) *sourceFile {
	f := &sourceFile{size: len(data)}
	seen := map[string]int{}
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		raw := strings.TrimSuffix(string(line), "\r")
		n := normalise(raw)
		f.raw = append(f.raw, raw)
		f.norm = append(f.norm, n)
		f.occ = append(f.occ, seen[n])
		seen[n]++
	}
	return f
}

// normalise collapses runs of white space to one space and trims the ends,
// so re-indenting a line does not change what identifies it.
func normalise(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// sourceCache holds recently read files up to a byte budget. Analyzers
// write the results of one file together, so a small cache reads almost
// every file once even for 100,000 results, without holding the tree.
type sourceCache struct {
	root   *os.Root
	budget int
	used   int
	files  map[string]*sourceFile
	order  []string // least recently used first
}

func newSourceCache(root *os.Root, budget int) *sourceCache {
	return &sourceCache{root: root, budget: budget, files: map[string]*sourceFile{}}
}

// get returns the file at the slash path rel, or nil when it cannot be read
// (deleted, generated elsewhere, too large, a directory). Reading goes
// through os.Root, so a symbolic link cannot lead outside the repository.
func (c *sourceCache) get(rel string) *sourceFile {
	if f, ok := c.files[rel]; ok {
		c.touch(rel)
		return f
	}
	f := c.read(rel)
	c.files[rel] = f
	c.order = append(c.order, rel)
	if f != nil {
		c.used += f.size
	}
	for c.used > c.budget && len(c.order) > 1 {
		old := c.order[0]
		c.order = c.order[1:]
		if of := c.files[old]; of != nil {
			c.used -= of.size
		}
		delete(c.files, old)
	}
	return f
}

func (c *sourceCache) touch(rel string) {
	if n := len(c.order); n > 0 && c.order[n-1] == rel {
		return
	}
	for i, r := range c.order {
		if r == rel {
			copy(c.order[i:], c.order[i+1:])
			c.order[len(c.order)-1] = rel
			return
		}
	}
}

func (c *sourceCache) read(rel string) *sourceFile {
	if c.root == nil || rel == "" {
		return nil
	}
	fh, err := c.root.Open(rel)
	if err != nil {
		return nil
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() > maxSourceFile {
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(fh, maxSourceFile+1))
	if err != nil || len(data) > maxSourceFile {
		return nil
	}
	return parseSource(data)
}
