package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// The progress bar draws on a terminal only; what it draws is tested here,
// since testscript stories run without one.
func TestProgressBar(t *testing.T) {
	var buf bytes.Buffer
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	update, stop := progressBar(&buf, func() time.Time { return clock })
	update(1, 4) // first call draws
	clock = clock.Add(10 * time.Millisecond)
	update(2, 4) // within 50 ms of the last: skipped
	clock = clock.Add(10 * time.Millisecond)
	update(4, 4) // the last always draws
	stop()
	got := buf.String()
	want := "\r[#######                       ] 1/4 files" +
		"\r[##############################] 4/4 files" +
		"\r" + strings.Repeat(" ", 60) + "\r"
	if got != want {
		t.Errorf("progress output %q, want %q", got, want)
	}
	var quiet bytes.Buffer
	_, stop = progressBar(&quiet, time.Now)
	stop()
	if quiet.Len() != 0 {
		t.Errorf("a bar that never drew erased something: %q", quiet.String())
	}
}
