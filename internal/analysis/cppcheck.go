package analysis

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// cppcheckError is one <error> of cppcheck's XML format version 2.
type cppcheckError struct {
	ID        string `xml:"id,attr"`
	Severity  string `xml:"severity,attr"`
	Msg       string `xml:"msg,attr"`
	Locations []struct {
		File   string `xml:"file,attr"`
		Line   int    `xml:"line,attr"`
		Column int    `xml:"column,attr"`
	} `xml:"location"`
}

// cppcheckLevels maps cppcheck's severities to SARIF levels as cppcheck's
// own SARIF output (2.13 and later) does.
var cppcheckLevels = map[string]Level{
	"error": LevelError, "warning": LevelWarning,
	"style": LevelNote, "performance": LevelNote, "portability": LevelNote, "information": LevelNote,
}

// parseCppcheckXML reads cppcheck --xml --xml-version=2, which cppcheck
// writes to standard error. Debian 12's cppcheck 2.10 has no SARIF output;
// this is its machine-readable format. The first <location> of an error is
// where cppcheck reports it; the others are the path that leads there.
func parseCppcheckXML(name string, r io.Reader, emit func(Result) error) error {
	dec := xml.NewDecoder(r)
	version, sawRoot := "", false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if !sawRoot {
				return fmt.Errorf("%s: no cppcheck XML in it (hint: cppcheck writes its XML to standard error: set output: stderr and run cppcheck with --xml --xml-version=2)", name)
			}
			return nil
		}
		if err != nil {
			return xmlError(name, dec, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		line, _ := dec.InputPos()
		switch se.Name.Local {
		case "results":
			sawRoot = true
			if v := attr(se, "version"); v != "2" {
				return fmt.Errorf("%s:%d: cppcheck XML version %q (hint: run cppcheck with --xml-version=2)", name, line, v)
			}
		case "cppcheck":
			version = attr(se, "version")
		case "error":
			if !sawRoot {
				return fmt.Errorf("%s:%d: <error> outside <results> (hint: is this cppcheck --xml output?)", name, line)
			}
			var e cppcheckError
			if err := dec.DecodeElement(&e, &se); err != nil {
				return xmlError(name, dec, err)
			}
			level, ok := cppcheckLevels[e.Severity]
			if !ok {
				return fmt.Errorf("%s:%d: unknown cppcheck severity %q", name, line, e.Severity)
			}
			if e.ID == "" {
				return fmt.Errorf("%s:%d: <error> without an id", name, line)
			}
			res := Result{Tool: "cppcheck", Version: version, Rule: e.ID, Level: level, Message: e.Msg, Source: fmt.Sprintf("%s:%d", name, line)}
			if len(e.Locations) > 0 {
				loc := e.Locations[0]
				if loc.Line < 0 || loc.Column < 0 {
					return fmt.Errorf("%s:%d: negative line or column", name, line)
				}
				res.File, res.Region = loc.File, Region{StartLine: loc.Line, StartColumn: loc.Column}
			}
			if err := emit(res); err != nil {
				return err
			}
		}
	}
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func xmlError(name string, dec *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%s:%d: not cppcheck XML: %s (hint: cppcheck writes its XML to standard error: set output: stderr)", name, se.Line, se.Msg)
	}
	line, _ := dec.InputPos()
	return fmt.Errorf("%s:%d: not cppcheck XML: %v", name, line, err)
}
