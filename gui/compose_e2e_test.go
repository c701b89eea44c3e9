//go:build e2e

package gui

// Compose stacks against the REAL engine: a two-service file brought up
// from the dialog (Docker's compose code in berth-compose), its group in the
// Containers tab, the header's Stop and Start, Down from the dialog; and a
// project made by Debian's docker-compose 1.29, removed from its header.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"berth/engine"
	engact "berth/engine/activity"
	"berth/gui/compose"
	"berth/gui/containers"
	"berth/gui/present"
	"berth/internal/testbed"
)

// composeFile writes a two-service compose file of the test image: web
// publishes port on 127.0.0.1, api starts after web.
func composeFile(t *testing.T, image string, port int, version bool) string {
	t.Helper()
	head := ""
	if version {
		head = "version: \"3.8\"\n" // docker-compose 1.29 wants one
	}
	body := fmt.Sprintf(`%sservices:
  web:
    image: %s
    ports:
      - "127.0.0.1:%d:80"
  api:
    image: %s
    depends_on: [web]
`, head, image, port, image)
	p := filepath.Join(t.TempDir(), "compose.yaml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// cli runs the docker CLI and returns its output's lines.
func cli(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("docker", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("docker %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return strings.Fields(string(out))
}

// projectLeft lists what the engine still has of project: containers and networks.
func projectLeft(t *testing.T, project string) []string {
	t.Helper()
	label := "label=" + testbed.ComposeProjectLabel + "=" + project
	return append(cli(t, "ps", "-a", "--filter", label, "--format", "{{.Names}}"),
		cli(t, "network", "ls", "--filter", label, "--format", "{{.Name}}")...)
}

// stackStates are the states of project's containers, by the docker CLI, sorted.
func stackStates(t *testing.T, project string) []string {
	t.Helper()
	s := cli(t, "ps", "-a", "--filter", "label="+testbed.ComposeProjectLabel+"="+project, "--format", "{{.State}}")
	slices.Sort(s)
	return s
}

func TestComposeRealEngineUpGroupStopStartDown(t *testing.T) {
	testbed.ComposeHelper(t)
	e := realEnv(t)
	project := testbed.ComposeProject(t, "up", "web", "api")
	port := testbed.FreePort(t)
	path := composeFile(t, testbed.WebImage(t), port, false)

	var ended []string
	d := compose.Open(e.u.host, e.u.host.composeAPI(), path)
	d.SetOnAsync(func(what string) { ended = append(ended, what) })
	t.Cleanup(d.Close.OnTapped)
	e.wait("the file to load", func() bool { return slices.Contains(ended, "config") })
	if p := d.FileProblem(); p != "" {
		t.Fatalf("the file does not load: %s", p)
	}
	var services []string
	for _, s := range d.Config().Services {
		services = append(services, s.Name+" "+s.Image+" "+strings.Join(s.Ports, ","))
	}
	want := []string{"api " + testbed.WebImage(t) + " ", fmt.Sprintf("web %s 127.0.0.1:%d:80/tcp", testbed.WebImage(t), port)}
	if !slices.Equal(services, want) {
		t.Errorf("services %q, want %q", services, want)
	}
	d.Project.SetText(project)
	e.wait("Up to be enabled", func() bool { return !d.Up.Disabled() })
	d.Up.OnTapped()
	e.wait("the up", func() bool { return slices.Contains(ended, "up") })
	if r := d.Result(); !strings.Contains(r, project+" is up") {
		t.Fatalf("up: %s", r)
	}
	var steps []string
	for _, s := range d.Steps() {
		steps = append(steps, s.ID+" "+s.Status)
	}
	for _, w := range []string{"Network " + project + "_default Created", "Container " + project + "-web-1 Started", "Container " + project + "-api-1 Started"} {
		if !slices.Contains(steps, w) {
			t.Errorf("the progress does not show %q: %q", w, steps)
		}
	}
	if body := testbed.Get(t, fmt.Sprintf("http://127.0.0.1:%d/", port)); !strings.Contains(body, "Welcome to Berth") {
		t.Errorf("the web service says %q", body)
	}

	// The stack shows as a group of two, live from the engine's events.
	e.u.SetFilter(project)
	e.wait("the group", func() bool { return len(e.u.containers.StackMembers(project)) == 2 })
	members := e.u.containers.StackMembers(project)
	for _, id := range members {
		e.waitStatus(id, "Up")
	}

	// The header's Stop and Start act on the whole stack.
	e.u.containers.RunStackAction(project, containers.Stop)
	e.wait("the stack stopped", func() bool { return slices.Equal(stackStates(t, project), []string{"exited", "exited"}) })
	for _, id := range members {
		e.waitStatus(id, "Exited")
	}
	e.u.containers.RunStackAction(project, containers.Start)
	e.wait("the stack started", func() bool { return slices.Equal(stackStates(t, project), []string{"running", "running"}) })
	for _, id := range members {
		e.waitStatus(id, "Up")
	}

	// Down from the same file, after the question.
	d.Down.OnTapped()
	e.wait("the question", func() bool { return e.u.dialog != nil && e.u.dialog.Question.Title == "Take "+project+" down" })
	md := e.dialog()
	e.answer(md, "Down")
	e.wait("the down", func() bool { return slices.Contains(ended, "down") })
	if r := d.Result(); !strings.Contains(r, project+" is down") {
		t.Fatalf("down: %s", r)
	}
	if left := projectLeft(t, project); len(left) != 0 {
		t.Errorf("after Down the engine still has %q", left)
	}
	e.wait("the group to go", func() bool { return e.u.containers.StackMembers(project) == nil })

	// Activity lists the up and the down as Berth's, as their compose
	// commands, and none of the project's containers as done outside Berth.
	var own []string
	for _, en := range e.u.log.Entries() {
		if !strings.Contains(en.Object, project) {
			continue
		}
		if en.External && (en.Action == engact.ContainerCreate || en.Action == engact.ContainerStart || en.Action == engact.ContainerRemove) {
			t.Errorf("listed as done outside Berth: %+v", en)
		}
		if !en.External {
			own = append(own, en.What()+" | "+en.Command)
		}
	}
	up := fmt.Sprintf("Brought up %s | docker compose --file %s --project-name %s up --detach", project, path, project)
	down := fmt.Sprintf("Took down %s | docker compose --file %s --project-name %s down", project, path, project)
	if !slices.Contains(own, up) || !slices.Contains(own, down) {
		t.Errorf("Berth's own entries of the project %q", own)
	}
}

func TestComposeRealEngineDockerCompose129HeaderRemove(t *testing.T) {
	testbed.ComposeHelper(t)
	dc := testbed.DockerCompose(t)
	e := realEnv(t)
	project := testbed.ComposeProject(t, "dc129", "web", "api")
	path := composeFile(t, testbed.WebImage(t), testbed.FreePort(t), true)
	if out, err := exec.Command(dc, "-f", path, "-p", project, "up", "-d").CombinedOutput(); err != nil {
		t.Fatalf("docker-compose up: %v: %s", err, out)
	}
	e.u.SetFilter(project)
	e.wait("the group", func() bool { return len(e.u.containers.StackMembers(project)) == 2 })

	e.u.containers.RunStackAction(project, containers.Remove)
	e.wait("the question", func() bool { return e.u.dialog != nil && e.u.dialog.Question.Title == "Remove stack "+project })
	md := e.dialog()
	msg := md.Question.Message
	for _, w := range []string{project + "_web_1", project + "_api_1", "1 network: " + project + "_default", "2 running"} {
		if !strings.Contains(msg, w) {
			t.Errorf("the question %q does not name %q", msg, w)
		}
	}
	e.answer(md, "Remove")
	e.wait("the stack to go", func() bool { return len(projectLeft(t, project)) == 0 })
	e.wait("the group to go", func() bool { return e.u.containers.StackMembers(project) == nil })
}

func TestComposeRealEngineFileErrorNamesTheLine(t *testing.T) {
	testbed.ComposeHelper(t)
	e := realEnv(t)
	p := filepath.Join(t.TempDir(), "compose.yaml")
	if err := os.WriteFile(p, []byte("services:\n  web:\n    image: "+testbed.WebImage(t)+"\n    imagee: typo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var ended []string
	d := compose.Open(e.u.host, e.u.host.composeAPI(), p)
	d.SetOnAsync(func(what string) { ended = append(ended, what) })
	t.Cleanup(d.Close.OnTapped)
	e.wait("the file to load", func() bool { return slices.Contains(ended, "config") })
	if got, want := d.FileProblem(), "Line 4 of compose.yaml: services.web additional properties 'imagee' not allowed."; got != want {
		t.Errorf("the dialog says %q, want %q", got, want)
	}
	if !d.Up.Disabled() {
		t.Error("Up is enabled for a file that does not load")
	}
	// A YAML syntax error: the loader names the line itself.
	if err := os.WriteFile(p, []byte("services:\n  web:\n    image: x\n    ports: [80\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := e.u.host.composeAPI().ComposeConfig(e.u.ctx, engine.ComposeFile{Path: p})
	if ee := engine.AsError(err); ee == nil || ee.Kind != engine.ErrComposeFile || ee.Line == 0 {
		t.Errorf("a YAML syntax error: %v", err)
	} else if got, want := present.Explain(err), fmt.Sprintf("Line %d of compose.yaml: did not find expected ',' or ']'.", ee.Line); got != want {
		t.Errorf("a YAML syntax error reads %q, want %q", got, want)
	}
}
