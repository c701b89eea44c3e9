package volumes

import (
	"context"
	"image/png"
	"os"
	"testing"

	"fyne.io/fyne/v2"

	"berth/engine"
	"berth/gui/kit/kittest"
)

// TestVolumesDialogShots renders the create and browse dialogs;
// BERTH_SHOTS=dir writes them there (to look at, not for the docs).
func TestVolumesDialogShots(t *testing.T) {
	e := start(t)
	e.h.win.Resize(fyne.NewSize(1000, 640))
	e.v.openCreate()
	lastForm.name.SetText("bad name")
	shot(t, e, "volumes-create.png")
	lastForm.close()
	e.h.prefs.SetString(PrefHelperImage, "nginx:latest")
	e.fake.VolumeFilesFunc = func(context.Context, string, string, string) ([]engine.FileEntry, error) {
		return []engine.FileEntry{{Name: "base", Dir: true, Mode: 0o700, ModTime: kittest.Now}, {Name: "PG_VERSION", Size: 3, Mode: 0o600, ModTime: kittest.Now},
			{Name: "postgresql.conf", Size: 29000, Mode: 0o600, ModTime: kittest.Now}}, nil
	}
	e.v.openBrowse("pgdata")
	e.h.Until(t, "files", func() bool { return len(lastBrowser.Entries()) == 3 })
	shot(t, e, "volumes-browse.png")
}

func shot(t *testing.T, e *env, name string) {
	dir := os.Getenv("BERTH_SHOTS")
	kittest.Relayout(e.h.win)
	img := e.h.win.Canvas().Capture()
	if dir == "" {
		return
	}
	f, err := os.Create(dir + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_ = png.Encode(f, img)
}
