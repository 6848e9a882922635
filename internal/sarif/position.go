package sarif

import (
	"io"
	"unicode/utf8"
)

// lineCol finds the 1-based line and column (in characters, as an editor
// counts them) of byte offset off without holding the file in memory: it
// reads r from the start in chunks. It agrees with jsonpos.LineCol, which
// needs the whole document, including on invalid UTF-8, where each bad byte
// counts as one character.
func lineCol(r io.ReaderAt, off int64) (line, col int) {
	off = max(off, 0)
	line, col = 1, 1
	buf := make([]byte, 64*1024)
	var carry []byte // the start of a character cut by the chunk boundary
	var pos int64
	for pos < off {
		n, err := r.ReadAt(buf[:min(int64(len(buf)), off-pos)], pos)
		chunk := append(carry, buf[:n]...)
		carry = nil
		pos += int64(n)
		for i := 0; i < len(chunk); {
			b := chunk[i]
			if b == '\n' {
				line, col = line+1, 1
				i++
				continue
			}
			if b < utf8.RuneSelf {
				col++
				i++
				continue
			}
			if !utf8.FullRune(chunk[i:]) && pos < off {
				carry = append([]byte(nil), chunk[i:]...)
				break
			}
			_, size := utf8.DecodeRune(chunk[i:])
			col++
			i += size
		}
		if err != nil || n == 0 {
			break
		}
	}
	return line, col
}
