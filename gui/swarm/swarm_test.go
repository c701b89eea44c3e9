package swarm

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit/kittest"
)

type fakeHost struct{ loop *kittest.Queue }

func (h fakeHost) Do(f func())              { h.loop.Do(f) }
func (h fakeHost) Now() time.Time           { return kittest.Now }
func (h fakeHost) Context() context.Context { return context.Background() }

func cluster() enginetest.Swarm {
	return enginetest.Swarm{
		Nodes: []engine.SwarmNode{
			{ID: "n1", Hostname: "manager-1", Role: "manager", Availability: "active", Status: "ready", ManagerStatus: "Leader", EngineVersion: "28.5.2", Self: true},
			{ID: "n2", Hostname: "worker-1", Role: "worker", Availability: "drain", Status: "down", EngineVersion: "28.5.2"},
		},
		Services: []engine.SwarmService{
			{ID: "s1", Name: "web", Mode: "replicated", Image: "localhost:5000/web:1", Running: 2, Desired: 3, Ports: []string{"*:8080->80/tcp"}, Updated: kittest.Now.Add(-time.Hour)},
		},
		Tasks: map[string][]engine.SwarmTask{"s1": {
			{ID: "t1", Name: "web.1", Node: "manager-1", DesiredState: "running", State: "running", Since: kittest.Now.Add(-time.Minute)},
			{ID: "t2", Name: "web.2", Node: "worker-1", DesiredState: "shutdown", State: "failed", Error: "node is down"},
		}},
	}
}

func newView(t *testing.T, c enginetest.Swarm) (*View, fakeHost, fyne.Window) {
	test.NewTempApp(t)
	f := enginetest.New(nil, nil)
	f.Cluster = c
	h := fakeHost{loop: &kittest.Queue{Timeout: 5 * time.Second}}
	v := New(h, f)
	w := test.NewWindow(v.Content())
	w.Resize(fyne.NewSize(1200, 700))
	t.Cleanup(w.Close)
	return v, h, w
}

func TestShowsNodesServicesAndTasks(t *testing.T) {
	v, h, w := newView(t, cluster())
	v.Shown()
	h.loop.Until(t, "the cluster", func() bool { n, s, _ := v.Rows(); return len(n) == 2 && len(s) == 1 })
	v.services.Select(widget.TableCellID{Row: 0, Col: 0})
	h.loop.Until(t, "the tasks", func() bool { _, _, tk := v.Rows(); return len(tk) == 2 })
	kittest.Relayout(w)
	var texts []string
	for _, o := range kittest.Walk(w.Content()) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"manager-1 (this engine)", "Leader", "drain", "2/3", "*:8080->80/tcp", "Tasks of web (2 tasks)", "node is down", "failed"} {
		if !strings.Contains(all, want) {
			t.Errorf("the Swarm tab does not show %q", want)
		}
	}
}

func TestSaysWhyItCannotRead(t *testing.T) {
	c := cluster()
	c.Err = &engine.Error{Kind: engine.ErrUnreachable, Err: errors.New("connection refused")}
	v, h, _ := newView(t, c)
	v.Shown()
	h.loop.Until(t, "the message", func() bool { return v.note.Visible() })
	if !strings.Contains(v.note.Text, "could not read the Swarm") {
		t.Errorf("note %q", v.note.Text)
	}
}
