package gui

import (
	"os"
	"testing"

	"github.com/docker/docker/client"

	"berth/internal/testbed"
)

// TestMain gives the tests a config directory of their own (the autostart
// setting lives there), and removes the containers the package's tests made
// (berthtest-…) once they have run, whatever happened to their own cleanups.
func TestMain(m *testing.M) {
	cfg, err := os.MkdirTemp("", "berth-gui-test-config-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", cfg)
	code := m.Run()
	os.RemoveAll(cfg)
	if cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation()); err == nil {
		testbed.RemoveContainers(cli)
		_ = cli.Close()
	}
	os.Exit(code)
}
