package enginetest

import (
	"testing"

	"berth/engine"
)

func TestEndpoints(t *testing.T) {
	s := NewEndpoints("unix:///fake.sock", engine.Endpoint{Name: "remote", Host: "ssh://me@h"})
	if ep, err := s.Resolve(); err != nil || ep.Name != "default" {
		t.Fatalf("resolve: %+v %v", ep, err)
	}
	if err := s.Add(engine.Endpoint{Name: "tls", Host: "tcp://h:2376"}, "d"); err != nil {
		t.Fatal(err)
	}
	if err := s.Add(engine.Endpoint{Name: "tls", Host: "tcp://h:2376"}, "d"); !engine.IsKind(err, engine.ErrNameInUse) {
		t.Fatalf("twice: %v", err)
	}
	if err := s.Use("remote"); err != nil {
		t.Fatal(err)
	}
	list, _ := s.List()
	if len(list) != 3 || !list[1].Current || list[0].Current {
		t.Fatalf("list %+v", list)
	}
	if ep, _ := s.Resolve(); ep.Host != "ssh://me@h" || ep.Source != engine.SourceConfig {
		t.Fatalf("resolve after use: %+v", ep)
	}
	if err := s.Remove("remote"); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove("default"); !engine.IsKind(err, engine.ErrInvalidName) {
		t.Fatalf("remove default: %v", err)
	}
	if ep, _ := s.Resolve(); ep.Name != "default" {
		t.Fatalf("removing the current context goes back to default: %+v", ep)
	}
	if got := s.Calls(); len(got) != 5 {
		t.Errorf("calls %v", got)
	}
}
