# Chromium for the end-to-end test of the security issue management server's
# web UI (internal/server, TestBrowserEndToEnd drives Debian's chromium
# headless through chromedp). Without it that test fails and names this
# package. PostgreSQL for the server's tests comes from postgres.sh.
need_pkg chromium chromium
