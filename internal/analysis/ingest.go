package analysis

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/assure-dev/assure/internal/model"
)

// Input is one analyzer output to ingest.
type Input struct {
	// Path is the file holding the output.
	Path string
	// Name is how messages name it (default Path).
	Name string
	// Format is one of model.AnalysisFormats.
	Format string
	// Step is the model's step that produced it ("" for a log given
	// directly).
	Step string
	// Tool and Version attribute results of text formats, which do not
	// say who wrote them (SARIF and cppcheck XML name their own). Without
	// Tool, results are the format's tool (checkpatch), else Step's.
	Tool, Version string
	// Dir is where the tool ran, relative to the root: relative paths and
	// URIs in the output resolve against it (default the root).
	Dir string
	// SourceRoot is the absolute directory a tool that ran elsewhere
	// analysed: paths under it map to the root.
	SourceRoot string
}

// sourceBudget is how many bytes of source files one ingest keeps for
// fingerprints.
const sourceBudget = 32 << 20

// Ingest reads one analyzer output and calls fn for each result, normalised
// and fingerprinted against the files under root (the tree as analysed).
// The *Result is fn's to keep. Results come in the order the output has
// them; Collect sorts.
func Ingest(root string, in Input, fn func(*Result) error) error {
	if in.Name == "" {
		in.Name = in.Path
	}
	ig, err := newIngester(root, in)
	if err != nil {
		return err
	}
	defer ig.close()
	var read reader
	if in.Format == model.FormatSARIF {
		log, err := ig.openSARIF(in)
		if err != nil {
			return err
		}
		defer log.close()
		read = log.each
	} else {
		parse, ok := textFormats[in.Format]
		if !ok {
			return fmt.Errorf("%s: unknown format %q (hint: one of %s)", in.Name, in.Format, strings.Join(model.AnalysisFormats, ", "))
		}
		read = func(emit func(*Result, columnUnit) error) error {
			f, err := os.Open(in.Path)
			if err != nil {
				return err
			}
			defer f.Close()
			return parse(in.Name, f, func(r Result) error {
				if err := ig.place(&r, in); err != nil {
					return err
				}
				return emit(&r, unitBytes)
			})
		}
	}
	return ig.fingerprintAll(in, read, fn)
}

// reader reads an output from the start, emitting normalised results
// without their fingerprints.
type reader func(emit func(*Result, columnUnit) error) error

// fingerprintAll reads the output twice: first for every result's group
// key, then to emit each result with its fingerprint. An output that fails
// to read fails in the first pass, before fn has seen anything.
func (ig *ingester) fingerprintAll(in Input, read reader, fn func(*Result) error) error {
	var keys []keyEntry
	err := read(func(r *Result, unit columnUnit) error {
		keys = append(keys, keyEntry{key: keyOf(r, ig.source(r.File), unit), line: r.Region.StartLine, col: r.Region.StartColumn})
		return nil
	})
	if err != nil {
		return err
	}
	occ := occurrences(keys)
	i := 0
	return read(func(r *Result, _ columnUnit) error {
		if i >= len(keys) {
			return fmt.Errorf("%s: the output changed while it was read", in.Name)
		}
		r.Fingerprint = fingerprintOf(keys[i].key, occ[i])
		i++
		ig.snippet(r)
		return fn(r)
	})
}

// ReadSARIF reads the SARIF log at path, produced by a tool that analysed
// root, and returns its results in Compare order.
func ReadSARIF(path, root string) ([]Result, error) {
	var out []Result
	err := Ingest(root, Input{Path: path, Format: model.FormatSARIF}, func(r *Result) error {
		out = append(out, *r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	Sort(out)
	return out, nil
}

// ingester holds what normalising needs: where the repository is and the
// source files recently read for fingerprints.
type ingester struct {
	pl   *places
	base string // absolute directory the tool ran in
	root *os.Root
	src  *sourceCache
	seen map[string]error // files checked to exist in the tree
}

func newIngester(root string, in Input) (*ingester, error) {
	pl, err := newPlaces(root, in.SourceRoot)
	if err != nil {
		return nil, err
	}
	base := pl.root
	if in.Dir != "" {
		base = filepath.Join(pl.root, filepath.FromSlash(in.Dir))
	}
	r, err := os.OpenRoot(pl.root)
	if err != nil {
		return nil, err
	}
	return &ingester{pl: pl, base: base, root: r, src: newSourceCache(r, sourceBudget), seen: map[string]error{}}, nil
}

// close releases the repository root, which was only read.
func (ig *ingester) close() { _ = ig.root.Close() }

// place maps a text format's path to the repository and attributes the
// result to its tool and step.
func (ig *ingester) place(r *Result, in Input) error {
	if r.File != "" {
		file, err := ig.pl.path(ig.base, r.File)
		if err == nil {
			err = ig.exists(file)
		}
		if err != nil {
			where := r.Source
			if where == "" {
				where = in.Name
			}
			return fmt.Errorf("%s: %w (hint: %s)", where, err, outsideHint(err))
		}
		r.File = file
	}
	switch {
	case in.Tool != "":
		r.Tool = in.Tool
	case r.Tool == "" && in.Step != "":
		r.Tool = in.Step
	case r.Tool == "":
		r.Tool = in.Format
	}
	if r.Version == "" {
		r.Version = in.Version
	}
	r.Step = in.Step
	return nil
}

// exists refuses a result in a file the analysed tree does not have: it
// could be neither reviewed nor waived in the source, and it usually means
// the tool's paths were resolved against the wrong directory.
func (ig *ingester) exists(file string) error {
	err, ok := ig.seen[file]
	if !ok {
		st, serr := ig.root.Stat(file)
		switch {
		case serr != nil:
			err = fmt.Errorf("%s is not in the analysed tree: %w", file, errMissing)
		case st.IsDir():
			err = fmt.Errorf("%s is a directory, not a file: %w", file, errMissing)
		}
		ig.seen[file] = err
	}
	return err
}

var errMissing = errors.New("a result must name a file of the tree")

func (ig *ingester) source(file string) *sourceFile {
	if file == "" {
		return nil
	}
	return ig.src.get(file)
}

// snippet trims the tool's snippet, or takes the line from the file when
// the tool gave none.
func (ig *ingester) snippet(r *Result) {
	r.Snippet = strings.TrimSpace(r.Snippet)
	if r.Snippet != "" || r.Region.StartLine <= 0 {
		return
	}
	if src := ig.source(r.File); src != nil && r.Region.StartLine <= len(src.raw) {
		r.Snippet = strings.TrimSpace(src.raw[r.Region.StartLine-1])
	}
}

func outsideHint(err error) string {
	switch {
	case errors.Is(err, errOutside):
		return "analyse only files inside the repository; for a log made on another machine set source_root in analysis.sarif"
	case errors.Is(err, errMissing):
		return "relative paths resolve against the step's dir; run the tool where its paths start, or analyse the revision the log was made from"
	}
	return "the output names no usable file"
}
