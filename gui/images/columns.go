package images

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

// The columns of the Images table: docker images's, plus use and actions.
const (
	colRepo = iota
	colTag
	colID
	colCreated
	colSize
	colInUse
	colActions
)

// columns configures the table; each column owns its cells. Repository
// (then tag), created and size sort.
func (v *View) columns() []kit.Column[entry] {
	repo := v.textColumn(colRepo, i18n.T("images.col.repository"), 270, func(im *engine.Image) (string, bool) {
		return im.Repository, im.Dangling || im.Repository == "<none>"
	})
	repo.Compare = func(a, b *entry) int {
		return cmp.Or(strings.Compare(a.im.Repository, b.im.Repository), strings.Compare(a.im.Tag, b.im.Tag))
	}
	created := v.textColumn(colCreated, i18n.T("images.col.created"), 165, func(im *engine.Image) (string, bool) { return present.Ago(im.Created, v.h.Now()), false })
	created.Compare = func(a, b *entry) int { return a.im.Created.Compare(b.im.Created) }
	size := v.textColumn(colSize, i18n.T("images.col.size"), 95, func(im *engine.Image) (string, bool) { return present.HumanSize(im.Size), false })
	size.Compare = func(a, b *entry) int { return cmp.Compare(a.im.Size, b.im.Size) }
	return []kit.Column[entry]{
		colRepo:    repo,
		colTag:     v.textColumn(colTag, i18n.T("images.col.tag"), 130, func(im *engine.Image) (string, bool) { return im.Tag, im.Tag == "<none>" }),
		colID:      v.textColumn(colID, i18n.T("images.col.id"), 130, func(im *engine.Image) (string, bool) { return im.ShortID, false }),
		colCreated: created,
		colSize:    size,
		colInUse:   {Title: i18n.T("images.col.inUse"), Width: 190, Create: newUseCell, Update: v.updateUse, Leave: leaveUse},
		colActions: {Title: i18n.T("images.col.actions"), Width: 170, Create: v.newActionsCell, Update: v.updateActions},
	}
}

// cell is a column's content in one table cell. The table tells it the
// row it shows, so that its buttons act on that row.
type cell struct {
	kit.Cell[entry]
	col int

	label *widget.Label    // text columns; the use text
	dot   *kit.StateDot    // in use
	spin  *widget.Activity // in use, while removing
	run   *widget.Button   // actions
	rm    *kit.TipButton
	info  *kit.TipButton
}

func newCell(col int, obj fyne.CanvasObject) *cell {
	c := &cell{col: col}
	c.Content = obj
	c.ExtendBaseWidget(c)
	return c
}

// key is the identity of the row the cell shows, "" for none.
func (c *cell) key() string {
	if r := c.Row(); r != nil {
		return r.row
	}
	return ""
}

// textColumn is a column of one label; text gives the row's text and
// whether it is a placeholder (<none>), shown dimmed.
func (v *View) textColumn(col int, title string, width float32, text func(im *engine.Image) (string, bool)) kit.Column[entry] {
	return kit.LabelColumn(title, width, fyne.TextStyle{},
		func(l *widget.Label) fyne.CanvasObject { c := newCell(col, l); c.label = l; return c },
		func(o fyne.CanvasObject) *widget.Label { return o.(*cell).label },
		func(e *entry) (string, bool) { s, dim := text(&e.im); return s, dim || v.offline })
}

func newUseCell() fyne.CanvasObject {
	dot, label, spin := kit.NewStateDot(), kit.CellLabel(), widget.NewActivity()
	spin.Hide()
	c := newCell(colInUse, container.NewBorder(nil, nil, dot, spin, label))
	c.dot, c.label, c.spin = dot, label, spin
	return c
}

// updateUse shows who uses the image, or what is being done to it.
func (v *View) updateUse(e *entry, o fyne.CanvasObject) {
	c := o.(*cell)
	im := &e.im
	col := theme.ColorNameDisabled
	imp := widget.LowImportance
	switch {
	case v.offline:
	case im.Containers > 0:
		col, imp = theme.ColorNameSuccess, widget.MediumImportance
	case im.Dangling:
		col, imp = theme.ColorNameWarning, widget.WarningImportance
	}
	c.dot.SetColor(col)
	text := present.ImageUse(*im)
	if doing := v.list.Pending[e.row]; doing != "" {
		text, imp = doing, widget.MediumImportance
		if !c.spin.Visible() {
			c.spin.Show()
			c.spin.Start()
		}
	} else {
		leaveUse(c)
	}
	kit.SetLabel(c.label, text, fyne.TextStyle{}, imp)
}

// leaveUse stops the spinner of a use cell.
func leaveUse(o fyne.CanvasObject) {
	if c := o.(*cell); c.spin.Visible() {
		c.spin.Stop()
		c.spin.Hide()
	}
}

func (v *View) newActionsCell() fyne.CanvasObject {
	var c *cell
	run := &widget.Button{Text: i18n.T("images.run"), Icon: theme.MediaPlayIcon(), Importance: widget.LowImportance, OnTapped: func() { v.runRow(c.key()) }}
	rm := kit.NewTipButton(theme.DeleteIcon(), i18n.T("images.tip.remove"), func() { v.removeRow(c.key()) })
	info := kit.NewTipButton(theme.InfoIcon(), i18n.T("images.tip.details"), func() { v.detailsRow(c.key()) })
	c = newCell(colActions, container.NewHBox(run, info, rm))
	c.run, c.rm, c.info = run, rm, info
	return c
}

func (v *View) updateActions(e *entry, o fyne.CanvasObject) {
	c := o.(*cell)
	kit.Enable(c.run, !v.offline)
	kit.Enable(&c.rm.Button, v.list.Pending[e.row] == "" && !v.offline)
}
