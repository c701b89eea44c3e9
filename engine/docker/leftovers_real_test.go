//go:build e2e

package docker_test

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"

	"berth/engine"
	"berth/engine/docker"
	"berth/internal/testbed"
)

// TestLeftoverChild is the Berth that gets killed in
// TestLeftoverHelpersOfAKilledBerthAreRemoved: it opens a debug shell and
// waits. It runs only as that test's child.
func TestLeftoverChild(t *testing.T) {
	target, tool := os.Getenv("BERTH_LEFTOVER_TARGET"), os.Getenv("BERTH_LEFTOVER_TOOL")
	if target == "" {
		t.Skip("only as the child of TestLeftoverHelpersOfAKilledBerthAreRemoved")
	}
	eng := docker.New(docker.ResolveEndpoint())
	if _, err := eng.Exec.DebugStart(context.Background(), target, tool, engine.TermSize{Cols: 80, Rows: 24}); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("\nstarted\n")
	time.Sleep(5 * time.Minute)
}

func TestLeftoverHelpersOfAKilledBerthAreRemoved(t *testing.T) {
	eng := realEngine(t)
	cli := testbed.Client(t)
	ctx := ctxT(t)
	target := testbed.RunToolbox(t, "i18nd-leftover-target")
	tool := testbed.ToolboxImage(t)
	helpers := func() []container.Summary {
		list, err := cli.ContainerList(ctx, listByLabel("berth.debug.target="+target))
		if err != nil {
			t.Fatal(err)
		}
		return list
	}

	// A Berth that opens a debug shell, then is killed (SIGKILL: nothing of
	// it runs after): its helper keeps running.
	child := exec.Command(os.Args[0], "-test.run=^TestLeftoverChild$", "-test.v")
	child.Env = append(os.Environ(), "BERTH_LEFTOVER_TARGET="+target, "BERTH_LEFTOVER_TOOL="+tool)
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = child.Process.Kill(); _ = child.Wait() })
	started := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "started" {
				started <- true
			}
		}
		started <- false
	}()
	select {
	case ok := <-started:
		if !ok {
			t.Fatal("the child ended before its debug shell started")
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("the child's debug shell did not start")
	}
	_ = child.Process.Kill()
	_ = child.Wait()
	list := helpers()
	if len(list) != 1 || list[0].State != "running" {
		t.Fatalf("after the kill: %d helpers %+v, want one running", len(list), list)
	}
	leftover := list[0].ID
	t.Cleanup(func() { _ = cli.ContainerRemove(context.Background(), leftover, container.RemoveOptions{Force: true}) })
	host, _ := os.Hostname()
	if got, want := list[0].Labels[docker.OwnerLabel], host+"/"+itoa(child.Process.Pid); got != want {
		t.Errorf("owner label %q, want %q", got, want)
	}

	// This Berth's own debug shell, and a helper of another machine, stay.
	s, err := eng.Exec.DebugStart(ctx, target, tool, engine.TermSize{Cols: 80, Rows: 24})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	other := testbed.Name(t, "i18nd-leftover-other")
	if _, err := cli.ContainerCreate(ctx, &container.Config{Image: tool, Labels: map[string]string{
		docker.DebugLabel: target, docker.OwnerLabel: "another-machine/" + itoa(child.Process.Pid)}}, nil, nil, nil, other); err != nil {
		t.Fatal(err)
	}

	n, err := docker.RemoveLeftovers(ctx, eng)
	if err != nil {
		t.Fatal(err)
	}
	if n < 1 {
		t.Fatalf("removed %d", n)
	}
	var left []string
	for _, c := range helpers() {
		if c.ID == leftover {
			t.Error("the killed Berth's helper is still there")
		}
		left = append(left, strings.TrimPrefix(c.Names[0], "/"))
	}
	if len(left) != 2 || !strings.Contains(strings.Join(left, " "), other) {
		t.Errorf("helpers left %v, want this process's and %s", left, other)
	}
}
