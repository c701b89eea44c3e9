package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Column is one column of a Table over rows of type R. Columns own their
// cells: Create makes the column's content once for each recycled table
// cell that comes to show the column, Update shows a row in it. Update must
// not allocate per call where it can help it: it runs for every visible
// cell on every refresh. A content that embeds a Cell knows its row (the
// table sets it before Update); the TipButtons in it show their tips over
// the table.
type Column[R any] struct {
	Title  string
	Width  float32
	Create func() fyne.CanvasObject
	Update func(row *R, o fyne.CanvasObject)
	// Fill makes the column take the width the others leave in the table
	// (at least Width), so that the table needs no horizontal scrolling.
	Fill bool
	// Compare, when set, makes the column sortable: a tap on its header
	// sorts the rows by it, another tap reverses the order. It returns a
	// negative number when a comes first, as for slices.SortFunc.
	Compare func(a, b *R) int
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
//
// The table keeps the sort order the user chose (SortedBy) but does not
// move rows: the owner orders them with Compare, in OnSort and whenever its
// rows change, and the table redraws after OnSort.
type Table[R any] struct {
	widget.Table
	Columns     []Column[R]
	Len         func() int
	Row         func(i int) *R
	OnDelete    func()
	OnSecondary func(row int, pos fyne.Position)
	OnSort      func()

	sortCol   int  // -1: the owner's own order
	sortDesc  bool // descending
	fillWidth float32
	tips      *tipLayer
}

// NewTable makes a table over cols.
func NewTable[R any](cols []Column[R], length func() int, row func(int) *R) *Table[R] {
	t := &Table[R]{Columns: cols, Len: length, Row: row, sortCol: -1, tips: newTipLayer()}
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

// SortedBy is the column the rows are sorted by (-1: none, the owner's own
// order) and whether the order is descending.
func (t *Table[R]) SortedBy() (col int, descending bool) { return t.sortCol, t.sortDesc }

// SortBy sorts by column col (-1: none), as a tap on its header does: it
// calls OnSort, then redraws the table.
func (t *Table[R]) SortBy(col int, descending bool) {
	t.sortCol, t.sortDesc = col, descending
	if t.OnSort != nil {
		t.OnSort()
	}
	t.Refresh()
}

// Compare orders two rows as the chosen sort does (0 when there is none):
// for the owner's sort function.
func (t *Table[R]) Compare(a, b *R) int {
	if t.sortCol < 0 {
		return 0
	}
	n := t.Columns[t.sortCol].Compare(a, b)
	if t.sortDesc {
		return -n
	}
	return n
}

// tapHeader sorts by column col, or reverses the order if it is sorted by it.
func (t *Table[R]) tapHeader(col int) {
	t.SortBy(col, col == t.sortCol && !t.sortDesc)
}

// Resize implements fyne.CanvasObject: a Fill column takes the width left.
func (t *Table[R]) Resize(s fyne.Size) {
	t.Table.Resize(s)
	used := float32(0)
	fill := -1
	for i, c := range t.Columns {
		if c.Fill {
			fill = i
		} else {
			used += c.Width
		}
	}
	if fill < 0 {
		return
	}
	// Columns are a padding apart; the vertical scroll bar covers the right edge.
	w := s.Width - used - theme.Padding()*float32(len(t.Columns)-1) - theme.ScrollBarSize()
	w = fyne.Max(w, t.Columns[fill].Width)
	if w != t.fillWidth {
		t.fillWidth = w
		t.SetColumnWidth(fill, w)
	}
}

// CreateRenderer implements fyne.Widget: the table with its tip layer over it.
func (t *Table[R]) CreateRenderer() fyne.WidgetRenderer {
	r := t.Table.CreateRenderer()
	objs := append(r.Objects()[:len(r.Objects()):len(r.Objects())], t.tips.box)
	return &tipsRenderer{WidgetRenderer: r, objs: objs, layer: t.tips}
}

// tipsRenderer draws a tip layer over a widget.
type tipsRenderer struct {
	fyne.WidgetRenderer
	objs  []fyne.CanvasObject
	layer *tipLayer
}

func (r *tipsRenderer) Layout(s fyne.Size) {
	r.WidgetRenderer.Layout(s)
	r.layer.box.Resize(s)
}

func (r *tipsRenderer) Objects() []fyne.CanvasObject { return r.objs }

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
		if h, ok := c.objs[id.Col].(rowHolder[R]); ok {
			h.setRow(nil)
		}
		t.show(c, -1, nil)
		return
	}
	c.row = id.Row
	obj := c.objs[id.Col]
	if obj == nil {
		obj = col.Create()
		adoptTips(obj, t.tips)
		c.objs[id.Col] = obj
	}
	t.show(c, id.Col, obj)
	if h, ok := obj.(rowHolder[R]); ok {
		h.setRow(r)
	}
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
			adoptTips(obj, t.tips)
		} else {
			obj = t.newHeader(id.Col)
		}
		c.hdrs[id.Col] = obj
	}
	t.show(c, -1, obj)
	if col.HeaderUpdate != nil {
		col.HeaderUpdate(obj)
		return
	}
	h := obj.(*header)
	SetLabel(h.label, col.Title, fyne.TextStyle{Bold: true}, widget.MediumImportance)
	switch {
	case t.sortCol != id.Col:
		Show(h.arrow, false)
	case t.sortDesc:
		h.arrow.SetResource(theme.MenuDropDownIcon())
		Show(h.arrow, true)
	default:
		h.arrow.SetResource(theme.MenuDropUpIcon())
		Show(h.arrow, true)
	}
}

// header is a column's title in the header row, with an arrow when the
// rows are sorted by the column; a tap sorts by a sortable column.
type header struct {
	widget.BaseWidget
	label *widget.Label
	arrow *widget.Icon
	tap   func() // nil for a column that does not sort
}

func (t *Table[R]) newHeader(col int) *header {
	h := &header{label: PlainLabel(), arrow: widget.NewIcon(nil)}
	h.arrow.Hide()
	if t.Columns[col].Compare != nil {
		h.tap = func() { t.tapHeader(col) }
	}
	h.ExtendBaseWidget(h)
	return h
}

// CreateRenderer implements fyne.Widget.
func (h *header) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewHBox(h.label, h.arrow))
}

// Tapped implements fyne.Tappable.
func (h *header) Tapped(*fyne.PointEvent) {
	if h.tap != nil {
		h.tap()
	}
}

// Cursor implements desktop.Cursorable: a pointer over a sortable header.
func (h *header) Cursor() desktop.Cursor {
	if h.tap != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// Show shows or hides o, redrawing it only on a change.
func Show(o fyne.CanvasObject, on bool) {
	switch {
	case on == o.Visible():
	case on:
		o.Show()
	default:
		o.Hide()
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
