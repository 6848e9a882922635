package waiver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// defaultHeader starts a registry the commands create.
const defaultHeader = `# Central register of static-analysis waivers (assure; see docs/waivers.md).
# Ids are issued by "assure waiver add" and never reused: next_id only grows.`

// Marshal writes the registry in its canonical form: the header comment, the
// fields in a fixed order, values quoted when YAML could read them as
// something other than text. The same registry gives the same bytes.
func Marshal(reg *Registry) []byte {
	var b bytes.Buffer
	h := reg.Header
	if h == "" {
		h = defaultHeader
	}
	b.WriteString(h)
	b.WriteString("\n")
	fmt.Fprintf(&b, "version: %d\n", Version)
	fmt.Fprintf(&b, "next_id: %d\n", max(reg.NextID, 1))
	if len(reg.Retired) > 0 {
		b.WriteString("retired:\n")
		for _, id := range reg.Retired {
			fmt.Fprintf(&b, "  - %s\n", scalar(id))
		}
	}
	if len(reg.Waivers) == 0 {
		b.WriteString("waivers: []\n")
		return b.Bytes()
	}
	b.WriteString("waivers:\n")
	for i := range reg.Waivers {
		writeWaiver(&b, &reg.Waivers[i])
	}
	return b.Bytes()
}

func writeWaiver(b *bytes.Buffer, w *Waiver) {
	first := true
	lead := func() string {
		if first {
			first = false
			return "  - "
		}
		return "    "
	}
	field := func(k, v string) {
		switch {
		case v == "":
		case strings.Contains(v, "\n") && blockSafe(v):
			fmt.Fprintf(b, "%s%s: |-\n", lead(), k)
			for line := range strings.SplitSeq(v, "\n") {
				if line == "" {
					b.WriteString("\n")
					continue
				}
				fmt.Fprintf(b, "      %s\n", line)
			}
		default:
			fmt.Fprintf(b, "%s%s: %s\n", lead(), k, scalar(v))
		}
	}
	field("id", w.ID)
	field("status", string(w.Status))
	field("tool", w.Tool)
	field("tool_version", w.ToolVersion)
	field("rule", w.Rule)
	field("file", w.File)
	if w.Line > 0 {
		fmt.Fprintf(b, "%sline: %d\n", lead(), w.Line)
	}
	field("fingerprint", w.Fingerprint)
	field("analysis_date", w.AnalysisDate)
	field("branch", w.Branch)
	field("revision", w.Revision)
	field("category", string(w.Category))
	field("reason", w.Reason)
	field("author", w.Author)
	if len(w.Approvers) > 0 {
		fmt.Fprintf(b, "%sapprovers:\n", lead())
		for _, a := range w.Approvers {
			fmt.Fprintf(b, "      - person: %s\n", scalar(a.Person))
			if a.Date != "" {
				fmt.Fprintf(b, "        date: %s\n", scalar(a.Date))
			}
		}
	}
	field("expires", w.Expires)
	if first {
		b.WriteString("  - {}\n")
	}
}

// plain is text YAML reads back as the same string without quotes.
var plain = regexp.MustCompile(`^[A-Za-z_/][A-Za-z0-9_./@+-]*$`)

var reserved = map[string]bool{
	"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true,
	"null": true, "y": true, "n": true, "nan": true, "inf": true,
}

func scalar(s string) string {
	if plain.MatchString(s) && !reserved[strings.ToLower(s)] {
		return s
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// blockSafe reports whether v can be written as a literal block: no
// carriage returns or tabs, no leading space on its first line, and no
// trailing newline (which |- would drop).
func blockSafe(v string) bool {
	return !strings.ContainsAny(v, "\r\t") && !strings.HasPrefix(v, " ") && !strings.HasSuffix(v, "\n") &&
		strings.IndexFunc(v, func(r rune) bool { return r < 0x20 && r != '\n' }) < 0
}

// Save writes the registry to root/reg.File atomically: a reader never sees
// half a file.
func Save(root string, reg *Registry) error {
	dst := filepath.Join(root, filepath.FromSlash(reg.File))
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".waivers-*.yaml")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(Marshal(reg)); err != nil {
		_ = tmp.Close() // the write error is the one to report; the file goes
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// assure: waive W-0050 -- a file of the repository, no secret; git checks it out 0644
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}
