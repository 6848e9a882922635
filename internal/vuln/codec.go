package vuln

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// DecodeReport reads a report's JSON document (as the store keeps it)
// strictly: one JSON object, no field this build does not know, a known
// state. A document this build does not fully understand must not be
// rewritten by it.
func DecodeReport(data []byte) (*Report, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	var r Report
	if err := d.Decode(&r); err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, fmt.Errorf("data after the JSON object")
	}
	if !r.State.Valid() {
		return nil, fmt.Errorf("unknown state %q", clip(string(r.State)))
	}
	return &r, nil
}
