package enginetest

import (
	"context"
	"io"
	"sync"

	"berth/engine"
)

var _ engine.ExecAPI = (*Engine)(nil)

// ExecFuncs are the fake's exec calls; set them on Engine.Exec. A nil
// ExecStart (or DebugStart) starts a new Session, kept in Sessions.
type ExecFuncs struct {
	ExecStart  func(ctx context.Context, id string, cmd []string, size engine.TermSize) (engine.ExecSession, error)
	DebugStart func(ctx context.Context, id, image string, size engine.TermSize) (engine.ExecSession, error)
}

// ExecStart implements engine.ExecAPI.
func (f *Engine) ExecStart(ctx context.Context, id string, cmd []string, size engine.TermSize) (engine.ExecSession, error) {
	f.record("Exec " + id)
	if fn := f.Exec.ExecStart; fn != nil {
		return fn(ctx, id, cmd, size)
	}
	if len(cmd) == 0 {
		cmd = []string{"/bin/sh"}
	}
	return f.newSession(cmd, size), nil
}

// DebugStart implements engine.ExecAPI.
func (f *Engine) DebugStart(ctx context.Context, id, image string, size engine.TermSize) (engine.ExecSession, error) {
	f.record("Debug " + id + " " + image)
	if fn := f.Exec.DebugStart; fn != nil {
		return fn(ctx, id, image, size)
	}
	return f.newSession([]string{"sh"}, size), nil
}

func (f *Engine) newSession(cmd []string, size engine.TermSize) *Session {
	s := NewSession(cmd...)
	s.sizes = append(s.sizes, size)
	f.mu.Lock()
	f.sessions = append(f.sessions, s)
	f.mu.Unlock()
	return s
}

// Sessions are the sessions the nil-func ExecStart and DebugStart started, oldest first.
func (f *Engine) Sessions() []*Session {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*Session(nil), f.sessions...)
}

// Session is a fake engine.ExecSession: the test feeds its output with
// Output, reads what the terminal typed with Input, and ends it with Exit.
type Session struct {
	cmd []string

	mu     sync.Mutex
	cond   *sync.Cond
	out    []byte
	in     []byte
	sizes  []engine.TermSize
	exited bool
	code   int
	werr   error
	closed bool
	done   chan struct{}
}

// NewSession is a running session of cmd.
func NewSession(cmd ...string) *Session {
	s := &Session{cmd: cmd, done: make(chan struct{})}
	s.cond = sync.NewCond(&s.mu)
	return s
}

// Output makes p the process's next output.
func (s *Session) Output(p string) {
	s.mu.Lock()
	s.out = append(s.out, p...)
	s.mu.Unlock()
	s.cond.Broadcast()
}

// Exit ends the process with code: Read returns io.EOF once its output is read.
func (s *Session) Exit(code int) {
	s.mu.Lock()
	if !s.exited {
		s.exited, s.code = true, code
		close(s.done)
	}
	s.mu.Unlock()
	s.cond.Broadcast()
}

// Stop ends the process as its container stopping does: Wait answers ErrNotRunning.
func (s *Session) Stop() {
	s.mu.Lock()
	s.werr = &engine.Error{Kind: engine.ErrNotRunning, What: "container"}
	s.mu.Unlock()
	s.Exit(137)
}

// Input is everything written to the session so far.
func (s *Session) Input() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.in)
}

// Sizes are the sizes the session started with and was resized to.
func (s *Session) Sizes() []engine.TermSize {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]engine.TermSize(nil), s.sizes...)
}

// Closed reports whether Close was called.
func (s *Session) Closed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

func (s *Session) Read(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.out) == 0 && !s.exited && !s.closed {
		s.cond.Wait()
	}
	if len(s.out) == 0 {
		return 0, io.EOF
	}
	n := copy(p, s.out)
	s.out = s.out[n:]
	return n, nil
}

func (s *Session) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || s.exited {
		return 0, io.ErrClosedPipe
	}
	s.in = append(s.in, p...)
	return len(p), nil
}

func (s *Session) Resize(_ context.Context, size engine.TermSize) error {
	s.mu.Lock()
	s.sizes = append(s.sizes, size)
	s.mu.Unlock()
	return nil
}

func (s *Session) Wait(ctx context.Context) (int, error) {
	select {
	case <-s.done:
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.code, s.werr
	case <-ctx.Done():
		return -1, ctx.Err()
	}
}

func (s *Session) Command() []string { return s.cmd }

func (s *Session) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.cond.Broadcast()
	s.Exit(-1)
	return nil
}
