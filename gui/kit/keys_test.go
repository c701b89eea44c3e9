package kit

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// The window's keys reach its canvas from a focused check box and from an
// empty filter, not from a filter with text in it.
func TestWindowKeysPassThroughFocusedWidgets(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("keys")
	check := NewCheck("Only running", nil)
	filter := NewFilterEntry("Filter", nil)
	w.SetContent(container.NewVBox(filter, check))
	var got []fyne.KeyName
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { got = append(got, ev.Name) })
	press := func(f fyne.Focusable, name fyne.KeyName) {
		w.Canvas().Focus(f)
		w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: name})
	}

	press(check, fyne.KeyDelete)
	press(filter, fyne.KeyDelete)
	if len(got) != 2 {
		t.Fatalf("the window got %v, want Delete twice", got)
	}
	test.Type(filter, "web")
	filter.CursorColumn = 0
	press(filter, fyne.KeyDelete)
	if len(got) != 2 || filter.Text != "eb" {
		t.Errorf("Delete in %q went to the window (%v)", filter.Text, got)
	}
	test.Type(check, " ")
	if !check.Checked {
		t.Error("Space does not tick the check box")
	}
}
