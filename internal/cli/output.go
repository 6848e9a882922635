package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeOut writes data to file (relative to -C, its directory made as
// needed) or, when file is "" or "-", to standard output. Callers render
// into memory first, so a failed render leaves no half-written file.
// A threat model is confidential: the file is its owner's alone (0600).
func writeOut(e *env, file string, data []byte) error {
	if file == "" || file == "-" {
		_, err := e.stdout.Write(data)
		return err
	}
	if !filepath.IsAbs(file) {
		file = filepath.Join(e.dir, file)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o750); err != nil {
		return inputErr(err)
	}
	if err := os.WriteFile(file, data, 0o600); err != nil {
		return inputErr(fmt.Errorf("writing %s: %w", file, err))
	}
	return nil
}

// writeJSON writes v as indented JSON, keeping <, > and & as they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
