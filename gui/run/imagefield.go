package run

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/gui/kit"
)

// imageField is the image entry with a drop-down of the local images. Its
// arrow opens the list on a click but takes no keyboard focus (Fyne's
// SelectEntry arrow is a button: a hidden tab stop between the image and
// the next field), and Escape closes the dialog.
type imageField struct {
	widget.SelectEntry
	options []string
}

func newImageField() *imageField {
	f := &imageField{}
	// SelectEntry keeps an action item set before its first SetOptions.
	f.ActionItem = newDropArrow(f.showOptions)
	f.ExtendBaseWidget(f)
	f.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	return f
}

// SetOptions sets what the drop-down offers.
func (f *imageField) SetOptions(options []string) {
	f.options = options
	f.SelectEntry.SetOptions(options)
}

// TypedKey implements fyne.Focusable.
func (f *imageField) TypedKey(ev *fyne.KeyEvent) {
	if !kit.Escaped(ev) {
		f.SelectEntry.TypedKey(ev)
	}
}

// showOptions opens the drop-down under the field, as wide as it.
func (f *imageField) showOptions() {
	c := fyne.CurrentApp().Driver().CanvasForObject(f)
	if c == nil || len(f.options) == 0 {
		return
	}
	items := make([]*fyne.MenuItem, len(f.options))
	for i, o := range f.options {
		items[i] = fyne.NewMenuItem(o, func() { f.SetText(o) })
	}
	pop := widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f)
	pop.ShowAtPosition(pos.Add(fyne.NewPos(0, f.Size().Height-f.Theme().Size(theme.SizeNameInputBorder))))
	pop.Resize(fyne.NewSize(f.Size().Width, pop.MinSize().Height))
}

// dropArrow is a drop-down arrow that a click opens and the keyboard skips.
type dropArrow struct {
	widget.BaseWidget
	icon     *widget.Icon
	tapped   func()
	disabled bool
}

func newDropArrow(tapped func()) *dropArrow {
	a := &dropArrow{icon: widget.NewIcon(theme.MenuDropDownIcon()), tapped: tapped}
	a.ExtendBaseWidget(a)
	return a
}

// CreateRenderer implements fyne.Widget.
func (a *dropArrow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(a.icon) }

// MinSize is an icon's, with room around it as a button has.
func (a *dropArrow) MinSize() fyne.Size {
	return fyne.NewSquareSize(theme.IconInlineSize() + 2*theme.InnerPadding())
}

// Tapped implements fyne.Tappable.
func (a *dropArrow) Tapped(*fyne.PointEvent) {
	if !a.disabled {
		a.tapped()
	}
}

// Enable implements fyne.Disableable (SelectEntry enables its action item with it).
func (a *dropArrow) Enable() { a.setDisabled(false) }

// Disable implements fyne.Disableable.
func (a *dropArrow) Disable() { a.setDisabled(true) }

// Disabled implements fyne.Disableable.
func (a *dropArrow) Disabled() bool { return a.disabled }

func (a *dropArrow) setDisabled(d bool) {
	a.disabled = d
	res := theme.MenuDropDownIcon()
	if d {
		res = theme.NewDisabledResource(res)
	}
	a.icon.SetResource(res)
}
