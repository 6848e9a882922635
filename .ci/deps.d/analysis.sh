# Static analysis (issue #3, internal/analysis): the tests run the real
# analyzers on a small C fixture and on assure's own Go code. Debian 12
# packages; cppcheck 2.10 there has no SARIF output, so its XML is read.
need_pkg flawfinder flawfinder
need_pkg clang clang
need_pkg clang-format clang-format
need_pkg cppcheck cppcheck
if ! command -v gosec >/dev/null 2>&1; then
	echo "== installing gosec"
	# The version goes into the binary so that SARIF names it (a plain
	# go install reports "dev").
	go install -ldflags "-X main.Version=2.30.0" github.com/securego/gosec/v2/cmd/gosec@v2.30.0
fi
