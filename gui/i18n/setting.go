package i18n

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// NewSetting is the language setting: a choice among Languages, kept in
// p. Fyne 2.7.1 cannot redraw the widgets already built in another
// language, so the choice takes effect at the next start, as the setting
// says.
func NewSetting(p fyne.Preferences) fyne.CanvasObject {
	langs := Languages()
	names := make([]string, len(langs))
	current := p.String(PrefKey)
	selected := names[0]
	for i, l := range langs {
		names[i] = l.Name
		if l.Code == current {
			selected = l.Name
		}
	}
	if selected == "" {
		selected = names[0]
	}
	note := widget.NewLabel("")
	note.Hide()
	sel := widget.NewSelect(names, nil)
	sel.SetSelected(selected)
	sel.OnChanged = func(name string) {
		for _, l := range langs {
			if l.Name == name && l.Code != p.String(PrefKey) {
				p.SetString(PrefKey, l.Code)
				note.SetText(T("settings.language.restart", "Language", name))
				note.Show()
			}
		}
	}
	return container.NewHBox(widget.NewLabel(T("settings.language")), sel, note)
}
