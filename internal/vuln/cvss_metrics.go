package vuln

import (
	"fmt"
	"slices"
	"strings"
)

// cvssMetric is one metric of a CVSS version: its abbreviation, the values
// the specification allows, and whether a base vector must have it.
type cvssMetric struct {
	key    string
	values []string
	base   bool
}

func cm(key string, base bool, values ...string) cvssMetric {
	return cvssMetric{key: key, values: values, base: base}
}

// cvssMetrics lists the metrics of each version in specification order
// (the order v4.0 requires). The scoring library says only "invalid metric
// value"; these tables let the error name the metric and what it allows.
var cvssMetrics = map[string][]cvssMetric{
	"3.1": {
		cm("AV", true, "N", "A", "L", "P"), cm("AC", true, "L", "H"), cm("PR", true, "N", "L", "H"),
		cm("UI", true, "N", "R"), cm("S", true, "U", "C"),
		cm("C", true, "H", "L", "N"), cm("I", true, "H", "L", "N"), cm("A", true, "H", "L", "N"),
		cm("E", false, "X", "U", "P", "F", "H"), cm("RL", false, "X", "O", "T", "W", "U"), cm("RC", false, "X", "U", "R", "C"),
		cm("CR", false, "X", "L", "M", "H"), cm("IR", false, "X", "L", "M", "H"), cm("AR", false, "X", "L", "M", "H"),
		cm("MAV", false, "X", "N", "A", "L", "P"), cm("MAC", false, "X", "L", "H"), cm("MPR", false, "X", "N", "L", "H"),
		cm("MUI", false, "X", "N", "R"), cm("MS", false, "X", "U", "C"),
		cm("MC", false, "X", "N", "L", "H"), cm("MI", false, "X", "N", "L", "H"), cm("MA", false, "X", "N", "L", "H"),
	},
	"4.0": {
		cm("AV", true, "N", "A", "L", "P"), cm("AC", true, "L", "H"), cm("AT", true, "N", "P"),
		cm("PR", true, "N", "L", "H"), cm("UI", true, "N", "P", "A"),
		cm("VC", true, "H", "L", "N"), cm("VI", true, "H", "L", "N"), cm("VA", true, "H", "L", "N"),
		cm("SC", true, "H", "L", "N"), cm("SI", true, "H", "L", "N"), cm("SA", true, "H", "L", "N"),
		cm("E", false, "X", "A", "P", "U"),
		cm("CR", false, "X", "H", "M", "L"), cm("IR", false, "X", "H", "M", "L"), cm("AR", false, "X", "H", "M", "L"),
		cm("MAV", false, "X", "N", "A", "L", "P"), cm("MAC", false, "X", "L", "H"), cm("MAT", false, "X", "N", "P"),
		cm("MPR", false, "X", "N", "L", "H"), cm("MUI", false, "X", "N", "P", "A"),
		cm("MVC", false, "X", "H", "L", "N"), cm("MVI", false, "X", "H", "L", "N"), cm("MVA", false, "X", "H", "L", "N"),
		cm("MSC", false, "X", "H", "L", "N"), cm("MSI", false, "X", "S", "H", "L", "N"), cm("MSA", false, "X", "S", "H", "L", "N"),
		cm("S", false, "X", "N", "P"), cm("AU", false, "X", "N", "Y"), cm("R", false, "X", "A", "U", "I"),
		cm("V", false, "X", "D", "C"), cm("RE", false, "X", "L", "M", "H"), cm("U", false, "X", "Clear", "Green", "Amber", "Red"),
	},
}

// cvssProblem names the first metric of vector (of version "3.1" or "4.0",
// prefix included) that is wrong, and what it allows; "" when the tables
// find nothing wrong.
func cvssProblem(version, vector string) string {
	metrics := cvssMetrics[version]
	_, rest, _ := strings.Cut(vector, "/")
	seen := map[string]bool{}
	last := -1
	for _, part := range strings.Split(rest, "/") {
		key, val, ok := strings.Cut(part, ":")
		if !ok || key == "" {
			return fmt.Sprintf("%q is not a metric (write METRIC:VALUE, like AV:N)", clip(part))
		}
		i := slices.IndexFunc(metrics, func(x cvssMetric) bool { return x.key == key })
		if i < 0 {
			return fmt.Sprintf("metric %s is not a CVSS v%s metric", clip(key), version)
		}
		if seen[key] {
			return fmt.Sprintf("metric %s is given twice", key)
		}
		seen[key] = true
		if !slices.Contains(metrics[i].values, val) {
			return fmt.Sprintf("metric %s has value %q; it takes %s", key, clip(val), strings.Join(metrics[i].values, ", "))
		}
		if version == "4.0" && i < last {
			return fmt.Sprintf("metric %s is out of order: v4.0 vectors give it before %s", key, metrics[last].key)
		}
		last = max(last, i)
	}
	for _, x := range metrics {
		if x.base && !seen[x.key] {
			return fmt.Sprintf("base metric %s is missing", x.key)
		}
	}
	return ""
}
