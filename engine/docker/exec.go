package docker

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/container"

	"berth/engine"
)

var _ engine.ExecAPI = (*Client)(nil)

// ExecStart implements engine.ExecAPI: `docker exec -it id cmd...`. With no
// cmd it runs the first of engine.Shells the container has, found through
// the archive API (a stat, no process started).
func (d *Client) ExecStart(ctx context.Context, id string, cmd []string, size engine.TermSize) (engine.ExecSession, error) {
	ins, err := d.cli.ContainerInspect(ctx, id)
	if err != nil {
		return nil, d.classify(err, id)
	}
	if ins.State == nil || !ins.State.Running || ins.State.Paused {
		return nil, &engine.Error{Kind: engine.ErrNotRunning, Ref: id, What: "container",
			Err: errors.New("container " + id + " is not running")}
	}
	if len(cmd) == 0 {
		sh := d.shell(ctx, id)
		if sh == "" {
			return nil, &engine.Error{Kind: engine.ErrCommandNotFound, Ref: engine.Shells[len(engine.Shells)-1], What: "shell",
				Err: errors.New("the container has none of " + strings.Join(engine.Shells, ", "))}
		}
		cmd = []string{sh}
	}
	ex, err := d.cli.ContainerExecCreate(ctx, id, container.ExecOptions{
		Cmd: cmd, Tty: true, AttachStdin: true, AttachStdout: true, AttachStderr: true,
		Env: []string{"TERM=xterm-256color"}, ConsoleSize: consoleSize(size),
	})
	if err != nil {
		return nil, d.classify(err, id)
	}
	hj, err := d.cli.ContainerExecAttach(ctx, ex.ID, container.ExecAttachOptions{Tty: true, ConsoleSize: consoleSize(size)})
	if err != nil {
		return nil, d.classify(err, id)
	}
	s := &session{hj: hj, cmd: cmd,
		resize: func(ctx context.Context, sz engine.TermSize) error {
			return d.cli.ContainerExecResize(ctx, ex.ID, resizeOptions(sz))
		},
		wait: func(ctx context.Context) (int, error) {
			for {
				in, err := d.cli.ContainerExecInspect(ctx, ex.ID)
				if err != nil {
					return -1, d.classify(err, id)
				}
				if !in.Running {
					return in.ExitCode, d.stillRunning(ctx, id, in.ExitCode)
				}
				select {
				case <-ctx.Done():
					return -1, d.classify(ctx.Err(), id)
				case <-time.After(50 * time.Millisecond):
				}
			}
		},
	}
	// As the docker CLI does after it attaches: the size given at creation
	// does not always reach the TTY.
	_ = s.Resize(ctx, size)
	return s, nil
}

// stillRunning is nil while container id runs, else an ErrNotRunning:
// an exec's process ended because its container stopped. A process killed
// by a signal (code 128+n) may die a moment before the engine marks its
// container stopped: then it looks again for up to a second.
func (d *Client) stillRunning(ctx context.Context, id string, code int) error {
	tries := 1
	if code >= 128 {
		tries = 20
	}
	for i := 0; i < tries; i++ {
		ins, err := d.cli.ContainerInspect(ctx, id)
		if err != nil {
			return d.classify(err, id)
		}
		if ins.State == nil || !ins.State.Running {
			return &engine.Error{Kind: engine.ErrNotRunning, Ref: id, What: "container",
				Err: errors.New("container " + id + " is not running")}
		}
		if i+1 < tries {
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
	return nil
}

// shell is the first of engine.Shells that container id has, "" if none.
func (d *Client) shell(ctx context.Context, id string) string {
	for _, sh := range engine.Shells {
		if _, err := d.cli.ContainerStatPath(ctx, id, sh); err == nil {
			return sh
		}
	}
	return ""
}

// DebugLabel marks the helper containers of debug shells; its value is the target's ID.
const DebugLabel = "berth.debug.target"

// DebugStart implements engine.ExecAPI: a helper container from image, as
// `docker run -it --rm --pid container:id --network container:id image sh`,
// removed (forced) when the session closes. The image is pulled if the
// engine does not have it.
func (d *Client) DebugStart(ctx context.Context, id, image string, size engine.TermSize) (engine.ExecSession, error) {
	ins, err := d.cli.ContainerInspect(ctx, id)
	if err != nil {
		return nil, d.classify(err, id)
	}
	if ins.State == nil || !ins.State.Running {
		return nil, &engine.Error{Kind: engine.ErrNotRunning, Ref: id, What: "container",
			Err: errors.New("container " + id + " is not running")}
	}
	if _, err := d.cli.ImageInspect(ctx, image); err != nil {
		if err := d.ImagePull(ctx, image, nil); err != nil {
			return nil, err
		}
	}
	var b [3]byte
	_, _ = rand.Read(b[:])
	name := "berth-debug-" + ins.Name[1:] + "-" + hex.EncodeToString(b[:])
	if len(ins.Name) < 2 {
		name = "berth-debug-" + hex.EncodeToString(b[:])
	}
	cfg := &container.Config{Image: image, Cmd: []string{"sh"}, Tty: true, OpenStdin: true,
		AttachStdin: true, AttachStdout: true, AttachStderr: true,
		Env: []string{"TERM=xterm-256color"}, Labels: map[string]string{DebugLabel: ins.ID, OwnerLabel: owner}}
	hc := &container.HostConfig{PidMode: container.PidMode("container:" + ins.ID),
		NetworkMode: container.NetworkMode("container:" + ins.ID)}
	created, err := d.cli.ContainerCreate(ctx, cfg, hc, nil, nil, name)
	if err != nil {
		return nil, d.classify(err, image)
	}
	remove := func() {
		rctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = d.cli.ContainerRemove(rctx, created.ID, container.RemoveOptions{Force: true})
	}
	hj, err := d.cli.ContainerAttach(ctx, created.ID, container.AttachOptions{Stream: true, Stdin: true, Stdout: true, Stderr: true})
	if err != nil {
		remove()
		return nil, d.classify(err, image)
	}
	if err := d.cli.ContainerStart(ctx, created.ID, container.StartOptions{}); err != nil {
		hj.Close()
		remove()
		return nil, d.classify(err, image)
	}
	s := &session{hj: hj, cmd: []string{"sh"}, onClose: remove,
		resize: func(ctx context.Context, sz engine.TermSize) error {
			return d.cli.ContainerResize(ctx, created.ID, resizeOptions(sz))
		},
		wait: func(ctx context.Context) (int, error) {
			okC, errC := d.cli.ContainerWait(ctx, created.ID, container.WaitConditionNotRunning)
			select {
			case r := <-okC:
				return int(r.StatusCode), d.stillRunning(ctx, id, int(r.StatusCode))
			case err := <-errC:
				return -1, d.classify(err, id)
			}
		},
	}
	_ = s.Resize(ctx, size)
	return s, nil
}

func consoleSize(s engine.TermSize) *[2]uint {
	if s.Cols <= 0 || s.Rows <= 0 {
		return nil
	}
	return &[2]uint{uint(s.Rows), uint(s.Cols)}
}

func resizeOptions(s engine.TermSize) container.ResizeOptions {
	return container.ResizeOptions{Height: uint(max(s.Rows, 1)), Width: uint(max(s.Cols, 1))}
}

// session is an engine.ExecSession over a hijacked connection.
type session struct {
	hj      types.HijackedResponse
	cmd     []string
	resize  func(context.Context, engine.TermSize) error
	wait    func(context.Context) (int, error)
	onClose func()
	once    sync.Once
}

func (s *session) Read(p []byte) (int, error) { return s.hj.Reader.Read(p) }

func (s *session) Write(p []byte) (int, error) { return s.hj.Conn.Write(p) }

func (s *session) Resize(ctx context.Context, size engine.TermSize) error {
	if size.Cols <= 0 || size.Rows <= 0 {
		return nil
	}
	return s.resize(ctx, size)
}

func (s *session) Wait(ctx context.Context) (int, error) { return s.wait(ctx) }

func (s *session) Command() []string { return s.cmd }

// Close ends the connection (the shell gets a hang-up) and removes a debug helper.
func (s *session) Close() error {
	s.once.Do(func() {
		s.hj.Close()
		if s.onClose != nil {
			s.onClose()
		}
	})
	return nil
}

var _ io.ReadWriteCloser = (*session)(nil)

func (u unusable) ExecStart(context.Context, string, []string, engine.TermSize) (engine.ExecSession, error) {
	return nil, u.err
}

func (u unusable) DebugStart(context.Context, string, string, engine.TermSize) (engine.ExecSession, error) {
	return nil, u.err
}
