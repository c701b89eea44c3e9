package kit

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// rowCell is a column content that knows its row, with a button that says which.
type rowCell struct {
	Cell[string]
	button *TipButton
}

// fruits is a table over a list of fruit names, sorted by its owner as the
// table says, with a row-aware button in its second column.
type fruits struct {
	rows   []string
	tapped []string
	table  *Table[string]
}

func newFruits(t *testing.T) (*fruits, fyne.Window) {
	t.Helper()
	f := &fruits{rows: []string{"cherry", "apple", "banana"}}
	cols := []Column[string]{
		{Title: "Fruit", Width: 120, Create: func() fyne.CanvasObject { return CellLabel() },
			Update: func(r *string, o fyne.CanvasObject) {
				SetLabel(o.(*widget.Label), *r, fyne.TextStyle{}, widget.MediumImportance)
			},
			Compare: func(a, b *string) int { return strings.Compare(*a, *b) }},
		{Title: "Eat", Width: 60, Create: func() fyne.CanvasObject {
			c := &rowCell{}
			c.button = NewTipButton(theme.ConfirmIcon(), "Eat", func() {
				if r := c.Row(); r != nil {
					f.tapped = append(f.tapped, *r)
				}
			})
			c.Content = c.button
			c.ExtendBaseWidget(c)
			return c
		}, Update: func(*string, fyne.CanvasObject) {}},
		{Title: "Length", Width: 60, Create: func() fyne.CanvasObject { return PlainLabel() },
			Update:  func(r *string, o fyne.CanvasObject) {},
			Compare: func(a, b *string) int { return cmp.Compare(len(*a), len(*b)) }, Fill: true},
	}
	f.table = NewTable(cols, func() int { return len(f.rows) }, func(i int) *string { return &f.rows[i] })
	f.table.OnSort = func() { slices.SortStableFunc(f.rows, func(a, b string) int { return f.table.Compare(&a, &b) }) }
	w := test.NewTempApp(t).NewWindow("fruits")
	w.SetContent(f.table)
	w.Resize(fyne.NewSize(400, 300))
	return f, w
}

// walk lists o and what is drawn under it, through the widgets' current
// renderers (kittest.Walk's way; kittest imports kit, so kit's tests cannot).
func walk(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	var children []fyne.CanvasObject
	switch c := o.(type) {
	case fyne.Widget:
		children = test.WidgetRenderer(c).Objects()
	case *fyne.Container:
		children = c.Objects
	}
	for _, ch := range children {
		out = append(out, walk(ch)...)
	}
	return out
}

// relayout lays w out again, as the driver does on its next frame.
func relayout(w fyne.Window) {
	s := w.Canvas().Size()
	w.Resize(s.AddWidthHeight(1, 1))
	w.Resize(s)
}

// drawn is the drawn objects of type T of type T say, top to bottom.
func drawn[T fyne.CanvasObject](root fyne.CanvasObject) []T {
	var out []T
	for _, o := range walk(root) {
		if x, ok := o.(T); ok && o.Visible() {
			out = append(out, x)
		}
	}
	return out
}

func headers(f *fruits) []*header { return drawn[*header](f.table) }

func TestTableHeaderTapSortsAndReverses(t *testing.T) {
	f, w := newFruits(t)
	relayout(w)
	if col, _ := f.table.SortedBy(); col != -1 {
		t.Fatalf("sorted by %d before any tap", col)
	}
	hs := headers(f)
	if len(hs) != 3 || hs[0].arrow.Visible() {
		t.Fatalf("%d headers, or an arrow before a sort", len(hs))
	}
	test.Tap(hs[0])
	if col, desc := f.table.SortedBy(); col != 0 || desc {
		t.Errorf("after a tap: sorted by %d, descending %v", col, desc)
	}
	if got := strings.Join(f.rows, " "); got != "apple banana cherry" {
		t.Errorf("ascending: %s", got)
	}
	if !hs[0].arrow.Visible() || hs[0].arrow.Resource != theme.MenuDropUpIcon() {
		t.Error("no up arrow on the sorted header")
	}
	test.Tap(hs[0])
	if got := strings.Join(f.rows, " "); got != "cherry banana apple" {
		t.Errorf("descending: %s", got)
	}
	if hs[0].arrow.Resource != theme.MenuDropDownIcon() {
		t.Error("no down arrow after the second tap")
	}
	// Another column: ascending again, the first header loses its arrow.
	test.Tap(hs[2])
	if col, desc := f.table.SortedBy(); col != 2 || desc {
		t.Errorf("length: sorted by %d, descending %v", col, desc)
	}
	if got := strings.Join(f.rows, " "); got != "apple banana cherry" && got != "apple cherry banana" {
		t.Errorf("by length: %s", got)
	}
	if hs[0].arrow.Visible() || !hs[2].arrow.Visible() {
		t.Error("the arrow is not on the sorted column alone")
	}
	// A column without Compare does not sort.
	test.Tap(hs[1])
	if col, _ := f.table.SortedBy(); col != 2 {
		t.Errorf("a tap on an unsortable header sorted by %d", col)
	}
}

func TestTableCompareFollowsTheSort(t *testing.T) {
	f, _ := newFruits(t)
	a, b := "apple", "banana"
	if n := f.table.Compare(&a, &b); n != 0 {
		t.Errorf("unsorted Compare %d", n)
	}
	f.table.SortBy(0, false)
	if n := f.table.Compare(&a, &b); n >= 0 {
		t.Errorf("ascending Compare %d", n)
	}
	f.table.SortBy(0, true)
	if n := f.table.Compare(&a, &b); n <= 0 {
		t.Errorf("descending Compare %d", n)
	}
}

func TestTableCellKnowsItsRow(t *testing.T) {
	f, w := newFruits(t)
	relayout(w)
	cells := drawn[*rowCell](f.table)
	if len(cells) != 3 {
		t.Fatalf("%d row cells", len(cells))
	}
	for _, c := range cells {
		test.Tap(c.button)
	}
	if got := strings.Join(f.tapped, " "); got != "cherry apple banana" {
		t.Errorf("taps acted on %s", got)
	}
	// The rows move under the cells: a tap acts on the row shown now.
	f.table.SortBy(0, false)
	relayout(w)
	f.tapped = nil
	test.Tap(drawn[*rowCell](f.table)[0].button)
	if got := strings.Join(f.tapped, " "); got != "apple" {
		t.Errorf("after sorting the first row's tap acted on %s", got)
	}
	// A row with nothing to show leaves its cell with no row.
	c := drawn[*rowCell](f.table)[2]
	f.table.Row = func(i int) *string {
		if i == 2 {
			return nil
		}
		return &f.rows[i]
	}
	f.table.Refresh()
	if r := c.Row(); r != nil {
		t.Errorf("a cell of an empty row still has %q", *r)
	}
}

func TestTableFillColumnTakesTheRest(t *testing.T) {
	f, w := newFruits(t)
	w.Resize(fyne.NewSize(600, 300))
	relayout(w)
	width := f.table.Size().Width
	want := width - 120 - 60 - 2*theme.Padding() - theme.ScrollBarSize()
	if f.table.fillWidth != want {
		t.Errorf("fill column %v wide in a table %v wide, want %v", f.table.fillWidth, width, want)
	}
	// Never narrower than its Width.
	w.Resize(fyne.NewSize(200, 300))
	relayout(w)
	if f.table.fillWidth != 60 {
		t.Errorf("fill column %v wide in a narrow table, want 60", f.table.fillWidth)
	}
}

func TestTailLabelShowsTheEnd(t *testing.T) {
	test.NewTempApp(t)
	l := NewTailLabel()
	name := "localhost:5000/berthtest/a-very-long-repository-name/web:1"
	l.Set(name, fyne.TextStyle{}, widget.MediumImportance)
	l.Resize(fyne.NewSize(140, 36))
	if !strings.HasPrefix(l.Text, "…") || !strings.HasSuffix(l.Text, "web:1") || len(l.Text) >= len(name) {
		t.Errorf("shows %q", l.Text)
	}
	room := 140 - 2*theme.InnerPadding()
	if w := fyne.MeasureText(l.Text, theme.TextSize(), fyne.TextStyle{}).Width; w > room {
		t.Errorf("%q is %v wide, room for %v", l.Text, w, room)
	}
	if l.Full() != name {
		t.Errorf("full text %q", l.Full())
	}
	// Wide enough: all of it.
	l.Resize(fyne.NewSize(900, 36))
	if l.Text != name {
		t.Errorf("a wide label shows %q", l.Text)
	}
	l.Set("nginx", fyne.TextStyle{}, widget.MediumImportance)
	l.Resize(fyne.NewSize(140, 36))
	if l.Text != "nginx" {
		t.Errorf("a short name shows %q", l.Text)
	}
}
