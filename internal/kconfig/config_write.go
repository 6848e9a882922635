package kconfig

import (
	"io"
	"strings"
)

// WriteConfig writes the configuration in .config format, byte for byte
// what Kconfiglib's write_config writes: symbols in menu order (each once,
// at its first definition), "# CONFIG_X is not set" for n, a comment block
// for every visible menu and comment, "# end of MENU" after visible menus.
// Options.Header (KCONFIG_CONFIG_HEADER) comes first.
func (k *Kconfig) WriteConfig(w io.Writer) error {
	_, err := io.WriteString(w, k.ConfigText())
	return err
}

// ConfigText is what WriteConfig writes.
func (k *Kconfig) ConfigText() string {
	var b strings.Builder
	b.WriteString(k.opts.Header)
	visited := make(map[*Symbol]bool, len(k.defined))
	afterEnd := false
	node := k.Top
	for {
		switch {
		case node.List != nil:
			node = node.List
		case node.Next != nil:
			node = node.Next
		default:
			for {
				node = node.Parent
				if node == nil {
					return b.String()
				}
				if node.Kind == KindMenu && node != k.Top && node.Dep.Eval() != N && node.Visibility.Eval() != N {
					b.WriteString("# end of " + node.Prompt + "\n")
					afterEnd = true
				}
				if node.Next != nil {
					node = node.Next
					break
				}
			}
		}
		switch node.Kind {
		case KindSymbol:
			if visited[node.Symbol] {
				continue
			}
			visited[node.Symbol] = true
			line := node.Symbol.ConfigString()
			if line == "" {
				continue
			}
			if afterEnd {
				afterEnd = false
				b.WriteString("\n")
			}
			b.WriteString(line)
		case KindMenu, KindComment:
			if node.Dep.Eval() != N && (node.Kind == KindComment || node.Visibility.Eval() != N) {
				b.WriteString("\n#\n# " + node.Prompt + "\n#\n")
				afterEnd = false
			}
		}
	}
}
