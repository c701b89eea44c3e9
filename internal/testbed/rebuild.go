package testbed

import (
	"context"
	"testing"
)

// RebuildImage builds an image of this test's own (a local
// "localhost:5000/berthtest/rebuild-<random>:1", never pushed, removed when
// the test ends) FROM WebImage with defaults of its own that a rebuilt
// command must not repeat: ENV IMAGE_VAR=from-image, LABEL
// berth.rebuild=image, WORKDIR /srv, VOLUME /cache, ENTRYPOINT ["/web",
// "--image-entrypoint"], CMD ["--image-cmd"] (the web server ignores its
// arguments). It listens on $PORT, else 80.
func RebuildImage(t testing.TB) string {
	t.Helper()
	base := WebImage(t)
	ref := ImageRef(t, "rebuild")
	df := "FROM " + base + "\n" +
		"ENV IMAGE_VAR=from-image\n" +
		"LABEL berth.rebuild=image\n" +
		"WORKDIR /srv\n" +
		"VOLUME /cache\n" +
		`ENTRYPOINT ["/web", "--image-entrypoint"]` + "\n" +
		`CMD ["--image-cmd"]` + "\n"
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	if err := buildImage(ctx, mustShared(t), ref, recipe{dockerfile: df}, nil); err != nil {
		t.Fatalf("testbed: RebuildImage: %v", err)
	}
	return ref
}
