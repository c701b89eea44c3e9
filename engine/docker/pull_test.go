package docker

import (
	"testing"

	"github.com/docker/docker/pkg/jsonmessage"

	"berth/engine"
)

func TestPullTracker(t *testing.T) {
	tr := newPullTracker("nginx")
	prog := func(cur, total int64) *jsonmessage.JSONProgress {
		return &jsonmessage.JSONProgress{Current: cur, Total: total}
	}
	msgs := []jsonmessage.JSONMessage{
		{ID: "latest", Status: "Pulling from library/nginx"},
		{ID: "5e6ec7f28fb7", Status: "Pulling fs layer"},
		{ID: "ab0f1c6e23a1", Status: "Pulling fs layer"},
		{ID: "ab0f1c6e23a1", Status: "Waiting"},
		{ID: "5e6ec7f28fb7", Status: "Downloading", Progress: prog(500, 1000)},
	}
	for i := range msgs {
		if !tr.apply(&msgs[i]) {
			t.Fatalf("message %d ignored", i)
		}
	}
	p := tr.snapshot()
	if len(p.Layers) != 2 || p.Layers[0].ID != "5e6ec7f28fb7" || p.Layers[0].Status != engine.LayerDownloading ||
		p.Layers[0].Current != 500 || p.Layers[0].Total != 1000 || p.Layers[1].Status != engine.LayerWaiting {
		t.Fatalf("layers = %+v", p.Layers)
	}
	if p.Status != "Pulling from library/nginx" {
		t.Errorf("status %q", p.Status)
	}
	// One layer half downloaded (0.35 of its weight), the other nothing: equal weights (unknown size uses the mean).
	if p.Fraction < 0.17 || p.Fraction > 0.18 {
		t.Errorf("fraction = %v, want 0.175", p.Fraction)
	}
	rest := []jsonmessage.JSONMessage{
		{ID: "5e6ec7f28fb7", Status: "Verifying Checksum"},
		{ID: "5e6ec7f28fb7", Status: "Download complete"},
		{ID: "5e6ec7f28fb7", Status: "Extracting", Progress: prog(1000, 1000)},
		{ID: "5e6ec7f28fb7", Status: "Pull complete"},
		{ID: "ab0f1c6e23a1", Status: "Already exists"},
		{Status: "Digest: sha256:abc"},
		{Status: "Status: Downloaded newer image for nginx:latest"},
	}
	for i := range rest {
		tr.apply(&rest[i])
	}
	p = tr.snapshot()
	if p.Fraction != 1 || p.Layers[0].Status != engine.LayerComplete || p.Layers[1].Status != engine.LayerExists {
		t.Errorf("end = %+v", p)
	}
	if p.Status != "Status: Downloaded newer image for nginx:latest" {
		t.Errorf("status %q", p.Status)
	}
	if tr.apply(&jsonmessage.JSONMessage{ID: "5e6ec7f28fb7", Status: "Retrying in 5 seconds"}) {
		t.Error("unknown layer status should be ignored")
	}
}

// TestPullTrackerPodman replays Podman 4.3.1's stream for a pull of
// localhost:5000/berthtest/web:1 (recorded with curl on its socket): no byte
// counts, no "Pull complete", no closing status, and the image's config
// blob (caf707b91c92, the image ID) named like a layer.
func TestPullTrackerPodman(t *testing.T) {
	tr := newPullTracker("localhost:5000/berthtest/web:1")
	msgs := []jsonmessage.JSONMessage{
		{ID: "6c199209fbf1", Status: "Pulling fs layer", Progress: &jsonmessage.JSONProgress{}},
		{ID: "6c199209fbf1", Status: "Download complete", Progress: &jsonmessage.JSONProgress{}},
		{ID: "caf707b91c92", Status: "Pulling fs layer", Progress: &jsonmessage.JSONProgress{}},
		{ID: "caf707b91c92", Status: "Download complete", Progress: &jsonmessage.JSONProgress{}},
		{ID: "caf707b91c92", Status: "Download complete", Progress: &jsonmessage.JSONProgress{}},
	}
	for i := range msgs {
		tr.apply(&msgs[i])
	}
	if p := tr.snapshot(); p.Done || p.Fraction <= 0 || p.Fraction >= 1 {
		t.Errorf("in flight: %+v", p)
	}
	tr.finish()
	tr.drop("caf707b91c92")
	p := tr.snapshot()
	if !p.Done || p.Fraction != 1 || len(p.Layers) != 1 || p.Layers[0].ID != "6c199209fbf1" || p.Layers[0].Status != engine.LayerComplete {
		t.Errorf("after the pull: %+v", p)
	}
	if p.Status != "Status: Downloaded newer image for localhost:5000/berthtest/web:1" {
		t.Errorf("status %q", p.Status)
	}
}

func TestFamiliarImageNames(t *testing.T) {
	for in, want := range map[string]string{
		"localhost/berthtest-podweb:1":      "berthtest-podweb:1",
		"docker.io/library/nginx:latest":    "nginx:latest",
		"docker.io/library/nginx":           "nginx",
		"docker.io/bitnami/redis:7":         "bitnami/redis:7",
		"localhost:5000/berthtest/web:1":    "localhost:5000/berthtest/web:1",
		"quay.io/podman/hello":              "quay.io/podman/hello",
		"nginx":                             "nginx",
		"localhostish/app":                  "localhostish/app",
		"sha256:caf707b91c9270aaa0d8b99608": "sha256:caf707b91c9270aaa0d8b99608",
	} {
		if got := familiar(in); got != want {
			t.Errorf("familiar(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPodmanEventActions(t *testing.T) {
	// Podman 4.3.1's /events for create, start, stop, rm, tag, rmi of a tag
	// (recorded): create init start die cleanup cleanup remove; tag untag.
	// An image's removal is "remove" in Podman's sources (not recorded).
	for _, c := range []struct {
		kind       engine.EventKind
		in, wanted string
	}{
		{engine.EventContainer, "remove", "destroy"}, {engine.EventContainer, "die", "die"},
		{engine.EventContainer, "cleanup", "cleanup"}, {engine.EventImage, "remove", "delete"}, {engine.EventImage, "untag", "untag"},
	} {
		if got := podmanAction(c.kind, c.in); got != c.wanted {
			t.Errorf("%s %s = %s, want %s", c.kind, c.in, got, c.wanted)
		}
	}
}
