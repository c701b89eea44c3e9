//go:build e2e

package pull

// The pull dialog against the REAL engine and the test registry
// (bash scripts/testenv.sh up starts them).

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/docker"
	"berth/internal/testbed"
)

// realImages is the real engine's image API.
func realImages(t *testing.T) engine.ImageAPI {
	t.Helper()
	testbed.Client(t) // fails (never skips) with "run scripts/testenv.sh" if the test bed is down
	c := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { _ = c.Close() })
	return c.Images
}

func TestPullRealEngine(t *testing.T) {
	ref := testbed.PushCopy(t, testbed.BigImage(t), "pull")
	api := realImages(t)
	h := newTestHost(t)
	d, finished := openForTest(t, h, api, ref)
	maxLayers, sawPartial := 0, false
	d.Progress.onApply = func(p engine.PullProgress) {
		maxLayers = max(maxLayers, len(p.Layers))
		if p.Fraction > 0 && p.Fraction < 1 {
			sawPartial = true
		}
	}
	test.Tap(d.PullButton)
	h.Until(t, "the pull to finish", func() bool { return *finished > 0 })
	if d.lastErr != nil {
		t.Fatalf("pull: %v (shown: %q)", d.lastErr, d.Result())
	}
	if maxLayers < 3 {
		t.Errorf("saw %d layers, want several", maxLayers)
	}
	if !sawPartial {
		t.Error("never saw the pull part way")
	}
	status := d.Progress.StatusText()
	if !strings.Contains(status, "Digest: sha256:") || !strings.Contains(status, "Status: Downloaded newer image for "+ref) {
		t.Errorf("status lines = %q", status)
	}
	for _, l := range d.Progress.layers {
		if line := layerLine(l); !strings.HasSuffix(line, "Pull complete") && !strings.HasSuffix(line, "Already exists") {
			t.Errorf("layer after the pull: %q", line)
		}
	}
	t.Logf("layers: %d, UI updates: %d, status:\n%s", maxLayers, d.Progress.applied, status)
}

func TestPullRealNotInRegistry(t *testing.T) {
	api := realImages(t)
	h := newTestHost(t)
	const ref = "localhost:5000/berthtest/nope:1"
	d, finished := openForTest(t, h, api, ref)
	test.Tap(d.PullButton)
	h.Until(t, "the pull to fail", func() bool { return *finished > 0 })
	if msg := d.Result(); msg != "The registry has no image "+ref+". Check the name and the tag." {
		t.Errorf("message = %q", msg)
	}
}
