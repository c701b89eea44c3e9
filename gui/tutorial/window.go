package tutorial

import (
	"fyne.io/fyne/v2"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
)

// WindowHost is what the page's own window needs from the shell.
type WindowHost interface {
	Host
	App() fyne.App
}

// shownKey is the preference that remembers the page was shown once.
var shownKey = i18n.Code("tutorial.shown")

// Open shows the page in its own window; its questions are asked over it.
func Open(h WindowHost, api *engine.Client, opts Options) (*Page, fyne.Window) {
	p := New(h, api, opts)
	win := h.App().NewWindow(i18n.T("tutorial.window"))
	p.ask = func(q kit.Question) { kit.ShowQuestion(win, q) }
	win.SetContent(p.Content())
	win.Resize(fyne.NewSize(760, 820))
	win.SetOnClosed(p.Close)
	win.Show()
	return p, win
}

// OpenOnFirstStart opens the page if it was never shown (a preference
// remembers it) and returns its window, nil if it did not open it.
func OpenOnFirstStart(h WindowHost, api *engine.Client) fyne.Window {
	prefs := h.App().Preferences()
	if prefs.Bool(shownKey) {
		return nil
	}
	prefs.SetBool(shownKey, true)
	_, win := Open(h, api, Options{})
	return win
}
