package report

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Formats lists the names Render accepts, in the order help text shows them.
func Formats() []string {
	return []string{"text", "json", "sarif", "junit", "markdown"}
}

// Render writes r in the named format; opts only affect "text".
func Render(w io.Writer, format string, r *Report, opts TextOptions) error {
	if r == nil {
		return errors.New("report: nothing to render (nil report)")
	}
	switch format {
	case "text":
		return Text(w, r, opts)
	case "json":
		return JSON(w, r)
	case "sarif":
		return SARIF(w, r)
	case "junit":
		return JUnit(w, r)
	case "markdown":
		return Markdown(w, r)
	}
	return fmt.Errorf("unknown report format %q: use one of %s", format, strings.Join(Formats(), ", "))
}
