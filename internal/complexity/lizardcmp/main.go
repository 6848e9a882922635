// Command lizardcmp compares assure's complexity analyzer with lizard on a
// source tree: it runs lizard's CSV output (or reads a saved one), runs
// the analyzer on the same files and reports the share of the functions
// both find that have the same CCN, and every function only one finds.
// scripts/compare-lizard.sh is the way to run it.
//
//	lizardcmp -tree /tmp/mbedtls/library -lizard /tmp/lizard/lizard.py
//	lizardcmp -tree DIR -csv saved.csv [-v]
//	lizardcmp -tree DIR -assure-only     (the analyzer alone, for timing)
package main

import (
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"

	"github.com/assure-dev/assure/internal/complexity"
)

func main() {
	tree := flag.String("tree", "", "source `DIR` to analyse")
	lizard := flag.String("lizard", "lizard", "lizard `COMMAND` or path to lizard.py")
	csvFile := flag.String("csv", "", "read lizard's CSV output from `FILE` instead of running lizard")
	verbose := flag.Bool("v", false, "list every difference")
	only := flag.Bool("assure-only", false, "only print assure's CSV of the tree (to time the analyzer in a process of its own)")
	flag.Parse()
	if *only && *tree != "" {
		res, err := complexity.Analyze(context.Background(), complexity.Options{Paths: []string{*tree}})
		if err == nil {
			err = complexity.Write(os.Stdout, "csv", &complexity.Report{Functions: res.Functions, Total: len(res.Functions), Files: res.Files})
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "lizardcmp:", err)
			os.Exit(2)
		}
		return
	}
	if *tree == "" {
		fmt.Fprintln(os.Stderr, "usage: lizardcmp -tree DIR [-lizard lizard.py | -csv FILE] [-v]")
		os.Exit(2)
	}
	var data []byte
	var err error
	if *csvFile != "" {
		data, err = os.ReadFile(*csvFile)
	} else {
		data, err = runLizard(*lizard, *tree)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "lizardcmp:", err)
		os.Exit(2)
	}
	theirs, err := parseLizardCSV(data, *tree)
	if err != nil {
		fmt.Fprintln(os.Stderr, "lizardcmp:", err)
		os.Exit(2)
	}
	res, err := complexity.Analyze(context.Background(), complexity.Options{Paths: []string{*tree}})
	if err != nil {
		fmt.Fprintln(os.Stderr, "lizardcmp:", err)
		os.Exit(2)
	}
	ours := fromAnalyzer(res.Functions, *tree)
	cmp := compare(theirs, ours)
	cmp.explain(duplicates(*tree))
	cmp.write(os.Stdout, *verbose)
}

// duplicates hashes every file of the tree once and reports whether a
// file's content occurs more than once.
func duplicates(tree string) func(string) bool {
	count := map[[32]byte]int{}
	sum := map[string][32]byte{}
	// Through os.Root, so a link in the tree cannot lead a read out of it.
	if root, err := os.OpenRoot(tree); err == nil {
		defer root.Close()
		_ = fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b, err := root.ReadFile(p)
			if err != nil {
				return nil
			}
			h := sha256.Sum256(b)
			count[h]++
			sum[p] = h // slash-separated and relative to the tree, as rel gives
			return nil
		})
	}
	return func(file string) bool {
		h, ok := sum[file]
		return ok && count[h] > 1
	}
}

func runLizard(lizard, tree string) ([]byte, error) {
	name, args := lizard, []string{"--csv", tree}
	if len(lizard) > 3 && lizard[len(lizard)-3:] == ".py" {
		name, args = "python3", append([]string{lizard}, args...)
	}
	// assure: waive W-0043 -- the lizard the developer names; no shell
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("running lizard: %w (hint: git archive github.com/terryyin/lizard into a directory and pass -lizard DIR/lizard.py)", err)
	}
	return out, nil
}
