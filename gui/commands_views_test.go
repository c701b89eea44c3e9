package gui

import (
	"strings"
	"testing"

	"berth/gui/volumes"
	"berth/instance"
)

// `berth tab NAME` brings that tab to the front; an unknown one says so.
func TestHandleTab(t *testing.T) {
	e := newEnv(t, testFake(), envOpts{})
	e.u.Handle(instance.Command{Verb: "tab", Args: []string{"Volumes"}})
	if _, ok := e.u.tabs.current().(*volumes.View); !ok {
		t.Errorf("in front: %T", e.u.tabs.current())
	}
	for _, name := range []string{"images", "networks", "disk", "activity", "containers"} {
		e.u.Handle(instance.Command{Verb: "tab", Args: []string{name}})
		if got := frontTab(e); got != name {
			t.Errorf("berth tab %s: %q in front", name, got)
		}
	}
	e.u.Handle(instance.Command{Verb: "tab", Args: []string{"frob"}})
	e.wait("the dialog", func() bool { return e.u.dialog != nil })
	if d := e.dialog(); !strings.Contains(d.Question.Message, `no tab "frob"`) {
		t.Errorf("message %q", d.Question.Message)
	}
}

// frontTab is the command line's name of the tab in front.
func frontTab(e *env) string {
	id := e.u.tabs.list[e.u.tabs.tabs.SelectedIndex()].id
	for name, tid := range tabIDs {
		if tid == id {
			return name
		}
	}
	return ""
}

// `berth image REF [DIALOG]` opens the image's details; a bad dialog says so.
func TestHandleImage(t *testing.T) {
	e := newEnv(t, testFake(), envOpts{})
	e.u.Handle(instance.Command{Verb: "image", Args: []string{"nginx:latest", "search"}})
	e.wait("the details window", func() bool { return hasWindow(e, "Image — nginx:latest") })
	e.u.Handle(instance.Command{Verb: "image", Args: []string{"nginx:latest", "frob"}})
	e.wait("the dialog", func() bool { return e.u.dialog != nil })
	if d := e.dialog(); !strings.Contains(d.Question.Message, `no dialog "frob"`) {
		t.Errorf("message %q", d.Question.Message)
	}
}
