//go:build e2e

package docker_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"berth/engine"
	"berth/internal/testbed"
)

// TestRealImageHistoryConfig reads WebImage's history and config: the
// Dockerfile's steps (testbed.go's webDockerfile) and what they set.
func TestRealImageHistoryConfig(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	web := testbed.WebImage(t)
	hist, err := eng.ImageDetails.ImageHistory(ctx, web)
	if err != nil {
		t.Fatal(err)
	}
	var steps []string
	var size int64
	for _, h := range hist {
		steps = append(steps, h.CreatedBy)
		size += h.Size
	}
	joined := strings.Join(steps, "\n")
	for _, want := range []string{"COPY", "EXPOSE", "ENTRYPOINT"} {
		if !strings.Contains(joined, want) {
			t.Errorf("history has no %s step: %q", want, steps)
		}
	}
	cfg, err := eng.ImageDetails.ImageConfig(ctx, web)
	if err != nil {
		t.Fatal(err)
	}
	if size != cfg.Size || size == 0 {
		t.Errorf("history sizes add up to %d, the image is %d", size, cfg.Size)
	}
	if !slices.Equal(cfg.Entrypoint, []string{"/web"}) || !slices.Equal(cfg.ExposedPorts, []string{"80/tcp"}) ||
		!slices.Contains(cfg.RepoTags, web) || cfg.OS != "linux" || cfg.Layers != 1 {
		t.Fatalf("config = %+v", cfg)
	}
	if _, err := eng.ImageDetails.ImageConfig(ctx, "berthtest/no-such-image:1"); !engine.IsKind(err, engine.ErrNotFound) {
		t.Fatalf("config of a missing image: %v", err)
	}
}

// TestRealTagPushPullByDigest tags an image of this test's own, pushes it to
// the local registry with per-layer progress, finds it in the registry's
// catalog, removes it locally and pulls it back by the pushed digest.
func TestRealTagPushPullByDigest(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	src := testbed.ImageRef(t, "tagsrc")
	// A fresh 2 MiB layer of its own, so that the push uploads it with progress (and the pull downloads it).
	id := testbed.PadImage(t, src, testbed.WebImage(t), 2<<20, map[string]string{"berth.test.push": testName(t, "push")})
	target := testbed.ImageRef(t, "pushed")
	if err := eng.ImageDetails.ImageTag(ctx, src, "Not/Valid"); !engine.IsKind(err, engine.ErrInvalidImage) {
		t.Fatalf("tag with an invalid name: %v", err)
	}
	if err := eng.ImageDetails.ImageTag(ctx, src, target); err != nil {
		t.Fatal(err)
	}
	var last engine.PullProgress
	var updates int
	var sawBytes bool
	if err := eng.ImageDetails.ImagePush(ctx, target, func(p engine.PullProgress) {
		last = p
		updates++
		for _, l := range p.Layers {
			if l.Status == engine.LayerPushing && l.Total > 0 && l.Current > 0 {
				sawBytes = true
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if !sawBytes || len(last.Layers) < 2 {
		t.Errorf("no layer reported bytes pushed (%d layers)", len(last.Layers))
	}
	if !last.Done || last.Fraction != 1 || len(last.Layers) == 0 {
		t.Fatalf("last progress = %+v", last)
	}
	for _, l := range last.Layers {
		if engine.PushFraction(l) != 1 {
			t.Errorf("layer %s ends %s", l.ID, l.Status)
		}
	}
	i := strings.Index(last.Status, "digest: sha256:")
	if i < 0 {
		t.Fatalf("no digest in %q", last.Status)
	}
	digest := strings.Fields(last.Status[i+len("digest: "):])[0]
	t.Logf("%d updates, %d layers, %s", updates, len(last.Layers), last.Status)

	name := strings.TrimPrefix(strings.TrimSuffix(target, ":1"), testbed.Registry+"/")
	repos, err := eng.ImageDetails.RegistrySearch(ctx, testbed.Registry, name)
	if err != nil {
		t.Fatal(err)
	}
	if len(repos) != 1 || repos[0].Name != name || !slices.Equal(repos[0].Tags, []string{"1"}) || repos[0].Ref("1") != target {
		t.Fatalf("search %q = %+v", name, repos)
	}

	// Gone locally (both tags), then back by digest.
	for _, ref := range []string{target, src} {
		if _, err := eng.Images.ImageRemove(ctx, ref, false); err != nil {
			t.Fatal(err)
		}
	}
	byDigest := strings.TrimSuffix(target, ":1") + "@" + digest
	var pulled engine.PullProgress
	if err := eng.Images.ImagePull(ctx, byDigest, func(p engine.PullProgress) { pulled = p }); err != nil {
		t.Fatal(err)
	}
	t.Logf("pull by digest: %+v", pulled.Layers)
	cfg, err := eng.ImageDetails.ImageConfig(ctx, byDigest)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ID != id {
		t.Fatalf("pulled %s by digest, want %s", cfg.ID, id)
	}
	if _, err := eng.Images.ImageRemove(ctx, byDigest, false); err != nil {
		t.Fatal(err)
	}
}

// TestRealRegistrySearchUnreachable: a registry that does not answer is said so.
func TestRealRegistrySearchUnreachable(t *testing.T) {
	eng := realEngine(t)
	port := testbed.FreePort(t)
	_, err := eng.ImageDetails.RegistrySearch(ctxT(t), "localhost:"+itoa(port), "")
	if !engine.IsKind(err, engine.ErrRegistryUnreachable) {
		t.Fatalf("err = %v (%v)", err, engine.KindOf(err))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
