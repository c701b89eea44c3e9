package images

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine/enginetest"
	"berth/gui/kit/kittest"
)

// The row's info button and its context menu open the image's details.
func TestImagesDetailsFromButtonAndMenu(t *testing.T) {
	e := start(t, enginetest.New(kittest.Tutorial(), kittest.TutorialImages()))
	test.Tap(&e.cellAt("nginx:latest", colActions).info.Button)
	r := e.v.rowOf(e.cellAt("postgres:15", colActions).key())
	e.v.rowMenu(r, fyne.NewPos(10, 10))
	if e.v.menu == nil || e.v.menu.Items[0].Label != "Details…" {
		t.Fatal("no Details… in the row menu")
	}
	e.v.menu.Items[0].Action()
	if !slices.Equal(e.h.details, []string{"nginx:latest", "postgres:15"}) {
		t.Fatalf("details opened for %q", e.h.details)
	}
}
