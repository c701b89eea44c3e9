package present

import (
	"testing"

	"berth/engine"
)

func TestArgv(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"/web"}, "/web"},
		{[]string{"sh", "-c", "echo hi && sleep 1"}, `sh -c 'echo hi && sleep 1'`},
		{[]string{"echo", "it's"}, `echo 'it'\''s'`},
		{[]string{"printf", ""}, "printf ''"},
	} {
		if got := Argv(c.in); got != c.want {
			t.Errorf("Argv(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRestartText(t *testing.T) {
	if got := RestartText(engine.RestartOnFailure, 3, 2); got != "on-failure (at most 3 times), restarted 2 times" {
		t.Error(got)
	}
	if got := RestartText("", 0, 0); got != "no" {
		t.Error(got)
	}
}

func TestExplainFileErrors(t *testing.T) {
	if got := Explain(&engine.Error{Kind: engine.ErrReadOnly, Ref: "/ro"}); got != "/ro is on a read-only mount (or the container's filesystem is read-only): nothing can be written there. Choose another folder." {
		t.Error(got)
	}
	if got := Explain(&engine.Error{Kind: engine.ErrFileDenied, Ref: "/data"}); got != "The engine may not change /data: permission denied (the file is locked or the filesystem refuses it)." {
		t.Error(got)
	}
	if got := Explain(&engine.Error{Kind: engine.ErrNotFound, Ref: "/gone", What: "file or folder"}); got != `There is no file or folder "/gone" on this engine.` {
		t.Error(got)
	}
}
