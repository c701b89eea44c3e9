package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// FilterEntry is the filter field of a list: Escape clears it, Delete goes
// to the window while it is empty (removing the selection, wherever Ctrl+F
// left the focus), and the window's own shortcuts (Ctrl+N, Ctrl+R…), which
// a focused entry would otherwise swallow, go to Shortcut first.
type FilterEntry struct {
	widget.Entry
	// Shortcut runs s if it is one of the window's shortcuts and reports whether it was.
	Shortcut func(s fyne.Shortcut) bool
}

// NewFilterEntry makes a filter field.
func NewFilterEntry(placeholder string, changed func(string)) *FilterEntry {
	e := &FilterEntry{}
	e.PlaceHolder = placeholder
	e.OnChanged = changed
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut implements fyne.Shortcutable.
func (e *FilterEntry) TypedShortcut(s fyne.Shortcut) {
	if e.Shortcut != nil && e.Shortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey implements fyne.Focusable: Escape clears the filter; Delete in
// an empty filter is the window's.
func (e *FilterEntry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyEscape && e.Text != "":
		e.SetText("")
	case ev.Name == fyne.KeyDelete && e.Text == "" && PassKey(e, ev):
	default:
		e.Entry.TypedKey(ev)
	}
}
