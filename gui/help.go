package gui

import (
	"os"

	"fyne.io/fyne/v2"

	"berth/gui/i18n"
	"berth/gui/tutorial"
)

var _ tutorial.WindowHost = host{}

// ShowTab brings the main window's tab with id (its English title) to the front.
func (h host) ShowTab(title string) {
	h.u.tabs.show(title)
	h.u.ShowMain()
}

// setupHelp gives the main window its Help menu: Getting started.
func (u *UI) setupHelp() {
	item := fyne.NewMenuItem(i18n.T("help.tutorial"), u.OpenTutorial)
	u.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu(i18n.T("help.menu"), item)))
}

// OpenTutorial opens the "Getting started" page (UI goroutine).
func (u *UI) OpenTutorial() { tutorial.Open(u.host, u.client, tutorial.Options{}) }

// OpenTutorialOnFirstStart opens the "Getting started" page if Berth never
// showed it (UI goroutine; main calls it when the window opens), unless
// BERTH_NO_TUTORIAL=1 (the screenshot and benchmark scripts start Berth
// with a fresh configuration every time).
func (u *UI) OpenTutorialOnFirstStart() {
	if os.Getenv("BERTH_NO_TUTORIAL") == "1" {
		return
	}
	tutorial.OpenOnFirstStart(u.host, u.client)
}
