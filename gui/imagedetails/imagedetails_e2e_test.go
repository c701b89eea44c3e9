//go:build e2e

package imagedetails

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/docker"
	"berth/gui/kit/kittest"
	"berth/internal/testbed"
)

// TestRealDetailsTagPushSearch opens the window on an image of this test's
// own, reads its history and config from the engine, tags it for the local
// registry through the Tag dialog, pushes it through the Push dialog with
// per-layer progress, and finds it with the registry search.
func TestRealDetailsTagPushSearch(t *testing.T) {
	testbed.Client(t)
	eng := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { eng.Close() })
	src := testbed.ImageRef(t, "details")
	id := testbed.LabelledImage(t, src, map[string]string{"berth.test.details": "1"})
	target := testbed.ImageRef(t, "details-pushed")

	a := test.NewTempApp(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	h := &testHost{ctx: ctx, app: a, st: &state{snap: engine.Snapshot{Reachable: true, Seq: 1}}}
	w := Open(h, eng.ImageDetails, src)
	defer w.Close()
	h.Until(t, "the details", func() bool { return w.loaded || w.Message() != "" })
	if w.cfg.ID != id || !slices.Equal(w.cfg.Entrypoint, []string{"/web"}) || !slices.Equal(w.cfg.ExposedPorts, []string{"80/tcp"}) {
		t.Fatalf("config = %+v (%s)", w.cfg, w.Message())
	}
	var steps []string
	for _, l := range w.history {
		steps = append(steps, l.CreatedBy)
	}
	if !strings.Contains(strings.Join(steps, "\n"), "ENTRYPOINT") {
		t.Fatalf("history = %q", steps)
	}

	test.Tap(w.tagButton)
	entry := findEntry(t, w.dialog)
	entry.SetText(target)
	test.Tap(w.dialog.button("Tag"))
	h.Until(t, "the tag", func() bool { return strings.HasPrefix(w.Message(), "Tagged") })
	h.Until(t, "the new tag in the config", func() bool { return slices.Contains(w.cfg.RepoTags, target) })

	test.Tap(w.pushButton)
	box := w.dialog
	sel := findSelect(t, box)
	sel.SetSelected(target)
	test.Tap(box.button("Push"))
	h.Until(t, "the push", func() bool {
		return strings.HasPrefix(w.Message(), "Pushed") || w.pushing.title.Text == "Could not push "+target
	})
	if w.pushing.title.Text != "Pushed "+target || !strings.Contains(w.pushing.status.Text, "digest: sha256:") || len(w.pushing.layers) == 0 {
		t.Fatalf("push view %q / %q / %q", w.pushing.title.Text, w.pushing.status.Text, w.pushing.lines())
	}
	t.Logf("push: %q, %q", w.pushing.lines(), w.pushing.status.Text)

	test.Tap(w.searchButton)
	name := strings.TrimSuffix(strings.TrimPrefix(target, testbed.Registry+"/"), ":1")
	w.search.query.SetText(name)
	w.search.run()
	h.Until(t, "the search", func() bool {
		return len(w.search.refs()) > 0 || strings.Contains(w.search.status.Text, "0 repositories")
	})
	if got := w.search.refs(); !slices.Equal(got, []string{target}) {
		t.Fatalf("search %q = %q (%s)", name, got, w.search.status.Text)
	}
	// Pull… on the result opens the pull dialog for it.
	for _, o := range kittest.Walk(w.dialog.body) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Pull…" && b.Visible() {
			test.Tap(b)
			break
		}
	}
	if !slices.Equal(h.pulls, []string{target}) {
		t.Fatalf("pull dialog opened for %q", h.pulls)
	}
}
