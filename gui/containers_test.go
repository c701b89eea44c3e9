package gui

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
)

var (
	mwWebserver = mwID("5c17b6cbcddd")
	mwShopWeb   = mwID("a1b2c3d4e5f6")
	mwShopDB    = mwID("b2c3d4e5f6a1")
	mwWorker    = mwID("c3d4e5f6a1b2")
	mwMclaren   = mwID("e6d5c4b3a291")
)

// setState changes a container in the fake engine and emits the event the
// engine would, so the store picks it up.
func (e *mwEnv) setState(id string, state engine.ContainerState, status, action string) {
	e.t.Helper()
	cs, _ := e.fake.Containers(context.Background(), true)
	for i := range cs {
		if cs[i].ID == id {
			cs[i].State, cs[i].Status = state, status
		}
	}
	e.fake.SetContainers(cs)
	e.fake.Emit(engine.Event{Kind: engine.EventContainer, Action: action, ID: id})
}

func (e *mwEnv) removeFromFake(id string) {
	cs, _ := e.fake.Containers(context.Background(), true)
	var keep []engine.Container
	for _, c := range cs {
		if c.ID != id {
			keep = append(keep, c)
		}
	}
	e.fake.SetContainers(keep)
	e.fake.Emit(engine.Event{Kind: engine.EventContainer, Action: "destroy", ID: id})
}

func (e *mwEnv) statusOf(id string) string {
	s, _ := e.u.ContainerStatusText(id)
	return s
}

func cellText(t *testing.T, c *ctrCell) string {
	t.Helper()
	switch c.col {
	case colStatus:
		return c.stLabel.Text
	case colID:
		return c.idLabel.Text
	case colCommand:
		return c.plain.Text
	case colPorts:
		var parts []string
		for _, o := range c.ports.Objects {
			switch w := o.(type) {
			case *widget.Hyperlink:
				parts = append(parts, "["+w.Text+"]")
			case *widget.Label:
				parts = append(parts, w.Text)
			}
		}
		return strings.Join(parts, " ")
	}
	return c.label.Text
}

func TestContainersTableShowsPsColumns(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{})
	var titles []string
	for _, c := range ctrColumns {
		titles = append(titles, c.title)
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
		if got := cellText(t, e.mustCtrCell(mwWebserver, col)); got != w {
			t.Errorf("webserver column %s: %q, want %q", ctrColumns[col].title, got, w)
		}
	}
	if got := cellText(t, e.mustCtrCell(mwMclaren, colStatus)); got != "Exited (0) 3 days ago" {
		t.Errorf("awesome_mclaren status %q", got)
	}
	if got := cellText(t, e.mustCtrCell(mwShopDB, colPorts)); got != "5432/tcp" {
		t.Errorf("unpublished port %q, want plain 5432/tcp", got)
	}
	// State marks: running green, paused yellow, exited grey.
	for id, col := range map[string]fyne.ThemeColorName{
		mwWebserver: theme.ColorNameSuccess, mwWorker: theme.ColorNameWarning, mwMclaren: theme.ColorNameDisabled,
	} {
		if got := e.mustCtrCell(id, colStatus).dot.name; got != col {
			t.Errorf("%s state mark %s, want %s", id[:12], got, col)
		}
	}
	// The row's buttons follow the state: stop for running, start for exited.
	if a := e.mustCtrCell(mwWebserver, colActions); a.startStopAction != "stop" || a.pauseAction != "pause" {
		t.Errorf("webserver actions %q %q", a.startStopAction, a.pauseAction)
	}
	if a := e.mustCtrCell(mwMclaren, colActions); a.startStopAction != "start" || !a.pauseBtn.Disabled() {
		t.Errorf("awesome_mclaren actions %q, pause disabled %v", a.startStopAction, a.pauseBtn.Disabled())
	}
	if a := e.mustCtrCell(mwWorker, colActions); a.pauseAction != "unpause" {
		t.Errorf("paused worker offers %q, want unpause", a.pauseAction)
	}
	if n := e.u.VisibleContainerRows(); n != 5 {
		t.Errorf("%d rows, want 5 (all, like ps -a)", n)
	}
}

func TestContainersFilterMatchesNameImageAndID(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{})
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
		e.u.SetFilter(tc.filter)
		if got := e.u.VisibleContainerRows(); got != tc.want {
			t.Errorf("filter %q: %d rows, want %d", tc.filter, got, tc.want)
		}
	}
	e.u.SetFilter("zzz")
	if !e.u.containers.empty.Visible() || !strings.Contains(e.u.containers.empty.Text, `No container matches "zzz"`) {
		t.Errorf("empty text %q (visible %v)", e.u.containers.empty.Text, e.u.containers.empty.Visible())
	}
	// Typing into the entry filters too; Escape clears it.
	e.u.containers.filter.SetText("")
	test.Type(e.u.containers.filter, "mcl")
	if got := e.u.VisibleContainerRows(); got != 1 {
		t.Errorf("typed mcl: %d rows", got)
	}
	e.u.containers.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if got := e.u.VisibleContainerRows(); got != 5 {
		t.Errorf("after Escape: %d rows", got)
	}
}

func TestContainersOnlyRunningToggle(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{})
	if e.u.containers.onlyRunning.Checked {
		t.Fatal("only running is on by default; want all, like ps -a")
	}
	test.Tap(e.u.containers.onlyRunning)
	if got := e.u.VisibleContainerRows(); got != 4 {
		t.Errorf("only running: %d rows, want 4 (paused counts as running, like docker ps)", got)
	}
	if _, ok := e.u.ContainerStatusText(mwMclaren); ok {
		t.Error("the exited container shows with only running on")
	}
	// A container that stops leaves the only-running view by itself.
	e.setState(mwWebserver, engine.StateExited, "Exited (0) 1 second ago", "die")
	e.wait("webserver to leave the only-running view", func() bool {
		_, ok := e.u.ContainerStatusText(mwWebserver)
		return !ok
	})
	test.Tap(e.u.containers.onlyRunning)
	if got := e.statusOf(mwWebserver); got != "Exited (0) 1 second ago" {
		t.Errorf("all containers: webserver status %q", got)
	}
}

func TestContainersComposeProjectGrouped(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{})
	v := e.u.containers
	// Rows: webserver, [shop], shop-web-1, shop-db-1, shop-worker-1, awesome_mclaren.
	var got []string
	for r := range v.rows {
		if en := v.entry(r); en != nil {
			got = append(got, en.c.Name)
		} else {
			got = append(got, "["+v.groups[-(v.rows[r]+1)].name+"]")
		}
	}
	if want := "webserver,[shop],shop-web-1,shop-db-1,shop-worker-1,awesome_mclaren"; strings.Join(got, ",") != want {
		t.Errorf("rows %q, want %q", strings.Join(got, ","), want)
	}
	// The header row names the project and counts its members.
	e.relayout()
	var header []string
	for _, o := range mwWalk(v.table) {
		if c, ok := o.(*ctrCell); ok && c.group >= 0 && c.label != nil && len(c.box.Objects) == 1 && c.box.Objects[0] == c.label {
			header = append(header, c.label.Text)
		}
	}
	joined := strings.Join(header, "|")
	if !strings.Contains(joined, "shop") || !strings.Contains(joined, "Compose: 3 containers") || !strings.Contains(joined, "2 running, 1 paused") {
		t.Errorf("group header cells %q", joined)
	}
	// Ticking the header selects the project's members.
	for _, o := range mwWalk(v.table) {
		if c, ok := o.(*ctrCell); ok && c.group >= 0 && c.col == colTick {
			test.Tap(c.tick)
			break
		}
	}
	if len(v.checked) != 3 || !v.checked[mwShopWeb] || !v.checked[mwShopDB] || !v.checked[mwWorker] {
		t.Errorf("checked %v after ticking the project", v.checked)
	}
	// Filtered: the header stays with its visible members only.
	e.u.SetFilter("db")
	if len(v.rows) != 2 || v.rows[0] >= 0 {
		t.Errorf("filter db: rows %v, want the shop header and shop-db-1", v.rows)
	}
}

func TestContainersPortLinksOpenTheBrowser(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{})
	var opened []string
	e.u.openURL = func(u *url.URL) error {
		opened = append(opened, u.String())
		return nil
	}
	for _, id := range []string{mwWebserver, mwShopWeb} {
		c := e.mustCtrCell(id, colPorts)
		h, ok := c.ports.Objects[0].(*widget.Hyperlink)
		if !ok {
			t.Fatalf("%s: first port is %T, want a link", id[:12], c.ports.Objects[0])
		}
		test.TapAt(h, fyne.NewPos(h.Size().Width/2, h.Size().Height/2))
	}
	want := []string{"http://localhost:80/", "http://127.0.0.1:8080/"}
	if strings.Join(opened, " ") != strings.Join(want, " ") {
		t.Errorf("opened %q, want %q", opened, want)
	}
	if links := e.mustCtrCell(mwWebserver, colPorts).ports.Objects; len(links) != 1 {
		t.Errorf("webserver shows %d port objects; the IPv6 twin of 0.0.0.0:80 must not make a second link", len(links))
	}
}

func TestContainersStopInFlightKeepsTableUsable(t *testing.T) {
	fake := mwFake()
	release := make(chan struct{})
	var stopping atomic.Bool
	fake.StopFunc = func(ctx context.Context, id string, _ *time.Duration) error {
		stopping.Store(true)
		select {
		case <-release:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	e := mwStart(t, fake, mwOpts{})
	test.Tap(e.mustCtrCell(mwWebserver, colActions).startStop)
	e.wait("the stop call", stopping.Load)

	if got := e.statusOf(mwWebserver); got != "Stopping…" {
		t.Errorf("webserver status %q while stopping, want Stopping…", got)
	}
	cell := e.mustCtrCell(mwWebserver, colStatus)
	if !cell.spin.Visible() {
		t.Error("no activity indicator on the stopping row")
	}
	a := e.mustCtrCell(mwWebserver, colActions)
	if !a.startStop.Disabled() || !a.removeBtn.Disabled() {
		t.Error("the stopping row's buttons stay enabled")
	}
	// The rest of the table stays usable: other rows' buttons, the filter.
	if e.mustCtrCell(mwShopWeb, colActions).startStop.Disabled() {
		t.Error("another row's buttons are disabled while webserver stops")
	}
	e.u.SetFilter("mclaren")
	if e.u.VisibleContainerRows() != 1 {
		t.Error("the filter does not work while an action is in flight")
	}
	e.u.SetFilter("")
	test.Tap(e.mustCtrCell(mwShopWeb, colActions).restartBtn)
	e.wait("the restart of shop-web-1", func() bool { return len(e.calls("Restart "+mwShopWeb)) == 1 })

	// The engine answers; the event brings the new status.
	e.setState(mwWebserver, engine.StateExited, "Exited (0) 1 second ago", "die")
	close(release)
	e.wait("webserver to show Exited", func() bool { return e.statusOf(mwWebserver) == "Exited (0) 1 second ago" })
	if e.mustCtrCell(mwWebserver, colActions).startStopAction != "start" {
		t.Error("the stopped row does not offer start")
	}
	if e.u.dialog != nil {
		t.Errorf("unexpected dialog %q", e.u.dialog.message)
	}
}

func TestContainersEventUpdatesRowWithoutRebuild(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{})
	v := e.u.containers
	// Highlight a row: an update of another container keeps it.
	v.table.Select(widget.TableCellID{Row: v.rowOf(mwMclaren), Col: colName})
	rowsBefore := append([]int32(nil), v.rows...)
	e.setState(mwShopDB, engine.StateExited, "Exited (137) 1 second ago", "die")
	e.wait("shop-db-1 to show Exited", func() bool { return e.statusOf(mwShopDB) == "Exited (137) 1 second ago" })
	if len(v.rows) != len(rowsBefore) {
		t.Fatalf("rows changed: %v -> %v", rowsBefore, v.rows)
	}
	for i := range rowsBefore {
		if v.rows[i] != rowsBefore[i] {
			t.Fatalf("rows moved: %v -> %v", rowsBefore, v.rows)
		}
	}
	if v.current != mwMclaren {
		t.Errorf("highlight moved to %q", v.current)
	}
	if got := cellText(t, e.mustCtrCell(mwShopDB, colStatus)); got != "Exited (137) 1 second ago" {
		t.Errorf("cell shows %q", got)
	}
	// A container removed elsewhere leaves the table.
	e.removeFromFake(mwMclaren)
	e.wait("awesome_mclaren to leave", func() bool { _, ok := e.u.ContainerStatusText(mwMclaren); return !ok })
	if v.current != "" {
		t.Errorf("highlight still on the removed container %q", v.current)
	}
}

func TestContainersRemoveStoppedAsksFirst(t *testing.T) {
	fake := mwFake()
	var mu sync.Mutex
	var opts []engine.RemoveOptions
	fake.RemoveFunc = func(_ context.Context, id string, o engine.RemoveOptions) error {
		mu.Lock()
		opts = append(opts, o)
		mu.Unlock()
		return nil
	}
	e := mwStart(t, fake, mwOpts{})
	test.Tap(e.mustCtrCell(mwMclaren, colActions).removeBtn)
	md := e.dialog()
	if want := "Remove container awesome_mclaren (e6d5c4b3a291)? Its anonymous volumes are kept."; md.message != want {
		t.Errorf("asked %q, want %q", md.message, want)
	}
	e.answer(md, "Cancel")
	e.loop.drain()
	if n := len(e.calls("Remove ")); n != 0 {
		t.Fatalf("Cancel removed %d", n)
	}
	test.Tap(e.mustCtrCell(mwMclaren, colActions).removeBtn)
	e.answer(e.dialog(), "Remove")
	e.wait("the remove call", func() bool { return len(e.calls("Remove "+mwMclaren)) == 1 })
	mu.Lock()
	defer mu.Unlock()
	if len(opts) != 1 || opts[0].Force || opts[0].Volumes {
		t.Errorf("remove options %+v, want no force and volumes kept", opts)
	}
}

func TestContainersRemoveRunningNeedsStopAndRemove(t *testing.T) {
	fake := mwFake()
	var mu sync.Mutex
	var order []string
	fake.StopFunc = func(_ context.Context, id string, _ *time.Duration) error {
		mu.Lock()
		order = append(order, "stop")
		mu.Unlock()
		return nil
	}
	fake.RemoveFunc = func(_ context.Context, id string, o engine.RemoveOptions) error {
		mu.Lock()
		order = append(order, "remove force="+map[bool]string{true: "yes", false: "no"}[o.Force])
		mu.Unlock()
		return nil
	}
	e := mwStart(t, fake, mwOpts{})
	test.Tap(e.mustCtrCell(mwWebserver, colActions).removeBtn)
	first := e.dialog()
	if !strings.HasPrefix(first.message, "Remove container webserver (5c17b6cbcddd)? Its anonymous volumes are kept.") ||
		!strings.Contains(first.message, "running") {
		t.Errorf("first question %q", first.message)
	}
	e.answer(first, "Remove")
	e.loop.drain()
	if n := len(e.calls("Remove ")) + len(e.calls("Stop ")); n != 0 {
		t.Fatal("a running container was touched before the second question")
	}
	second := e.dialog()
	if second == first || second.button("Stop and remove") == nil {
		t.Fatalf("no second, explicit question: %q", second.message)
	}
	if !strings.Contains(second.message, "webserver (5c17b6cbcddd) is running") {
		t.Errorf("second question %q", second.message)
	}
	e.answer(second, "Stop and remove")
	e.wait("stop and remove", func() bool { return len(e.calls("Remove "+mwWebserver)) == 1 })
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(order, ",") != "stop,remove force=yes" {
		t.Errorf("calls %q, want stop then forced remove", order)
	}
}

func TestContainersRemoveRaceAsksAgain(t *testing.T) {
	fake := mwFake()
	fake.RemoveFunc = func(_ context.Context, id string, o engine.RemoveOptions) error {
		if !o.Force {
			return &engine.Error{Kind: engine.ErrConflictMustStop, Msg: "The container is running."}
		}
		return nil
	}
	e := mwStart(t, fake, mwOpts{})
	// The snapshot says exited, but the engine finds it running (started meanwhile).
	test.Tap(e.mustCtrCell(mwMclaren, colActions).removeBtn)
	first := e.dialog()
	e.answer(first, "Remove")
	e.wait("the second question", func() bool { return e.u.dialog != first })
	if e.u.dialog.button("Stop and remove") == nil {
		t.Fatalf("dialog %q does not offer Stop and remove", e.u.dialog.message)
	}
}

func TestContainersMultiSelectionActions(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{})
	v := e.u.containers
	if v.selBar.Visible() {
		t.Fatal("the selection bar shows with nothing selected")
	}
	test.Tap(e.mustCtrCell(mwWebserver, colTick).tick)
	test.Tap(e.mustCtrCell(mwMclaren, colTick).tick)
	if !v.selBar.Visible() || v.selLabel.Text != "2 selected" {
		t.Fatalf("selection bar %v %q", v.selBar.Visible(), v.selLabel.Text)
	}
	mwSelButton(t, v, "Stop").OnTapped()
	e.wait("the stop", func() bool { return len(e.calls("Stop ")) == 1 })
	if got := e.calls("Stop "); got[0] != "Stop "+mwWebserver {
		t.Errorf("stop went to %q; only the running one should be stopped", got)
	}
	e.wait("the stop to finish", func() bool { return e.statusOf(mwWebserver) != "Stopping…" })

	// Delete asks about both, by name.
	e.u.win.Canvas().Unfocus()
	e.u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
	md := e.dialog()
	if want := "Remove 2 containers: webserver (5c17b6cbcddd) and awesome_mclaren (e6d5c4b3a291)? Their anonymous volumes are kept."; !strings.HasPrefix(md.message, want) {
		t.Errorf("asked %q, want it to start with %q", md.message, want)
	}
	e.answer(md, "Cancel")

	mwSelButton(t, v, "Copy IDs").OnTapped()
	if got := e.u.app.Clipboard().Content(); got != mwWebserver+"\n"+mwMclaren {
		t.Errorf("clipboard %q", got)
	}
	mwSelButton(t, v, "Clear").OnTapped()
	if len(v.checked) != 0 || v.selBar.Visible() {
		t.Error("Clear left a selection")
	}
	// The header tick selects every visible container.
	e.u.SetFilter("shop")
	for _, o := range mwWalk(v.table) {
		if c, ok := o.(*ctrCell); ok && c.header && c.col == colTick {
			test.Tap(c.tick)
			break
		}
	}
	if len(v.checked) != 3 {
		t.Errorf("select all visible checked %d, want 3", len(v.checked))
	}
}

func mwSelButton(t *testing.T, v *containersView, text string) *widget.Button {
	t.Helper()
	for _, b := range v.selButtons {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("no selection button %q", text)
	return nil
}

func TestContainersCopyIDToClipboard(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{})
	test.Tap(e.mustCtrCell(mwWebserver, colID).copyBtn)
	if got := e.u.app.Clipboard().Content(); got != mwWebserver {
		t.Errorf("clipboard %q, want the full ID", got)
	}
}

func TestContainersErrorsInPlainWords(t *testing.T) {
	fake := mwFake()
	fake.StartFunc = func(context.Context, string) error {
		return &engine.Error{Kind: engine.ErrPortAllocated, Msg: "A host port you asked for is already in use by another container or program. Choose another host port.",
			Err: errFake("driver failed programming external connectivity: Bind for 0.0.0.0:80 failed: port is already allocated")}
	}
	e := mwStart(t, fake, mwOpts{})
	test.Tap(e.mustCtrCell(mwMclaren, colActions).startStop)
	e.wait("the error dialog", func() bool { return e.u.dialog != nil })
	md := e.u.dialog
	if md.title != "Could not start awesome_mclaren (e6d5c4b3a291)" {
		t.Errorf("title %q", md.title)
	}
	if md.message != "A host port you asked for is already in use by another container or program. Choose another host port." {
		t.Errorf("message %q", md.message)
	}
	if got := e.statusOf(mwMclaren); got != "Exited (0) 3 days ago" {
		t.Errorf("status after the failed start %q", got)
	}
}

type errFake string

func (e errFake) Error() string { return string(e) }

func TestContainersEngineDropsMidAction(t *testing.T) {
	fake := mwFake()
	var down atomic.Bool
	unreachable := &engine.Error{Kind: engine.ErrUnreachable, Msg: "The Docker engine at unix:///fake.sock is not reachable. Start Docker, or check DOCKER_HOST."}
	fake.InfoFunc = func(ctx context.Context) (engine.Info, error) {
		if down.Load() {
			return engine.Info{}, unreachable
		}
		return engine.Info{Host: "unix:///fake.sock", Reachable: true, Version: "20.10.24", APIVersion: "1.41"}, nil
	}
	gone := make(chan struct{})
	fake.StopFunc = func(ctx context.Context, id string, _ *time.Duration) error {
		select {
		case <-gone:
			return unreachable
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	// Backoff long enough that only "Reconnect now" brings the engine back quickly.
	e := mwStart(t, fake, mwOpts{storeOpts: engine.StoreOptions{MinBackoff: time.Hour, MaxBackoff: time.Hour}})

	test.Tap(e.mustCtrCell(mwWebserver, colActions).startStop)
	e.wait("Stopping…", func() bool { return e.statusOf(mwWebserver) == "Stopping…" })

	// The engine goes away mid-action.
	down.Store(true)
	fake.Break(unreachable)
	e.wait("the offline banner", func() bool { return e.u.banner.content.Visible() })
	if !strings.Contains(e.u.banner.detail.Text, "Start Docker, or check DOCKER_HOST") ||
		!strings.Contains(e.u.banner.detail.Text, "not reachable") {
		t.Errorf("banner says %q", e.u.banner.detail.Text)
	}
	if e.u.status.state.Text != "Not connected, retrying…" {
		t.Errorf("status %q", e.u.status.state.Text)
	}
	// The stop fails for the same reason: said in plain words.
	close(gone)
	e.wait("the error of the stop", func() bool { return e.u.dialog != nil })
	if e.u.dialog.title != "Could not stop webserver (5c17b6cbcddd)" || e.u.dialog.message != unreachable.Msg {
		t.Errorf("dialog %q: %q", e.u.dialog.title, e.u.dialog.message)
	}
	e.answer(e.u.dialog, "OK")

	// The last known lists stay, greyed out and disabled.
	if n := e.u.VisibleContainerRows(); n != 5 {
		t.Errorf("%d rows while offline, want the last known 5", n)
	}
	if got := e.statusOf(mwWebserver); got != "Up 9 minutes" {
		t.Errorf("webserver shows %q while offline, want its last known status", got)
	}
	if l := e.mustCtrCell(mwShopWeb, colName).label; l.Importance != widget.LowImportance {
		t.Error("rows are not greyed out while offline")
	}
	if !e.mustCtrCell(mwShopWeb, colActions).startStop.Disabled() {
		t.Error("row actions stay enabled while offline")
	}
	if e.mustCtrCell(mwShopWeb, colStatus).dot.name != theme.ColorNameDisabled {
		t.Error("state marks keep their colour while offline")
	}
	e.u.tabs.showImages()
	if l := e.imgCellAt("nginx:latest", colRepo).label; l.Importance != widget.LowImportance {
		t.Error("images are not greyed out while offline")
	}

	e.u.tabs.showContainers()

	// Reconnect now: the engine answers again.
	down.Store(false)
	infos := len(e.calls("Info"))
	test.Tap(e.u.banner.button)
	e.wait("the reconnection", func() bool { return !e.u.banner.content.Visible() })
	if len(e.calls("Info")) <= infos {
		t.Error("Reconnect now did not reconnect")
	}
	if e.u.status.state.Text != "Connected" {
		t.Errorf("status %q after reconnecting", e.u.status.state.Text)
	}
	if l := e.mustCtrCell(mwShopWeb, colName).label; l.Importance == widget.LowImportance {
		t.Error("rows stay grey after reconnecting")
	}
	if e.mustCtrCell(mwShopWeb, colActions).startStop.Disabled() {
		t.Error("row actions stay disabled after reconnecting")
	}
}
