package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Cell is the base of a column's own cell widget: it draws Content and
// knows the row it shows, which the Table copies in before each Update, so
// a button in the cell acts on the right row when tapped. Embed it in the
// column's widget, set Content and call ExtendBaseWidget with the outer
// widget.
type Cell[R any] struct {
	widget.BaseWidget
	Content fyne.CanvasObject
	row     R
	has     bool
}

// Row is the row the cell shows now, nil if none (a cell not yet shown, or
// one showing a row the table had nothing for).
func (c *Cell[R]) Row() *R {
	if !c.has {
		return nil
	}
	return &c.row
}

// CreateRenderer implements fyne.Widget.
func (c *Cell[R]) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.Content) }

func (c *Cell[R]) setRow(r *R) {
	if r == nil {
		var zero R
		c.row, c.has = zero, false
		return
	}
	c.row, c.has = *r, true
}

func (c *Cell[R]) content() fyne.CanvasObject { return c.Content }

// rowHolder is a column's content that wants its row: a Cell.
type rowHolder[R any] interface{ setRow(r *R) }

// holder is a widget that shows other content (a Cell): the table looks
// inside it for tip buttons.
type holder interface{ content() fyne.CanvasObject }

// TailLabel is a one-line label that, when its text is too long, shows the
// end of it after an ellipsis ("…berthtest/web:1"): for image names, whose
// tag is at the end. The shortened text is measured only when the text or
// the width changes, and the label itself never truncates (cheap to lay out).
type TailLabel struct {
	widget.Label
	full   string  // the whole text
	width  float32 // the width the shown text was made for
	keepIn bool    // keep the start and cut the end instead ("Exited (0) 2 min…")
}

// NewEndLabel makes an empty label that, when its text is too long, shows
// its start and an ellipsis, like Fyne's TextTruncateEllipsis but measured
// only when the text or the width changes: Fyne searches for the cut on
// every text change, which is the costly part of redrawing many rows.
func NewEndLabel() *TailLabel {
	l := &TailLabel{keepIn: true}
	l.ExtendBaseWidget(l)
	return l
}

// NewTailLabel makes an empty tail label.
func NewTailLabel() *TailLabel {
	l := &TailLabel{}
	l.ExtendBaseWidget(l)
	return l
}

// Full is the whole text, however much of it shows.
func (l *TailLabel) Full() string { return l.full }

// Set changes the text, style and importance, redrawing only on a change.
func (l *TailLabel) Set(text string, style fyne.TextStyle, imp widget.Importance) {
	if l.full == text && l.TextStyle == style && l.Importance == imp {
		return
	}
	l.full, l.TextStyle, l.Importance = text, style, imp
	l.Text = l.cut(text, l.width, style)
	l.Refresh()
}

// Resize implements fyne.CanvasObject: the shown text follows the width.
func (l *TailLabel) Resize(s fyne.Size) {
	if s.Width != l.width {
		l.width = s.Width
		if t := l.cut(l.full, l.width, l.TextStyle); t != l.Text {
			l.Text = t
			l.Refresh()
		}
	}
	l.Label.Resize(s)
}

// cut is the text as it fits the label's width: the longest start (or,
// for a tail label, end) of it next to an ellipsis; the text itself if it
// fits or the width is not known yet.
func (l *TailLabel) cut(text string, width float32, style fyne.TextStyle) string {
	room := width - 2*theme.InnerPadding()
	size := theme.TextSize()
	if width <= 0 || fyne.MeasureText(text, size, style).Width <= room {
		return text
	}
	runes := []rune(text)
	kept := func(n int) string {
		if l.keepIn {
			return string(runes[:n]) + "…"
		}
		return "…" + string(runes[len(runes)-n:])
	}
	// The most runes that fit: lo runes fit, hi do not.
	lo, hi := 0, len(runes)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fyne.MeasureText(kept(mid), size, style).Width <= room {
			lo = mid
		} else {
			hi = mid
		}
	}
	return kept(lo)
}
