// Package kit holds the widgets and helpers that Berth's feature packages
// share: the generic Table, the filter entry, state dots and tick boxes,
// questions, the Coalescer. It knows nothing of the shell or of any feature.
package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
)

// StateColor is the colour of a container's state mark: running green,
// paused yellow, exited or created grey, dead, restarting or removing red.
func StateColor(s engine.ContainerState) fyne.ThemeColorName {
	switch s {
	case engine.StateRunning:
		return theme.ColorNameSuccess
	case engine.StatePaused:
		return theme.ColorNameWarning
	case engine.StateRestarting, engine.StateDead, engine.StateRemoving:
		return theme.ColorNameError
	default:
		return theme.ColorNameDisabled
	}
}

// StateDot is the small coloured circle before a status.
type StateDot struct {
	widget.BaseWidget
	name   fyne.ThemeColorName
	circle *canvas.Circle
}

// NewStateDot makes a grey dot.
func NewStateDot() *StateDot {
	d := &StateDot{name: theme.ColorNameDisabled, circle: &canvas.Circle{}}
	d.ExtendBaseWidget(d)
	return d
}

// SetColor changes the dot's colour (nothing is redrawn when it is the same).
func (d *StateDot) SetColor(name fyne.ThemeColorName) {
	if d.name == name {
		return
	}
	d.name = name
	d.Refresh()
}

// Color is the dot's colour name.
func (d *StateDot) Color() fyne.ThemeColorName { return d.name }

// CreateRenderer implements fyne.Widget.
func (d *StateDot) CreateRenderer() fyne.WidgetRenderer { return &stateDotRenderer{d: d} }

type stateDotRenderer struct{ d *StateDot }

func (r *stateDotRenderer) Destroy() {}

func (r *stateDotRenderer) Layout(size fyne.Size) {
	s := fyne.Min(fyne.Min(size.Width, size.Height), 10)
	r.d.circle.Resize(fyne.NewSquareSize(s))
	r.d.circle.Move(fyne.NewPos((size.Width-s)/2, (size.Height-s)/2))
}

func (r *stateDotRenderer) MinSize() fyne.Size { return fyne.NewSquareSize(12) }

func (r *stateDotRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.d.circle} }

func (r *stateDotRenderer) Refresh() {
	r.d.circle.FillColor = theme.ColorForWidget(r.d.name, r.d)
	r.d.circle.Refresh()
}

// TickBox is a check mark for selecting rows. Unlike widget.Check it does
// not take the keyboard focus, so Delete still reaches the window.
type TickBox struct {
	widget.BaseWidget
	checked  bool
	disabled bool
	OnTapped func()
	icon     *widget.Icon
}

// NewTickBox makes an unchecked tick box.
func NewTickBox(onTapped func()) *TickBox {
	t := &TickBox{OnTapped: onTapped, icon: widget.NewIcon(theme.CheckButtonIcon())}
	t.ExtendBaseWidget(t)
	return t
}

// Set changes the mark.
func (t *TickBox) Set(checked, disabled bool) {
	if t.checked == checked && t.disabled == disabled {
		return
	}
	t.checked, t.disabled = checked, disabled
	var res fyne.Resource = theme.CheckButtonIcon()
	if checked {
		res = theme.CheckButtonCheckedIcon()
	}
	if disabled {
		res = theme.NewDisabledResource(res)
	}
	t.icon.SetResource(res)
}

// Checked reports the mark.
func (t *TickBox) Checked() bool { return t.checked }

// Disabled reports whether taps are ignored.
func (t *TickBox) Disabled() bool { return t.disabled }

// Tapped implements fyne.Tappable.
func (t *TickBox) Tapped(*fyne.PointEvent) {
	if !t.disabled && t.OnTapped != nil {
		t.OnTapped()
	}
}

// Cursor implements desktop.Cursorable.
func (t *TickBox) Cursor() desktop.Cursor { return desktop.PointerCursor }

// CreateRenderer implements fyne.Widget.
func (t *TickBox) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewCenter(t.icon))
}

// IconButton is a flat icon-only button, for the actions of a table row.
func IconButton(icon fyne.Resource, tapped func()) *widget.Button {
	b := &widget.Button{Icon: icon, Importance: widget.LowImportance, OnTapped: tapped}
	b.ExtendBaseWidget(b)
	return b
}

// CellLabel is a one-line label that shortens its text with an ellipsis.
// It is extended at once: a literal widget that a layout resizes before its
// first paint would otherwise keep its text laid out at size zero.
func CellLabel() *widget.Label {
	l := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	l.ExtendBaseWidget(l)
	return l
}

// PlainLabel is a one-line label that is not shortened: cheaper to lay out,
// for texts that fit their column or end the row.
func PlainLabel() *widget.Label {
	l := &widget.Label{}
	l.ExtendBaseWidget(l)
	return l
}

// WrapLabel is a label that wraps at word boundaries (dialogs, hints).
func WrapLabel(text string, imp widget.Importance) *widget.Label {
	l := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Importance: imp}
	l.ExtendBaseWidget(l)
	return l
}

// SetLabel changes a label's text, style and importance, redrawing it only
// when one of them changed.
func SetLabel(l *widget.Label, text string, style fyne.TextStyle, imp widget.Importance) {
	if l.Text == text && l.TextStyle == style && l.Importance == imp {
		return
	}
	l.Text, l.TextStyle, l.Importance = text, style, imp
	l.Refresh()
}

// Enable enables or disables a button, redrawing it only on a change.
func Enable(b *widget.Button, on bool) {
	if on == !b.Disabled() {
		return
	}
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// RowHeight is the height of a table row: a line of text or an icon
// button, whichever is taller.
func RowHeight() float32 {
	text := fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height + 2*theme.InnerPadding()
	button := theme.IconInlineSize() + 2*theme.InnerPadding()
	return fyne.Max(text, button)
}

// BoxWidth lays its children out in a column of a fixed width, so that
// wrapping labels in dialogs get a sensible shape.
type BoxWidth float32

// MinSize implements fyne.Layout.
func (w BoxWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	width := float32(w)
	h := float32(0)
	n := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		if o.Size().Width != width {
			o.Resize(fyne.NewSize(width, o.MinSize().Height))
		}
		h += o.MinSize().Height
		n++
	}
	if n > 1 {
		h += theme.Padding() * float32(n-1)
	}
	return fyne.NewSize(width, h)
}

// Layout implements fyne.Layout.
func (w BoxWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + theme.Padding()
	}
}

// Spacer is a flexible space for toolbars.
func Spacer() fyne.CanvasObject { return layout.NewSpacer() }
