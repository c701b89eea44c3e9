package activity

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"berth/engine"
	"berth/engine/enginetest"
)

const webID = "5c17b6cbcddd5c17b6cbcddd5c17b6cbcddd5c17b6cbcddd5c17b6cbcddd0001"

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newTestLog() (*Log, *clock) {
	c := &clock{t: time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC)}
	l := NewLog()
	l.SetClock(c.now)
	return l, c
}

func names(id string) string {
	if id == webID {
		return "webserver"
	}
	return ""
}

func commands(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Command)
	}
	return out
}

func TestWrapRecordsTheCommands(t *testing.T) {
	f := enginetest.New(nil, nil)
	log, clk := newTestLog()
	f.ContainerStopFunc = func(context.Context, string, *time.Duration) error { clk.add(1500 * time.Millisecond); return nil }
	c := Wrap(f.Client(), log, names)
	ctx := context.Background()
	spec := engine.RunSpec{Image: "nginx", Name: "webserver", Ports: []string{"80:80"}}
	if _, err := c.Containers.ContainerRun(ctx, spec, nil); err != nil {
		t.Fatal(err)
	}
	ten := 10 * time.Second
	_ = c.Containers.ContainerStop(ctx, webID, nil)
	_ = c.Containers.ContainerStop(ctx, webID, &ten)
	_ = c.Containers.ContainerStart(ctx, webID)
	_ = c.Containers.ContainerRestart(ctx, webID, nil)
	_ = c.Containers.ContainerPause(ctx, webID)
	_ = c.Containers.ContainerUnpause(ctx, webID)
	_ = c.Containers.ContainerRemove(ctx, webID, engine.RemoveOptions{Force: true})
	_ = c.Containers.ContainerRemove(ctx, "unknownname", engine.RemoveOptions{})
	_ = c.Images.ImagePull(ctx, "nginx:latest", nil)
	_, _ = c.Images.ImageRemove(ctx, "nginx", false)
	_, _ = c.Images.ImageRemove(ctx, "it's", true)
	want := []string{
		"docker run --detach --publish=80:80 --name=webserver nginx",
		"docker container stop webserver",
		"docker container stop --timeout=10 webserver",
		"docker container start webserver",
		"docker container restart webserver",
		"docker container pause webserver",
		"docker container unpause webserver",
		"docker container rm --force webserver",
		"docker container rm unknownname",
		"docker image pull nginx:latest",
		"docker image rm nginx",
		`docker image rm --force 'it'\''s'`,
	}
	es := log.Entries()
	if got := commands(es); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("commands\n got %q\nwant %q", got, want)
	}
	if es[1].What() != "Stopped webserver" || es[1].Duration != 1500*time.Millisecond || !es[1].Done || es[1].External {
		t.Errorf("stop entry = %+v (%s)", es[1], es[1].What())
	}
	// The calls reached the engine.
	if got := f.CallsWith("Stop "); len(got) != 2 {
		t.Errorf("stops reaching the engine: %q", got)
	}
}

func TestWrapKeepsTheOtherFieldsAndRecordsErrors(t *testing.T) {
	f := enginetest.New([]engine.Container{{ID: webID, Name: "webserver"}}, nil)
	orig := f.Client()
	log, _ := newTestLog()
	c := Wrap(orig, log, names)
	if c.Events != orig.Events || c.Logs != orig.Logs || c.System != orig.System || c.Disk != orig.Disk || c.Inspect != orig.Inspect {
		t.Fatal("Wrap changed a field it does not record")
	}
	if cs, _ := c.Containers.ContainerList(context.Background(), true); len(cs) != 1 {
		t.Fatal("ContainerList does not pass through")
	}
	if len(log.Entries()) != 0 {
		t.Fatal("a list was recorded")
	}
	busy := &engine.Error{Kind: engine.ErrMustStop, Ref: "webserver"}
	f.ContainerRemoveFunc = func(context.Context, string, engine.RemoveOptions) error { return busy }
	if err := c.Containers.ContainerRemove(context.Background(), webID, engine.RemoveOptions{}); err != busy {
		t.Fatalf("err = %v", err)
	}
	if e := log.Entries()[0]; e.Err != busy || !e.Done {
		t.Fatalf("entry = %+v", e)
	}
}

func ev(kind engine.EventKind, action, id, name string) engine.Event {
	return engine.Event{Kind: kind, Action: action, ID: id, Name: name, Time: time.Date(2026, 12, 2, 3, 1, 0, 0, time.UTC)}
}

func TestOwnEventsAreNotExternal(t *testing.T) {
	f := enginetest.New(nil, nil)
	log, clk := newTestLog()
	c := Wrap(f.Client(), log, names)
	ctx := context.Background()
	// Events arriving while the action is in flight, and just after it.
	f.ContainerStopFunc = func(context.Context, string, *time.Duration) error {
		log.Observe([]engine.Event{ev(engine.EventContainer, "kill", webID, "webserver")})
		return nil
	}
	_ = c.Containers.ContainerStop(ctx, webID, nil)
	log.Observe([]engine.Event{ev(engine.EventContainer, "die", webID, "webserver"), ev(engine.EventContainer, "stop", webID, "webserver")})
	// A run without a name: its ID is known only when it returns.
	runID := "abcdefabcdef0000000000000000000000000000000000000000000000000000"
	f.ContainerRunFunc = func(context.Context, engine.RunSpec, func(engine.PullProgress)) (string, error) {
		log.Observe([]engine.Event{ev(engine.EventImage, "pull", "nginx:latest", "nginx:latest"),
			ev(engine.EventContainer, "create", runID, "awesome_mclaren"), ev(engine.EventContainer, "start", runID, "awesome_mclaren")})
		return runID, nil
	}
	_, _ = c.Containers.ContainerRun(ctx, engine.RunSpec{Image: "nginx"}, nil)
	es := log.Entries()
	if len(es) != 2 {
		t.Fatalf("entries: %+v", es)
	}
	if es[1].Object != "awesome_mclaren" || es[1].What() != "Ran awesome_mclaren" {
		t.Errorf("run entry %+v: the engine's name is not taken", es[1])
	}
	// Someone stops it in a terminal, long after.
	clk.add(time.Minute)
	log.Observe([]engine.Event{ev(engine.EventContainer, "kill", webID, "webserver"),
		ev(engine.EventContainer, "die", webID, "webserver"), ev(engine.EventContainer, "stop", webID, "webserver")})
	es = log.Entries()
	if len(es) != 3 || !es[2].External || es[2].Command != "docker container stop webserver" {
		t.Fatalf("external stop: %+v", es)
	}
}

func TestExternalEventsAsCommands(t *testing.T) {
	log, _ := newTestLog()
	c, i := engine.EventContainer, engine.EventImage
	log.Observe([]engine.Event{
		ev(i, "pull", "nginx:latest", "nginx:latest"),
		ev(c, "create", webID, "webserver"), ev(c, "start", webID, "webserver"),
		ev(c, "kill", webID, "webserver"), ev(c, "die", webID, "webserver"), ev(c, "stop", webID, "webserver"), ev(c, "start", webID, "webserver"), ev(c, "restart", webID, "webserver"),
		ev(c, "pause", webID, "webserver"), ev(c, "unpause", webID, "webserver"),
		{Kind: c, Action: "die", ID: webID, Name: "webserver", ExitCode: "137"}, ev(c, "oom", webID, "webserver"),
		ev(c, "kill", webID, "webserver"), ev(c, "die", webID, "webserver"), ev(c, "destroy", webID, "webserver"),
		ev(i, "untag", "sha256:42b4762643dc42b4762643dc", "nginx:latest"), ev(i, "delete", "sha256:42b4762643dc42b4762643dc", ""),
		ev(i, "delete", "sha256:99b4762643dc42b4762643dc", ""),
	})
	var got []string
	for _, e := range log.Entries() {
		if !e.External {
			t.Errorf("not external: %+v", e)
		}
		got = append(got, e.What()+" | "+e.Command)
	}
	want := []string{
		"Pulled nginx:latest | docker image pull nginx:latest",
		"Created webserver | ",
		"Started webserver | docker container start webserver",
		"Restarted webserver | docker container restart webserver",
		"Paused webserver | docker container pause webserver",
		"Resumed webserver | docker container unpause webserver",
		"webserver exited (137) | ",
		"webserver ran out of memory | ",
		"Removed webserver | docker container rm webserver",
		"Removed image nginx:latest | docker image rm nginx:latest",
		"Deleted image 99b4762643dc | docker image rm 99b4762643dc",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("external entries\n got %q\nwant %q", got, want)
	}
}

// Berth's own helper containers (a volume's files) are nobody's action:
// their create, start and removal are not listed as done outside Berth.
func TestHelperEventsAreNotListed(t *testing.T) {
	log, _ := newTestLog()
	c := engine.EventContainer
	helper := func(action string) engine.Event {
		return engine.Event{Kind: c, Action: action, ID: "4e1f0c2d9a8b", Name: "berth-volume-helper-4e1f", Helper: true}
	}
	log.Observe([]engine.Event{helper("create"), helper("destroy"), ev(c, "start", webID, "webserver")})
	if es := log.Entries(); len(es) != 1 || es[0].What() != "Started webserver" {
		t.Errorf("entries %+v", es)
	}
}

func TestScript(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC)
	es := []Entry{
		{Time: t0.Add(2 * time.Second), Command: "docker container stop webserver", Done: true},
		{Time: t0, Command: "docker run --detach --publish=80:80 --name=webserver nginx", Done: true},
		{Time: t0.Add(3 * time.Second), Command: "docker image rm nginx", Done: true, Err: &engine.Error{Kind: engine.ErrImageInUse}},
		{Time: t0.Add(4 * time.Second), Command: "docker container start webserver", Done: true, External: true},
		{Time: t0.Add(5 * time.Second), Action: ContainerExit, Done: true, External: true},
	}
	want := `#!/bin/sh
# What Berth did, as docker commands (2026-12-02T03:10:00Z).
set -e
docker run --detach --publish=80:80 --name=webserver nginx
docker container stop webserver
# failed: docker image rm nginx
# outside Berth: docker container start webserver
`
	if got := Script(es, t0.Add(10*time.Minute)); got != want {
		t.Fatalf("script\n%s\nwant\n%s", got, want)
	}
}

func TestLogKeepsTheLastEntries(t *testing.T) {
	log, _ := newTestLog()
	log.max = 3
	for range 5 {
		log.Observe([]engine.Event{ev(engine.EventContainer, "pause", webID, "webserver")})
	}
	es := log.Entries()
	if len(es) != 3 || es[0].ID != 3 || es[2].ID != 5 {
		t.Fatalf("entries %+v", es)
	}
}

// state is a fake engine.State for Follow.
type state struct {
	snap engine.Snapshot
	fn   func(engine.Snapshot, engine.Change)
}

func (s *state) Snapshot() engine.Snapshot { return s.snap }
func (s *state) Subscribe(fn func(engine.Snapshot, engine.Change)) func() {
	s.fn = fn
	return func() { s.fn = nil }
}
func (s *state) Reconnect() {}

func TestFollowNamesUntaggedImages(t *testing.T) {
	const id = "sha256:caf707b91c9270aaa0d8b996080d663b9c9c6fa54f16fc2ceb677fda70a6792f"
	img := func(tags ...string) engine.Image { return engine.Image{ID: id, RepoTags: tags} }
	st := &state{snap: engine.Snapshot{Images: []engine.Image{img("nginx:latest", "web:1")}}}
	log, _ := newTestLog()
	cancel := Follow(log, st)
	st.fn(engine.Snapshot{Images: []engine.Image{img("web:1")}}, engine.Change{Events: []engine.Event{
		{Kind: engine.EventImage, Action: "untag", ID: id, Name: id}}})
	st.fn(engine.Snapshot{}, engine.Change{Events: []engine.Event{
		{Kind: engine.EventImage, Action: "untag", ID: id, Name: id}, {Kind: engine.EventImage, Action: "delete", ID: id, Name: id}}})
	cancel()
	if st.fn != nil {
		t.Fatal("still subscribed")
	}
	var got []string
	for _, e := range log.Entries() {
		got = append(got, e.Command)
	}
	want := []string{"docker image rm nginx:latest", "docker image rm web:1"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got %q, want %q", got, want)
	}
}
