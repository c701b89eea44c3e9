package run

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
)

// A volume row picks one of the engine's volumes or names a new one; a bad
// name is refused next to the row.
func TestRunVolumeRowTakesAVolume(t *testing.T) {
	eng := enginetest.New(nil, nil)
	var got engine.RunSpec
	eng.ContainerRunFunc = func(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
		got = spec
		return "5c17b6cbcddd0123456789abcdef0123456789abcdef0123456789abcdef0123", nil
	}
	st := &staticState{snap: engine.Snapshot{Reachable: true, Volumes: []engine.Volume{{Name: "pgdata"}, {Name: "cache"}}}}
	h := newTestHost(t, st)
	d, ev := openForTest(t, h, eng, eng, "")
	typeIn(d.imageEntry, "nginx")
	test.Tap(d.binds.AddButton)
	row := d.binds.Rows()[0]
	if !slices.Equal(row.host.options, []string{"pgdata", "cache"}) {
		t.Errorf("volumes offered %v", row.host.options)
	}
	typeIn(row.host, "bad name")
	typeIn(row.ctr, "/data")
	h.q.Drain()
	if msg := msgText(d.binds.Message(0)); msg != "A volume name cannot contain spaces. A volume name uses letters, digits and _ . - (not first), at least 2 characters. A host path starts with /." || !d.RunButton().Disabled() {
		t.Errorf("message %q, Run disabled %v", msg, d.RunButton().Disabled())
	}
	typeIn(row.host, "newdata")
	h.q.Drain()
	if msg := msgText(d.binds.Message(0)); msg != "The engine creates a new volume newdata." || d.RunButton().Disabled() {
		t.Errorf("message %q, Run disabled %v", msg, d.RunButton().Disabled())
	}
	row.host.SetText("pgdata")
	h.q.Drain()
	if msg := msgText(d.binds.Message(0)); msg != "" {
		t.Errorf("message %q", msg)
	}
	if want := "docker run --detach --volume=pgdata:/data nginx"; d.CommandLine() != want {
		t.Errorf("command line %q, want %q", d.CommandLine(), want)
	}
	test.Tap(d.RunButton())
	h.q.Until(t, "the run", func() bool { return ev.seen["run"] > 0 })
	if want := []engine.Bind{{HostPath: "pgdata", ContainerPath: "/data"}}; fmt.Sprint(got.Binds) != fmt.Sprint(want) {
		t.Errorf("binds %+v", got.Binds)
	}
}
