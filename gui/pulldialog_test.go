package gui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/internal/fakeengine"
)

// openPullForTest builds a pull dialog in a test window and counts its finished pulls.
func openPullForTest(t *testing.T, u *UI, ref string) (*pullDialog, *int) {
	t.Helper()
	d := u.newPullDialog(ref)
	finished := new(int)
	d.onAsync = func(string) { *finished++ }
	w := test.NewWindow(d.content)
	w.Resize(fyne.NewSize(720, 520))
	t.Cleanup(func() {
		d.close()
		w.Close()
	})
	return d, finished
}

// fakePullSteps is a pull as the engine reports it: three layers, one already
// present, then the tutorial's closing lines.
func fakePullSteps(ref string, n int) []engine.PullProgress {
	var steps []engine.PullProgress
	for i := 1; i <= n; i++ {
		cur := int64(i) * (4 << 20) / int64(n)
		steps = append(steps, engine.PullProgress{Ref: ref, Status: "Pulling from library/nginx", Fraction: 0.5 * float64(i) / float64(n),
			Layers: []engine.Layer{
				{ID: "5e6ec7f28fb7", Status: engine.LayerDownloading, Current: cur, Total: 4 << 20},
				{ID: "ab1c2d3e4f50", Status: engine.LayerWaiting},
				{ID: "8b2e0a3f7c11", Status: engine.LayerExists},
			}})
	}
	done := []engine.Layer{
		{ID: "5e6ec7f28fb7", Status: engine.LayerComplete},
		{ID: "ab1c2d3e4f50", Status: engine.LayerComplete},
		{ID: "8b2e0a3f7c11", Status: engine.LayerExists},
	}
	steps = append(steps,
		engine.PullProgress{Ref: ref, Layers: done, Fraction: 1, Status: "Digest: sha256:b73f527d86e3461fd652f62cf47e7b375196063bbbd503e853af5be16597cb2e"},
		engine.PullProgress{Ref: ref, Layers: done, Fraction: 1, Status: "Status: Downloaded newer image for " + ref, Done: true})
	return steps
}

func TestPullDialogCoalescesProgress(t *testing.T) {
	fake := fakeengine.New(nil, nil)
	posted := make(chan struct{})
	release := make(chan struct{})
	const ref = "nginx:latest"
	fake.PullFunc = func(ctx context.Context, r string, progress func(engine.PullProgress)) error {
		for _, p := range fakePullSteps(r, 300) {
			progress(p)
		}
		close(posted)
		<-release
		return nil
	}
	u, loop := runTestUI(t, fake, &runStaticStore{})
	d, finished := openPullForTest(t, u, ref)
	test.Tap(d.pullButton)
	if d.closeButton.Text != "Cancel" || !d.pullButton.Disabled() {
		t.Errorf("while pulling: close button %q, pull disabled %v", d.closeButton.Text, d.pullButton.Disabled())
	}
	<-posted
	// 302 snapshots arrived while the UI goroutine was busy: one update shows the latest.
	loop.drain()
	if d.progress.applied != 1 {
		t.Errorf("%d UI updates for 302 progress callbacks, want 1", d.progress.applied)
	}
	close(release)
	loop.until(t, "the pull to finish", func() bool { return *finished > 0 })

	var lines []string
	for _, l := range d.progress.layers {
		lines = append(lines, layerLine(l))
	}
	want := []string{"5e6ec7f28fb7: Pull complete", "ab1c2d3e4f50: Pull complete", "8b2e0a3f7c11: Already exists"}
	if fmt.Sprint(lines) != fmt.Sprint(want) {
		t.Errorf("layers = %q, want %q", lines, want)
	}
	if d.progress.list.Length() != 3 {
		t.Errorf("list length = %d", d.progress.list.Length())
	}
	if d.progress.overall.Value != 1 {
		t.Errorf("overall = %v, want 1", d.progress.overall.Value)
	}
	status := d.progress.statusText()
	for _, s := range []string{"Digest: sha256:b73f527d86e3", "Status: Downloaded newer image for nginx:latest"} {
		if !strings.Contains(status, s) {
			t.Errorf("status lines %q lack %q", status, s)
		}
	}
	if msg := runMsgText(d.resultLabel); !strings.HasPrefix(msg, "Pulled nginx:latest.") {
		t.Errorf("result = %q", msg)
	}
	if d.closeButton.Text != "Close" || d.pullButton.Disabled() {
		t.Errorf("after the pull: close button %q, pull disabled %v", d.closeButton.Text, d.pullButton.Disabled())
	}
}

func TestPullDialogLayerRowsMidPull(t *testing.T) {
	fake := fakeengine.New(nil, nil)
	release := make(chan struct{})
	fake.PullFunc = func(ctx context.Context, r string, progress func(engine.PullProgress)) error {
		progress(fakePullSteps(r, 4)[1])
		<-release
		return nil
	}
	u, loop := runTestUI(t, fake, &runStaticStore{})
	d, finished := openPullForTest(t, u, "nginx")
	test.Tap(d.pullButton)
	loop.until(t, "progress", func() bool { return d.progress.applied > 0 })
	// A row as the list draws it: the layer's line and its bar.
	row := d.progress.createLayerRow()
	d.progress.updateLayerRow(0, row)
	label, bar := layerRowParts(row)
	if label.Text != "5e6ec7f28fb7: Downloading 2.1MB/4.19MB" {
		t.Errorf("first layer row = %q", label.Text)
	}
	if bar.Value < 0.34 || bar.Value > 0.36 {
		t.Errorf("first layer bar = %v, want 0.35", bar.Value)
	}
	if got := layerLine(d.progress.layers[1]); got != "ab1c2d3e4f50: Waiting" {
		t.Errorf("second layer = %q", got)
	}
	if d.progress.overall.Value != 0.25 {
		t.Errorf("overall = %v", d.progress.overall.Value)
	}
	close(release)
	loop.until(t, "the pull to finish", func() bool { return *finished > 0 })
}

func TestPullDialogCancel(t *testing.T) {
	fake := fakeengine.New(nil, nil)
	fake.PullFunc = func(ctx context.Context, r string, progress func(engine.PullProgress)) error {
		progress(fakePullSteps(r, 4)[0])
		<-ctx.Done()
		return &engine.Error{Kind: engine.ErrCanceled, Object: r, Msg: "The pull of " + r + " was canceled", Err: ctx.Err()}
	}
	u, loop := runTestUI(t, fake, &runStaticStore{})
	d, finished := openPullForTest(t, u, "nginx")
	test.Tap(d.pullButton)
	loop.until(t, "progress", func() bool { return d.progress.applied > 0 })
	if d.closeButton.Text != "Cancel" {
		t.Fatalf("close button = %q while pulling", d.closeButton.Text)
	}
	test.Tap(d.closeButton)
	loop.until(t, "the pull to end", func() bool { return *finished > 0 })
	if d.closed {
		t.Fatal("Cancel closed the dialog; it should stop the pull and say so")
	}
	if msg := runMsgText(d.errorLabel); msg != "The pull of nginx was canceled." {
		t.Errorf("message = %q", msg)
	}
	if d.closeButton.Text != "Close" || d.closeButton.Disabled() {
		t.Errorf("close button = %q (disabled %v)", d.closeButton.Text, d.closeButton.Disabled())
	}
	test.Tap(d.closeButton)
	if !d.closed {
		t.Error("Close did not close the dialog")
	}
}

func TestPullDialogErrors(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"not in registry", &engine.Error{Kind: engine.ErrImageNotInRegistry, Msg: "The registry has no image nope:1. Check the name and the tag."},
			"The registry has no image nope:1. Check the name and the tag."},
		{"unreachable", &engine.Error{Kind: engine.ErrUnreachable, Msg: "The Docker engine at unix:///fake.sock is not reachable. Start Docker, or check DOCKER_HOST."},
			"The Docker engine at unix:///fake.sock is not reachable. Start Docker, or check DOCKER_HOST."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := fakeengine.New(nil, nil)
			fake.PullFunc = func(ctx context.Context, r string, progress func(engine.PullProgress)) error { return tt.err }
			u, loop := runTestUI(t, fake, &runStaticStore{})
			d, finished := openPullForTest(t, u, "nope:1")
			test.Tap(d.pullButton)
			loop.until(t, "the pull to end", func() bool { return *finished > 0 })
			if msg := runMsgText(d.errorLabel); msg != tt.want {
				t.Errorf("message = %q, want %q", msg, tt.want)
			}
			if d.pullButton.Disabled() || d.refEntry.Disabled() {
				t.Error("the user cannot try again")
			}
		})
	}
}

func TestPullDialogValidation(t *testing.T) {
	fake := fakeengine.New(nil, nil)
	u, _ := runTestUI(t, fake, &runStaticStore{})
	d, _ := openPullForTest(t, u, "")
	if !d.pullButton.Disabled() {
		t.Error("Pull is enabled with no image")
	}
	for _, tt := range []struct{ ref, want string }{
		{"Nginx", "Image names must be lowercase"},
		{"nginx::1", "This is not a valid image name"},
		{"nginx", ""},
	} {
		runType(d.refEntry, tt.ref)
		if got := runMsgText(d.refMsg); got != tt.want {
			t.Errorf("%q: message = %q, want %q", tt.ref, got, tt.want)
		}
		if d.pullButton.Disabled() != (tt.want != "") {
			t.Errorf("%q: pull disabled = %v", tt.ref, d.pullButton.Disabled())
		}
	}
	test.Tap(d.closeButton)
	if !d.closed {
		t.Error("Close did not close the dialog")
	}
	for _, c := range fake.Calls() {
		if strings.HasPrefix(c, "Pull") {
			t.Errorf("unexpected engine call %q", c)
		}
	}
}

func TestPullProgressLayerText(t *testing.T) {
	tests := []struct {
		l    engine.Layer
		want string
		frac float64
	}{
		{engine.Layer{ID: "5e6ec7f28fb7", Status: engine.LayerWaiting}, "5e6ec7f28fb7: Waiting", 0},
		{engine.Layer{ID: "5e6ec7f28fb7", Status: engine.LayerDownloading, Current: 1200000, Total: 4000000}, "5e6ec7f28fb7: Downloading 1.2MB/4MB", 0.21},
		{engine.Layer{ID: "5e6ec7f28fb7", Status: engine.LayerDownloading}, "5e6ec7f28fb7: Downloading", 0},
		{engine.Layer{ID: "5e6ec7f28fb7", Status: engine.LayerVerifying}, "5e6ec7f28fb7: Verifying Checksum", 0.7},
		{engine.Layer{ID: "5e6ec7f28fb7", Status: engine.LayerDownloaded}, "5e6ec7f28fb7: Download complete", 0.7},
		{engine.Layer{ID: "5e6ec7f28fb7", Status: engine.LayerExtracting, Current: 2000000, Total: 4000000}, "5e6ec7f28fb7: Extracting 2MB/4MB", 0.85},
		{engine.Layer{ID: "5e6ec7f28fb7", Status: engine.LayerComplete}, "5e6ec7f28fb7: Pull complete", 1},
		{engine.Layer{ID: "sha256:5e6ec7f28fb7aaaa", Status: engine.LayerExists}, "5e6ec7f28fb7: Already exists", 1},
	}
	for _, tt := range tests {
		if got := layerLine(tt.l); got != tt.want {
			t.Errorf("layerLine(%+v) = %q, want %q", tt.l, got, tt.want)
		}
		if got := layerFraction(tt.l); got < tt.frac-1e-9 || got > tt.frac+1e-9 {
			t.Errorf("layerFraction(%+v) = %v, want %v", tt.l, got, tt.frac)
		}
	}
}

// BenchmarkPullProgressPost measures what a progress callback costs the
// engine's goroutine while the UI is busy (the common case: coalesced).
func BenchmarkPullProgressPost(b *testing.B) {
	test.NewTempApp(b)
	v := newPullProgressView(func(func()) {}, 100)
	p := fakePullSteps("nginx", 2)[0]
	b.ReportAllocs()
	for b.Loop() {
		v.post(p)
	}
}
