package audit

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// Origin is the first line of every checkpoint: it says what log the
// checkpoint is about (the C2SP checkpoint layout: origin, size, root hash).
const Origin = "assure audit log v1"

// Checkpoint is a signed statement of the log's size and root hash.
type Checkpoint struct {
	Tree tlog.Tree
	Note []byte // the signed note as stored
}

func formatTree(t tlog.Tree) string {
	return fmt.Sprintf("%s\n%d\n%s\n", Origin, t.N, base64.StdEncoding.EncodeToString(t.Hash[:]))
}

func parseTree(text string) (tlog.Tree, error) {
	lines := strings.Split(text, "\n")
	if len(lines) != 4 || lines[0] != Origin || lines[3] != "" {
		return tlog.Tree{}, fmt.Errorf("not an %q checkpoint", Origin)
	}
	n, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || n < 0 || lines[1] != strconv.FormatInt(n, 10) {
		return tlog.Tree{}, fmt.Errorf("bad tree size %q", lines[1])
	}
	h, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(h) != tlog.HashSize {
		return tlog.Tree{}, fmt.Errorf("bad root hash %q", lines[2])
	}
	var t tlog.Tree
	t.N = n
	copy(t.Hash[:], h)
	return t, nil
}

// Sign makes the checkpoint for tree t.
func Sign(t tlog.Tree, s note.Signer) ([]byte, error) {
	return note.Sign(&note.Note{Text: formatTree(t)}, s)
}

// OpenCheckpoint checks a signed checkpoint with v and returns its tree.
func OpenCheckpoint(msg []byte, v note.Verifier) (tlog.Tree, error) {
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		return tlog.Tree{}, fmt.Errorf("signature does not verify with key %s: %v", v.Name(), err)
	}
	return parseTree(n.Text)
}
