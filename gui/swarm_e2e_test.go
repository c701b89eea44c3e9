//go:build e2e

package gui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/store"
	"berth/gui/kit/kittest"
	"berth/gui/swarm"
	"berth/internal/testbed"
)

// TestRealSwarmTab: the second engine of the test bed made a Swarm manager
// (for this test only), with a service of two replicas of which one cannot
// be placed; the window's Swarm tab shows the node, the service's replicas
// as docker service ls prints them, and its tasks with the scheduler's error.
func TestRealSwarmTab(t *testing.T) {
	bed := testbed.EnginesBed(t)
	d := func(args ...string) (string, error) {
		out, err := exec.Command("docker", append([]string{"-H", bed.Docker}, args...)...).CombinedOutput()
		return string(out), err
	}
	must := func(args ...string) string {
		t.Helper()
		out, err := d(args...)
		if err != nil {
			t.Fatalf("docker %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	// Swarm wants an address that is not loopback: one on lo of the engine's own network namespace.
	pid, err := os.ReadFile(filepath.Join(bed.Dir, "dockerd.pid"))
	if err != nil {
		t.Fatal(err)
	}
	const addr = "10.231.0.1"
	if out, err := exec.Command("nsenter", "-t", strings.TrimSpace(string(pid)), "-n", "ip", "addr", "replace", addr+"/32", "dev", "lo").CombinedOutput(); err != nil {
		t.Fatalf("nsenter: %v\n%s", err, out)
	}
	if out, err := d("swarm", "init", "--advertise-addr", addr, "--listen-addr", addr+":2377"); err != nil && !strings.Contains(out, "already part of a swarm") {
		t.Fatalf("swarm init: %v\n%s", err, out)
	}
	t.Cleanup(func() { d("swarm", "leave", "--force") })
	web := testbed.WebImage(t)
	testbed.LoadInto(t, bed.Docker, web)
	svc := testbed.Name(t, "swarm")
	port := testbed.FreePort(t)
	must("service", "create", "-d", "--name", svc, "--replicas", "2",
		"--publish", "mode=host,target=80,published="+strconv.Itoa(port), web)
	t.Cleanup(func() { d("service", "rm", svc) })

	c := docker.New(engine.Endpoint{Host: bed.Docker})
	st := store.New(c, store.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { st.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done; c.Close() })
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	loop := &kittest.Queue{Timeout: 60 * time.Second}
	u := newUI(test.NewTempApp(t), c, st, options{do: loop.Do, trayHost: &fakeTrayHost{}, notify: func(*fyne.Notification) {}})
	u.win.Resize(fyne.NewSize(1400, 900))
	t.Cleanup(func() { u.Close(); loop.Drain() })
	loop.Until(t, "the Swarm tab", func() bool { return u.swarm != nil })
	u.tabs.show("Swarm")
	// One task runs; the other waits for a node with the port free.
	var cliReplicas string
	loop.Until(t, "the service with one task running", func() bool {
		cliReplicas = strings.TrimSpace(must("service", "ls", "--filter", "name="+svc, "--format", "{{.Replicas}}"))
		_, svcs, _ := u.swarm.Rows()
		for _, s := range svcs {
			if s.Name == svc && swarm.Replicas(s) == cliReplicas && s.Running == 1 {
				return true
			}
		}
		u.swarm.Refresh()
		time.Sleep(200 * time.Millisecond)
		return false
	})
	nodes, svcs, _ := u.swarm.Rows()
	if len(nodes) != 1 || !nodes[0].Self || nodes[0].ManagerStatus != "Leader" || nodes[0].Role != "manager" {
		t.Errorf("nodes %+v, want this engine alone, the leader", nodes)
	}
	for i, s := range svcs {
		if s.Name == svc {
			u.swarm.SelectService(i)
		}
	}
	loop.Until(t, "the service's tasks", func() bool {
		_, _, tasks := u.swarm.Rows()
		return len(tasks) == 2
	})
	_, _, tasks := u.swarm.Rows()
	var pending string
	for _, tk := range tasks {
		if tk.State != "running" {
			pending = tk.Error
		}
	}
	if !strings.Contains(pending, "no suitable node") {
		t.Errorf("tasks %+v: want one waiting with the scheduler's reason", tasks)
	}
	if texts := strings.Join(labelTexts(u.swarm.Content()), "\n"); !strings.Contains(texts, svc+".1") || !strings.Contains(texts, cliReplicas) {
		t.Errorf("the Swarm tab does not show %s.1 and %s", svc, cliReplicas)
	}
}
