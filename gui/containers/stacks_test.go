package containers

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit/kittest"
)

func (h *host) OpenProjectLogs(p string) { h.projectLogs = append(h.projectLogs, p) }
func (h *host) OpenComposeUp()           { h.composeUps++ }
func (h *host) Stacks() Stacks {
	if h.stacks == nil {
		h.stacks = &enginetest.Compose{}
	}
	return h.stacks
}

func TestStackHeaderStopsStartsAndRestartsTheStack(t *testing.T) {
	e := start(t, newFake())
	c := e.actions("[shop]")
	if !c.Visible() || c.slots[1].Visible() {
		t.Fatalf("a stack's header shows its buttons (%v) without Pause (%v)", c.Visible(), c.slots[1].Visible())
	}
	if c.shown[0] != Stop || c.slots[0].Disabled() {
		t.Fatalf("a stack with running containers offers Stop, enabled (has %s)", c.shown[0].Label)
	}
	test.Tap(c.slots[0])
	e.h.Until(t, "the stack stopped", func() bool { return len(e.calls("Stop ")) == 3 })
	got := e.calls("Stop ")
	slices.Sort(got)
	want := []string{"Stop " + shopWeb, "Stop " + shopDB, "Stop " + worker}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("stopped %q, want the three members %q", got, want)
	}
	if len(e.calls("Stop "+kittest.Webserver)) != 0 {
		t.Error("stopping the stack stopped a container outside it")
	}

	for _, id := range []string{shopWeb, shopDB, worker} {
		e.setState(id, engine.StateExited, "Exited (0) 1 second ago")
	}
	// The stop's own bookkeeping (its rows' "Stopping…") ends on the UI
	// goroutine after the calls: wait for the header to offer Start, enabled.
	e.h.Until(t, "the header to offer Start", func() bool {
		c = e.actions("[shop]")
		return c.shown[0] == Start && !c.slots[0].Disabled()
	})
	test.Tap(c.slots[0])
	e.h.Until(t, "the stack started", func() bool { return len(e.calls("Start ")) == 3 })

	test.Tap(e.actions("[shop]").slots[2])
	e.h.Until(t, "the stack restarted", func() bool { return len(e.calls("Restart ")) == 3 })
}

func TestStackHeaderLogsAndComposeUpButton(t *testing.T) {
	e := start(t, newFake())
	test.Tap(e.actions("[shop]").logs)
	if !slices.Equal(e.h.projectLogs, []string{"shop"}) {
		t.Errorf("the header's Logs opened %q, want the project shop", e.h.projectLogs)
	}
	test.Tap(e.v.upButton)
	if e.h.composeUps != 1 {
		t.Errorf("Compose up… opened the dialog %d times", e.h.composeUps)
	}
}

func TestStackHeaderRemoveAsksThenComposesDown(t *testing.T) {
	e := start(t, newFake())
	release := make(chan struct{})
	e.h.stacks = &enginetest.Compose{
		ResourcesFunc: func(_ context.Context, p string) (engine.ComposeResources, error) {
			return engine.ComposeResources{Project: p,
				Containers: []engine.ComposeContainer{{ID: shopDB, Name: "shop-db-1", State: engine.StateRunning},
					{ID: shopWeb, Name: "shop-web-1", State: engine.StateRunning}, {ID: worker, Name: "shop-worker-1", State: engine.StatePaused}},
				Networks: []engine.ComposeNetwork{{ID: "n1", Name: "shop_default"}}}, nil
		},
		DownFunc: func(ctx context.Context, _ engine.ComposeFile, _ func(engine.ComposeStep)) error {
			select {
			case <-release:
			case <-ctx.Done():
			}
			return nil
		},
	}
	test.Tap(e.actions("[shop]").remove)
	e.h.Until(t, "the question", func() bool { return e.h.Asked("Remove stack shop") })
	q := e.h.Last(t)
	for _, want := range []string{"docker compose down", "3 containers: shop-db-1, shop-web-1 and shop-worker-1", "3 running", "1 network: shop_default", "volumes and images are kept"} {
		if !strings.Contains(q.Message, want) {
			t.Errorf("the question %q does not say %q", q.Message, want)
		}
	}
	if calls := e.h.stacks.Calls(); !slices.Equal(calls, []string{"ps shop"}) {
		t.Fatalf("before the answer: %q, want only the listing", calls)
	}
	e.h.Answer(t, q, "Remove")
	e.h.Until(t, "compose down", func() bool { return len(e.h.stacks.Calls()) == 2 })
	if got := e.h.stacks.Calls()[1]; got != "down  shop" {
		t.Errorf("down call %q, want the project by name", got)
	}
	if got := e.statusOf(shopWeb); got != "Removing…" {
		t.Errorf("while compose down runs, a member says %q", got)
	}
	if !e.actions("[shop]").remove.Disabled() {
		t.Error("the header's Remove stays enabled while the stack goes")
	}
	close(release)
	e.h.Until(t, "the down ended", func() bool { return e.statusOf(shopWeb) != "Removing…" })
	if len(e.fake.CallsWith("Remove ")) != 0 {
		t.Error("the stack's containers were removed one by one besides compose down")
	}
}

func TestStackHeaderRemoveSaysWhyItCannot(t *testing.T) {
	e := start(t, newFake())
	e.h.stacks = &enginetest.Compose{ResourcesFunc: func(context.Context, string) (engine.ComposeResources, error) {
		return engine.ComposeResources{}, &engine.Error{Kind: engine.ErrNoComposeHelper, Ref: "/opt/berth/bin"}
	}}
	test.Tap(e.actions("[shop]").remove)
	e.h.Until(t, "the error", func() bool { return e.h.Asked("Could not remove the stack shop") })
	if q := e.h.Last(t); !strings.Contains(q.Message, "berth-compose") || !strings.Contains(q.Message, "/opt/berth/bin") {
		t.Errorf("the error says %q", q.Message)
	}
}

// TestStackScreenshot renders the tab with a stack's header menu open,
// into $BERTH_SCREENSHOTS/compose-group.png when that is set.
func TestStackScreenshot(t *testing.T) {
	dir := os.Getenv("BERTH_SCREENSHOTS")
	if dir == "" {
		t.Skip("BERTH_SCREENSHOTS is not set")
	}
	e := start(t, newFake())
	fyne.CurrentApp().Settings().SetTheme(theme.DefaultTheme())
	e.h.win.Resize(fyne.NewSize(1280, 520))
	cell := e.cell("[shop]", colActions)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(cell)
	e.v.showMenu(1, pos.Add(fyne.NewPos(150, 30)))
	f, err := os.Create(filepath.Join(dir, "compose-group.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, e.h.win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
