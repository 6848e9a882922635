package diagram

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Text is measured, never rendered with a font: widths come from
// Helvetica's advance widths (its AFM file, in thousandths of the font
// size) so the layout is the same on every machine and needs no font
// files. The SVG asks for Helvetica, Arial or sans-serif, whose widths are
// close to these; boxes have padding for the difference.
var asciiWidth = [95]int{
	// ' ' through '/'
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	// '0' through '?'
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	// '@' through 'O'
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	// 'P' through '_'
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	// '`' through 'o'
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	// 'p' through '~'
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
}

// runeWidth is a rune's advance in thousandths of the font size.
func runeWidth(r rune) int {
	switch {
	case r >= ' ' && r <= '~':
		return asciiWidth[r-' ']
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r):
		return 0 // combining marks and format characters take no room
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 1000
	}
	return 600 // other letters: a wide Latin letter, so text never overflows
}

// lines splits a label into the lines it is drawn as: "\n" separates
// lines, "\r" is dropped, tabs become spaces, invalid UTF-8 becomes U+FFFD
// (as the SVG writes it).
func lines(label string) []string {
	label = strings.ToValidUTF8(label, "\uFFFD")
	label = strings.ReplaceAll(label, "\r", "")
	label = strings.ReplaceAll(label, "\t", " ")
	return strings.Split(label, "\n")
}

// textWidth is the width in pixels of the widest line at the given font
// size, rounded up.
func textWidth(ls []string, size int) int {
	widest := 0
	for _, l := range ls {
		w := 0
		for _, r := range l {
			w += runeWidth(r)
		}
		widest = max(widest, w)
	}
	return (widest*size + 999) / 1000
}

// Font sizes and line heights, in pixels.
const (
	nodeFont      = 14
	edgeFont      = 11
	clusterFont   = 12
	titleFont     = 16
	lineHeightPct = 125 // line height in percent of the font size
)

func lineHeight(size int) int { return (size*lineHeightPct + 99) / 100 }

// textBox is the size of a block of lines.
func textBox(ls []string, size int) (w, h int) {
	return textWidth(ls, size), len(ls) * lineHeight(size)
}
