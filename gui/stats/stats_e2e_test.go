//go:build e2e

package stats

import (
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/client"

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

// counting passes the real engine's stats through and counts the streams
// whose channel the engine has not closed yet.
type counting struct {
	engine.StatsAPI
	open atomic.Int32
}

func (c *counting) ContainerStats(ctx context.Context, id string) (<-chan engine.StatsSample, error) {
	ch, err := c.StatsAPI.ContainerStats(ctx, id)
	if err != nil {
		return nil, err
	}
	c.open.Add(1)
	out := make(chan engine.StatsSample)
	go func() {
		defer c.open.Add(-1)
		defer close(out)
		for s := range ch {
			out <- s
		}
	}()
	return out, nil
}

// busy runs a toolbox container spinning on half a core.
func busy(t *testing.T) string {
	t.Helper()
	cli := testbed.Client(t)
	ctx := context.Background()
	name := testbed.Name(t, "h10-statsbusy")
	created, err := cli.ContainerCreate(ctx, &container.Config{Image: testbed.ToolboxImage(t), Cmd: []string{"sh", "-c", "while :; do :; done"}},
		&container.HostConfig{Resources: container.Resources{NanoCPUs: 5e8}}, nil, nil, name)
	if err != nil {
		t.Fatal(err)
	}
	if err := cli.ContainerStart(ctx, created.ID, container.StartOptions{}); err != nil {
		t.Fatal(err)
	}
	return created.ID
}

func TestRealStatsPane(t *testing.T) {
	id := busy(t)
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	eng := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { eng.Close() })
	api := &counting{StatsAPI: eng.Stats}
	h := &host{ctx: context.Background()}
	h.Timeout = 30 * time.Second
	p := NewPane(h, api, engine.Container{ID: id, Name: "busy", State: engine.StateRunning})
	w := test.NewWindow(p.Content())
	w.Resize(fyne.NewSize(900, 560))
	p.Shown()
	cpu, _, _, _ := p.Graphs()
	h.Until(t, "three samples", func() bool { return cpu.Len() >= 3 })

	out, err := exec.Command("docker", "stats", "--no-stream", "--format", "{{.CPUPerc}}", id).Output()
	if err != nil {
		t.Fatal(err)
	}
	cliCPU, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(string(out)), "%"), 64)
	if err != nil {
		t.Fatalf("docker stats printed %q", out)
	}
	h.Until(t, "a sample within 10% of docker stats", func() bool {
		v := cpu.Last(0)
		return v >= cliCPU*0.9 && v <= cliCPU*1.1
	})
	if dir := os.Getenv("BERTH_SCREENSHOTS"); dir != "" {
		h.Until(t, "a minute of samples", func() bool { return cpu.Len() >= 20 })
		h.Drain()
		shot(t, w, filepath.Join(dir, "stats.png"))
	}
	p.Hidden()
	h.Until(t, "the engine's stream ended", func() bool { return api.open.Load() == 0 })
	p.Close()
}

func TestRealProcessesPane(t *testing.T) {
	id := busy(t)
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	eng := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { eng.Close() })
	h := &host{ctx: context.Background()}
	p := NewProcesses(h, eng.Stats, engine.Container{ID: id, Name: "busy", State: engine.StateRunning})
	w := test.NewWindow(p.Content())
	w.Resize(fyne.NewSize(700, 300))
	p.Shown()
	h.Until(t, "the loop's process", func() bool {
		for _, r := range p.Rows() {
			if strings.Contains(r.Command, "while :; do :; done") && r.User == "root" && r.PID != "" && r.Time != "" {
				return true
			}
		}
		return false
	})
	if dir := os.Getenv("BERTH_SCREENSHOTS"); dir != "" {
		h.Drain()
		shot(t, w, filepath.Join(dir, "processes.png"))
	}
	p.Close()
}

func shot(t *testing.T, w fyne.Window, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
