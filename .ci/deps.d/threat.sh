# Countermeasure tests (issue #6, internal/testresult): the JUnit reader is
# tested on what the real tools write. pytest (Debian's python3-pytest: PyPI
# is not needed) and ctest (cmake) run small suites in the tests; twister and
# surefire output are fixtures in their documented shapes. rsvg-convert is
# not needed: assure lays out its SVG diagrams itself.
need_pkg pytest-3 python3-pytest
need_pkg ctest cmake
