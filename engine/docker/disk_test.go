package docker

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/build"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/api/types/volume"
	"github.com/docker/docker/client"
	"github.com/docker/docker/pkg/jsonmessage"

	"berth/engine"
)

// The CLI's arithmetic (cli/command/formatter/disk_usage.go), case by case.
func TestDiskUsageRows(t *testing.T) {
	du := types.DiskUsage{
		LayersSize: 1000,
		Images: []*image.Summary{
			{ID: "a", Containers: 2, Size: 600, SharedSize: 100}, // used: 500 of its own
			{ID: "b", Containers: 0, Size: 300, SharedSize: 100},
			{ID: "c", Containers: 1, Size: -1, SharedSize: -1}, // unknown: counted as reclaimable
		},
		Containers: []*container.Summary{
			{State: "running", SizeRw: 10}, {State: "paused", SizeRw: 5}, {State: "exited", SizeRw: 7}, {State: "created", SizeRw: 0},
		},
		Volumes: []*volume.Volume{
			{Name: "v1", UsageData: &volume.UsageData{RefCount: 1, Size: 40}},
			{Name: "v2", UsageData: &volume.UsageData{RefCount: 0, Size: 60}},
			{Name: "v3", UsageData: &volume.UsageData{RefCount: 0, Size: -1}},
		},
		BuildCache: []*build.CacheRecord{
			{ID: "x", Size: 100, InUse: true}, {ID: "y", Size: 50, Shared: true}, {ID: "z", Size: 30},
		},
	}
	got := diskUsage(du)
	want := engine.DiskUsage{
		Images:     engine.DiskUsageRow{Kind: engine.DiskImages, Total: 3, Active: 2, Size: 1000, Reclaimable: 500},
		Containers: engine.DiskUsageRow{Kind: engine.DiskContainers, Total: 4, Active: 2, Size: 22, Reclaimable: 7},
		Volumes:    engine.DiskUsageRow{Kind: engine.DiskVolumes, Total: 3, Active: 1, Size: 100, Reclaimable: 60},
		BuildCache: engine.DiskUsageRow{Kind: engine.DiskBuildCache, Total: 3, Active: 1, Size: 130, Reclaimable: 30},
	}
	if got != want {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}
	if p := got.Images.ReclaimablePercent(); p != 50 {
		t.Fatalf("percent = %d", p)
	}
}

func TestCleanupSelection(t *testing.T) {
	opts := engine.CleanupOptions{Label: "k=v"}
	cs := stoppedContainers([]*container.Summary{
		{ID: "1", Names: []string{"/run"}, State: "running", Labels: map[string]string{"k": "v"}},
		{ID: "2", Names: []string{"/old"}, State: "exited", SizeRw: 3, Labels: map[string]string{"k": "v"}},
		{ID: "3", Names: []string{"/other"}, State: "exited", Labels: map[string]string{"k": "w"}},
		{ID: "4", Names: []string{"/new"}, State: "created", Labels: map[string]string{"k": "v"}},
	}, opts)
	if len(cs) != 2 || cs[0].Name != "new" || cs[1].Name != "old" || cs[1].Size != 3 {
		t.Fatalf("containers = %+v", cs)
	}
	vs := unusedVolumes([]*volume.Volume{
		{Name: "a", Labels: map[string]string{"k": "v"}, UsageData: &volume.UsageData{RefCount: 0, Size: -1}},
		{Name: "b", Labels: map[string]string{"k": "v"}, UsageData: &volume.UsageData{RefCount: 1}},
		{Name: "c", UsageData: &volume.UsageData{RefCount: 0}},
	}, opts)
	if len(vs) != 1 || vs[0].ID != "a" || vs[0].Size != 0 {
		t.Fatalf("volumes = %+v", vs)
	}
	if !(engine.CleanupOptions{Label: "k"}).MatchLabel(map[string]string{"k": ""}) || (engine.CleanupOptions{Label: "k"}).MatchLabel(nil) {
		t.Fatal("a label without value matches by key")
	}
	bc := unusedBuildCache([]*build.CacheRecord{{ID: "x", InUse: true}, {ID: "y", Size: 5, Shared: true, Type: "regular"}, {ID: "z", Size: 7}})
	if len(bc) != 2 || bc[0].Size != 0 || bc[1].Size != 7 {
		t.Fatalf("build cache = %+v", bc)
	}
}

func TestPushTracker(t *testing.T) {
	tr := newPushTracker("localhost:5000/x:1")
	msgs := []jsonmessage.JSONMessage{
		{Status: "The push refers to repository [localhost:5000/x]"},
		{ID: "aaa", Status: "Preparing"},
		{ID: "bbb", Status: "Preparing"},
		{ID: "aaa", Status: "Pushing", Progress: &jsonmessage.JSONProgress{Current: 50, Total: 100}},
		{ID: "bbb", Status: "Layer already exists"},
	}
	for i := range msgs {
		tr.apply(&msgs[i])
	}
	p := tr.snapshot()
	if len(p.Layers) != 2 || p.Layers[0].Status != engine.LayerPushing || p.Layers[1].Status != engine.LayerInRepo {
		t.Fatalf("layers = %+v", p.Layers)
	}
	if p.Fraction <= 0.4 || p.Fraction >= 0.6 {
		t.Fatalf("fraction = %v", p.Fraction) // 100 bytes half done, 1 byte (unknown size) done
	}
	for _, m := range []jsonmessage.JSONMessage{{ID: "aaa", Status: "Pushed"}, {Status: "1: digest: sha256:abc size: 528"}} {
		tr.apply(&m)
	}
	tr.done = true
	p = tr.snapshot()
	if p.Fraction != 1 || p.Status != "1: digest: sha256:abc size: 528" || p.Layers[0].Current != 100 {
		t.Fatalf("end = %+v", p)
	}
}

// Docker 20.10 refuses a df while another runs; DiskUsage waits for it.
func TestDiskUsageWaitsForAnotherClientsCall(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/system/df") {
			w.Header().Set("API-Version", "1.41")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		if calls.Add(1) <= 2 {
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write([]byte(`{"message":"a disk usage operation is already running"}`))
			return
		}
		_, _ = w.Write([]byte(`{"LayersSize":10,"Images":[{"Id":"a","Containers":0,"Size":10,"SharedSize":0}],"Containers":[],"Volumes":[],"BuildCache":[]}`))
	}))
	defer srv.Close()
	cli, err := client.NewClientWithOpts(client.WithHost("tcp://"+strings.TrimPrefix(srv.URL, "http://")), client.WithVersion("1.41"))
	if err != nil {
		t.Fatal(err)
	}
	d := &Client{cli: cli, ep: engine.Endpoint{Host: srv.URL}}
	du, err := d.DiskUsage(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 3 || du.Images.Total != 1 || du.Images.Reclaimable != 10 {
		t.Fatalf("calls %d, usage %+v", calls.Load(), du)
	}
	// Canceled while waiting: said so.
	calls.Store(-100)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if _, err := d.DiskUsage(ctx); !engine.IsKind(err, engine.ErrCanceled) && !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
}
