package images

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/gui/i18n"
)

// detailsRow opens the details window of a row's image.
func (v *View) detailsRow(key string) {
	if im, ok := v.image(key); ok {
		v.h.OpenImageDetails(im.Ref())
	}
}

// rowMenu is a row's context menu (a secondary tap): Details…, Run…, Remove.
func (v *View) rowMenu(row int, pos fyne.Position) {
	if row < 0 || row >= len(v.rows) {
		return
	}
	key := v.entries[v.rows[row]].row
	details := fyne.NewMenuItem(i18n.T("images.menu.details"), func() { v.detailsRow(key) })
	details.Icon = theme.InfoIcon()
	run := fyne.NewMenuItem(i18n.T("images.run"), func() { v.runRow(key) })
	run.Icon = theme.MediaPlayIcon()
	rm := fyne.NewMenuItem(i18n.T("images.remove"), func() { v.removeRow(key) })
	rm.Icon = theme.DeleteIcon()
	run.Disabled, rm.Disabled = v.offline, v.offline || v.list.Pending[key] != ""
	v.menu = fyne.NewMenu("", details, run, rm)
	widget.ShowPopUpMenuAtPosition(v.menu, v.h.Window().Canvas(), pos)
}
