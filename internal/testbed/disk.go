package testbed

import (
	"context"
	crand "crypto/rand"
	"fmt"
	"testing"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/image"
)

// LabelledImage builds ref FROM WebImage with the given labels (so it has an image ID of its
// own and shares WebImage's layer), for tests of the disk-usage cleanup and of image details.
// It returns the image ID. When the test ends, ref and the image are removed (forced) unless
// the test removed them; an image ref no longer names (made dangling by a rebuild) is removed
// by its ID the same way.
func LabelledImage(t testing.TB, ref string, labels map[string]string) string {
	t.Helper()
	cli := mustShared(t)
	base := WebImage(t)
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	if err := buildImage(ctx, cli, ref, recipe{dockerfile: "FROM " + base + "\n"}, labels); err != nil {
		t.Fatalf("testbed: LabelledImage %s: %v", ref, err)
	}
	insp, err := cli.ImageInspect(ctx, ref)
	if err != nil {
		t.Fatalf("testbed: LabelledImage %s: %v", ref, err)
	}
	id := insp.ID
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if cur, err := cli.ImageInspect(ctx, ref); err == nil && cur.ID == id {
			removeLocal(t, ref)
		}
		_, err := cli.ImageRemove(ctx, id, image.RemoveOptions{Force: true, PruneChildren: true})
		if err != nil && !cerrdefs.IsNotFound(err) {
			t.Errorf("testbed: remove image %s: %v", id, err)
		}
	})
	return id
}

// PadImage builds ref FROM from ("scratch" or an image in the engine) plus, when pad > 0, a
// layer of pad random bytes (/pad), with the given labels, and returns its image ID; removed
// when the test ends like LabelledImage's. Tests of what a cleanup frees use it to make
// images that share a layer of their own.
func PadImage(t testing.TB, ref, from string, pad int, labels map[string]string) string {
	t.Helper()
	cli := mustShared(t)
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	rc := recipe{dockerfile: "FROM " + from + "\n"}
	if pad > 0 {
		data := make([]byte, pad)
		_, _ = crand.Read(data)
		rc.dockerfile += "COPY pad /pad\n"
		rc.files = []ctxFile{{name: "pad", mode: 0o644, data: data}}
	}
	if err := buildImage(ctx, cli, ref, rc, labels); err != nil {
		t.Fatalf("testbed: PadImage %s: %v", ref, err)
	}
	insp, err := cli.ImageInspect(ctx, ref)
	if err != nil {
		t.Fatalf("testbed: PadImage %s: %v", ref, err)
	}
	id := insp.ID
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, err := cli.ImageRemove(ctx, id, image.RemoveOptions{Force: true, PruneChildren: true})
		if err != nil && !cerrdefs.IsNotFound(err) {
			t.Errorf("testbed: remove image %s: %v", id, err)
		}
	})
	return id
}

// ImageRef is a reference of this test's own in the local registry,
// "localhost:5000/berthtest/<name>-<random>:1", that the registry forgets when the test ends
// (its blobs go when scripts/testenv.sh next starts the registry); the local copy is removed
// too. Tests that push make their tag with it.
func ImageRef(t testing.TB, name string) string {
	t.Helper()
	ref := fmt.Sprintf("%s/berthtest/%s-%s:1", Registry, sanitize(name), randomAlnum(6))
	t.Cleanup(func() {
		removeLocal(t, ref)
		deleteFromRegistry(ref)
	})
	return ref
}
