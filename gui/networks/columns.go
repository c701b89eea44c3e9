package networks

import (
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

const (
	colName = iota
	colID
	colDriver
	colScope
	colSubnet
	colInternal
	colAttached
	colActions
)

func (v *View) columns() []kit.Column[entry] {
	name := v.text(colName, i18n.T("networks.col.name"), 210, func(n *engine.Network) (string, bool) { return n.Name, false })
	name.Compare = func(a, b *entry) int { return strings.Compare(a.net.Name, b.net.Name) }
	driver := v.text(colDriver, i18n.T("networks.col.driver"), 75, func(n *engine.Network) (string, bool) { return n.Driver, false })
	driver.Compare = func(a, b *entry) int { return strings.Compare(a.net.Driver, b.net.Driver) }
	return []kit.Column[entry]{
		colName:   name,
		colID:     v.text(colID, i18n.T("networks.col.id"), 120, func(n *engine.Network) (string, bool) { return n.ShortID(), false }),
		colDriver: driver,
		colScope:  v.text(colScope, i18n.T("networks.col.scope"), 60, func(n *engine.Network) (string, bool) { return n.Scope, false }),
		colSubnet: v.text(colSubnet, i18n.T("networks.col.subnet"), 220, func(n *engine.Network) (string, bool) {
			if s := present.NetworkSubnets(*n); s != "" {
				return s, false
			}
			return i18n.T("networks.none"), true
		}),
		colInternal: v.text(colInternal, i18n.T("networks.col.internal"), 70, func(n *engine.Network) (string, bool) {
			if n.Internal {
				return i18n.T("networks.internal"), false
			}
			return i18n.T("networks.notInternal"), true
		}),
		colAttached: v.fill(v.text(colAttached, i18n.T("networks.col.attached"), 260, func(n *engine.Network) (string, bool) {
			if doing := v.list.Pending[n.ID]; doing != "" {
				return doing, false
			}
			if s := present.NetworkAttached(*n); s != "" {
				return s, false
			}
			return i18n.T("networks.none"), true
		})),
		colActions: {Title: i18n.T("networks.col.actions"), Width: 130, Create: v.newActions, Update: v.updateActions},
	}
}

type cell struct {
	kit.Cell[entry]
	label   *widget.Label
	buttons []*kit.TipButton
}

func newCell(o fyne.CanvasObject) *cell {
	c := &cell{}
	c.Content = o
	c.ExtendBaseWidget(c)
	return c
}

func (c *cell) id() string {
	if r := c.Row(); r != nil {
		return r.net.ID
	}
	return ""
}

func (v *View) text(col int, title string, width float32, text func(*engine.Network) (string, bool)) kit.Column[entry] {
	return kit.LabelColumn(title, width, fyne.TextStyle{Bold: col == colName},
		func(l *widget.Label) fyne.CanvasObject { c := newCell(l); c.label = l; return c },
		func(o fyne.CanvasObject) *widget.Label { return o.(*cell).label },
		func(e *entry) (string, bool) { s, dim := text(&e.net); return s, dim || v.offline })
}

func (v *View) newActions() fyne.CanvasObject {
	var c *cell
	conn := kit.NewTipButton(theme.ContentAddIcon(), i18n.T("networks.tip.connect"), func() { v.openConnect(c.id()) })
	disc := kit.NewTipButton(theme.ContentRemoveIcon(), i18n.T("networks.tip.disconnect"), func() { v.openDisconnect(c.id()) })
	rm := kit.NewTipButton(theme.DeleteIcon(), i18n.T("networks.tip.remove"), func() { v.removeRow(c.id()) })
	c = newCell(container.NewHBox(conn, disc, rm))
	c.buttons = []*kit.TipButton{conn, disc, rm}
	return c
}

func (v *View) updateActions(e *entry, o fyne.CanvasObject) {
	c := o.(*cell)
	on := !v.offline && v.list.Pending[e.net.ID] == ""
	attachable := e.net.Name != "host" && e.net.Name != "none"
	kit.Enable(&c.buttons[0].Button, on && attachable)
	kit.Enable(&c.buttons[1].Button, on && len(e.net.Attached) > 0)
	kit.Enable(&c.buttons[2].Button, on && !e.net.Predefined())
}

// fill makes c take the width the other columns leave.
func (v *View) fill(c kit.Column[entry]) kit.Column[entry] {
	c.Fill = true
	return c
}
