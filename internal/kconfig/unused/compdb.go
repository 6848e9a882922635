package unused

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/assure-dev/assure/internal/jsonpos"
)

// Unit is one compilation from compile_commands.json.
type Unit struct {
	// File is the source, Output the object file, both absolute and clean.
	File   string
	Output string
	Dir    string
	Args   []string
}

// ReadCompileCommands reads a compilation database (the JSON format of
// clang's compile_commands.json that CMake and Bear write).
func ReadCompileCommands(path string) ([]Unit, error) {
	// assure: waive W-0031 -- the compilation database the user names
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (hint: configure the build with CMAKE_EXPORT_COMPILE_COMMANDS=ON, or record it with bear)", path, unwrap(err))
	}
	return ParseCompileCommands(path, data)
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ParseCompileCommands parses data; path names the file in errors and
// resolves nothing (entries carry their own directory).
func ParseCompileCommands(path string, data []byte) ([]Unit, error) {
	lines := jsonpos.NewLines(data)
	fail := func(off int, field, msg, hint string) error {
		l, c := lines.Pos(off)
		if field != "" {
			msg = field + ": " + msg
		}
		return fmt.Errorf("%s:%d:%d: %s (hint: %s)", path, l, c, msg, hint)
	}
	root, err := jsonpos.Parse(data)
	if err != nil {
		var je *jsonpos.Error
		off := 0
		if errors.As(err, &je) {
			off = je.Off
		}
		return nil, fail(off, "", "invalid JSON: "+err.Error(), "a compilation database is a JSON array of {directory, file, command|arguments}")
	}
	if root.Kind != jsonpos.Array {
		return nil, fail(root.Off, "", "the compilation database must be a JSON array, found "+root.Kind.String(), "regenerate it with the build system")
	}
	var out []Unit
	for i, e := range root.Elems {
		at := jsonpos.Index("", i)
		if e.Kind != jsonpos.Object {
			return nil, fail(e.Off, at, "an entry must be an object, found "+e.Kind.String(), "each entry has directory, file and command or arguments")
		}
		str := func(key string, required bool) (string, error) {
			v := e.Get(key)
			if v == nil || v.Kind == jsonpos.Null {
				if required {
					return "", fail(e.Off, at, "missing "+key, "each entry has directory, file and command or arguments")
				}
				return "", nil
			}
			if v.Kind != jsonpos.String {
				return "", fail(v.Off, jsonpos.Key(at, key), "must be a string, found "+v.Kind.String(), "")
			}
			return v.Str, nil
		}
		dir, err := str("directory", true)
		if err != nil {
			return nil, err
		}
		file, err := str("file", true)
		if err != nil {
			return nil, err
		}
		output, err := str("output", false)
		if err != nil {
			return nil, err
		}
		var args []string
		if a := e.Get("arguments"); a != nil && a.Kind != jsonpos.Null {
			if a.Kind != jsonpos.Array {
				return nil, fail(a.Off, jsonpos.Key(at, "arguments"), "must be an array of strings", "")
			}
			for j, x := range a.Elems {
				if x.Kind != jsonpos.String {
					return nil, fail(x.Off, jsonpos.Index(jsonpos.Key(at, "arguments"), j), "must be a string, found "+x.Kind.String(), "")
				}
				args = append(args, x.Str)
			}
		} else {
			cmd, err := str("command", false)
			if err != nil {
				return nil, err
			}
			if cmd == "" {
				return nil, fail(e.Off, at, "missing command or arguments", "each entry says how the file was compiled")
			}
			if args, err = splitCommand(cmd); err != nil {
				return nil, fail(e.Get("command").Off, jsonpos.Key(at, "command"), err.Error(), "")
			}
		}
		if !filepath.IsAbs(dir) {
			return nil, fail(e.Get("directory").Off, jsonpos.Key(at, "directory"), "must be an absolute path", "the build system writes the absolute build directory")
		}
		u := Unit{Dir: filepath.Clean(dir), File: abs(dir, file), Args: args}
		if output == "" {
			output = outputArg(args)
		}
		if output != "" {
			u.Output = abs(dir, output)
		}
		out = append(out, u)
	}
	return out, nil
}

func abs(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}

// outputArg finds -o FILE or -oFILE.
func outputArg(args []string) string {
	for i, a := range args {
		if a == "-o" && i+1 < len(args) {
			return args[i+1]
		}
		if strings.HasPrefix(a, "-o") && len(a) > 2 {
			return a[2:]
		}
	}
	return ""
}

// splitCommand splits a command line the way a POSIX shell splits words:
// single and double quotes, backslash escapes.
func splitCommand(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			inWord = true
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, errors.New("unterminated single quote in the command")
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, errors.New("unterminated double quote in the command")
			}
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out, nil
}
