package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
)

// stateColor is the colour of a container's state mark: running green,
// paused yellow, exited or created grey, dead, restarting or removing red.
func stateColor(s engine.ContainerState) fyne.ThemeColorName {
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

// stateDot is the small coloured circle before a status.
type stateDot struct {
	widget.BaseWidget
	name   fyne.ThemeColorName
	circle *canvas.Circle
}

func newStateDot() *stateDot {
	d := &stateDot{name: theme.ColorNameDisabled, circle: &canvas.Circle{}}
	d.ExtendBaseWidget(d)
	return d
}

func (d *stateDot) setColor(name fyne.ThemeColorName) {
	if d.name == name {
		return
	}
	d.name = name
	d.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (d *stateDot) CreateRenderer() fyne.WidgetRenderer {
	return &stateDotRenderer{d: d}
}

type stateDotRenderer struct{ d *stateDot }

func (r *stateDotRenderer) Destroy() {}

func (r *stateDotRenderer) Layout(size fyne.Size) {
	s := fyne.Min(size.Width, size.Height)
	s = fyne.Min(s, 10)
	r.d.circle.Resize(fyne.NewSquareSize(s))
	r.d.circle.Move(fyne.NewPos((size.Width-s)/2, (size.Height-s)/2))
}

func (r *stateDotRenderer) MinSize() fyne.Size { return fyne.NewSquareSize(12) }

func (r *stateDotRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.d.circle} }

func (r *stateDotRenderer) Refresh() {
	r.d.circle.FillColor = themeColor(r.d, r.d.name)
	r.d.circle.Refresh()
}

func themeColor(o fyne.Widget, name fyne.ThemeColorName) color.Color {
	return theme.ColorForWidget(name, o)
}

// tickBox is a check mark for selecting rows. Unlike widget.Check it does
// not take the keyboard focus, so Delete still reaches the window.
type tickBox struct {
	widget.BaseWidget
	checked  bool
	disabled bool
	onTapped func()
	icon     *widget.Icon
}

func newTickBox(onTapped func()) *tickBox {
	t := &tickBox{onTapped: onTapped, icon: widget.NewIcon(theme.CheckButtonIcon())}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tickBox) set(checked, disabled bool) {
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

// Tapped implements fyne.Tappable.
func (t *tickBox) Tapped(*fyne.PointEvent) {
	if !t.disabled && t.onTapped != nil {
		t.onTapped()
	}
}

// Cursor implements desktop.Cursorable.
func (t *tickBox) Cursor() desktop.Cursor { return desktop.PointerCursor }

// CreateRenderer implements fyne.Widget.
func (t *tickBox) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewCenter(t.icon))
}

// iconButton is a flat icon-only button, for the actions of a table row.
func iconButton(icon fyne.Resource, tapped func()) *widget.Button {
	b := &widget.Button{Icon: icon, Importance: widget.LowImportance, OnTapped: tapped}
	b.ExtendBaseWidget(b)
	return b
}

// cellLabel is a one-line label that shortens its text with an ellipsis.
// It is extended at once: a literal widget that a layout resizes before its
// first paint would otherwise keep its text laid out at size zero.
func cellLabel() *widget.Label {
	l := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	l.ExtendBaseWidget(l)
	return l
}

// wrapLabel is a label that wraps at word boundaries (dialogs, hints).
func wrapLabel(text string, imp widget.Importance) *widget.Label {
	l := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Importance: imp}
	l.ExtendBaseWidget(l)
	return l
}

// cellRenderer renders a table cell's content with at least the height of a
// row, so that the table (which sizes rows from an empty template) has room
// for a label or an icon button.
type cellRenderer struct {
	fyne.WidgetRenderer
}

func newCellRenderer(content fyne.CanvasObject) fyne.WidgetRenderer {
	return cellRenderer{widget.NewSimpleRenderer(content)}
}

// MinSize implements fyne.WidgetRenderer.
func (r cellRenderer) MinSize() fyne.Size {
	return r.WidgetRenderer.MinSize().Max(fyne.NewSize(0, rowHeight()))
}

// rowHeight is the height of a table row: a line of text or an icon button,
// whichever is taller.
func rowHeight() float32 {
	text := fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height + 2*theme.InnerPadding()
	button := theme.IconInlineSize() + 2*theme.InnerPadding()
	return fyne.Max(text, button)
}
