package sarif

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/assure-dev/assure/internal/jsonpos"
)

// validateWhole is the straightforward validation the streaming reader
// replaces: decode the whole document, validate it in one call. Tests use it
// as the oracle the reader must agree with.
func validateWhole(name string, data []byte) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var doc any
	if err := d.Decode(&doc); err != nil {
		if err == io.EOF {
			return fmt.Errorf("%s: empty file, expected a SARIF log (a JSON object)", name)
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := jsonpos.LineCol(data, int(se.Offset-1))
			return fmt.Errorf("%s: line %d, column %d: invalid JSON: %v", name, line, col, se)
		}
		line, col := jsonpos.LineCol(data, len(data))
		return fmt.Errorf("%s: line %d, column %d: invalid JSON: file ends in the middle of a value", name, line, col)
	}
	if rest := bytes.TrimLeft(data[d.InputOffset():], " \t\r\n"); len(rest) > 0 {
		line, col := jsonpos.LineCol(data, len(data)-len(rest))
		return fmt.Errorf("%s: line %d, column %d: unexpected data after the JSON value; a SARIF file holds exactly one log", name, line, col)
	}
	declared := ""
	if obj, ok := doc.(map[string]any); ok {
		declared, _ = obj["$schema"].(string)
	}
	s, err := schemaFor(declared)
	if err != nil {
		return err
	}
	err = s.Validate(doc)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	leaves := sortedLeaves(ve)
	return fmt.Errorf("%s: %w", name, violationError(&violation{ptr: leaves[0].InstanceLocation, msg: describe(leaves[0])}, len(leaves)))
}
