package images

import (
	"context"
	"errors"
	"strings"
	"sync"
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

// testHost is the shell as the Images tab sees it: its UI work runs on the
// test's queue, its questions are recorded.
type testHost struct {
	kittest.Queue
	kittest.Questions
	win fyne.Window
	ctx context.Context

	runs      []string
	pulls     []string
	shortcuts []fyne.Shortcut
}

func (h *testHost) Now() time.Time           { return kittest.Now }
func (h *testHost) Window() fyne.Window      { return h.win }
func (h *testHost) Context() context.Context { return h.ctx }
func (h *testHost) OpenPull(ref string)      { h.pulls = append(h.pulls, ref) }
func (h *testHost) OpenRun(image string)     { h.runs = append(h.runs, image) }
func (h *testHost) Shortcut(s fyne.Shortcut) bool {
	h.shortcuts = append(h.shortcuts, s)
	return true
}

// env is the Images tab in a test window over a fake engine.
type env struct {
	t    *testing.T
	fake *enginetest.Engine
	h    *testHost
	v    *View
	seq  uint64
}

func start(t *testing.T, fake *enginetest.Engine) *env {
	t.Helper()
	e := open(t, fake, fake)
	e.fake = fake
	e.apply(fake.ContainerItems, true)
	return e
}

// open shows the Images tab over images and containers, with nothing applied yet.
func open(t *testing.T, images engine.ImageAPI, containers engine.ContainerAPI) *env {
	t.Helper()
	a := test.NewTempApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	h := &testHost{win: a.NewWindow("Berth"), ctx: ctx}
	v := New(h, images, containers)
	h.win.SetContent(v.Content())
	h.win.Resize(fyne.NewSize(1500, 800))
	t.Cleanup(func() {
		cancel()
		h.win.Close()
	})
	return &env{t: t, h: h, v: v}
}

// apply hands the view a snapshot of containers and the fake's images.
func (e *env) apply(cs []engine.Container, reachable bool) {
	e.show(cs, append([]engine.Image(nil), e.fake.ImageItems...), reachable)
}

// show hands the view a snapshot of containers and images, the images
// counted as the store counts them.
func (e *env) show(cs []engine.Container, imgs []engine.Image, reachable bool) {
	engine.CountImageUsers(imgs, cs)
	e.seq++
	snap := engine.Snapshot{Reachable: reachable, Containers: cs, Images: imgs, Seq: e.seq}
	if !reachable {
		snap.Err = &engine.Error{Kind: engine.ErrUnreachable, Ref: "unix:///fake.sock"}
	}
	e.v.Apply(snap, engine.Change{Full: true})
}

// wait runs the queued UI work until cond holds.
func (e *env) wait(what string, cond func() bool) {
	e.t.Helper()
	e.h.Until(e.t, what, cond)
}

// cellAt finds the drawn cell of image ref in column col.
func (e *env) cellAt(ref string, col int) *cell {
	e.t.Helper()
	kittest.Relayout(e.h.win)
	for _, o := range kittest.Walk(e.v.table) {
		if c, ok := o.(*cell); ok && c.Visible() && c.col == col && strings.HasSuffix(c.key(), "\x00"+ref) {
			return c
		}
	}
	e.t.Fatalf("no cell for image %s in column %d", ref, col)
	return nil
}

func (e *env) text(ref string, col int) string {
	e.t.Helper()
	return e.cellAt(ref, col).label.Text
}

// question is the last question asked, failing if there is none.
func (e *env) question() kit.Question {
	e.t.Helper()
	return e.h.Last(e.t)
}

// answer runs a question's choice, as its button does.
func (e *env) answer(q kit.Question, text string) {
	e.t.Helper()
	e.h.Answer(e.t, q, text)
}

func (e *env) calls(prefix string) []string { return e.fake.CallsWith(prefix) }

// asked reports whether a question with this title is the last one asked.
func (e *env) asked(title string) bool {
	all := e.h.All()
	return len(all) > 0 && all[len(all)-1].Title == title
}

func testFake() *enginetest.Engine {
	return enginetest.New(kittest.Tutorial(), kittest.TutorialImages())
}

func TestImagesTableShowsDockerImagesColumns(t *testing.T) {
	e := start(t, testFake())
	var titles []string
	for _, c := range e.v.table.Columns {
		titles = append(titles, c.Title)
	}
	if got := strings.Join(titles, "|"); got != "Repository|Tag|Image ID|Created|Size|In use|Actions" {
		t.Errorf("columns %q", got)
	}
	// The tutorial's line: nginx latest 42b4762643dc 5 days ago 109MB.
	for col, want := range map[int]string{
		colRepo: "nginx", colTag: "latest", colID: "42b4762643dc", colCreated: "5 days ago", colSize: "109MB",
		colInUse: "2 containers",
	} {
		if got := e.text("nginx:latest", col); got != want {
			t.Errorf("nginx column %s: %q, want %q", titles[col], got, want)
		}
	}
	if got := e.text("postgres:15", colInUse); got != "1 container" {
		t.Errorf("postgres in use %q", got)
	}
	dangling := engine.ShortID(kittest.DangleID)
	if got := e.text(dangling, colInUse); got != "Dangling (no tag)" {
		t.Errorf("dangling image marked %q", got)
	}
	if c := e.cellAt(dangling, colRepo); c.label.Text != "<none>" || c.label.Importance != widget.LowImportance {
		t.Errorf("dangling repository %q (importance %v)", c.label.Text, c.label.Importance)
	}
	if e.v.empty.Visible() {
		t.Errorf("the empty message %q shows over the rows", e.v.empty.Text)
	}
}

func TestImagesFilterAndInUseFollowContainers(t *testing.T) {
	e := start(t, testFake())
	v := e.v
	test.Type(v.filter, "postg")
	if len(v.rows) != 1 {
		t.Errorf("filter postg: %d rows", len(v.rows))
	}
	v.filter.SetText("42b47")
	if len(v.rows) != 1 || v.entries[v.rows[0]].im.Repository != "nginx" {
		t.Errorf("filter by ID: rows %v", v.rows)
	}
	v.filter.SetText("nope")
	if !v.empty.Visible() || v.empty.Text != `No image matches "nope".` {
		t.Errorf("no match: empty message %q (shown %v)", v.empty.Text, v.empty.Visible())
	}
	v.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(v.rows) != 4 {
		t.Errorf("Escape left %d rows", len(v.rows))
	}
	var left []engine.Container
	for _, c := range kittest.Tutorial() {
		if c.ID != kittest.Mclaren {
			left = append(left, c)
		}
	}
	e.apply(left, true)
	if got := e.text("nginx:latest", colInUse); got != "1 container" {
		t.Errorf("nginx in use %q after a user went", got)
	}
}

func TestImagesFilterLeavesWindowShortcutsToTheWindow(t *testing.T) {
	e := start(t, testFake())
	e.v.FocusFilter()
	if e.h.win.Canvas().Focused() != e.v.filter {
		t.Fatal("FocusFilter did not focus the filter")
	}
	ctrlN := &desktopShortcut{key: fyne.KeyN}
	e.v.filter.TypedShortcut(ctrlN)
	if len(e.h.shortcuts) != 1 || e.h.shortcuts[0] != ctrlN {
		t.Errorf("window shortcuts %v", e.h.shortcuts)
	}
}

// desktopShortcut is a Ctrl+key shortcut.
type desktopShortcut struct{ key fyne.KeyName }

func (s *desktopShortcut) ShortcutName() string { return "Ctrl+" + string(s.key) }

func TestImagesRunAndPullOpenTheirDialogs(t *testing.T) {
	e := start(t, testFake())
	test.Tap(e.cellAt("nginx:latest", colActions).run)
	test.Tap(e.v.pullButton)
	if strings.Join(e.h.runs, ",") != "nginx:latest" || len(e.h.pulls) != 1 || e.h.pulls[0] != "" {
		t.Errorf("run dialog opened with %q, pull with %q", e.h.runs, e.h.pulls)
	}
}

func TestImagesRemoveAsksFirst(t *testing.T) {
	e := start(t, testFake())
	dangling := engine.ShortID(kittest.DangleID)
	test.Tap(e.cellAt(dangling, colActions).rm)
	q := e.question()
	if !strings.HasPrefix(q.Message, "Remove image 0d0e0a0d0b0e?") {
		t.Errorf("asked %q", q.Message)
	}
	e.answer(q, "Cancel")
	e.h.Drain()
	if len(e.calls("RemoveImage")) != 0 {
		t.Fatal("Cancel removed the image")
	}
	test.Tap(e.cellAt("postgres:15", colActions).rm)
	q = e.question()
	if !strings.HasPrefix(q.Message, "Remove image postgres:15 (7f0e1d2c3b4a)?") || !strings.Contains(q.Message, "used by 1 container") {
		t.Errorf("asked %q", q.Message)
	}
	e.answer(q, "Remove")
	if got := e.text("postgres:15", colInUse); got != "Removing…" {
		t.Errorf("in use while removing %q", got)
	}
	if !e.cellAt("postgres:15", colActions).rm.Disabled() {
		t.Error("Remove is enabled while the image is being removed")
	}
	e.wait("the note", func() bool { return e.v.Note() != "" })
	if got := e.calls("RemoveImage"); len(got) != 1 || got[0] != "RemoveImage postgres:15" {
		t.Errorf("removals %q", got)
	}
	if e.v.Note() != "Untagged: postgres:15" {
		t.Errorf("note %q", e.v.Note())
	}
	if got := e.text("postgres:15", colInUse); got != "1 container" {
		t.Errorf("in use after the removal %q", got)
	}
}

func TestImagesDeleteRemovesTheSelection(t *testing.T) {
	e := start(t, testFake())
	e.v.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if len(e.h.All()) != 0 {
		t.Fatal("Delete asked with nothing selected")
	}
	e.v.table.Select(widget.TableCellID{Row: 1, Col: colRepo})
	e.v.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if q := e.question(); !strings.HasPrefix(q.Message, "Remove image nginx:latest (42b4762643dc)?") {
		t.Errorf("asked %q", q.Message)
	}
}

func TestImagesRemoveFailureIsExplained(t *testing.T) {
	fake := testFake()
	fake.ImageRemoveFunc = func(_ context.Context, ref string, _ bool) ([]string, error) {
		return nil, &engine.Error{Kind: engine.ErrNotFound, What: "image", Ref: ref, Err: errors.New("Error response from daemon: No such image: " + ref)}
	}
	e := start(t, fake)
	test.Tap(e.cellAt("postgres:15", colActions).rm)
	e.answer(e.question(), "Remove")
	e.wait("the error", func() bool { return e.asked("Could not remove postgres:15 (7f0e1d2c3b4a)") })
	if q := e.question(); q.Message != `There is no image "postgres:15" on this engine.` {
		t.Errorf("error message %q", q.Message)
	}
	// The engine's own words are one click away.
	if q := e.question(); q.Details != "No such image: postgres:15" {
		t.Errorf("details %q", q.Details)
	}
	if got := e.text("postgres:15", colInUse); got != "1 container" {
		t.Errorf("in use after the failure %q", got)
	}
}

func TestImagesOffline(t *testing.T) {
	e := start(t, testFake())
	e.apply(kittest.Tutorial(), false)
	c := e.cellAt("nginx:latest", colActions)
	if !c.run.Disabled() || !c.rm.Disabled() {
		t.Errorf("offline: run disabled %v, remove disabled %v", c.run.Disabled(), c.rm.Disabled())
	}
	if l := e.cellAt("nginx:latest", colRepo).label; l.Importance != widget.LowImportance {
		t.Errorf("offline rows are not dimmed: importance %v", l.Importance)
	}
	e.v.table.Select(widget.TableCellID{Row: 1, Col: colRepo})
	e.v.RemoveSelection()
	if len(e.h.All()) != 0 {
		t.Error("RemoveSelection asked while offline")
	}

	empty := start(t, enginetest.New(nil, nil))
	if !empty.v.empty.Visible() || !strings.HasPrefix(empty.v.empty.Text, "No images yet.") {
		t.Errorf("no images: %q", empty.v.empty.Text)
	}
	empty.apply(nil, false)
	if empty.v.empty.Text != "No images to show: the engine is not reachable." {
		t.Errorf("offline, no images: %q", empty.v.empty.Text)
	}
}

// conflict makes the fake refuse to remove nginx:latest without force, as
// the engine does while webserver uses it (tutorial step 12), until both
// its users are removed. calls lists the removals (with " force") and the
// container removals ("rm 5c17b6cbcddd").
func conflict(cannotForce bool) (fake *enginetest.Engine, calls func() []string) {
	fake = testFake()
	var mu sync.Mutex
	var log []string
	removed := 0
	fake.ImageRemoveFunc = func(_ context.Context, ref string, force bool) ([]string, error) {
		mu.Lock()
		defer mu.Unlock()
		log = append(log, ref+map[bool]string{true: " force", false: ""}[force])
		if !force && removed < 2 {
			return nil, &engine.Error{Kind: engine.ErrImageInUse, Ref: ref, Users: []string{"5c17b6cbcddd"}, CannotForce: cannotForce,
				Err: errors.New("conflict: unable to remove repository reference")}
		}
		return []string{"Untagged: " + ref, "Deleted: " + kittest.NginxID}, nil
	}
	fake.ContainerRemoveFunc = func(_ context.Context, id string, _ engine.RemoveOptions) error {
		mu.Lock()
		defer mu.Unlock()
		log = append(log, "rm "+id[:12])
		removed++
		return nil
	}
	return fake, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), log...)
	}
}

// askConflict removes nginx:latest and waits for the conflict question.
func (e *env) askConflict() kit.Question {
	e.t.Helper()
	test.Tap(e.cellAt("nginx:latest", colActions).rm)
	e.answer(e.question(), "Remove")
	e.wait("the conflict question", func() bool { return e.asked("Image in use") })
	return e.question()
}

func TestImagesConflictDialogNamesContainersAndForces(t *testing.T) {
	fake, calls := conflict(false)
	e := start(t, fake)
	q := e.askConflict()
	for _, want := range []string{"webserver (5c17b6cbcddd)", "awesome_mclaren (e6d5c4b3a291)", "Force remove", "keep running", "Remove the containers first"} {
		if !strings.Contains(q.Message, want) {
			t.Errorf("conflict question does not say %q:\n%s", want, q.Message)
		}
	}
	if got := strings.Join(kittest.ChoiceTexts(q), "|"); got != "Cancel|Force remove|Remove the containers first" {
		t.Errorf("choices %q", got)
	}
	e.answer(q, "Force remove")
	e.wait("the forced removal", func() bool { return len(calls()) == 2 })
	if got := calls(); got[1] != "nginx:latest force" {
		t.Errorf("calls %q", got)
	}
	if len(e.calls("Stop ")) != 0 || len(e.calls("Remove ")) != 0 {
		t.Error("force remove touched the containers")
	}
	e.wait("the note", func() bool { return e.v.Note() != "" })
}

func TestImagesConflictRemovesContainersFirst(t *testing.T) {
	fake, calls := conflict(false)
	e := start(t, fake)
	e.answer(e.askConflict(), "Remove the containers first")
	if got := e.text("nginx:latest", colInUse); got != "Removing containers…" {
		t.Errorf("in use while removing the containers %q", got)
	}
	e.wait("the note", func() bool { return e.v.Note() != "" })
	want := "nginx:latest,rm 5c17b6cbcddd,rm e6d5c4b3a291,nginx:latest"
	if got := strings.Join(calls(), ","); got != want {
		t.Errorf("calls %q, want %q", got, want)
	}
	if got := e.calls("Stop "); len(got) != 1 || got[0] != "Stop "+kittest.Webserver {
		t.Errorf("stops %q, want only the running webserver", got)
	}
	if !strings.HasPrefix(e.v.Note(), "Untagged: nginx:latest · Deleted: sha256:42b4762643dc") {
		t.Errorf("note %q", e.v.Note())
	}
}

func TestImagesConflictOnPodmanNamesWhatForceDeletes(t *testing.T) {
	fake, calls := conflict(false)
	inner := fake.ImageRemoveFunc
	fake.ImageRemoveFunc = func(ctx context.Context, ref string, force bool) ([]string, error) {
		lines, err := inner(ctx, ref, force)
		if e := engine.AsError(err); e != nil {
			e.ForceRemovesUsers = true
		}
		return lines, err
	}
	e := start(t, fake)
	q := e.askConflict()
	for _, want := range []string{"Podman", "deletes the image AND the containers", "webserver (5c17b6cbcddd)", "awesome_mclaren (e6d5c4b3a291)"} {
		if !strings.Contains(q.Message, want) {
			t.Errorf("conflict question on Podman does not say %q:\n%s", want, q.Message)
		}
	}
	if strings.Contains(q.Message, "keep running") {
		t.Errorf("on Podman the question still says the containers keep running:\n%s", q.Message)
	}
	if got := strings.Join(kittest.ChoiceTexts(q), "|"); got != "Cancel|Force remove: delete 2 containers|Remove the containers first" {
		t.Errorf("choices %q", got)
	}
	e.answer(q, "Force remove: delete 2 containers")
	e.wait("the forced removal", func() bool { return len(calls()) == 2 })
}

func TestImagesConflictThatCannotBeForced(t *testing.T) {
	fake, _ := conflict(true)
	e := start(t, fake)
	q := e.askConflict()
	if _, ok := q.Choice("Force remove"); ok {
		t.Error("Force remove offered where the engine cannot force")
	}
	if _, ok := q.Choice("Remove the containers first"); !ok {
		t.Error("no way out offered")
	}
	if !strings.Contains(q.Message, "cannot force this removal") {
		t.Errorf("message %q", q.Message)
	}
}

func TestImagesConflictWithAContainerNotYetListed(t *testing.T) {
	fake, _ := conflict(false)
	e := start(t, fake)
	e.apply(nil, true) // the snapshot knows of no container yet
	q := e.askConflict()
	if !strings.Contains(q.Message, "container 5c17b6cbcddd still uses it") {
		t.Errorf("message %q", q.Message)
	}
	if _, ok := q.Choice("Remove the container first"); !ok {
		t.Errorf("choices %q", kittest.ChoiceTexts(q))
	}
}

func TestImagesStoppingAUserFails(t *testing.T) {
	fake, _ := conflict(false)
	fake.ContainerStopFunc = func(_ context.Context, id string, _ *time.Duration) error {
		return &engine.Error{Kind: engine.ErrOther, Ref: id, Err: errors.New("tried to kill container, but did not receive an exit event")}
	}
	e := start(t, fake)
	e.answer(e.askConflict(), "Remove the containers first")
	e.wait("the error", func() bool { return e.asked("Could not remove the containers that use nginx:latest (42b4762643dc)") })
	if q := e.question(); q.Message != "tried to kill container, but did not receive an exit event" {
		t.Errorf("error message %q", q.Message)
	}
	if got := e.text("nginx:latest", colInUse); got != "2 containers" {
		t.Errorf("in use after the failure %q", got)
	}
}

// The note on the last removal goes after a while and never moves the
// table (the rows under the pointer stay where they are).
func TestImagesNoteGoesAndLeavesTheTableWhereItIs(t *testing.T) {
	e := start(t, testFake())
	e.v.noteFor = 200 * time.Millisecond
	kittest.Relayout(e.h.win)
	where := func() fyne.Position { return fyne.CurrentApp().Driver().AbsolutePositionForObject(e.v.table) }
	before := where()
	test.Tap(e.cellAt("postgres:15", colActions).rm)
	e.answer(e.question(), "Remove")
	e.wait("the note", func() bool { return e.v.Note() != "" })
	kittest.Relayout(e.h.win)
	if after := where(); after != before {
		t.Errorf("the note moved the table from %v to %v", before, after)
	}
	e.wait("the note to go", func() bool { return e.v.Note() == "" })
	// A newer note is not cut short by the older one's timer.
	e.v.noteFor = time.Hour
	e.v.setNote([]string{"Untagged: nginx:latest"})
	time.Sleep(300 * time.Millisecond)
	e.h.Drain()
	if e.v.Note() != "Untagged: nginx:latest" {
		t.Errorf("note %q", e.v.Note())
	}
}

// shownRefs are the rows in the order shown, by reference (or ID).
func (e *env) shownRefs() []string {
	var out []string
	for _, i := range e.v.rows {
		out = append(out, e.v.entries[i].im.Ref())
	}
	return out
}

func TestImagesSortByRepositorySizeAndCreated(t *testing.T) {
	e := start(t, testFake())
	const dangling = "0d0e0a0d0b0e"
	tests := []struct {
		col  int
		desc bool
		want string
	}{
		{colSize, false, "localhost:5000/berthtest/web:1 " + dangling + " nginx:latest postgres:15"},
		{colSize, true, "postgres:15 nginx:latest " + dangling + " localhost:5000/berthtest/web:1"},
		{colRepo, false, dangling + " localhost:5000/berthtest/web:1 nginx:latest postgres:15"},
		{colCreated, false, dangling + " postgres:15 nginx:latest localhost:5000/berthtest/web:1"},
		{colCreated, true, "localhost:5000/berthtest/web:1 nginx:latest postgres:15 " + dangling},
	}
	for _, tt := range tests {
		e.v.table.SortBy(tt.col, tt.desc)
		if got := strings.Join(e.shownRefs(), " "); got != tt.want {
			t.Errorf("sorted by %s (descending %v): %s, want %s", e.v.table.Columns[tt.col].Title, tt.desc, got, tt.want)
		}
	}
	// The order is kept across updates: a size that changes moves its row.
	e.v.table.SortBy(colSize, false)
	imgs := kittest.TutorialImages()
	imgs[0].Size = 500_000_000 // the web image grows past postgres
	e.show(kittest.Tutorial(), imgs, true)
	if got, want := strings.Join(e.shownRefs(), " "), dangling+" nginx:latest postgres:15 localhost:5000/berthtest/web:1"; got != want {
		t.Errorf("after an update: %s, want %s", got, want)
	}
	if got := e.text("localhost:5000/berthtest/web:1", colSize); got != "500MB" {
		t.Errorf("the last row shows size %q", got)
	}
	// And under a filter.
	typeFilter(e, "n")
	if got, want := strings.Join(e.shownRefs(), " "), dangling+" nginx:latest"; got != want {
		t.Errorf("filtered: %s, want %s", got, want)
	}
}

func typeFilter(e *env, s string) {
	e.v.filter.SetText("")
	test.Type(e.v.filter, s)
}

func TestImagesRemoveButtonHasATip(t *testing.T) {
	e := start(t, testFake())
	if got := e.cellAt("nginx:latest", colActions).rm.Tip(); got != "Remove the image" {
		t.Errorf("tip %q", got)
	}
}
