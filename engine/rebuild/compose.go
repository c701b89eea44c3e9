package rebuild

import (
	"bytes"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"berth/engine"
)

// service is one compose service, its keys in the order compose.yaml files
// usually have them.
type service struct {
	Image         string            `yaml:"image"`
	ContainerName string            `yaml:"container_name,omitempty"`
	Hostname      string            `yaml:"hostname,omitempty"`
	User          string            `yaml:"user,omitempty"`
	WorkingDir    string            `yaml:"working_dir,omitempty"`
	Entrypoint    []string          `yaml:"entrypoint,omitempty,flow"`
	Command       []string          `yaml:"command,omitempty,flow"`
	Environment   []string          `yaml:"environment,omitempty"`
	Labels        map[string]string `yaml:"labels,omitempty"`
	Ports         []string          `yaml:"ports,omitempty"`
	Volumes       []string          `yaml:"volumes,omitempty"`
	Tmpfs         []string          `yaml:"tmpfs,omitempty"`
	NetworkMode   string            `yaml:"network_mode,omitempty"`
	Networks      any               `yaml:"networks,omitempty"` // []string, or map[string]serviceNet with aliases
	Restart       string            `yaml:"restart,omitempty"`
	Tty           bool              `yaml:"tty,omitempty"`
}

type serviceNet struct {
	Aliases []string `yaml:"aliases,omitempty"`
}

// named is a top-level network or volume: its name on the engine, as it is.
type named struct {
	Name string `yaml:"name"`
}

type composeFile struct {
	Services map[string]service `yaml:"services"`
	Networks map[string]named   `yaml:"networks,omitempty"`
	Volumes  map[string]named   `yaml:"volumes,omitempty"`
}

// Service is the container as a compose.yaml: one service (named as
// compose named it, else after the container), with its networks and
// named volumes declared at the top with their names on the engine (compose
// makes them when they are missing and uses them when they are there). A
// container on the default bridge alone gets network_mode: bridge, which is
// where it was (compose would put it on a network of the project's own).
func Service(d engine.ContainerDetails, img engine.ImageConfig, o Options) (string, error) {
	p := makePlan(d, img)
	s := service{Image: p.image, ContainerName: p.name, Hostname: p.hostname, User: p.user, WorkingDir: p.workdir,
		Ports: p.ports, Restart: p.restart, Tty: p.tty}
	if p.entrypointSet {
		s.Entrypoint = p.entrypoint
		if len(s.Entrypoint) == 0 {
			s.Entrypoint = []string{""}
		}
	}
	if p.cmdSet {
		s.Command = p.cmd
	}
	for _, kv := range p.env {
		s.Environment = append(s.Environment, o.maskEnv(kv))
	}
	if len(p.labels) > 0 {
		s.Labels = map[string]string{}
		for _, l := range p.labels {
			s.Labels[l[0]] = o.mask(l[0], l[1])
		}
	}
	f := composeFile{Services: map[string]service{}}
	for _, m := range p.mounts {
		switch {
		case m.kind == engine.MountTmpfs:
			s.Tmpfs = append(s.Tmpfs, m.target)
		case m.kind == engine.MountVolume && m.source != "":
			if f.Volumes == nil {
				f.Volumes = map[string]named{}
			}
			f.Volumes[m.source] = named{Name: m.source}
			s.Volumes = append(s.Volumes, m.spec())
		default:
			s.Volumes = append(s.Volumes, m.spec())
		}
	}
	switch {
	case p.networkMode != "":
		s.NetworkMode = p.networkMode
	case len(p.networks) == 0:
		s.NetworkMode = "bridge"
	default:
		f.Networks = map[string]named{}
		aliases := false
		var names []string
		for _, n := range p.networks {
			f.Networks[n.name] = named{Name: n.name}
			names = append(names, n.name)
			aliases = aliases || len(n.aliases) > 0
		}
		if aliases {
			nets := map[string]serviceNet{}
			for _, n := range p.networks {
				nets[n.name] = serviceNet{Aliases: n.aliases}
			}
			s.Networks = nets
		} else {
			s.Networks = names
		}
	}
	f.Services[p.service] = s

	var b bytes.Buffer
	b.WriteString("# " + strings.ReplaceAll(composeHeader(d), "\n", " ") + "\n")
	var doc yaml.Node
	if err := doc.Encode(f); err != nil {
		return "", err
	}
	quoteYAML11(&doc)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return b.String(), nil
}

func composeHeader(d engine.ContainerDetails) string {
	name := d.Name
	if name == "" {
		name = shortID(d.ID)
	}
	return "The container " + name + " as a compose service (docker compose up -d)"
}

// yaml11 matches the plain scalars that a YAML 1.1 reader (PyYAML, in
// docker-compose 1.x) takes for something else than a string: booleans
// (yes, no, on, off), null, numbers, and the base-60 numbers that make
// 22:22 the integer 1342.
var yaml11 = regexp.MustCompile(`^(?:[yYnN]|[Yy]es|YES|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF|~|[Nn]ull|NULL|` +
	`[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`)

// quoteYAML11 double-quotes the strings of n that a YAML 1.1 reader would
// not read back as strings, and those that hold a ":" (ports, volumes),
// as compose files conventionally quote them.
func quoteYAML11(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && n.Style == 0 && (yaml11.MatchString(n.Value) || strings.Contains(n.Value, ":")) {
		n.Style = yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		quoteYAML11(c)
	}
}
