//go:build e2e

package logs

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"

	"berth/engine"
	"berth/engine/docker"
	"berth/gui/logs/linestore"
	"berth/internal/testbed"
)

func realLogs(t *testing.T) *engine.Client {
	t.Helper()
	testbed.Client(t) // fails, never skips, when the engine or the registry is missing
	c := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { c.Close() })
	return c
}

func openReal(t *testing.T, h *host, c *engine.Client, id, name string) *Window {
	t.Helper()
	w := Open(h, c.Logs, engine.Container{ID: id, ShortID: engine.ShortID(id), Name: name})
	t.Cleanup(w.Close)
	return w
}

// A container that wrote 200,000 lines: all of them load; a literal and a
// regular expression find what the writer wrote; the filter shows just
// those; the export writes exactly the lines shown.
func TestLogsRealEngine200k(t *testing.T) {
	c := realLogs(t)
	h := newHost(t)
	name := testbed.Name(t, "logs200k")
	id := testbed.RunLogWriter(t, name, nil, true, "-n", "200000")
	h.Timeout = 2 * time.Minute // dockerd's pace on a shared machine: 200,000 lines took 11-15 s at load 16
	w := openReal(t, h, c, id, name)
	h.Until(t, "the history", func() bool { return w.histDone })
	if n := w.main.Len(); n != 200000 {
		t.Fatalf("%d lines, want 200000", n)
	}
	// ERROR lines come on stderr, in red.
	for i := range 1000 {
		if text, _ := w.main.Text(nil, i); bytes.Contains(text, []byte("level=ERROR")) {
			if in := w.main.Info(i); in.Flags&linestore.Stderr == 0 || in.Flags&linestore.Styled == 0 {
				t.Errorf("error line %d flags %b", i, in.Flags)
			}
			break
		}
	}
	w.search.SetText("upstream timed out")
	h.Until(t, "literal matches", func() bool { return w.searchIn.Text == "2,000 of 2,000" })
	w.reBox.SetChecked(true)
	w.search.SetText(`status=50\d bytes`)
	h.Until(t, "regexp matches", func() bool { return strings.HasSuffix(w.searchIn.Text, " of 800") })
	w.filter.SetChecked(true)
	if w.doc.rows() != 800 {
		t.Fatalf("filter: %d rows, want 800", w.doc.rows())
	}
	var out bytes.Buffer
	var exported int
	w.ExportTo(&out, func(n int, err error) {
		if err != nil {
			t.Error(err)
		}
		exported = n
	})
	h.Until(t, "export", func() bool { return exported > 0 })
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 800 || exported != 800 {
		t.Fatalf("exported %d lines", len(lines))
	}
	for i, l := range lines {
		if want := rowText(w, i); l != want {
			t.Fatalf("exported line %d %q, shown %q", i, l, want)
		}
		if !strings.Contains(l, "status=503") || strings.Contains(l, "\x1b") {
			t.Fatalf("exported line %d %q", i, l)
		}
	}
}

// New lines show as the container writes them; a 5 MiB line arrives whole.
func TestLogsRealFollowAndHugeLine(t *testing.T) {
	c := realLogs(t)
	h := newHost(t)
	name := testbed.Name(t, "logsfollow")
	id := testbed.RunLogWriter(t, name, nil, false, "-n", "10", "-big", fmt.Sprint(5<<20), "-then", "500", "-rate", "1000")
	w := openReal(t, h, c, id, name)
	h.Until(t, "followed lines", func() bool { return w.histDone && w.main.Len() == 511 })
	big := -1
	for i := range w.main.Len() {
		if w.main.TextLen(i) > 1<<20 {
			big = i
		}
	}
	if big != 10 || w.main.TextLen(big) != 5<<20 {
		t.Fatalf("the big line is line %d of %d bytes", big, w.main.TextLen(max(big, 0)))
	}
	text, _ := w.main.Text(nil, big)
	if !bytes.HasPrefix(text, []byte("big:4567890123")) || bytes.IndexByte(text, ' ') >= 0 {
		t.Errorf("the big line starts %q", text[:40])
	}
	last, _ := w.main.Text(nil, 510)
	if !bytes.Contains(last, []byte("req=00000509")) {
		t.Errorf("last line %q", last)
	}
}

// Stdout and stderr keep the order the engine has them in: Berth's lines
// are the frames of the engine's multiplexed stream, in order (read here
// frame by frame); the writer alternates them with sequence numbers.
func TestLogsRealOrder(t *testing.T) {
	c := realLogs(t)
	h := newHost(t)
	name := testbed.Name(t, "logsorder")
	id := testbed.RunLogWriter(t, name, nil, true, "-n", "3000", "-seq", "-rate", "2000")
	w := openReal(t, h, c, id, name)
	h.Until(t, "the history", func() bool { return w.histDone })
	if n := w.main.Len(); n != 3000 {
		t.Fatalf("%d lines", n)
	}
	rc, err := testbed.Client(t).ContainerLogs(t.Context(), id, container.LogsOptions{ShowStdout: true, ShowStderr: true})
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var hdr [8]byte
	outOfSeq := 0
	for i := 0; ; i++ {
		if _, err := io.ReadFull(rc, hdr[:]); err == io.EOF {
			if i != 3000 {
				t.Fatalf("the engine sent %d frames", i)
			}
			break
		} else if err != nil {
			t.Fatal(err)
		}
		frame := make([]byte, binary.BigEndian.Uint32(hdr[4:]))
		if _, err := io.ReadFull(rc, frame); err != nil {
			t.Fatal(err)
		}
		text, _ := w.main.Text(nil, i)
		if string(text)+"\n" != string(frame) || (w.main.Info(i).Flags&linestore.Stderr != 0) != (hdr[0] == 2) {
			t.Fatalf("line %d = %q (flags %b), the engine's frame %d is %q on stream %d", i, text, w.main.Info(i).Flags, i, frame, hdr[0])
		}
		stream := []string{"out", "err"}[i%2]
		if string(text) != fmt.Sprintf("seq %d %s", i, stream) {
			outOfSeq++
		}
	}
	t.Logf("%d of 3000 lines are out of the writer's sequence in the engine's own log", outOfSeq)
}

// A compose project's merged log: both containers' lines, in time order,
// each marked with its container.
func TestLogsRealProjectMerged(t *testing.T) {
	c := realLogs(t)
	h := newHost(t)
	project := testbed.Name(t, "proj")
	var cs []engine.Container
	for _, svc := range []string{"api", "worker"} {
		name := testbed.Name(t, "proj-"+svc)
		labels := map[string]string{"com.docker.compose.project": project, "com.docker.compose.service": svc,
			"com.docker.compose.container-number": "1"}
		id := testbed.RunLogWriter(t, name, labels, false, "-n", "400", "-rate", "2000", "-seq")
		cs = append(cs, engine.Container{ID: id, Name: name, Labels: labels})
	}
	time.Sleep(500 * time.Millisecond) // both write at once
	w := OpenProject(h, c.Logs, project, cs)
	t.Cleanup(w.Close)
	h.Until(t, "both logs", func() bool { return w.histDone && w.main.Len() == 800 })
	// Each container's lines in its order; between containers, time order.
	var prev linestore.Info
	count := map[uint16]int{}
	for i := range 800 {
		in := w.main.Info(i)
		if i > 0 && in.Source != prev.Source && in.Time < prev.Time {
			t.Fatalf("line %d is older than the line before, of the other container", i)
		}
		prev = in
		count[in.Source]++
	}
	if count[0] != 400 || count[1] != 400 {
		t.Errorf("lines per container %v", count)
	}
	if got := rowText(w, 0); !strings.HasPrefix(got, "api-1") && !strings.HasPrefix(got, "worker-1") {
		t.Errorf("first row %q", got)
	}
}

// slowHistory holds every history stream (not following, no tail) back
// for a while, as a long history would take, while the followed stream
// runs.
type slowHistory struct {
	engine.LogAPI
	delay time.Duration
}

func (s slowHistory) ContainerLogs(ctx context.Context, id string, o engine.LogOptions, fn func([]engine.LogLine)) error {
	if !o.Follow && o.Tail == 0 {
		select {
		case <-time.After(s.delay):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return s.LogAPI.ContainerLogs(ctx, id, o, fn)
}

// Following starts at once, before the history is in: a container that
// writes while its history loads (held back here for 4 s) loses no line
// and repeats none at the seam between the history and the followed
// stream (the writer numbers its lines).
func TestLogsRealFollowDuringHistory(t *testing.T) {
	c := realLogs(t)
	h := newHost(t)
	h.Timeout = 2 * time.Minute
	name := testbed.Name(t, "logsseam")
	const n = 40000
	id := testbed.RunLogWriter(t, name, nil, false, "-n", fmt.Sprint(n), "-seq", "-rate", "4000")
	time.Sleep(time.Second) // some history first
	w := Open(h, slowHistory{c.Logs, 4 * time.Second}, engine.Container{ID: id, ShortID: engine.ShortID(id), Name: name})
	t.Cleanup(w.Close)
	h.Until(t, "lines followed while the history loads", func() bool { return !w.histDone && w.tail.Len() > screenful+1000 })
	h.Until(t, "every line", func() bool { return w.histDone && w.main.Len() >= n })
	time.Sleep(500 * time.Millisecond)
	h.Drain()
	seen := make([]int, n)
	for i := range w.main.Len() {
		text, _ := w.main.Text(nil, i)
		var k int
		var stream string
		if _, err := fmt.Sscanf(string(text), "seq %d %s", &k, &stream); err != nil || k < 0 || k >= n {
			t.Fatalf("line %d: %q", i, text)
		}
		seen[k]++
	}
	for k, m := range seen {
		if m != 1 {
			t.Errorf("line seq %d came %d times", k, m)
		}
	}
	if w.main.Len() != n {
		t.Errorf("%d lines, want %d", w.main.Len(), n)
	}
}

// A stopped container that starts again: its new lines come after a
// marker, none of the old ones again (the poll of a stopped container asks
// for its last lines and drops those seen).
func TestLogsRealRestart(t *testing.T) {
	c := realLogs(t)
	h := newHost(t)
	h.Timeout = time.Minute
	name := testbed.Name(t, "logsrestart")
	id := testbed.RunLogWriter(t, name, nil, true, "-n", "5", "-seq")
	w := openReal(t, h, c, id, name)
	h.Until(t, "the log", func() bool { return w.histDone && w.main.Len() == 5 })
	if err := testbed.Client(t).ContainerStart(t.Context(), id, container.StartOptions{}); err != nil {
		t.Fatal(err)
	}
	h.Until(t, "the lines after the restart", func() bool { return w.main.Len() == 11 })
	time.Sleep(3 * time.Second) // another poll or two: nothing more comes
	h.Drain()
	if n := w.main.Len(); n != 11 {
		t.Fatalf("%d lines, want 5 + a marker + 5", n)
	}
	if in := w.main.Info(5); in.Flags&linestore.Marker == 0 {
		t.Errorf("line 5 is no marker")
	}
}
