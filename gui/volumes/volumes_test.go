package volumes

import (
	"bytes"
	"compress/gzip"
	"context"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit"
	"berth/gui/kit/kittest"
)

type testHost struct {
	kittest.Queue
	kittest.Questions
	win    fyne.Window
	ctx    context.Context
	prefs  fyne.Preferences
	opened []string
}

func (h *testHost) Now() time.Time                { return kittest.Now }
func (h *testHost) Window() fyne.Window           { return h.win }
func (h *testHost) Context() context.Context      { return h.ctx }
func (h *testHost) Shortcut(fyne.Shortcut) bool   { return false }
func (h *testHost) OpenContainer(id string)       { h.opened = append(h.opened, id) }
func (h *testHost) Preferences() fyne.Preferences { return h.prefs }

// testVolumes: pgdata used by shop-db-1, cache unused, uploads used by two.
func testVolumes() []engine.Volume {
	return []engine.Volume{
		{Name: "cache", Driver: "local", Mountpoint: "/var/lib/docker/volumes/cache/_data", Created: kittest.Now.Add(-time.Hour), Size: 10 << 20},
		{Name: "pgdata", Driver: "local", Mountpoint: "/var/lib/docker/volumes/pgdata/_data", Created: kittest.Now.Add(-2 * time.Hour), Size: 48 << 20,
			UsedBy: []engine.VolumeUser{{ID: kittest.ShopDB, Name: "shop-db-1"}}},
		{Name: "tmpfiles", Driver: "local", Created: kittest.Now.Add(-3 * time.Hour), Size: 0},
		{Name: "uploads", Driver: "local", Mountpoint: "/var/lib/docker/volumes/uploads/_data", Created: kittest.Now.Add(-72 * time.Hour), Size: 1 << 30,
			UsedBy: []engine.VolumeUser{{ID: kittest.ShopWeb, Name: "shop-web-1"}, {ID: kittest.Worker, Name: "shop-worker-1"}}},
	}
}

type env struct {
	t    *testing.T
	fake *enginetest.Engine
	h    *testHost
	v    *View
	seq  uint64
	save bytes.Buffer
	open []byte
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

func start(t *testing.T) *env {
	t.Helper()
	a := test.NewTempApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	fake := enginetest.New(kittest.Tutorial(), kittest.TutorialImages())
	fake.SetVolumes(testVolumes())
	h := &testHost{win: a.NewWindow("Berth"), ctx: ctx, prefs: a.Preferences()}
	e := &env{t: t, fake: fake, h: h}
	e.v = New(h, fake)
	e.v.SetFiles(Files{
		Save: func(name string, done func(io.WriteCloser, error)) { done(nopCloser{&e.save}, nil) },
		Open: func(done func(io.ReadCloser, string, error)) {
			done(io.NopCloser(bytes.NewReader(e.open)), "/home/me/backup.tar.gz", nil)
		},
	})
	h.win.SetContent(e.v.Content())
	h.win.Resize(fyne.NewSize(1400, 600))
	t.Cleanup(func() {
		cancel()
		h.win.Close()
	})
	e.show(testVolumes(), engine.Change{Full: true})
	return e
}

func (e *env) show(vols []engine.Volume, ch engine.Change) {
	e.seq++
	e.v.Apply(engine.Snapshot{Reachable: true, Containers: kittest.Tutorial(), Images: kittest.TutorialImages(), Volumes: vols, Seq: e.seq}, ch)
}

func (e *env) cell(name string, col int) *cell {
	e.t.Helper()
	kittest.Relayout(e.h.win)
	for _, o := range kittest.Walk(e.v.table) {
		if c, ok := o.(*cell); ok && c.Visible() && c.col == col && c.name() == name {
			return c
		}
	}
	e.t.Fatalf("no cell for %s in column %d", name, col)
	return nil
}

func (e *env) text(name string, col int) string { return e.cell(name, col).label.Text }

func TestVolumesListSizesFillInAfter(t *testing.T) {
	e := start(t)
	unknown := testVolumes()
	for i := range unknown {
		unknown[i].Size = -1
	}
	e.show(unknown, engine.Change{Volumes: true})
	if got := e.v.Rows(); !slices.Equal(got, []string{"cache", "pgdata", "tmpfiles", "uploads"}) {
		t.Fatalf("rows %v", got)
	}
	if s := e.text("pgdata", colSize); s != "…" {
		t.Errorf("size before the disk-usage answer %q", s)
	}
	e.show(testVolumes(), engine.Change{VolumeSizes: true})
	if s := e.text("pgdata", colSize); s != "50.3MB" {
		t.Errorf("size %q", s)
	}
	if s := e.text("pgdata", colDriver); s != "local" {
		t.Errorf("driver %q", s)
	}
	if s := e.cell("pgdata", colMount).tail.Full(); s != "/var/lib/docker/volumes/pgdata/_data" {
		t.Errorf("mount point %q", s)
	}
	if s := e.text("cache", colCreated); s != "About an hour ago" {
		t.Errorf("created %q", s)
	}
	// In use by: links to the containers; a click opens it. Unused is marked.
	users := e.cell("uploads", colUsers)
	if users.links[0].Text != "shop-web-1" || users.links[1].Text != "shop-worker-1" || users.links[2].Visible() {
		t.Errorf("links %q %q", users.links[0].Text, users.links[1].Text)
	}
	test.TapAt(users.links[1], fyne.NewPos(users.links[1].Size().Width/2, users.links[1].Size().Height/2))
	if !slices.Equal(e.h.opened, []string{kittest.Worker}) {
		t.Errorf("opened %v", e.h.opened)
	}
	if c := e.cell("cache", colUsers); c.more.Text != "Unused" || c.links[0].Visible() {
		t.Errorf("dangling shows %q", c.more.Text)
	}
}

func TestVolumesFilterAsYouType(t *testing.T) {
	e := start(t)
	test.Type(e.v.filter, "shop-web")
	if got := e.v.Rows(); !slices.Equal(got, []string{"uploads"}) {
		t.Errorf("filter by container: %v", got)
	}
	e.v.filter.SetText("PG")
	if got := e.v.Rows(); !slices.Equal(got, []string{"pgdata"}) {
		t.Errorf("filter by name: %v", got)
	}
	e.v.filter.SetText("nothing-like-it")
	if !e.v.empty.Visible() || !strings.Contains(e.v.empty.Text, "No volume matches") {
		t.Errorf("empty text %q", e.v.empty.Text)
	}
}

func TestVolumesRemoveInUseSaysByWhomAndNeverCalls(t *testing.T) {
	e := start(t)
	e.v.removeRow("uploads")
	q := e.h.Last(t)
	if q.Title != "Volume in use" || !strings.Contains(q.Message, "shop-web-1, shop-worker-1") {
		t.Errorf("asked %q: %q", q.Title, q.Message)
	}
	if len(e.fake.CallsWith("VolumeRemove")) != 0 {
		t.Error("a volume in use was removed")
	}
	// The engine refusing (a container came since): the error names the container.
	e.fake.VolumeRemoveFunc = func(_ context.Context, name string) error {
		return &engine.Error{Kind: engine.ErrVolumeInUse, Ref: name, Users: []string{engine.ShortID(kittest.Webserver)}}
	}
	e.v.removeRow("cache")
	e.h.Answer(t, e.h.Last(t), "Remove")
	e.h.Until(t, "the error", func() bool { return e.h.Last(t).Title == "Could not remove cache" })
	if msg := e.h.Last(t).Message; !strings.Contains(msg, "used by container webserver") {
		t.Errorf("error %q", msg)
	}
}

func TestVolumesRemoveAsksFirst(t *testing.T) {
	e := start(t)
	e.v.removeRow("cache")
	q := e.h.Last(t)
	if !strings.Contains(q.Message, "cache (10.5MB)") {
		t.Errorf("message %q", q.Message)
	}
	e.h.Answer(t, q, "Remove")
	e.h.Until(t, "the removal", func() bool { return e.v.Note() == "Removed the volume cache." })
	if got := e.fake.CallsWith("VolumeRemove"); !slices.Equal(got, []string{"VolumeRemove cache"}) {
		t.Errorf("calls %v", got)
	}
}

// Prune shows the exact list of the unused volumes, then removes exactly
// those by name: not one that became unused since.
func TestVolumesPruneRemovesExactlyTheListShown(t *testing.T) {
	e := start(t)
	e.v.askPrune()
	q := e.h.Last(t)
	if got := allText(q.Extra); got != "cache  10.5MB\ntmpfiles  0B" {
		t.Errorf("listed %q", got)
	}
	if !strings.Contains(q.Message, "2 unused volumes") {
		t.Errorf("message %q", q.Message)
	}
	if got := kittest.ChoiceTexts(q); !slices.Equal(got, []string{"Cancel", "Remove 2 volumes"}) {
		t.Errorf("choices %v", got)
	}
	// pgdata becomes unused before the user answers: it stays.
	vols := testVolumes()
	vols[1].UsedBy = nil
	e.show(vols, engine.Change{Volumes: true})
	e.h.Answer(t, q, "Remove 2 volumes")
	e.h.Until(t, "the prune", func() bool { return strings.HasPrefix(e.v.Note(), "Removed 2 unused volumes") })
	if got := e.fake.CallsWith("VolumeRemove"); !slices.Equal(got, []string{"VolumeRemove cache", "VolumeRemove tmpfiles"}) {
		t.Errorf("calls %v", got)
	}
	if len(e.fake.CallsWith("Prune")) != 0 {
		t.Error("the engine's prune was called")
	}
}

func TestVolumesCreateValidatesTheNameNextToTheField(t *testing.T) {
	e := start(t)
	e.v.openCreate()
	f := lastForm
	test.Type(f.name, "bad name")
	if msg := kit.MessageText(f.msg); !strings.Contains(msg, "cannot contain spaces") || !f.ok.Disabled() {
		t.Errorf("message %q, button disabled %v", msg, f.ok.Disabled())
	}
	f.name.SetText("pgdata")
	if msg := kit.MessageText(f.msg); !strings.Contains(msg, "There is a volume pgdata already") {
		t.Errorf("message %q", msg)
	}
	f.name.SetText("newvol")
	if !f.msg.Hidden == true && kit.MessageText(f.msg) != "" {
		t.Errorf("message %q", kit.MessageText(f.msg))
	}
	test.Tap(f.ok)
	e.h.Until(t, "created", func() bool { return e.v.Note() == "Created the volume newvol." })
	if got := e.fake.CallsWith("VolumeCreate"); !slices.Equal(got, []string{"VolumeCreate newvol"}) {
		t.Errorf("calls %v", got)
	}
}

func TestVolumesExportImportCloneThroughTheHelperImage(t *testing.T) {
	e := start(t)
	e.fake.VolumeData = map[string][]byte{"pgdata": []byte("TAR-BYTES")}
	// No image remembered: the user picks one, which is remembered.
	e.v.openExport("pgdata")
	q := e.h.Last(t)
	if q.Title != "Export pgdata" {
		t.Fatalf("asked %q", q.Title)
	}
	e.h.Answer(t, q, "Export")
	e.h.Until(t, "exported", func() bool { return strings.HasPrefix(e.v.Note(), "Exported pgdata") })
	img := e.h.prefs.String(PrefHelperImage)
	if img == "" {
		t.Fatal("the helper image was not remembered")
	}
	zr, err := gzip.NewReader(&e.save)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(zr); string(got) != "TAR-BYTES" {
		t.Errorf("exported %q", got)
	}
	// Reading again: no question, the remembered image.
	n := len(e.h.All())
	e.v.openExport("pgdata")
	if len(e.h.All()) != n {
		t.Errorf("asked again for a read-only use: %q", e.h.Last(t).Title)
	}
	e.h.Until(t, "exported", func() bool { return len(e.fake.CallsWith("VolumeExport")) == 2 })

	// Import into a new volume: writing says so first (read-write).
	e.open = []byte("ARCHIVE")
	e.v.openImport()
	q = e.h.Last(t)
	if !strings.Contains(allText(q.Extra), "read-write") {
		t.Errorf("the import does not say it mounts read-write: %q", allText(q.Extra))
	}
	e.h.Answer(t, q, "Continue")
	if lastForm.Name() != "backup" {
		t.Errorf("name from the file %q", lastForm.Name())
	}
	test.Tap(lastForm.ok)
	e.h.Until(t, "imported", func() bool { return strings.HasPrefix(e.v.Note(), "Imported backup.tar.gz") })
	if string(e.fake.VolumeData["backup"]) != "ARCHIVE" || !slices.Equal(e.fake.CallsWith("VolumeCreate"), []string{"VolumeCreate backup"}) {
		t.Errorf("import: %q %v", e.fake.VolumeData["backup"], e.fake.CallsWith("VolumeCreate"))
	}

	// Clone.
	e.v.openClone("pgdata")
	e.h.Answer(t, e.h.Last(t), "Continue")
	if lastForm.Name() != "pgdata-copy" {
		t.Errorf("clone name %q", lastForm.Name())
	}
	test.Tap(lastForm.ok)
	e.h.Until(t, "cloned", func() bool { return e.v.Note() == "Cloned pgdata to pgdata-copy." })
	if string(e.fake.VolumeData["pgdata-copy"]) != "TAR-BYTES" {
		t.Errorf("clone holds %q", e.fake.VolumeData["pgdata-copy"])
	}
}

func TestVolumesBrowseDownloadUpload(t *testing.T) {
	e := start(t)
	e.h.prefs.SetString(PrefHelperImage, "nginx:latest")
	e.fake.VolumeFilesFunc = func(_ context.Context, name, image, dir string) ([]engine.FileEntry, error) {
		if dir == "/" {
			return []engine.FileEntry{{Name: "base", Dir: true}, {Name: "PG_VERSION", Size: 3}}, nil
		}
		return []engine.FileEntry{{Name: "1", Dir: true}}, nil
	}
	e.v.openBrowse("pgdata")
	b := lastBrowser
	e.h.Until(t, "the files", func() bool { return len(b.Entries()) == 2 })
	b.Select("base")
	e.h.Until(t, "the subdirectory", func() bool { return slices.Equal(b.Entries(), []string{"1"}) })
	if got := e.fake.CallsWith("VolumeFiles"); !slices.Equal(got, []string{"VolumeFiles pgdata nginx:latest /", "VolumeFiles pgdata nginx:latest /base"}) {
		t.Errorf("calls %v", got)
	}
	// Download a file: the file's bytes out of the engine's archive.
	e.fake.VolumeExportFunc = func(_ context.Context, name, image, path string, w io.Writer) error {
		return writeTar(w, "PG_VERSION", "15\n")
	}
	b.Download("/PG_VERSION", nopCloser{&e.save})
	e.h.Until(t, "downloaded", func() bool { return strings.HasPrefix(b.Status(), "Downloaded /PG_VERSION") })
	if e.save.String() != "15\n" {
		t.Errorf("downloaded %q", e.save.String())
	}
	// Upload: says read-write first.
	var imported []byte
	e.fake.VolumeImportFunc = func(_ context.Context, name, image, dir string, r io.Reader) error {
		imported, _ = io.ReadAll(r)
		return nil
	}
	b.uploadFile()
	q := e.h.Last(t)
	if !strings.Contains(q.Message, "read-write") {
		t.Errorf("upload question %q", q.Message)
	}
	e.open = []byte("hello")
	e.h.Answer(t, q, "Choose the file…")
	e.h.Until(t, "uploaded", func() bool { return strings.HasPrefix(b.Status(), "Uploaded") })
	if !bytes.Contains(imported, []byte("hello")) || !bytes.Contains(imported, []byte("backup.tar.gz")) {
		t.Errorf("uploaded archive %q", imported)
	}
}

func writeTar(w io.Writer, name, body string) error {
	var buf bytes.Buffer
	if err := tarOne(&buf, name, []byte(body)); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// allText is the text of the labels under o, one a line.
func allText(o fyne.CanvasObject) string {
	var out []string
	for _, x := range kittest.Walk(o) {
		if l, ok := x.(*widget.Label); ok && l.Text != "" {
			out = append(out, l.Text)
		}
	}
	return strings.Join(out, "\n")
}

// TestVolumesScreenshot renders the tab, one size still coming;
// BERTH_SCREENSHOTS=1 writes docs/screenshots/volumes.png.
func TestVolumesScreenshot(t *testing.T) {
	e := start(t)
	vols := testVolumes()
	vols[2].Size = -1
	e.show(vols, engine.Change{Volumes: true})
	e.h.win.Resize(fyne.NewSize(1400, 420))
	kittest.Relayout(e.h.win)
	img := e.h.win.Canvas().Capture()
	if os.Getenv("BERTH_SCREENSHOTS") == "" {
		return
	}
	f, err := os.Create(filepath.Join("..", "..", "docs", "screenshots", "volumes.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// Bringing the tab to the front asks for the sizes again: containers write
// files with no event.
func TestVolumesShownAsksForTheSizesAgain(t *testing.T) {
	e := start(t)
	e.fake.VolumeSizesFunc = func(context.Context) (map[string]int64, error) { return map[string]int64{"pgdata": 99 << 20}, nil }
	e.v.Shown()
	e.h.Until(t, "the new size", func() bool { v, _ := e.v.volume("pgdata"); return v.Size == 99<<20 })
	if s := e.text("pgdata", colSize); s != "104MB" {
		t.Errorf("size %q", s)
	}
	e.v.Shown() // again at once: not asked
	e.h.Drain()
	if n := len(e.fake.CallsWith("VolumeSizes")); n != 1 {
		t.Errorf("%d disk-usage calls", n)
	}
	// The store's sizes, when they come, win.
	e.show(testVolumes(), engine.Change{VolumeSizes: true})
	if v, _ := e.v.volume("pgdata"); v.Size != 48<<20 {
		t.Errorf("size %d", v.Size)
	}
}
