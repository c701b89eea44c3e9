//go:build e2e

package docker_test

// Volumes: how long the list takes to show and the sizes to fill in, with
// N volumes of the bench's own (10 of them holding 1 MiB). See
// docs/PERFORMANCE.md, "Volumes and networks (issue 11)".

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"testing"
	"time"

	"archive/tar"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/store"
	"berth/internal/testbed"
)

const benchVolumes = 50

func benchVolumeSet(b *testing.B, eng *engine.Client) {
	b.Helper()
	ctx := context.Background()
	img := testbed.WebImage(b)
	data := make([]byte, 1<<20)
	_, _ = rand.Read(data)
	var archive bytes.Buffer
	tw := tar.NewWriter(&archive)
	_ = tw.WriteHeader(&tar.Header{Name: "blob", Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg})
	_, _ = tw.Write(data)
	_ = tw.Close()
	for i := 0; i < benchVolumes; i++ {
		name := testbed.VolumeName(b, fmt.Sprintf("bench-vol-%d", i))
		if _, err := eng.Volumes.VolumeCreate(ctx, engine.VolumeSpec{Name: name}); err != nil {
			b.Fatal(err)
		}
		if i < 10 {
			if err := eng.Volumes.VolumeImport(ctx, name, img, "/", bytes.NewReader(archive.Bytes())); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkRealVolumeListVsSizes alternates the volume list (what the tab
// shows first) with the disk-usage call (the sizes), and reports both and
// their ratio.
func BenchmarkRealVolumeListVsSizes(b *testing.B) {
	eng := docker.New(docker.ResolveEndpoint())
	defer eng.Close()
	benchVolumeSet(b, eng)
	ctx := context.Background()
	var list, sizes time.Duration
	var n int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		vs, err := eng.Volumes.VolumeList(ctx)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := eng.Volumes.VolumeSizes(ctx); err != nil {
			b.Fatal(err)
		}
		list += t1.Sub(t0)
		sizes += time.Since(t1)
		n = len(vs)
	}
	b.ReportMetric(float64(list.Microseconds())/1000/float64(b.N), "list-ms/op")
	b.ReportMetric(float64(sizes.Microseconds())/1000/float64(b.N), "sizes-ms/op")
	b.ReportMetric(float64(sizes)/float64(list), "sizes/list")
	b.ReportMetric(float64(n), "volumes")
}

// BenchmarkRealStoreVolumesShowThenSizes starts a store and measures when
// its subscribers first see the containers, then the volumes, then the
// volumes' sizes.
func BenchmarkRealStoreVolumesShowThenSizes(b *testing.B) {
	eng := docker.New(docker.ResolveEndpoint())
	defer eng.Close()
	benchVolumeSet(b, eng)
	var tc, tv, ts time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		st := store.New(eng, store.Options{})
		got := make(chan [3]time.Duration, 1)
		start := time.Now()
		var seen [3]time.Duration
		st.Subscribe(func(s engine.Snapshot, ch engine.Change) {
			if seen[0] == 0 && s.Reachable {
				seen[0] = time.Since(start)
			}
			if seen[1] == 0 && ch.Volumes && len(s.Volumes) > 0 {
				seen[1] = time.Since(start)
			}
			if seen[2] == 0 && ch.VolumeSizes {
				seen[2] = time.Since(start)
				got <- seen
			}
		})
		go st.Run(ctx)
		r := <-got
		cancel()
		tc += r[0]
		tv += r[1]
		ts += r[2]
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(b.N) }
	b.ReportMetric(ms(tc), "containers-ms")
	b.ReportMetric(ms(tv), "volumes-ms")
	b.ReportMetric(ms(ts), "sizes-ms")
}
