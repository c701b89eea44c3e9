//go:build e2e

package docker_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"

	"berth/engine"
	"berth/internal/testbed"
)

// sampleTar is a small tree: a text file, a binary file, a directory with a
// file, an empty directory and a symbolic link.
func sampleTar(t *testing.T) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	mod := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	bin := make([]byte, 70000)
	for i := range bin {
		bin[i] = byte(i*7 + i/13)
	}
	add := func(h *tar.Header, body []byte) {
		h.ModTime = mod
		h.Size = int64(len(body))
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	add(&tar.Header{Name: "hello.txt", Mode: 0o644, Typeflag: tar.TypeReg}, []byte("hello, volume\n"))
	add(&tar.Header{Name: "blob.bin", Mode: 0o600, Typeflag: tar.TypeReg}, bin)
	add(&tar.Header{Name: "sub/", Mode: 0o755, Typeflag: tar.TypeDir}, nil)
	add(&tar.Header{Name: "sub/inner.txt", Mode: 0o640, Typeflag: tar.TypeReg}, []byte("inner\n"))
	add(&tar.Header{Name: "empty/", Mode: 0o700, Typeflag: tar.TypeDir}, nil)
	add(&tar.Header{Name: "link", Linkname: "hello.txt", Mode: 0o777, Typeflag: tar.TypeSymlink}, nil)
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tarFiles reads an archive into "name mode type link sha" lines, sorted,
// for the files (the root entry "./" aside).
func tarFiles(t *testing.T, data []byte) []string {
	t.Helper()
	tr := tar.NewReader(bytes.NewReader(data))
	var out []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(strings.TrimSuffix(h.Name, "/"), "./")
		if name == "." || name == "" {
			continue
		}
		body, _ := io.ReadAll(tr)
		out = append(out, fmt.Sprintf("%s %o %c %s %d %s %x", name, h.Mode&0o7777, h.Typeflag, h.Linkname, len(body),
			h.ModTime.UTC().Format(time.RFC3339), body))
	}
	slices.Sort(out)
	return out
}

func export(t *testing.T, api engine.VolumeAPI, name, image string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := api.VolumeExport(ctxT(t), name, image, "/", &buf); err != nil {
		t.Fatalf("export %s: %v", name, err)
	}
	return buf.Bytes()
}

func findVolume(vs []engine.Volume, name string) (engine.Volume, bool) {
	for _, v := range vs {
		if v.Name == name {
			return v, true
		}
	}
	return engine.Volume{}, false
}

// A volume's life: create, import files, browse, export and import
// byte-exact (through gzip), clone, use, refused removal while in use
// (naming the user), removal.
func TestVolumesRealEngine(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	img := testbed.WebImage(t) // no shell: the archive API needs none
	api := eng.Volumes
	a, b, c := testbed.VolumeName(t, "vol-a"), testbed.VolumeName(t, "vol-b"), testbed.VolumeName(t, "vol-c")

	if _, err := api.VolumeCreate(ctx, engine.VolumeSpec{Name: "bad name"}); !engine.IsKind(err, engine.ErrInvalidName) {
		t.Fatalf("invalid name: %v", err)
	}
	v, err := api.VolumeCreate(ctx, engine.VolumeSpec{Name: a, Labels: map[string]string{"berth.test": "1"}})
	if err != nil || v.Name != a || v.Driver != "local" {
		t.Fatalf("create: %+v %v", v, err)
	}
	sample := sampleTar(t)
	if err := api.VolumeImport(ctx, a, img, "/", bytes.NewReader(sample)); err != nil {
		t.Fatalf("import: %v", err)
	}
	files, err := api.VolumeFiles(ctx, a, img, "/")
	if err != nil {
		t.Fatalf("browse: %v", err)
	}
	var names []string
	for _, f := range files {
		names = append(names, fmt.Sprintf("%s:%v:%d:%s", f.Name, f.Dir, f.Size, f.Link))
	}
	if want := []string{"empty:true:0:", "sub:true:0:", "blob.bin:false:70000:", "hello.txt:false:14:", "link:false:0:hello.txt"}; !slices.Equal(names, want) {
		t.Errorf("browse / = %v, want %v", names, want)
	}
	if sub, err := api.VolumeFiles(ctx, a, img, "/sub"); err != nil || len(sub) != 1 || sub[0].Name != "inner.txt" {
		t.Errorf("browse /sub = %+v %v", sub, err)
	}

	// Export, import into a new volume through a .tar.gz, export again: the same files.
	expA := export(t, api, a, img)
	if got, want := tarFiles(t, expA), tarFiles(t, sample); !slices.Equal(got, want) {
		t.Fatalf("export differs from what was imported:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(expA)
	zw.Close()
	if _, err := api.VolumeCreate(ctx, engine.VolumeSpec{Name: b}); err != nil {
		t.Fatal(err)
	}
	if err := api.VolumeImport(ctx, b, img, "/", &gz); err != nil {
		t.Fatalf("import .tar.gz: %v", err)
	}
	expB := export(t, api, b, img)
	if !bytes.Equal(expA, expB) {
		t.Errorf("export, import, export is not byte-exact (%d and %d bytes)\n%s\n%s", len(expA), len(expB), headers(expA), headers(expB))
		if got, want := tarFiles(t, expB), tarFiles(t, expA); !slices.Equal(got, want) {
			t.Errorf("files differ:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}

	// Clone.
	if _, err := engine.CloneVolume(ctx, api, v, c, img); err != nil {
		t.Fatalf("clone: %v", err)
	}
	if got, want := tarFiles(t, export(t, api, c, img)), tarFiles(t, expA); !slices.Equal(got, want) {
		t.Errorf("clone differs:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	list, err := api.VolumeList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cv, ok := findVolume(list, c); !ok || cv.Labels["berth.test"] != "1" {
		t.Errorf("clone not listed with the labels: %+v", cv)
	}

	// Use: a container mounts it; removal is refused and names the user.
	name := testName(t, "vol-user")
	id, err := eng.Containers.ContainerRun(ctx, engine.RunSpec{Image: img, Name: name,
		Binds: []engine.Bind{{HostPath: a, ContainerPath: "/data"}}}, nil)
	if err != nil {
		t.Fatalf("run with the volume: %v", err)
	}
	list, _ = api.VolumeList(ctx)
	if va, _ := findVolume(list, a); len(va.UsedBy) != 1 || va.UsedBy[0].Name != name || va.Dangling() {
		t.Errorf("in use by = %+v, want %s", va.UsedBy, name)
	}
	err = api.VolumeRemove(ctx, a)
	t.Logf("remove in use: %v", err)
	if e := engine.AsError(err); e == nil || e.Kind != engine.ErrVolumeInUse || !slices.Equal(e.Users, []string{engine.ShortID(id)}) {
		t.Errorf("remove in use: %+v", e)
	}
	// The sizes come from the disk-usage call.
	sizes, err := api.VolumeSizes(ctx)
	if err != nil || sizes[a] < 70000 {
		t.Errorf("sizes: %v %v", sizes[a], err)
	}
	if err := eng.Containers.ContainerRemove(ctx, id, engine.RemoveOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{a, b, c} {
		if err := api.VolumeRemove(ctx, n); err != nil {
			t.Errorf("remove %s: %v", n, err)
		}
	}
	if err := api.VolumeRemove(ctx, a); !engine.IsKind(err, engine.ErrNotFound) {
		t.Errorf("remove again: %v", err)
	}
}

// A network's life: create with a subnet, an overlapping one refused, a
// running container connected (its address checked with the engine),
// removal refused while attached, disconnected, removed.
func TestNetworksRealEngine(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	img := testbed.WebImage(t)
	api := eng.Networks
	n1, n2 := testbed.NetworkName(t, "net-a"), testbed.NetworkName(t, "net-b")
	subnet := fmt.Sprintf("10.213.%d.0/24", rand.IntN(250))

	if _, err := api.NetworkCreate(ctx, engine.NetworkSpec{Name: "bad name"}); !engine.IsKind(err, engine.ErrInvalidName) {
		t.Fatalf("invalid name: %v", err)
	}
	if _, err := api.NetworkCreate(ctx, engine.NetworkSpec{Name: n1, Subnet: "10.213.1.5/24"}); !engine.IsKind(err, engine.ErrInvalidSubnet) {
		t.Fatalf("invalid subnet: %v", err)
	}
	netID, err := api.NetworkCreate(ctx, engine.NetworkSpec{Name: n1, Subnet: subnet})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	_, err = api.NetworkCreate(ctx, engine.NetworkSpec{Name: n2, Subnet: subnet})
	t.Logf("overlap: %v", err)
	if e := engine.AsError(err); e == nil || e.Kind != engine.ErrSubnetOverlap || e.Ref != subnet {
		t.Fatalf("overlapping subnet: %+v", e)
	}

	name := testName(t, "net-user")
	id, err := eng.Containers.ContainerRun(ctx, engine.RunSpec{Image: img, Name: name}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := api.NetworkConnect(ctx, n1, name); err != nil {
		t.Fatalf("connect: %v", err)
	}
	insp, err := testbed.Client(t).ContainerInspect(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	ep := insp.NetworkSettings.Networks[n1]
	if ep == nil || !strings.HasPrefix(ep.IPAddress, strings.TrimSuffix(subnet, "0/24")) {
		t.Fatalf("the engine gives the container no address in %s: %+v", subnet, ep)
	}
	list, err := api.NetworkList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(list, func(n engine.Network) bool { return n.Name == n1 })
	if i < 0 {
		t.Fatalf("%s not listed", n1)
	}
	got := list[i]
	if got.ID != netID || got.Driver != "bridge" || len(got.Subnets) != 1 || got.Subnets[0].Subnet != subnet ||
		len(got.Attached) != 1 || got.Attached[0].Name != name || got.Attached[0].IPv4 != ep.IPAddress+"/24" {
		t.Errorf("listed as %+v; the engine says %s", got, ep.IPAddress)
	}
	err = api.NetworkRemove(ctx, netID)
	t.Logf("remove attached: %v", err)
	if !engine.IsKind(err, engine.ErrNetworkInUse) {
		t.Errorf("remove attached: %v", err)
	}
	if err := api.NetworkDisconnect(ctx, n1, name); err != nil {
		t.Fatalf("disconnect: %v", err)
	}
	insp, _ = testbed.Client(t).ContainerInspect(ctx, id)
	if _, ok := insp.NetworkSettings.Networks[n1]; ok {
		t.Errorf("still attached after disconnect")
	}
	// A stopped container configured with the network uses it, though not attached.
	stopped := testName(t, "net-stopped")
	if _, err := testbed.Client(t).ContainerCreate(ctx, &container.Config{Image: img}, &container.HostConfig{NetworkMode: container.NetworkMode(n1)}, nil, nil, stopped); err != nil {
		t.Fatal(err)
	}
	list, _ = api.NetworkList(ctx)
	if i := slices.IndexFunc(list, func(n engine.Network) bool { return n.Name == n1 }); i < 0 || len(list[i].Attached) != 0 ||
		!slices.Equal(list[i].UsedBy, []string{stopped}) || list[i].Unused() {
		t.Errorf("with a stopped user: %+v", list[i])
	}
	_ = testbed.Client(t).ContainerRemove(context.Background(), stopped, container.RemoveOptions{Force: true})
	if err := api.NetworkRemove(ctx, netID); err != nil {
		t.Errorf("remove: %v", err)
	}
	_ = testbed.Client(t).ContainerRemove(context.Background(), id, container.RemoveOptions{Force: true})
}

func headers(data []byte) string {
	tr := tar.NewReader(bytes.NewReader(data))
	var b strings.Builder
	for {
		h, err := tr.Next()
		if err != nil {
			break
		}
		fmt.Fprintf(&b, "%q %o %d/%d %q/%q %s %s %s %v\n", h.Name, h.Mode, h.Uid, h.Gid, h.Uname, h.Gname, h.ModTime, h.AccessTime, h.ChangeTime, h.Format)
	}
	return b.String()
}

// The events of Berth's own helper container (browsing a volume's files)
// say so.
func TestHelperEventsRealEngine(t *testing.T) {
	eng := realEngine(t)
	ctx, cancel := context.WithCancel(ctxT(t))
	defer cancel()
	img := testbed.WebImage(t)
	vol := testbed.VolumeName(t, "vol-helper")
	if _, err := eng.Volumes.VolumeCreate(ctx, engine.VolumeSpec{Name: vol}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = eng.Volumes.VolumeRemove(context.Background(), vol) })
	evs, errs := eng.Events.Events(ctx)
	time.Sleep(200 * time.Millisecond) // the stream is open
	if _, err := eng.Volumes.VolumeFiles(ctx, vol, img, "/"); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(20 * time.Second)
	for {
		select {
		case ev := <-evs:
			// Other tests' containers come and go meanwhile: theirs are
			// not helpers, the helper is named so.
			helper := strings.HasPrefix(ev.Name, "berth-volume-helper-")
			if ev.Kind != engine.EventContainer || (!helper && !ev.Helper) {
				continue
			}
			if !helper || !ev.Helper {
				t.Fatalf("%+v", ev)
			}
			if ev.Action == "destroy" {
				return
			}
		case err := <-errs:
			t.Fatal(err)
		case <-deadline:
			t.Fatal("no destroy event of the helper")
		}
	}
}
