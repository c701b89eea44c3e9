package containers

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit"
	"berth/gui/kit/kittest"
	"berth/gui/present"
)

var (
	webserver = kittest.Webserver
	shopWeb   = kittest.ShopWeb
	shopDB    = kittest.ShopDB
	worker    = kittest.Worker
	mclaren   = kittest.Mclaren
)

// fixture is the fixed data of the tests: the tutorial's webserver, an
// exited container, and a compose project of three.
func fixture() []engine.Container { return kittest.Tutorial() }

func newFake() *enginetest.Engine { return enginetest.New(fixture(), nil) }

// text is what a cell shows, links in brackets.
func text(t *testing.T, o fyne.CanvasObject) string {
	t.Helper()
	switch c := o.(type) {
	case *widget.Label:
		return c.Text
	case *kit.TailLabel:
		return c.Full()
	case *statusCell:
		return c.label.Full()
	case *idCell:
		return c.label.Text
	case *portsCell:
		var parts []string
		for _, o := range c.box.Objects {
			switch w := o.(type) {
			case *widget.Hyperlink:
				parts = append(parts, "["+w.Text+"]")
			case *widget.Label:
				parts = append(parts, w.Text)
			}
		}
		return strings.Join(parts, " ")
	}
	t.Fatalf("no text in a %T", o)
	return ""
}

func TestContainersTableShowsPsColumns(t *testing.T) {
	e := start(t, newFake())
	var titles []string
	for _, c := range e.v.table.Columns {
		titles = append(titles, c.Title)
	}
	if got := strings.Join(titles, "|"); got != "|Name|Image|Status|Ports|Created|Container ID|Actions|Command" {
		t.Errorf("columns %q", got)
	}
	want := map[int]string{
		colName:    "webserver",
		colImage:   "nginx",
		colStatus:  "Up 9 minutes",
		colPorts:   "[0.0.0.0:80->80/tcp]",
		colCreated: "9 minutes ago",
		colID:      "5c17b6cbcddd",
		colCommand: `"nginx -g 'daemon of…"`,
	}
	for col, w := range want {
		if got := text(t, e.cell(webserver, col)); got != w {
			t.Errorf("webserver column %s: %q, want %q", e.v.table.Columns[col].Title, got, w)
		}
	}
	if got := text(t, e.cell(mclaren, colStatus)); got != "Exited (0) 3 days ago" {
		t.Errorf("awesome_mclaren status %q", got)
	}
	if got := text(t, e.cell(shopDB, colPorts)); got != "5432/tcp" {
		t.Errorf("unpublished port %q, want plain 5432/tcp", got)
	}
	// State marks: running green, paused yellow, exited grey.
	for id, col := range map[string]fyne.ThemeColorName{
		webserver: theme.ColorNameSuccess, worker: theme.ColorNameWarning, mclaren: theme.ColorNameDisabled,
	} {
		if got := e.status(id).dot.Color(); got != col {
			t.Errorf("%s state mark %s, want %s", id[:12], got, col)
		}
	}
	// The row's buttons follow the state: stop for running, start for exited.
	if a := e.actions(webserver); a.button(Stop) == nil || a.button(Pause) == nil || a.button(Pause).Disabled() {
		t.Errorf("webserver actions %v", a.shown)
	}
	if a := e.actions(mclaren); a.button(Start) == nil || a.button(Pause) == nil || !a.button(Pause).Disabled() {
		t.Errorf("awesome_mclaren actions %v, want start and a disabled pause", a.shown)
	}
	if a := e.actions(worker); a.button(Resume) == nil {
		t.Errorf("paused worker offers %v, want resume", a.shown)
	}
	if n := e.v.VisibleRows(); n != 5 {
		t.Errorf("%d rows, want 5 (all, like ps -a)", n)
	}
}

func TestContainersFilterMatchesNameImageAndID(t *testing.T) {
	e := start(t, newFake())
	for _, tc := range []struct {
		filter string
		want   int
	}{
		{"", 5},
		{"web", 3},    // webserver, shop-web-1, shop-worker-1 (image berthtest/web)
		{"NGINX", 2},  // image, any case
		{"5c17b6", 1}, // short ID
		{"postgres:15", 1},
		{"shop", 3},      // compose project name
		{"berthtest", 2}, // image of two shop containers
		{"nothing-like-this", 0},
	} {
		e.v.SetFilter(tc.filter)
		if got := e.v.VisibleRows(); got != tc.want {
			t.Errorf("filter %q: %d rows, want %d", tc.filter, got, tc.want)
		}
	}
	e.v.SetFilter("zzz")
	if !e.v.empty.Visible() || !strings.Contains(e.v.empty.Text, `No container matches "zzz"`) {
		t.Errorf("empty text %q (visible %v)", e.v.empty.Text, e.v.empty.Visible())
	}
	// Typing into the entry filters too; Escape clears it.
	e.v.filter.SetText("")
	test.Type(e.v.filter, "mcl")
	if got := e.v.VisibleRows(); got != 1 {
		t.Errorf("typed mcl: %d rows", got)
	}
	e.v.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if got := e.v.VisibleRows(); got != 5 {
		t.Errorf("after Escape: %d rows", got)
	}
}

func TestContainersOnlyRunningToggle(t *testing.T) {
	e := start(t, newFake())
	if e.v.onlyRunning.Checked {
		t.Fatal("only running is on by default; want all, like ps -a")
	}
	test.Tap(e.v.onlyRunning)
	if got := e.v.VisibleRows(); got != 4 {
		t.Errorf("only running: %d rows, want 4 (paused counts as running, like docker ps)", got)
	}
	if _, ok := e.v.StatusText(mclaren); ok {
		t.Error("the exited container shows with only running on")
	}
	// A container that stops leaves the only-running view by itself.
	e.setState(webserver, engine.StateExited, "Exited (0) 1 second ago")
	if _, ok := e.v.StatusText(webserver); ok {
		t.Error("the stopped webserver stays in the only-running view")
	}
	e.v.SetOnlyRunning(false)
	if e.v.onlyRunning.Checked {
		t.Error("SetOnlyRunning(false) left the toggle on")
	}
	if got := e.statusOf(webserver); got != "Exited (0) 1 second ago" {
		t.Errorf("all containers: webserver status %q", got)
	}
}

func TestContainersComposeProjectGrouped(t *testing.T) {
	e := start(t, newFake())
	v := e.v
	// Rows: webserver, [shop], shop-web-1, shop-db-1, shop-worker-1, awesome_mclaren.
	var got []string
	for _, r := range v.rows {
		if r.e != nil {
			got = append(got, r.e.c.Name)
		} else {
			got = append(got, "["+r.g.name+"]")
		}
	}
	if want := "webserver,[shop],shop-web-1,shop-db-1,shop-worker-1,awesome_mclaren"; strings.Join(got, ",") != want {
		t.Errorf("rows %q, want %q", strings.Join(got, ","), want)
	}
	// The header row names the project and counts its members.
	header := []string{text(t, e.cell("[shop]", colName)), text(t, e.cell("[shop]", colImage)), text(t, e.cell("[shop]", colStatus))}
	if joined := strings.Join(header, "|"); joined != "shop|Compose · 3|2 running, 1 paused" {
		t.Errorf("group header cells %q", joined)
	}
	if !e.cell("[shop]", colActions).Visible() {
		t.Error("the group header shows no stack buttons")
	}
	if got := text(t, e.cell(shopWeb, colName)); got != "   shop-web-1" {
		t.Errorf("member name %q, want it indented", got)
	}
	// The summary follows the members.
	e.setState(shopWeb, engine.StateExited, "Exited (0) 1 second ago")
	if got := text(t, e.cell("[shop]", colStatus)); got != "1 running, 1 paused" {
		t.Errorf("summary after shop-web-1 stopped: %q", got)
	}
	// Ticking the header selects the project's members.
	test.Tap(e.cell("[shop]", colTick).(*tickCell).box)
	if len(v.checked) != 3 || !v.checked[shopWeb] || !v.checked[shopDB] || !v.checked[worker] {
		t.Errorf("checked %v after ticking the project", v.checked)
	}
	// Filtered: the header stays with its visible members only.
	v.SetFilter("db")
	if len(v.rows) != 2 || v.rows[0].g == nil || v.rows[1].e == nil || v.rows[1].e.c.ID != shopDB {
		t.Errorf("filter db: rows %v, want the shop header and shop-db-1", v.rows)
	}
}

func TestContainersPortLinksOpenTheBrowser(t *testing.T) {
	e := start(t, newFake())
	for _, id := range []string{webserver, shopWeb} {
		c := e.cell(id, colPorts).(*portsCell)
		h, ok := c.box.Objects[0].(*widget.Hyperlink)
		if !ok {
			t.Fatalf("%s: first port is %T, want a link", id[:12], c.box.Objects[0])
		}
		test.TapAt(h, fyne.NewPos(h.Size().Width/2, h.Size().Height/2))
	}
	want := []string{"http://localhost:80/", "http://127.0.0.1:8080/"}
	if strings.Join(e.h.opened, " ") != strings.Join(want, " ") {
		t.Errorf("opened %q, want %q", e.h.opened, want)
	}
	if links := e.cell(webserver, colPorts).(*portsCell).box.Objects; len(links) != 1 {
		t.Errorf("webserver shows %d port objects; the IPv6 twin of 0.0.0.0:80 must not make a second link", len(links))
	}
}

func TestContainersStopInFlightKeepsTableUsable(t *testing.T) {
	fake := newFake()
	release := make(chan struct{})
	var stopping atomic.Bool
	fake.ContainerStopFunc = func(ctx context.Context, id string, _ *time.Duration) error {
		stopping.Store(true)
		select {
		case <-release:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	e := start(t, fake)
	test.Tap(e.button(webserver, Stop))
	e.h.Until(t, "the stop call", stopping.Load)

	if got := e.statusOf(webserver); got != Stop.Doing {
		t.Errorf("webserver status %q while stopping, want Stopping…", got)
	}
	if got := text(t, e.cell(webserver, colStatus)); got != "Stopping…" {
		t.Errorf("the status cell shows %q while stopping", got)
	}
	if !e.status(webserver).spin.Visible() {
		t.Error("no activity indicator on the stopping row")
	}
	a := e.actions(webserver)
	if !a.button(Stop).Disabled() || !a.button(Remove).Disabled() {
		t.Error("the stopping row's buttons stay enabled")
	}
	// The rest of the table stays usable: other rows' buttons, the filter.
	if e.actions(shopWeb).button(Stop).Disabled() {
		t.Error("another row's buttons are disabled while webserver stops")
	}
	e.v.SetFilter("mclaren")
	if e.v.VisibleRows() != 1 {
		t.Error("the filter does not work while an action is in flight")
	}
	e.v.SetFilter("")
	test.Tap(e.button(shopWeb, Restart))
	e.h.Until(t, "the restart of shop-web-1", func() bool { return len(e.calls("Restart "+shopWeb)) == 1 })

	// The engine answers; the event brings the new status.
	e.setState(webserver, engine.StateExited, "Exited (0) 1 second ago")
	close(release)
	e.h.Until(t, "webserver to show Exited", func() bool { return e.statusOf(webserver) == "Exited (0) 1 second ago" })
	if e.actions(webserver).button(Start) == nil {
		t.Error("the stopped row does not offer start")
	}
	if e.status(webserver).spin.Visible() {
		t.Error("the spinner runs on after the stop")
	}
	if len(e.h.All()) != 0 {
		t.Errorf("unexpected question %q", e.h.Last(t).Title)
	}
}

func TestContainersEventUpdatesRowWithoutRebuild(t *testing.T) {
	e := start(t, newFake())
	v := e.v
	// Highlight a row: an update of another container keeps it.
	v.table.Select(widget.TableCellID{Row: v.rowOf(mclaren), Col: colName})
	rowsBefore := append([]row(nil), v.rows...)
	e.setState(shopDB, engine.StateExited, "Exited (137) 1 second ago")
	if got := e.statusOf(shopDB); got != "Exited (137) 1 second ago" {
		t.Fatalf("shop-db-1 shows %q", got)
	}
	if len(v.rows) != len(rowsBefore) {
		t.Fatalf("rows changed: %v -> %v", rowsBefore, v.rows)
	}
	for i := range rowsBefore {
		if v.rows[i] != rowsBefore[i] {
			t.Fatalf("rows moved: %v -> %v", rowsBefore, v.rows)
		}
	}
	if v.current != mclaren {
		t.Errorf("highlight moved to %q", v.current)
	}
	if got := text(t, e.cell(shopDB, colStatus)); got != "Exited (137) 1 second ago" {
		t.Errorf("cell shows %q", got)
	}
	// A container removed elsewhere leaves the table.
	e.removeFromFake(mclaren)
	if _, ok := e.v.StatusText(mclaren); ok {
		t.Error("awesome_mclaren stays")
	}
	if v.current != "" {
		t.Errorf("highlight still on the removed container %q", v.current)
	}
}

func TestContainersRemoveStoppedAsksFirst(t *testing.T) {
	fake := newFake()
	var mu sync.Mutex
	var opts []engine.RemoveOptions
	fake.ContainerRemoveFunc = func(_ context.Context, id string, o engine.RemoveOptions) error {
		mu.Lock()
		opts = append(opts, o)
		mu.Unlock()
		return nil
	}
	e := start(t, fake)
	test.Tap(e.button(mclaren, Remove))
	q := e.h.Last(t)
	if want := "Remove container awesome_mclaren (e6d5c4b3a291)? Its anonymous volumes are kept."; q.Message != want {
		t.Errorf("asked %q, want %q", q.Message, want)
	}
	e.h.Answer(t, q, "Cancel")
	e.h.Drain()
	if n := len(e.calls("Remove ")); n != 0 {
		t.Fatalf("Cancel removed %d", n)
	}
	test.Tap(e.button(mclaren, Remove))
	e.h.Answer(t, e.h.Last(t), "Remove")
	e.h.Until(t, "the remove call", func() bool { return len(e.calls("Remove "+mclaren)) == 1 })
	mu.Lock()
	defer mu.Unlock()
	if len(opts) != 1 || opts[0].Force || opts[0].Volumes {
		t.Errorf("remove options %+v, want no force and volumes kept", opts)
	}
}

func TestContainersRemoveRunningNeedsStopAndRemove(t *testing.T) {
	fake := newFake()
	var mu sync.Mutex
	var order []string
	release := make(chan struct{})
	fake.ContainerStopFunc = func(_ context.Context, id string, _ *time.Duration) error {
		<-release
		mu.Lock()
		order = append(order, "stop")
		mu.Unlock()
		return nil
	}
	fake.ContainerRemoveFunc = func(_ context.Context, id string, o engine.RemoveOptions) error {
		mu.Lock()
		order = append(order, "remove force="+map[bool]string{true: "yes", false: "no"}[o.Force])
		mu.Unlock()
		return nil
	}
	e := start(t, fake)
	test.Tap(e.button(webserver, Remove))
	first := e.h.Last(t)
	if !strings.HasPrefix(first.Message, "Remove container webserver (5c17b6cbcddd)? Its anonymous volumes are kept.") ||
		!strings.Contains(first.Message, "running") {
		t.Errorf("first question %q", first.Message)
	}
	e.h.Answer(t, first, "Remove")
	e.h.Drain()
	if n := len(e.calls("Remove ")) + len(e.calls("Stop ")); n != 0 {
		t.Fatal("a running container was touched before the second question")
	}
	if len(e.h.All()) != 2 {
		t.Fatalf("no second, explicit question: asked %d", len(e.h.All()))
	}
	second := e.h.Last(t)
	if _, ok := second.Choice("Stop and remove"); !ok {
		t.Fatalf("the second question %q offers no Stop and remove", second.Message)
	}
	if !strings.Contains(second.Message, "webserver (5c17b6cbcddd) is running") {
		t.Errorf("second question %q", second.Message)
	}
	e.h.Answer(t, second, "Stop and remove")
	e.h.Until(t, "the stop", func() bool { return len(e.calls("Stop "+webserver)) == 1 })
	if got := e.statusOf(webserver); got != Stop.Doing {
		t.Errorf("status %q while stopping before the removal", got)
	}
	close(release)
	e.h.Until(t, "stop and remove", func() bool { return len(e.calls("Remove "+webserver)) == 1 })
	e.h.Until(t, "the end of the removal", func() bool { return e.statusOf(webserver) == "Up 9 minutes" })
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(order, ",") != "stop,remove force=yes" {
		t.Errorf("calls %q, want stop then forced remove", order)
	}
}

func TestContainersRemoveRaceAsksAgain(t *testing.T) {
	fake := newFake()
	fake.ContainerRemoveFunc = func(_ context.Context, id string, o engine.RemoveOptions) error {
		if !o.Force {
			return &engine.Error{Kind: engine.ErrMustStop, Ref: id}
		}
		return nil
	}
	e := start(t, fake)
	// The snapshot says exited, but the engine finds it running (started meanwhile).
	test.Tap(e.button(mclaren, Remove))
	e.h.Answer(t, e.h.Last(t), "Remove")
	e.h.Until(t, "the second question", func() bool { return len(e.h.All()) == 2 })
	if _, ok := e.h.Last(t).Choice("Stop and remove"); !ok {
		t.Fatalf("question %q does not offer Stop and remove", e.h.Last(t).Message)
	}
}

func TestContainersMultiSelectionActions(t *testing.T) {
	e := start(t, newFake())
	v := e.v
	if v.selBar.Visible() {
		t.Fatal("the selection bar shows with nothing selected")
	}
	test.Tap(e.cell(webserver, colTick).(*tickCell).box)
	test.Tap(e.cell(mclaren, colTick).(*tickCell).box)
	if !v.selBar.Visible() || v.selLabel.Text != "2 selected" {
		t.Fatalf("selection bar %v %q", v.selBar.Visible(), v.selLabel.Text)
	}
	test.Tap(barButton(t, v, Stop))
	e.h.Until(t, "the stop", func() bool { return len(e.calls("Stop ")) == 1 })
	if got := e.calls("Stop "); got[0] != "Stop "+webserver {
		t.Errorf("stop went to %q; only the running one should be stopped", got)
	}
	e.h.Until(t, "the stop to finish", func() bool { return e.statusOf(webserver) != Stop.Doing })

	// Delete asks about both, by name.
	v.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	q := e.h.Last(t)
	if want := "Remove 2 containers: webserver (5c17b6cbcddd) and awesome_mclaren (e6d5c4b3a291)? Their anonymous volumes are kept."; !strings.HasPrefix(q.Message, want) {
		t.Errorf("asked %q, want it to start with %q", q.Message, want)
	}
	e.h.Answer(t, q, "Cancel")

	test.Tap(v.copyButton)
	if got := fyne.CurrentApp().Clipboard().Content(); got != webserver+"\n"+mclaren {
		t.Errorf("clipboard %q", got)
	}
	test.Tap(v.clearButton)
	if len(v.checked) != 0 || v.selBar.Visible() {
		t.Error("Clear left a selection")
	}
	// The header tick selects every visible container.
	v.SetFilter("shop")
	test.Tap(e.header(colTick).(fyne.Tappable))
	if len(v.checked) != 3 {
		t.Errorf("select all visible checked %d, want 3", len(v.checked))
	}
}

// barButton is the selection bar's button for a.
func barButton(t *testing.T, v *View, a *Action) *widget.Button {
	t.Helper()
	for i, x := range Actions {
		if x == a {
			return v.barButtons[i]
		}
	}
	t.Fatalf("no selection button for %s", a.Label)
	return nil
}

func TestContainersCopyIDToClipboard(t *testing.T) {
	e := start(t, newFake())
	test.Tap(e.cell(webserver, colID).(*idCell).copy)
	if got := fyne.CurrentApp().Clipboard().Content(); got != webserver {
		t.Errorf("clipboard %q, want the full ID", got)
	}
}

func TestContainersLogsButton(t *testing.T) {
	e := start(t, newFake())
	test.Tap(e.actions(webserver).logs)
	if len(e.h.logs) != 1 || e.h.logs[0] != webserver {
		t.Errorf("logs opened for %q", e.h.logs)
	}
	test.Tap(e.v.runButton)
	if len(e.h.runs) != 1 || e.h.runs[0] != "" {
		t.Errorf("run dialog opened with %q", e.h.runs)
	}
}

func TestContainersErrorsInPlainWords(t *testing.T) {
	fake := newFake()
	fake.ContainerStartFunc = func(context.Context, string) error {
		return &engine.Error{Kind: engine.ErrPortAllocated,
			Err: errors.New("driver failed programming external connectivity: Bind for 0.0.0.0:80 failed: port is already allocated")}
	}
	e := start(t, fake)
	test.Tap(e.button(mclaren, Start))
	e.h.Until(t, "the error dialog", func() bool { return len(e.h.All()) > 0 })
	q := e.h.Last(t)
	if q.Title != "Could not start awesome_mclaren (e6d5c4b3a291)" {
		t.Errorf("title %q", q.Title)
	}
	if q.Message != "A host port you asked for is already in use by another container or program. Choose another host port." {
		t.Errorf("message %q", q.Message)
	}
	if got := e.statusOf(mclaren); got != "Exited (0) 3 days ago" {
		t.Errorf("status after the failed start %q", got)
	}
}

func TestContainersErrorsOfSeveralTogether(t *testing.T) {
	fake := newFake()
	fake.ContainerRestartFunc = func(_ context.Context, id string, _ *time.Duration) error {
		return &engine.Error{Kind: engine.ErrNotFound, Ref: id[:12], What: "container"}
	}
	e := start(t, fake)
	test.Tap(e.cell(webserver, colTick).(*tickCell).box)
	test.Tap(e.cell(mclaren, colTick).(*tickCell).box)
	test.Tap(barButton(t, e.v, Restart))
	e.h.Until(t, "the error dialog", func() bool { return len(e.h.All()) > 0 })
	q := e.h.Last(t)
	if q.Title != "Could not restart 2 containers" || !strings.HasPrefix(q.Message, `webserver (5c17b6cbcddd): There is no container "5c17b6cbcddd"`) {
		t.Errorf("%q: %q", q.Title, q.Message)
	}
	if len(e.h.All()) != 1 {
		t.Errorf("asked %d times, want once for both", len(e.h.All()))
	}
}

func TestContainersEngineDropsMidAction(t *testing.T) {
	fake := newFake()
	unreachable := &engine.Error{Kind: engine.ErrUnreachable, Ref: "unix:///fake.sock"}
	gone := make(chan struct{})
	fake.ContainerStopFunc = func(ctx context.Context, id string, _ *time.Duration) error {
		select {
		case <-gone:
			return unreachable
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	e := start(t, fake)
	test.Tap(e.button(webserver, Stop))
	e.h.Until(t, "Stopping…", func() bool { return e.statusOf(webserver) == Stop.Doing })

	// The engine goes away mid-action; the stop fails for the same reason, said in plain words.
	e.setReachable(false, unreachable)
	close(gone)
	e.h.Until(t, "the error of the stop", func() bool { return len(e.h.All()) > 0 })
	if q := e.h.Last(t); q.Title != "Could not stop webserver (5c17b6cbcddd)" || q.Message != present.Explain(unreachable) {
		t.Errorf("dialog %q: %q", q.Title, q.Message)
	}

	// The last known lists stay, greyed out and disabled.
	if n := e.v.VisibleRows(); n != 5 {
		t.Errorf("%d rows while offline, want the last known 5", n)
	}
	if got := e.statusOf(webserver); got != "Up 9 minutes" {
		t.Errorf("webserver shows %q while offline, want its last known status", got)
	}
	if l := e.cell(shopWeb, colName).(*kit.TailLabel); l.Importance != widget.LowImportance {
		t.Error("rows are not greyed out while offline")
	}
	if !e.actions(shopWeb).button(Stop).Disabled() {
		t.Error("row actions stay enabled while offline")
	}
	if e.status(shopWeb).dot.Color() != theme.ColorNameDisabled {
		t.Error("state marks keep their colour while offline")
	}
	if got := text(t, e.cell(webserver, colPorts)); got != "0.0.0.0:80->80/tcp, [::]:80->80/tcp" {
		t.Errorf("ports offline %q, want plain text", got)
	}
	test.Tap(e.cell(webserver, colTick).(*tickCell).box)
	if len(e.v.checked) != 0 {
		t.Error("a row can be ticked while offline")
	}
	e.v.RemoveSelection()
	if len(e.h.All()) != 1 {
		t.Error("Delete asks while offline")
	}

	// The engine answers again.
	e.setReachable(true, nil)
	if l := e.cell(shopWeb, colName).(*kit.TailLabel); l.Importance == widget.LowImportance {
		t.Error("rows stay grey after reconnecting")
	}
	if e.actions(shopWeb).button(Stop).Disabled() {
		t.Error("row actions stay disabled after reconnecting")
	}
	if got := text(t, e.cell(webserver, colPorts)); got != "[0.0.0.0:80->80/tcp]" {
		t.Errorf("ports after reconnecting %q, want a link", got)
	}
}

func TestContainersEmptyTexts(t *testing.T) {
	e := startEmpty(t, enginetest.New(nil, nil))
	if !e.v.empty.Visible() || !strings.Contains(e.v.empty.Text, "Connecting") {
		t.Errorf("before the first snapshot: %q", e.v.empty.Text)
	}
	e.apply(engine.Change{Full: true})
	if e.v.empty.Text != "No containers yet. Run one with Run… (Ctrl+N)." {
		t.Errorf("no containers: %q", e.v.empty.Text)
	}
	e.setReachable(false, &engine.Error{Kind: engine.ErrUnreachable})
	if e.v.empty.Text != "No containers to show: the engine is not reachable." {
		t.Errorf("offline: %q", e.v.empty.Text)
	}

	e = start(t, enginetest.New(fixture()[4:], nil))
	e.v.SetOnlyRunning(true)
	if !e.v.empty.Visible() || e.v.empty.Text != `No container is running. Turn off "Only running" to see them all.` {
		t.Errorf("only running, none running: %q", e.v.empty.Text)
	}
}

func TestContainersShortcutsAndDelete(t *testing.T) {
	e := start(t, newFake())
	c := e.h.win.Canvas()
	e.v.FocusFilter()
	if c.Focused() != e.v.filter {
		t.Errorf("FocusFilter focused %v", c.Focused())
	}
	// The window's shortcuts reach the window from inside the filter.
	e.v.filter.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault})
	if len(e.h.shortcut) != 1 {
		t.Errorf("shortcuts %q", e.h.shortcut)
	}
	// Delete with a highlighted row asks before removing it.
	c.Unfocus()
	e.v.table.Select(widget.TableCellID{Row: e.v.rowOf(mclaren), Col: colName})
	e.v.RemoveSelection()
	q := e.h.Last(t)
	if !strings.Contains(q.Message, "awesome_mclaren (e6d5c4b3a291)") {
		t.Errorf("Delete asked %q", q.Message)
	}
	e.h.Answer(t, q, "Cancel")
	if got := e.calls("Remove "); len(got) != 0 {
		t.Errorf("Cancel removed: %q", got)
	}
	// Delete in the focused table does the same.
	e.v.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if len(e.h.All()) != 2 {
		t.Error("Delete in the table asked nothing")
	}
}

func TestContainersContextMenu(t *testing.T) {
	e := start(t, newFake())
	e.v.showMenu(e.v.rowOf(webserver), fyne.NewPos(10, 10))
	top := e.h.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no menu")
	}
	var labels []string
	for _, o := range kittest.Walk(top) {
		if txt, ok := o.(*canvas.Text); ok {
			labels = append(labels, txt.Text)
		}
	}
	if got := strings.Join(labels, "|"); got != "Stop|Pause|Restart|Open http://localhost:80/|Details|Logs|Copy ID|Remove…" {
		t.Errorf("menu %q", got)
	}
}

// The status text ages with the clock: the same snapshot, two minutes later.
func TestContainersTickAgesStatus(t *testing.T) {
	cs := fixture()
	cs[0].Status, cs[0].StateSince = "Up Less than a second", now
	e := start(t, enginetest.New(cs, nil))
	if got := e.statusOf(webserver); got != "Up Less than a second" {
		t.Fatalf("status %q", got)
	}
	e.h.now = now.Add(2 * time.Minute)
	e.v.Tick()
	if got := text(t, e.cell(webserver, colStatus)); got != "Up 2 minutes" {
		t.Errorf("the cell after a tick: %q", got)
	}
}

func TestActionsTable(t *testing.T) {
	var labels []string
	for _, a := range Actions {
		labels = append(labels, a.title())
	}
	if got := strings.Join(labels, ","); got != "Start,Stop,Restart,Pause,Resume,Remove…" {
		t.Errorf("actions %q", got)
	}
	fake := newFake()
	c := fixture()[0]
	for _, a := range Actions {
		if err := a.Run(context.Background(), fake, c); err != nil {
			t.Errorf("%s: %v", a.Label, err)
		}
	}
	want := "Start X,Stop X,Restart X,Pause X,Unpause X,Remove X"
	if got := strings.ReplaceAll(strings.Join(fake.Calls(), ","), c.ID, "X"); got != want {
		t.Errorf("calls %q, want %q", got, want)
	}
}

// A snapshot of the view over the fixed data, in the test theme. Update it
// by copying testdata/failed/containers.xml over testdata/containers.xml
// after checking the difference.
func TestContainersSnapshot(t *testing.T) {
	e := start(t, newFake())
	e.h.win.Resize(fyne.NewSize(1280, 400))
	kittest.Relayout(e.h.win)
	test.AssertRendersToMarkup(t, "containers.xml", e.h.win.Canvas())
}
