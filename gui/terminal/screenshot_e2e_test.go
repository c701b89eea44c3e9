//go:build e2e

package terminal

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"berth/engine"
	"berth/engine/docker"
	"berth/internal/testbed"
)

// TestScreenshotTop writes docs/screenshots/terminal-top.png (a terminal
// running top in the toolbox) when BERTH_SCREENSHOTS names a directory.
func TestScreenshotTop(t *testing.T) {
	dir := os.Getenv("BERTH_SCREENSHOTS")
	if dir == "" {
		t.Skip("BERTH_SCREENSHOTS is not set")
	}
	id := testbed.RunToolbox(t, "h10-shot")
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	eng := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { eng.Close() })
	h := &host{ctx: t.Context()}
	p := NewPane(h, eng.Exec, engine.Container{ID: id, Name: "toolbox", State: engine.StateRunning})
	t.Cleanup(p.Close)
	w := test.NewWindow(p.Content())
	w.Resize(fyne.NewSize(900, 520))
	p.Shown()
	h.Until(t, "the prompt", screenHas(p, "/ #"))
	p.Current().Type("sh -c 'while :; do :; done' & top\r")
	h.Until(t, "top", screenHas(p, "PID  PPID"))
	time.Sleep(2500 * time.Millisecond) // top's second frame has CPU figures
	h.Drain()
	shot(t, w, filepath.Join(dir, "terminal-top.png"))
	p.Current().Type("q")
}

func shot(t *testing.T, w fyne.Window, path string) {
	t.Helper()
	img := w.Canvas().Capture()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}
