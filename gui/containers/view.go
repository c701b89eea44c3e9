// Package containers is the Containers tab: docker ps -a as a live table,
// and the container actions table that its row buttons, selection bar and
// context menu (and the shell's tray) read.
package containers

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Host is what the view needs from the shell.
type Host interface {
	Do(func())                      // run on the UI goroutine
	Now() time.Time                 // the clock behind "9 minutes ago"
	Window() fyne.Window            // for popup menus
	Context() context.Context       // canceled when the UI closes; engine calls use it
	Ask(q kit.Question)             // show a question or an error dialog
	OpenURL(u *url.URL) error       // open a published port in the browser
	OpenRun(image string)           // open the run dialog
	OpenLogs(c engine.Container)    // open a container's logs
	Shortcut(s fyne.Shortcut) bool  // the window's shortcuts, for the filter entry
	OpenProjectLogs(project string) // open the merged logs of a compose project
	OpenComposeUp()                 // open the compose up dialog
	Stacks() Stacks                 // compose down of a project, for its header's Remove

	// OpenDetails opens a container's details with a tab in front ("" for
	// the overview; "inspect", "files", "terminal", ...).
	OpenDetails(c engine.Container, tab string)
}

// entry is one container with what its row shows, computed once per
// change of the container (not per keystroke or per frame).
type entry struct {
	c       engine.Container
	key     string // lower-case name, image, ID and project, for the filter
	group   int32  // compose project group, -1 for none
	name    string // the name as the row shows it: indented in a group
	running bool
	command string
	links   []portLink
	other   string // ports that are not links: unpublished or UDP
	ports   string // every port, as docker ps prints them (offline: no links)
	shown   bool   // passes the filter and the toggle
}

func newEntry(c engine.Container) entry {
	e := entry{c: c, group: -1, name: c.Name, running: c.Running(), command: present.FormatCommand(c.Command),
		ports: present.FormatPorts(c.Ports)}
	e.key = strings.ToLower(c.Name + "\x00" + c.Image + "\x00" + c.ID + "\x00" + c.Project)
	e.links, e.other = portLinks(c.Ports)
	return e
}

// setGroup puts the entry in compose group g (-1: none).
func (e *entry) setGroup(g int32) {
	e.group, e.name = g, e.c.Name
	if g >= 0 {
		e.name = "   " + e.c.Name
	}
}

// group is a compose project: its header row and its members.
type group struct {
	name    string
	title   string // "Compose · 3": the Image column is narrow
	summary string // "2 running, 1 paused"
	members []int32
}

// row is one row of the table: a container, or the header of a compose project.
type row struct {
	e *entry // nil for a header
	g *group // the header's project; nil for a container
}

// View is the Containers tab.
type View struct {
	h   Host
	api engine.ContainerAPI

	content     fyne.CanvasObject
	filter      *kit.FilterEntry
	onlyRunning *kit.Check
	runButton   *widget.Button
	upButton    *widget.Button // Compose up…
	table       *kit.Table[row]
	empty       *widget.Label
	selBar      *fyne.Container
	progress    *widget.Label // "Stopping 120 of 300", while a bulk action runs
	selLabel    *widget.Label
	barButtons  []*widget.Button // one per Actions
	copyButton  *widget.Button
	clearButton *widget.Button

	// mu guards what the exported hooks read from other goroutines; the UI
	// goroutine writes under it and reads without it.
	mu      sync.Mutex
	entries []entry
	index   map[string]int32
	groups  []group
	order   []int32 // entries in display order: groups together, at their newest member
	rows    []row   // the visible rows
	spare   []row   // the previous rows, reused by the next filter pass
	count   int     // visible container rows
	pending map[string]string

	query      string // lower-case filter text
	only       bool   // only running
	offline    bool
	reachable  bool
	checked    map[string]bool // shown containers only: the selection is what the user sees
	current    string          // the container of the highlighted row
	currentRow int             // and that row

	outcomes *kit.Coalescer[[]outcome] // the news of actions in flight, to the UI goroutine
	batches  []*batch                  // the bulk actions in flight, for the progress line
	tips     tips
}

// tips are the words of the row buttons, made once: a row's update
// allocates nothing.
type tips struct {
	logs, remove           string
	stack                  map[*Action]string // "Start the stack"
	stackRemove, stackLogs string
}

func newTips() tips {
	return tips{
		logs:   i18n.T("containers.logs"),
		remove: Remove.title(),
		stack: map[*Action]string{
			Start:   i18n.T("containers.stack.start"),
			Stop:    i18n.T("containers.stack.stop"),
			Restart: i18n.T("containers.stack.restart"),
		},
		stackRemove: i18n.T("containers.stack.removeTip"),
		stackLogs:   i18n.T("containers.stack.logs"),
	}
}

// New makes the Containers tab over api.
func New(h Host, api engine.ContainerAPI) *View {
	Reword()
	v := &View{h: h, api: api, index: map[string]int32{}, pending: map[string]string{}, checked: map[string]bool{}, tips: newTips()}
	v.outcomes = kit.NewCoalescer(h.Do, func(pending, next []outcome) []outcome { return append(pending, next...) }, v.applyOutcomes)
	v.filter = kit.NewFilterEntry(i18n.T("containers.filter"), v.setQuery)
	v.filter.Shortcut = h.Shortcut
	v.onlyRunning = kit.NewCheck(i18n.T("containers.onlyRunning"), v.setOnly)
	v.runButton = &widget.Button{Text: i18n.T("containers.run"), Icon: theme.MediaPlayIcon(), Importance: widget.HighImportance,
		OnTapped: func() { h.OpenRun("") }}
	v.runButton.ExtendBaseWidget(v.runButton)
	v.upButton = &widget.Button{Text: i18n.T("containers.composeUp"), Icon: theme.UploadIcon(), OnTapped: h.OpenComposeUp}
	v.upButton.ExtendBaseWidget(v.upButton)

	v.table = kit.NewTable(v.columns(), func() int { return len(v.rows) }, v.row)
	v.table.StickyColumnCount = 2
	v.table.OnSelected = v.selected
	v.table.OnSort = v.sortChanged
	v.table.OnDelete = v.RemoveSelection
	v.table.OnSecondary = v.showMenu
	v.empty = kit.WrapLabel("", widget.LowImportance)
	v.empty.Alignment = fyne.TextAlignCenter

	v.selLabel = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	bar := []fyne.CanvasObject{v.selLabel}
	for _, a := range Actions {
		b := &widget.Button{Text: a.title(), Icon: a.Icon(), OnTapped: func() { v.choose(a, v.selectionFor(a)) }}
		if a.Confirm {
			b.Importance = widget.DangerImportance
		}
		v.barButtons = append(v.barButtons, b)
		bar = append(bar, b)
	}
	v.copyButton = &widget.Button{Text: i18n.T("containers.copyIDs"), Icon: theme.ContentCopyIcon(), OnTapped: func() { v.copyIDs(v.selection()) }}
	v.clearButton = &widget.Button{Text: i18n.T("containers.clear"), Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: v.clearSelection}
	v.selBar = container.NewHBox(append(bar, v.copyButton, v.clearButton)...)
	v.selBar.Hide()
	v.progress = kit.PlainLabel()
	v.progress.Hide()

	top := container.NewBorder(nil, nil, nil, container.NewHBox(v.onlyRunning, v.upButton, v.runButton), v.filter)
	v.content = container.NewBorder(container.NewVBox(top, v.selBar, v.progress), nil, nil, nil,
		container.NewStack(v.table, container.NewCenter(container.New(kit.BoxWidth(420), v.empty))))
	v.updateEmpty()
	return v
}

// Content is the tab's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// FocusFilter focuses the filter entry (the shell brings the tab to the front first).
func (v *View) FocusFilter() { v.h.Window().Canvas().Focus(v.filter) }

// SetFilter sets the filter text (UI goroutine).
func (v *View) SetFilter(s string) { v.filter.SetText(s) }

// SetOnlyRunning sets the "Only running" toggle (UI goroutine).
func (v *View) SetOnlyRunning(on bool) { v.onlyRunning.SetChecked(on) }

func (v *View) setOnly(on bool) {
	v.only = on
	v.refilter()
}

// Tick redraws the relative times (UI goroutine); unchanged cells cost nothing.
func (v *View) Tick() { v.table.Refresh() }

// VisibleRows is how many container rows the table shows after the filter
// and the toggle (compose group headers not counted). Safe from any goroutine.
func (v *View) VisibleRows() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.count
}

// StatusText is the text the status cell of container id (full ID) shows:
// the engine's status ("Up 9 minutes") or an action in flight
// ("Stopping…"); ok is false when the container has no visible row. Safe
// from any goroutine.
func (v *View) StatusText(id string) (string, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.rowOf(id) < 0 {
		return "", false
	}
	if p := v.pending[id]; p != "" {
		return p, true
	}
	return present.Status(v.entries[v.index[id]].c, v.h.Now()), true
}

// --- state from the store ---------------------------------------------------

// Apply shows a new snapshot (UI goroutine): only the rows of the containers
// that changed are refreshed when the set of rows stays the same.
func (v *View) Apply(snap engine.Snapshot, ch engine.Change) {
	wasOffline := v.offline
	v.offline, v.reachable = snap.Offline(), snap.Reachable

	v.mu.Lock()
	same := !ch.Full && v.sameIDs(snap.Containers)
	var changed []int32
	if same {
		for _, id := range ch.Containers {
			if i, ok := v.index[id]; ok {
				g := v.entries[i].group
				v.entries[i] = newEntry(snap.Containers[i])
				v.entries[i].setGroup(g)
				changed = append(changed, i)
			}
		}
		same = v.groupsIntact(changed)
	}
	if same {
		for _, i := range changed {
			if g := v.entries[i].group; g >= 0 {
				v.summarize(&v.groups[g])
			}
		}
	} else {
		v.rebuild(snap.Containers, ch)
	}
	v.sortLocked()
	rowsSame := v.refilterLocked() && same
	v.mu.Unlock()

	v.dropHidden()
	if rowsSame && wasOffline == v.offline {
		v.refreshEntries(changed)
	} else {
		v.rowsChanged()
	}
	v.updateEmpty()
	v.updateSelBar()
}

// sameIDs reports whether cs holds the same containers in the same order as
// the entries (callers hold mu).
func (v *View) sameIDs(cs []engine.Container) bool {
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
func (v *View) groupsIntact(changed []int32) bool {
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
func (v *View) rebuild(cs []engine.Container, ch engine.Change) {
	fresh := map[string]bool{}
	for _, id := range ch.Containers {
		fresh[id] = true
	}
	entries := make([]entry, len(cs))
	index := make(map[string]int32, len(cs))
	for i, c := range cs {
		if j, ok := v.index[c.ID]; ok && !ch.Full && !fresh[c.ID] {
			entries[i] = v.entries[j]
		} else {
			entries[i] = newEntry(c)
		}
		index[c.ID] = int32(i)
	}
	// Compose projects: one group per project, placed at its newest member.
	var groups []group
	byName := map[string]int32{}
	for i := range entries {
		e := &entries[i]
		if e.c.Project == "" {
			e.setGroup(-1)
			continue
		}
		g, ok := byName[e.c.Project]
		if !ok {
			g = int32(len(groups))
			byName[e.c.Project] = g
			groups = append(groups, group{name: e.c.Project})
		}
		e.setGroup(g)
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
	for i := range groups {
		groups[i].title = i18n.T("containers.group.title", "N", len(groups[i].members))
		v.summarize(&groups[i])
	}
	for id := range v.pending {
		if _, ok := index[id]; !ok {
			delete(v.pending, id)
		}
	}
}

// summarize counts the running members of a project for its header.
func (v *View) summarize(g *group) {
	var running, paused int
	for _, m := range g.members {
		switch v.entries[m].c.State {
		case engine.StateRunning, engine.StateRestarting:
			running++
		case engine.StatePaused:
			paused++
		}
	}
	g.summary = present.GroupSummary(running, paused)
}

// refilterLocked computes the visible rows into the spare slice and reports
// whether they are the same as before (callers hold mu). It allocates
// nothing unless the rows outgrow the spare slice.
func (v *View) refilterLocked() (same bool) {
	rows := v.spare[:0]
	q, only := v.query, v.only
	count := 0
	last := int32(-1)
	for _, i := range v.order {
		e := &v.entries[i]
		e.shown = (!only || e.running) && (q == "" || strings.Contains(e.key, q))
		if !e.shown {
			continue
		}
		if e.group >= 0 && e.group != last {
			rows = append(rows, row{g: &v.groups[e.group]})
		}
		last = e.group
		rows = append(rows, row{e: e})
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
func (v *View) refilter() {
	v.mu.Lock()
	same := v.refilterLocked()
	v.mu.Unlock()
	v.dropHidden()
	if !same {
		v.rowsChanged()
		v.table.ScrollToTop()
	}
	v.updateEmpty()
	v.updateSelBar()
}

// rowsChanged redraws the table after rows moved. The highlighted row stays
// if its container kept its place; otherwise the highlight goes (moving it
// would scroll the table under the user's eyes).
func (v *View) rowsChanged() {
	v.table.Refresh()
	if v.current == "" {
		return
	}
	if r := v.rowOf(v.current); r < 0 || r != v.currentRow {
		v.table.UnselectAll()
		v.current = ""
	}
}

func (v *View) setQuery(s string) {
	v.query = strings.ToLower(strings.TrimSpace(s))
	v.refilter()
}

// rowOf finds the row of a container, -1 if it has none.
func (v *View) rowOf(id string) int {
	i, ok := v.index[id]
	if !ok {
		return -1
	}
	e := &v.entries[i]
	for r := range v.rows {
		if v.rows[r].e == e {
			return r
		}
	}
	return -1
}

// refreshEntries redraws the rows of the changed entries (and so their
// compose headers, which count the running members). Fyne's
// Table.RefreshItem lays out every visible cell again for each cell it
// redraws, so a row of ten cells costs ten passes: when any shown row
// changed, one refresh of the table is the cheaper pass, whatever the number
// of rows (an event storm of 300 containers costs one).
func (v *View) refreshEntries(changed []int32) {
	for _, i := range changed {
		if v.rowOf(v.entries[i].c.ID) >= 0 {
			v.table.Refresh()
			return
		}
	}
}

func (v *View) updateEmpty() {
	switch {
	case v.count > 0:
		v.empty.Hide()
		return
	case len(v.entries) == 0 && v.offline:
		v.empty.SetText(i18n.T("containers.empty.offline"))
	case len(v.entries) == 0 && !v.reachable:
		v.empty.SetText(i18n.T("containers.empty.connecting"))
	case len(v.entries) == 0:
		v.empty.SetText(i18n.T("containers.empty.none"))
	case v.query != "":
		v.empty.SetText(i18n.T("containers.empty.noMatch", "Query", strconv.Quote(v.filter.Text)))
	default:
		v.empty.SetText(i18n.T("containers.empty.noneRunning"))
	}
	v.empty.Show()
}

// row is the table's row r.
func (v *View) row(r int) *row {
	if r < 0 || r >= len(v.rows) {
		return nil
	}
	return &v.rows[r]
}

// container finds a container by ID in the current entries.
func (v *View) container(id string) (engine.Container, bool) {
	if i, ok := v.index[id]; ok {
		return v.entries[i].c, true
	}
	return engine.Container{}, false
}

// selected remembers the highlighted row's container (for Delete).
func (v *View) selected(id widget.TableCellID) {
	if r := v.row(id.Row); r != nil && r.e != nil {
		v.current, v.currentRow = r.e.c.ID, id.Row
		if id.Col == colName {
			// The name is a link to the details; unselected, a second
			// click on it opens them again.
			v.table.Unselect(id)
			v.h.OpenDetails(r.e.c, "")
		}
		return
	}
	v.current = ""
}

// --- selection ----------------------------------------------------------------

func (v *View) toggle(id string) {
	if v.checked[id] {
		delete(v.checked, id)
	} else {
		v.checked[id] = true
	}
	v.selectionChanged()
}

// allChecked reports whether every visible container is checked (and there is one).
func (v *View) allChecked() bool {
	for _, r := range v.rows {
		if r.e != nil && !v.checked[r.e.c.ID] {
			return false
		}
	}
	return v.count > 0
}

// toggleAll checks every visible container, or unchecks them if all are.
func (v *View) toggleAll() {
	all := v.allChecked()
	for _, r := range v.rows {
		switch {
		case r.e == nil:
		case all:
			delete(v.checked, r.e.c.ID)
		default:
			v.checked[r.e.c.ID] = true
		}
	}
	v.selectionChanged()
}

// dropHidden unchecks the containers that have no row (filtered out,
// hidden by the toggle, or gone).
func (v *View) dropHidden() {
	for id := range v.checked {
		if i, ok := v.index[id]; !ok || !v.entries[i].shown {
			delete(v.checked, id)
		}
	}
}

// groupChecked reports whether any and all shown members of g are checked.
func (v *View) groupChecked(g *group) (any, all bool) {
	all = true
	for _, m := range g.members {
		if !v.entries[m].shown {
			continue
		}
		if v.checked[v.entries[m].c.ID] {
			any = true
		} else {
			all = false
		}
	}
	return any, all
}

// toggleGroup checks or unchecks the shown members of a compose project.
func (v *View) toggleGroup(g *group) {
	_, all := v.groupChecked(g)
	for _, m := range g.members {
		switch {
		case !v.entries[m].shown:
		case all:
			delete(v.checked, v.entries[m].c.ID)
		default:
			v.checked[v.entries[m].c.ID] = true
		}
	}
	v.selectionChanged()
}

func (v *View) clearSelection() {
	clear(v.checked)
	v.selectionChanged()
}

func (v *View) selectionChanged() {
	v.table.Refresh()
	v.updateSelBar()
}

func (v *View) updateSelBar() {
	n := len(v.checked)
	if n == 0 {
		v.selBar.Hide()
		v.progress = kit.PlainLabel()
		v.progress.Hide()
		return
	}
	v.selLabel.SetText(i18n.N("containers.selected", n))
	for _, b := range v.barButtons {
		kit.Enable(b, !v.offline)
	}
	v.selBar.Show()
}

// selection is what the actions apply to: the checked containers, or else
// the highlighted row's, in the order of the table.
func (v *View) selection() []engine.Container {
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

// selectionFor is the part of the selection that a applies to.
func (v *View) selectionFor(a *Action) []engine.Container {
	var out []engine.Container
	for _, c := range v.selection() {
		if a.Applies(c) {
			out = append(out, c)
		}
	}
	return out
}

// RemoveSelection asks about removing the selection, then removes it (Delete).
func (v *View) RemoveSelection() {
	if v.offline {
		return
	}
	v.choose(Remove, v.selection())
}

// --- the row's menu and links ---------------------------------------------------

// showMenu opens a row's context menu (secondary tap).
func (v *View) showMenu(r int, pos fyne.Position) {
	at := v.row(r)
	if at != nil && at.g != nil {
		v.showStackMenu(at.g, pos)
		return
	}
	if at == nil || at.e == nil {
		return
	}
	e := at.e
	c := e.c
	busy := v.offline || v.pending[c.ID] != ""
	item := func(a *Action) *fyne.MenuItem {
		it := fyne.NewMenuItem(a.title(), func() { v.rowAction(a, c.ID) })
		it.Disabled = busy
		return it
	}
	var items []*fyne.MenuItem
	for _, slot := range rowSlots {
		if a := applicable(slot, c); a != nil {
			items = append(items, item(a))
		}
	}
	for _, l := range e.links {
		items = append(items, fyne.NewMenuItem(i18n.T("containers.menu.open", "URL", l.url.String()), func() { v.openLink(l.url) }))
	}
	items = append(items, fyne.NewMenuItem(i18n.T("containers.menu.details"), func() { v.h.OpenDetails(c, "") }),
		fyne.NewMenuItem(v.tips.logs, func() { v.h.OpenLogs(c) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(i18n.T("containers.copyID"), func() { v.copyIDs([]engine.Container{c}) }),
		item(Remove))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), v.h.Window().Canvas(), pos)
}

// rowAction runs a on container id, from its row's button or menu.
func (v *View) rowAction(a *Action, id string) {
	if c, ok := v.container(id); ok {
		v.choose(a, []engine.Container{c})
	}
}

// openLink opens a published port in the browser; without one, it offers
// to copy the address.
func (v *View) openLink(u *url.URL) {
	if err := v.h.OpenURL(u); err != nil {
		v.h.Ask(kit.Question{Title: i18n.T("containers.openFailed", "URL", u.String()), Message: present.NoBrowserText(err), Choices: []kit.Choice{
			{Text: i18n.T("containers.copyAddress"), Icon: theme.ContentCopyIcon(), Run: func() { fyne.CurrentApp().Clipboard().SetContent(u.String()) }},
			kit.OK(),
		}})
	}
}
