package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"

	"github.com/goccy/go-graphviz"
)

// Graphviz runs as one WebAssembly instance per process (goccy/go-graphviz
// instantiates it at init), and that instance does not survive many
// layouts: after a few dozen its heap is corrupt ("out of bounds memory
// access"; the first failure we measured was the 29th layout). So a process
// lays out its first few graphs itself and every further graph in a child
// process of the same binary, which starts from a fresh instance. A command
// draws at most four graphs, so it never starts a child; a long run (the
// benchmark, a test binary) does. The tests hold the layouts of both paths
// to the same golden bytes.
const inProcessLayouts = 4

var (
	gvMu   sync.Mutex
	gvUsed int
)

// childEnv marks a child process that lays out one graph: DOT on standard
// input, SVG on standard output.
const childEnv = "ASSURE_INTERNAL_GRAPHVIZ_CHILD"

// childMark starts every answer of a child, so that a binary that does not
// know the protocol is never mistaken for one.
const childMark = "assure-graphviz-svg\n"

func init() {
	if os.Getenv(childEnv) != "1" {
		return
	}
	// Runs in any binary that links this package (assure, its tests)
	// before main: answer and exit.
	os.Exit(child(os.Stdin, os.Stdout, os.Stderr))
}

func child(in io.Reader, out, errw io.Writer) int {
	dot, err := io.ReadAll(io.LimitReader(in, 64<<20))
	if err == nil {
		var svg []byte
		if svg, err = layout(context.Background(), string(dot)); err == nil {
			_, err = io.WriteString(out, childMark+string(svg))
		}
	}
	if err != nil {
		fmt.Fprintln(errw, err)
		return 1
	}
	return 0
}

// SVG lays out a DOT graph with Graphviz's dot engine, compiled into the
// binary (no Graphviz install needed), and returns the SVG. The same DOT
// gives the same bytes.
func SVG(ctx context.Context, dot string) ([]byte, error) {
	gvMu.Lock()
	if gvUsed < inProcessLayouts {
		gvUsed++
		defer gvMu.Unlock()
		return layout(ctx, dot)
	}
	gvMu.Unlock()
	return layoutInChild(ctx, dot)
}

func layout(ctx context.Context, dot string) ([]byte, error) {
	gv, err := graphviz.New(ctx)
	if err != nil {
		return nil, fmt.Errorf("starting the embedded Graphviz: %w", err)
	}
	defer gv.Close()
	g, err := graphviz.ParseBytes([]byte(dot))
	if err != nil {
		return nil, fmt.Errorf("graphviz cannot read the diagram (a bug in assure): %w", err)
	}
	defer g.Close()
	var buf bytes.Buffer
	if err := gv.Render(ctx, g, graphviz.SVG, &buf); err != nil {
		return nil, fmt.Errorf("graphviz layout: %w", err)
	}
	return buf.Bytes(), nil
}

func layoutInChild(ctx context.Context, dot string) ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("laying out a diagram: cannot find assure's own executable: %w", err)
	}
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stdin = strings.NewReader(dot)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	out, ok := bytes.CutPrefix(stdout.Bytes(), []byte(childMark))
	switch {
	case err != nil:
		msg := strings.TrimSpace(stderr.String())
		var ee *exec.ExitError
		if msg == "" || !errors.As(err, &ee) {
			msg = err.Error()
		}
		return nil, fmt.Errorf("laying out a diagram: %s", msg)
	case !ok:
		return nil, fmt.Errorf("laying out a diagram: %s did not answer as assure's diagram renderer", exe)
	}
	return out, nil
}

// inlineSVG drops the XML declaration and DOCTYPE so the SVG can sit
// inside an HTML page.
func inlineSVG(svg []byte) []byte {
	if i := bytes.Index(svg, []byte("<svg")); i >= 0 {
		return svg[i:]
	}
	return svg
}
