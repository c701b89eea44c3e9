package containers

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
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

// columns configures the table: each column makes and updates its own cells.
func (v *View) columns() []kit.Column[row] {
	return []kit.Column[row]{
		colTick: {Width: 34, Create: v.newTick, Update: v.updateTick,
			HeaderCreate: func() fyne.CanvasObject { return kit.NewTickBox(v.toggleAll) },
			HeaderUpdate: func(o fyne.CanvasObject) { o.(*kit.TickBox).Set(v.allChecked(), v.offline || v.count == 0) }},
		colName:    {Title: "Name", Width: 165, Create: cellLabel, Update: v.updateName},
		colImage:   {Title: "Image", Width: 180, Create: cellLabel, Update: v.updateImage},
		colStatus:  {Title: "Status", Width: 205, Create: newStatusCell, Update: v.updateStatus, Leave: leaveStatus},
		colPorts:   {Title: "Ports", Width: 180, Create: v.newPorts, Update: v.updatePorts},
		colCreated: {Title: "Created", Width: 160, Create: cellLabel, Update: v.updateCreated},
		colID:      {Title: "Container ID", Width: 140, Create: v.newID, Update: v.updateID},
		colActions: {Title: "Actions", Width: 200, Create: v.newActions, Update: v.updateActions},
		// The last column: nothing to overlap, so a plain label, cheaper to lay out.
		colCommand: {Title: "Command", Width: 175, Create: plainLabel, Update: v.updateCommand},
	}
}

func cellLabel() fyne.CanvasObject  { return kit.CellLabel() }
func plainLabel() fyne.CanvasObject { return kit.PlainLabel() }

// imp is the importance of a row's texts: greyed while the engine is offline.
func (v *View) imp() widget.Importance {
	if v.offline {
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// show shows or hides o, redrawing it only on a change.
func show(o fyne.CanvasObject, on bool) {
	switch {
	case on == o.Visible():
	case on:
		o.Show()
	default:
		o.Hide()
	}
}

// setText shows text in a label of the regular style. (Regular text only
// in the lists: each font style Fyne loads costs megabytes.)
func setText(o fyne.CanvasObject, text string, imp widget.Importance) {
	kit.SetLabel(o.(*widget.Label), text, fyne.TextStyle{}, imp)
}

func (v *View) updateName(r *row, o fyne.CanvasObject) {
	if r.g != nil {
		kit.SetLabel(o.(*widget.Label), r.g.name, fyne.TextStyle{Bold: true}, v.imp())
		return
	}
	setText(o, r.e.name, v.imp())
}

func (v *View) updateImage(r *row, o fyne.CanvasObject) {
	if r.g != nil {
		setText(o, r.g.title, widget.LowImportance)
		return
	}
	setText(o, r.e.c.Image, v.imp())
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

// cell is the base of the columns' own cell widgets: it draws content.
type cell struct {
	widget.BaseWidget
	content fyne.CanvasObject
}

// CreateRenderer implements fyne.Widget.
func (c *cell) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.content) }

// --- tick ---------------------------------------------------------------------

// tickCell is a row's tick box: a container's, or a compose project's (all its members).
type tickCell struct {
	cell
	box *kit.TickBox
	at  row
}

func (v *View) newTick() fyne.CanvasObject {
	c := &tickCell{}
	c.box = kit.NewTickBox(func() {
		if c.at.g != nil {
			v.toggleGroup(c.at.g)
		} else if c.at.e != nil {
			v.toggle(c.at.e.c.ID)
		}
	})
	c.content = c.box
	c.ExtendBaseWidget(c)
	return c
}

func (v *View) updateTick(r *row, o fyne.CanvasObject) {
	c := o.(*tickCell)
	c.at = *r
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
	label *widget.Label
	spin  *widget.Activity
}

func newStatusCell() fyne.CanvasObject {
	c := &statusCell{dot: kit.NewStateDot(), label: kit.CellLabel(), spin: widget.NewActivity()}
	c.spin.Hide()
	c.content = container.NewBorder(nil, nil, c.dot, c.spin, c.label)
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
		show(c.dot, false)
		c.spinning(false)
		setText(c.label, r.g.summary, widget.LowImportance)
		return
	}
	show(c.dot, true)
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
		setText(c.label, e.c.StatusAt(v.h.Now()), v.imp())
	}
}

// --- ports --------------------------------------------------------------------

// portsCell shows the published TCP ports as links, then the other ports.
type portsCell struct {
	cell
	box   *fyne.Container
	links []*widget.Hyperlink
	text  *widget.Label
	prev  []fyne.CanvasObject // scratch: the objects shown before an update
}

func (v *View) newPorts() fyne.CanvasObject {
	c := &portsCell{box: container.New(portsLayout{}), text: kit.CellLabel()}
	c.content = c.box
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
			}
			h := c.links[i]
			if h.Text != l.text || h.URL != l.url {
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
	at    row
	label *widget.Label
	copy  *widget.Button
}

func (v *View) newID() fyne.CanvasObject {
	c := &idCell{label: kit.PlainLabel()}
	c.copy = kit.IconButton(theme.ContentCopyIcon(), func() {
		if c.at.e != nil {
			v.copyIDs([]engine.Container{c.at.e.c})
		}
	})
	c.content = container.NewBorder(nil, nil, nil, c.copy, c.label)
	c.ExtendBaseWidget(c)
	return c
}

func (v *View) updateID(r *row, o fyne.CanvasObject) {
	c := o.(*idCell)
	c.at = *r
	show(c, r.e != nil)
	if r.e != nil {
		setText(c.label, r.e.c.ShortID, v.imp())
	}
}

// --- actions ------------------------------------------------------------------

// actionsCell is a row's buttons: one per rowSlots (start or stop, pause or
// resume, restart), logs, remove.
type actionsCell struct {
	cell
	at     row
	slots  []*widget.Button
	shown  []*Action // what each slot's button runs now
	logs   *widget.Button
	remove *widget.Button
}

func (v *View) newActions() fyne.CanvasObject {
	box := container.NewHBox()
	c := &actionsCell{}
	for i, slot := range rowSlots {
		c.shown = append(c.shown, slot[0])
		b := kit.IconButton(slot[0].Icon, func() { c.tap(v, c.shown[i]) })
		c.slots = append(c.slots, b)
		box.Add(b)
	}
	c.logs = kit.IconButton(theme.ListIcon(), func() {
		if c.at.e != nil {
			v.h.OpenLogs(c.at.e.c)
		}
	})
	c.remove = kit.IconButton(Remove.Icon, func() { c.tap(v, Remove) })
	box.Add(c.logs)
	box.Add(c.remove)
	c.content = box
	c.ExtendBaseWidget(c)
	return c
}

// tap runs a on the row's container.
func (c *actionsCell) tap(v *View, a *Action) {
	if c.at.e != nil {
		v.rowAction(a, c.at.e.c.ID)
	}
}

// button is the button that runs a on the row now, nil if none does.
func (c *actionsCell) button(a *Action) *widget.Button {
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
	c.at = *r
	show(c, r.e != nil)
	if r.e == nil {
		return
	}
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
			c.slots[i].SetIcon(a.Icon)
		}
		kit.Enable(c.slots[i], on)
	}
	kit.Enable(c.remove, !busy)
}
