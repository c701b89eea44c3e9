package compose

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"berth/engine"
)

// fakeHelper writes a shell script that answers as berth-compose would,
// recording its arguments and environment.
func fakeHelper(t *testing.T, body string) (*Runner, string) {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, Program)
	script := "#!/bin/sh\necho \"$@\" >" + filepath.Join(dir, "args") + "\nenv >" + filepath.Join(dir, "env") + "\n" + body
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return &Runner{Endpoint: engine.Endpoint{Host: "unix:///run/other.sock"}, Program: p}, dir
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRunnerConfig(t *testing.T) {
	r, dir := fakeHelper(t, `echo 'not json: a stray print'
echo '{"kind":"config","config":{"Project":"demo","Services":[{"Name":"web","Image":"nginx","Ports":["8080:80/tcp"]}]}}'`)
	t.Setenv("DOCKER_HOST", "tcp://elsewhere:2375")
	t.Setenv("DOCKER_CONTEXT", "remote")
	c, err := r.ComposeConfig(context.Background(), engine.ComposeFile{Path: "/x/compose.yaml", Project: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Project != "demo" || len(c.Services) != 1 || c.Services[0].Ports[0] != "8080:80/tcp" {
		t.Errorf("config %+v", c)
	}
	if got := strings.TrimSpace(read(t, filepath.Join(dir, "args"))); got != "config -f /x/compose.yaml -p demo" {
		t.Errorf("args %q", got)
	}
	env := read(t, filepath.Join(dir, "env"))
	if !strings.Contains(env, "DOCKER_HOST=unix:///run/other.sock\n") || strings.Contains(env, "elsewhere") || strings.Contains(env, "DOCKER_CONTEXT") {
		t.Errorf("the helper does not get Berth's engine alone:\n%s", env)
	}
}

func TestRunnerUpReportsSteps(t *testing.T) {
	r, _ := fakeHelper(t, `echo '{"id":"Network demo_default","status":"Creating"}'
echo '{"id":"Network demo_default","status":"Created"}'
echo '{"id":"Image nginx","status":"Pulling","percent":40}'
echo '{"tail":true,"text":"a tail message"}'
echo '{"id":"Container demo-web-1","status":"Error"}'
echo '{"kind":"done"}'`)
	var steps []string
	err := r.ComposeUp(context.Background(), engine.ComposeFile{Path: "c.yaml"}, func(s engine.ComposeStep) {
		steps = append(steps, s.ID+"|"+s.Status+"|"+string(s.State))
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Network demo_default|Creating|working", "Network demo_default|Created|done", "Image nginx|Pulling|working", "Container demo-web-1|Error|error"}
	if !slices.Equal(steps, want) {
		t.Errorf("steps %q, want %q", steps, want)
	}
}

func TestRunnerFileErrorNamesTheLine(t *testing.T) {
	r, _ := fakeHelper(t, `echo '{"kind":"error","error":{"file":"/x/compose.yaml","line":4,"message":"validating /x/compose.yaml: services.web additional properties '"'"'imagee'"'"' not allowed"}}'
exit 1`)
	_, err := r.ComposeConfig(context.Background(), engine.ComposeFile{Path: "/x/compose.yaml"})
	e := engine.AsError(err)
	if e == nil || e.Kind != engine.ErrComposeFile || e.Ref != "/x/compose.yaml" || e.Line != 4 {
		t.Fatalf("error %#v", err)
	}
}

func TestRunnerEngineErrorsAndExits(t *testing.T) {
	r, _ := fakeHelper(t, `echo '{"kind":"error","error":{"message":"Cannot connect to the Docker daemon at unix:///run/other.sock. Is the docker daemon running?"}}'
exit 1`)
	err := r.ComposeDown(context.Background(), engine.ComposeFile{Project: "demo"}, nil)
	if !engine.IsKind(err, engine.ErrUnreachable) || engine.AsError(err).Ref != "unix:///run/other.sock" {
		t.Errorf("unreachable: %v", err)
	}
	r, _ = fakeHelper(t, `echo 'panic: something' >&2; exit 2`)
	_, err = r.ComposeResources(context.Background(), "demo")
	if err == nil || !strings.Contains(engine.Raw(err), "panic: something") {
		t.Errorf("a crash: %v", err)
	}
}

func TestFindSaysWhereItLooked(t *testing.T) {
	t.Setenv(EnvProgram, "")
	t.Setenv("PATH", t.TempDir())
	_, err := Find()
	if !engine.IsKind(err, engine.ErrNoComposeHelper) {
		t.Fatalf("Find without a helper: %v", err)
	}
	t.Setenv(EnvProgram, "/nowhere/berth-compose")
	if _, err := Find(); !engine.IsKind(err, engine.ErrNoComposeHelper) || engine.AsError(err).Ref != "/nowhere/berth-compose" {
		t.Errorf("Find with a missing $BERTH_COMPOSE: %v", err)
	}
	r := &Runner{}
	if _, err := r.ComposeConfig(context.Background(), engine.ComposeFile{Path: "x"}); !engine.IsKind(err, engine.ErrNoComposeHelper) {
		t.Errorf("a call without a helper: %v", err)
	}
}

func TestStateOf(t *testing.T) {
	for status, want := range map[string]engine.ComposeStepState{
		"Creating": engine.StepWorking, "Created": engine.StepDone, "Started": engine.StepDone, "Pulling": engine.StepWorking,
		"Recreate": engine.StepWorking, "Running": engine.StepDone, "Healthy": engine.StepDone, "Error": engine.StepError,
		"Error while Stopping": engine.StepError, "Resource is still in use": engine.StepWarning,
		"Warning: No resource found to remove": engine.StepWarning, "Removed": engine.StepDone, "Waiting": engine.StepWorking,
	} {
		if got := StateOf(status); got != want {
			t.Errorf("StateOf(%q) = %s, want %s", status, got, want)
		}
	}
}

func TestEnvPassesTLS(t *testing.T) {
	env := Env([]string{"PATH=/bin", "DOCKER_TLS_VERIFY=", "DOCKER_CERT_PATH=/old"}, engine.Endpoint{Host: "tcp://h:2376",
		TLS: &engine.TLSFiles{CAFile: "/c/ca.pem", CertFile: "/c/cert.pem", KeyFile: "/c/key.pem", Verify: true}})
	want := []string{"PATH=/bin", "DOCKER_HOST=tcp://h:2376", "DOCKER_CERT_PATH=/c", "DOCKER_TLS_VERIFY=1"}
	if !slices.Equal(env, want) {
		t.Errorf("env %q, want %q", env, want)
	}
}
