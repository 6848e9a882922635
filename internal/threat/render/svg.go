package render

import "bytes"

// inlineSVG drops anything before the <svg> element (an XML declaration
// or DOCTYPE) so the SVG can sit inside an HTML page.
func inlineSVG(svg []byte) []byte {
	if i := bytes.Index(svg, []byte("<svg")); i >= 0 {
		return svg[i:]
	}
	return svg
}
