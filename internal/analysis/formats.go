package analysis

import (
	"io"

	"github.com/assure-dev/assure/internal/model"
)

// textParser reads one text format and calls emit for each result, its
// File as the tool wrote it. name is used in errors, which name the line.
type textParser func(name string, r io.Reader, emit func(Result) error) error

var textFormats = map[string]textParser{
	model.FormatGCC:         parseGCC,
	model.FormatCppcheckXML: parseCppcheckXML,
	model.FormatCheckpatch:  parseCheckpatch,
	model.FormatGofmt:       parseGofmt,
}
