package details

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/gui/kit/kittest"
)

// texts are the drawn labels' texts under o.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, x := range kittest.Walk(o) {
		switch l := x.(type) {
		case *widget.Label:
			b.WriteString(l.Text + "\n")
		case *widget.Hyperlink:
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}

// shot writes the window to $BERTH_SHOTS/name.png when that is set.
func (f *fixture) shot(name string) {
	dir := os.Getenv("BERTH_SHOTS")
	if dir == "" {
		return
	}
	kittest.Relayout(f.win)
	img := f.win.Canvas().Capture()
	out, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		f.t.Fatal(err)
	}
	defer out.Close()
	if err := png.Encode(out, img); err != nil {
		f.t.Fatal(err)
	}
}

func TestOverviewShowsTheDetails(t *testing.T) {
	f := newFixture(t)
	got := texts(f.v.overview.Content())
	for _, want := range []string{"localhost:5000/berthtest/web:1", "/web", "running, process 4242",
		"unless-stopped, restarted 1 time", "healthy", "GET / 200 OK", "http://127.0.0.1:18080/",
		"bind /srv/web/config → /config, read-only", "bind /srv/web/data → /data, read-write",
		"172.17.0.2/16 · gateway 172.17.0.1", "com.example.team"} {
		if !strings.Contains(got, want) {
			t.Errorf("the overview lacks %q:\n%s", want, got)
		}
	}
	if calls := f.eng.CallsWith("Size "); len(calls) != 0 {
		t.Fatalf("the size was asked without a request: %v", calls)
	}
	test.Tap(f.v.overview.sizeBtn)
	f.h.Until(t, "the size", func() bool { return strings.Contains(f.v.overview.size.Text, "written") })
	if calls := f.eng.CallsWith("Size "); len(calls) != 1 {
		t.Fatalf("size calls %v", calls)
	}
	f.shot("details-overview")
}
