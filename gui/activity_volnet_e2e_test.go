//go:build e2e

package gui

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"berth/engine"
	"berth/internal/testbed"
)

// Against the REAL engine: a volume and a network made and removed through
// the window's client are in Activity as their docker commands, and those
// commands, run with the docker CLI, make the same volume and network again.
func TestActivityRealVolumeAndNetworkCommands(t *testing.T) {
	e := realEnv(t)
	ctx := context.Background()
	vol := testbed.VolumeName(t, "act-vol")
	net := testbed.NetworkName(t, "act-net")
	if _, err := e.u.client.Volumes.VolumeCreate(ctx, engine.VolumeSpec{Name: vol, Labels: map[string]string{"berth.test": "activity"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.u.client.Networks.NetworkCreate(ctx, engine.NetworkSpec{Name: net, Internal: true}); err != nil {
		t.Fatal(err)
	}
	if err := e.u.client.Volumes.VolumeRemove(ctx, vol); err != nil {
		t.Fatal(err)
	}
	if err := e.u.client.Networks.NetworkRemove(ctx, net); err != nil {
		t.Fatal(err)
	}
	var cmds []string
	for _, en := range e.u.log.Entries() {
		if !en.External && (strings.Contains(en.Command, vol) || strings.Contains(en.Command, net)) {
			cmds = append(cmds, en.Command)
		}
	}
	want := []string{
		"docker volume create --label berth.test=activity " + vol,
		"docker network create --internal " + net,
		"docker volume rm " + vol,
		"docker network rm " + net,
	}
	if strings.Join(cmds, "\n") != strings.Join(want, "\n") {
		t.Fatalf("commands\n%s\nwant\n%s", strings.Join(cmds, "\n"), strings.Join(want, "\n"))
	}
	// The create commands, replayed, make the same things.
	for _, c := range cmds[:2] {
		if out, err := exec.Command("sh", "-c", c).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v: %s", c, err, out)
		}
	}
	if out, err := exec.Command("docker", "volume", "inspect", "--format", "{{index .Labels \"berth.test\"}}", vol).Output(); err != nil || strings.TrimSpace(string(out)) != "activity" {
		t.Errorf("the replayed volume: %q %v", out, err)
	}
	if out, err := exec.Command("docker", "network", "inspect", "--format", "{{.Internal}}", net).Output(); err != nil || strings.TrimSpace(string(out)) != "true" {
		t.Errorf("the replayed network: %q %v", out, err)
	}
}
