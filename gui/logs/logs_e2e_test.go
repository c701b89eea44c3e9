//go:build e2e

package logs

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"berth/engine"
	"berth/engine/docker"
	"berth/internal/testbed"
)

func TestLogsRealEngine(t *testing.T) {
	testbed.Client(t) // fails, never skips, when the engine or the registry is missing
	c := docker.New(docker.ResolveEndpoint())
	defer c.Close()
	h := newHost(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	port := testbed.FreePort(t)
	name := testbed.Name(t, "guilogs")
	id, err := c.Containers.ContainerRun(ctx, engine.RunSpec{Image: testbed.WebImage(t), Name: name,
		Ports: []string{fmt.Sprintf("127.0.0.1:%d:80", port)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := Open(h, c.Logs, engine.Container{ID: id, ShortID: engine.ShortID(id), Name: name})
	defer w.Close()
	h.Until(t, "start line", func() bool { return w.shown.len() > 0 })
	testbed.Get(t, fmt.Sprintf("http://127.0.0.1:%d/from-the-gui-test", port))
	h.Until(t, "request line", func() bool {
		for i := range w.shown.len() {
			if s, _, _ := w.shown.line(i); strings.Contains(s, "/from-the-gui-test") {
				return true
			}
		}
		return false
	})
}
