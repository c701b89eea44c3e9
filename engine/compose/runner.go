package compose

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"berth/engine"
)

// Program is the helper's name: Berth looks for it next to its own
// executable, then on PATH.
const Program = "berth-compose"

// EnvProgram, when set, is the helper to run (tests point it at the one they built).
const EnvProgram = "BERTH_COMPOSE"

// Runner is engine.ComposeAPI over the berth-compose program, for the
// engine at Endpoint.
type Runner struct {
	Endpoint engine.Endpoint
	// Program is the helper to run; "" finds it (Find) at each call.
	Program string
}

var _ engine.ComposeAPI = (*Runner)(nil)

// New is a Runner for the engine at ep.
func New(ep engine.Endpoint) *Runner { return &Runner{Endpoint: ep} }

// Find is the helper program: $BERTH_COMPOSE, else berth-compose next to
// the running executable, else on PATH. The error is an *engine.Error of
// kind ErrNoComposeHelper whose Ref says where it was looked for.
func Find() (string, error) {
	if p := os.Getenv(EnvProgram); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", &engine.Error{Kind: engine.ErrNoComposeHelper, Ref: p, Err: err}
		}
		return p, nil
	}
	dir := ""
	if exe, err := os.Executable(); err == nil {
		if resolved, err := filepath.EvalSymlinks(exe); err == nil {
			exe = resolved
		}
		dir = filepath.Dir(exe)
		p := filepath.Join(dir, Program)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath(Program); err == nil {
		return p, nil
	}
	return "", &engine.Error{Kind: engine.ErrNoComposeHelper, Ref: dir,
		Err: fmt.Errorf("%s is neither in %s nor on PATH", Program, dir)}
}

// ComposeConfig runs `berth-compose config`.
func (r *Runner) ComposeConfig(ctx context.Context, f engine.ComposeFile) (engine.ComposeConfig, error) {
	var c engine.ComposeConfig
	err := r.run(ctx, args("config", f), func(l Line) {
		if l.Kind == KindConfig && l.Config != nil {
			c = *l.Config
		}
	})
	return c, err
}

// ComposeUp runs `berth-compose up`.
func (r *Runner) ComposeUp(ctx context.Context, f engine.ComposeFile, progress func(engine.ComposeStep)) error {
	return r.run(ctx, args("up", f), stepsTo(progress))
}

// ComposeDown runs `berth-compose down`.
func (r *Runner) ComposeDown(ctx context.Context, f engine.ComposeFile, progress func(engine.ComposeStep)) error {
	return r.run(ctx, args("down", f), stepsTo(progress))
}

// ComposeResources runs `berth-compose ps`.
func (r *Runner) ComposeResources(ctx context.Context, project string) (engine.ComposeResources, error) {
	res := engine.ComposeResources{Project: project}
	err := r.run(ctx, args("ps", engine.ComposeFile{Project: project}), func(l Line) {
		if l.Kind == KindResources && l.Resources != nil {
			res = *l.Resources
		}
	})
	return res, err
}

func args(sub string, f engine.ComposeFile) []string {
	a := []string{sub}
	if f.Path != "" {
		a = append(a, "-f", f.Path)
	}
	if f.Project != "" {
		a = append(a, "-p", f.Project)
	}
	return a
}

// stepsTo hands the progress lines to progress as steps.
func stepsTo(progress func(engine.ComposeStep)) func(Line) {
	return func(l Line) {
		if l.Kind == KindProgress && l.ID != "" && !l.Tail && progress != nil {
			progress(Step(l))
		}
	}
}

// Step is a progress line as a step, its state read from compose's word.
func Step(l Line) engine.ComposeStep {
	return engine.ComposeStep{ID: l.ID, Parent: l.ParentID, Text: l.Text, Status: l.Status, State: StateOf(l.Status),
		Current: l.Current, Total: l.Total, Percent: l.Percent}
}

// StateOf reads a step's state from compose's word for it: its JSON
// progress carries the word ("Started", "Error", "Resource is still in
// use") but not compose's own state.
func StateOf(status string) engine.ComposeStepState {
	s := strings.ToLower(status)
	switch {
	case strings.HasPrefix(s, "error"):
		return engine.StepError
	case strings.HasPrefix(s, "warning"), strings.Contains(s, "still in use"), strings.Contains(s, "no resource found"):
		return engine.StepWarning
	case s == "running": // the container runs: done
	case strings.HasSuffix(s, "ing"), s == "recreate":
		return engine.StepWorking
	}
	return engine.StepDone
}

// killGrace is how long the helper has to stop after Berth asks it to
// (compose stops what it started), before it is killed.
const killGrace = 15 * time.Second

// run runs the helper with a, handing each line of its output to each; the
// error is the helper's own error line, else its exit.
func (r *Runner) run(ctx context.Context, a []string, each func(Line)) error {
	prog := r.Program
	if prog == "" {
		var err error
		if prog, err = Find(); err != nil {
			return err
		}
	}
	cmd := exec.CommandContext(ctx, prog, a...)
	cmd.Env = Env(os.Environ(), r.Endpoint)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = killGrace
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return &engine.Error{Kind: engine.ErrOther, Ref: prog, Err: err}
	}
	if err := cmd.Start(); err != nil {
		return &engine.Error{Kind: engine.ErrNoComposeHelper, Ref: prog, Err: err}
	}
	var last *WireError
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		var l Line
		if json.Unmarshal(sc.Bytes(), &l) != nil {
			continue // not ours: a stray print of the compose code
		}
		if l.Kind == KindError {
			last = l.Error
			continue
		}
		each(l)
	}
	werr := cmd.Wait()
	switch {
	case ctx.Err() != nil:
		return &engine.Error{Kind: engine.ErrCanceled, Err: ctx.Err()}
	case last != nil:
		return errorOf(last, r.Endpoint)
	case werr != nil:
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = werr.Error()
		}
		return &engine.Error{Kind: engine.ErrOther, Ref: filepath.Base(prog), Err: errors.New(msg)}
	}
	return nil
}

// errorOf is a helper's error as an *engine.Error.
func errorOf(w *WireError, ep engine.Endpoint) error {
	err := errors.New(w.Message)
	switch {
	case w.File != "":
		return &engine.Error{Kind: engine.ErrComposeFile, Ref: w.File, Line: w.Line, Err: err}
	case strings.Contains(w.Message, "Cannot connect to the Docker daemon"), strings.Contains(w.Message, "connection refused"):
		return &engine.Error{Kind: engine.ErrUnreachable, Ref: ep.Host, Err: err}
	case strings.Contains(w.Message, "port is already allocated"), strings.Contains(w.Message, "address already in use"):
		return &engine.Error{Kind: engine.ErrPortAllocated, Err: err}
	case strings.Contains(w.Message, "No such image"), strings.Contains(w.Message, "not found"), strings.Contains(w.Message, "manifest unknown"):
		return &engine.Error{Kind: engine.ErrImageNotInRegistry, Err: err}
	}
	return &engine.Error{Kind: engine.ErrOther, Err: err}
}

// Env is environ with the engine of ep in DOCKER_HOST (and its TLS files
// in DOCKER_CERT_PATH and DOCKER_TLS_VERIFY), in place of the docker CLI's
// own variables: the helper talks to the engine Berth shows, whatever the
// environment or the CLI's current context say.
func Env(environ []string, ep engine.Endpoint) []string {
	out := make([]string, 0, len(environ)+3)
	for _, kv := range environ {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY", "DOCKER_TLS":
			continue
		}
		out = append(out, kv)
	}
	if ep.Host != "" {
		out = append(out, "DOCKER_HOST="+ep.Host)
	}
	if t := ep.TLS; t != nil {
		dir := filepath.Dir(t.CertFile)
		if t.CertFile == "" {
			dir = filepath.Dir(t.CAFile)
		}
		out = append(out, "DOCKER_CERT_PATH="+dir)
		if t.Verify {
			out = append(out, "DOCKER_TLS_VERIFY=1")
		}
	}
	return out
}
