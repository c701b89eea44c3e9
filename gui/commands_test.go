package gui

import (
	"path/filepath"
	"strings"
	"testing"

	"berth/gui/kit/kittest"
	"berth/instance"
)

func hasWindow(e *env, title string) bool {
	for _, w := range e.app.Driver().AllWindows() {
		if w.Title() == title {
			return true
		}
	}
	return false
}

// `berth logs NAME|ID|PROJECT` opens that log; an unknown one says so.
func TestHandleLogs(t *testing.T) {
	e := newEnv(t, testFake(), envOpts{})
	e.u.Handle(instance.Command{Verb: "logs", Args: []string{"webserver"}})
	e.wait("the log by name", func() bool { return hasWindow(e, "Logs — webserver") })
	e.u.Handle(instance.Command{Verb: "logs", Args: []string{kittest.Mclaren[:6]}})
	e.wait("the log by ID", func() bool { return hasWindow(e, "Logs — awesome_mclaren") })
	e.u.Handle(instance.Command{Verb: "logs", Args: []string{"shop"}})
	e.wait("the project's log", func() bool { return hasWindow(e, "Logs — shop (compose)") })
	e.u.Handle(instance.Command{Verb: "logs", Args: []string{"nosuch"}})
	e.wait("the dialog", func() bool { return e.u.dialog != nil })
	if d := e.dialog(); !strings.Contains(d.Question.Message, `no container or compose project "nosuch"`) {
		t.Errorf("message %q", d.Question.Message)
	}
	e.u.Handle(instance.Command{Verb: "frob"})
	if d := e.dialog(); !strings.Contains(d.Question.Message, `no command "frob"`) {
		t.Errorf("message %q", d.Question.Message)
	}
}

func TestHandleShow(t *testing.T) {
	e := newEnv(t, testFake(), envOpts{})
	e.u.Handle(instance.Command{Verb: "show", Args: []string{"webserver", "inspect"}})
	e.wait("the details window", func() bool { return hasWindow(e, "webserver — Berth") })
	e.u.Handle(instance.Command{Verb: "show", Args: []string{"webserver", "frob"}})
	e.wait("the dialog", func() bool { return e.u.dialog != nil })
	if d := e.dialog(); !strings.Contains(d.Question.Message, `no tab "frob"`) {
		t.Errorf("message %q", d.Question.Message)
	}
	e.u.dialog = nil
	e.u.Handle(instance.Command{Verb: "show", Args: []string{"nosuch"}})
	e.wait("the dialog", func() bool { return e.u.dialog != nil })
	if d := e.dialog(); !strings.Contains(d.Question.Message, `no container "nosuch"`) {
		t.Errorf("message %q", d.Question.Message)
	}
}

// A second `berth logs X` reaches the running Berth through the socket.
func TestCommandThroughSocket(t *testing.T) {
	e := newEnv(t, testFake(), envOpts{})
	path := filepath.Join(t.TempDir(), "berth.sock")
	ln, err := instance.Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go ln.Serve(e.u.Post)
	sent := make(chan error, 1)
	go func() { sent <- instance.Send(path, instance.Command{Verb: "logs", Args: []string{"shop-db-1"}}) }()
	e.wait("the log", func() bool { return hasWindow(e, "Logs — shop-db-1") })
	if err := <-sent; err != nil {
		t.Error(err)
	}
}
