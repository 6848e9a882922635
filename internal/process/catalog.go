package process

import (
	_ "embed"
	"sync"
)

//go:embed catalog.yaml
var catalogYAML []byte

// catalogName is how errors about the embedded catalog name the file, so a
// maintainer knows which file to fix.
const catalogName = "internal/process/catalog.yaml"

// Catalog is the parsed process catalog. It is immutable: accessors return
// copies, so one catalog can be shared by every check and report.
type Catalog struct {
	reqs []Requirement
	byID map[string]int
}

var embedded = sync.OnceValues(func() (*Catalog, error) {
	return Parse(catalogYAML, catalogName)
})

// Embedded returns the catalog built into the binary, parsed once, or the
// error that kept it from parsing.
func Embedded() (*Catalog, error) {
	return embedded()
}

// Load returns the catalog built into the binary. The package tests
// guarantee that it parses; should a broken catalog ever be built anyway,
// Load returns an empty catalog instead of panicking, and Embedded says why.
func Load() *Catalog {
	c, err := embedded()
	if err != nil {
		return &Catalog{}
	}
	return c
}

// Len is the number of requirements.
func (c *Catalog) Len() int {
	return len(c.reqs)
}

// All returns the requirements in catalog order (the order of the spec).
func (c *Catalog) All() []Requirement {
	return append([]Requirement(nil), c.reqs...)
}

// Get returns the requirement with the given id.
func (c *Catalog) Get(id string) (Requirement, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Requirement{}, false
	}
	return c.reqs[i], true
}

// Sections returns the distinct sections in the order they first appear.
func (c *Catalog) Sections() []string {
	var out []string
	seen := make(map[string]bool)
	for _, r := range c.reqs {
		if !seen[r.Section] {
			seen[r.Section] = true
			out = append(out, r.Section)
		}
	}
	return out
}

// bySection groups the requirements by section, sections in Sections order.
func (c *Catalog) bySection() [][]Requirement {
	idx := make(map[string]int)
	var groups [][]Requirement
	for _, r := range c.reqs {
		i, ok := idx[r.Section]
		if !ok {
			i = len(groups)
			idx[r.Section] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], r)
	}
	return groups
}
