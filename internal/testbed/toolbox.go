package testbed

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
)

// busyboxPath is where Debian's busybox-static package puts its binary.
const busyboxPath = "/bin/busybox"

var toolboxRef = Registry + "/berthtest/toolbox:1"

var toolboxImage onceImage

// ToolboxImage returns "localhost:5000/berthtest/toolbox:1": FROM scratch, Debian's static
// busybox as /bin/busybox with its applet links in /bin (sh, top, vi, ls, cat, ...), PATH=/bin,
// an /etc/passwd naming root, and a command that sleeps, so that exec, top, vi and files have
// something real to act on. Built and pushed once per process like WebImage (the same recipe
// pattern and build lock); if /bin/busybox is missing it runs `apt-get install -y
// busybox-static` first.
func ToolboxImage(t testing.TB) string {
	t.Helper()
	cli := mustShared(t)
	toolboxImage.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
		defer cancel()
		bin, err := busyboxBinary(ctx)
		if err != nil {
			toolboxImage.err = err
			return
		}
		toolboxImage.err = ensureImage(ctx, cli, toolboxRef, toolboxRecipe(bin))
	})
	if toolboxImage.err != nil {
		t.Fatalf("testbed: image %s: %v", toolboxRef, toolboxImage.err)
	}
	ensureShared(t, &toolboxImage, toolboxRef, nil)
	return toolboxRef
}

// The links are made by busybox itself at build time (exec form: the image has no shell yet).
const toolboxDockerfile = `FROM scratch
COPY busybox /bin/busybox
COPY passwd /etc/passwd
COPY group /etc/group
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN ["/bin/busybox", "mkdir", "-p", "/tmp", "/root", "/home"]
ENV PATH=/bin
CMD ["/bin/sleep", "86400"]
`

func toolboxRecipe(bin []byte) recipe {
	return recipe{dockerfile: toolboxDockerfile, files: []ctxFile{
		{name: "busybox", mode: 0o755, data: bin},
		{name: "passwd", mode: 0o644, data: []byte("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n")},
		{name: "group", mode: 0o644, data: []byte("root:x:0:\nnogroup:x:65534:\n")},
	}}
}

var busybox struct {
	once sync.Once
	data []byte
	err  error
}

func busyboxBinary(ctx context.Context) ([]byte, error) {
	busybox.once.Do(func() {
		if _, err := os.Stat(busyboxPath); err != nil {
			cmd := exec.CommandContext(ctx, "apt-get", "install", "-y", "busybox-static")
			if msg, err := cmd.CombinedOutput(); err != nil {
				busybox.err = fmt.Errorf("%s is missing and apt-get install -y busybox-static failed: %v\n%s", busyboxPath, err, msg)
				return
			}
		}
		busybox.data, busybox.err = os.ReadFile(busyboxPath)
	})
	return busybox.data, busybox.err
}

// RunToolbox starts a container of ToolboxImage named Name(t, base), running cmd (the image's
// sleep if none), and returns its ID; it is removed when the test ends.
func RunToolbox(t testing.TB, base string, cmd ...string) string {
	t.Helper()
	return runImage(t, ToolboxImage(t), base, cmd...)
}

// RunWeb starts a container of WebImage (no shell in it) named Name(t, base) and returns its
// ID; it is removed when the test ends.
func RunWeb(t testing.TB, base string) string {
	t.Helper()
	return runImage(t, WebImage(t), base)
}

func runImage(t testing.TB, ref, base string, cmd ...string) string {
	t.Helper()
	cli := mustShared(t)
	name := Name(t, base)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	created, err := cli.ContainerCreate(ctx, &container.Config{Image: ref, Cmd: cmd}, nil, nil, nil, name)
	if err != nil {
		t.Fatalf("testbed: create %s: %v", name, err)
	}
	if err := cli.ContainerStart(ctx, created.ID, container.StartOptions{}); err != nil {
		t.Fatalf("testbed: start %s: %v", name, err)
	}
	return created.ID
}
