package gui

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
)

// containerEngine is what the Containers view asks of the engine.
type containerEngine interface {
	Start(ctx context.Context, id string) error
	Stop(ctx context.Context, id string, timeout *time.Duration) error
	Restart(ctx context.Context, id string, timeout *time.Duration) error
	Pause(ctx context.Context, id string) error
	Unpause(ctx context.Context, id string) error
	Remove(ctx context.Context, id string, opts engine.RemoveOptions) error
}

// The columns of the Containers table: docker ps's, name first.
const (
	colTick = iota
	colName
	colImage
	colStatus
	colPorts
	colCreated
	colID
	colActions
	colCommand
	ctrColumnCount
)

// tableColumn is a column of a list view: its header and its width.
type tableColumn struct {
	title string
	width float32
}

var ctrColumns = [ctrColumnCount]tableColumn{
	colTick:    {"", 34},
	colName:    {"Name", 165},
	colImage:   {"Image", 180},
	colStatus:  {"Status", 205},
	colPorts:   {"Ports", 180},
	colCreated: {"Created", 160},
	colID:      {"Container ID", 140},
	colActions: {"Actions", 200},
	colCommand: {"Command", 175},
}

// portLink is a published TCP port, opened in the browser when tapped.
type portLink struct {
	text string // 0.0.0.0:80->80/tcp
	url  *url.URL
}

// ctrEntry is one container with what its row shows, computed once per
// change of the container (not per keystroke or per frame).
type ctrEntry struct {
	c       engine.Container
	key     string // lower-case name, image, ID and project, for the filter
	group   int32  // compose project group, -1 for none
	running bool
	command string
	links   []portLink
	other   string // ports that are not links: unpublished or UDP
}

func newCtrEntry(c engine.Container) ctrEntry {
	e := ctrEntry{c: c, group: -1, running: c.Running(), command: engine.FormatCommand(c.Command)}
	e.key = strings.ToLower(c.Name + "\x00" + c.Image + "\x00" + c.ID + "\x00" + c.Project)
	e.links, e.other = portLinks(c.Ports)
	return e
}

// portLinks splits ports into links (published TCP ports, one per URL) and
// the text of the rest, formatted like docker ps.
func portLinks(ports []engine.PortBinding) ([]portLink, string) {
	if len(ports) == 0 {
		return nil, ""
	}
	ps := append([]engine.PortBinding(nil), ports...)
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].ContainerPort != ps[j].ContainerPort {
			return ps[i].ContainerPort < ps[j].ContainerPort
		}
		return ps[i].HostIP < ps[j].HostIP
	})
	var (
		links []portLink
		rest  []engine.PortBinding
		seen  = map[string]bool{}
	)
	for _, p := range ps {
		if p.HostPort == 0 || p.Proto != "tcp" {
			rest = append(rest, p)
			continue
		}
		u := portURL(p)
		if seen[u.String()] {
			continue // the IPv6 twin (:::80) of 0.0.0.0:80
		}
		seen[u.String()] = true
		links = append(links, portLink{text: engine.FormatPorts([]engine.PortBinding{p}), url: u})
	}
	return links, engine.FormatPorts(rest)
}

// portURL is where a published port answers: localhost for a port bound to
// every address, else the bound address.
func portURL(p engine.PortBinding) *url.URL {
	host := p.HostIP
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return &url.URL{Scheme: "http", Host: net.JoinHostPort(host, strconv.Itoa(int(p.HostPort))), Path: "/"}
}

// ctrGroup is a compose project: its header row and its members.
type ctrGroup struct {
	name    string
	members []int32
}

// containersView is the Containers tab: docker ps -a as a live table.
type containersView struct {
	u   *UI
	eng containerEngine

	content     fyne.CanvasObject
	filter      *filterEntry
	onlyRunning *widget.Check
	runButton   *widget.Button
	table       *keyTable
	empty       *widget.Label
	selBar      *fyne.Container
	selLabel    *widget.Label
	selButtons  []*widget.Button

	// mu guards what the exported hooks read from other goroutines; the UI
	// goroutine writes under it and reads without it.
	mu      sync.Mutex
	entries []ctrEntry
	index   map[string]int32
	groups  []ctrGroup
	order   []int32 // entries in display order: groups together, at their newest member
	rows    []int32 // visible rows: >= 0 an entry, < 0 the header of group -(r+1)
	spare   []int32 // the previous rows, reused by the next filter pass
	count   int     // visible container rows
	pending map[string]string

	query      string // lower-case filter text
	only       bool   // only running
	offline    bool
	checked    map[string]bool
	current    string // the container of the highlighted row
	currentRow int    // and that row
}

func newContainersView(u *UI) *containersView {
	v := &containersView{u: u, eng: u.eng, index: map[string]int32{}, pending: map[string]string{}, checked: map[string]bool{}}
	v.filter = newFilterEntry(u, "Filter by name, image or ID (Ctrl+F)", v.setQuery)
	v.onlyRunning = &widget.Check{Text: "Only running", OnChanged: v.setOnlyRunning}
	v.runButton = &widget.Button{Text: "Run…", Icon: theme.MediaPlayIcon(), Importance: widget.HighImportance, OnTapped: v.openRun}

	v.table = &keyTable{onDelete: v.removeSelection}
	v.table.Length = v.length
	v.table.CreateCell = v.createCell
	v.table.UpdateCell = v.updateCell
	v.table.ShowHeaderRow = true
	v.table.CreateHeader = v.createCell
	v.table.UpdateHeader = v.updateHeader
	v.table.StickyColumnCount = 2
	v.table.OnSelected = v.selected
	v.table.ExtendBaseWidget(v.table)
	for i, c := range ctrColumns {
		v.table.SetColumnWidth(i, c.width)
	}
	v.empty = wrapLabel("", widget.LowImportance)
	v.empty.Alignment = fyne.TextAlignCenter

	v.selLabel = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	v.selButtons = []*widget.Button{
		{Text: "Start", Icon: theme.MediaPlayIcon(), OnTapped: v.startSelection},
		{Text: "Stop", Icon: theme.MediaStopIcon(), OnTapped: v.stopSelection},
		{Text: "Restart", Icon: theme.MediaReplayIcon(), OnTapped: v.restartSelection},
		{Text: "Pause", Icon: theme.MediaPauseIcon(), OnTapped: v.pauseSelection},
		{Text: "Resume", Icon: theme.MediaPlayIcon(), OnTapped: v.unpauseSelection},
		{Text: "Remove…", Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: v.removeSelection},
		{Text: "Copy IDs", Icon: theme.ContentCopyIcon(), OnTapped: v.copySelection},
		{Text: "Clear", Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: v.clearSelection},
	}
	bar := []fyne.CanvasObject{v.selLabel}
	for _, b := range v.selButtons {
		bar = append(bar, b)
	}
	v.selBar = container.NewHBox(bar...)
	v.selBar.Hide()

	top := container.NewBorder(nil, nil, nil, container.NewHBox(v.onlyRunning, v.runButton), v.filter)
	v.content = container.NewBorder(container.NewVBox(top, v.selBar), nil, nil, nil,
		container.NewStack(v.table, container.NewCenter(container.New(boxWidth(420), v.empty))))
	return v
}

func (v *containersView) openRun() { v.u.openRun("") }

func (v *containersView) focusFilter() {
	v.u.tabs.showContainers()
	v.u.win.Canvas().Focus(v.filter)
}

// --- state from the store ---------------------------------------------------

// apply shows a new snapshot: only the rows of the containers that changed
// are refreshed when the set of rows stays the same.
func (v *containersView) apply(snap engine.Snapshot, ch engine.Change) {
	wasOffline := v.offline
	v.offline = offline(snap)

	v.mu.Lock()
	same := !ch.Full && v.sameIDs(snap.Containers)
	var changed []int32
	if same {
		for _, id := range ch.Containers {
			if i, ok := v.index[id]; ok {
				g := v.entries[i].group
				v.entries[i] = newCtrEntry(snap.Containers[i])
				v.entries[i].group = g
				changed = append(changed, i)
			}
		}
		same = v.groupsIntact(changed)
	}
	if !same {
		v.rebuild(snap.Containers, ch)
	}
	rowsSame := same && v.refilterLocked()
	if !same {
		v.refilterLocked()
	}
	v.mu.Unlock()

	for id := range v.checked {
		if _, ok := v.index[id]; !ok {
			delete(v.checked, id)
		}
	}
	if rowsSame && wasOffline == v.offline {
		for _, i := range changed {
			v.refreshEntry(i)
		}
	} else {
		v.rowsChanged()
	}
	v.updateEmpty()
	v.updateSelBar()
}

// sameIDs reports whether cs holds the same containers in the same order as
// the entries (callers hold mu).
func (v *containersView) sameIDs(cs []engine.Container) bool {
	if len(cs) != len(v.entries) {
		return false
	}
	for i := range cs {
		if cs[i].ID != v.entries[i].c.ID {
			return false
		}
	}
	return true
}

// groupsIntact reports whether the changed entries kept their project.
func (v *containersView) groupsIntact(changed []int32) bool {
	for _, i := range changed {
		e := &v.entries[i]
		if e.group < 0 {
			if e.c.Project != "" {
				return false
			}
		} else if v.groups[e.group].name != e.c.Project {
			return false
		}
	}
	return true
}

// rebuild makes the entries anew, reusing those of unchanged containers
// (callers hold mu).
func (v *containersView) rebuild(cs []engine.Container, ch engine.Change) {
	fresh := map[string]bool{}
	for _, id := range ch.Containers {
		fresh[id] = true
	}
	entries := make([]ctrEntry, len(cs))
	index := make(map[string]int32, len(cs))
	for i, c := range cs {
		if j, ok := v.index[c.ID]; ok && !ch.Full && !fresh[c.ID] {
			entries[i] = v.entries[j]
		} else {
			entries[i] = newCtrEntry(c)
		}
		index[c.ID] = int32(i)
	}
	// Compose projects: one group per project, placed at its newest member.
	var groups []ctrGroup
	byName := map[string]int32{}
	for i := range entries {
		e := &entries[i]
		e.group = -1
		if e.c.Project == "" {
			continue
		}
		g, ok := byName[e.c.Project]
		if !ok {
			g = int32(len(groups))
			byName[e.c.Project] = g
			groups = append(groups, ctrGroup{name: e.c.Project})
		}
		e.group = g
		groups[g].members = append(groups[g].members, int32(i))
	}
	order := make([]int32, 0, len(entries))
	for i := range entries {
		g := entries[i].group
		switch {
		case g < 0:
			order = append(order, int32(i))
		case groups[g].members[0] == int32(i):
			order = append(order, groups[g].members...)
		}
	}
	v.entries, v.index, v.groups, v.order = entries, index, groups, order
	for id := range v.pending {
		if _, ok := index[id]; !ok {
			delete(v.pending, id)
		}
	}
}

// refilterLocked computes the visible rows into the spare slice and reports
// whether they are the same as before (callers hold mu). It allocates
// nothing unless the rows outgrow the spare slice.
func (v *containersView) refilterLocked() (same bool) {
	rows := v.spare[:0]
	q, only := v.query, v.only
	count := 0
	last := int32(-1)
	for _, i := range v.order {
		e := &v.entries[i]
		if only && !e.running {
			continue
		}
		if q != "" && !strings.Contains(e.key, q) {
			continue
		}
		if e.group >= 0 && e.group != last {
			rows = append(rows, -(e.group + 1))
		}
		last = e.group
		rows = append(rows, i)
		count++
	}
	prev := v.rows
	v.rows, v.spare, v.count = rows, prev, count
	if len(prev) != len(rows) {
		return false
	}
	for i := range rows {
		if rows[i] != prev[i] {
			return false
		}
	}
	return true
}

// refilter applies the filter text and the toggle (UI goroutine).
func (v *containersView) refilter() {
	v.mu.Lock()
	same := v.refilterLocked()
	v.mu.Unlock()
	if !same {
		v.rowsChanged()
		v.table.ScrollToTop()
	}
	v.updateEmpty()
}

// rowsChanged redraws the table after rows moved. The highlighted row stays
// if its container kept its place; otherwise the highlight goes (moving it
// would scroll the table under the user's eyes).
func (v *containersView) rowsChanged() {
	v.table.Refresh()
	if v.current == "" {
		return
	}
	if r := v.rowOf(v.current); r < 0 || r != v.currentRow {
		v.table.UnselectAll()
		v.current = ""
	}
}

func (v *containersView) setQuery(s string) {
	v.query = strings.ToLower(strings.TrimSpace(s))
	v.refilter()
}

func (v *containersView) setOnlyRunning(on bool) {
	v.only = on
	v.refilter()
}

// rowOf finds the row of a container, -1 if it has none.
func (v *containersView) rowOf(id string) int {
	i, ok := v.index[id]
	if !ok {
		return -1
	}
	for r, x := range v.rows {
		if x == i {
			return r
		}
	}
	return -1
}

// refreshEntry redraws the row of entry i, if it is shown, and the header
// of its compose project (which counts the running members).
func (v *containersView) refreshEntry(i int32) {
	for r, x := range v.rows {
		if x != i {
			continue
		}
		v.refreshRow(r)
		if v.entries[i].group >= 0 {
			for h := r - 1; h >= 0; h-- {
				if v.rows[h] < 0 {
					v.refreshRow(h)
					break
				}
			}
		}
		return
	}
}

func (v *containersView) refreshRow(r int) {
	for c := 0; c < ctrColumnCount; c++ {
		v.table.RefreshItem(widget.TableCellID{Row: r, Col: c})
	}
}

func (v *containersView) updateEmpty() {
	switch {
	case v.count > 0:
		v.empty.Hide()
		return
	case len(v.entries) == 0 && v.offline:
		v.empty.SetText("No containers to show: the engine is not reachable.")
	case len(v.entries) == 0 && !v.u.snap.Reachable:
		v.empty.SetText("Connecting to the Docker engine…")
	case len(v.entries) == 0:
		v.empty.SetText("No containers yet. Run one with Run… (Ctrl+N).")
	case v.query != "":
		v.empty.SetText(fmt.Sprintf("No container matches %q.", v.filter.Text))
	default:
		v.empty.SetText("No container is running. Turn off \"Only running\" to see them all.")
	}
	v.empty.Show()
}

// visibleCount is the number of visible container rows (any goroutine).
func (v *containersView) visibleCount() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.count
}

// statusText is what the status cell of a container shows (any goroutine).
func (v *containersView) statusText(id string) (string, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.rowOf(id) < 0 {
		return "", false
	}
	if p := v.pending[id]; p != "" {
		return p, true
	}
	return v.entries[v.index[id]].c.StatusAt(v.u.now()), true
}

// entry returns the container of a row, nil for a group header.
func (v *containersView) entry(row int) *ctrEntry {
	if row < 0 || row >= len(v.rows) || v.rows[row] < 0 {
		return nil
	}
	return &v.entries[v.rows[row]]
}

// container finds a container by ID in the current entries.
func (v *containersView) container(id string) (engine.Container, bool) {
	if i, ok := v.index[id]; ok {
		return v.entries[i].c, true
	}
	return engine.Container{}, false
}

// --- table ------------------------------------------------------------------

func (v *containersView) length() (int, int) { return len(v.rows), ctrColumnCount }

func (v *containersView) createCell() fyne.CanvasObject { return newCtrCell(v) }

func (v *containersView) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*ctrCell)
	c.id, c.group, c.header, c.col = "", -1, true, id.Col
	if id.Col == colTick {
		all := v.count > 0
		for _, r := range v.rows {
			if r >= 0 && !v.checked[v.entries[r].c.ID] {
				all = false
				break
			}
		}
		c.showTick(all, v.offline || v.count == 0)
		return
	}
	c.showPlain(ctrColumns[id.Col].title, fyne.TextStyle{Bold: true}, widget.MediumImportance)
}

func (v *containersView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*ctrCell)
	c.header, c.col = false, id.Col
	if id.Row >= len(v.rows) {
		c.showNothing()
		return
	}
	if r := v.rows[id.Row]; r < 0 {
		v.updateGroupCell(c, id.Col, -(r + 1))
		return
	}
	e := &v.entries[v.rows[id.Row]]
	c.id, c.group = e.c.ID, -1
	imp := widget.MediumImportance
	if v.offline {
		imp = widget.LowImportance
	}
	pending := v.pending[e.c.ID]
	switch id.Col {
	case colTick:
		c.showTick(v.checked[e.c.ID], v.offline)
	case colName:
		name := e.c.Name
		if e.group >= 0 {
			name = "   " + name
		}
		c.showText(name, fyne.TextStyle{}, imp)
	case colImage:
		c.showText(e.c.Image, fyne.TextStyle{}, imp)
	case colStatus:
		c.showStatus(e, pending, v.offline)
	case colPorts:
		c.showPorts(e, imp)
	case colCreated:
		c.showText(engine.Ago(e.c.Created, v.u.now()), fyne.TextStyle{}, imp)
	case colID:
		c.showID(e.c.ShortID, imp, v.offline)
	case colCommand:
		c.showPlain(e.command, fyne.TextStyle{}, imp) // the last column: nothing to overlap. Regular text only in the lists: each font style Fyne loads costs megabytes
	case colActions:
		c.showActions(e, pending != "" || v.offline)
	}
}

func (v *containersView) updateGroupCell(c *ctrCell, col int, g int32) {
	c.id, c.group = "", g
	grp := &v.groups[g]
	switch col {
	case colTick:
		all, any := true, false
		for _, m := range grp.members {
			if v.checked[v.entries[m].c.ID] {
				any = true
			} else {
				all = false
			}
		}
		c.showTick(all && any, v.offline)
	case colName:
		c.showText(grp.name, fyne.TextStyle{Bold: true}, lowIf(v.offline, widget.MediumImportance))
	case colImage:
		c.showText("Compose: "+plural(len(grp.members), "container", "containers"), fyne.TextStyle{}, widget.LowImportance)
	case colStatus:
		c.showText(groupSummary(v.entries, grp.members), fyne.TextStyle{}, widget.LowImportance)
	default:
		c.showNothing()
	}
}

// groupSummary counts a project's running containers: "2 running, 1 paused".
func groupSummary(entries []ctrEntry, members []int32) string {
	var running, paused int
	for _, m := range members {
		switch entries[m].c.State {
		case engine.StateRunning, engine.StateRestarting:
			running++
		case engine.StatePaused:
			paused++
		}
	}
	s := fmt.Sprintf("%d running", running)
	if paused > 0 {
		s += fmt.Sprintf(", %d paused", paused)
	}
	return s
}

// selected remembers the highlighted row's container (for Delete).
func (v *containersView) selected(id widget.TableCellID) {
	if e := v.entry(id.Row); e != nil {
		v.current, v.currentRow = e.c.ID, id.Row
		return
	}
	v.current = ""
}

// --- selection ----------------------------------------------------------------

func (v *containersView) toggle(id string) {
	if v.checked[id] {
		delete(v.checked, id)
	} else {
		v.checked[id] = true
	}
	v.table.Refresh()
	v.updateSelBar()
}

// toggleAll checks every visible container, or unchecks them if all are.
func (v *containersView) toggleAll() {
	all := true
	for _, r := range v.rows {
		if r >= 0 && !v.checked[v.entries[r].c.ID] {
			all = false
			break
		}
	}
	for _, r := range v.rows {
		if r < 0 {
			continue
		}
		if all {
			delete(v.checked, v.entries[r].c.ID)
		} else {
			v.checked[v.entries[r].c.ID] = true
		}
	}
	v.table.Refresh()
	v.updateSelBar()
}

// toggleGroup checks or unchecks the members of a compose project.
func (v *containersView) toggleGroup(g int32) {
	grp := &v.groups[g]
	all := true
	for _, m := range grp.members {
		if !v.checked[v.entries[m].c.ID] {
			all = false
		}
	}
	for _, m := range grp.members {
		if all {
			delete(v.checked, v.entries[m].c.ID)
		} else {
			v.checked[v.entries[m].c.ID] = true
		}
	}
	v.table.Refresh()
	v.updateSelBar()
}

func (v *containersView) clearSelection() {
	clear(v.checked)
	v.table.Refresh()
	v.updateSelBar()
}

func (v *containersView) updateSelBar() {
	n := len(v.checked)
	if n == 0 {
		v.selBar.Hide()
		return
	}
	v.selLabel.SetText(fmt.Sprintf("%d selected", n))
	for _, b := range v.selButtons {
		if v.offline && b.Text != "Copy IDs" && b.Text != "Clear" {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	v.selBar.Show()
}

// selection is what the actions apply to: the checked containers, or else
// the highlighted row's, in the order of the table.
func (v *containersView) selection() []engine.Container {
	var out []engine.Container
	if len(v.checked) > 0 {
		for _, i := range v.order {
			if v.checked[v.entries[i].c.ID] {
				out = append(out, v.entries[i].c)
			}
		}
		return out
	}
	if c, ok := v.container(v.current); ok {
		out = append(out, c)
	}
	return out
}

func (v *containersView) startSelection() {
	v.start(filterContainers(v.selection(), func(c engine.Container) bool { return !c.Running() }))
}

func (v *containersView) stopSelection() {
	v.stop(filterContainers(v.selection(), engine.Container.Running))
}

func (v *containersView) restartSelection() { v.restart(v.selection()) }

func (v *containersView) pauseSelection() {
	v.pause(filterContainers(v.selection(), func(c engine.Container) bool { return c.State == engine.StateRunning }))
}

func (v *containersView) unpauseSelection() {
	v.unpause(filterContainers(v.selection(), func(c engine.Container) bool { return c.State == engine.StatePaused }))
}

func (v *containersView) removeSelection() {
	if v.offline {
		return
	}
	v.u.confirmRemoveContainers(v.selection(), v.remove)
}

func (v *containersView) copySelection() { v.copyIDs(v.selection()) }

func filterContainers(cs []engine.Container, keep func(engine.Container) bool) []engine.Container {
	var out []engine.Container
	for _, c := range cs {
		if keep(c) {
			out = append(out, c)
		}
	}
	return out
}

// --- actions ------------------------------------------------------------------

// ctrBatch collects the results of one action on several containers, so
// that the errors are told once.
type ctrBatch struct {
	verb string // stop, start…
	left int
	errs []string
	err  error // the error, when there is just one container
	one  engine.Container
}

// act runs call for each container, in goroutines, showing doing
// ("Stopping…") on its row while it is in flight.
func (v *containersView) act(cs []engine.Container, doing, verb string, call func(ctx context.Context, id string) error) {
	var todo []engine.Container
	for _, c := range cs {
		if v.pending[c.ID] == "" {
			todo = append(todo, c)
		}
	}
	if len(todo) == 0 {
		return
	}
	b := &ctrBatch{verb: verb, left: len(todo)}
	if len(todo) == 1 {
		b.one = todo[0]
	}
	ctx := v.u.ctx
	for _, c := range todo {
		v.setPending(c.ID, doing)
		go func() {
			err := call(ctx, c.ID)
			v.u.do(func() { v.done(b, c, err) })
		}()
	}
}

func (v *containersView) done(b *ctrBatch, c engine.Container, err error) {
	v.setPending(c.ID, "")
	b.left--
	if err != nil && !engine.IsKind(err, engine.ErrCanceled) && v.u.ctx.Err() == nil {
		b.err = err
		b.errs = append(b.errs, containerLabel(c)+": "+engine.Explain(err))
	}
	if b.left > 0 || len(b.errs) == 0 {
		return
	}
	if len(b.errs) == 1 {
		v.u.showError("Could not "+b.verb+" "+containerLabel(c), b.err)
		return
	}
	v.u.showErrors(fmt.Sprintf("Could not %s %d containers", b.verb, len(b.errs)), b.errs)
}

// setPending shows (or, with "", clears) an action in flight on a row.
func (v *containersView) setPending(id, doing string) {
	v.mu.Lock()
	if doing == "" {
		delete(v.pending, id)
	} else {
		v.pending[id] = doing
	}
	r := v.rowOf(id)
	v.mu.Unlock()
	if r >= 0 {
		v.refreshRow(r)
	}
}

func (v *containersView) start(cs []engine.Container) {
	v.act(cs, "Starting…", "start", v.eng.Start)
}

func (v *containersView) stop(cs []engine.Container) {
	v.act(cs, "Stopping…", "stop", func(ctx context.Context, id string) error { return v.eng.Stop(ctx, id, nil) })
}

func (v *containersView) restart(cs []engine.Container) {
	v.act(cs, "Restarting…", "restart", func(ctx context.Context, id string) error { return v.eng.Restart(ctx, id, nil) })
}

func (v *containersView) pause(cs []engine.Container) {
	v.act(cs, "Pausing…", "pause", v.eng.Pause)
}

func (v *containersView) unpause(cs []engine.Container) {
	v.act(cs, "Resuming…", "resume", v.eng.Unpause)
}

// remove removes containers the user agreed to remove. With force (after
// "Stop and remove") each is stopped first, then removed. Without, a
// container that turns out to be running is asked about again.
func (v *containersView) remove(cs []engine.Container, force bool) {
	var todo []engine.Container
	for _, c := range cs {
		if v.pending[c.ID] == "" {
			todo = append(todo, c)
		}
	}
	cs = todo
	if !force {
		var mustStop []engine.Container
		left := len(cs)
		v.act(cs, "Removing…", "remove", func(ctx context.Context, id string) error {
			err := v.eng.Remove(ctx, id, engine.RemoveOptions{})
			v.u.do(func() {
				left--
				if engine.IsKind(err, engine.ErrConflictMustStop) {
					if c, ok := v.container(id); ok {
						mustStop = append(mustStop, c)
					}
				}
				if left == 0 && len(mustStop) > 0 {
					v.u.confirmStopAndRemove(mustStop, v.remove)
				}
			})
			if engine.IsKind(err, engine.ErrConflictMustStop) {
				return nil // asked about again
			}
			return err
		})
		return
	}
	v.act(cs, "Stopping…", "remove", func(ctx context.Context, id string) error {
		if err := v.eng.Stop(ctx, id, nil); err != nil && !engine.IsKind(err, engine.ErrNotFound) {
			return err
		}
		v.u.do(func() {
			if v.pending[id] != "" {
				v.setPending(id, "Removing…")
			}
		})
		return v.eng.Remove(ctx, id, engine.RemoveOptions{Force: true})
	})
}

func (v *containersView) copyIDs(cs []engine.Container) {
	if len(cs) == 0 {
		return
	}
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	v.u.app.Clipboard().SetContent(strings.Join(ids, "\n"))
}

// rowAction runs one of a row's buttons on that row's container.
func (v *containersView) rowAction(id, action string) {
	c, ok := v.container(id)
	if !ok {
		return
	}
	one := []engine.Container{c}
	switch action {
	case "start":
		v.start(one)
	case "stop":
		v.stop(one)
	case "restart":
		v.restart(one)
	case "pause":
		v.pause(one)
	case "unpause":
		v.unpause(one)
	case "remove":
		v.u.confirmRemoveContainers(one, v.remove)
	case "copy":
		v.copyIDs(one)
	case "logs":
		v.u.OpenLogs(c.ID, c.Name)
	}
}

// showMenu opens a row's context menu (secondary tap).
func (v *containersView) showMenu(id string, pos fyne.Position) {
	c, ok := v.container(id)
	if !ok {
		return
	}
	item := func(label, action string) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() { v.rowAction(id, action) })
		it.Disabled = v.offline || v.pending[id] != ""
		return it
	}
	var items []*fyne.MenuItem
	if c.Running() {
		items = append(items, item("Stop", "stop"))
	} else {
		items = append(items, item("Start", "start"))
	}
	if c.State == engine.StatePaused {
		items = append(items, item("Resume", "unpause"))
	} else if c.State == engine.StateRunning {
		items = append(items, item("Pause", "pause"))
	}
	items = append(items, item("Restart", "restart"))
	i := v.index[id]
	for _, l := range v.entries[i].links {
		u := l.url
		items = append(items, fyne.NewMenuItem("Open "+u.String(), func() { _ = v.u.openURL(u) }))
	}
	items = append(items, fyne.NewMenuItem("Logs", func() { v.rowAction(id, "logs") }))
	items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Copy ID", func() { v.rowAction(id, "copy") }), item("Remove…", "remove"))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), v.u.win.Canvas(), pos)
}

// --- cells --------------------------------------------------------------------

// ctrCell is one cell of the Containers table. Table cells are recycled
// across columns, so a cell can show any column; what a column needs is made
// the first time the cell shows that column.
type ctrCell struct {
	widget.BaseWidget
	v      *containersView
	id     string // the row's container, "" for headers and group rows
	group  int32  // the row's compose group, -1 if none
	header bool
	col    int
	box    *fyne.Container

	tick    *tickBox
	label   *widget.Label
	plain   *widget.Label
	status  *fyne.Container
	dot     *stateDot
	stLabel *widget.Label
	spin    *widget.Activity
	ports   *fyne.Container
	links   []*widget.Hyperlink
	portsTx *widget.Label
	// portsPrev is scratch space: the link objects shown before an update.
	portsPrev []fyne.CanvasObject
	idBox     *fyne.Container
	idLabel   *widget.Label
	copyBtn   *widget.Button
	acts      *fyne.Container
	// the row's buttons: start or stop, pause or resume, restart, remove
	startStop, pauseBtn, restartBtn, logsBtn, removeBtn *widget.Button
	startStopAction, pauseAction                        string
}

func newCtrCell(v *containersView) *ctrCell {
	c := &ctrCell{v: v, group: -1, box: container.NewStack()}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *ctrCell) CreateRenderer() fyne.WidgetRenderer { return newCellRenderer(c.box) }

// TappedSecondary implements fyne.SecondaryTappable: the row's menu.
func (c *ctrCell) TappedSecondary(e *fyne.PointEvent) {
	if c.id != "" {
		c.v.showMenu(c.id, e.AbsolutePosition)
	}
}

func (c *ctrCell) show(o fyne.CanvasObject) {
	if len(c.box.Objects) == 1 && c.box.Objects[0] == o {
		return
	}
	if c.spin != nil && o != c.status && c.spin.Visible() {
		c.spin.Stop() // the cell now shows another column
		c.spin.Hide()
	}
	c.box.Objects = []fyne.CanvasObject{o}
	c.box.Refresh()
}

func (c *ctrCell) showNothing() {
	if len(c.box.Objects) == 0 {
		return
	}
	c.box.Objects = nil
	c.box.Refresh()
}

func (c *ctrCell) showTick(checked, disabled bool) {
	if c.tick == nil {
		c.tick = newTickBox(c.tapTick)
	}
	c.tick.set(checked, disabled)
	c.show(c.tick)
}

func (c *ctrCell) tapTick() {
	switch {
	case c.header:
		c.v.toggleAll()
	case c.group >= 0:
		c.v.toggleGroup(c.group)
	case c.id != "":
		c.v.toggle(c.id)
	}
}

func setLabel(l *widget.Label, text string, style fyne.TextStyle, imp widget.Importance) {
	if l.Text == text && l.TextStyle == style && l.Importance == imp {
		return
	}
	l.Text, l.TextStyle, l.Importance = text, style, imp
	l.Refresh()
}

// showPlain shows a text that is not shortened: cheaper to lay out, for
// texts that fit their column ("9 minutes ago") or end the row.
func (c *ctrCell) showPlain(text string, style fyne.TextStyle, imp widget.Importance) {
	if c.plain == nil {
		c.plain = &widget.Label{}
		c.plain.ExtendBaseWidget(c.plain)
	}
	setLabel(c.plain, text, style, imp)
	c.show(c.plain)
}

func (c *ctrCell) showText(text string, style fyne.TextStyle, imp widget.Importance) {
	if c.label == nil {
		c.label = cellLabel()
	}
	setLabel(c.label, text, style, imp)
	c.show(c.label)
}

func (c *ctrCell) showStatus(e *ctrEntry, pending string, offline bool) {
	if c.status == nil {
		c.dot = newStateDot()
		c.stLabel = cellLabel()
		c.spin = widget.NewActivity()
		c.spin.Hide()
		c.status = container.NewBorder(nil, nil, c.dot, c.spin, c.stLabel)
	}
	col := stateColor(e.c.State)
	if offline {
		col = theme.ColorNameDisabled
	}
	c.dot.setColor(col)
	imp := widget.MediumImportance
	text := e.c.StatusAt(c.v.u.now()) // aged: "Up 9 minutes" stays true as time passes
	style := fyne.TextStyle{}
	switch {
	case pending != "":
		text, style = pending, fyne.TextStyle{}
		if !c.spin.Visible() {
			c.spin.Show()
			c.spin.Start()
		}
	case offline:
		imp = widget.LowImportance
	}
	if pending == "" && c.spin.Visible() {
		c.spin.Stop()
		c.spin.Hide()
	}
	setLabel(c.stLabel, text, style, imp)
	c.show(c.status)
}

func (c *ctrCell) showPorts(e *ctrEntry, imp widget.Importance) {
	if c.ports == nil {
		c.portsTx = cellLabel()
		c.ports = container.New(&portsLayout{})
	}
	old := append(c.portsPrev[:0], c.ports.Objects...)
	c.portsPrev = old
	relayout := false
	objs := c.ports.Objects[:0]
	if imp == widget.LowImportance {
		// Offline: greyed text, no links.
		if text := e.c.PortsText(); text != "" {
			setLabel(c.portsTx, text, fyne.TextStyle{}, imp)
			c.portsTx.Show()
			objs = append(objs, c.portsTx)
		}
		c.ports.Objects = objs
		c.ports.Refresh()
		c.show(c.ports)
		return
	}
	for i, l := range e.links {
		if i == len(c.links) {
			h := &widget.Hyperlink{Truncation: fyne.TextTruncateEllipsis}
			h.ExtendBaseWidget(h)
			c.links = append(c.links, h)
		}
		h := c.links[i]
		link := l
		h.OnTapped = func() { c.v.openLink(link.url) }
		if h.Text != l.text || h.URL == nil || h.URL.String() != l.url.String() {
			h.Text, h.URL = l.text, l.url
			h.Refresh()
			relayout = true
		}
		h.Show()
		objs = append(objs, h)
	}
	if e.other != "" {
		setLabel(c.portsTx, e.other, fyne.TextStyle{}, imp)
		c.portsTx.Show()
		objs = append(objs, c.portsTx)
	}
	c.ports.Objects = objs
	if relayout || !sameObjects(old, objs) {
		// Lay out again only when a link or the set of links changed.
		c.ports.Refresh()
	}
	c.show(c.ports)
}

func sameObjects(a, b []fyne.CanvasObject) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (c *ctrCell) showID(short string, imp widget.Importance, offline bool) {
	if c.idBox == nil {
		c.idLabel = &widget.Label{}
		c.idLabel.ExtendBaseWidget(c.idLabel)
		c.copyBtn = iconButton(theme.ContentCopyIcon(), func() { c.v.rowAction(c.id, "copy") })
		c.idBox = container.NewBorder(nil, nil, nil, c.copyBtn, c.idLabel)
	}
	setLabel(c.idLabel, short, fyne.TextStyle{}, imp)
	_ = offline
	c.show(c.idBox)
}

func (c *ctrCell) showActions(e *ctrEntry, busy bool) {
	if c.acts == nil {
		c.startStop = iconButton(theme.MediaStopIcon(), func() { c.v.rowAction(c.id, c.startStopAction) })
		c.pauseBtn = iconButton(theme.MediaPauseIcon(), func() { c.v.rowAction(c.id, c.pauseAction) })
		c.startStopAction, c.pauseAction = "stop", "pause"
		c.restartBtn = iconButton(theme.MediaReplayIcon(), func() { c.v.rowAction(c.id, "restart") })
		c.removeBtn = iconButton(theme.DeleteIcon(), func() { c.v.rowAction(c.id, "remove") })
		c.logsBtn = iconButton(theme.ListIcon(), func() { c.v.rowAction(c.id, "logs") })
		c.acts = container.NewHBox(c.startStop, c.pauseBtn, c.restartBtn, c.logsBtn, c.removeBtn)
	}
	switch {
	case e.running && c.startStopAction != "stop":
		c.startStopAction = "stop"
		c.startStop.SetIcon(theme.MediaStopIcon())
	case !e.running && c.startStopAction != "start":
		c.startStopAction = "start"
		c.startStop.SetIcon(theme.MediaPlayIcon())
	}
	switch paused := e.c.State == engine.StatePaused; {
	case paused && c.pauseAction != "unpause":
		c.pauseAction = "unpause"
		c.pauseBtn.SetIcon(theme.MediaPlayIcon())
	case !paused && c.pauseAction != "pause":
		c.pauseAction = "pause"
		c.pauseBtn.SetIcon(theme.MediaPauseIcon())
	}
	enable(c.startStop, !busy)
	enable(c.pauseBtn, !busy && (e.c.State == engine.StateRunning || e.c.State == engine.StatePaused))
	enable(c.restartBtn, !busy)
	enable(c.removeBtn, !busy)
	c.show(c.acts)
}

func enable(b *widget.Button, on bool) {
	if on == !b.Disabled() {
		return
	}
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// openLink opens a published port in the browser.
func (v *containersView) openLink(u *url.URL) {
	if err := v.u.openURL(u); err != nil {
		v.u.showError("Could not open "+u.String(), err)
	}
}

// portsLayout puts links side by side; the last one that does not fit is
// shortened with an ellipsis and the ones after it are left out.
type portsLayout struct{}

func (portsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = fyne.Max(h, o.MinSize().Height)
	}
	return fyne.NewSize(10, h)
}

func (portsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for _, o := range objs {
		w := naturalWidth(o)
		if x > 0 && x >= size.Width-4 {
			o.Hide() // showPorts shows it again on the next update
			continue
		}
		if x+w > size.Width {
			w = size.Width - x
		}
		if !o.Visible() {
			o.Show()
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// naturalWidth is how wide a link or label wants to be to show all its text.
func naturalWidth(o fyne.CanvasObject) float32 {
	var (
		text  string
		style fyne.TextStyle
	)
	switch w := o.(type) {
	case *widget.Hyperlink:
		text, style = w.Text, w.TextStyle
	case *widget.Label:
		text, style = w.Text, w.TextStyle
	default:
		return o.MinSize().Width
	}
	return fyne.MeasureText(text, theme.TextSize(), style).Width + 2*theme.InnerPadding() + 2*theme.Padding()
}
