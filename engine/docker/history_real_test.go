//go:build e2e

package docker_test

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"berth/engine"
	"berth/internal/testbed"
)

// TestRealContainerHistory: a container that fails to listen (PORT=bad)
// with --restart=on-failure:2 dies three times, restarted twice by its
// policy; then a docker stop and start. The history tells it all, oldest
// first, and nothing of the container next to it.
func TestRealContainerHistory(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	img := testbed.WebImage(t)
	name, other := testName(t, "history"), testName(t, "history-other")
	docker := func(args ...string) string {
		t.Helper()
		out, err := exec.CommandContext(ctx, "docker", args...).CombinedOutput()
		if err != nil {
			t.Fatalf("docker %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	docker("run", "--detach", "--name="+other, img)
	id := docker("run", "--detach", "--name="+name, "--restart=on-failure:2", "--env=PORT=bad", img)
	exited := func() {
		deadline := time.Now().Add(60 * time.Second)
		for {
			st := docker("inspect", "--format={{.State.Status}} {{.RestartCount}}", id)
			if st == "exited 2" {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("the container did not exit after two restarts: %s", st)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	exited()
	docker("start", name) // the user's: it fails again, and the policy restarts it twice more
	exited()
	cs, err := eng.Containers.ContainerListByID(ctx, id)
	if err != nil || len(cs) != 1 {
		t.Fatalf("list: %v %v", cs, err)
	}
	// The engine may still be on its way to the last die: ask until it is there.
	var (
		evs []engine.HistoryEvent
		got []string
	)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		evs, err = eng.History.ContainerHistory(ctx, id, cs[0].Created)
		if err != nil {
			t.Fatal(err)
		}
		got = got[:0]
		for _, ev := range evs {
			s := ev.Action
			if ev.ExitCode != "" {
				s += "(" + ev.ExitCode + ")"
			}
			if ev.ByPolicy {
				s += "[policy]"
			}
			got = append(got, s)
		}
		if len(got) >= 13 || time.Now().After(deadline) {
			break
		}
	}
	want := []string{"create", "start", "die(1)", "start[policy]", "die(1)", "start[policy]", "die(1)",
		"start", "die(1)", "start[policy]", "die(1)", "start[policy]", "die(1)"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("history\n got %q\nwant %q", got, want)
	}
	for _, ev := range evs {
		if ev.Time.IsZero() || ev.Time.Before(cs[0].Created.Add(-time.Second)) {
			t.Errorf("event at %v, before the container was created (%v)", ev.Time, cs[0].Created)
		}
	}
	if _, err := eng.History.ContainerHistory(ctx, strings.Repeat("0", 64), time.Now().Add(-time.Minute)); err != nil && !engine.IsKind(err, engine.ErrNotFound) {
		t.Logf("history of a missing container: %v", err)
	}
}
