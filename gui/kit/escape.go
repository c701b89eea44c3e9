package kit

import (
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Escape closes the dialog on top, wherever the focus is in it: the
// window's canvas gets the key when nothing has the focus, and the dialog
// widgets below (which a plain widget would swallow it in) when one has.

// escape is one open dialog's way to close.
type escape struct {
	canvas fyne.Canvas
	close  func()
}

// escapes are the open dialogs that close on Escape, the one on top last.
// UI goroutine only.
var escapes []*escape

// CloseOnEscape makes Escape run close while the dialog over win is the
// last one opened; the function it returns ends that (call it when the
// dialog closes, whichever way).
func CloseOnEscape(win fyne.Window, close func()) (end func()) {
	c := win.Canvas()
	e := &escape{canvas: c, close: close}
	escapes = append(escapes, e)
	if prev := c.OnTypedKey(); !isEscapeHook(prev) {
		c.SetOnTypedKey(escapeHook(c, prev))
	}
	return func() {
		for i, x := range escapes {
			if x == e {
				escapes = append(escapes[:i:i], escapes[i+1:]...)
				return
			}
		}
	}
}

// escapeHook is the canvas's key handler once dialogs have been open on
// it: while one is, Escape closes the one on top and no other key reaches
// the window behind (Delete would remove its selection); else keys go where
// they went before.
func escapeHook(c fyne.Canvas, prev func(*fyne.KeyEvent)) func(*fyne.KeyEvent) {
	return func(ev *fyne.KeyEvent) {
		if top := topOn(c); top != nil {
			if ev.Name == fyne.KeyEscape {
				top.close()
			}
			return
		}
		if prev != nil {
			prev(ev)
		}
	}
}

// isEscapeHook reports whether f is a handler made by escapeHook (all its
// closures share one code pointer), so that a canvas is hooked only once
// and hooked again if someone replaced the handler since.
func isEscapeHook(f func(*fyne.KeyEvent)) bool {
	return f != nil && reflect.ValueOf(f).Pointer() == reflect.ValueOf(escapeHook(nil, nil)).Pointer()
}

// topOn is the dialog on top of canvas c (of any canvas if c is nil), nil if none.
func topOn(c fyne.Canvas) *escape {
	for i := len(escapes) - 1; i >= 0; i-- {
		if e := escapes[i]; c == nil || e.canvas == c {
			return e
		}
	}
	return nil
}

// Escaped closes the dialog on top if ev is Escape, and reports whether it
// did: a focused dialog widget's TypedKey asks it first.
func Escaped(ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyEscape {
		return false
	}
	top := topOn(nil)
	if top != nil {
		top.close()
	}
	return top != nil
}

// The widgets of dialogs: as Fyne's, but Escape closes the dialog they are in.

// DialogEntry is an entry in a dialog.
type DialogEntry struct{ widget.Entry }

// NewDialogEntry makes an empty entry.
func NewDialogEntry() *DialogEntry {
	e := &DialogEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey implements fyne.Focusable.
func (e *DialogEntry) TypedKey(ev *fyne.KeyEvent) {
	if !Escaped(ev) {
		e.Entry.TypedKey(ev)
	}
}

// DialogButton is a button in a dialog.
type DialogButton struct{ widget.Button }

// NewDialogButton makes a button.
func NewDialogButton(text string, icon fyne.Resource, tapped func()) *DialogButton {
	b := &DialogButton{}
	b.Text, b.Icon, b.OnTapped = text, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey implements fyne.Focusable.
func (b *DialogButton) TypedKey(ev *fyne.KeyEvent) {
	if !Escaped(ev) {
		b.Button.TypedKey(ev)
	}
}

// DialogSelect is a drop-down choice in a dialog.
type DialogSelect struct{ widget.Select }

// NewDialogSelect makes a choice of options with selected chosen.
func NewDialogSelect(options []string, selected string, changed func(string)) *DialogSelect {
	s := &DialogSelect{}
	s.Options, s.Selected, s.OnChanged = options, selected, changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey implements fyne.Focusable.
func (s *DialogSelect) TypedKey(ev *fyne.KeyEvent) {
	if !Escaped(ev) {
		s.Select.TypedKey(ev)
	}
}

// DialogCheck is a check box in a dialog.
type DialogCheck struct{ widget.Check }

// NewDialogCheck makes a check box.
func NewDialogCheck(text string, checked bool, changed func(bool)) *DialogCheck {
	c := &DialogCheck{}
	c.Text, c.Checked, c.OnChanged = text, checked, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey implements fyne.Focusable.
func (c *DialogCheck) TypedKey(ev *fyne.KeyEvent) {
	if !Escaped(ev) {
		c.Check.TypedKey(ev)
	}
}
