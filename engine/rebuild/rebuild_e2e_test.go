//go:build e2e

package rebuild_test

// Round trips against real engines: a container made with many options by
// the docker CLI, and one by Debian's docker-compose 1.29, rebuilt as a
// docker run command and as a compose service, which are run on the second,
// clean engine of scripts/engines.sh; the copy's inspect must match the
// original's on what the rebuild covers.

import (
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/rebuild"
	"berth/internal/testbed"
)

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func client(t *testing.T, host string) *engine.Client {
	ep := docker.ResolveEndpoint()
	if host != "" {
		ep = engine.Endpoint{Host: host}
	}
	c := docker.New(ep)
	t.Cleanup(func() { c.Close() })
	return c
}

// cli runs a command with DOCKER_HOST=host ("" for the main engine) in dir
// and returns its output; it fails the test when the command fails.
func cli(t *testing.T, host, dir string, args ...string) string {
	t.Helper()
	out, err := run(host, dir, args...)
	if err != nil {
		t.Fatalf("%s: %v\n%s", rebuild.Join(args), err, out)
	}
	return out
}

func run(host, dir string, args ...string) (string, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = os.Environ()
	if host != "" {
		cmd.Env = append(cmd.Env, "DOCKER_HOST="+host)
	}
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// cleanup runs a command when the test ends, reporting (not failing on) an error.
func cleanup(t *testing.T, host, dir string, args ...string) {
	t.Cleanup(func() {
		if out, err := run(host, dir, args...); err != nil && !strings.Contains(out, "No such") && !strings.Contains(out, "not found") {
			t.Logf("cleanup %s: %v\n%s", rebuild.Join(args), err, out)
		}
	})
}

// suffix is a random name part of this test's own.
func suffix(t *testing.T) string {
	return strings.TrimPrefix(testbed.Name(t, "x"), testbed.Prefix+"x-")
}

// comparable is what the rebuild covers of a container, as inspect says it.
type comparable struct {
	Image, Name, WorkingDir, User, Hostname string
	Tty                                     bool
	Cmd, Entrypoint, Env                    []string
	Labels                                  map[string]string
	Restart                                 engine.RestartPolicy
	MaxRetries                              int
	Ports                                   []engine.PortBinding
	Mounts                                  []string
	Networks                                []string // name and aliases (but the short ID's)
}

func compared(d engine.ContainerDetails, dropLabels ...string) comparable {
	c := comparable{Image: d.Image, Name: d.Name, WorkingDir: d.WorkingDir, User: d.User, Hostname: d.Hostname, Tty: d.Tty,
		Cmd: d.Cmd, Entrypoint: d.Entrypoint, Env: slices.Sorted(slices.Values(d.Env)), Labels: maps.Clone(d.Labels),
		Restart: d.Restart, MaxRetries: d.MaxRetries, Ports: d.PortConfig}
	if c.Hostname == d.ID[:12] {
		c.Hostname = "<short ID>"
	}
	for _, k := range dropLabels {
		delete(c.Labels, k)
	}
	for _, m := range d.Mounts {
		name := m.Name
		if m.Type == engine.MountBind {
			name = m.Source
		} else if len(name) == 64 {
			name = "<anonymous>"
		}
		c.Mounts = append(c.Mounts, fmt.Sprintf("%s %s %s ro=%v", m.Type, name, m.Destination, m.ReadOnly))
	}
	slices.Sort(c.Mounts)
	for _, n := range d.Networks {
		var al []string
		for _, a := range n.Aliases {
			if a != d.ID[:12] {
				al = append(al, a)
			}
		}
		slices.Sort(al)
		c.Networks = append(c.Networks, n.Name+" "+strings.Join(al, ","))
	}
	return c
}

func assertSame(t *testing.T, orig, copy comparable) {
	t.Helper()
	check := func(what string, a, b any) {
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("%s: original %v, copy %v", what, a, b)
		}
	}
	check("image", orig.Image, copy.Image)
	check("name", orig.Name, copy.Name)
	check("working dir", orig.WorkingDir, copy.WorkingDir)
	check("user", orig.User, copy.User)
	check("hostname", orig.Hostname, copy.Hostname)
	check("tty", orig.Tty, copy.Tty)
	check("cmd", orig.Cmd, copy.Cmd)
	check("entrypoint", orig.Entrypoint, copy.Entrypoint)
	check("env", orig.Env, copy.Env)
	check("labels", orig.Labels, copy.Labels)
	check("restart", orig.Restart, copy.Restart)
	check("max retries", orig.MaxRetries, copy.MaxRetries)
	check("ports", orig.Ports, copy.Ports)
	check("mounts", orig.Mounts, copy.Mounts)
	check("networks", orig.Networks, copy.Networks)
}

// inspect reads a container and its image's config through Berth's engine client.
func inspect(t *testing.T, c *engine.Client, name string) (engine.ContainerDetails, engine.ImageConfig) {
	t.Helper()
	ctx := ctxT(t)
	d, _, err := c.Inspect.ContainerInspect(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	img, err := c.ImageDetails.ImageConfig(ctx, d.Image)
	if err != nil {
		t.Fatal(err)
	}
	return d, img
}

func waitRunning(t *testing.T, c *engine.Client, name string) {
	t.Helper()
	for i := 0; ; i++ {
		d, _, err := c.Inspect.ContainerInspect(ctxT(t), name)
		if err == nil && d.State == engine.StateRunning {
			return
		}
		if i == 100 {
			t.Fatalf("%s is not running: %v %+v", name, err, d.State)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestRealRebuildDockerRun: a container made by the docker CLI with many
// options, its rebuilt docker run (revealed) run on the clean engine.
func TestRealRebuildDockerRun(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	second := testbed.EnginesBed(t).Docker
	img := testbed.RebuildImage(t)
	main, other := client(t, ""), client(t, second)
	sfx := suffix(t)
	net1, net2 := "berthtest-rb-front-"+sfx, "berthtest-rb-back-"+sfx
	vol1, vol2 := "berthtest-rb-data-"+sfx, "berthtest-rb-conf-"+sfx
	bind1, bind2 := t.TempDir(), filepath.Join(t.TempDir(), "my conf")
	if err := os.MkdirAll(bind2, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, host := range []string{"", second} {
		for _, n := range []string{net1, net2} {
			cli(t, host, "", "docker", "network", "create", n)
			cleanup(t, host, "", "docker", "network", "rm", n)
		}
		for _, v := range []string{vol1, vol2} {
			cli(t, host, "", "docker", "volume", "create", v)
			cleanup(t, host, "", "docker", "volume", "rm", "-f", v)
		}
	}
	name := testbed.Name(t, "rebuild-run")
	port, udp := testbed.FreePort(t), testbed.FreePort(t)
	cli(t, "", "", "docker", "run", "-d", "--name", name, "--hostname", "rb-host", "--user", "1000:1000", "--workdir", "/tmp",
		"-p", "127.0.0.1:"+strconv.Itoa(port)+":8080", "-p", strconv.Itoa(udp)+":53/udp", "-p", "9000",
		"-e", "PORT=8080", "-e", "GREETING=it's me", "-e", "DB_PASSWORD=hunter2", "-e", "IMAGE_VAR=overridden",
		"-v", bind1+":/data", "-v", bind2+":/conf:ro", "-v", vol1+":/var/lib/db", "-v", vol2+":/srv/static:ro", "-v", "/scratch",
		"--network", net1, "--network-alias", "shop", "--restart", "on-failure:2",
		"--label", "app=shop", "--label", "tier=web", "--label", "berth.rebuild=changed",
		"-t", "--entrypoint", "/web", img, "serve", "--fast")
	cli(t, "", "", "docker", "network", "connect", "--alias", "backend-web", net2, name)
	waitRunning(t, main, name)

	d, cfg := inspect(t, main, name)
	cmd := rebuild.Run(d, cfg, rebuild.Options{Reveal: true, Secret: func(n string) bool { return strings.Contains(n, "PASSWORD") }})
	t.Logf("rebuilt:\n%s", cmd.Script())
	masked := rebuild.Run(d, cfg, rebuild.Options{Secret: func(n string) bool { return strings.Contains(n, "PASSWORD") }})
	if strings.Contains(masked.Script(), "hunter2") || !strings.Contains(cmd.Line(), "DB_PASSWORD=hunter2") {
		t.Errorf("the secret is masked unless revealed:\n%s", masked.Script())
	}
	for _, not := range []string{"IMAGE_VAR=from-image", "berth.rebuild=image", "PATH=", "--image-cmd", "/cache"} {
		if strings.Contains(cmd.Script(), not) {
			t.Errorf("the command repeats the image's %s:\n%s", not, cmd.Script())
		}
	}

	testbed.LoadInto(t, second, img)
	cleanup(t, second, "", "docker", "image", "rm", "-f", img)
	cleanup(t, second, "", "docker", "rm", "-f", "-v", name)
	cli(t, second, "", cmd.Args...)
	for _, c := range cmd.Connect {
		cli(t, second, "", c...)
	}
	waitRunning(t, other, name)
	d2, _ := inspect(t, other, name)
	orig, copy := compared(d), compared(d2)
	// -p 9000: the engine picks a host port, on each engine its own.
	assertSame(t, orig, copy)
	if len(d2.PortConfig) != 3 || d2.Tty != true || d2.Hostname != "rb-host" {
		t.Errorf("the copy: %+v", d2)
	}
}

// TestRealRebuildCompose: a container made by Debian's docker-compose 1.29,
// rebuilt as a compose service that docker-compose brings up on the clean
// engine, and as a docker run command run there too.
func TestRealRebuildCompose(t *testing.T) {
	if _, err := exec.LookPath("docker-compose"); err != nil {
		t.Fatal("docker-compose (Debian's 1.29) is missing: apt-get install docker-compose")
	}
	second := testbed.EnginesBed(t).Docker
	img := testbed.RebuildImage(t)
	main, other := client(t, ""), client(t, second)
	project := "berthtest" + strings.ReplaceAll(suffix(t), "-", "")
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	port := testbed.FreePort(t)
	orig := fmt.Sprintf(`version: "3.7"
services:
  web:
    image: %s
    environment:
      - MODE=prod
      - API_TOKEN=t0ken
    ports:
      - "127.0.0.1:%d:80"
    volumes:
      - static:/static:ro
      - ./data:/data
    labels:
      shop.role: front
    restart: unless-stopped
    command: ["--mode", "prod"]
    networks:
      front:
        aliases: [shop-front]
volumes:
  static: {}
networks:
  front: {}
`, img, port)
	if err := os.WriteFile(filepath.Join(dir, "docker-compose.yml"), []byte(orig), 0o644); err != nil {
		t.Fatal(err)
	}
	cleanup(t, "", dir, "docker-compose", "-p", project, "down", "-v", "--remove-orphans")
	cli(t, "", dir, "docker-compose", "-p", project, "up", "-d")
	name := project + "_web_1"
	waitRunning(t, main, name)
	d, cfg := inspect(t, main, name)

	y, err := rebuild.Service(d, cfg, rebuild.Options{Reveal: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("rebuilt:\n%s", y)
	gen := t.TempDir()
	if err := os.WriteFile(filepath.Join(gen, "compose.yaml"), []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	testbed.LoadInto(t, second, img)
	cleanup(t, second, "", "docker", "image", "rm", "-f", img)
	cleanup(t, second, gen, "docker-compose", "-p", project, "-f", "compose.yaml", "down", "-v", "--remove-orphans")
	cli(t, second, gen, "docker-compose", "-p", project, "-f", "compose.yaml", "up", "-d")
	waitRunning(t, other, name)
	d2, _ := inspect(t, other, name)
	// compose writes its own labels again: the config hash differs (another file), the rest is the same.
	drop := []string{"com.docker.compose.config-hash", "com.docker.compose.project.config_files", "com.docker.compose.project.working_dir"}
	a, b := compared(d, drop...), compared(d2, drop...)
	assertSame(t, a, b)
	if d2.Labels["com.docker.compose.service"] != "web" || d2.Labels["com.docker.compose.project"] != project {
		t.Errorf("the copy is the same project's service web: %v", d2.Labels)
	}

	// The same container as a docker run command, on the clean engine, after compose took its copy down.
	cli(t, second, gen, "docker-compose", "-p", project, "-f", "compose.yaml", "down")
	cmd := rebuild.Run(d, cfg, rebuild.Options{Reveal: true})
	t.Logf("rebuilt:\n%s", cmd.Script())
	nets := map[string]bool{}
	for _, n := range d.Networks {
		nets[n.Name] = true
	}
	for n := range nets {
		cli(t, second, "", "docker", "network", "create", n)
		cleanup(t, second, "", "docker", "network", "rm", n)
	}
	cleanup(t, second, "", "docker", "rm", "-f", "-v", name)
	cli(t, second, "", cmd.Args...)
	waitRunning(t, other, name)
	d3, _ := inspect(t, other, name)
	c := compared(d3)
	// The run copy is no compose container: it has none of compose's labels.
	for k := range c.Labels {
		if strings.HasPrefix(k, "com.docker.compose.") {
			t.Errorf("the docker run copy has compose's label %s", k)
		}
	}
	o := compared(d)
	for k := range o.Labels {
		if strings.HasPrefix(k, "com.docker.compose.") {
			delete(o.Labels, k)
		}
	}
	// compose's alias of the service goes: the run copy has no service.
	o.Networks = slices.Clone(o.Networks)
	for i, n := range o.Networks {
		name, al, _ := strings.Cut(n, " ")
		o.Networks[i] = name + " " + strings.Join(slices.DeleteFunc(strings.Split(al, ","), func(s string) bool { return s == "web" }), ",")
	}
	assertSame(t, o, c)
}
