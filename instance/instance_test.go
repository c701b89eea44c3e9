package instance

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		args []string
		cmd  Command
		ok   bool
		bad  string
	}{
		{args: nil},
		{args: []string{"--hidden"}},
		{args: []string{"logs", "web"}, cmd: Command{"logs", []string{"web"}}, ok: true},
		{args: []string{"--hidden", "logs", "shop"}, cmd: Command{"logs", []string{"shop"}}, ok: true},
		{args: []string{"show", "web", "Logs"}, cmd: Command{"show", []string{"web", "Logs"}}, ok: true},
		{args: []string{"logs"}, bad: "takes one argument"},
		{args: []string{"logs", "a", "b"}, bad: "takes one argument"},
		{args: []string{"show", "a", "b", "c"}, bad: "1 to 2 arguments"},
		{args: []string{"frobnicate"}, bad: `no command "frobnicate"`},
	} {
		cmd, ok, err := Parse(c.args)
		if c.bad != "" {
			if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), c.bad) {
				t.Errorf("Parse(%q) err %v, want %q", c.args, err, c.bad)
			}
			continue
		}
		if err != nil || ok != c.ok || !reflect.DeepEqual(cmd, c.cmd) && c.ok {
			t.Errorf("Parse(%q) = %+v %v %v", c.args, cmd, ok, err)
		}
	}
}

func TestSocketPath(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", dir)
	if p := SocketPath(); filepath.Dir(p) != dir || !strings.Contains(p, "berth-") {
		t.Errorf("path %s", p)
	}
	t.Setenv("XDG_RUNTIME_DIR", filepath.Join(dir, "missing"))
	if p := SocketPath(); filepath.Dir(p) != filepath.Clean(os.TempDir()) {
		t.Errorf("path %s without a runtime dir", p)
	}
}

// The first Berth listens; a second one's command reaches it; a third
// Listen finds it running. After Close the socket is gone and Send says
// nobody runs.
func TestListenSend(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.sock")
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var got []Command
	gone := false
	go ln.Serve(func(c Command) error {
		mu.Lock()
		defer mu.Unlock()
		if gone {
			return ErrNotRunning
		}
		got = append(got, c)
		return nil
	})
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("socket mode %v %v", st.Mode(), err)
	}
	if _, err := Listen(path); !errors.Is(err, ErrRunning) {
		t.Errorf("second Listen: %v", err)
	}
	for _, c := range []Command{{"logs", []string{"web"}}, {"show", []string{"db", "Logs"}}} {
		if err := Send(path, c); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	if len(got) != 2 || got[0].Args[0] != "web" || got[1].Verb != "show" {
		t.Errorf("got %+v", got)
	}
	mu.Unlock()
	// Garbage is answered with an error, and the listener goes on.
	c, _ := net.Dial("unix", path)
	c.Write([]byte("not json\n"))
	buf := make([]byte, 100)
	n, _ := c.Read(buf)
	c.Close()
	if !strings.HasPrefix(string(buf[:n]), "error:") {
		t.Errorf("reply to garbage %q", buf[:n])
	}
	// A Berth that is quitting answers "gone": the sender starts its own.
	mu.Lock()
	gone = true
	mu.Unlock()
	if err := Send(path, Command{Verb: "logs", Args: []string{"x"}}); !errors.Is(err, ErrNotRunning) {
		t.Errorf("Send to a quitting Berth: %v", err)
	}
	ln.Close()
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("socket left: %v", err)
	}
	if err := Send(path, Command{Verb: "logs", Args: []string{"x"}}); !errors.Is(err, ErrNotRunning) {
		t.Errorf("Send with none running: %v", err)
	}
}

// A socket left by a Berth that died is taken over.
func TestListenStale(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.sock")
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatal("no stale socket to test with")
	}
	l2, err := Listen(path)
	if err != nil {
		t.Fatalf("stale socket: %v", err)
	}
	l2.Close()
}
