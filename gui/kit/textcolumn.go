package kit

import (
	"cmp"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// textCell is a cell of one label that knows its row.
type textCell[R any] struct {
	Cell[R]
	label *widget.Label
}

// TextColumn is a column of one truncated label per row, sorted by its text.
func TextColumn[R any](title string, width float32, text func(r *R) string) Column[R] {
	return Column[R]{Title: title, Width: width,
		Create: func() fyne.CanvasObject {
			c := &textCell[R]{label: CellLabel()}
			c.Content = c.label
			c.ExtendBaseWidget(c)
			return c
		},
		Update: func(r *R, o fyne.CanvasObject) {
			if l := o.(*textCell[R]).label; l.Text != text(r) {
				l.SetText(text(r))
			}
		},
		Compare: func(a, b *R) int { return cmp.Compare(text(a), text(b)) },
	}
}

// LabelColumn is a column of one label in the owner's own cell widget:
// wrap puts a new label in a cell, label finds it in one again; text gives
// a row's text and whether it shows dimmed (Dim).
func LabelColumn[R any](title string, width float32, style fyne.TextStyle, wrap func(l *widget.Label) fyne.CanvasObject,
	label func(o fyne.CanvasObject) *widget.Label, text func(r *R) (string, bool)) Column[R] {
	return Column[R]{Title: title, Width: width,
		Create: func() fyne.CanvasObject { return wrap(CellLabel()) },
		Update: func(r *R, o fyne.CanvasObject) {
			s, dim := text(r)
			SetLabel(label(o), s, style, Dim(dim))
		}}
}
