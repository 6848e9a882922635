package complexity

import (
	"bytes"
	"unicode/utf8"
)

// MaxFileSize bounds what one file may hold; anything larger is skipped
// with a warning (generated tables of that size hold no functions anyone
// reviews, and reading them would cost memory, not insight).
const MaxFileSize = 64 << 20

// binaryProbe is how much of a file is searched for a NUL byte, the sign
// of a binary file git uses too.
const binaryProbe = 8000

// prepare makes source text out of a file's bytes the way lizard (Python)
// reads it: without a UTF-8 byte order mark, with "\r\n" and "\r" as "\n",
// and without bytes that are not UTF-8 (Python drops them when it decodes
// with errors="ignore"). It refuses binary files.
func prepare(path string, data []byte) ([]byte, []Warning, bool) {
	var ws []Warning
	if len(data) > MaxFileSize {
		return nil, []Warning{{File: path, Message: "skipped: larger than " + itoa(MaxFileSize>>20) + " MiB"}}, false
	}
	probe := data
	if len(probe) > binaryProbe {
		probe = probe[:binaryProbe]
	}
	if bytes.IndexByte(probe, 0) >= 0 {
		return nil, []Warning{{File: path, Message: "skipped: binary file (holds NUL bytes)"}}, false
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\r') >= 0 {
		data = normalizeNewlines(data)
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte{'\n'})
		ws = append(ws, Warning{File: path, Line: line, Message: "not valid UTF-8: bytes that are not UTF-8 were left out, as lizard does"})
		data = dropInvalid(data)
	}
	return data, ws, true
}

func normalizeNewlines(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\r' {
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, c)
	}
	return out
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func dropInvalid(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			i++
			continue
		}
		out = append(out, b[i:i+size]...)
		i += size
	}
	return out
}
