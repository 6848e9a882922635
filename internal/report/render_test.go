package report

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestRenderDispatch(t *testing.T) {
	direct := map[string]func(io.Writer, *Report) error{
		"text":     func(w io.Writer, r *Report) error { return Text(w, r, TextOptions{Verbose: true}) },
		"json":     JSON,
		"sarif":    SARIF,
		"junit":    JUnit,
		"markdown": Markdown,
	}
	if len(Formats()) != len(direct) {
		t.Fatalf("Formats() = %v, test knows %d formats", Formats(), len(direct))
	}
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			var got, want bytes.Buffer
			if err := Render(&got, format, fixture(), TextOptions{Verbose: true}); err != nil {
				t.Fatal(err)
			}
			fn, ok := direct[format]
			if !ok {
				t.Fatalf("Formats() lists %q, which the test does not know", format)
			}
			if err := fn(&want, fixture()); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("Render(%q) differs from calling the renderer directly", format)
			}
		})
	}
}

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name   string
		format string
		r      *Report
		want   string
	}{
		{"unknown format", "html", fixture(), `unknown report format "html": use one of text, json, sarif, junit, markdown`},
		{"nil report", "json", nil, "nil report"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Render(io.Discard, tt.format, tt.r, TextOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRenderReportsWriteErrors(t *testing.T) {
	for _, format := range Formats() {
		if err := Render(failingWriter{}, format, fixture(), TextOptions{}); err == nil {
			t.Errorf("%s: write error was swallowed", format)
		}
	}
}
