package volumes

import (
	"cmp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// The columns of the Volumes table.
const (
	colName = iota
	colDriver
	colMount
	colCreated
	colSize
	colUsers
	colActions
)

// maxLinks is how many container links an "In use by" cell shows; the rest are counted.
const maxLinks = 3

func (v *View) columns() []kit.Column[entry] {
	name := v.textColumn(colName, i18n.T("volumes.col.name"), 230, func(vol *engine.Volume) (string, bool) { return vol.Name, false })
	name.Compare = func(a, b *entry) int { return strings.Compare(a.vol.Name, b.vol.Name) }
	created := v.textColumn(colCreated, i18n.T("volumes.col.created"), 150, func(vol *engine.Volume) (string, bool) {
		if vol.Created.IsZero() {
			return "", true
		}
		return present.Ago(vol.Created, v.h.Now()), false
	})
	created.Compare = func(a, b *entry) int { return a.vol.Created.Compare(b.vol.Created) }
	size := v.textColumn(colSize, i18n.T("volumes.col.size"), 85, func(vol *engine.Volume) (string, bool) { return present.VolumeSize(*vol), vol.Size < 0 })
	size.Compare = func(a, b *entry) int { return cmp.Compare(a.vol.Size, b.vol.Size) }
	return []kit.Column[entry]{
		colName:    name,
		colDriver:  v.textColumn(colDriver, i18n.T("volumes.col.driver"), 70, func(vol *engine.Volume) (string, bool) { return vol.Driver, false }),
		colMount:   v.tailColumn(colMount, i18n.T("volumes.col.mount"), 250, func(vol *engine.Volume) string { return vol.Mountpoint }),
		colCreated: created,
		colSize:    size,
		colUsers:   {Title: i18n.T("volumes.col.users"), Width: 230, Fill: true, Create: v.newUsersCell, Update: v.updateUsers},
		colActions: {Title: i18n.T("volumes.col.actions"), Width: 130, Create: v.newActionsCell, Update: v.updateActions},
	}
}

// cell is a column's content in one table cell; it knows its row.
type cell struct {
	kit.Cell[entry]
	col     int
	label   *widget.Label
	tail    *kit.TailLabel
	dot     *kit.StateDot
	links   []*widget.Hyperlink
	more    *widget.Label
	spin    *widget.Activity
	buttons []*kit.TipButton
}

func newCell(obj fyne.CanvasObject) *cell {
	c := &cell{}
	c.Content = obj
	c.ExtendBaseWidget(c)
	return c
}

func (c *cell) name() string {
	if r := c.Row(); r != nil {
		return r.vol.Name
	}
	return ""
}

func (v *View) textColumn(col int, title string, width float32, text func(*engine.Volume) (string, bool)) kit.Column[entry] {
	return kit.LabelColumn(title, width, fyne.TextStyle{Bold: col == colName},
		func(l *widget.Label) fyne.CanvasObject { c := newCell(l); c.col, c.label = col, l; return c },
		func(o fyne.CanvasObject) *widget.Label { return o.(*cell).label },
		func(e *entry) (string, bool) { s, dim := text(&e.vol); return s, dim || v.offline })
}

// tailColumn shows the end of a long text (a mount point's last directories).
func (v *View) tailColumn(col int, title string, width float32, text func(*engine.Volume) string) kit.Column[entry] {
	return kit.Column[entry]{Title: title, Width: width,
		Create: func() fyne.CanvasObject {
			c := newCell(kit.NewTailLabel())
			c.col, c.tail = col, c.Content.(*kit.TailLabel)
			return c
		},
		Update: func(e *entry, o fyne.CanvasObject) {
			o.(*cell).tail.Set(text(&e.vol), fyne.TextStyle{}, widget.LowImportance)
		}}
}

func (v *View) newUsersCell() fyne.CanvasObject {
	var c *cell
	dot, more, spin := kit.NewStateDot(), kit.CellLabel(), widget.NewActivity()
	spin.Hide()
	box := container.NewHBox(dot)
	links := make([]*widget.Hyperlink, maxLinks)
	for i := range links {
		i := i
		l := &widget.Hyperlink{}
		l.OnTapped = func() {
			if r := c.Row(); r != nil && i < len(r.vol.UsedBy) {
				v.h.OpenContainer(r.vol.UsedBy[i].ID)
			}
		}
		l.ExtendBaseWidget(l)
		links[i] = l
		box.Add(l)
	}
	c = newCell(container.NewBorder(nil, nil, box, spin, more))
	c.col, c.dot, c.links, c.more, c.spin = colUsers, dot, links, more, spin
	return c
}

// updateUsers shows the containers that use the volume as links, or
// "Unused" (the volume is dangling), or what is being done to it.
func (v *View) updateUsers(e *entry, o fyne.CanvasObject) {
	c := o.(*cell)
	vol := &e.vol
	col := theme.ColorNameDisabled
	switch {
	case v.offline:
	case !vol.Dangling():
		col = theme.ColorNameSuccess
	default:
		col = theme.ColorNameWarning
	}
	c.dot.SetColor(col)
	for i, l := range c.links {
		if i < len(vol.UsedBy) {
			if l.Text != vol.UsedBy[i].Name {
				l.SetText(vol.UsedBy[i].Name)
			}
			l.Show()
		} else {
			l.Hide()
		}
	}
	text, imp := "", widget.MediumImportance
	switch {
	case v.list.Pending[vol.Name] != "":
		text = v.list.Pending[vol.Name]
		if !c.spin.Visible() {
			c.spin.Show()
			c.spin.Start()
		}
	case vol.Dangling():
		text, imp = i18n.T("volumes.unused"), widget.WarningImportance
	case len(vol.UsedBy) > maxLinks:
		text, imp = i18n.N("volumes.others", len(vol.UsedBy)-maxLinks), widget.LowImportance
	}
	if v.list.Pending[vol.Name] == "" && c.spin.Visible() {
		c.spin.Stop()
		c.spin.Hide()
	}
	kit.SetLabel(c.more, text, fyne.TextStyle{}, imp)
}

func (v *View) newActionsCell() fyne.CanvasObject {
	var c *cell
	browse := kit.NewTipButton(theme.FolderOpenIcon(), i18n.T("volumes.tip.browse"), func() { v.openBrowse(c.name()) })
	more := kit.NewTipButton(theme.MoreHorizontalIcon(), i18n.T("volumes.tip.more"), nil)
	more.OnTapped = func() { v.showMenu(c.name(), more) }
	rm := kit.NewTipButton(theme.DeleteIcon(), i18n.T("volumes.tip.remove"), func() { v.removeRow(c.name()) })
	c = newCell(container.NewHBox(browse, more, rm))
	c.col, c.buttons = colActions, []*kit.TipButton{browse, more, rm}
	return c
}

func (v *View) updateActions(e *entry, o fyne.CanvasObject) {
	c := o.(*cell)
	on := !v.offline && v.list.Pending[e.vol.Name] == ""
	for _, b := range c.buttons {
		kit.Enable(&b.Button, on)
	}
}

// showMenu opens a row's menu of file actions under its button.
func (v *View) showMenu(name string, at fyne.CanvasObject) {
	if name == "" {
		return
	}
	m := fyne.NewMenu("",
		fyne.NewMenuItem(i18n.T("volumes.menu.browse"), func() { v.openBrowse(name) }),
		fyne.NewMenuItem(i18n.T("volumes.menu.export"), func() { v.openExport(name) }),
		fyne.NewMenuItem(i18n.T("volumes.menu.import"), func() { v.openImportInto(name) }),
		fyne.NewMenuItem(i18n.T("volumes.menu.clone"), func() { v.openClone(name) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(i18n.T("volumes.menu.remove"), func() { v.removeRow(name) }),
	)
	c := fyne.CurrentApp().Driver().CanvasForObject(at)
	if c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(at).Add(fyne.NewPos(0, at.Size().Height))
	widget.ShowPopUpMenuAtPosition(m, c, pos)
}
