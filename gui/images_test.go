package gui

import (
	"context"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/internal/fakeengine"
)

func (e *mwEnv) imgText(ref string, col int) string {
	e.t.Helper()
	c := e.imgCellAt(ref, col)
	if col == colInUse {
		return c.useText.Text
	}
	return c.label.Text
}

func TestImagesTableShowsDockerImagesColumns(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{})
	e.u.tabs.showImages()
	var titles []string
	for _, c := range imgColumns {
		titles = append(titles, c.title)
	}
	if got := strings.Join(titles, "|"); got != "Repository|Tag|Image ID|Created|Size|In use|Actions" {
		t.Errorf("columns %q", got)
	}
	// The tutorial's line: nginx latest 42b4762643dc 5 days ago 109MB.
	for col, want := range map[int]string{
		colRepo: "nginx", colTag: "latest", colImageID: "42b4762643dc", colImageCreated: "5 days ago", colSize: "109MB",
		colInUse: "2 containers",
	} {
		if got := e.imgText("nginx:latest", col); got != want {
			t.Errorf("nginx column %s: %q, want %q", imgColumns[col].title, got, want)
		}
	}
	if got := e.imgText("postgres:15", colInUse); got != "1 container" {
		t.Errorf("postgres in use %q", got)
	}
	dangling := engine.ShortID(mwDangleID)
	if got := e.imgText(dangling, colInUse); got != "Dangling (no tag)" {
		t.Errorf("dangling image marked %q", got)
	}
	if got := e.imgText(dangling, colRepo); got != "<none>" {
		t.Errorf("dangling repository %q", got)
	}
}

func TestImagesFilterAndInUseFollowContainers(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{})
	e.u.tabs.showImages()
	v := e.u.images
	test.Type(v.filter, "postg")
	if len(v.rows) != 1 {
		t.Errorf("filter postg: %d rows", len(v.rows))
	}
	v.filter.SetText("42b47")
	if len(v.rows) != 1 || v.entries[v.rows[0]].im.Repository != "nginx" {
		t.Errorf("filter by ID: rows %v", v.rows)
	}
	v.filter.SetText("")
	e.removeFromFake(mwMclaren)
	e.wait("nginx to be used by one container", func() bool { return e.imgText("nginx:latest", colInUse) == "1 container" })
}

func TestImagesRunAndPullOpenTheirDialogs(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{})
	var runs, pulls []string
	e.u.openRun = func(s string) { runs = append(runs, s) }
	e.u.openPull = func(s string) { pulls = append(pulls, s) }
	e.u.tabs.showImages()
	test.Tap(e.imgCellAt("nginx:latest", colImageActions).runBtn)
	test.Tap(e.u.images.pullButton)
	e.u.tabs.showContainers()
	test.Tap(e.u.containers.runButton)
	mwShortcut(e.u, "N")
	if strings.Join(runs, ",") != "nginx:latest,," || len(pulls) != 1 || pulls[0] != "" {
		t.Errorf("run dialog opened with %q, pull with %q", runs, pulls)
	}
}

func TestImagesRemoveAsksFirst(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{})
	e.u.tabs.showImages()
	dangling := engine.ShortID(mwDangleID)
	test.Tap(e.imgCellAt(dangling, colImageActions).rmBtn)
	md := e.dialog()
	if !strings.HasPrefix(md.message, "Remove image 0d0e0a0d0b0e?") {
		t.Errorf("asked %q", md.message)
	}
	e.answer(md, "Cancel")
	e.loop.drain()
	if len(e.calls("RemoveImage")) != 0 {
		t.Fatal("Cancel removed the image")
	}
	test.Tap(e.imgCellAt("postgres:15", colImageActions).rmBtn)
	md = e.dialog()
	if !strings.HasPrefix(md.message, "Remove image postgres:15 (7f0e1d2c3b4a)?") || !strings.Contains(md.message, "used by 1 container") {
		t.Errorf("asked %q", md.message)
	}
	e.answer(md, "Remove")
	e.wait("the removal", func() bool { return len(e.calls("RemoveImage postgres:15")) == 1 })
	e.wait("the note", func() bool { return e.u.images.note.Visible() })
	if e.u.images.note.Text != "Untagged: postgres:15" {
		t.Errorf("note %q", e.u.images.note.Text)
	}
}

// mwConflict makes the fake refuse to remove nginx:latest without force,
// as the engine does while webserver uses it (tutorial step 12).
func mwConflict(cannotForce bool) (*mwEnvFake, func() []string) {
	f := &mwEnvFake{}
	f.fake = mwFake()
	var mu sync.Mutex
	var calls []string
	msg := `conflict: unable to remove repository reference "nginx" (must force) - container 5c17b6cbcddd is using its referenced image 42b4762643dc`
	if cannotForce {
		msg = `conflict: unable to delete 42b4762643dc (cannot be forced) - image is being used by running container 5c17b6cbcddd`
	}
	f.fake.RemoveImageFunc = func(_ context.Context, ref string, force bool) ([]string, error) {
		mu.Lock()
		calls = append(calls, ref+map[bool]string{true: " force", false: ""}[force])
		mu.Unlock()
		if !force && !f.usersGone() {
			return nil, &engine.Error{Kind: engine.ErrConflictImageInUse, Object: ref, Containers: []string{"5c17b6cbcddd"},
				Msg: "The image nginx:latest is used by container 5c17b6cbcddd. Remove the container first, or force the removal.", Err: errFake(msg)}
		}
		return []string{"Untagged: " + ref, "Deleted: " + mwNginxID}, nil
	}
	f.fake.RemoveFunc = func(_ context.Context, id string, _ engine.RemoveOptions) error {
		mu.Lock()
		calls = append(calls, "rm "+id[:12])
		mu.Unlock()
		f.mu.Lock()
		f.removed++
		f.mu.Unlock()
		return nil
	}
	return f, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), calls...)
	}
}

type mwEnvFake struct {
	fake    *fakeengine.Engine
	mu      sync.Mutex
	removed int
}

func (f *mwEnvFake) usersGone() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.removed >= 2
}

func TestImagesConflictDialogNamesContainersAndForces(t *testing.T) {
	f, calls := mwConflict(false)
	e := mwStart(t, f.fake, mwOpts{})
	e.u.tabs.showImages()
	test.Tap(e.imgCellAt("nginx:latest", colImageActions).rmBtn)
	e.answer(e.dialog(), "Remove")
	e.wait("the conflict dialog", func() bool { return e.u.dialog != nil && e.u.dialog.title == "Image in use" })
	md := e.u.dialog
	for _, want := range []string{"webserver (5c17b6cbcddd)", "awesome_mclaren (e6d5c4b3a291)", "Force remove", "keep running", "Remove the containers first"} {
		if !strings.Contains(md.message, want) {
			t.Errorf("conflict dialog does not say %q:\n%s", want, md.message)
		}
	}
	var buttons []string
	for _, b := range md.buttons {
		buttons = append(buttons, b.Text)
	}
	if strings.Join(buttons, "|") != "Cancel|Force remove|Remove the containers first" {
		t.Errorf("buttons %q", buttons)
	}
	e.answer(md, "Force remove")
	e.wait("the forced removal", func() bool { return len(calls()) == 2 })
	if got := calls(); got[1] != "nginx:latest force" {
		t.Errorf("calls %q", got)
	}
	if len(e.calls("Stop ")) != 0 || len(e.calls("Remove ")) != 0 {
		t.Error("force remove touched the containers")
	}
}

func TestImagesConflictRemovesContainersFirst(t *testing.T) {
	f, calls := mwConflict(false)
	e := mwStart(t, f.fake, mwOpts{})
	e.u.tabs.showImages()
	test.Tap(e.imgCellAt("nginx:latest", colImageActions).rmBtn)
	e.answer(e.dialog(), "Remove")
	e.wait("the conflict dialog", func() bool { return e.u.dialog != nil && e.u.dialog.title == "Image in use" })
	e.answer(e.u.dialog, "Remove the containers first")
	e.wait("the image removal", func() bool { return len(calls()) == 4 })
	want := "nginx:latest,rm 5c17b6cbcddd,rm e6d5c4b3a291,nginx:latest"
	if got := strings.Join(calls(), ","); got != want {
		t.Errorf("calls %q, want %q", got, want)
	}
	if got := e.calls("Stop "); len(got) != 1 || got[0] != "Stop "+mwWebserver {
		t.Errorf("stops %q, want only the running webserver", got)
	}
	e.wait("the note", func() bool { return e.u.images.note.Visible() })
	if !strings.HasPrefix(e.u.images.note.Text, "Untagged: nginx:latest · Deleted: sha256:42b4762643dc") {
		t.Errorf("note %q", e.u.images.note.Text)
	}
}

func TestImagesConflictThatCannotBeForced(t *testing.T) {
	f, _ := mwConflict(true)
	e := mwStart(t, f.fake, mwOpts{})
	e.u.tabs.showImages()
	test.Tap(e.imgCellAt("nginx:latest", colImageActions).rmBtn)
	e.answer(e.dialog(), "Remove")
	e.wait("the conflict dialog", func() bool { return e.u.dialog != nil && e.u.dialog.title == "Image in use" })
	if e.u.dialog.button("Force remove") != nil {
		t.Error("Force remove offered where the engine cannot force")
	}
	if e.u.dialog.button("Remove the containers first") == nil {
		t.Error("no way out offered")
	}
}
