package gui

import (
	"os"
	"testing"

	"github.com/docker/docker/client"

	"berth/internal/testbed"
)

// TestMain removes the containers the package's tests made (berthtest-…)
// once they have run, whatever happened to their own cleanups.
func TestMain(m *testing.M) {
	code := m.Run()
	if cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation()); err == nil {
		testbed.RemoveContainers(cli)
		_ = cli.Close()
	}
	os.Exit(code)
}
