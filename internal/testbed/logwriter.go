package testbed

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
)

// The log writer: testdata/logwriter (see its doc comment for the lines it
// writes), as "localhost:5000/berthtest/logwriter:1", FROM scratch.
var (
	logRef   = Registry + "/berthtest/logwriter:1"
	logImage onceImage
	logBin   struct {
		once sync.Once
		data []byte
		err  error
	}
)

const logDockerfile = `FROM scratch
COPY logwriter /logwriter
ENTRYPOINT ["/logwriter"]
`

// LogWriterImage returns the log writer's image, built and pushed once per
// test process like WebImage.
func LogWriterImage(t testing.TB) string {
	t.Helper()
	cli := mustShared(t)
	logImage.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
		defer cancel()
		bin, err := logWriterBinary(ctx)
		if err != nil {
			logImage.err = err
			return
		}
		logImage.err = ensureImage(ctx, cli, logRef, recipe{dockerfile: logDockerfile,
			files: []ctxFile{{name: "logwriter", mode: 0o755, data: bin}}})
	})
	if logImage.err != nil {
		t.Fatalf("testbed: image %s: %v", logRef, logImage.err)
	}
	return logRef
}

func logWriterBinary(ctx context.Context) ([]byte, error) {
	logBin.once.Do(func() {
		root, err := repoRoot()
		if err != nil {
			logBin.err = err
			return
		}
		dir, err := os.MkdirTemp("", "berth-testbed-")
		if err != nil {
			logBin.err = err
			return
		}
		defer os.RemoveAll(dir)
		out := filepath.Join(dir, "logwriter")
		cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w", "-o", out, "./testdata/logwriter")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+runtime.GOARCH, "GOFLAGS=")
		if msg, err := cmd.CombinedOutput(); err != nil {
			logBin.err = fmt.Errorf("go build ./testdata/logwriter: %v\n%s", err, msg)
			return
		}
		logBin.data, logBin.err = os.ReadFile(out)
	})
	return logBin.data, logBin.err
}

// RunLogWriter starts a log writer container named name (from Name) with
// args and labels, and returns its ID. With wait it returns once the
// writer has exited (all its lines are in the log).
func RunLogWriter(t testing.TB, name string, labels map[string]string, wait bool, args ...string) string {
	t.Helper()
	cli := mustShared(t)
	img := LogWriterImage(t)
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	cr, err := cli.ContainerCreate(ctx, &container.Config{Image: img, Cmd: args, Labels: labels}, nil, nil, nil, name)
	if err != nil {
		t.Fatalf("testbed: create %s: %v", name, err)
	}
	if err := cli.ContainerStart(ctx, cr.ID, container.StartOptions{}); err != nil {
		t.Fatalf("testbed: start %s: %v", name, err)
	}
	if wait {
		okC, errC := cli.ContainerWait(ctx, cr.ID, container.WaitConditionNotRunning)
		select {
		case <-okC:
		case err := <-errC:
			t.Fatalf("testbed: wait for %s: %v", name, err)
		case <-time.After(opTimeout):
			t.Fatalf("testbed: %s still writes", name)
		}
	}
	return cr.ID
}
