package kit

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A message shown in an open dialog makes the dialog taller and moves its
// buttons down, below the message, as a message hidden moves them back.
func TestShowMessageInADialogMovesItsButtons(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("dialog")
	w.Resize(fyne.NewSize(1000, 700))
	entry := widget.NewEntry()
	msg := MessageLabel()
	ok := widget.NewButton("OK", nil)
	content := container.NewBorder(nil, ok, nil, nil, container.New(BoxWidth(400), container.NewVBox(entry, msg)))
	d := dialog.NewCustomWithoutButtons("Name", content, w)
	d.Show()
	drv := a.Driver()
	bottom := func(o fyne.CanvasObject) float32 { return drv.AbsolutePositionForObject(o).Y + o.Size().Height }

	ShowMessage(msg, strings.Repeat("A name needs at least two characters. ", 6), widget.DangerImportance)
	if msg.Size().Height < entry.MinSize().Height || drv.AbsolutePositionForObject(ok).Y < bottom(msg) {
		t.Errorf("with the message: the message is %v at %v, the button at %v", msg.Size(), drv.AbsolutePositionForObject(msg), drv.AbsolutePositionForObject(ok))
	}
	ShowMessage(msg, "", widget.DangerImportance)
	if y := drv.AbsolutePositionForObject(ok).Y; y > bottom(entry)+3*entry.MinSize().Height {
		t.Errorf("without the message: the button is at %v, the entry ends at %v", y, bottom(entry))
	}
}
