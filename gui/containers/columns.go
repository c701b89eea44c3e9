package containers

import (
	"cmp"
	"image/color"
	"slices"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// The columns of the table: docker ps's, name first.
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
)

// columns configures the table: each column makes and updates its own
// cells. Name, image, status, ports and created sort (see sortLocked for
// compose projects).
func (v *View) columns() []kit.Column[row] {
	return []kit.Column[row]{
		colTick: {Width: 34, Create: v.newTick, Update: v.updateTick,
			HeaderCreate: func() fyne.CanvasObject { return kit.NewTickBox(v.toggleAll) },
			HeaderUpdate: func(o fyne.CanvasObject) { o.(*kit.TickBox).Set(v.allChecked(), v.offline || v.count == 0) }},
		colName:    {Title: i18n.T("containers.col.name"), Width: 140, Create: endLabel, Update: v.updateName, Compare: byName},
		colImage:   {Title: i18n.T("containers.col.image"), Width: 165, Create: tailLabel, Update: v.updateImage, Compare: byImage},
		colStatus:  {Title: i18n.T("containers.col.status"), Width: 180, Create: newStatusCell, Update: v.updateStatus, Leave: leaveStatus, Compare: byStatus},
		colPorts:   {Title: i18n.T("containers.col.ports"), Width: 155, Create: v.newPorts, Update: v.updatePorts, Compare: byPorts},
		colCreated: {Title: i18n.T("containers.col.created"), Width: 130, Create: cellLabel, Update: v.updateCreated, Compare: byCreated},
		colID:      {Title: i18n.T("containers.col.id"), Width: 140, Create: v.newID, Update: v.updateID},
		colActions: {Title: i18n.T("containers.col.actions"), Width: 200, Create: v.newActions, Update: v.updateActions},
		// The last column takes what the others leave: the row's actions
		// stay in view at the default window size.
		colCommand: {Title: i18n.T("containers.col.command"), Width: 80, Create: cellLabel, Update: v.updateCommand, Fill: true},
	}
}

// --- sorting ------------------------------------------------------------------

// sortChanged puts the rows in the order the user chose (a header tap).
func (v *View) sortChanged() {
	v.mu.Lock()
	v.sortLocked()
	v.mu.Unlock()
	v.refilter()
}

// sortLocked puts the entries in the table's sort order, if it has one
// (callers hold mu). The members of a compose project stay together,
// sorted among themselves, and the project goes where its first member
// would; the filter then shows the project's header before its first
// visible member, as without a sort. Ties keep their previous order.
func (v *View) sortLocked() {
	if col, _ := v.table.SortedBy(); col < 0 {
		return
	}
	var a, b row
	slices.SortStableFunc(v.order, func(i, j int32) int {
		a.e, b.e = &v.entries[i], &v.entries[j]
		return v.table.Compare(&a, &b)
	})
	if len(v.groups) == 0 {
		return
	}
	members := make([][]int32, len(v.groups))
	for _, i := range v.order {
		if g := v.entries[i].group; g >= 0 {
			members[g] = append(members[g], i)
		}
	}
	order := make([]int32, 0, len(v.order))
	for _, i := range v.order {
		switch g := v.entries[i].group; {
		case g < 0:
			order = append(order, i)
		case members[g] != nil:
			order = append(order, members[g]...)
			members[g] = nil
		}
	}
	v.order = order
}

func byName(a, b *row) int  { return compareFold(a.e.c.Name, b.e.c.Name) }
func byImage(a, b *row) int { return compareFold(a.e.c.Image, b.e.c.Image) }

// byCreated puts the oldest first.
func byCreated(a, b *row) int { return a.e.c.Created.Compare(b.e.c.Created) }

// byStatus puts running containers first, then paused, created, exited and
// the rest; the latest change of state first among equals.
func byStatus(a, b *row) int {
	if n := cmp.Compare(stateRank(a.e.c.State), stateRank(b.e.c.State)); n != 0 {
		return n
	}
	return b.e.c.StateSince.Compare(a.e.c.StateSince)
}

func stateRank(s engine.ContainerState) int {
	switch s {
	case engine.StateRunning:
		return 0
	case engine.StateRestarting:
		return 1
	case engine.StatePaused:
		return 2
	case engine.StateCreated:
		return 3
	case engine.StateExited:
		return 4
	default:
		return 5
	}
}

// byPorts orders by the lowest published host port; containers that
// publish none come last.
func byPorts(a, b *row) int {
	pa, pb := lowestPort(a.e.c.Ports), lowestPort(b.e.c.Ports)
	switch {
	case pa == pb:
		return 0
	case pa == 0:
		return 1
	case pb == 0:
		return -1
	}
	return cmp.Compare(pa, pb)
}

func lowestPort(ps []engine.PortBinding) uint16 {
	var low uint16
	for _, p := range ps {
		if p.HostPort != 0 && (low == 0 || p.HostPort < low) {
			low = p.HostPort
		}
	}
	return low
}

// compareFold compares two strings ignoring case, without allocating.
func compareFold(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if la, lb := unicode.ToLower(ra), unicode.ToLower(rb); la != lb {
			return cmp.Compare(la, lb)
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

func cellLabel() fyne.CanvasObject  { return kit.CellLabel() }
func endLabel() fyne.CanvasObject   { return kit.NewEndLabel() }
func plainLabel() fyne.CanvasObject { return kit.PlainLabel() }
func tailLabel() fyne.CanvasObject  { return kit.NewTailLabel() }

// imp is the importance of a row's texts: greyed while the engine is offline.
func (v *View) imp() widget.Importance {
	if v.offline {
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// setText shows text in a label of the regular style. (Regular text only
// in the lists: each font style Fyne loads costs megabytes.)
func setText(o fyne.CanvasObject, text string, imp widget.Importance) {
	setStyled(o, text, fyne.TextStyle{}, imp)
}

func setStyled(o fyne.CanvasObject, text string, style fyne.TextStyle, imp widget.Importance) {
	switch l := o.(type) {
	case *kit.TailLabel:
		l.Set(text, style, imp)
	case *widget.Label:
		kit.SetLabel(l, text, style, imp)
	}
}

func (v *View) updateName(r *row, o fyne.CanvasObject) {
	if r.g != nil {
		setStyled(o, r.g.name, fyne.TextStyle{Bold: true}, v.imp())
		return
	}
	setText(o, r.e.name, v.imp())
}

// updateImage shows the image name's end, its tag, when it is too long.
func (v *View) updateImage(r *row, o fyne.CanvasObject) {
	l := o.(*kit.TailLabel)
	if r.g != nil {
		l.Set(r.g.title, fyne.TextStyle{}, widget.LowImportance)
		return
	}
	l.Set(r.e.c.Image, fyne.TextStyle{}, v.imp())
}

func (v *View) updateCreated(r *row, o fyne.CanvasObject) {
	if r.g != nil {
		setText(o, "", widget.LowImportance)
		return
	}
	setText(o, present.Ago(r.e.c.Created, v.h.Now()), v.imp())
}

func (v *View) updateCommand(r *row, o fyne.CanvasObject) {
	if r.g != nil {
		setText(o, "", widget.LowImportance)
		return
	}
	setText(o, r.e.command, v.imp())
}

// cell is the base of the columns' own cell widgets: it draws its Content
// and knows its row.
type cell = kit.Cell[row]

// --- tick ---------------------------------------------------------------------

// tickCell is a row's tick box: a container's, or a compose project's (all its members).
type tickCell struct {
	cell
	box *kit.TickBox
}

func (v *View) newTick() fyne.CanvasObject {
	c := &tickCell{}
	c.box = kit.NewTickBox(func() {
		switch r := c.Row(); {
		case r == nil:
		case r.g != nil:
			v.toggleGroup(r.g)
		case r.e != nil:
			v.toggle(r.e.c.ID)
		}
	})
	c.Content = c.box
	c.ExtendBaseWidget(c)
	return c
}

func (v *View) updateTick(r *row, o fyne.CanvasObject) {
	c := o.(*tickCell)
	if r.g != nil {
		any, all := v.groupChecked(r.g)
		c.box.Set(any && all, v.offline)
		return
	}
	c.box.Set(v.checked[r.e.c.ID], v.offline)
}

// --- status -------------------------------------------------------------------

// statusCell is the state mark, the status text and, while an action is in
// flight, a spinner; a project's header shows its summary there.
type statusCell struct {
	cell
	dot   *kit.StateDot
	label *kit.TailLabel
	spin  *widget.Activity
}

func newStatusCell() fyne.CanvasObject {
	c := &statusCell{dot: kit.NewStateDot(), label: kit.NewEndLabel(), spin: widget.NewActivity()}
	c.spin.Hide()
	c.Content = container.NewBorder(nil, nil, c.dot, c.spin, c.label)
	c.ExtendBaseWidget(c)
	return c
}

// spinning starts or stops the spinner.
func (c *statusCell) spinning(on bool) {
	switch {
	case on == c.spin.Visible():
	case on:
		c.spin.Show()
		c.spin.Start()
	default:
		c.spin.Stop()
		c.spin.Hide()
	}
}

// leaveStatus stops the spinner of a cell that goes to show another column.
func leaveStatus(o fyne.CanvasObject) { o.(*statusCell).spinning(false) }

func (v *View) updateStatus(r *row, o fyne.CanvasObject) {
	c := o.(*statusCell)
	if r.g != nil {
		kit.Show(c.dot, false)
		c.spinning(false)
		setText(c.label, r.g.summary, widget.LowImportance)
		return
	}
	kit.Show(c.dot, true)
	e := r.e
	col := kit.StateColor(e.c.State)
	if v.offline {
		col = theme.ColorNameDisabled
	}
	c.dot.SetColor(col)
	pending := v.pending[e.c.ID]
	c.spinning(pending != "")
	switch {
	case pending != "":
		setText(c.label, pending, widget.MediumImportance)
	default:
		// Aged: "Up 9 minutes" stays true as time passes.
		setText(c.label, present.Status(e.c, v.h.Now()), v.imp())
	}
}

// --- ports --------------------------------------------------------------------

// portsCell shows the published TCP ports as links, then the other ports.
type portsCell struct {
	cell
	box   *fyne.Container
	links []*widget.Hyperlink
	urls  []string // the address each link shows
	text  *widget.Label
	prev  []fyne.CanvasObject // scratch: the objects shown before an update
}

func (v *View) newPorts() fyne.CanvasObject {
	c := &portsCell{box: container.New(portsLayout{}), text: kit.CellLabel()}
	c.Content = c.box
	c.ExtendBaseWidget(c)
	return c
}

func (v *View) newLink() *widget.Hyperlink {
	h := &widget.Hyperlink{Truncation: fyne.TextTruncateEllipsis}
	h.OnTapped = func() { v.openLink(h.URL) }
	h.ExtendBaseWidget(h)
	return h
}

func (v *View) updatePorts(r *row, o fyne.CanvasObject) {
	c := o.(*portsCell)
	c.prev = append(c.prev[:0], c.box.Objects...)
	objs := c.box.Objects[:0]
	relayout := false
	switch e := r.e; {
	case e == nil:
	case v.offline:
		// Greyed text, no links.
		if e.ports != "" {
			setText(c.text, e.ports, widget.LowImportance)
			objs = append(objs, c.text)
		}
		relayout = true
	default:
		for i, l := range e.links {
			if i == len(c.links) {
				c.links = append(c.links, v.newLink())
				c.urls = append(c.urls, "")
			}
			h := c.links[i]
			// Compare texts: a full refresh makes new URLs for the same ports.
			if h.Text != l.text || c.urls[i] != l.raw {
				c.urls[i] = l.raw
				h.Text, h.URL = l.text, l.url
				h.Refresh()
				relayout = true
			}
			objs = append(objs, h)
		}
		if e.other != "" {
			setText(c.text, e.other, widget.MediumImportance)
			objs = append(objs, c.text)
		}
	}
	c.box.Objects = objs
	if relayout || !sameObjects(c.prev, objs) {
		// Lay out again only when a link or the set of links changed.
		c.box.Refresh()
	}
}

// --- ID -----------------------------------------------------------------------

// idCell is the short ID with a button that copies the full one.
type idCell struct {
	cell
	label *widget.Label
	copy  *kit.TipButton
}

func (v *View) newID() fyne.CanvasObject {
	c := &idCell{label: kit.PlainLabel()}
	c.copy = kit.NewTipButton(theme.ContentCopyIcon(), i18n.T("containers.copyID"), func() {
		if r := c.Row(); r != nil && r.e != nil {
			v.copyIDs([]engine.Container{r.e.c})
		}
	})
	c.Content = container.NewBorder(nil, nil, nil, c.copy, c.label)
	c.ExtendBaseWidget(c)
	return c
}

func (v *View) updateID(r *row, o fyne.CanvasObject) {
	c := o.(*idCell)
	kit.Show(c, r.e != nil)
	if r.e != nil {
		setText(c.label, r.e.c.ShortID, v.imp())
	}
}

// --- actions ------------------------------------------------------------------

// actionsCell is a row's buttons: one per rowSlots (start or stop, pause or
// resume, restart), logs, remove. Each has a tooltip: Start and Resume
// share an icon.
type actionsCell struct {
	cell
	box    *fyne.Container
	gap    *canvas.Rectangle // in place of a header's Pause
	slots  []*kit.TipButton
	shown  []*Action // what each slot's button runs now
	logs   *kit.TipButton
	remove *kit.TipButton
}

func (v *View) newActions() fyne.CanvasObject {
	box := container.NewHBox()
	c := &actionsCell{}
	for i, slot := range rowSlots {
		c.shown = append(c.shown, slot[0])
		b := kit.NewTipButton(slot[0].Icon(), slot[0].title(), func() { c.tap(v, c.shown[i]) })
		c.slots = append(c.slots, b)
		box.Add(b)
		if i == 1 {
			// Where a compose header, which has no Pause, keeps its place.
			c.gap = canvas.NewRectangle(color.Transparent)
			c.gap.SetMinSize(b.MinSize())
			c.gap.Hide()
			box.Add(c.gap)
		}
	}
	c.logs = kit.NewTipButton(theme.ListIcon(), v.tips.logs, func() {
		switch r := c.Row(); {
		case r == nil:
		case r.g != nil:
			v.h.OpenProjectLogs(r.g.name)
		case r.e != nil:
			v.h.OpenLogs(r.e.c)
		}
	})
	c.remove = kit.NewTipButton(Remove.Icon(), Remove.title(), func() { c.tap(v, Remove) })
	box.Add(c.logs)
	box.Add(c.remove)
	c.box = box
	c.Content = box
	c.ExtendBaseWidget(c)
	return c
}

// tap runs a on the row's container, or on the stack of a compose header.
func (c *actionsCell) tap(v *View, a *Action) {
	switch r := c.Row(); {
	case r == nil:
	case r.g != nil:
		v.stackAction(a, r.g)
	case r.e != nil:
		v.rowAction(a, r.e.c.ID)
	}
}

// button is the button that runs a on the row now, nil if none does.
func (c *actionsCell) button(a *Action) *kit.TipButton {
	if a == Remove {
		return c.remove
	}
	for i, s := range c.shown {
		if s == a {
			return c.slots[i]
		}
	}
	return nil
}

func (v *View) updateActions(r *row, o fyne.CanvasObject) {
	c := o.(*actionsCell)
	if r.g != nil {
		v.updateStackActions(r.g, c)
		return
	}
	kit.Show(c, r.e != nil)
	if r.e == nil {
		return
	}
	c.showSlot(1, true)
	ct := r.e.c
	busy := v.offline || v.pending[ct.ID] != ""
	for i, slot := range rowSlots {
		a := applicable(slot, ct)
		on := a != nil && !busy
		if a == nil {
			a = slot[0] // shown, disabled
		}
		if c.shown[i] != a {
			c.shown[i] = a
			c.slots[i].SetIcon(a.Icon())
		}
		c.slots[i].SetTip(a.title()) // a header's cell may come back as a container's
		kit.Enable(&c.slots[i].Button, on)
	}
	c.remove.SetTip(v.tips.remove)
	c.logs.SetTip(v.tips.logs)
	kit.Enable(&c.remove.Button, !busy)
}
