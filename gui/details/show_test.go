package details

import (
	"testing"

	"berth/engine"
)

func TestFindAndTabArg(t *testing.T) {
	snap := engine.Snapshot{Containers: []engine.Container{
		{ID: "abc123" + "0000", Name: "web"}, {ID: "abd999" + "0000", Name: "abc123"}, {ID: "ffee00", Name: "db"}}}
	for ref, want := range map[string]string{"web": "web", "/db": "db", "abc123": "abc123", "ffe": "db", "ab": "", "nope": "", "": ""} {
		c, ok := Find(snap, ref)
		if got := map[bool]string{true: c.Name}[ok]; got != want {
			t.Errorf("Find(%q) = %q, want %q", ref, got, want)
		}
	}
	for arg, want := range map[string]string{"": "overview", "Inspect": "inspect", "files": "files", "terminal": "terminal", "env": "environment", "what": "overview"} {
		if got := TabArg(arg); got != want {
			t.Errorf("TabArg(%q) = %q", arg, got)
		}
	}
}
