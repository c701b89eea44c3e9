package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The window's keys (Delete removes the selection, Escape closes a dialog)
// are handled by its canvas's OnTypedKey, which Fyne calls only while
// nothing has the focus: a focused widget gets the key instead. Widgets of
// the main window that have no use for a key pass it on with PassKey, so
// that the window's keys work wherever the focus is.

// PassKey hands ev to the window of o as if nothing had the focus, and
// reports whether the window has a key handler to take it.
func PassKey(o fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	app := fyne.CurrentApp()
	if app == nil {
		return false
	}
	c := app.Driver().CanvasForObject(o)
	if c == nil || c.OnTypedKey() == nil {
		return false
	}
	c.OnTypedKey()(ev)
	return true
}

// Check is a check box of the main window: Space ticks it (a typed rune),
// every key goes to the window (a check box uses none).
type Check struct{ widget.Check }

// NewCheck makes an unticked check box.
func NewCheck(text string, changed func(bool)) *Check {
	c := &Check{}
	c.Text, c.OnChanged = text, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey implements fyne.Focusable.
func (c *Check) TypedKey(ev *fyne.KeyEvent) { PassKey(c, ev) }
