package logs

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit/kittest"
)

// host is a fake Host: Do queues, the test goroutine runs the queue (the
// UI goroutine of the test).
type host struct {
	kittest.Queue
	ctx context.Context
	app fyne.App
}

func newHost(t *testing.T) *host {
	return &host{ctx: t.Context(), app: test.NewTempApp(t)}
}

func (h *host) Context() context.Context { return h.ctx }
func (h *host) App() fyne.App            { return h.app }

func numbered(n int, text func(i int) string) []engine.LogLine {
	lines := make([]engine.LogLine, n)
	for i := range lines {
		lines[i] = engine.LogLine{Text: []byte(text(i)), Stderr: i%10 == 9}
	}
	return lines
}

func plainLine(i int) string { return fmt.Sprintf("line %d", i) }

// opened opens the log of a fake container over log and waits for the
// whole history.
func opened(t *testing.T, h *host, log *enginetest.Log) (*Window, *enginetest.Engine) {
	t.Helper()
	fake := enginetest.New(nil, nil)
	fake.ContainerLogsFunc = log.Serve
	w := Open(h, fake, engine.Container{ID: "abc", ShortID: "abc", Name: "webserver"})
	t.Cleanup(w.Close)
	h.Until(t, "the history", func() bool { return w.histDone })
	return w, fake
}

// rowText is the text drawn in row r.
func rowText(w *Window, r int) string {
	o := w.createRow()
	o.Resize(fyne.NewSize(900, w.lineH))
	w.updateRow(r, o)
	var sb strings.Builder
	for _, obj := range o.(*row).box.Objects { // the texts drawn, in order
		if t, ok := obj.(*canvas.Text); ok {
			sb.WriteString(t.Text)
		}
	}
	return sb.String()
}

func TestLogsShowsAndFollows(t *testing.T) {
	h := newHost(t)
	log := enginetest.NewLog(numbered(500, plainLine))
	w, fake := opened(t, h, log)
	if got := w.win.Title(); got != "Logs — webserver" {
		t.Errorf("title %q", got)
	}
	if w.doc.rows() != 500 || rowText(w, 499) != "line 499" || rowText(w, 0) != "line 0" {
		t.Fatalf("%d rows, last %q", w.doc.rows(), rowText(w, 499))
	}
	if in := w.main.Info(499); in.Flags&1 == 0 {
		t.Error("line 499 (stderr) not marked")
	}
	// First the last screenful, then the history, then follow.
	calls := fake.Calls()
	if len(calls) < 2 {
		t.Fatalf("calls %v", calls)
	}
	log.Write(numbered(3, func(i int) string { return fmt.Sprint("new ", i) })...)
	h.Until(t, "followed lines", func() bool { return w.doc.rows() == 503 })
	if rowText(w, 502) != "new 2" {
		t.Errorf("last row %q", rowText(w, 502))
	}
	log.Stop()
	h.Until(t, "end message", func() bool { return strings.Contains(w.status.Text, "stopped") })
	// It starts again: a marker, then its lines.
	log.Write(engine.LogLine{Text: []byte("back")})
	h.Until(t, "restart", func() bool { return w.doc.rows() == 505 })
	if got := rowText(w, 503); !strings.Contains(got, "webserver restarted") {
		t.Errorf("marker row %q", got)
	}
	if strings.Contains(w.status.Text, "stopped") {
		t.Errorf("status %q after the restart", w.status.Text)
	}
}

func TestLogsError(t *testing.T) {
	h := newHost(t)
	log := enginetest.NewLog(nil)
	log.Fail(&engine.Error{Kind: engine.ErrNotFound, Ref: "abc", What: "container"})
	fake := enginetest.New(nil, nil)
	fake.ContainerLogsFunc = log.Serve
	w := Open(h, fake, engine.Container{ID: "abc", ShortID: "abc"})
	defer w.Close()
	if got := w.win.Title(); got != "Logs — abc" {
		t.Errorf("title %q", got)
	}
	h.Until(t, "error", func() bool { return w.status.Text == `There is no container "abc" on this engine.` })
}

// A container removed while its log is open: the log says so and keeps
// what it showed.
func TestLogsContainerRemoved(t *testing.T) {
	h := newHost(t)
	log := enginetest.NewLog(numbered(20, plainLine))
	w, _ := opened(t, h, log)
	log.Fail(&engine.Error{Kind: engine.ErrNotFound, Ref: "abc", What: "container"})
	log.Stop()
	h.Until(t, "removed", func() bool { return strings.Contains(w.status.Text, "removed") })
	if w.doc.rows() != 20 || rowText(w, 19) != "line 19" {
		t.Errorf("%d rows kept", w.doc.rows())
	}
}

// Closing the window ends the stream and deletes the temporary files.
func TestLogsCloseEndsStreamAndDeletesFiles(t *testing.T) {
	h := newHost(t)
	log := enginetest.NewLog(numbered(120000, func(i int) string { return strings.Repeat("x", 80) + fmt.Sprint(i) }))
	w, _ := opened(t, h, log)
	files := w.main.Files()
	if len(files) == 0 {
		t.Fatal("10 MB of lines and no spill file")
	}
	main := w.main
	w.Close()
	if main.Len() != 0 {
		t.Error("the store kept its lines")
	}
	for _, f := range files {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s is left: %v", f, err)
		}
	}
}

func TestLogsSearchFilterExport(t *testing.T) {
	h := newHost(t)
	log := enginetest.NewLog(numbered(3000, func(i int) string {
		if i%100 == 7 {
			return fmt.Sprintf("\x1b[31mERROR\x1b[0m request %d failed", i)
		}
		return fmt.Sprintf("INFO request %d ok", i)
	}))
	w, _ := opened(t, h, log)
	test.Type(w.search, "error")
	h.Until(t, "30 matches", func() bool { return w.searchIn.Text == "30 of 30" })
	w.step(1)
	if w.searchIn.Text != "1 of 30" {
		t.Errorf("after Enter: %q", w.searchIn.Text)
	}
	w.search.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShift})
	if w.searchIn.Text != "30 of 30" {
		t.Errorf("after Shift+Enter: %q", w.searchIn.Text)
	}
	// Case toggle: "error" matches nothing in upper case.
	test.Tap(w.caseBox)
	h.Until(t, "no match with case", func() bool { return w.searchIn.Text == "no match" })
	test.Tap(w.caseBox)
	// A regular expression; a bad one is marked, never a crash.
	test.Tap(w.reBox)
	w.search.SetText(`request \d*7 failed`)
	h.Until(t, "regexp matches", func() bool { return w.searchIn.Text == "1 of 30" })
	w.search.SetText(`request (\d`)
	if !strings.Contains(w.searchIn.Text, "missing closing )") || w.searchIn.Importance != widget.DangerImportance {
		t.Errorf("bad pattern: %q", w.searchIn.Text)
	}
	w.search.SetText(`ERROR request \d+`)
	h.Until(t, "regexp matches", func() bool { return w.searchIn.Text == "1 of 30" })
	// Filter: only the matching lines, then with a line of context.
	test.Tap(w.filter)
	if w.doc.rows() != 30 || rowText(w, 0) != "ERROR request 7 failed" {
		t.Fatalf("filter: %d rows, first %q", w.doc.rows(), rowText(w, 0))
	}
	w.context.SetSelected("1 line around")
	if w.doc.rows() != 90 || rowText(w, 0) != "INFO request 6 ok" {
		t.Errorf("context: %d rows, first %q", w.doc.rows(), rowText(w, 0))
	}
	// Export writes exactly the lines shown.
	var out bytes.Buffer
	done := false
	w.ExportTo(&out, func(n int, err error) { done = err == nil && n == 90 })
	h.Until(t, "export", func() bool { return done })
	var want strings.Builder
	for r := range w.doc.rows() {
		want.WriteString(rowText(w, r) + "\n")
	}
	if out.String() != want.String() {
		t.Errorf("export:\n%.200s\nwant:\n%.200s", out.String(), want.String())
	}
	// Copy all matching.
	w.copyMatching()
	if got := h.app.Clipboard().Content(); strings.Count(got, "\n") != 30 || !strings.HasPrefix(got, "ERROR request 7 failed\n") {
		t.Errorf("copied %.80q", got)
	}
	// Select two lines and copy them.
	w.selectRow(1, false)
	w.selectRow(2, true)
	w.copySelection()
	if got := h.app.Clipboard().Content(); got != "ERROR request 7 failed\nINFO request 8 ok\n" {
		t.Errorf("copied %q", got)
	}
}

// A long line wraps into rows that hold all of it; unwrapped it is one row.
func TestLogsWrapLongLine(t *testing.T) {
	h := newHost(t)
	big := strings.Repeat("abcdefghij", 100000) // 1 MB
	log := enginetest.NewLog([]engine.LogLine{{Text: []byte("short")}, {Text: []byte(big)}, {Text: []byte("after")}})
	w, _ := opened(t, h, log)
	if w.doc.rows() != 3 {
		t.Fatalf("%d rows", w.doc.rows())
	}
	test.Tap(w.wrap)
	cols := w.doc.cols
	if cols == 0 {
		t.Fatal("no columns")
	}
	want := 2 + (len(big)+cols-1)/cols
	if w.doc.rows() != want {
		t.Fatalf("%d rows wrapped at %d, want %d", w.doc.rows(), cols, want)
	}
	var sb strings.Builder
	for r := 1; r < want-1; r++ {
		sb.WriteString(rowText(w, r))
	}
	if sb.String() != big {
		t.Errorf("wrapped rows hold %d bytes, want %d", sb.Len(), len(big))
	}
	if rowText(w, want-1) != "after" {
		t.Errorf("last row %q", rowText(w, want-1))
	}
}

// A compose project's log: both containers' lines in time order, each
// marked, and a toggle per container.
func TestLogsProjectMerged(t *testing.T) {
	h := newHost(t)
	t0 := time.Now().Add(-time.Minute)
	logs := map[string]*enginetest.Log{}
	for k, id := range []string{"web", "db"} {
		var lines []engine.LogLine
		for i := range 50 {
			lines = append(lines, engine.LogLine{Text: []byte(fmt.Sprintf("%s %d", id, i)), Time: t0.Add(time.Duration(2*i+k) * time.Millisecond)})
		}
		logs[id] = enginetest.NewLog(lines)
	}
	fake := enginetest.New(nil, nil)
	fake.ContainerLogsFunc = func(ctx context.Context, id string, o engine.LogOptions, fn func([]engine.LogLine)) error {
		return logs[id].Serve(ctx, id, o, fn)
	}
	cs := []engine.Container{
		{ID: "web", Name: "shop-web-1", Labels: map[string]string{"com.docker.compose.service": "web", "com.docker.compose.container-number": "1"}},
		{ID: "db", Name: "shop-db-1", Labels: map[string]string{"com.docker.compose.service": "db", "com.docker.compose.container-number": "1"}},
	}
	w := OpenProject(h, fake, "shop", cs)
	defer w.Close()
	h.Until(t, "the history", func() bool { return w.histDone && w.doc.rows() == 100 })
	if w.win.Title() != "Logs — shop (compose)" {
		t.Errorf("title %q", w.win.Title())
	}
	for r := range 100 {
		name := []string{"web-1", "db-1 "}[r%2]
		want := fmt.Sprintf("%s │%s %d", name, strings.TrimSpace(name[:len(name)-2]), r/2)
		want = strings.Replace(want, " │", " │", 1)
		if got := rowText(w, r); !strings.HasPrefix(got, strings.TrimSpace(name)) || !strings.HasSuffix(got, fmt.Sprintf(" %d", r/2)) {
			t.Fatalf("row %d %q", r, got)
		}
	}
	// db-1 is sorted first (by name): its toggle hides its lines.
	if w.toggles[0].Text != "db-1" {
		t.Fatalf("toggles %q", w.toggles[0].Text)
	}
	test.Tap(w.toggles[0])
	if w.doc.rows() != 50 || !strings.Contains(rowText(w, 0), "web 0") {
		t.Errorf("without db: %d rows, first %q", w.doc.rows(), rowText(w, 0))
	}
}

// streamed opens a log window over n lines and an open stream.
func streamed(t *testing.T, h *host, n int) (*Window, *enginetest.Engine) {
	t.Helper()
	return opened(t, h, enginetest.NewLog(numbered(n, plainLine)))
}

// The window closes under any window manager: its Close button, Ctrl+W.
// Closing hands the lines back.
func TestLogsCloseButtonAndCtrlW(t *testing.T) {
	h := newHost(t)
	w, _ := streamed(t, h, 10)
	var close *widget.Button
	for _, o := range kittest.Walk(w.win.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Close" {
			close = b
		}
	}
	if close == nil {
		t.Fatal("the logs window has no Close button")
	}
	ctx := w.ctx
	test.Tap(close)
	if ctx.Err() == nil || w.main != nil {
		t.Error("the Close button left the stream or the lines")
	}
	w, _ = streamed(t, h, 10)
	ctx = w.ctx
	w.win.Canvas().Focus(w.follow) // a focused check box leaves shortcuts to the window
	w.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault})
	if ctx.Err() == nil {
		t.Error("Ctrl+W left the stream open")
	}
}

// A notch of the mouse wheel scrolls three lines: Fyne's desktop driver
// sends a notch as a scroll of 25 (which moved the list less than a line).
func TestLogsWheelScrollsThreeLines(t *testing.T) {
	h := newHost(t)
	w, _ := streamed(t, h, 500)
	test.Tap(w.follow)
	w.list.ScrollToTop()
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(w.list)
	test.Scroll(w.win.Canvas(), top.AddXY(50, 50), 0, -25)
	test.Scroll(w.win.Canvas(), top.AddXY(50, 50), 0, -25)
	var at *row
	for _, o := range kittest.Walk(w.list) {
		if r, ok := o.(*row); ok && r.Visible() && r.r == 6 {
			at = r
		}
	}
	if at == nil {
		t.Fatal("line 6 is not drawn after two notches")
	}
	if y := d.AbsolutePositionForObject(at).Y - top.Y; y < -1 || y > 1 {
		t.Errorf("after two notches line 6 is %.1f below the top of the list, want 0 (offset %.1f)", y, w.list.GetScrollOffset())
	}
	// Scrolling up stopped following; new lines show "jump to end".
	if w.following {
		t.Error("still following after scrolling up")
	}
}

// Asked again for a log that is open, Open brings that window to the front.
func TestLogsOpenTwiceRaises(t *testing.T) {
	h := newHost(t)
	w, fake := streamed(t, h, 5)
	again := Open(h, fake, engine.Container{ID: "abc", ShortID: "abc", Name: "webserver"})
	if again != w {
		t.Error("a second window for the same container")
	}
	w.Close()
	third := Open(h, fake, engine.Container{ID: "abc", ShortID: "abc", Name: "webserver"})
	defer third.Close()
	if third == w {
		t.Error("a closed window came back")
	}
}
