// Package composehelper is berth-compose, Berth's compose helper program: Docker's own compose
// code (github.com/docker/compose/v2's pkg/compose, what `docker compose`
// runs) behind four subcommands that answer in JSON lines on standard
// output. Berth starts it only when a compose file is used: linked into
// Berth, compose's code triples its binary (35 to 111 MiB) and adds about
// 55 MiB of idle memory and a third to its start-up (docs/PERFORMANCE.md,
// "Compose").
//
//	berth-compose config -f FILE [-p NAME]      {"kind":"config","config":{…}}
//	berth-compose up     -f FILE [-p NAME]      compose's JSON progress lines, then {"kind":"done"}
//	berth-compose down  (-f FILE | -p NAME)     likewise; by name it takes the project from the engine's labels
//	berth-compose ps     -p NAME                {"kind":"resources","resources":{…}}
//
// A failure ends with {"kind":"error","error":{"message":…,"file":…,"line":…}}
// and exit status 1. The engine is the one of DOCKER_HOST, DOCKER_TLS_VERIFY
// and DOCKER_CERT_PATH, as for the docker CLI.
package composehelper

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/docker/cli/cli/command"
	cliflags "github.com/docker/cli/cli/flags"
	"github.com/docker/compose/v2/pkg/api"
	"github.com/docker/compose/v2/pkg/compose"
	"github.com/docker/compose/v2/pkg/progress"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/go-connections/tlsconfig"
	"github.com/sirupsen/logrus"
	"go.yaml.in/yaml/v3"

	"berth/engine"
	wire "berth/engine/compose"
)

// out writes whole lines to standard output: compose's progress writer
// and the answers share it.
type out struct {
	mu sync.Mutex
	w  io.Writer
}

func (o *out) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.w.Write(p)
}

func (o *out) line(l wire.Line) {
	b, _ := json.Marshal(l)
	_, _ = o.Write(append(b, '\n'))
}

// Main is berth-compose's main: args are its arguments (without the
// program's name); it returns the exit status.
func Main(args []string, stdout io.Writer) int {
	o := &out{w: stdout}
	logrus.SetOutput(os.Stderr)
	if len(args) < 1 {
		fmt.Fprintln(os.Stderr, "usage: berth-compose config|up|down|ps [-f FILE] [-p NAME]")
		return 2
	}
	sub := args[0]
	fs := flag.NewFlagSet("berth-compose "+sub, flag.ContinueOnError)
	file := fs.String("f", "", "the compose file")
	name := fs.String("p", "", "the project name")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, sub, *file, *name); err != nil {
		o.line(wire.Line{Kind: wire.KindError, Error: wireError(err, *file)})
		return 1
	}
	return 0
}

func run(ctx context.Context, o *out, sub, file, name string) error {
	switch sub {
	case "config":
		if file == "" {
			return errors.New("config needs -f FILE")
		}
		p, err := load(ctx, file, name)
		if err != nil {
			return err
		}
		c := describe(p)
		o.line(wire.Line{Kind: wire.KindConfig, Config: &c})
		return nil
	case "up", "down", "ps":
	default:
		return fmt.Errorf("unknown subcommand %q (config, up, down, ps)", sub)
	}
	var p *types.Project
	if file != "" {
		var err error
		if p, err = load(ctx, file, name); err != nil {
			return err
		}
		name = p.Name
	}
	if name == "" {
		return fmt.Errorf("%s needs -f FILE or -p NAME", sub)
	}
	dockerCli, err := newCLI(o)
	if err != nil {
		return err
	}
	defer dockerCli.Client().Close()
	switch sub {
	case "ps":
		r, err := resources(ctx, dockerCli, name)
		if err != nil {
			return err
		}
		o.line(wire.Line{Kind: wire.KindResources, Resources: &r})
		return nil
	case "up":
		if p == nil {
			return errors.New("up needs -f FILE")
		}
		progress.Mode = progress.ModeJSON
		svc := compose.NewComposeService(dockerCli)
		err = svc.Up(ctx, p, api.UpOptions{
			Create: api.CreateOptions{Recreate: api.RecreateDiverged, RecreateDependencies: api.RecreateDiverged, Inherit: true, AssumeYes: true},
			Start:  api.StartOptions{Project: p},
		})
	case "down":
		progress.Mode = progress.ModeJSON
		svc := compose.NewComposeService(dockerCli)
		err = svc.Down(ctx, name, api.DownOptions{Project: p})
	}
	if err != nil {
		return err
	}
	o.line(wire.Line{Kind: wire.KindDone})
	return nil
}

// load reads a compose file as `docker compose -f FILE [-p NAME]` does,
// with the labels compose puts on every container.
func load(ctx context.Context, file, name string) (*types.Project, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, fileError{err}
	}
	opts, err := cli.NewProjectOptions([]string{abs},
		cli.WithWorkingDirectory(filepath.Dir(abs)),
		cli.WithOsEnv,
		cli.WithDotEnv,
		cli.WithName(name),
		cli.WithResolvedPaths(true),
	)
	if err != nil {
		return nil, fileError{err}
	}
	p, err := opts.LoadProject(ctx)
	if err != nil {
		return nil, fileError{err}
	}
	if p.Name == "" {
		return nil, fileError{errors.New("the project has no name: give it one")}
	}
	for n, s := range p.Services {
		s.CustomLabels = map[string]string{
			api.ProjectLabel:     p.Name,
			api.ServiceLabel:     n,
			api.VersionLabel:     api.ComposeVersion,
			api.WorkingDirLabel:  p.WorkingDir,
			api.ConfigFilesLabel: strings.Join(p.ComposeFiles, ","),
			api.OneoffLabel:      "False",
		}
		p.Services[n] = s
	}
	return p, nil
}

// describe is what the dialog shows of a project.
func describe(p *types.Project) engine.ComposeConfig {
	c := engine.ComposeConfig{Project: p.Name, WorkingDir: p.WorkingDir, Files: p.ComposeFiles}
	for _, s := range p.Services {
		cs := engine.ComposeService{Name: s.Name, Image: s.Image, Build: s.Build != nil}
		for _, pt := range s.Ports {
			cs.Ports = append(cs.Ports, portSpec(pt))
		}
		for d := range s.DependsOn {
			cs.DependsOn = append(cs.DependsOn, d)
		}
		slices.Sort(cs.DependsOn)
		c.Services = append(c.Services, cs)
	}
	slices.SortFunc(c.Services, func(a, b engine.ComposeService) int { return strings.Compare(a.Name, b.Name) })
	for _, n := range p.Networks {
		if !bool(n.External) {
			c.Networks = append(c.Networks, n.Name)
		}
	}
	for _, v := range p.Volumes {
		if !bool(v.External) {
			c.Volumes = append(c.Volumes, v.Name)
		}
	}
	slices.Sort(c.Networks)
	slices.Sort(c.Volumes)
	return c
}

// portSpec writes a port as the CLI does: [IP:]PUBLISHED:TARGET/PROTO.
func portSpec(p types.ServicePortConfig) string {
	s := strconv.Itoa(int(p.Target))
	switch {
	case p.HostIP != "":
		s = p.HostIP + ":" + p.Published + ":" + s
	case p.Published != "":
		s = p.Published + ":" + s
	}
	proto := p.Protocol
	if proto == "" {
		proto = "tcp"
	}
	return s + "/" + proto
}

// newCLI is a docker CLI for the engine of the environment, writing
// compose's progress to o.
func newCLI(o *out) (*command.DockerCli, error) {
	dockerCli, err := command.NewDockerCli(command.WithCombinedStreams(o), command.WithInputStream(io.NopCloser(strings.NewReader(""))))
	if err != nil {
		return nil, err
	}
	opts := cliflags.NewClientOptions()
	if h := os.Getenv("DOCKER_HOST"); h != "" {
		opts.Hosts = []string{h}
	}
	if dir := os.Getenv("DOCKER_CERT_PATH"); dir != "" {
		opts.TLS = true
		opts.TLSVerify = os.Getenv("DOCKER_TLS_VERIFY") != ""
		opts.TLSOptions = &tlsconfig.Options{CAFile: filepath.Join(dir, "ca.pem"), CertFile: filepath.Join(dir, "cert.pem"),
			KeyFile: filepath.Join(dir, "key.pem"), InsecureSkipVerify: !opts.TLSVerify}
	}
	if err := dockerCli.Initialize(opts); err != nil {
		return nil, err
	}
	return dockerCli, nil
}

// resources lists what `docker compose down -p name` removes: the
// project's containers and networks, by their labels.
func resources(ctx context.Context, dockerCli command.Cli, name string) (engine.ComposeResources, error) {
	r := engine.ComposeResources{Project: name}
	f := filters.NewArgs(filters.Arg("label", api.ProjectLabel+"="+name))
	cs, err := dockerCli.Client().ContainerList(ctx, container.ListOptions{All: true, Filters: f})
	if err != nil {
		return r, err
	}
	for _, c := range cs {
		n := ""
		if len(c.Names) > 0 {
			n = strings.TrimPrefix(c.Names[0], "/")
		}
		r.Containers = append(r.Containers, engine.ComposeContainer{ID: c.ID, Name: n, Service: c.Labels[api.ServiceLabel],
			State: engine.ContainerState(c.State)})
	}
	slices.SortFunc(r.Containers, func(a, b engine.ComposeContainer) int { return strings.Compare(a.Name, b.Name) })
	ns, err := dockerCli.Client().NetworkList(ctx, network.ListOptions{Filters: f})
	if err != nil {
		return r, err
	}
	for _, n := range ns {
		if n.Labels[api.NetworkLabel] == "" {
			continue // compose down removes only the networks it made
		}
		r.Networks = append(r.Networks, engine.ComposeNetwork{ID: n.ID, Name: n.Name})
	}
	slices.SortFunc(r.Networks, func(a, b engine.ComposeNetwork) int { return strings.Compare(a.Name, b.Name) })
	return r, nil
}

// lineRE finds the line a YAML or loader error names.
var lineRE = regexp.MustCompile(`line (\d+)`)

// wireError is err as Berth reads it; a compose file that does not load
// names the file and, when the loader said or the path it names leads
// there, the line.
func wireError(err error, file string) *wire.WireError {
	w := &wire.WireError{Message: err.Error()}
	var fe fileError
	if file == "" || !errors.As(err, &fe) {
		return w
	}
	w.File = file
	if m := lineRE.FindStringSubmatch(w.Message); m != nil {
		w.Line, _ = strconv.Atoi(m[1])
		return w
	}
	w.Line = lineOfPath(file, w.Message)
	return w
}

// fileError is an error of loading the compose file, not of the engine.
type fileError struct{ err error }

func (e fileError) Error() string { return e.err.Error() }
func (e fileError) Unwrap() error { return e.err }

// pathRE finds the place a schema error names: "services.web.ports.0 must be …".
var pathRE = regexp.MustCompile(`(?:^|: )((?:services|networks|volumes|configs|secrets)(?:\.[^\s.:]+)*)`)

// lineOfPath is the line of file where the dotted path that msg names
// (services.web.image) is, 0 if msg names none or it is not there.
func lineOfPath(file, msg string) int {
	m := pathRE.FindStringSubmatch(msg)
	if m == nil {
		return 0
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return 0
	}
	var doc yaml.Node
	if yaml.Unmarshal(b, &doc) != nil || len(doc.Content) == 0 {
		return 0
	}
	n, line := doc.Content[0], 0
	for _, key := range strings.Split(m[1], ".") {
		next := (*yaml.Node)(nil)
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == key {
					line, next = n.Content[i].Line, n.Content[i+1]
				}
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
				line = next.Line
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	// "additional properties 'imagee' not allowed": the key itself.
	if am := regexp.MustCompile(`additional propert(?:y|ies) '([^']+)'`).FindStringSubmatch(msg); am != nil && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == am[1] {
				return n.Content[i].Line
			}
		}
	}
	return line
}
