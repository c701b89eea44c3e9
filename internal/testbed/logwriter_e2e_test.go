//go:build e2e

package testbed

import "testing"

// TestLogWriterImage builds (or finds) the log writer's image; bench/logs.sh runs it first.
func TestLogWriterImage(t *testing.T) {
	if ref := LogWriterImage(t); ref != logRef {
		t.Errorf("ref %s", ref)
	}
}
