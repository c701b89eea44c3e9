//go:build e2e

package details

// Benchmarks of the details view against the real engine (issue 10). See
// docs/PERFORMANCE.md and bench/details.sh.

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/store"
	"berth/internal/testbed"
)

// benchHost runs UI work on one goroutine, like Fyne's.
type benchHost struct {
	work chan func()
	app  fyne.App
	st   engine.State
}

func (h *benchHost) Do(f func())                        { h.work <- f }
func (h *benchHost) Now() time.Time                     { return time.Now() }
func (h *benchHost) Context() context.Context           { return context.Background() }
func (h *benchHost) App() fyne.App                      { return h.app }
func (h *benchHost) State() engine.State                { return h.st }
func (h *benchHost) OpenURL(*url.URL) error             { return nil }
func (h *benchHost) Panes(engine.Container) []NamedPane { return nil }

func (h *benchHost) loop(ctx context.Context) {
	for {
		select {
		case f := <-h.work:
			f()
		case <-ctx.Done():
			return
		}
	}
}

// onUI runs f on the UI goroutine and waits for it.
func (h *benchHost) onUI(f func()) {
	done := make(chan struct{})
	h.work <- func() { f(); close(done) }
	<-done
}

func newBench(b *testing.B, withStore bool) (*benchHost, *engine.Client) {
	eng := docker.New(docker.ResolveEndpoint())
	b.Cleanup(func() { eng.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	b.Cleanup(cancel)
	h := &benchHost{work: make(chan func(), 256), app: test.NewTempApp(b)}
	if withStore {
		st := store.New(eng, store.Options{})
		ready := make(chan struct{})
		cancelSub := st.Subscribe(func(s engine.Snapshot, _ engine.Change) {
			if s.Reachable && len(s.Containers) > 0 {
				select {
				case <-ready:
				default:
					close(ready)
				}
			}
		})
		go st.Run(ctx)
		<-ready
		cancelSub()
		h.st = st
	}
	go h.loop(ctx)
	return h, eng
}

// BenchmarkRealDetailsOpen: a click on a name → the details window shows
// the overview filled from the engine's inspect (laid out), with 1,000
// other containers in the engine and the view subscribed to the live store.
func BenchmarkRealDetailsOpen(b *testing.B) {
	testbed.EnsureBenchContainers(b, 1000)
	id, _, _ := testbed.DetailsContainer(b, "bench-open", true)
	h, eng := newBench(b, true)
	list, err := eng.Containers.ContainerListByID(context.Background(), id)
	if err != nil || len(list) != 1 {
		b.Fatal(list, err)
	}
	api := API{Inspect: eng.Inspect, Files: eng.Files}
	if n := len(h.st.Snapshot().Containers); n < 1000 {
		b.Fatalf("the store has %d containers", n)
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		shown := make(chan time.Duration, 1)
		h.onUI(func() {
			start := time.Now()
			v := Open(h, api, list[0], "")
			v.onLoaded = func() {
				_ = v.win.Content().MinSize() // laid out: the next frame paints it
				shown <- time.Since(start)
			}
		})
		lat = append(lat, <-shown)
		h.onUI(func() {
			windows.Lock()
			v := windows.byID[windowKey{h.App(), id}]
			windows.Unlock()
			v.win.Close()
		})
	}
	b.StopTimer()
	testbed.ReportLatencies(b, lat)
}

// uploadTar sends a tar made by fill into the container's folder dir.
func uploadTar(b *testing.B, eng *engine.Client, id, dir string, fill func(tw *tar.Writer) error) {
	pr, pw := io.Pipe()
	go func() {
		tw := tar.NewWriter(pw)
		err := fill(tw)
		if err == nil {
			err = tw.Close()
		}
		pw.CloseWithError(err)
	}()
	if err := eng.Files.ContainerCopyTo(context.Background(), id, dir, pr); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRealFilesList10k: the Files tab lists a folder of 10,000
// entries (the engine's listing and the tree's update).
func BenchmarkRealFilesList10k(b *testing.B) {
	id, _, _ := testbed.DetailsContainer(b, "bench-list", false)
	h, eng := newBench(b, false)
	uploadTar(b, eng, id, "/", func(tw *tar.Writer) error {
		if err := tw.WriteHeader(&tar.Header{Name: "many/", Typeflag: tar.TypeDir, Mode: 0o755}); err != nil {
			return err
		}
		for i := range 10000 {
			data := []byte(fmt.Sprintf("file %d\n", i))
			if err := tw.WriteHeader(&tar.Header{Name: fmt.Sprintf("many/file-%05d.txt", i), Mode: 0o644, Size: int64(len(data))}); err != nil {
				return err
			}
			if _, err := tw.Write(data); err != nil {
				return err
			}
		}
		return nil
	})
	list, _ := eng.Containers.ContainerListByID(context.Background(), id)
	var v *View
	h.onUI(func() {
		v = New(h, API{Inspect: eng.Inspect, Files: eng.Files}, list[0])
		w := test.NewWindow(v.Content())
		w.Resize(fyne.NewSize(960, 640))
		v.Select(TabFiles)
		v.files.info["/many"] = engine.FileInfo{Name: "many", Path: "/many", Mode: os.ModeDir | 0o755}
	})
	var lat, first, engineOnly, cli []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := eng.Files.ContainerListDir(context.Background(), id, "/many", nil); err != nil {
			b.Fatal(err)
		}
		engineOnly = append(engineOnly, time.Since(start))
		start = time.Now()
		cmd := exec.Command("docker", "cp", id+":/many/.", "-")
		cmd.Stdout = io.Discard
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
		cli = append(cli, time.Since(start))

		listed := make(chan time.Duration, 1)
		var firstAt time.Duration
		h.onUI(func() {
			delete(v.files.entries, "/many")
			start := time.Now()
			v.files.onPartial = func() {
				if firstAt == 0 {
					firstAt = time.Since(start)
				}
			}
			v.files.list("/many")
			go func() {
				for {
					var n int
					h.onUI(func() {
						if !v.files.loading["/many"] {
							n = len(v.files.entries["/many"])
						}
						if n > 0 {
							v.files.tree.OpenBranch("/many")
							v.files.tree.Refresh()
						}
					})
					if n > 0 {
						listed <- time.Since(start)
						return
					}
					time.Sleep(time.Millisecond)
				}
			}()
		})
		lat = append(lat, <-listed)
		h.onUI(func() {
			if firstAt == 0 {
				firstAt = lat[len(lat)-1]
			}
			first = append(first, firstAt)
		})
		if n := len(v.files.entries["/many"]); n != 10000 {
			b.Fatalf("%d entries", n)
		}
	}
	b.StopTimer()
	med := func(d []time.Duration) float64 {
		s := append([]time.Duration(nil), d...)
		sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
		return float64(s[len(s)/2].Microseconds()) / 1000
	}
	b.ReportMetric(med(first), "first-rows-ms")
	b.ReportMetric(med(engineOnly), "engine-ms")
	b.ReportMetric(med(cli), "dockercp-ms")
	testbed.ReportLatencies(b, lat)
	h.onUI(v.Close)
}

// BenchmarkRealFilesDownload100MB: the Files tab's download of a 100 MB
// file against `docker cp` of the same file in the same run, alternating.
func BenchmarkRealFilesDownload100MB(b *testing.B) {
	const size = 100 << 20
	id, _, _ := testbed.DetailsContainer(b, "bench-download", false)
	h, eng := newBench(b, false)
	uploadTar(b, eng, id, "/", func(tw *tar.Writer) error {
		if err := tw.WriteHeader(&tar.Header{Name: "big.bin", Mode: 0o644, Size: size}); err != nil {
			return err
		}
		_, err := io.CopyN(tw, rand.Reader, size)
		return err
	})
	list, _ := eng.Containers.ContainerListByID(context.Background(), id)
	var v *View
	h.onUI(func() { v = New(h, API{Inspect: eng.Inspect, Files: eng.Files}, list[0]) })
	info, err := eng.Files.ContainerStatPath(context.Background(), id, "/big.bin")
	if err != nil || info.Size != size {
		b.Fatal(info, err)
	}
	dir := b.TempDir()
	var ours, cli []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dest := filepath.Join(dir, "ours.bin")
		f, err := os.Create(dest)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		h.onUI(func() { v.files.downloadFile(info, f) })
		for {
			var running bool
			h.onUI(func() { running = v.files.xfer.running() })
			if !running {
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		ours = append(ours, time.Since(start))
		if st, err := os.Stat(dest); err != nil || st.Size() != size {
			b.Fatalf("downloaded %v, %v (%s)", st, err, v.files.status.Text)
		}
		os.Remove(dest)

		start = time.Now()
		if out, err := exec.Command("docker", "cp", id+":/big.bin", filepath.Join(dir, "cli.bin")).CombinedOutput(); err != nil {
			b.Fatalf("docker cp: %v %s", err, out)
		}
		cli = append(cli, time.Since(start))
		os.Remove(filepath.Join(dir, "cli.bin"))
	}
	b.StopTimer()
	med := func(d []time.Duration) time.Duration {
		s := append([]time.Duration(nil), d...)
		sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
		return s[len(s)/2]
	}
	mbps := func(d time.Duration) float64 { return float64(size) / (1 << 20) / d.Seconds() }
	b.ReportMetric(mbps(med(ours)), "berth-MB/s")
	b.ReportMetric(mbps(med(cli)), "dockercp-MB/s")
	b.ReportMetric(mbps(med(ours))/mbps(med(cli)), "ratio")
	h.onUI(v.Close)
	_ = bytes.MinRead
}
