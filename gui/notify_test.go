package gui

import (
	"errors"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"berth/engine"
	"berth/engine/enginetest"
)

func notifyEv(action, id, name, code string, at time.Time) engine.Event {
	return engine.Event{Kind: engine.EventContainer, Action: action, ID: id, Name: name, ExitCode: code, Time: at}
}

func notifyTitles(ns []*fyne.Notification) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Title+" | "+n.Content)
	}
	return out
}

func TestNotifyContainerExits(t *testing.T) {
	t0 := time.Date(2025, 5, 6, 7, 8, 9, 0, time.UTC)
	up := engine.Snapshot{Seq: 5, Reachable: true, Containers: []engine.Container{
		{ID: "id-web", Name: "web", Image: "nginx:latest", State: engine.StateExited},
	}}
	for _, tc := range []struct {
		name    string
		batches [][]engine.Event
		want    []string
	}{
		{"crash with an exit code", [][]engine.Event{{notifyEv("die", "id-web", "web", "1", t0)}},
			[]string{"web stopped with an error | web (nginx:latest) exited with code 1."}},
		{"clean exit", [][]engine.Event{{notifyEv("die", "id-web", "web", "0", t0)}}, nil},
		{"stopped by the user (kill, then die)", [][]engine.Event{{
			notifyEv("kill", "id-web", "web", "", t0), notifyEv("die", "id-web", "web", "143", t0.Add(time.Second)),
			notifyEv("stop", "id-web", "web", "", t0.Add(time.Second))}}, nil},
		{"stop timeout: SIGTERM, 10 s, SIGKILL, die in a later batch", [][]engine.Event{
			{notifyEv("kill", "id-web", "web", "", t0)},
			{notifyEv("kill", "id-web", "web", "", t0.Add(10*time.Second))},
			{notifyEv("die", "id-web", "web", "137", t0.Add(10*time.Second+time.Millisecond))}}, nil},
		{"a kill long ago does not explain a crash now", [][]engine.Event{
			{notifyEv("kill", "id-web", "web", "", t0)},
			{notifyEv("die", "id-web", "web", "2", t0.Add(time.Hour))}},
			[]string{"web stopped with an error | web (nginx:latest) exited with code 2."}},
		{"out of memory", [][]engine.Event{{notifyEv("oom", "id-web", "web", "", t0), notifyEv("die", "id-web", "web", "137", t0)}},
			[]string{"web stopped with an error | web (nginx:latest) exited with code 137 (out of memory)."}},
		{"a restart loop notifies once", [][]engine.Event{
			{notifyEv("die", "id-web", "web", "1", t0), notifyEv("start", "id-web", "web", "", t0)},
			{notifyEv("die", "id-web", "web", "1", t0.Add(2*time.Second)), notifyEv("start", "id-web", "web", "", t0)},
		}, []string{"web stopped with an error | web (nginx:latest) exited with code 1."}},
		{"a container the store no longer has", [][]engine.Event{{notifyEv("die", "0123456789abcdef0123", "", "3", t0)}},
			[]string{"0123456789ab stopped with an error | 0123456789ab exited with code 3."}},
		{"many at once are summed up", [][]engine.Event{{
			notifyEv("die", "a", "a", "1", t0), notifyEv("die", "b", "b", "1", t0),
			notifyEv("die", "c", "c", "1", t0), notifyEv("die", "d", "d", "1", t0)}},
			[]string{"4 containers stopped with an error | a, b, c, d"}},
		{"image events", [][]engine.Event{{{Kind: engine.EventImage, Action: "delete", ID: "sha256:1"}}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := newNotifier(nil)
			n.now = func() time.Time { return t0 }
			n.notes(up, engine.Change{Full: true, Reachability: true})
			var got []*fyne.Notification
			for _, b := range tc.batches {
				got = append(got, n.notes(up, engine.Change{Events: b})...)
			}
			if g := notifyTitles(got); !slices.Equal(g, tc.want) {
				t.Errorf("notifications:\n got  %q\n want %q", g, tc.want)
			}
		})
	}
}

func TestNotifyReachability(t *testing.T) {
	upSnap := engine.Snapshot{Seq: 1, Reachable: true}
	downSnap := engine.Snapshot{Seq: 2, Err: &engine.Error{Kind: engine.ErrUnreachable, Ref: "unix:///var/run/docker.sock"}}
	back := "Docker engine is back | Engine running · no containers"
	lost := "Docker engine not reachable | The Docker engine at unix:///var/run/docker.sock does not answer. Start Docker, or choose another engine.\nBerth will reconnect as soon as the engine answers."
	type step struct {
		snap engine.Snapshot
		ch   engine.Change
		want []string
	}
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"normal start: nothing", []step{{upSnap, engine.Change{Full: true, Reachability: true}, nil}}},
		{"lost and back", []step{
			{upSnap, engine.Change{Full: true, Reachability: true}, nil},
			{downSnap, engine.Change{Reachability: true}, []string{lost}},
			{downSnap, engine.Change{}, nil}, // each failed retry: no repeat
			{upSnap, engine.Change{Full: true, Reachability: true}, []string{back}},
			{upSnap, engine.Change{Full: true}, nil}, // a later full refresh
		}},
		{"the store has not tried yet", []step{
			{engine.Snapshot{}, engine.Change{}, nil},
			{upSnap, engine.Change{Full: true, Reachability: true}, nil},
		}},
		{"started while the engine was down", []step{
			{downSnap, engine.Change{}, nil},
			{upSnap, engine.Change{Full: true, Reachability: true}, []string{back}},
		}},
		{"a plain error", []step{
			{upSnap, engine.Change{Full: true, Reachability: true}, nil},
			{engine.Snapshot{Seq: 3, Err: errors.New("EOF")}, engine.Change{Reachability: true},
				[]string{"Docker engine not reachable | EOF\nBerth will reconnect as soon as the engine answers."}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := newNotifier(nil)
			for i, s := range tc.steps {
				if got := notifyTitles(n.notes(s.snap, s.ch)); !slices.Equal(got, s.want) {
					t.Errorf("step %d:\n got  %q\n want %q", i, got, s.want)
				}
			}
		})
	}
}

// TestNotifyThroughStore drives the notifications from the fake engine's
// event stream through a running store, as Berth does.
func TestNotifyThroughStore(t *testing.T) {
	fake := enginetest.New(trayContainers(), nil)
	e := newTrayEnvWith(t, &fakeTrayHost{bus: true, present: true}, fake)
	api := trayContainers()[1]

	// Stopped by someone: kill then die. No notification.
	fake.Emit(notifyEv("kill", api.ID, "api", "", time.Now()))
	fake.Emit(notifyEv("die", api.ID, "api", "143", time.Now()))
	// Crashed on its own.
	web := trayContainers()[0]
	fake.Emit(notifyEv("die", web.ID, "web", "1", time.Now()))
	n := e.note()
	if n.Title != "web stopped with an error" || n.Content != "web (localhost:5000/berthtest/web:1) exited with code 1." {
		t.Errorf("notification %q / %q", n.Title, n.Content)
	}
	e.loop.Drain()
	select {
	case n := <-e.notes:
		t.Errorf("unexpected notification %q / %q", n.Title, n.Content)
	default:
	}

	// The engine goes away.
	fake.Break(&engine.Error{Kind: engine.ErrUnreachable, Ref: "unix:///fake.sock"})
	if n := e.note(); n.Title != "Docker engine not reachable" {
		t.Errorf("notification %q / %q", n.Title, n.Content)
	}
}
