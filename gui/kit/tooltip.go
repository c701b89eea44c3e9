package kit

import (
	"time"
	"weak"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Tooltips. Fyne 2.7 has none, and a pop-up will not do: while one shows,
// the window sends every click and hover to it. So a tip is drawn in a tip
// layer, a plain container over some content (a Table has its own; WithTips
// makes one for a window's content) that takes no events itself.

// tipDelay is how long the pointer rests on a button before its tip shows.
const tipDelay = 500 * time.Millisecond

// tipAfter runs f on the UI goroutine after d (tests run it at once).
var tipAfter = func(d time.Duration, f func()) { time.AfterFunc(d, func() { fyne.Do(f) }) }

// tipGen counts hovers, leaves and taps: a timer started by an earlier
// hover does nothing. There is one pointer, so one tip at a time (UI
// goroutine only).
var tipGen int

// shownTip is the layer showing a tip now, nil if none.
var shownTip *tipLayer

// windowTips are the layers WithTips made, for tip buttons outside tables.
var windowTips []weak.Pointer[tipLayer]

// tipLayer is where tips show: a container as big as the content it
// covers, holding the tip (a label on a rounded box) where it is placed.
type tipLayer struct {
	box  *fyne.Container
	tip  *fyne.Container
	bg   *canvas.Rectangle
	text *canvas.Text
}

func newTipLayer() *tipLayer {
	l := &tipLayer{bg: &canvas.Rectangle{}, text: &canvas.Text{}}
	l.tip = container.NewStack(l.bg, container.NewPadded(l.text))
	l.tip.Hide()
	l.box = container.NewWithoutLayout(l.tip)
	return l
}

// show shows text near at, a position in the layer: below the pointer, or
// above it at the bottom, and never past the layer's edges.
func (l *tipLayer) show(text string, at fyne.Position) {
	l.text.Text, l.text.TextSize = text, theme.CaptionTextSize()
	l.text.Color = theme.Color(theme.ColorNameForeground)
	l.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	l.bg.StrokeColor, l.bg.StrokeWidth = theme.Color(theme.ColorNameSeparator), 1
	l.bg.CornerRadius = theme.InputRadiusSize()
	size := l.tip.MinSize()
	area := l.box.Size()
	pos := fyne.NewPos(at.X, at.Y+20)
	if pos.Y+size.Height > area.Height {
		pos.Y = at.Y - 8 - size.Height
	}
	pos.X = fyne.Max(0, fyne.Min(pos.X, area.Width-size.Width))
	pos.Y = fyne.Max(0, pos.Y)
	l.tip.Resize(size)
	l.tip.Move(pos)
	l.tip.Show()
	l.tip.Refresh()
	shownTip = l
}

// Tip is the text a layer shows now, "" if none (for tests).
func (l *tipLayer) shown() string {
	if !l.tip.Visible() {
		return ""
	}
	return l.text.Text
}

// hideTip hides the tip shown, and stops any timer from showing one.
func hideTip() {
	tipGen++
	if shownTip != nil {
		shownTip.tip.Hide()
		shownTip = nil
	}
}

// WithTips puts content under a tip layer, for tip buttons in it that are
// not in a Table (a toolbar): a window's content, once per window.
func WithTips(content fyne.CanvasObject) fyne.CanvasObject {
	w := &withTips{content: content, layer: newTipLayer()}
	windowTips = append(windowTips, weak.Make(w.layer))
	w.ExtendBaseWidget(w)
	return w
}

// withTips is content under a tip layer; it keeps the layer alive.
type withTips struct {
	widget.BaseWidget
	content fyne.CanvasObject
	layer   *tipLayer
}

// CreateRenderer implements fyne.Widget.
func (w *withTips) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(w.content, w.layer.box))
}

// windowLayer is the tip layer of canvas c made by WithTips, nil if none.
func windowLayer(c fyne.Canvas) *tipLayer {
	d := fyne.CurrentApp().Driver()
	var found *tipLayer
	live := windowTips[:0]
	for _, w := range windowTips {
		if l := w.Value(); l != nil {
			live = append(live, w)
			if d.CanvasForObject(l.box) == c {
				found = l
			}
		}
	}
	clear(windowTips[len(live):])
	windowTips = live
	return found
}

// TipButton is a flat icon-only button with a tooltip: when the pointer
// rests on it, a small label near the pointer says what it does.
type TipButton struct {
	widget.Button
	tip   string
	layer *tipLayer     // the table's, set when a Table makes the cell; else the window's
	at    fyne.Position // the pointer, absolute
}

// NewTipButton makes a flat icon button with the tooltip tip.
func NewTipButton(icon fyne.Resource, tip string, tapped func()) *TipButton {
	b := &TipButton{tip: tip}
	b.Icon, b.Importance, b.OnTapped = icon, widget.LowImportance, tapped
	b.ExtendBaseWidget(b)
	return b
}

// Tip is the button's tooltip.
func (b *TipButton) Tip() string { return b.tip }

// SetTip changes the tooltip (a plain assignment: nothing is redrawn).
func (b *TipButton) SetTip(tip string) { b.tip = tip }

// MouseIn implements desktop.Hoverable: the tip shows after a pause.
func (b *TipButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	hideTip()
	b.at = e.AbsolutePosition
	gen := tipGen
	tipAfter(tipDelay, func() {
		if gen == tipGen {
			b.showTip()
		}
	})
}

// MouseMoved implements desktop.Hoverable: the tip shows where the pointer is.
func (b *TipButton) MouseMoved(e *desktop.MouseEvent) {
	b.Button.MouseMoved(e)
	b.at = e.AbsolutePosition
}

// MouseOut implements desktop.Hoverable: the tip goes.
func (b *TipButton) MouseOut() {
	b.Button.MouseOut()
	hideTip()
}

// Tapped implements fyne.Tappable: the tip goes, the button acts.
func (b *TipButton) Tapped(e *fyne.PointEvent) {
	hideTip()
	b.Button.Tapped(e)
}

func (b *TipButton) showTip() {
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(b)
	if b.tip == "" || c == nil {
		return
	}
	l := b.layer
	if l == nil || d.CanvasForObject(l.box) != c {
		l = windowLayer(c)
	}
	if l == nil {
		return
	}
	l.show(b.tip, b.at.Subtract(d.AbsolutePositionForObject(l.box)))
}

// adoptTips gives the tip buttons in o (through containers and Cells) the
// layer l; a Table calls it once for each content it makes.
func adoptTips(o fyne.CanvasObject, l *tipLayer) {
	switch w := o.(type) {
	case *TipButton:
		w.layer = l
	case *fyne.Container:
		for _, c := range w.Objects {
			adoptTips(c, l)
		}
	case holder:
		adoptTips(w.content(), l)
	}
}
