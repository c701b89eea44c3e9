//go:build e2e

package disk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/volume"
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

func realView(t *testing.T) (*View, *testHost) {
	t.Helper()
	testbed.Client(t)
	eng := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { eng.Close() })
	a := test.NewTempApp(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	h := &testHost{ctx: ctx}
	v := New(h, eng.Disk)
	win := a.NewWindow("Berth")
	win.SetContent(v.Content())
	win.Resize(fyne.NewSize(1000, 720))
	t.Cleanup(func() {
		cancel()
		win.Close()
	})
	v.Apply(engine.Snapshot{Reachable: true, Seq: 1}, engine.Change{Full: true})
	v.Content().Show()
	return v, h
}

func cliRows(t *testing.T) [][]string {
	t.Helper()
	// Docker 20.10 refuses a df while another client's runs: wait for it, as Berth does.
	var out []byte
	for try := 0; ; try++ {
		var err error
		out, err = exec.Command("docker", "system", "df", "--format", "{{json .}}").Output()
		if err == nil {
			break
		}
		var ee *exec.ExitError
		if try == 50 || !errors.As(err, &ee) || !strings.Contains(string(ee.Stderr), "a disk usage operation is already running") {
			t.Fatalf("docker system df: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	var rows [][]string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var r struct{ Type, TotalCount, Active, Size, Reclaimable string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, []string{r.Type, r.TotalCount, r.Active, r.Size, r.Reclaimable})
	}
	return rows
}

// TestRealTabShowsDockerSystemDF: the tab's rows are `docker system df`'s,
// word for word. Other test processes change the engine meanwhile, so a
// comparison counts only when the CLI said the same before and after the
// tab measured (at most 15 tries).
func TestRealTabShowsDockerSystemDF(t *testing.T) {
	v, h := realView(t)
	h.Until(t, "the first measure", v.Loaded)
	for try := 1; try <= 15; try++ {
		before := cliRows(t)
		v.load()
		h.Until(t, "a measure", func() bool { return !v.Loading() })
		after := cliRows(t)
		if !slices.EqualFunc(before, after, slices.Equal) {
			continue
		}
		if got := v.RowTexts(); !slices.EqualFunc(got, before, slices.Equal) {
			t.Fatalf("tab:\n%q\ndocker system df:\n%q", got, before)
		}
		t.Logf("equal on try %d: %q", try, before)
		return
	}
	t.Fatal("the engine never held still")
}

// TestRealTabCleanup: the tab's cleanup, scoped to this test's label,
// previews exactly the test's stopped container and unused volume, and
// removes them; a container made after the preview survives.
func TestRealTabCleanup(t *testing.T) {
	v, h := realView(t)
	cli := testbed.Client(t)
	ctx := h.ctx
	key, val := "berth.test.tab", testbed.Name(t, "scope")
	labels := map[string]string{key: val}
	v.scope = key + "=" + val
	mk := func(base string) string {
		name := testbed.Name(t, base)
		if _, err := cli.ContainerCreate(ctx, &container.Config{Image: testbed.WebImage(t), Labels: labels}, nil, nil, nil, name); err != nil {
			t.Fatal(err)
		}
		return name
	}
	stopped := mk("stopped")
	vol := testbed.Name(t, "vol")
	if _, err := cli.VolumeCreate(ctx, volume.CreateOptions{Name: vol, Labels: labels}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cli.VolumeRemove(context.Background(), vol, true) })
	v.checkVolumes.SetChecked(true)
	test.Tap(v.preview)
	h.Until(t, "the preview", func() bool { return len(h.All()) > 0 })
	q := h.Last(t)
	lines := listLines(t, q.Extra)
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "Container  "+stopped) || !strings.HasPrefix(lines[1], "Volume  "+vol) {
		t.Fatalf("preview = %q", lines)
	}
	late := mk("late")
	h.Answer(t, q, "Remove 2 items")
	h.Until(t, "the result", func() bool { return v.ResultText() != "" })
	if r := v.ResultText(); !strings.HasPrefix(r, "Removed 1 stopped container and 1 volume; reclaimed") {
		t.Fatalf("result = %q", r)
	}
	if _, err := cli.ContainerInspect(ctx, stopped); err == nil {
		t.Error("the previewed container is still there")
	}
	if _, err := cli.VolumeInspect(ctx, vol); err == nil {
		t.Error("the previewed volume is still there")
	}
	if _, err := cli.ContainerInspect(ctx, late); err != nil {
		t.Errorf("the container made after the preview is gone: %v", err)
	}
}

// TestRealTabBuildCache: with build cache of the test's own (a BuildKit
// build), the tab's Build Cache row is `docker system df`'s, and a cleanup
// of the build cache alone previews exactly the build's records and
// removes them. The build cache preview is engine-wide (records carry no
// labels): when other clients' records show in it, the test cancels rather
// than remove them.
func TestRealTabBuildCache(t *testing.T) {
	v, h := realView(t)
	ours := testbed.BuildCache(t, testbed.ImageRef(t, "tabbc"), map[string]string{"berth.test.tab": "bc"})
	h.Until(t, "the first measure", v.Loaded)
	equal := false
	for try := 1; try <= 15 && !equal; try++ {
		before := cliRows(t)
		v.load()
		h.Until(t, "a measure", func() bool { return !v.Loading() })
		if after := cliRows(t); !slices.EqualFunc(before, after, slices.Equal) {
			continue
		}
		if got := v.RowTexts(); !slices.Equal(got[3], before[3]) {
			t.Fatalf("tab's build cache %q, docker system df's %q", got[3], before[3])
		}
		equal = true
	}
	if !equal {
		t.Fatal("the engine never held still")
	}

	v.checkContainers.SetChecked(false)
	v.checkImages.SetChecked(false)
	v.checkVolumes.SetChecked(false)
	v.checkNetworks.SetChecked(false)
	v.checkBuild.SetChecked(true)
	test.Tap(v.preview)
	h.Until(t, "the preview", func() bool { return len(h.All()) > 0 })
	q := h.Last(t)
	lines := listLines(t, q.Extra)
	mine := 0
	for _, l := range lines {
		for _, id := range ours {
			if strings.Contains(l, engine.ShortID(id)) {
				mine++
			}
		}
	}
	if mine != len(ours) {
		t.Fatalf("the preview lists %d of the build's %d records: %q", mine, len(ours), lines)
	}
	if len(lines) != len(ours) {
		h.Answer(t, q, "Cancel")
		t.Skipf("other clients' build cache shows in the preview (%d lines): not removing it", len(lines))
	}
	h.Answer(t, q, fmt.Sprintf("Remove %d items", len(ours)))
	h.Until(t, "the result", func() bool { return v.ResultText() != "" })
	if r := v.ResultText(); !strings.HasPrefix(r, fmt.Sprintf("Removed %d build cache", len(ours))) {
		t.Fatalf("result = %q", r)
	}
	h.Until(t, "the measure after", func() bool { return !v.Loading() })
	if rows := cliRows(t); rows[3][1] != "0" {
		t.Errorf("docker system df after the cleanup: %q", rows[3])
	}
}
