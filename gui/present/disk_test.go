package present

import (
	"strings"
	"testing"

	"berth/engine"
)

func TestDiskWords(t *testing.T) {
	row := engine.DiskUsageRow{Kind: engine.DiskImages, Size: 7786000, Reclaimable: 7786000}
	if got := DiskReclaimable(row); got != "7.786MB (100%)" {
		t.Errorf("reclaimable = %q", got)
	}
	if got := DiskReclaimable(engine.DiskUsageRow{Kind: engine.DiskBuildCache, Size: 10, Reclaimable: 5}); got != "5B" {
		t.Errorf("build cache = %q", got)
	}
	if got := DiskReclaimable(engine.DiskUsageRow{Kind: engine.DiskVolumes}); got != "0B" {
		t.Errorf("empty = %q", got)
	}
	items := []engine.CleanupItem{{Kind: engine.CleanContainers}, {Kind: engine.CleanContainers}, {Kind: engine.CleanDangling},
		{Kind: engine.CleanUnusedImages}, {Kind: engine.CleanNetworks}}
	if got := CleanupCounts(items); got != "2 stopped containers, 2 images and 1 network" {
		t.Errorf("counts = %q", got)
	}
	plan := engine.CleanupPlan{Items: append(items, engine.CleanupItem{Kind: engine.CleanVolumes}), Reclaim: 1500}
	if got := CleanupPreviewText(plan); got != "This removes 2 stopped containers, 2 images, 1 volume and 1 network, listed below, and frees 1.5kB. "+
		"Nothing else is touched; an item in use by the time of the cleanup is left alone. The volumes' data is lost." {
		t.Errorf("preview = %q", got)
	}
	res := engine.CleanupResult{Removed: items[:1], Reclaimed: 0, Failed: []engine.CleanupFailure{{}}}
	if got := CleanupResultText(res); got != "Removed 1 stopped container; reclaimed 0B. 1 item was left alone: the engine refused." {
		t.Errorf("result = %q", got)
	}
	if got := CleanupItemLine(engine.CleanupItem{Kind: engine.CleanUnusedImages, Name: "web:1", Size: 2000, Detail: "abc"}); got != "Image  web:1  2kB  (abc)" {
		t.Errorf("line = %q", got)
	}
}

func TestImageDetailWords(t *testing.T) {
	for in, want := range map[string]string{
		"/bin/sh -c #(nop)  EXPOSE 80":          "EXPOSE 80",
		"/bin/sh -c apt-get update":             "RUN apt-get update",
		"COPY web /web # buildkit":              "COPY web /web # buildkit",
		`/bin/sh -c #(nop) ENTRYPOINT ["/web"]`: `ENTRYPOINT ["/web"]`,
	} {
		if got := CreatedBy(in); got != want {
			t.Errorf("CreatedBy(%q) = %q", in, got)
		}
	}
	if got := Command([]string{"/web", `say "hi"`}); got != `["/web", "say \"hi\""]` {
		t.Errorf("Command = %q", got)
	}
	if got := PushTargets([]string{"web:1", "localhost:5000/web:1", "<none>:<none>", "ghcr.io/a/b:2"}); strings.Join(got, " ") != "localhost:5000/web:1 ghcr.io/a/b:2 web:1" {
		t.Errorf("PushTargets = %q", got)
	}
	if got := PushLayerLine(engine.Layer{ID: "sha256:0123456789abcdef", Status: engine.LayerPushing, Current: 1000, Total: 2000}); got != "0123456789ab: Pushing 1kB/2kB" {
		t.Errorf("line = %q", got)
	}
}
