package gui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/containers"
	"berth/gui/kit/kittest"
)

// The shell opens the compose up dialog over its compose API, and a stack's
// Remove reaches the same API.
func TestShellComposeUpAndStackRemove(t *testing.T) {
	e := newEnv(t, enginetest.New(kittest.Tutorial(), nil), envOpts{})
	api := &enginetest.Compose{ResourcesFunc: func(_ context.Context, p string) (engine.ComposeResources, error) {
		return engine.ComposeResources{Project: p, Networks: []engine.ComposeNetwork{{Name: p + "_default"}}}, nil
	}}
	e.u.compose = api
	e.u.host.OpenComposeUp()
	top := e.u.win.Canvas().Overlays().Top()
	found := false
	for _, o := range kittest.Walk(top) {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "Bring a compose file up with Docker's own compose code") {
			found = true
		}
	}
	if top == nil || !found {
		t.Fatal("Compose up… shows no dialog")
	}
	top.Hide()
	e.u.win.Canvas().Overlays().Remove(top)
	e.u.containers.RunStackAction("shop", containers.Remove)
	e.wait("the question", func() bool { return e.u.dialog != nil && e.u.dialog.Question.Title == "Remove stack shop" })
	e.answer(e.dialog(), "Remove")
	e.wait("compose down", func() bool { return slices.Contains(api.Calls(), "down  shop") })
}
