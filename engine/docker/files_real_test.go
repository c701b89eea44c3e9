//go:build e2e

package docker_test

import (
	"bytes"
	"crypto/rand"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"berth/engine"
	"berth/internal/testbed"
)

func detailsContainer(t *testing.T, base string, run bool) (id, rwDir string, port int) {
	return testbed.DetailsContainer(t, "h1-"+base, run)
}

// tarPipe streams a tar of the local paths.
func tarPipe(paths []string, progress func(int64)) *io.PipeReader {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(engine.TarPaths(pw, paths, progress)) }()
	return pr
}

func TestRealInspect(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	id, rwDir, port := detailsContainer(t, "inspect", true)
	d, raw, err := eng.Inspect.ContainerInspect(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != id || d.State != engine.StateRunning || d.Started.IsZero() || d.Created.IsZero() || d.Pid == 0 {
		t.Fatalf("details = %+v", d)
	}
	if !slices.Contains(d.Env, "DB_PASSWORD=hunter2") || d.Labels["berth.test"] != "details" {
		t.Fatalf("env %q labels %v", d.Env, d.Labels)
	}
	if !slices.Equal(d.Entrypoint, []string{"/web"}) || d.Restart != engine.RestartNo {
		t.Fatalf("entrypoint %q restart %q", d.Entrypoint, d.Restart)
	}
	want := engine.PortBinding{HostIP: "127.0.0.1", HostPort: uint16(port), ContainerPort: 80, Proto: "tcp"}
	if !slices.Contains(d.Ports, want) {
		t.Fatalf("ports %+v, want %+v", d.Ports, want)
	}
	var rw, ro bool
	for _, m := range d.Mounts {
		rw = rw || m.Destination == "/data" && m.Source == rwDir && !m.ReadOnly && m.Type == engine.MountBind
		ro = ro || m.Destination == "/ro" && m.ReadOnly
	}
	if !rw || !ro {
		t.Fatalf("mounts %+v", d.Mounts)
	}
	if len(d.Networks) != 1 || d.Networks[0].Name != "bridge" || !strings.Contains(d.Networks[0].IPAddress, "/") {
		t.Fatalf("networks %+v", d.Networks)
	}
	if !bytes.Contains(raw, []byte(`"DB_PASSWORD=hunter2"`)) || !bytes.Contains(raw, []byte(id)) {
		t.Fatalf("raw JSON lacks the env or the ID: %.200s", raw)
	}
	size, err := eng.Inspect.ContainerSize(ctx, id)
	if err != nil || size.RootFS <= 0 {
		t.Fatalf("size %+v, %v", size, err)
	}
	if _, _, err := eng.Inspect.ContainerInspect(ctx, "berthtest-no-such-container"); !engine.IsKind(err, engine.ErrNotFound) {
		t.Fatalf("inspect of a missing container: %v", err)
	}
}

func TestRealFilesRunningAndStopped(t *testing.T) {
	for _, run := range []bool{true, false} {
		t.Run(map[bool]string{true: "running", false: "stopped"}[run], func(t *testing.T) {
			eng := realEngine(t)
			ctx := ctxT(t)
			id, rwDir, _ := detailsContainer(t, "files", run)
			data := make([]byte, 3<<20+17)
			_, _ = rand.Read(data)
			if err := os.WriteFile(filepath.Join(rwDir, "blob.bin"), data, 0o640); err != nil {
				t.Fatal(err)
			}
			root, err := eng.Files.ContainerListDir(ctx, id, "/", nil)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range root {
				names = append(names, f.Name)
			}
			t.Logf("/ of the %s container: %v", map[bool]string{true: "running", false: "stopped"}[run], names)
			web := slices.IndexFunc(root, func(f engine.FileInfo) bool { return f.Name == "web" })
			if web < 0 || root[web].Size == 0 || root[web].Mode.Perm() != 0o755 || root[web].Path != "/web" {
				t.Fatalf("no /web in %+v", root)
			}
			if i := slices.IndexFunc(root, func(f engine.FileInfo) bool { return f.Name == "data" }); i < 0 || !root[i].IsDir() {
				t.Fatalf("no folder /data in %+v", root)
			}
			st, err := eng.Files.ContainerStatPath(ctx, id, "/data/blob.bin")
			if err != nil || st.Size != int64(len(data)) || st.Mode.Perm() != 0o640 {
				t.Fatalf("stat = %+v, %v", st, err)
			}
			// Download: byte-exact.
			rc, info, err := eng.Files.ContainerCopyFrom(ctx, id, "/data/blob.bin")
			if err != nil || info.Size != int64(len(data)) {
				t.Fatalf("copy from: %+v, %v", info, err)
			}
			var got bytes.Buffer
			if _, err := engine.CopyTarFile(rc, &got, nil); err != nil {
				t.Fatal(err)
			}
			rc.Close()
			if !bytes.Equal(got.Bytes(), data) {
				t.Fatalf("downloaded %d bytes, not the %d written", got.Len(), len(data))
			}
			// Upload into the writable layer, read back, and see it in the diff.
			local := filepath.Join(t.TempDir(), "up.bin")
			if err := os.WriteFile(local, data[:1<<20], 0o600); err != nil {
				t.Fatal(err)
			}
			var last atomic.Int64
			pr := tarPipe([]string{local}, func(n int64) { last.Store(n) })
			if err := eng.Files.ContainerCopyTo(ctx, id, "/", pr); err != nil {
				t.Fatal(err)
			}
			if last.Load() != 1<<20 {
				t.Errorf("upload progress ended at %d", last.Load())
			}
			rc, _, err = eng.Files.ContainerCopyFrom(ctx, id, "/up.bin")
			if err != nil {
				t.Fatal(err)
			}
			got.Reset()
			if _, err := engine.CopyTarFile(rc, &got, nil); err != nil {
				t.Fatal(err)
			}
			rc.Close()
			if !bytes.Equal(got.Bytes(), data[:1<<20]) {
				t.Fatal("the uploaded file did not come back byte-exact")
			}
			changes, err := eng.Files.ContainerDiff(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(changes, engine.FileChange{Path: "/up.bin", Kind: engine.Added}) {
				t.Fatalf("diff = %+v", changes)
			}
			// A folder downloads as a tar that unpacks to the same files.
			rc, _, err = eng.Files.ContainerCopyFrom(ctx, id, "/data")
			if err != nil {
				t.Fatal(err)
			}
			dest := t.TempDir()
			if err := engine.ExtractTar(rc, dest, nil); err != nil {
				t.Fatal(err)
			}
			rc.Close()
			if b, err := os.ReadFile(filepath.Join(dest, "data", "blob.bin")); err != nil || !bytes.Equal(b, data) {
				t.Fatalf("unpacked folder: %d bytes, %v", len(b), err)
			}

			// Errors in plain words.
			_, err = eng.Files.ContainerListDir(ctx, id, "/vanished", nil)
			if e := engine.AsError(err); e == nil || e.Kind != engine.ErrNotFound || e.What != "file or folder" || e.Ref != "/vanished" {
				t.Fatalf("list of a missing folder: %#v", err)
			}
			_, err = eng.Files.ContainerStatPath(ctx, id, "/vanished")
			if e := engine.AsError(err); e == nil || e.Kind != engine.ErrNotFound || e.What != "file or folder" {
				t.Fatalf("stat of a missing path: %#v", err)
			}
			pr = tarPipe([]string{local}, nil)
			err = eng.Files.ContainerCopyTo(ctx, id, "/ro", pr)
			pr.Close()
			if !engine.IsKind(err, engine.ErrReadOnly) {
				t.Fatalf("upload onto a read-only mount: %v", err)
			}
			// Permission denied: a file the engine may not replace (immutable, as root can set it).
			locked := filepath.Join(rwDir, "up.bin")
			if err := os.WriteFile(locked, []byte("locked"), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command("chattr", "+i", locked).CombinedOutput(); err != nil {
				t.Logf("no immutable files here (%v: %s): permission denied not provoked", err, out)
				return
			}
			defer exec.Command("chattr", "-i", locked).Run()
			pr = tarPipe([]string{local}, nil)
			err = eng.Files.ContainerCopyTo(ctx, id, "/data", pr)
			pr.Close()
			if !engine.IsKind(err, engine.ErrFileDenied) {
				t.Fatalf("upload over an immutable file: %v", err)
			}
		})
	}
}
