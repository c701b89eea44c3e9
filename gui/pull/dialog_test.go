package pull

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit/kittest"
)

// testHost is the shell as the pull dialog sees it; its UI work runs on
// the test's queue.
type testHost struct {
	kittest.Queue
	win   fyne.Window
	ctx   context.Context
	shown int
}

func newTestHost(t *testing.T) *testHost {
	t.Helper()
	a := test.NewTempApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	h := &testHost{win: a.NewWindow("Berth"), ctx: ctx}
	h.Timeout = time.Minute
	h.win.Resize(fyne.NewSize(1000, 800))
	t.Cleanup(func() {
		cancel()
		h.win.Close()
	})
	return h
}

func (h *testHost) Window() fyne.Window      { return h.win }
func (h *testHost) Context() context.Context { return h.ctx }
func (h *testHost) ShowMain()                { h.shown++ }

// openForTest opens a pull dialog and counts its finished pulls.
func openForTest(t *testing.T, h *testHost, api engine.ImageAPI, ref string) (*Dialog, *int) {
	t.Helper()
	d := Open(h, api, ref)
	finished := new(int)
	d.onAsync = func(string) { *finished++ }
	t.Cleanup(d.Close)
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

func TestPullDialogOpens(t *testing.T) {
	h := newTestHost(t)
	d, _ := openForTest(t, h, enginetest.New(nil, nil), "nginx")
	if h.shown != 1 {
		t.Errorf("ShowMain called %d times, want 1", h.shown)
	}
	if h.win.Canvas().Overlays().Top() == nil {
		t.Error("the dialog is not shown")
	}
	if h.win.Canvas().Focused() != d.Entry {
		t.Error("the image entry does not have the focus")
	}
	if d.Entry.Text != "nginx" || d.PullButton.Disabled() {
		t.Errorf("entry %q, pull disabled %v", d.Entry.Text, d.PullButton.Disabled())
	}
}

func TestPullDialogCoalescesProgress(t *testing.T) {
	fake := enginetest.New(nil, nil)
	posted := make(chan struct{})
	release := make(chan struct{})
	const ref = "nginx:latest"
	fake.ImagePullFunc = func(ctx context.Context, r string, progress func(engine.PullProgress)) error {
		for _, p := range fakePullSteps(r, 300) {
			progress(p)
		}
		close(posted)
		<-release
		return nil
	}
	h := newTestHost(t)
	d, finished := openForTest(t, h, fake, ref)
	test.Tap(d.PullButton)
	if d.CloseButton.Text != "Cancel" || !d.PullButton.Disabled() {
		t.Errorf("while pulling: close button %q, pull disabled %v", d.CloseButton.Text, d.PullButton.Disabled())
	}
	<-posted
	// 302 snapshots arrived while the UI goroutine was busy: one update shows the latest.
	h.Drain()
	if d.Progress.applied != 1 {
		t.Errorf("%d UI updates for 302 progress callbacks, want 1", d.Progress.applied)
	}
	close(release)
	h.Until(t, "the pull to finish", func() bool { return *finished > 0 })

	var lines []string
	for _, l := range d.Progress.layers {
		lines = append(lines, layerLine(l))
	}
	want := []string{"5e6ec7f28fb7: Pull complete", "ab1c2d3e4f50: Pull complete", "8b2e0a3f7c11: Already exists"}
	if fmt.Sprint(lines) != fmt.Sprint(want) {
		t.Errorf("layers = %q, want %q", lines, want)
	}
	if d.Progress.list.Length() != 3 {
		t.Errorf("list length = %d", d.Progress.list.Length())
	}
	if d.Progress.overall.Value != 1 {
		t.Errorf("overall = %v, want 1", d.Progress.overall.Value)
	}
	status := d.Progress.StatusText()
	for _, s := range []string{"Pulling from library/nginx", "Digest: sha256:b73f527d86e3", "Status: Downloaded newer image for nginx:latest"} {
		if !strings.Contains(status, s) {
			t.Errorf("status lines %q lack %q", status, s)
		}
	}
	if msg := d.Result(); !strings.HasPrefix(msg, "Pulled nginx:latest.") {
		t.Errorf("result = %q", msg)
	}
	if d.CloseButton.Text != "Close" || d.PullButton.Disabled() {
		t.Errorf("after the pull: close button %q, pull disabled %v", d.CloseButton.Text, d.PullButton.Disabled())
	}
}

func TestPullDialogLayerRowsMidPull(t *testing.T) {
	fake := enginetest.New(nil, nil)
	release := make(chan struct{})
	fake.ImagePullFunc = func(ctx context.Context, r string, progress func(engine.PullProgress)) error {
		progress(fakePullSteps(r, 4)[1])
		<-release
		return nil
	}
	h := newTestHost(t)
	d, finished := openForTest(t, h, fake, "nginx")
	test.Tap(d.PullButton)
	h.Until(t, "progress", func() bool { return d.Progress.applied > 0 })
	// A row as the list draws it: the layer's line and its bar.
	row := d.Progress.createLayerRow()
	d.Progress.updateLayerRow(0, row)
	label, bar := layerRowParts(row)
	if label.Text != "5e6ec7f28fb7: Downloading 2.1MB/4.19MB" {
		t.Errorf("first layer row = %q", label.Text)
	}
	if bar.Value < 0.34 || bar.Value > 0.36 {
		t.Errorf("first layer bar = %v, want 0.35", bar.Value)
	}
	if got := layerLine(d.Progress.layers[1]); got != "ab1c2d3e4f50: Waiting" {
		t.Errorf("second layer = %q", got)
	}
	if d.Progress.overall.Value != 0.25 {
		t.Errorf("overall = %v", d.Progress.overall.Value)
	}
	close(release)
	h.Until(t, "the pull to finish", func() bool { return *finished > 0 })
}

func TestPullDialogCancel(t *testing.T) {
	fake := enginetest.New(nil, nil)
	fake.ImagePullFunc = func(ctx context.Context, r string, progress func(engine.PullProgress)) error {
		progress(fakePullSteps(r, 4)[0])
		<-ctx.Done()
		return &engine.Error{Kind: engine.ErrCanceled, Ref: r, Err: ctx.Err()}
	}
	h := newTestHost(t)
	d, finished := openForTest(t, h, fake, "nginx")
	test.Tap(d.PullButton)
	h.Until(t, "progress", func() bool { return d.Progress.applied > 0 })
	if d.CloseButton.Text != "Cancel" {
		t.Fatalf("close button = %q while pulling", d.CloseButton.Text)
	}
	test.Tap(d.CloseButton)
	if d.CloseButton.Text != "Canceling…" || !d.CloseButton.Disabled() {
		t.Errorf("close button = %q (disabled %v) while canceling", d.CloseButton.Text, d.CloseButton.Disabled())
	}
	h.Until(t, "the pull to end", func() bool { return *finished > 0 })
	if d.Closed() {
		t.Fatal("Cancel closed the dialog; it should stop the pull and say so")
	}
	if msg := d.Result(); msg != "The pull of nginx was canceled." {
		t.Errorf("message = %q", msg)
	}
	if got := d.Progress.Title(); got != "The pull of nginx was canceled" {
		t.Errorf("heading = %q", got)
	}
	if d.CloseButton.Text != "Close" || d.CloseButton.Disabled() {
		t.Errorf("close button = %q (disabled %v)", d.CloseButton.Text, d.CloseButton.Disabled())
	}
	test.Tap(d.CloseButton)
	if !d.Closed() {
		t.Error("Close did not close the dialog")
	}
	if h.win.Canvas().Overlays().Top() != nil {
		t.Error("the dialog is still shown")
	}
}

func TestPullDialogErrors(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"not in registry", &engine.Error{Kind: engine.ErrImageNotInRegistry, Ref: "nope:1"},
			"The registry has no image nope:1. Check the name and the tag."},
		{"unreachable", &engine.Error{Kind: engine.ErrUnreachable, Ref: "unix:///fake.sock"},
			"The Docker engine at unix:///fake.sock does not answer. Start Docker, or choose another engine."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := enginetest.New(nil, nil)
			fake.ImagePullFunc = func(ctx context.Context, r string, progress func(engine.PullProgress)) error { return tt.err }
			h := newTestHost(t)
			d, finished := openForTest(t, h, fake, "nope:1")
			test.Tap(d.PullButton)
			h.Until(t, "the pull to end", func() bool { return *finished > 0 })
			if msg := d.Result(); msg != tt.want {
				t.Errorf("message = %q, want %q", msg, tt.want)
			}
			if d.PullButton.Disabled() || d.Entry.Disabled() {
				t.Error("the user cannot try again")
			}
		})
	}
}

func TestPullDialogValidation(t *testing.T) {
	fake := enginetest.New(nil, nil)
	h := newTestHost(t)
	d, _ := openForTest(t, h, fake, "")
	if !d.PullButton.Disabled() {
		t.Error("Pull is enabled with no image")
	}
	if got := d.Message(); got != "Type the name of an image, for example nginx or nginx:latest." {
		t.Errorf("empty: message = %q", got)
	}
	for _, tt := range []struct{ ref, want string }{
		{"Nginx", "Image names must be lowercase."},
		{"nginx::1", "This is not a valid image name."},
		{"nginx", ""},
	} {
		d.Entry.SetText("")
		test.Type(d.Entry, tt.ref)
		if got := d.Message(); got != tt.want {
			t.Errorf("%q: message = %q, want %q", tt.ref, got, tt.want)
		}
		if d.PullButton.Disabled() != (tt.want != "") {
			t.Errorf("%q: pull disabled = %v", tt.ref, d.PullButton.Disabled())
		}
	}
	test.Tap(d.CloseButton)
	if !d.Closed() {
		t.Error("Close did not close the dialog")
	}
	for _, c := range fake.Calls() {
		if strings.HasPrefix(c, "Pull") {
			t.Errorf("unexpected engine call %q", c)
		}
	}
}

func TestPullDialogClosingStopsThePull(t *testing.T) {
	fake := enginetest.New(nil, nil)
	stopped := make(chan struct{})
	fake.ImagePullFunc = func(ctx context.Context, r string, progress func(engine.PullProgress)) error {
		<-ctx.Done()
		close(stopped)
		return &engine.Error{Kind: engine.ErrCanceled, Ref: r, Err: ctx.Err()}
	}
	h := newTestHost(t)
	d, _ := openForTest(t, h, fake, "nginx")
	test.Tap(d.PullButton)
	d.Close()
	<-stopped
	h.Drain()
	if !d.Closed() || d.Result() != "" {
		t.Errorf("closed %v, result %q after closing mid-pull", d.Closed(), d.Result())
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
		if got := tt.l.Fraction(); got < tt.frac-1e-9 || got > tt.frac+1e-9 {
			t.Errorf("Fraction(%+v) = %v, want %v", tt.l, got, tt.frac)
		}
	}
}

// A Reset drops what an older pull posted and had not been shown yet, and
// the overall lines start afresh.
func TestPullProgressResetDropsOlderPosts(t *testing.T) {
	test.NewTempApp(t)
	var q []func()
	v := NewProgress(func(f func()) { q = append(q, f) }, 100)
	run := func() {
		for len(q) > 0 {
			f := q[0]
			q = q[1:]
			f()
		}
	}
	v.Reset("nginx")
	v.Post(engine.PullProgress{Ref: "nginx", Status: "Pulling from library/nginx"})
	run()
	v.Post(engine.PullProgress{Ref: "nginx", Status: "old pull"})
	v.Reset("redis")
	run()
	if v.applied != 1 || v.StatusText() != "Waiting for the registry…" {
		t.Errorf("after Reset: %d updates, status %q", v.applied, v.StatusText())
	}
	v.Post(engine.PullProgress{Ref: "redis", Status: "Pulling from library/redis"})
	v.Post(engine.PullProgress{Ref: "redis", Status: "Pulling from library/redis", Layers: []engine.Layer{{ID: "a"}}})
	for i := range 5 {
		v.Post(engine.PullProgress{Ref: "redis", Status: fmt.Sprint("line ", i)})
	}
	run()
	if got, want := v.StatusText(), "line 1\nline 2\nline 3\nline 4"; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	if v.title.Text != "Pulling redis" || !v.Content().Visible() {
		t.Errorf("title %q, shown %v", v.title.Text, v.Content().Visible())
	}
}

// BenchmarkPullProgressPost measures what a progress callback costs the
// engine's goroutine while the UI is busy (the common case: coalesced).
func BenchmarkPullProgressPost(b *testing.B) {
	test.NewTempApp(b)
	v := NewProgress(func(func()) {}, 100)
	p := fakePullSteps("nginx", 2)[0]
	b.ReportAllocs()
	for b.Loop() {
		v.Post(p)
	}
}

func TestPullDialogEscapeClosesWhereverTheFocusIs(t *testing.T) {
	steps := fakePullSteps("nginx", 2)
	for _, focus := range []string{"nothing", "entry", "pull", "close", "layers"} {
		t.Run(focus, func(t *testing.T) {
			fake := enginetest.New(nil, nil)
			stopped := make(chan struct{})
			fake.ImagePullFunc = func(ctx context.Context, r string, progress func(engine.PullProgress)) error {
				progress(steps[0])
				<-ctx.Done()
				close(stopped)
				return &engine.Error{Kind: engine.ErrCanceled, Ref: r, Err: ctx.Err()}
			}
			h := newTestHost(t)
			d, _ := openForTest(t, h, fake, "nginx")
			test.Tap(d.PullButton)
			h.Until(t, "progress", func() bool { return d.Progress.applied > 0 })
			c := h.win.Canvas()
			switch focus {
			case "nothing":
				c.Unfocus()
			case "entry":
				d.Entry.Enable()
				c.Focus(d.Entry)
			case "pull":
				d.PullButton.Enable()
				c.Focus(d.PullButton)
			case "close":
				c.Focus(d.CloseButton)
			case "layers":
				c.Focus(d.Progress.list)
			}
			if focus != "nothing" && c.Focused() == nil {
				t.Fatalf("%s did not take the focus", focus)
			}
			kittest.PressKey(c, fyne.KeyEscape)
			if !d.Closed() || c.Overlays().Top() != nil {
				t.Fatal("Escape left the dialog open")
			}
			<-stopped
		})
	}
}

func TestPullDialogFailedPullSaysSo(t *testing.T) {
	raw := `Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host`
	fake := enginetest.New(nil, nil)
	fake.ImagePullFunc = func(ctx context.Context, r string, progress func(engine.PullProgress)) error {
		return &engine.Error{Kind: engine.ErrRegistryUnreachable, Ref: r, Err: fmt.Errorf("Error response from daemon: %s", raw)}
	}
	h := newTestHost(t)
	d, finished := openForTest(t, h, fake, "nginx")
	test.Tap(d.PullButton)
	h.Until(t, "the pull to end", func() bool { return *finished > 0 })
	if got := d.Progress.Title(); got != "Could not pull nginx" {
		t.Errorf("heading = %q", got)
	}
	if d.Progress.overall.Visible() {
		t.Error("a 0% bar still shows")
	}
	if got := d.Result(); !strings.Contains(got, "no network, or the registry is unreachable") {
		t.Errorf("message = %q", got)
	}
	if d.Details.Text() != "" {
		t.Error("the engine's words show before the click")
	}
	test.Tap(d.Details.Button)
	if d.Details.Text() != raw {
		t.Errorf("the engine's words = %q", d.Details.Text())
	}
	// The next pull starts afresh: a heading that says it pulls, no old words.
	fake.ImagePullFunc = func(ctx context.Context, r string, progress func(engine.PullProgress)) error {
		for _, p := range fakePullSteps(r, 2) {
			progress(p)
		}
		return nil
	}
	*finished = 0
	test.Tap(d.PullButton)
	if d.Progress.Title() != "Pulling nginx" || !d.Progress.overall.Visible() || d.Details.Content().Visible() {
		t.Errorf("a new pull: heading %q, bar shown %v, old words shown %v", d.Progress.Title(), d.Progress.overall.Visible(), d.Details.Content().Visible())
	}
	h.Until(t, "the pull to end", func() bool { return *finished > 0 })
	if got := d.Progress.Title(); got != "Pulled nginx" {
		t.Errorf("heading after a pull = %q", got)
	}
}
