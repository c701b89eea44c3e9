//go:build e2e

package images

// The Images tab against the REAL engine and the test registry
// (bash scripts/testenv.sh up starts them).

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/image"

	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/docker"
	"berth/internal/testbed"
)

// Step 12 against the real engine: the image is in use, the question names
// the container, Force remove untags it and the container keeps running.
func TestImagesRealEngineConflictForceRemove(t *testing.T) {
	cli := testbed.Client(t) // fails, never skips, when the engine or the registry is missing
	c := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { _ = c.Close() })
	// A private copy: force-removing the shared web image would pull it from
	// under other packages' tests.
	ref := testbed.PushCopy(t, testbed.WebImage(t), "images-conflict")
	var imageID string
	t.Cleanup(func() {
		// Runs after the container's removal (cleanups run last first): the
		// untagged image would otherwise stay behind.
		if imageID != "" {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			_, _ = cli.ImageRemove(ctx, imageID, image.RemoveOptions{Force: true, PruneChildren: true})
		}
	})
	name := testbed.Name(t, "conflict")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	id, err := c.Containers.ContainerRun(ctx, engine.RunSpec{Image: ref, Name: name,
		Ports: []string{fmt.Sprintf("127.0.0.1:%d:80", testbed.FreePort(t))}}, nil)
	if err != nil {
		t.Fatalf("run %s: %v", ref, err)
	}

	e := open(t, c.Images, c.Containers)
	// What the store would show: the engine's lists.
	refresh := func() {
		t.Helper()
		cs, err := c.Containers.ContainerList(ctx, true)
		if err != nil {
			t.Fatalf("containers: %v", err)
		}
		imgs, err := c.Images.ImageList(ctx)
		if err != nil {
			t.Fatalf("images: %v", err)
		}
		e.show(cs, imgs, true)
	}
	refresh()
	// Other tests' images share the engine: show only ours.
	e.v.filter.SetText(strings.TrimPrefix(ref, testbed.Registry+"/"))
	for _, en := range e.v.entries {
		if en.im.Ref() == ref {
			imageID = en.im.ID
		}
	}
	if got := e.text(ref, colInUse); got != "1 container" {
		t.Errorf("in use %q", got)
	}
	test.Tap(e.cellAt(ref, colActions).rm)
	e.answer(e.question(), "Remove")
	e.wait("the conflict question", func() bool { return e.asked("Image in use") })
	q := e.question()
	if want := fmt.Sprintf("%s (%s)", name, id[:12]); !strings.Contains(q.Message, want) {
		t.Errorf("the conflict question does not name %s:\n%s", want, q.Message)
	}
	e.answer(q, "Force remove")
	e.wait("the note", func() bool { return e.v.Note() != "" })
	if !strings.HasPrefix(e.v.Note(), "Untagged: "+ref) {
		t.Errorf("note %q", e.v.Note())
	}
	refresh()
	for _, en := range e.v.entries {
		if en.im.Ref() == ref {
			t.Errorf("%s is still listed after the forced removal", ref)
		}
	}
	// The container keeps running on the untagged image.
	cs, err := c.Containers.ContainerListByID(ctx, id)
	if err != nil || len(cs) != 1 || cs[0].State != engine.StateRunning {
		t.Errorf("the container after the forced removal: %+v, %v; want it running", cs, err)
	}
}
