package importer

import (
	"fmt"
	"sort"
	"strings"
)

// strideApplies is STRIDE per element, as assure's loader checks it.
func strideApplies(stride, kind string, logs bool) bool {
	switch kind {
	case "external-entity":
		return stride == "spoofing" || stride == "repudiation"
	case "data-store":
		return stride == "tampering" || stride == "information-disclosure" || stride == "denial-of-service" || (logs && stride == "repudiation")
	case "data-flow":
		return stride == "tampering" || stride == "information-disclosure" || stride == "denial-of-service"
	}
	return true
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case int64, uint64, float64, bool:
		return fmt.Sprint(x)
	}
	return ""
}

func strs(v any) []string {
	l, _ := v.([]any)
	var out []string
	for _, x := range l {
		if s := str(x); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func size(v any) int {
	switch x := v.(type) {
	case []any:
		return len(x)
	case map[string]any:
		return len(x)
	}
	return 0
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
