package rebuild

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"berth/engine"
)

var update = flag.Bool("update", false, "write the golden files in testdata/")

// secret is a small stand-in for present.IsSecretName (engine may not import gui).
func secret(name string) bool {
	n := strings.ToUpper(name)
	return strings.Contains(n, "PASSWORD") || strings.Contains(n, "SECRET") || strings.Contains(n, "TOKEN")
}

const id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

var webImage = engine.ImageConfig{
	Entrypoint:   []string{"/web"},
	Env:          []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "IMAGE_VAR=from-image"},
	Labels:       map[string]string{"org.opencontainers.image.title": "web", "berth.hash": "abc"},
	ExposedPorts: []string{"80/tcp"},
	WorkingDir:   "/",
	Volumes:      []string{"/cache"},
}

// plain is a container made by `docker run -d --name web localhost:5000/web:1`.
func plain() engine.ContainerDetails {
	return engine.ContainerDetails{
		ID: id, Name: "web", Image: "localhost:5000/web:1", Entrypoint: []string{"/web"}, WorkingDir: "/",
		Hostname: id[:12], Env: webImage.Env, Labels: map[string]string{"org.opencontainers.image.title": "web", "berth.hash": "abc"},
		Restart: engine.RestartNo, NetworkMode: "default",
		Networks: []engine.NetworkAttachment{{Name: "bridge", IPAddress: "172.17.0.2/16"}},
		Mounts:   []engine.Mount{{Type: engine.MountVolume, Name: strings.Repeat("ab", 32), Destination: "/cache"}},
		Ports:    []engine.PortBinding{{ContainerPort: 80, Proto: "tcp"}},
	}
}

// many is a container made with most options docker run has.
func many() engine.ContainerDetails {
	d := plain()
	d.Name = "shop-db"
	d.Hostname = "db.local"
	d.User = "1000:1000"
	d.WorkingDir = "/srv/app"
	d.Tty = true
	d.Env = append(slices.Clone(webImage.Env), "GREETING=it's me", "DB_PASSWORD=hunter2", "API_TOKEN=", "IMAGE_VAR=overridden")
	d.Labels = map[string]string{"org.opencontainers.image.title": "web", "berth.hash": "changed", "app": "shop",
		"tier": "db", "com.docker.desktop.extension": "x", "secret.token": "s3cret"}
	d.Restart, d.MaxRetries = engine.RestartOnFailure, 3
	d.NetworkMode = "shopnet"
	d.Networks = []engine.NetworkAttachment{
		{Name: "backend", Aliases: []string{id[:12], "shop-db", "database"}},
		{Name: "shopnet", Aliases: []string{id[:12], "db"}},
	}
	d.Mounts = []engine.Mount{
		{Type: engine.MountBind, Source: "/srv/my data", Destination: "/data"},
		{Type: engine.MountBind, Source: "/etc/shop", Destination: "/etc/shop", ReadOnly: true},
		{Type: engine.MountVolume, Name: "shop-db-data", Source: "/var/lib/docker/volumes/shop-db-data/_data", Destination: "/var/lib/db"},
		{Type: engine.MountVolume, Name: strings.Repeat("cd", 32), Destination: "/scratch"},
		{Type: engine.MountVolume, Name: strings.Repeat("ab", 32), Destination: "/cache"},
		{Type: engine.MountTmpfs, Destination: "/run/tmp"},
	}
	d.PortConfig = []engine.PortBinding{
		{HostPort: 5353, ContainerPort: 53, Proto: "udp"},
		{HostIP: "127.0.0.1", HostPort: 8080, ContainerPort: 80, Proto: "tcp"},
		{HostIP: "::1", HostPort: 8443, ContainerPort: 443, Proto: "tcp"},
		{ContainerPort: 9000, Proto: "tcp"},
	}
	d.Entrypoint = []string{"/alt", "--verbose"}
	d.Cmd = []string{"serve", "--port", "80"}
	return d
}

// composed is a container of Debian's docker-compose 1.29.
func composed() engine.ContainerDetails {
	d := plain()
	d.Name = "berthtestshop_web_1"
	d.Labels = map[string]string{"org.opencontainers.image.title": "web", "berth.hash": "abc",
		"com.docker.compose.project": "berthtestshop", "com.docker.compose.service": "web",
		"com.docker.compose.container-number": "1", "com.docker.compose.oneoff": "False",
		"com.docker.compose.version": "1.29.2", "com.docker.compose.config-hash": "f00",
		"shop.role": "front"}
	d.Env = append(slices.Clone(webImage.Env), "MODE=prod")
	d.Restart = engine.RestartUnlessStopped
	d.NetworkMode = "berthtestshop_default"
	d.Networks = []engine.NetworkAttachment{{Name: "berthtestshop_default", Aliases: []string{"web", id[:12]}}}
	d.Mounts = []engine.Mount{{Type: engine.MountVolume, Name: "berthtestshop_static", Destination: "/static", ReadOnly: true}}
	d.PortConfig = []engine.PortBinding{{HostPort: 8081, ContainerPort: 80, Proto: "tcp"}}
	d.Cmd = []string{"--mode", "prod"}
	return d
}

// stopped is a container whose engine kept no port config (and that is
// not running): the published ports come from what it had, the IPv4 and
// IPv6 twins as one; on the host network.
func hostNet() engine.ContainerDetails {
	d := plain()
	d.Name = "probe"
	d.NetworkMode = "host"
	d.Hostname = "buildhost"
	d.Networks = []engine.NetworkAttachment{{Name: "host"}}
	d.Restart = engine.RestartAlways
	d.Entrypoint = nil
	d.Cmd = []string{"/web", "-x"}
	return d
}

func running() engine.ContainerDetails {
	d := plain()
	d.Name = "legacy"
	d.Ports = []engine.PortBinding{
		{HostIP: "0.0.0.0", HostPort: 8080, ContainerPort: 80, Proto: "tcp"},
		{HostIP: "::", HostPort: 8080, ContainerPort: 80, Proto: "tcp"},
		{ContainerPort: 81, Proto: "tcp"},
	}
	return d
}

var cases = []struct {
	name string
	d    func() engine.ContainerDetails
}{
	{"plain", plain},
	{"many", many},
	{"compose", composed},
	{"host", hostNet},
	{"running-ports", running},
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./engine/rebuild -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestGolden(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := c.d()
			masked := Options{Secret: secret, Mask: "••••••••"}
			revealed := Options{Secret: secret, Reveal: true}
			golden(t, c.name+".run.sh", Run(d, webImage, masked).Script()+"\n")
			golden(t, c.name+".revealed.run.sh", Run(d, webImage, revealed).Script()+"\n")
			y, err := Service(d, webImage, masked)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, c.name+".compose.yaml", y)
			// The YAML reads back.
			var back map[string]any
			if err := yaml.Unmarshal([]byte(y), &back); err != nil {
				t.Fatalf("the compose file does not read back: %v\n%s", err, y)
			}
		})
	}
}

func TestRunArgs(t *testing.T) {
	tests := []struct {
		name string
		d    func() engine.ContainerDetails
		img  engine.ImageConfig
		o    Options
		want []string
	}{
		{"plain: nothing the image says", plain, webImage, Options{},
			[]string{"docker", "run", "--detach", "--name=web", "localhost:5000/web:1"}},
		{"command only", func() engine.ContainerDetails { d := plain(); d.Cmd = []string{"a b", "c"}; return d }, webImage, Options{},
			[]string{"docker", "run", "--detach", "--name=web", "localhost:5000/web:1", "a b", "c"}},
		{"entrypoint cleared", func() engine.ContainerDetails { d := plain(); d.Entrypoint = nil; d.Cmd = []string{"/web"}; return d }, webImage, Options{},
			[]string{"docker", "run", "--detach", "--name=web", "--entrypoint=", "localhost:5000/web:1", "/web"}},
		{"image by ID, name starts with a dash", func() engine.ContainerDetails { d := plain(); d.Image = "-odd"; return d }, webImage, Options{},
			[]string{"docker", "run", "--detach", "--name=web", "--", "-odd"}},
		{"secret masked in argv unless revealed", func() engine.ContainerDetails {
			d := plain()
			d.Env = append(d.Env, "DB_PASSWORD=hunter2")
			return d
		}, webImage, Options{Secret: secret},
			[]string{"docker", "run", "--detach", "--name=web", "--env=DB_PASSWORD=********", "localhost:5000/web:1"}},
		{"an image env var set again to the same value is not written", func() engine.ContainerDetails {
			d := plain()
			d.Env = append(d.Env, "IMAGE_VAR=from-image")
			return d
		}, webImage, Options{},
			[]string{"docker", "run", "--detach", "--name=web", "localhost:5000/web:1"}},
		{"anonymous volume the image does not declare", func() engine.ContainerDetails {
			d := plain()
			d.Mounts = append(d.Mounts, engine.Mount{Type: engine.MountVolume, Name: strings.Repeat("0", 64), Destination: "/x", ReadOnly: true})
			return d
		}, webImage, Options{},
			[]string{"docker", "run", "--detach", "--name=web", "--volume=/x:ro", "localhost:5000/web:1"}},
		{"stopped on a user network that it no longer lists", func() engine.ContainerDetails {
			d := plain()
			d.NetworkMode, d.Networks = "mynet", nil
			return d
		}, webImage, Options{},
			[]string{"docker", "run", "--detach", "--name=web", "--network=mynet", "localhost:5000/web:1"}},
		{"on-failure without a limit", func() engine.ContainerDetails { d := plain(); d.Restart = engine.RestartOnFailure; return d }, webImage, Options{},
			[]string{"docker", "run", "--detach", "--name=web", "--restart=on-failure", "localhost:5000/web:1"}},
		{"engine-picked host port on an address", func() engine.ContainerDetails {
			d := plain()
			d.PortConfig = []engine.PortBinding{{HostIP: "127.0.0.1", ContainerPort: 80, Proto: "tcp"}}
			return d
		}, webImage, Options{},
			[]string{"docker", "run", "--detach", "--name=web", "--publish=127.0.0.1::80", "localhost:5000/web:1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Run(tt.d(), tt.img, tt.o).Args
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestConnect(t *testing.T) {
	c := Run(many(), webImage, Options{})
	want := [][]string{{"docker", "network", "connect", "--alias=database", "backend", "shop-db"}}
	if len(c.Connect) != 1 || !slices.Equal(c.Connect[0], want[0]) {
		t.Errorf("connect: got %q, want %q", c.Connect, want)
	}
	if !slices.Contains(c.Args, "--network=shopnet") || !slices.Contains(c.Args, "--network-alias=db") {
		t.Errorf("the network the container was created on comes first, with its alias: %q", c.Args)
	}
}

func TestConnectAfterTheBridge(t *testing.T) {
	d := plain()
	d.Networks = append(d.Networks, engine.NetworkAttachment{Name: "extra", Aliases: []string{id[:12]}})
	c := Run(d, webImage, Options{})
	if slices.ContainsFunc(c.Args, func(a string) bool { return strings.HasPrefix(a, "--network") }) {
		t.Errorf("a container on the default bridge runs there: %q", c.Args)
	}
	if want := []string{"docker", "network", "connect", "extra", "web"}; len(c.Connect) != 1 || !slices.Equal(c.Connect[0], want) {
		t.Errorf("connect %q, want %q", c.Connect, want)
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"":             "''",
		"plain":        "plain",
		"--env=A=b":    "--env=A=b",
		"it's":         `'it'\''s'`,
		"/srv/my data": "'/srv/my data'",
		"$HOME":        "'$HOME'",
		"••••":         "'••••'",
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestMasked(t *testing.T) {
	o := Options{Secret: secret}
	if !Masked(many(), webImage, o) {
		t.Error("many has DB_PASSWORD and secret.token: something to reveal")
	}
	if Masked(plain(), webImage, o) {
		t.Error("plain has no secret")
	}
	d := plain()
	d.Env = append(d.Env, "API_TOKEN=")
	if Masked(d, webImage, o) {
		t.Error("an empty secret shows as it is")
	}
}

func TestRunSpec(t *testing.T) {
	s := RunSpec(many(), webImage)
	if s.Name != "shop-db-copy" || s.Image != "localhost:5000/web:1" || s.Restart != engine.RestartOnFailure {
		t.Errorf("name, image, restart: %+v", s)
	}
	if !slices.Contains(s.Env, "DB_PASSWORD=hunter2") || slices.Contains(s.Env, "PATH="+webImage.Env[0][5:]) {
		t.Errorf("env: the real values of what differs from the image: %q", s.Env)
	}
	wantBinds := []engine.Bind{{HostPath: "/srv/my data", ContainerPath: "/data"}, {HostPath: "/etc/shop", ContainerPath: "/etc/shop", ReadOnly: true},
		{HostPath: "shop-db-data", ContainerPath: "/var/lib/db"}}
	slices.SortFunc(wantBinds, func(a, b engine.Bind) int { return strings.Compare(a.ContainerPath, b.ContainerPath) })
	if !slices.Equal(s.Binds, wantBinds) {
		t.Errorf("binds: got %+v, want %+v", s.Binds, wantBinds)
	}
	if s.Cmd != nil {
		t.Errorf("the entrypoint differs, which a RunSpec cannot hold: no command either, got %q", s.Cmd)
	}
	if want := []string{"5353:53/udp", "127.0.0.1:8080:80", "[::1]:8443:443", "9000"}; !slices.Equal(s.Ports, want) {
		t.Errorf("ports: got %q, want %q", s.Ports, want)
	}
	c := RunSpec(composed(), webImage)
	if !slices.Equal(c.Cmd, []string{"--mode", "prod"}) || c.Name != "berthtestshop_web_1-copy" {
		t.Errorf("compose container's copy: %+v", c)
	}
	if e := RunSpec(engine.ContainerDetails{ImageID: "sha256:abc"}, engine.ImageConfig{}); e.Image != "sha256:abc" || e.Name != "" {
		t.Errorf("a container whose image has no name runs its ID: %+v", e)
	}
}

func TestComposeQuotesWhatYAML11Misreads(t *testing.T) {
	d := plain()
	d.PortConfig = []engine.PortBinding{{HostPort: 22, ContainerPort: 22, Proto: "tcp"}}
	d.Labels = map[string]string{"on": "yes", "n": "1.5", "ok": "fine"}
	d.User = "10:20"
	y, err := Service(d, webImage, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`- "22:22"`, `"on": "yes"`, `"n": "1.5"`, `ok: fine`, `user: "10:20"`} {
		if !strings.Contains(y, want) {
			t.Errorf("want %s in\n%s", want, y)
		}
	}
}

// TestLineIsTheArgs: a POSIX shell splits the line back into the argv.
func TestLineIsTheArgs(t *testing.T) {
	for _, c := range cases {
		cmd := Run(c.d(), webImage, Options{Secret: secret, Mask: "••••••••"})
		out, err := exec.Command("sh", "-c", `printf '%s\0' `+cmd.Line()).Output()
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
		if !slices.Equal(got, cmd.Args) {
			t.Errorf("%s: the shell reads\n %q\nwant %q", c.name, got, cmd.Args)
		}
	}
}
