package docker

import (
	"bufio"
	"context"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/pkg/stdcopy"

	"berth/engine"
)

// ContainerLogs implements engine.LogAPI. It streams a container's output, like `docker logs --timestamps`: lines
// go to the returned channel, which is closed when the stream ends (ctx
// canceled, or the container stopped when not following). Output of
// containers without a TTY is demultiplexed with stdcopy.
func (d *Client) ContainerLogs(ctx context.Context, id string, opts engine.LogOptions) (<-chan engine.LogLine, error) {
	ins, err := d.cli.ContainerInspect(ctx, id)
	if err != nil {
		return nil, d.classify(err, id)
	}
	o := container.LogsOptions{ShowStdout: true, ShowStderr: true, Timestamps: true, Follow: opts.Follow}
	if opts.Tail > 0 {
		o.Tail = strconv.Itoa(opts.Tail)
	}
	rc, err := d.cli.ContainerLogs(ctx, id, o)
	if err != nil {
		return nil, d.classify(err, id)
	}
	out := make(chan engine.LogLine, 256)
	var wg sync.WaitGroup
	scan := func(r io.Reader, stderr bool) {
		defer wg.Done()
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			l := parseLogLine(sc.Text())
			l.Stderr = stderr
			select {
			case out <- l:
			case <-ctx.Done():
				return
			}
		}
	}
	if ins.Config != nil && ins.Config.Tty {
		wg.Add(1)
		go scan(rc, false)
		go func() { wg.Wait(); rc.Close(); close(out) }()
		return out, nil
	}
	outR, outW := io.Pipe()
	errR, errW := io.Pipe()
	wg.Add(2)
	go scan(outR, false)
	go scan(errR, true)
	go func() {
		_, err := stdcopy.StdCopy(outW, errW, rc)
		rc.Close()
		outW.CloseWithError(err)
		errW.CloseWithError(err)
	}()
	go func() {
		wg.Wait()
		// Unblock StdCopy if the scanners stopped first (ctx canceled).
		outR.Close()
		errR.Close()
		close(out)
	}()
	return out, nil
}

// parseLogLine splits the RFC 3339 timestamp the engine puts before each line.
func parseLogLine(s string) engine.LogLine {
	if i := strings.IndexByte(s, ' '); i > 0 {
		if t, err := time.Parse(time.RFC3339Nano, s[:i]); err == nil {
			return engine.LogLine{Time: t, Text: s[i+1:]}
		}
	}
	return engine.LogLine{Text: s}
}
