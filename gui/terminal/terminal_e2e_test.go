//go:build e2e

package terminal

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/client"

	"fyne.io/fyne/v2"

	"berth/engine"
	"berth/engine/docker"
	"berth/internal/testbed"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation()); err == nil {
		testbed.RemoveContainers(cli)
	}
	os.Exit(code)
}

func realPane(t *testing.T, id string) (*Pane, *host, *engine.Client) {
	t.Helper()
	testbed.Client(t)
	eng := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { eng.Close() })
	p, h := newPane(t, nil)
	p.api = eng.Exec
	p.c = engine.Container{ID: id, Name: id[:12], State: engine.StateRunning}
	return p, h, eng
}

func screenHas(p *Pane, s string) func() bool {
	return func() bool { return strings.Contains(p.Current().ScreenText(), s) }
}

func TestRealTerminalEchoLsAndTop(t *testing.T) {
	id := testbed.RunToolbox(t, "h10-term")
	p, h, _ := realPane(t, id)
	p.Shown()
	h.Until(t, "the prompt", screenHas(p, "/ #"))
	term := p.Current()
	term.Type("echo he''llo-berth\r")
	h.Until(t, "the echo", screenHas(p, "hello-berth"))
	term.Type("ls /\r")
	h.Until(t, "ls /", screenHas(p, "proc"))
	term.Type("clear; top\r")
	h.Until(t, "top's screen", screenHas(p, "PID  PPID USER"))
	if !strings.Contains(term.ScreenText(), "Mem:") {
		t.Errorf("top's screen:\n%s", term.ScreenText())
	}
	term.Type("q")
	h.Until(t, "top quits", func() bool {
		lines := strings.Split(strings.TrimRight(term.ScreenText(), "\n"), "\n")
		return strings.HasPrefix(lines[len(lines)-1], "/ #")
	})

	// A narrower widget: the TTY follows, and top cuts its lines to it.
	term.Resize(fyne.NewSize(term.cell.Width*50, term.Size().Height))
	cols, _ := term.Cells()
	if cols >= 60 {
		t.Fatalf("%d columns after the resize", cols)
	}
	term.Type("clear; top\r")
	h.Until(t, "top again", screenHas(p, "PID  PPID"))
	h.Until(t, "top's lines cut to the width", func() bool {
		for _, l := range strings.Split(term.ScreenText(), "\n") {
			if strings.HasPrefix(l, "Mem:") {
				return len(l) <= cols
			}
		}
		return false
	})
	term.Type("q")
	term.Type("exit\r")
	h.Until(t, "the end said", func() bool { return strings.Contains(p.Status(0), "exited") })
}

func TestRealDebugShellListsTheTargetsFiles(t *testing.T) {
	id := testbed.RunWeb(t, "h10-debugweb")
	tool := testbed.ToolboxImage(t)
	p, h, _ := realPane(t, id)
	p.Shown()
	h.Until(t, "the no-shell offer", func() bool { return strings.Contains(p.Status(0), "has no shell") })
	p.OpenDebug(tool)
	h.Until(t, "the debug prompt", screenHas(p, "/ #"))
	p.Current().Type("ls /proc/1/root/\r")
	h.Until(t, "the web server's files", screenHas(p, "web"))
	p.Close()
	cli := testbed.Client(t)
	h.Until(t, "the helper removed", func() bool {
		list, err := cli.ContainerList(context.Background(), debugHelpers(id))
		return err == nil && len(list) == 0
	})
}

func TestRealStoppedContainer(t *testing.T) {
	id := testbed.RunToolbox(t, "h10-termstopped", "true")
	cli := testbed.Client(t)
	okC, errC := cli.ContainerWait(context.Background(), id, "not-running")
	select {
	case <-okC:
	case err := <-errC:
		t.Fatal(err)
	}
	p, h, _ := realPane(t, id)
	p.Shown()
	h.Until(t, "the message", func() bool { return p.Status(0) != "" })
	if !strings.Contains(p.Status(0), "is not running: start it") {
		t.Errorf("status %q", p.Status(0))
	}
}

func debugHelpers(target string) container.ListOptions {
	return container.ListOptions{All: true, Filters: filters.NewArgs(filters.Arg("label", docker.DebugLabel+"="+target))}
}

func TestRealContainerStopsUnderTheShell(t *testing.T) {
	id := testbed.RunToolbox(t, "h10-stopunder")
	p, h, _ := realPane(t, id)
	p.Shown()
	h.Until(t, "the prompt", screenHas(p, "/ #"))
	cli := testbed.Client(t)
	if err := cli.ContainerKill(context.Background(), id, "KILL"); err != nil {
		t.Fatal(err)
	}
	h.Until(t, "the end said", func() bool { return p.Status(0) != "" })
	if got := p.Status(0); !strings.Contains(got, "container stopped") {
		t.Errorf("status %q", got)
	}
}

func TestRealViEditsAFile(t *testing.T) {
	id := testbed.RunToolbox(t, "h10-vi")
	p, h, _ := realPane(t, id)
	p.Shown()
	h.Until(t, "the prompt", screenHas(p, "/ #"))
	term := p.Current()
	term.Type("vi /tmp/note\r")
	h.Until(t, "vi's screen", screenHas(p, "~"))
	term.Type("ihello from vi")
	h.Until(t, "the text typed", screenHas(p, "hello from vi"))
	term.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) // an arrow, in vi's own key mode
	term.Type("X")
	h.Until(t, "X before the last letter", screenHas(p, "hello from vXi"))
	term.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	time.Sleep(300 * time.Millisecond) // vi tells a lone Escape from a sequence by time
	term.Type(":wq\r")
	h.Until(t, "back to the shell", func() bool { return !strings.Contains(term.ScreenText(), "~\n~") })
	term.Type("clear; cat /tmp/note\r")
	// After clear, the file is the screen's first line, the prompt after it.
	h.Until(t, "the file", func() bool { return strings.HasPrefix(term.ScreenText(), "hello from vXi\n/ #") })
}
