//go:build e2e

package details

// The details view against the real engine and the shell-less web image
// of the test bed: inspect, and files on a running and a stopped container.

import (
	"bytes"
	"context"
	"crypto/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/docker"
	"berth/gui/kit/kittest"
	"berth/internal/testbed"
)

// realView opens the details of container id over the real engine.
func realView(t *testing.T, id string) (*View, *host, *engine.Client) {
	t.Helper()
	eng := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { eng.Close() })
	list, err := eng.Containers.ContainerListByID(context.Background(), id)
	if err != nil || len(list) != 1 {
		t.Fatalf("list %v: %v", list, err)
	}
	h := &host{app: test.NewTempApp(t), st: &state{}, Queue: kittest.Queue{Timeout: time.Minute}}
	v := New(h, API{Inspect: eng.Inspect, Files: eng.Files}, list[0])
	v.ask = h.asked.Ask
	win := test.NewWindow(v.Content())
	win.Resize(fyne.NewSize(960, 640))
	t.Cleanup(func() { v.Close(); win.Close() })
	loaded := false
	v.onLoaded = func() { loaded = true }
	v.Start()
	h.Until(t, "the details", func() bool { return loaded })
	return v, h, eng
}

func TestRealDetailsOverviewAndInspect(t *testing.T) {
	id, rwDir, port := testbed.DetailsContainer(t, "gui-details", true)
	v, _, _ := realView(t, id)
	got := texts(v.overview.Content())
	for _, want := range []string{"http://127.0.0.1:" + strconv.Itoa(port) + "/", "bind " + rwDir + " → /data, read-write",
		"→ /ro, read-only", "berth.test", "details", "/web", "bridge"} {
		if !strings.Contains(got, want) {
			t.Errorf("overview lacks %q:\n%s", want, got)
		}
	}
	env := strings.Join(v.env.env, "\n")
	if !strings.Contains(env, "DB_PASSWORD=hunter2") || v.env.value("DB_PASSWORD=hunter2") != "DB_PASSWORD="+"••••••••" {
		t.Errorf("env %q", env)
	}
	v.Select(TabInspect)
	text := strings.Join(v.inspect.doc.lines, "\n")
	if !strings.Contains(text, `"Id": "`+id+`"`) || strings.Contains(text, "hunter2") {
		t.Errorf("inspect text: %.300s", text)
	}
	test.Type(v.inspect.search, "hostport")
	if len(v.inspect.matches) == 0 {
		t.Error("no HostPort in the tree")
	}
}

func TestRealDetailsFiles(t *testing.T) {
	for _, run := range []bool{true, false} {
		name := map[bool]string{true: "running", false: "stopped"}[run]
		t.Run(name, func(t *testing.T) {
			id, rwDir, _ := testbed.DetailsContainer(t, "gui-files-"+name, run)
			data := make([]byte, 2<<20+3)
			_, _ = rand.Read(data)
			if err := os.WriteFile(filepath.Join(rwDir, "blob.bin"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			v, h, _ := realView(t, id)
			fp := v.files
			v.Select(TabFiles)
			h.Until(t, "the root", func() bool { return fp.complete("/") })
			if !slices.Contains(fp.entries["/"], "/web") || !slices.Contains(fp.entries["/"], "/data") {
				t.Fatalf("root %v", fp.entries["/"])
			}
			fp.tree.OpenBranch("/data")
			h.Until(t, "/data", func() bool { return fp.complete("/data") })
			// Download, byte-exact.
			var out closeBuffer
			fp.downloadFile(fp.info["/data/blob.bin"], &out)
			h.Until(t, "the download", func() bool { return !fp.xfer.running() })
			if !bytes.Equal(out.Bytes(), data) {
				t.Fatalf("downloaded %d bytes (%s)", out.Len(), fp.status.Text)
			}
			// Upload into the writable layer, then it is listed, downloads the same, and is a change.
			local := filepath.Join(t.TempDir(), "upload.bin")
			if err := os.WriteFile(local, data[:1<<20], 0o644); err != nil {
				t.Fatal(err)
			}
			fp.tree.Select("/web") // a file of /: uploads go to /
			fp.upload([]string{local})
			h.Until(t, "the upload", func() bool { return !fp.xfer.running() })
			h.Until(t, "the new listing", func() bool { return slices.Contains(fp.entries["/"], "/upload.bin") })
			out = closeBuffer{}
			fp.downloadFile(fp.info["/upload.bin"], &out)
			h.Until(t, "the second download", func() bool { return !fp.xfer.running() })
			if !bytes.Equal(out.Bytes(), data[:1<<20]) {
				t.Fatalf("the upload came back as %d bytes (%s)", out.Len(), fp.status.Text)
			}
			fp.sub.SelectIndex(1)
			h.Until(t, "the changes", func() bool {
				return slices.Contains(fp.changes, engine.FileChange{Path: "/upload.bin", Kind: engine.Added})
			})
			// Errors in plain words: a folder that vanished, a read-only mount.
			delete(fp.entries, "/data")
			if err := os.RemoveAll(rwDir); err != nil {
				t.Fatal(err)
			}
			fp.list("/nowhere")
			h.Until(t, "the vanished folder", func() bool { return fp.errs["/nowhere"] != nil })
			if fp.status.Text != `There is no file or folder "/nowhere" on this engine.` {
				t.Errorf("vanished: %q", fp.status.Text)
			}
			fp.tree.Select("/ro")
			fp.upload([]string{local})
			h.Until(t, "the refused upload", func() bool { return !fp.xfer.running() })
			if !strings.Contains(fp.status.Text, "/ro is on a read-only mount") {
				t.Errorf("read-only: %q", fp.status.Text)
			}
		})
	}
}

// Permission denied in plain words: a file the engine may not replace
// (immutable, which root can set on the test bed's host).
func TestRealDetailsFilesPermissionDenied(t *testing.T) {
	id, rwDir, _ := testbed.DetailsContainer(t, "gui-files-denied", true)
	locked := filepath.Join(rwDir, "locked.txt")
	if err := os.WriteFile(locked, []byte("locked"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("chattr", "+i", locked).CombinedOutput(); err != nil {
		t.Skipf("no immutable files here: %v %s", err, out)
	}
	defer exec.Command("chattr", "-i", locked).Run()
	v, h, _ := realView(t, id)
	fp := v.files
	v.Select(TabFiles)
	fp.tree.OpenBranch("/data")
	h.Until(t, "/data", func() bool { return fp.complete("/data") })
	local := filepath.Join(t.TempDir(), "locked.txt")
	if err := os.WriteFile(local, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	fp.tree.Select("/data")
	fp.upload([]string{local})
	h.asked.Answer(t, h.asked.Last(t), "Replace")
	h.Until(t, "the refused upload", func() bool { return len(fp.status.Text) > 0 && !fp.xfer.running() })
	if fp.status.Text != "Uploading locked.txt into /data: The engine may not change /data: permission denied (the file is locked or the filesystem refuses it)." {
		t.Fatalf("status %q", fp.status.Text)
	}
}
