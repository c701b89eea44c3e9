//go:build e2e

package volumes

// The Volumes tab against the REAL engine, live through the store: create
// from the dialog, the row and its size come by events, used by a
// container (removal refused naming it), export and import round trip
// byte-exact, clone, removal.

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/store"
	"berth/internal/testbed"
)

type liveEnv struct {
	*env
	c *engine.Client
}

func live(t *testing.T) *liveEnv {
	t.Helper()
	testbed.Client(t)
	c := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { _ = c.Close() })
	a := test.NewTempApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	h := &testHost{win: a.NewWindow("Berth"), ctx: ctx, prefs: a.Preferences()}
	// The real engine: sizes wait for the engine's disk-usage call, which Docker 20.10 runs
	// one at a time for all its clients (other packages' tests among them).
	h.Timeout = 60 * time.Second
	e := &env{t: t, h: h}
	e.v = New(h, c.Volumes)
	e.v.SetFiles(Files{
		Save: func(name string, done func(io.WriteCloser, error)) { done(nopCloser{&e.save}, nil) },
		Open: func(done func(io.ReadCloser, string, error)) {
			done(io.NopCloser(bytes.NewReader(e.open)), "/tmp/export.tar.gz", nil)
		},
	})
	h.win.SetContent(e.v.Content())
	h.win.Resize(fyne.NewSize(1400, 600))
	st := store.New(c, store.Options{})
	st.Subscribe(func(s engine.Snapshot, ch engine.Change) { h.Do(func() { e.v.Apply(s, ch) }) })
	go st.Run(ctx)
	t.Cleanup(func() {
		cancel()
		h.win.Close()
	})
	return &liveEnv{env: e, c: c}
}

func (e *liveEnv) row(name string) (engine.Volume, bool) { return e.v.volume(name) }

func TestVolumesTabRealEngine(t *testing.T) {
	img := testbed.WebImage(t)
	a, b := testbed.VolumeName(t, "tab-a"), testbed.VolumeName(t, "tab-b")
	e := live(t)
	e.h.prefs.SetString(PrefHelperImage, img)
	e.h.Until(t, "the images", func() bool { return e.v.HelperImage() == img })

	// Create from the dialog: an invalid name first, said next to the field.
	e.v.openCreate()
	f := lastForm
	test.Type(f.name, "no spaces")
	if !f.ok.Disabled() || !strings.Contains(f.msgText(), "cannot contain spaces") {
		t.Errorf("invalid name: %q", f.msgText())
	}
	f.name.SetText(a)
	test.Tap(f.ok)
	e.h.Until(t, "the new row, by events", func() bool { _, ok := e.row(a); return ok })
	e.h.Until(t, "its size", func() bool { v, _ := e.row(a); return v.Size >= 0 })
	if v, _ := e.row(a); !v.Dangling() || v.Driver != "local" {
		t.Errorf("new volume %+v", v)
	}

	// Put files in through Import into (read-write), browse them (read-only).
	var sample bytes.Buffer
	if err := tarOne(&sample, "hello.txt", []byte("hello from berth\n")); err != nil {
		t.Fatal(err)
	}
	e.open = sample.Bytes()
	e.v.Import(a, img, "sample.tar", io.NopCloser(bytes.NewReader(sample.Bytes())))
	e.h.Until(t, "imported", func() bool { return strings.HasPrefix(e.v.Note(), "Imported sample.tar") })
	e.v.openBrowse(a)
	br := lastBrowser
	e.h.Until(t, "the files", func() bool { return slices.Equal(br.Entries(), []string{"hello.txt"}) })
	e.save.Reset()
	br.Download("/hello.txt", nopCloser{&e.save})
	e.h.Until(t, "downloaded", func() bool { return strings.HasPrefix(br.Status(), "Downloaded") })
	if e.save.String() != "hello from berth\n" {
		t.Errorf("downloaded %q", e.save.String())
	}
	br.dlg.Hide()

	// Used by a container: the row names it; removal is refused, naming it.
	user := testbed.Name(t, "tab-user")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	id, err := e.c.Containers.ContainerRun(ctx, engine.RunSpec{Image: img, Name: user, Binds: []engine.Bind{{HostPath: a, ContainerPath: "/data"}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.h.Until(t, "in use by", func() bool { v, _ := e.row(a); return len(v.UsedBy) == 1 && v.UsedBy[0].Name == user })
	e.v.removeRow(a)
	if q := e.h.Last(t); q.Title != "Volume in use" || !strings.Contains(q.Message, user) {
		t.Errorf("remove in use: %q %q", q.Title, q.Message)
	}
	if err := e.c.Containers.ContainerRemove(ctx, id, engine.RemoveOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	e.h.Until(t, "unused again", func() bool { v, _ := e.row(a); return v.Dangling() })

	// Export, import into a new volume, export again: the same bytes.
	e.save.Reset()
	e.v.Export(a, img, nopCloser{&e.save})
	e.h.Until(t, "exported", func() bool { return strings.HasPrefix(e.v.Note(), "Exported "+a) })
	first := gunzip(t, e.save.Bytes())
	e.open = append([]byte(nil), e.save.Bytes()...)
	e.v.openImport()
	e.h.Answer(t, e.h.Last(t), "Continue")
	lastForm.name.SetText(b)
	test.Tap(lastForm.ok)
	e.h.Until(t, "imported", func() bool { return strings.HasPrefix(e.v.Note(), "Imported export.tar.gz into the new volume "+b) })
	e.h.Until(t, "the imported row", func() bool { _, ok := e.row(b); return ok })
	e.save.Reset()
	e.v.Export(b, img, nopCloser{&e.save})
	e.h.Until(t, "exported", func() bool { return strings.HasPrefix(e.v.Note(), "Exported "+b) })
	if second := gunzip(t, e.save.Bytes()); !bytes.Equal(first, second) {
		t.Errorf("export, import, export differ: %d and %d bytes", len(first), len(second))
	}

	// Remove both: asked, then gone from the list by events.
	for _, n := range []string{a, b} {
		e.v.removeRow(n)
		e.h.Answer(t, e.h.Last(t), "Remove")
	}
	e.h.Until(t, "both gone", func() bool {
		_, okA := e.row(a)
		_, okB := e.row(b)
		return !okA && !okB
	})
}

func gunzip(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
