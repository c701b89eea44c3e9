package testbed

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/build"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/client"
)

// BuildCache makes build cache records of the test's own: it builds ref
// FROM scratch with one file of unique content through BuildKit (the
// API's version 2 builder with the context in the request body, which
// needs no session: Debian's docker.io has no buildx, and the classic
// builder makes no build cache). It returns the IDs of the records the
// build added. When the test ends, ref is removed and so are those records
// (by ID, never a prune of the engine's whole cache).
func BuildCache(t testing.TB, ref string, labels map[string]string) []string {
	t.Helper()
	cli := mustShared(t)
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	before, err := buildCacheIDs(ctx, cli)
	if err != nil {
		t.Fatalf("testbed: BuildCache: %v", err)
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range []struct{ name, body string }{
		{"Dockerfile", "FROM scratch\nCOPY hello.txt /hello.txt\n"},
		{"hello.txt", fmt.Sprintf("%s %d\n", ref, time.Now().UnixNano())},
	} {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o644, Size: int64(len(f.body))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(f.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	resp, err := cli.ImageBuild(ctx, &buf, build.ImageBuildOptions{Version: build.BuilderBuildKit, Tags: []string{ref}, Labels: labels, Remove: true})
	if err != nil {
		t.Fatalf("testbed: BuildCache: BuildKit build: %v", err)
	}
	out, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("testbed: BuildCache: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		var msg struct{ Error string }
		if json.Unmarshal([]byte(line), &msg) == nil && msg.Error != "" {
			t.Fatalf("testbed: BuildCache: the build failed: %s", msg.Error)
		}
	}
	after, err := buildCacheIDs(ctx, cli)
	if err != nil {
		t.Fatalf("testbed: BuildCache: %v", err)
	}
	var ours []string
	for _, id := range after {
		if !slices.Contains(before, id) {
			ours = append(ours, id)
		}
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, _ = cli.ImageRemove(ctx, ref, image.RemoveOptions{Force: true})
		for _, id := range ours {
			_, _ = cli.BuildCachePrune(ctx, build.CachePruneOptions{All: true, Filters: filters.NewArgs(filters.Arg("id", id))})
		}
	})
	if len(ours) == 0 {
		t.Fatal("testbed: BuildCache: the build added no build cache record")
	}
	return ours
}

// buildCacheIDs are the engine's build cache records, waiting for another
// client's disk-usage call to end (Docker 20.10 runs one at a time).
func buildCacheIDs(ctx context.Context, cli *client.Client) ([]string, error) {
	for try := 0; ; try++ {
		du, err := cli.DiskUsage(ctx, types.DiskUsageOptions{Types: []types.DiskUsageObject{types.BuildCacheObject}})
		if err != nil {
			if try < 100 && strings.Contains(err.Error(), "a disk usage operation is already running") {
				time.Sleep(100 * time.Millisecond)
				continue
			}
			return nil, err
		}
		var ids []string
		for _, bc := range du.BuildCache {
			ids = append(ids, bc.ID)
		}
		return ids, nil
	}
}
