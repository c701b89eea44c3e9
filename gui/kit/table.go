package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Column is one column of a Table over rows of type R. Columns own their
// cells: Create makes the column's content once for each recycled table
// cell that comes to show the column, Update shows a row in it. Update must
// not allocate per call where it can help it: it runs for every visible
// cell on every refresh.
type Column[R any] struct {
	Title  string
	Width  float32
	Create func() fyne.CanvasObject
	Update func(row *R, o fyne.CanvasObject)
	// Leave, when set, is called when a cell stops showing this column's
	// content (to stop an animation in it).
	Leave func(o fyne.CanvasObject)
	// HeaderCreate and HeaderUpdate, when set, make and update the header
	// cell (a tick-all box); else the header is the bold Title.
	HeaderCreate func() fyne.CanvasObject
	HeaderUpdate func(o fyne.CanvasObject)
}

// Table is a virtualised table over rows of type R with a header row,
// configured by its columns. Rows come from Len and Row, which the owner
// keeps on the UI goroutine; Row may return nil for a row with nothing to
// show. Delete on the focused table calls OnDelete; a secondary tap on a
// cell calls OnSecondary with the row.
type Table[R any] struct {
	widget.Table
	Columns     []Column[R]
	Len         func() int
	Row         func(i int) *R
	OnDelete    func()
	OnSecondary func(row int, pos fyne.Position)
}

// NewTable makes a table over cols.
func NewTable[R any](cols []Column[R], length func() int, row func(int) *R) *Table[R] {
	t := &Table[R]{Columns: cols, Len: length, Row: row}
	t.Length = func() (int, int) { return t.Len(), len(t.Columns) }
	t.CreateCell = t.createCell
	t.UpdateCell = t.updateCell
	t.ShowHeaderRow = true
	t.CreateHeader = t.createCell
	t.UpdateHeader = t.updateHeader
	t.ExtendBaseWidget(t)
	for i, c := range cols {
		t.SetColumnWidth(i, c.Width)
	}
	return t
}

// TypedKey implements fyne.Focusable: Delete removes the selection.
func (t *Table[R]) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyDelete && t.OnDelete != nil {
		t.OnDelete()
		return
	}
	t.Table.TypedKey(ev)
}

// RefreshRow redraws every cell of row r.
func (t *Table[R]) RefreshRow(r int) {
	for c := range t.Columns {
		t.RefreshItem(widget.TableCellID{Row: r, Col: c})
	}
}

func (t *Table[R]) createCell() fyne.CanvasObject {
	c := &tableCell{box: &fyne.Container{Layout: stackLayout{}}, row: -1, col: -1,
		objs: make([]fyne.CanvasObject, len(t.Columns)), hdrs: make([]fyne.CanvasObject, len(t.Columns))}
	c.secondary = func(pos fyne.Position) {
		if t.OnSecondary != nil && c.row >= 0 {
			t.OnSecondary(c.row, pos)
		}
	}
	c.ExtendBaseWidget(c)
	return c
}

func (t *Table[R]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*tableCell)
	col := &t.Columns[id.Col]
	var r *R
	if id.Row < t.Len() {
		r = t.Row(id.Row)
	}
	if r == nil {
		c.row = -1
		t.show(c, -1, nil)
		return
	}
	c.row = id.Row
	obj := c.objs[id.Col]
	if obj == nil {
		obj = col.Create()
		c.objs[id.Col] = obj
	}
	t.show(c, id.Col, obj)
	col.Update(r, obj)
}

func (t *Table[R]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*tableCell)
	c.row = -1
	col := &t.Columns[id.Col]
	obj := c.hdrs[id.Col]
	if obj == nil {
		if col.HeaderCreate != nil {
			obj = col.HeaderCreate()
		} else {
			l := PlainLabel()
			l.TextStyle = fyne.TextStyle{Bold: true}
			obj = l
		}
		c.hdrs[id.Col] = obj
	}
	t.show(c, -1, obj)
	if col.HeaderUpdate != nil {
		col.HeaderUpdate(obj)
	} else if l, ok := obj.(*widget.Label); ok {
		SetLabel(l, col.Title, fyne.TextStyle{Bold: true}, widget.MediumImportance)
	}
}

// tableCell is a cell of a Table. Fyne recycles cells across rows and
// columns, so a cell keeps the content of every column it has shown and
// shows one of them.
type tableCell struct {
	widget.BaseWidget
	box       *fyne.Container
	objs      []fyne.CanvasObject // per column, made on first use
	hdrs      []fyne.CanvasObject // header contents, per column
	col       int                 // the column whose content is shown, -1 for none or a header
	row       int                 // the row shown, -1 for none or a header
	secondary func(fyne.Position)
}

// show puts obj (nil: nothing) in cell c; col is the column obj belongs
// to, -1 for a header or nothing.
func (t *Table[R]) show(c *tableCell, col int, obj fyne.CanvasObject) {
	cur := c.box.Objects
	if len(cur) == 1 && cur[0] == obj || len(cur) == 0 && obj == nil {
		c.col = col
		return
	}
	if c.col >= 0 && len(cur) == 1 {
		if leave := t.Columns[c.col].Leave; leave != nil {
			leave(cur[0])
		}
	}
	c.col = col
	if obj == nil {
		c.box.Objects = nil
	} else {
		c.box.Objects = []fyne.CanvasObject{obj}
	}
	c.box.Refresh()
}

// CreateRenderer implements fyne.Widget: the content, at least a row high,
// so that the table (which sizes rows from an empty template) has room for
// a label or an icon button.
func (c *tableCell) CreateRenderer() fyne.WidgetRenderer {
	return cellRenderer{widget.NewSimpleRenderer(c.box)}
}

// TappedSecondary implements fyne.SecondaryTappable: the row's menu.
func (c *tableCell) TappedSecondary(e *fyne.PointEvent) { c.secondary(e.AbsolutePosition) }

type cellRenderer struct{ fyne.WidgetRenderer }

func (r cellRenderer) MinSize() fyne.Size {
	return r.WidgetRenderer.MinSize().Max(fyne.NewSize(0, RowHeight()))
}

// stackLayout gives every object the whole cell.
type stackLayout struct{}

func (stackLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

func (stackLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}
