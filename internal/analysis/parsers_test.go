package analysis

import (
	"fmt"
	"strings"
	"testing"
)

// parsed renders what a text parser emitted, before paths are mapped.
func parsed(p textParser, input string) (string, error) {
	var b strings.Builder
	err := p("out.txt", strings.NewReader(input), func(r Result) error {
		fmt.Fprintf(&b, "%s|%d:%d|%s|%s|%s|%s|%s\n", r.File, r.Region.StartLine, r.Region.StartColumn, r.Tool, r.Rule, r.Level, r.Message, r.Source)
		return nil
	})
	return b.String(), err
}

func TestParseGCC(t *testing.T) {
	tests := []struct{ name, in, want, err string }{
		{"clang-format --dry-run -Werror", "src/copy.c:5:29: error: code should be clang-formatted [-Wclang-format-violations]\nvoid greet(const char *name)\n                            ^\n",
			"src/copy.c|5:29||-Wclang-format-violations|error|code should be clang-formatted|out.txt:1\n", ""},
		{"clang warning with its note and summary", "src/greet.c:33:2: warning: array index 4 is past the end of the array (which contains 4 elements) [-Warray-bounds]\n\ta[4] = 1;\n\t^ ~\nsrc/greet.c:32:2: note: array 'a' declared here\n\tchar a[4];\n\t^\n1 warning generated.\n",
			"src/greet.c|33:2||-Warray-bounds|warning|array index 4 is past the end of the array (which contains 4 elements)|out.txt:1\n", ""},
		{"gcc error without an option, in function context", "/tmp/e.c: In function ‘f’:\n/tmp/e.c:1:17: error: ‘x’ undeclared (first use in this function)\n    1 | int f(){ return x; }\n      |                 ^\n",
			"/tmp/e.c|1:17||error|error|‘x’ undeclared (first use in this function)|out.txt:2\n", ""},
		{"clang analyzer text", "src/greet.c:20:11: warning: Division by zero [core.DivideZero]\r\n", "src/greet.c|20:11||core.DivideZero|warning|Division by zero|out.txt:1\n", ""},
		{"no column, fatal", "inc/x.h:7: fatal error: y.h: No such file or directory\n", "inc/x.h|7:0||fatal error|error|y.h: No such file or directory|out.txt:1\n", ""},
		{"nothing to report", "3 warnings generated.\n\n", "", ""},
		{"line number overflow", "a.c:99999999999999999999: warning: x\n", "", "out.txt:1: line number \"99999999999999999999\" is out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parsed(parseGCC, tt.in)
			checkParse(t, got, err, tt.want, tt.err)
		})
	}
}

func TestParseCheckpatch(t *testing.T) {
	// The shapes checkpatch.pl --terse writes (see its report() and the
	// $prefix it builds for --file and --showfile), written for this test.
	tests := []struct{ name, in, want, err string }{
		{"show-types", "drivers/net/x.c:12: WARNING:LONG_LINE: line length of 104 exceeds 100 columns\ndrivers/net/x.c:40: ERROR:SPACING: space required before the open parenthesis '('\ndrivers/net/x.c:41: CHECK:BRACES: Blank lines aren't necessary after an open brace '{'\ntotal: 1 errors, 1 warnings, 1 checks, 60 lines checked\n",
			"drivers/net/x.c|12:0|checkpatch|LONG_LINE|warning|line length of 104 exceeds 100 columns|out.txt:1\n" +
				"drivers/net/x.c|40:0|checkpatch|SPACING|error|space required before the open parenthesis '('|out.txt:2\n" +
				"drivers/net/x.c|41:0|checkpatch|BRACES|note|Blank lines aren't necessary after an open brace '{'|out.txt:3\n", ""},
		{"without types the level is the rule", "a.c:3: WARNING: Missing or malformed SPDX-License-Identifier tag in line 1\n\nNOTE: For some of the reported defects, checkpatch may be able to\na.c has style problems, please review.\n",
			"a.c|3:0|checkpatch|WARNING|warning|Missing or malformed SPDX-License-Identifier tag in line 1|out.txt:1\n", ""},
		{"clean", "b.c has no obvious style problems and is ready for submission.\n", "", ""},
		{"long format is refused", "WARNING: line length of 104 exceeds 100 columns\n#12: FILE: a.c:12:\n", "", "out.txt:1: not checkpatch --terse output: \"WARNING: line length of 104 exceeds 100 columns\" (hint: run checkpatch.pl with --terse --show-types"},
		{"patch from stdin", "-:30: WARNING:LONG_LINE: x\n", "", "out.txt:1: checkpatch names the patch it read from standard input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parsed(parseCheckpatch, tt.in)
			checkParse(t, got, err, tt.want, tt.err)
		})
	}
}

func TestParseGofmt(t *testing.T) {
	tests := []struct{ name, in, want, err string }{
		{"files", "a.go\ninternal/b.go\n", "a.go|0:0||gofmt|warning|file is not formatted as gofmt formats it (run gofmt -w a.go)|out.txt:1\n" +
			"internal/b.go|0:0||gofmt|warning|file is not formatted as gofmt formats it (run gofmt -w internal/b.go)|out.txt:2\n", ""},
		{"clean", "", "", ""},
		{"parse error", "x.go:3:1: expected declaration, found 'IDENT' foo\n", "", "out.txt:1: gofmt could not read a file: x.go:3:1: expected declaration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parsed(parseGofmt, tt.in)
			checkParse(t, got, err, tt.want, tt.err)
		})
	}
}

// cppcheckOut is what cppcheck 2.10 wrote for testdata/c (trimmed).
const cppcheckOut = `<?xml version="1.0" encoding="UTF-8"?>
<results version="2">
    <cppcheck version="2.10"/>
    <errors>
        <error id="nullPointer" severity="error" msg="Null pointer dereference: p" verbose="Null pointer dereference: p" cwe="476" file0="src/greet.c">
            <location file="src/greet.c" line="26" column="10" info="Null pointer dereference"/>
            <location file="src/greet.c" line="25" column="11" info="Assignment &apos;p=NULL&apos;, assigned value is 0"/>
            <symbol>p</symbol>
        </error>
        <error id="missingIncludeSystem" severity="information" msg="Include file: &lt;stdio.h&gt; not found."/>
        <error id="unusedFunction" severity="style" msg="The function &apos;leak&apos; is never used." verbose="x">
            <location file="src/greet.c" line="29" column="0"/>
        </error>
    </errors>
</results>
`

func TestParseCppcheckXML(t *testing.T) {
	tests := []struct{ name, in, want, err string }{
		{"cppcheck 2.10", cppcheckOut,
			"src/greet.c|26:10|cppcheck|nullPointer|error|Null pointer dereference: p|out.txt:5\n" +
				"|0:0|cppcheck|missingIncludeSystem|note|Include file: <stdio.h> not found.|out.txt:10\n" +
				"src/greet.c|29:0|cppcheck|unusedFunction|note|The function 'leak' is never used.|out.txt:11\n", ""},
		{"no errors", `<results version="2"><cppcheck version="2.10"/><errors></errors></results>`, "", ""},
		{"progress output instead of XML", "Checking src/greet.c ...\n", "", "out.txt: no cppcheck XML in it (hint: cppcheck writes its XML to standard error: set output: stderr"},
		{"empty", "", "", "out.txt: no cppcheck XML in it"},
		{"version 1", `<results><error file="a.c" line="1" id="x" severity="error" msg="m"/></results>`, "", `out.txt:1: cppcheck XML version "" (hint: run cppcheck with --xml-version=2)`},
		{"truncated", "<results version=\"2\">\n<errors>\n<error id=\"x\" severity=\"error\" msg=\"m\">\n", "", "out.txt:4: not cppcheck XML: unexpected EOF"},
		{"unknown severity", `<results version="2"><errors><error id="x" severity="fatal" msg="m"/></errors></results>`, "", `out.txt:1: unknown cppcheck severity "fatal"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parsed(parseCppcheckXML, tt.in)
			checkParse(t, got, err, tt.want, tt.err)
		})
	}
}

func checkParse(t *testing.T, got string, err error, want, wantErr string) {
	t.Helper()
	if wantErr != "" {
		if err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Fatalf("err = %v\nwant it to contain %q", err, wantErr)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
}
