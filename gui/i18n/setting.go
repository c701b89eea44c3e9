package i18n

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// NewSetting is the language setting: a choice among Languages, kept in
// p. A choice switches T and N at once (Use), then calls changed, which
// builds what it shows again in the new language: Fyne 2.7.1 cannot redraw
// built widgets in another. The note under the choice says that other
// open windows keep their words until they open again.
func NewSetting(p fyne.Preferences, changed func(code string)) fyne.CanvasObject {
	langs := Languages()
	names := make([]string, len(langs))
	current := p.String(PrefKey)
	selected := ""
	for i, l := range langs {
		names[i] = l.Name
		if l.Code == current {
			selected = l.Name
		}
	}
	if selected == "" {
		selected = names[0]
	}
	sel := widget.NewSelect(names, nil)
	sel.SetSelected(selected)
	sel.OnChanged = func(name string) {
		for _, l := range langs {
			if l.Name == name && l.Code != p.String(PrefKey) {
				p.SetString(PrefKey, l.Code)
				Use(l.Code)
				if changed != nil {
					changed(l.Code)
				}
				return
			}
		}
	}
	note := &widget.Label{Text: T("settings.language.note"), Importance: widget.LowImportance}
	return container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel(T("settings.language")), nil, sel), note)
}
