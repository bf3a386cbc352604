package parser_test

import "testing"

// skipWhenShort skips a test that takes seconds: CI's second run, under the
// race detector, goes with -short, and the first runs everything.
func skipWhenShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("seconds of work that the run without -short does")
	}
}
