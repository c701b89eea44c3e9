//go:build e2e

package docker_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"

	"berth/engine"
	"berth/internal/testbed"
)

// output collects what a session prints, read on a goroutine.
type output struct {
	mu  sync.Mutex
	buf bytes.Buffer
	end chan struct{}
}

func collect(r io.Reader) *output {
	o := &output{end: make(chan struct{})}
	go func() {
		defer close(o.end)
		p := make([]byte, 4096)
		for {
			n, err := r.Read(p)
			o.mu.Lock()
			o.buf.Write(p[:n])
			o.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return o
}

func (o *output) waitFor(t *testing.T, s string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		o.mu.Lock()
		ok := strings.Contains(o.buf.String(), s)
		o.mu.Unlock()
		if ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	t.Fatalf("no %q in the output:\n%s", s, o.buf.String())
}

func TestExecShellTypesAndExits(t *testing.T) {
	eng := realEngine(t)
	id := testbed.RunToolbox(t, "h10-exec")
	ctx := ctxT(t)
	s, err := eng.Exec.ExecStart(ctx, id, nil, engine.TermSize{Cols: 100, Rows: 30})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := s.Command(); len(got) != 1 || got[0] != "/bin/sh" { // the toolbox has no bash
		t.Errorf("shell %v, want /bin/sh", got)
	}
	out := collect(s)
	if _, err := io.WriteString(s, "stty size; echo he''llo\r"); err != nil {
		t.Fatal(err)
	}
	out.waitFor(t, "30 100")
	out.waitFor(t, "hello")
	if err := s.Resize(ctx, engine.TermSize{Cols: 90, Rows: 20}); err != nil {
		t.Fatal(err)
	}
	io.WriteString(s, "stty size; exit 3\r")
	out.waitFor(t, "20 90")
	<-out.end
	code, err := s.Wait(ctx)
	if err != nil || code != 3 {
		t.Errorf("exit code %d, %v; want 3", code, err)
	}
}

func TestExecStoppedContainerIsNotRunning(t *testing.T) {
	eng := realEngine(t)
	id := testbed.RunToolbox(t, "h10-stopped", "true")
	ctx := ctxT(t)
	cli := testbed.Client(t)
	okC, errC := cli.ContainerWait(ctx, id, "not-running")
	select {
	case <-okC:
	case err := <-errC:
		t.Fatal(err)
	}
	_, err := eng.Exec.ExecStart(ctx, id, nil, engine.TermSize{Cols: 80, Rows: 24})
	if !engine.IsKind(err, engine.ErrNotRunning) {
		t.Fatalf("exec into a stopped container: %v, want ErrNotRunning", err)
	}
}

func TestDebugShellSeesTheTarget(t *testing.T) {
	eng := realEngine(t)
	target := testbed.RunWeb(t, "h10-debugtarget")
	tool := testbed.ToolboxImage(t)
	ctx := ctxT(t)
	s, err := eng.Exec.DebugStart(ctx, target, tool, engine.TermSize{Cols: 120, Rows: 30})
	if err != nil {
		t.Fatal(err)
	}
	out := collect(s)
	io.WriteString(s, "ls /proc/1/root/; echo do''ne\r")
	out.waitFor(t, "done")
	out.waitFor(t, "web")
	s.Close()
	// The helper is gone.
	cli := testbed.Client(t)
	deadline := time.Now().Add(20 * time.Second)
	for {
		list, err := cli.ContainerList(ctx, listByLabel("berth.debug.target="+target))
		if err != nil {
			t.Fatal(err)
		}
		if len(list) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the debug helper %s is still there", list[0].Names)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestStatsAgreeWithDockerStats(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	// Half a core, so that the machine's other load (other tests) moves the
	// figure little between docker stats's sample and ours.
	cli := testbed.Client(t)
	name := testbed.Name(t, "h10-busy")
	created, err := cli.ContainerCreate(ctx, &container.Config{Image: testbed.ToolboxImage(t), Cmd: []string{"sh", "-c", "while :; do :; done"}},
		&container.HostConfig{Resources: container.Resources{NanoCPUs: 5e8}}, nil, nil, name)
	if err != nil {
		t.Fatal(err)
	}
	id := created.ID
	if err := cli.ContainerStart(ctx, id, container.StartOptions{}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second) // let the loop settle
	// docker stats and Berth sample the same seconds: the machine is shared,
	// and the loop's share of it moves from one second to the next.
	type cliAnswer struct {
		out []byte
		err error
	}
	cliC := make(chan cliAnswer, 1)
	go func() {
		out, err := exec.CommandContext(ctx, "docker", "stats", "--no-stream", "--format", "{{.CPUPerc}} {{.MemUsage}}", id).Output()
		cliC <- cliAnswer{out, err}
	}()
	r1, err := eng.Stats.ContainerStatsOneShot(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	s, err := eng.Stats.ContainerStatsOnce(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := eng.Stats.ContainerStatsOneShot(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	ans := <-cliC
	if ans.err != nil {
		t.Fatalf("docker stats: %v", ans.err)
	}
	cliOut := ans.out
	var cliCPU float64
	if _, err := fmtSscanf(strings.TrimSpace(string(cliOut)), "%f%%", &cliCPU); err != nil {
		t.Fatalf("docker stats printed %q: %v", cliOut, err)
	}
	if d := s.CPUPercent - cliCPU; d > 0.1*cliCPU || d < -0.1*cliCPU {
		t.Errorf("CPU %.2f%%, docker stats %.2f%% (more than 10%% apart)", s.CPUPercent, cliCPU)
	}
	// Two one-shot readings around it, as the containers list takes them:
	// they span a second or two more than docker stats's sample, in which
	// the loop's share of the busy machine moves, hence the wider margin.
	if between := engine.CPUPercentBetween(r1, r2); between < 0.75*cliCPU || between > 1.25*cliCPU {
		t.Errorf("CPU between one-shot readings %.2f%%, docker stats %.2f%%", between, cliCPU)
	}
	if s.MemLimit == 0 || s.MemUsage == 0 || s.PIDs == 0 {
		t.Errorf("sample %+v: memory or pids missing", s)
	}
	t.Logf("Berth %.2f%% %d/%d, docker stats %s", s.CPUPercent, s.MemUsage, s.MemLimit, cliOut)

	// The stream gives samples and ends with its context.
	sctx, cancel := context.WithCancel(ctx)
	ch, err := eng.Stats.ContainerStats(sctx, id)
	if err != nil {
		t.Fatal(err)
	}
	first := <-ch
	if first.CPUPercent < 0.1*cliCPU {
		t.Errorf("streamed CPU %.2f%%", first.CPUPercent)
	}
	cancel()
	select {
	case _, ok := <-ch:
		for ok {
			_, ok = <-ch
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the stats stream did not end with its context")
	}

	top, err := eng.Stats.ContainerTop(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if top.Column("PID") < 0 || len(top.Rows) == 0 {
		t.Errorf("top %+v", top)
	}
}

func fmtSscanf(s, format string, a ...any) (int, error) { return fmt.Sscanf(s, format, a...) }

func listByLabel(l string) container.ListOptions {
	return container.ListOptions{All: true, Filters: filters.NewArgs(filters.Arg("label", l))}
}

func TestExecWithoutShellSaysSo(t *testing.T) {
	eng := realEngine(t)
	id := testbed.RunWeb(t, "h10-noshell")
	_, err := eng.Exec.ExecStart(ctxT(t), id, nil, engine.TermSize{Cols: 80, Rows: 24})
	if e := engine.AsError(err); e == nil || e.Kind != engine.ErrCommandNotFound || e.What != "shell" {
		t.Fatalf("exec into the web image: %v, want ErrCommandNotFound of a shell", err)
	}
}
