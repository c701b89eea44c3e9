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
	// The machine is shared and the loop's share of it moves from one
	// second to the next, so Berth's figures are compared with docker
	// stats's for the same seconds: the engine computes every subscriber's
	// sample from one reading a second, so the one docker stats prints is
	// among those Berth's stream (and ContainerStatsOnce) got meanwhile.
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch, err := eng.Stats.ContainerStats(sctx, id)
	if err != nil {
		t.Fatal(err)
	}
	<-ch // the stream is open
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
	once, err := eng.Stats.ContainerStatsOnce(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var ans cliAnswer
	samples := []engine.StatsSample{once}
	for got := false; !got; {
		select {
		case ans = <-cliC:
			got = true
		case s := <-ch:
			samples = append(samples, s)
		}
	}
	// And the stream's next sample: the engine's reading of the CLI's second may reach it just after.
	select {
	case s := <-ch:
		samples = append(samples, s)
	case <-time.After(1500 * time.Millisecond):
	}
	r2, err := eng.Stats.ContainerStatsOneShot(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if ans.err != nil {
		t.Fatalf("docker stats: %v", ans.err)
	}
	cliOut := ans.out
	var cliCPU float64
	if _, err := fmtSscanf(strings.TrimSpace(string(cliOut)), "%f%%", &cliCPU); err != nil {
		t.Fatalf("docker stats printed %q: %v", cliOut, err)
	}
	var seen []string
	near := false
	for _, s := range samples {
		seen = append(seen, fmt.Sprintf("%.2f%%", s.CPUPercent))
		near = near || (s.CPUPercent >= 0.9*cliCPU && s.CPUPercent <= 1.1*cliCPU)
	}
	if !near {
		t.Errorf("docker stats printed %.2f%%; Berth's samples of the same seconds: %v (none within 10%%)", cliCPU, seen)
	}
	// Two one-shot readings around it, as the containers list takes them:
	// they span a second or two more than docker stats's sample, in which
	// the loop's share of the busy machine moves, hence the wider margin.
	if between := engine.CPUPercentBetween(r1, r2); between < 0.7*cliCPU || between > 1.3*cliCPU {
		t.Errorf("CPU between one-shot readings %.2f%%, docker stats %.2f%%", between, cliCPU)
	}
	if once.MemLimit == 0 || once.MemUsage == 0 || once.PIDs == 0 {
		t.Errorf("sample %+v: memory or pids missing", once)
	}
	t.Logf("Berth %v %d/%d, docker stats %s", seen, once.MemUsage, once.MemLimit, cliOut)

	// The stream ends with its context.
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
