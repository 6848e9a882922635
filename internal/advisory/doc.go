// Package advisory turns vulnerability reports into what the world reads:
// OSV JSON (one record per report, valid against the official OSV schema),
// CSAF 2.0 security advisories (valid against the official CSAF 2.0 schema)
// and a Zephyr-style vulnerabilities page in Markdown. Every export is a pure
// function of the report and the configuration: same input, same bytes
// (sorted lists, ids derived from the report, times from the report, never
// the clock). The schemas are embedded (see schema/NOTICE.md for their
// licences) and Validate* check bytes against them offline.
//
// Who may export what is vuln.Can(actor, vuln.ActionExport, report); the
// vulnerabilities page takes only public reports whatever it is given.
package advisory
