package analysis

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The fingerprint is assure's own id of a result. Analyzers' ids do not do:
// clang writes none, flawfinder gives every result on a line the same
// contextHash, and most tools fold the line number in, so inserting a line
// above renumbers everything below.
//
// It hashes what a result is about, not where the file has it:
//
//   - tool (case-folded; its version is left out so an upgrade keeps ids),
//     rule and file;
//   - the text of the region's first line, read from the file as it was
//     analysed, with white space collapsed (re-indenting keeps the id);
//   - within that line, the text the region's columns cover (to the end of
//     the line when the region is a point) and how often that text occurs
//     before it on the line, so a rule reported at two places of one line
//     gives two ids;
//   - the occurrence index: results whose tool, rule, file and texts are
//     all equal (the same call on two identical lines) are numbered in line
//     order. Only results count, not every identical line of the file: a
//     leak reported at a function's closing "}" keeps its id when the
//     function moves past other "}" lines.
//
// The line number is not in it, so code moving up and down keeps its ids,
// and two rules on one line never share one. When the file cannot be read
// (deleted, generated outside the tree, larger than 16 MiB) the tool's
// snippet stands in for the line, and with no snippet the line number is
// all there is.
//
// The occurrence index needs every result of the output before the first
// id is final, so Ingest reads an output twice: once to compute each
// result's group key (32 bytes a result), once to emit the results.
const fingerprintPrefix = "A-"

// groupKey identifies what a result is about, all but its occurrence.
type groupKey [16]byte

// keyEntry is a result's group key and position, kept between the passes.
type keyEntry struct {
	key       groupKey
	line, col int
}

// columnUnit says what a column counts.
type columnUnit int

const (
	unitBytes columnUnit = iota // gcc, clang-format, checkpatch, cppcheck
	unitUTF16                   // SARIF's default columnKind
	unitRunes                   // SARIF columnKind unicodeCodePoints
)

func sarifColumnUnit(kind string) columnUnit {
	if kind == "unicodeCodePoints" {
		return unitRunes
	}
	return unitUTF16
}

// keyOf computes the group key of r from the file's text.
func keyOf(r *Result, src *sourceFile, unit columnUnit) groupKey {
	var text, cols string
	colOcc := 0
	switch line := r.Region.StartLine; {
	case line > 0 && src != nil && line <= len(src.raw):
		text = src.norm[line-1]
		cols, colOcc = columnText(src.raw[line-1], r.Region, unit)
	case line > 0 && r.Snippet != "":
		first, _, _ := strings.Cut(r.Snippet, "\n")
		text = normalise(first)
	case line > 0:
		text = "line " + strconv.Itoa(line)
	}
	h := sha256.New()
	for _, part := range []string{strings.ToLower(r.Tool), r.Rule, r.File, text, cols, strconv.Itoa(colOcc)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	var k groupKey
	copy(k[:], h.Sum(nil))
	return k
}

// occurrences numbers the entries that share a key in position order; the
// order of the output breaks ties, so the numbering is deterministic.
func occurrences(es []keyEntry) []int {
	idx := make([]int32, len(es))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int {
		x, y := &es[a], &es[b]
		return cmp.Or(bytes.Compare(x.key[:], y.key[:]), cmp.Compare(x.line, y.line), cmp.Compare(x.col, y.col), cmp.Compare(a, b))
	})
	occ := make([]int, len(es))
	for i, j := range idx {
		if i > 0 && es[idx[i-1]].key == es[j].key {
			occ[j] = occ[idx[i-1]] + 1
		}
	}
	return occ
}

// fingerprintOf is the id of the occ-th result with key k.
func fingerprintOf(k groupKey, occ int) string {
	h := sha256.New()
	h.Write(k[:])
	h.Write([]byte(strconv.Itoa(occ)))
	return fingerprintPrefix + hex.EncodeToString(h.Sum(nil))[:16]
}

// columnText is the part of line the region's columns cover on its first
// line, normalised, and how many times that text occurs earlier on the line.
func columnText(line string, reg Region, unit columnUnit) (string, int) {
	if reg.StartColumn <= 0 {
		return "", 0
	}
	start := byteOffset(line, reg.StartColumn, unit)
	end := len(line)
	if reg.EndColumn > reg.StartColumn && (reg.EndLine == 0 || reg.EndLine == reg.StartLine) {
		end = byteOffset(line, reg.EndColumn, unit)
	}
	if start >= end {
		// A point, or a region that starts past the end (a missing
		// newline at the end of the file): what follows identifies it.
		end = len(line)
	}
	text := line[start:end]
	if strings.TrimSpace(text) == "" {
		return "", 0
	}
	return normalise(text), strings.Count(line[:start], text)
}

// byteOffset converts a 1-based column in unit to a byte offset in line,
// clamped to the line.
func byteOffset(line string, col int, unit columnUnit) int {
	want := col - 1
	if unit == unitBytes {
		return min(max(want, 0), len(line))
	}
	n := 0
	for i, r := range line {
		if n >= want {
			return i
		}
		if r == utf8.RuneError {
			n++
			continue
		}
		if unit == unitUTF16 {
			n += utf16.RuneLen(r)
		} else {
			n++
		}
	}
	return len(line)
}
