package gui

import (
	"testing"

	"berth/engine"
	"berth/gui/disk"
)

// The Disk usage tab measures only once it comes to the front, and again on
// an engine event while it is in front; the Images tab's Details… opens the
// details window of the image through the shell.
func TestDiskTabLazyAndImageDetails(t *testing.T) {
	fake := testFake()
	fake.DiskUsageItem = engine.DiskUsage{Images: engine.DiskUsageRow{Kind: engine.DiskImages, Total: 4, Size: 10}}
	e := newEnv(t, fake, envOpts{})
	if n := len(e.calls("DiskUsage")); n != 0 {
		t.Fatalf("the hidden Disk usage tab asked %d times", n)
	}
	e.u.tabs.show("Disk usage")
	dv := e.u.tabs.current().(*disk.View)
	e.wait("the disk usage", dv.Loaded)
	if got := dv.RowTexts()[0]; got[1] != "4" {
		t.Fatalf("images row %q", got)
	}
	e.fake.Emit(engine.Event{Kind: engine.EventImage, Action: "pull", ID: "nginx:latest"})
	e.wait("a second measure", func() bool { return len(e.calls("DiskUsage")) >= 2 && !dv.Loading() })
	e.u.tabs.show("Images")
	n, seq := len(e.calls("DiskUsage")), e.u.snap.Seq
	e.fake.Emit(engine.Event{Kind: engine.EventImage, Action: "pull", ID: "nginx:latest"})
	e.wait("the event", func() bool { return e.u.snap.Seq > seq })
	e.loop.Drain()
	if got := len(e.calls("DiskUsage")); got != n {
		t.Fatalf("the hidden tab measured again (%d, was %d)", got, n)
	}

	fake.ConfigItems = map[string]engine.ImageConfig{"nginx:latest": {ID: "sha256:42b4762643dc"}}
	fake.HistoryItems = map[string][]engine.HistoryLayer{"sha256:42b4762643dc": nil}
	before := len(e.app.Driver().AllWindows())
	e.u.host.OpenImageDetails("nginx:latest")
	e.wait("the details", func() bool { return len(e.calls("ImageHistory ")) == 1 })
	if got := len(e.app.Driver().AllWindows()); got != before+1 {
		t.Fatalf("%d windows, want %d", got, before+1)
	}
}
