package disk

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/engine/store"
	"berth/gui/kit"
	"berth/gui/kit/kittest"
)

type testHost struct {
	kittest.Queue
	kittest.Questions
	ctx context.Context
}

func (h *testHost) Context() context.Context { return h.ctx }

type env struct {
	fake *enginetest.Engine
	h    *testHost
	v    *View
	win  fyne.Window
}

var sampleUsage = engine.DiskUsage{
	Images:     engine.DiskUsageRow{Kind: engine.DiskImages, Total: 12, Active: 4, Size: 2_400_000_000, Reclaimable: 1_630_000_000},
	Containers: engine.DiskUsageRow{Kind: engine.DiskContainers, Total: 9, Active: 3, Size: 48_300_000, Reclaimable: 12_100_000},
	Volumes:    engine.DiskUsageRow{Kind: engine.DiskVolumes, Total: 5, Active: 2, Size: 812_000_000, Reclaimable: 301_000_000},
	BuildCache: engine.DiskUsageRow{Kind: engine.DiskBuildCache, Total: 31, Active: 0, Size: 1_120_000_000, Reclaimable: 1_120_000_000},
}

var sampleItems = []engine.CleanupItem{
	{Kind: engine.CleanContainers, ID: "c1", Name: "old-web", Size: 12_000, Detail: "5e1f0c2a9b3d · nginx:1.25 · Exited (0) 3 days ago"},
	{Kind: engine.CleanContainers, ID: "c2", Name: "test-db", Size: 4_096, Detail: "8a7b6c5d4e3f · postgres:16 · Created"},
	{Kind: engine.CleanDangling, ID: "sha256:aa", Name: "3f2a1b9c8d7e", Size: 91_000_000, Detail: "dangling · created 2025-10-01"},
	{Kind: engine.CleanUnusedImages, ID: "sha256:bb", Name: "redis:6", Size: 117_000_000, Detail: "7c6d5e4f3a2b · created 2024-05-12"},
	{Kind: engine.CleanVolumes, ID: "scratch", Name: "scratch", Size: 301_000_000, Detail: "local"},
	{Kind: engine.CleanNetworks, ID: "n1", Name: "old_default", Detail: "c0ffee123456 · bridge"},
	{Kind: engine.CleanBuildCache, ID: "bc1", Name: "x1y2z3", Size: 5_000_000, Detail: "regular"},
}

func start(t testing.TB) *env {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	ctx, cancel := context.WithCancel(context.Background())
	fake := enginetest.New(nil, nil)
	fake.DiskUsageItem = sampleUsage
	fake.CleanupItems = slices.Clone(sampleItems)
	h := &testHost{ctx: ctx}
	v := New(h, fake)
	win := a.NewWindow("Berth")
	win.SetContent(v.Content())
	win.Resize(fyne.NewSize(1000, 720))
	t.Cleanup(func() {
		cancel()
		win.Close()
	})
	return &env{fake: fake, h: h, v: v, win: win}
}

func (e *env) diskCalls() int { return len(e.fake.CallsWith("DiskUsage")) }

func snap(seq uint64) engine.Snapshot { return engine.Snapshot{Reachable: true, Seq: seq} }

// The numbers are asked for only while the tab is shown: changes while it is
// hidden mark them stale; showing it asks once.
func TestLazyWhileHidden(t *testing.T) {
	e := start(t)
	e.v.Apply(snap(1), engine.Change{Full: true})
	e.v.Apply(snap(2), engine.Change{})
	e.h.Drain()
	if n := e.diskCalls(); n != 0 {
		t.Fatalf("hidden tab asked %d times", n)
	}
	e.v.Content().Show()
	e.h.Until(t, "the rows", e.v.Loaded)
	if n := e.diskCalls(); n != 1 {
		t.Fatalf("asked %d times on show", n)
	}
	want := [][]string{
		{"Images", "12", "4", "2.4GB", "1.63GB (67%)"},
		{"Containers", "9", "3", "48.3MB", "12.1MB (25%)"},
		{"Local Volumes", "5", "2", "812MB", "301MB (37%)"},
		{"Build Cache", "31", "0", "1.12GB", "1.12GB"},
	}
	if got := e.v.RowTexts(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("rows = %q", got)
	}
	// Shown: a change asks again; a burst while a call is in flight asks once more, not per change.
	e.v.Apply(snap(3), engine.Change{})
	e.v.Apply(snap(4), engine.Change{})
	e.v.Apply(snap(5), engine.Change{})
	e.h.Until(t, "the calls to end", func() bool { return !e.v.Loading() })
	if n := e.diskCalls(); n != 3 {
		t.Fatalf("asked %d times after a burst, want 3", n)
	}
	// Hidden again: nothing.
	e.v.Content().Hide()
	e.v.Apply(snap(6), engine.Change{})
	e.h.Drain()
	if n := e.diskCalls(); n != 3 {
		t.Fatalf("hidden tab asked again (%d)", n)
	}
	// Offline: no calls, and the cleanup is off.
	e.v.Content().Show()
	e.h.Until(t, "the calls to end", func() bool { return !e.v.Loading() })
	n := e.diskCalls()
	e.v.Apply(engine.Snapshot{Seq: 7, Err: &engine.Error{Kind: engine.ErrUnreachable}}, engine.Change{Reachability: true})
	e.h.Drain()
	if e.diskCalls() != n || !e.v.preview.Disabled() {
		t.Fatal("offline: asked the engine, or the cleanup stays on")
	}
}

// The preview lists exactly what the fake would remove, volumes off by
// default; confirming removes exactly those items and says what came back.
func TestCleanupPreviewThenRemove(t *testing.T) {
	e := start(t)
	e.v.Content().Show()
	e.h.Until(t, "the rows", e.v.Loaded)
	test.Tap(e.v.preview)
	e.h.Until(t, "the preview", func() bool { return len(e.h.All()) > 0 })
	q := e.h.Last(t)
	if !strings.HasPrefix(q.Title, "Clean up: 2 stopped containers, 1 image, 1 network and 1 build cache record") {
		t.Fatalf("title = %q", q.Title)
	}
	if strings.Contains(q.Message, "volume") || !strings.Contains(q.Message, "frees 96.02MB") {
		t.Fatalf("message = %q", q.Message) // dangling only, no volumes: 12000+4096+91e6+5e6
	}
	lines := listLines(t, q.Extra)
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "Container  old-web  12kB") || !strings.HasPrefix(lines[2], "Image  3f2a1b9c8d7e  91MB") {
		t.Fatalf("lines = %q", lines)
	}
	if len(e.fake.CallsWith("Cleanup ")) != 0 {
		t.Fatal("removed before the user agreed")
	}
	e.h.Answer(t, q, "Remove 5 items")
	e.h.Until(t, "the result", func() bool { return e.v.ResultText() != "" })
	got := e.fake.CallsWith("Cleanup ")
	if !slices.Equal(got, []string{"Cleanup c1", "Cleanup c2", "Cleanup sha256:aa", "Cleanup n1", "Cleanup bc1"}) {
		t.Fatalf("removed %q", got)
	}
	if r := e.v.ResultText(); r != "Removed 2 stopped containers, 1 image, 1 network and 1 build cache record; reclaimed 96.02MB." {
		t.Fatalf("result = %q", r)
	}
	if last := e.h.Last(t); last.Title != "Cleanup done" || len(listLines(t, last.Extra)) != 5 {
		t.Fatalf("last question %q", last.Title)
	}
	// The numbers are measured again after a cleanup.
	e.h.Until(t, "a new measure", func() bool { return e.diskCalls() >= 2 && !e.v.Loading() })
}

// Volumes and all unused images only when asked; a refusal is reported, not hidden.
func TestCleanupChoicesAndRefusal(t *testing.T) {
	e := start(t)
	e.v.checkVolumes.SetChecked(true)
	e.v.imagesAll.SetSelected(imagesUnused)
	e.v.checkContainers.SetChecked(false)
	e.v.checkNetworks.SetChecked(false)
	e.v.checkBuild.SetChecked(false)
	if o := e.v.options(); !slices.Equal(o.Kinds, []engine.CleanupKind{engine.CleanUnusedImages, engine.CleanVolumes}) || o.Label != "" {
		t.Fatalf("options = %+v", o)
	}
	e.fake.CleanupFunc = func(_ context.Context, items []engine.CleanupItem) (engine.CleanupResult, error) {
		return engine.CleanupResult{Removed: items[1:], Reclaimed: items[1].Size + items[2].Size,
			Failed: []engine.CleanupFailure{{Item: items[0], Err: &engine.Error{Kind: engine.ErrImageInUse, Ref: items[0].Name}}}}, nil
	}
	test.Tap(e.v.preview)
	e.h.Until(t, "the preview", func() bool { return len(e.h.All()) > 0 })
	q := e.h.Last(t)
	if !strings.Contains(q.Message, "The volumes' data is lost.") || len(listLines(t, q.Extra)) != 3 {
		t.Fatalf("preview %q", q.Message)
	}
	e.h.Answer(t, q, "Remove 3 items")
	e.h.Until(t, "the result", func() bool { return e.v.ResultText() != "" })
	if r := e.v.ResultText(); !strings.Contains(r, "1 item was left alone") {
		t.Fatalf("result = %q", r)
	}
	lines := listLines(t, e.h.Last(t).Extra)
	if !strings.HasPrefix(lines[len(lines)-1], "Left  Image  3f2a1b9c8d7e") {
		t.Fatalf("lines = %q", lines)
	}
	// Nothing ticked: said so, nothing asked of the engine.
	e.v.checkImages.SetChecked(false)
	e.v.checkVolumes.SetChecked(false)
	n := len(e.fake.CallsWith("CleanupPreview"))
	test.Tap(e.v.preview)
	e.h.Drain()
	if e.h.Last(t).Message != "Tick at least one thing to clean up." || len(e.fake.CallsWith("CleanupPreview")) != n {
		t.Fatal("empty choice")
	}
}

func listLines(t *testing.T, o fyne.CanvasObject) []string {
	t.Helper()
	if o == nil {
		t.Fatal("no list")
	}
	for _, x := range kittest.Walk(o) {
		if l, ok := x.(*lineList); ok {
			return l.lines
		}
	}
	t.Fatal("no list of lines")
	return nil
}

// TestScreenshots renders the tab and the cleanup preview to PNG when
// BERTH_SCREENSHOTS names a directory (docs/screenshots).
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("BERTH_SCREENSHOTS")
	if dir == "" {
		t.Skip("BERTH_SCREENSHOTS not set")
	}
	e := start(t)
	e.v.Content().Show()
	e.h.Until(t, "the rows", e.v.Loaded)
	save(t, e.win, filepath.Join(dir, "disk-usage.png"))
	test.Tap(e.v.preview)
	e.h.Until(t, "the preview", func() bool { return len(e.h.All()) > 0 })
	kit.ShowQuestion(e.win, e.h.Last(t))
	save(t, e.win, filepath.Join(dir, "cleanup-preview.png"))
}

func save(t *testing.T, win fyne.Window, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// Shown (the shell's tabs call it when the tab comes to the front) measures
// once if the engine changed; twice in a row asks once.
func TestShownMeasuresOnce(t *testing.T) {
	e := start(t)
	e.v.Apply(snap(1), engine.Change{Full: true})
	e.v.Content().Show()
	e.v.Shown()
	e.h.Until(t, "the rows", e.v.Loaded)
	e.v.Shown()
	e.h.Drain()
	if n := e.diskCalls(); n != 1 {
		t.Fatalf("asked %d times", n)
	}
}

// The tab follows the store: a volume's or a network's event (which the
// store re-lists) measures again while the tab shows, as a container's does;
// a mount (no change to any list) does not.
func TestFollowsVolumeAndNetworkEvents(t *testing.T) {
	e := start(t)
	e.fake.SetVolumes([]engine.Volume{{Name: "data", Driver: "local"}})
	e.fake.SetNetworks([]engine.Network{{ID: "n1", Name: "bridge", Driver: "bridge"}})
	e.fake.VolumeSizesFunc = func(context.Context) (map[string]int64, error) { return map[string]int64{"data": 1, "scratch": 2}, nil }
	var usage atomic.Pointer[engine.DiskUsage]
	usage.Store(&sampleUsage)
	e.fake.DiskUsageFunc = func(context.Context) (engine.DiskUsage, error) { return *usage.Load(), nil }
	st := store.New(e.fake.Client(), store.Options{})
	var last engine.Snapshot
	st.Subscribe(func(s engine.Snapshot, ch engine.Change) {
		e.h.Do(func() {
			last = s
			e.v.Apply(s, ch)
		})
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go st.Run(ctx)
	e.v.Content().Show()
	settled := func(what string, cond func(engine.Snapshot) bool) {
		t.Helper()
		e.h.Until(t, what, func() bool { return cond(last) && !e.v.Loading() && e.v.Loaded() })
	}
	settled("the lists and a measure", func(s engine.Snapshot) bool {
		return len(s.Networks) == 1 && len(s.Volumes) == 1 && s.Volumes[0].Size == 1
	})

	n := e.diskCalls()
	more := sampleUsage
	more.Volumes.Total = 6
	usage.Store(&more)
	e.fake.SetVolumes([]engine.Volume{{Name: "data", Driver: "local"}, {Name: "scratch", Driver: "local"}})
	e.fake.Emit(engine.Event{Kind: engine.EventVolume, Action: "create", ID: "scratch"})
	e.h.Until(t, "the new volume counted", func() bool { return e.v.RowTexts()[2][1] == "6" })
	if e.diskCalls() == n {
		t.Fatal("no measure after the volume event")
	}

	settled("the volume's size", func(s engine.Snapshot) bool { return len(s.Volumes) == 2 && s.Volumes[1].Size == 2 })
	n = e.diskCalls()
	e.fake.SetNetworks([]engine.Network{{ID: "n1", Name: "bridge", Driver: "bridge"}, {ID: "n2", Name: "shop_default", Driver: "bridge"}})
	e.fake.Emit(engine.Event{Kind: engine.EventNetwork, Action: "create", ID: "n2", Name: "shop_default"})
	settled("the new network", func(s engine.Snapshot) bool { return len(s.Networks) == 2 })
	if e.diskCalls() == n {
		t.Fatal("no measure after the network event")
	}

	n = e.diskCalls()
	e.fake.Emit(engine.Event{Kind: engine.EventVolume, Action: "mount", ID: "data"})
	e.fake.SetNetworks([]engine.Network{{ID: "n1", Name: "bridge", Driver: "bridge"}})
	e.fake.Emit(engine.Event{Kind: engine.EventNetwork, Action: "destroy", ID: "n2", Name: "shop_default"})
	settled("the network gone", func(s engine.Snapshot) bool { return len(s.Networks) == 1 })
	if got := e.diskCalls() - n; got < 1 || got > 2 {
		t.Errorf("%d measures after a mount and a network's removal, want 1 (2 if they came apart)", got)
	}
}
