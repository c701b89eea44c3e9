package details

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/present"
)

func TestTabsTellPanesWhenShown(t *testing.T) {
	f := newFixture(t)
	if f.v.Selected() != TabOverview {
		t.Fatalf("first tab %q", f.v.Selected())
	}
	if !f.v.Select("terminal") || f.term.shown != 1 || f.term.hidden != 0 {
		t.Fatalf("terminal shown %d hidden %d", f.term.shown, f.term.hidden)
	}
	f.v.Select(TabFiles)
	if f.term.hidden != 1 {
		t.Fatalf("terminal hidden %d", f.term.hidden)
	}
	f.v.Select("Terminal")
	if f.term.shown != 2 {
		t.Fatalf("terminal shown %d", f.term.shown)
	}
	if f.v.Select("nope") || f.v.Selected() != "terminal" {
		t.Fatal("an unknown tab changed the selection")
	}
	if f.h.st.subscribers() != 1 {
		t.Fatalf("%d subscribers", f.h.st.subscribers())
	}
	f.v.Close()
	if f.term.hidden != 3-1 || f.term.closed != 1 || f.h.st.subscribers() != 0 {
		t.Fatalf("after close: hidden %d closed %d subscribers %d", f.term.hidden, f.term.closed, f.h.st.subscribers())
	}
	if f.v.ctx.Err() == nil {
		t.Fatal("the view's context lives on")
	}
}

func TestFollowsTheLiveState(t *testing.T) {
	f := newFixture(t)
	c := webContainer()
	c.State, c.Status = engine.StateExited, "Exited (0) 1 second ago"
	d := webDetails()
	d.State, d.ExitCode, d.Pid, d.Finished = engine.StateExited, 137, 0, now
	f.eng.SetDetails(d, nil)
	loads := 0
	f.v.onLoaded = func() { loads++ }
	// A change of another container does nothing.
	f.h.st.emit(engine.Snapshot{Reachable: true, Containers: []engine.Container{c}}, engine.Change{Containers: []string{"other"}})
	f.h.st.emit(engine.Snapshot{Reachable: true, Containers: []engine.Container{c}}, engine.Change{Containers: []string{webID}})
	f.h.Until(t, "the reload", func() bool { return loads == 1 })
	if !strings.Contains(f.v.status.Text, "Exited") || !strings.Contains(texts(f.v.overview.Content()), "137") {
		t.Fatalf("status %q, overview:\n%s", f.v.status.Text, texts(f.v.overview.Content()))
	}
	if n := len(f.eng.CallsWith("Inspect ")); n != 2 {
		t.Fatalf("%d inspects", n)
	}
	// Offline: not removed, and says so; back online, it follows again.
	f.h.st.emit(engine.Snapshot{}, engine.Change{Reachability: true, Full: true})
	f.h.Until(t, "offline", func() bool { return f.v.offline })
	if f.v.removed || !strings.Contains(f.v.status.Text, "does not answer") {
		t.Fatalf("offline: removed %v, %q", f.v.removed, f.v.status.Text)
	}
	f.h.st.emit(engine.Snapshot{Reachable: true, Containers: []engine.Container{c}}, engine.Change{Reachability: true, Full: true})
	f.h.Until(t, "online", func() bool { return !f.v.offline })
	f.h.st.emit(engine.Snapshot{Reachable: true}, engine.Change{Removed: []string{webID}})
	f.h.Until(t, "the removal", func() bool { return f.v.removed })
	if !strings.Contains(f.v.status.Text, "removed") || !f.v.files.gone {
		t.Fatalf("status %q", f.v.status.Text)
	}
}

func TestEnvironmentMasksSecrets(t *testing.T) {
	f := newFixture(t)
	f.v.Select(TabEnvironment)
	e := f.v.env
	rows := func() string { kittest_relayout(f.win); return texts(e.list) }
	got := rows()
	if strings.Contains(got, "hunter2") || strings.Contains(got, "abc123") || !strings.Contains(got, present.Mask) ||
		!strings.Contains(got, "hello") {
		t.Fatalf("secrets shown:\n%s", got)
	}
	e.copyAll()
	clip := f.h.app.Clipboard().Content()
	if strings.Contains(clip, "hunter2") || !strings.Contains(clip, "GREETING=hello") {
		t.Fatalf("copied %q", clip)
	}
	f.shot("details-environment")
	e.revealed["DB_PASSWORD"] = true
	e.list.Refresh()
	if got := rows(); !strings.Contains(got, "hunter2") || strings.Contains(got, "abc123") {
		t.Fatalf("one revealed:\n%s", got)
	}
	e.all.SetChecked(true)
	if got := rows(); !strings.Contains(got, "abc123") {
		t.Fatalf("all revealed:\n%s", got)
	}
}

func TestInspectTreeSearchAndCopy(t *testing.T) {
	f := newFixture(t)
	f.v.Select(TabInspect)
	p := f.v.inspect
	if p.doc == nil || p.doc.nodes["$.State.Status"].value != `"running"` || !p.tree.IsBranchOpen("$.Config") {
		t.Fatal("the tree is not loaded")
	}
	if strings.Contains(strings.Join(p.doc.lines, "\n"), "hunter2") {
		t.Fatal("the text shows a secret")
	}
	// The text is the engine's JSON, key order kept.
	raw, _ := os.ReadFile(filepath.Join("testdata", "inspect.json"))
	want := strings.ReplaceAll(strings.TrimSpace(string(raw)), "DB_PASSWORD=hunter2", "DB_PASSWORD="+present.Mask)
	want = strings.ReplaceAll(want, "API_TOKEN=abc123", "API_TOKEN="+present.Mask)
	if got := strings.Join(p.doc.lines, "\n"); got != want {
		t.Fatalf("text differs from the engine's JSON:\n%.600s", got)
	}
	test.Type(p.search, "ipaddress")
	if len(p.matches) != 3 || p.found.Text != "1 of 3" {
		t.Fatalf("matches %v, %q", p.matches, p.found.Text)
	}
	test.Tap(p.next)
	if p.found.Text != "2 of 3" || !p.tree.IsBranchOpen("$.NetworkSettings.Networks.bridge") && p.matches[1] == "$.NetworkSettings.Networks.bridge.IPAddress" {
		t.Fatalf("next: %q", p.found.Text)
	}
	test.Tap(p.prev)
	test.Tap(p.prev)
	if p.found.Text != "3 of 3" {
		t.Fatalf("previous round the end: %q", p.found.Text)
	}
	f.shot("details-inspect")
	p.asText.SetSelected(viewText())
	if len(p.lineHits) != 3 || p.found.Text != "1 of 3" {
		t.Fatalf("text matches %v %q", p.lineHits, p.found.Text)
	}
	f.shot("details-inspect-text")
	p.tree.Select("$.State.Status")
	test.Tap(p.copyVal)
	if got := f.h.app.Clipboard().Content(); got != "running" {
		t.Fatalf("copied %q", got)
	}
	p.tree.Select("$.HostConfig.RestartPolicy")
	p.copyValue()
	if got := f.h.app.Clipboard().Content(); got != "{\n    \"Name\": \"unless-stopped\",\n    \"MaximumRetryCount\": 0\n}" {
		t.Fatalf("copied %q", got)
	}
	p.copyAll()
	if got := f.h.app.Clipboard().Content(); got != want {
		t.Fatalf("copy all: %.200q", got)
	}
	test.Type(p.search, "zzz-nothing")
	if p.found.Text != "No match" {
		t.Fatalf("found %q", p.found.Text)
	}
	// Revealing the secrets in the Environment tab reveals them here too.
	f.v.env.all.SetChecked(true)
	if !strings.Contains(strings.Join(p.doc.lines, "\n"), "hunter2") {
		t.Fatal("revealed secrets stay masked")
	}
}

func kittest_relayout(w fyne.Window) {
	w.Resize(w.Canvas().Size().AddWidthHeight(1, 0))
	w.Resize(w.Canvas().Size().SubtractWidthHeight(1, 0))
}

type closeBuffer struct {
	bytes.Buffer
	closed bool
}

func (c *closeBuffer) Close() error { c.closed = true; return nil }

func TestFilesBrowseViewDownloadUpload(t *testing.T) {
	f := newFixture(t)
	fp := f.v.files
	if calls := f.eng.CallsWith("List "); len(calls) != 0 {
		t.Fatalf("listed before the tab was shown: %v", calls)
	}
	f.v.Select(TabFiles)
	f.h.Until(t, "the root", func() bool { return fp.complete("/") })
	if got := fp.entries["/"]; !slices.Contains(got, "/web") || !slices.Contains(got, "/etc") {
		t.Fatalf("root %v", got)
	}
	fp.tree.OpenBranch("/etc")
	f.h.Until(t, "/etc", func() bool { return fp.complete("/etc") })
	if fi := fp.info["/etc/mtab"]; !fi.IsLink() || fi.LinkTarget != "/proc/mounts" {
		t.Fatalf("mtab %+v", fi)
	}
	fp.tree.Select("/etc/hosts")
	if fp.viewBtn.Disabled() || fp.download.Disabled() {
		t.Fatal("view or download disabled on a file")
	}
	test.Tap(fp.viewBtn)
	f.h.Until(t, "the viewer", func() bool { return strings.Contains(fp.viewerText.Text(), "localhost") })
	f.shot("details-files")
	fp.view("/data/logo.png")
	fp.tree.OpenBranch("/data")
	f.h.Until(t, "/data", func() bool { return fp.complete("/data") })
	fp.view("/data/logo.png")
	f.h.Until(t, "the binary notice", func() bool { return strings.Contains(fp.viewerText.Text(), "not a text file") })

	// Download a file, byte-exact.
	var out closeBuffer
	fp.downloadFile(fp.info["/web"], &out)
	f.h.Until(t, "the download", func() bool { return !fp.xfer.running() })
	want, _ := f.eng.File(webID, "/web")
	if !out.closed || !bytes.Equal(out.Bytes(), want.Data) || !strings.Contains(fp.status.Text, "done") {
		t.Fatalf("downloaded %d bytes, status %q", out.Len(), fp.status.Text)
	}
	// A folder, unpacked.
	dest := t.TempDir()
	fp.downloadUnpacked(fp.info["/data"], dest)
	f.h.Until(t, "the unpacked folder", func() bool { return !fp.xfer.running() })
	if b, err := os.ReadFile(filepath.Join(dest, "data", "index.html")); err != nil || string(b) != "<h1>Hello from Berth</h1>\n" {
		t.Fatalf("unpacked %q, %v", b, err)
	}

	// Upload into the selected folder; replacing asks first.
	local := filepath.Join(t.TempDir(), "index.html")
	os.WriteFile(local, []byte("new"), 0o644)
	fp.tree.Select("/data")
	fp.upload([]string{local})
	q := f.h.asked.Last(t)
	if q.Title != "Replace in /data?" || !strings.Contains(q.Message, "/data/index.html") {
		t.Fatalf("asked %q: %q", q.Title, q.Message)
	}
	if calls := f.eng.CallsWith("CopyTo "); len(calls) != 0 {
		t.Fatal("uploaded before the answer")
	}
	f.h.asked.Answer(t, q, "Replace")
	f.h.Until(t, "the upload", func() bool { return len(f.eng.CallsWith("CopyTo ")) == 1 && !fp.xfer.running() })
	if got, _ := f.eng.File(webID, "/data/index.html"); string(got.Data) != "new" {
		t.Fatalf("uploaded %q, status %q", got.Data, fp.status.Text)
	}
	other := filepath.Join(t.TempDir(), "fresh.txt")
	os.WriteFile(other, []byte("fresh"), 0o644)
	fp.upload([]string{other})
	f.h.Until(t, "the second upload", func() bool { return len(f.eng.CallsWith("CopyTo ")) == 2 && !fp.xfer.running() })
	if _, ok := f.eng.File(webID, "/data/fresh.txt"); !ok {
		t.Fatal("no fresh.txt")
	}

	// Changed files.
	fp.sub.SelectIndex(1)
	f.h.Until(t, "the changes", func() bool { return len(fp.changes) == 3 })
	if fp.changeState.Text != "1 added, 1 changed, 1 deleted against the image" {
		t.Fatalf("changes %q", fp.changeState.Text)
	}
	f.shot("details-changes")
}

func TestFilesErrorsInPlainWords(t *testing.T) {
	f := newFixture(t)
	fp := f.v.files
	f.eng.ContainerListDirFunc = func(ctx context.Context, id, dir string, _ func([]engine.FileInfo)) ([]engine.FileInfo, error) {
		return nil, &engine.Error{Kind: engine.ErrNotFound, Ref: dir, What: "file or folder"}
	}
	f.eng.ContainerCopyToFunc = func(ctx context.Context, id, dir string, r io.Reader) error {
		io.Copy(io.Discard, r)
		return &engine.Error{Kind: engine.ErrReadOnly, Ref: dir}
	}
	f.v.Select(TabFiles)
	f.h.Until(t, "the error", func() bool { return fp.errs["/"] != nil })
	if fp.status.Text != `There is no file or folder "/" on this engine.` {
		t.Fatalf("status %q", fp.status.Text)
	}
	local := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(local, []byte("a"), 0o644)
	fp.upload([]string{local})
	f.h.Until(t, "the upload", func() bool { return len(f.eng.CallsWith("CopyTo ")) == 1 && !fp.xfer.running() })
	if !strings.HasPrefix(fp.status.Text, "Uploading a.txt into /: / is on a read-only mount") {
		t.Fatalf("status %q", fp.status.Text)
	}
	_ = widget.Label{}
}

// A big folder shows what came so far, with a Loading… row at its end.
func TestFilesShowAPartialListing(t *testing.T) {
	f := newFixture(t)
	fp := f.v.files
	release := make(chan struct{})
	f.eng.ContainerListDirFunc = func(ctx context.Context, id, dir string, partial func([]engine.FileInfo)) ([]engine.FileInfo, error) {
		all := []engine.FileInfo{{Name: "a", Path: "/a"}, {Name: "b", Path: "/b"}, {Name: "c", Path: "/c"}}
		partial(all[:2])
		<-release
		return all, nil
	}
	shown := 0
	fp.onPartial = func() { shown++ }
	f.v.Select(TabFiles)
	f.h.Until(t, "the partial listing", func() bool { return shown == 1 })
	if got := fp.childUIDs("/"); strings.Join(got, ",") != "/a,/b,/"+loadingSuffix {
		t.Fatalf("children %q", got)
	}
	close(release)
	f.h.Until(t, "the whole listing", func() bool { return !fp.loading["/"] })
	if got := fp.childUIDs("/"); strings.Join(got, ",") != "/a,/b,/c" {
		t.Fatalf("children %q", got)
	}
}

// A link views what it points to; a broken one says so.
func TestFilesViewThroughALink(t *testing.T) {
	f := newFixture(t)
	fp := f.v.files
	f.eng.SetFiles(webID, map[string]enginetest.FakeFile{
		"/etc/hosts":  {Mode: 0o644, Data: []byte("127.0.0.1 localhost\n")},
		"/etc/alias":  {Mode: fs.ModeSymlink | 0o777, Link: "hosts"},
		"/etc/broken": {Mode: fs.ModeSymlink | 0o777, Link: "/nowhere"},
	})
	f.v.Select(TabFiles)
	fp.tree.OpenBranch("/etc")
	f.h.Until(t, "/etc", func() bool { return fp.complete("/etc") })
	fp.tree.Select("/etc/alias")
	test.Tap(fp.viewBtn)
	f.h.Until(t, "the viewer", func() bool { return strings.Contains(fp.viewerText.Text(), "localhost") })
	fp.tree.Select("/etc/broken")
	test.Tap(fp.viewBtn)
	f.h.Until(t, "the broken link", func() bool { return strings.Contains(fp.status.Text, "points to /nowhere") })
	if fp.status.Text != `/etc/broken points to /nowhere: There is no file or folder "/nowhere" on this engine.` {
		t.Fatalf("status %q", fp.status.Text)
	}
}

// "Go to target" opens the folders of where a link points and selects it.
func TestFilesGoToALinksTarget(t *testing.T) {
	f := newFixture(t)
	fp := f.v.files
	f.eng.SetFiles(webID, map[string]enginetest.FakeFile{
		"/usr/bin/env": {Mode: 0o755, Data: []byte("#!")},
		"/bin":         {Mode: fs.ModeSymlink | 0o777, Link: "usr/bin"},
		"/sbin":        {Mode: fs.ModeSymlink | 0o777, Link: "usr/bin/env"},
	})
	f.v.Select(TabFiles)
	f.h.Until(t, "/", func() bool { return fp.complete("/") })
	fp.tree.Select("/sbin")
	if fp.goLink.Disabled() {
		t.Fatal("Go to target disabled on a link")
	}
	test.Tap(fp.goLink)
	f.h.Until(t, "the target", func() bool { return fp.sel == "/usr/bin/env" })
	if !fp.tree.IsBranchOpen("/usr") || !fp.tree.IsBranchOpen("/usr/bin") {
		t.Fatal("the target's folders are closed")
	}
	fp.tree.Select("/bin")
	test.Tap(fp.goLink)
	if fp.sel != "/usr/bin" {
		t.Fatalf("selected %q", fp.sel)
	}
}
