// Package rebuild turns an existing container back into what would create
// it again: the `docker run` command (as argv and as a shell line), the same
// container as a compose.yaml service, and the engine.RunSpec that fills the
// run dialog ("Run a copy…"). It works from what `docker inspect` says of the
// container (engine.ContainerDetails) and of its image (engine.ImageConfig),
// and writes only what differs from the image's own defaults. Pure: no SDK,
// no Fyne, no engine calls.
//
// What is written, and what is left out:
//
//   - image and name; ports as they were asked for (HostConfig.PortBindings:
//     host IP and host port as published, a port the engine picked stays
//     unpinned), else as published by the running container;
//   - env: only the variables that differ from the image's env;
//   - mounts: binds and named volumes (with :ro), anonymous volumes the image
//     does not declare (as -v /path), tmpfs mounts; anonymous volumes of the
//     image's own VOLUMEs are left to the image;
//   - networks other than the engine's default bridge (the first one in the
//     run command, the others as `docker network connect`, as an engine
//     older than API 1.44 takes one network per run; all of them connected
//     after the run when the container is on the default bridge too; a
//     compose service cannot be on the default bridge and other networks:
//     it gets the other networks), and their aliases but
//     the ones the engine and compose add (the short ID, the hostname, the
//     container's and the compose service's names);
//   - restart policy (with on-failure's retry count);
//   - labels the user set: not those the image carries (same key and value),
//     and never com.docker.* (com.docker.compose.* included, also for a
//     compose container). Those are the engine's and compose's own
//     bookkeeping: compose writes them again on `up`, and a `docker run` copy
//     that carried them would be taken by compose for a container of its
//     project (and replaced on the next `up`, its config hash being wrong);
//   - entrypoint and command only when they differ from the image's: docker
//     run's --entrypoint takes one word, so an entrypoint of several words
//     puts the rest in front of the command (compose keeps the lists as
//     they are);
//   - working dir and user when they differ from the image's, hostname when
//     it is not the engine's default (the short ID), -t for a tty.
//
// Secrets: values of names the Options' Secret func calls secret (the GUI
// passes present.IsSecretName) are masked in env and labels unless Reveal is
// set. RunSpec always has the real values: it is for running.
package rebuild

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"berth/engine"
)

// Options say how secrets are written.
type Options struct {
	Reveal bool                   // write secret values as they are
	Secret func(name string) bool // names whose values are secrets; nil: none
	Mask   string                 // what a masked value shows; "" for ********
}

func (o Options) mask(name, value string) string {
	if o.Reveal || value == "" || o.Secret == nil || !o.Secret(name) {
		return value
	}
	if o.Mask == "" {
		return "********"
	}
	return o.Mask
}

// maskEnv masks KEY=value's value when it is a secret.
func (o Options) maskEnv(kv string) string {
	k, v, ok := strings.Cut(kv, "=")
	if !ok {
		return kv
	}
	return k + "=" + o.mask(k, v)
}

// Masked reports whether o would mask something of d: whether a Reveal
// toggle has anything to show.
func Masked(d engine.ContainerDetails, img engine.ImageConfig, o Options) bool {
	o.Reveal = false
	p := makePlan(d, img)
	for _, kv := range p.env {
		if o.maskEnv(kv) != kv {
			return true
		}
	}
	for _, l := range p.labels {
		if o.mask(l[0], l[1]) != l[1] {
			return true
		}
	}
	return false
}

// mount is one mount to recreate.
type mount struct {
	kind     engine.MountType
	source   string // host path or volume name; "" for an anonymous volume or tmpfs
	target   string
	readOnly bool
}

// spec is the mount as a --volume value: SOURCE:TARGET[:ro], or TARGET for an anonymous volume.
func (m mount) spec() string {
	s := m.target
	if m.source != "" {
		s = m.source + ":" + s
	}
	if m.readOnly {
		s += ":ro"
	}
	return s
}

// network is one network to connect the container to.
type network struct {
	name    string
	aliases []string
}

// plan is what differs from the image's defaults: the one reading of the
// container that the command, the compose service and the RunSpec share.
type plan struct {
	name, image string
	service     string // the compose service's name
	compose     bool   // made by compose
	hostname    string
	user        string
	workdir     string
	tty         bool
	ports       []string // --publish values
	env         []string // KEY=value, in the container's order
	labels      [][2]string
	mounts      []mount
	networkMode string    // host, none, container:ID; "" for networks
	networks    []network // the first is the run's --network, unless onBridge
	onBridge    bool      // created on the default bridge, and still on it: the networks are all connected after
	restart     string    // always, unless-stopped, on-failure[:N]; "" for no

	entrypointSet bool // the entrypoint differs from the image's
	entrypoint    []string
	cmdSet        bool // the command differs from the image's (or the entrypoint does)
	cmd           []string
}

const composeService = "com.docker.compose.service"

func makePlan(d engine.ContainerDetails, img engine.ImageConfig) plan {
	p := plan{name: d.Name, image: d.Image, user: d.User, tty: d.Tty}
	if p.image == "" {
		p.image = d.ImageID
	}
	p.service, p.compose = d.Labels[composeService]
	if !p.compose || p.service == "" {
		p.service = serviceName(d.Name)
	}
	if d.User == img.User {
		p.user = ""
	}
	if d.WorkingDir != img.WorkingDir {
		p.workdir = d.WorkingDir
	}

	p.networkMode, p.networks = networks(d, p)
	if d.NetworkMode == "" || d.NetworkMode == "default" || d.NetworkMode == "bridge" {
		p.onBridge = slices.ContainsFunc(d.Networks, func(a engine.NetworkAttachment) bool { return a.Name == "bridge" })
	}
	if d.Hostname != "" && d.Hostname != shortID(d.ID) && p.networkMode != "host" && !strings.HasPrefix(p.networkMode, "container:") {
		p.hostname = d.Hostname
	}
	if p.networkMode == "" || p.networkMode == "none" {
		p.ports = ports(d)
	}

	imgEnv := map[string]bool{}
	for _, kv := range img.Env {
		imgEnv[kv] = true
	}
	for _, kv := range d.Env {
		if !imgEnv[kv] {
			p.env = append(p.env, kv)
		}
	}

	for k, v := range d.Labels {
		if strings.HasPrefix(k, "com.docker.") {
			continue
		}
		if iv, ok := img.Labels[k]; ok && iv == v {
			continue
		}
		p.labels = append(p.labels, [2]string{k, v})
	}
	slices.SortFunc(p.labels, func(a, b [2]string) int { return cmp.Compare(a[0], b[0]) })

	imgVolumes := map[string]bool{}
	for _, v := range img.Volumes {
		imgVolumes[v] = true
	}
	for _, m := range d.Mounts {
		switch m.Type {
		case engine.MountBind:
			p.mounts = append(p.mounts, mount{kind: m.Type, source: m.Source, target: m.Destination, readOnly: m.ReadOnly})
		case engine.MountVolume:
			mt := mount{kind: m.Type, source: m.Name, target: m.Destination, readOnly: m.ReadOnly}
			if anonymous(m.Name) {
				if imgVolumes[m.Destination] {
					continue // the image makes it again
				}
				mt.source = ""
			}
			p.mounts = append(p.mounts, mt)
		case engine.MountTmpfs:
			p.mounts = append(p.mounts, mount{kind: m.Type, target: m.Destination, readOnly: m.ReadOnly})
		}
	}
	slices.SortFunc(p.mounts, func(a, b mount) int { return cmp.Compare(a.target, b.target) })

	switch d.Restart {
	case "", engine.RestartNo:
	case engine.RestartOnFailure:
		p.restart = string(d.Restart)
		if d.MaxRetries > 0 {
			p.restart += ":" + strconv.Itoa(d.MaxRetries)
		}
	default:
		p.restart = string(d.Restart)
	}

	if !slices.Equal(d.Entrypoint, img.Entrypoint) {
		p.entrypointSet, p.entrypoint = true, d.Entrypoint
		p.cmdSet, p.cmd = true, d.Cmd // the image's command goes with its entrypoint
	} else if !slices.Equal(d.Cmd, img.Cmd) {
		p.cmdSet, p.cmd = true, d.Cmd
	}
	return p
}

// networks reads the network mode and the networks to connect to: none
// for the default bridge alone.
func networks(d engine.ContainerDetails, p plan) (mode string, nets []network) {
	switch m := d.NetworkMode; {
	case m == "host" || m == "none" || strings.HasPrefix(m, "container:"):
		return m, nil
	}
	skip := map[string]bool{shortID(d.ID): true, d.Name: true, d.Hostname: true} // the engine adds these
	if p.compose {
		skip[p.service] = true
	}
	for _, a := range d.Networks {
		if a.Name == "bridge" {
			continue
		}
		n := network{name: a.Name}
		for _, al := range a.Aliases {
			if !skip[al] && !slices.Contains(n.aliases, al) {
				n.aliases = append(n.aliases, al)
			}
		}
		nets = append(nets, n)
	}
	// The network the container was created on comes first.
	if i := slices.IndexFunc(nets, func(n network) bool { return n.name == d.NetworkMode }); i > 0 {
		first := nets[i]
		nets = append(nets[:i], nets[i+1:]...)
		nets = append([]network{first}, nets...)
	}
	if len(nets) == 0 && d.NetworkMode != "" && d.NetworkMode != "default" && d.NetworkMode != "bridge" && len(d.Networks) == 0 {
		nets = []network{{name: d.NetworkMode}} // a stopped container may list none
	}
	return "", nets
}

// ports are the container's --publish values: as it asked for them, else
// (an engine that keeps no port config) as the running container has them,
// an address's IPv4 and IPv6 twins (0.0.0.0 and ::) as one.
func ports(d engine.ContainerDetails) []string {
	src := d.PortConfig
	if len(src) == 0 {
		for _, b := range d.Ports {
			if b.HostPort != 0 {
				src = append(src, b)
			}
		}
	}
	var out []string
	for _, b := range src {
		ip := b.HostIP
		if ip == "0.0.0.0" || ip == "::" {
			ip = ""
		}
		s := portSpec(ip, b.HostPort, b.ContainerPort, b.Proto)
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// portSpec is one --publish value: [IP:][HOSTPORT:]PORT[/PROTO].
func portSpec(ip string, host, ctr uint16, proto string) string {
	s := strconv.Itoa(int(ctr))
	if proto != "" && proto != "tcp" {
		s += "/" + proto
	}
	hp := ""
	if host != 0 {
		hp = strconv.Itoa(int(host))
	}
	switch {
	case ip != "":
		if strings.Contains(ip, ":") {
			ip = "[" + ip + "]"
		}
		return ip + ":" + hp + ":" + s
	case hp != "":
		return hp + ":" + s
	}
	return s
}

// anonymous reports whether a volume's name is one the engine made up: 64 hex digits.
func anonymous(name string) bool {
	if len(name) != 64 {
		return false
	}
	for _, c := range name {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// serviceName makes a compose service name of a container's name:
// lower-case letters, digits, "-" and "_".
func serviceName(name string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(name) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
			b.WriteRune(c)
		default:
			b.WriteByte('-')
		}
	}
	s := strings.Trim(b.String(), "-_")
	if s == "" {
		return "app"
	}
	return s
}

// Command is the `docker run` that recreates a container, and the
// `docker network connect` commands for its other networks.
type Command struct {
	Args    []string   // docker run --detach …: argv, for exec
	Connect [][]string // docker network connect NETWORK NAME, one per network past the first
}

// Line is the run command as a shell line, quoted where a POSIX shell needs it.
func (c Command) Line() string { return Join(c.Args) }

// Script is the run command and the connect commands, one a line.
func (c Command) Script() string {
	lines := []string{c.Line()}
	for _, cc := range c.Connect {
		lines = append(lines, Join(cc))
	}
	return strings.Join(lines, "\n")
}

// Run is the `docker run` command that would recreate the container.
func Run(d engine.ContainerDetails, img engine.ImageConfig, o Options) Command {
	p := makePlan(d, img)
	args := []string{"docker", "run", "--detach"}
	add := func(flag, value string) { args = append(args, "--"+flag+"="+value) }
	if p.name != "" {
		add("name", p.name)
	}
	if p.hostname != "" {
		add("hostname", p.hostname)
	}
	if p.user != "" {
		add("user", p.user)
	}
	if p.workdir != "" {
		add("workdir", p.workdir)
	}
	for _, s := range p.ports {
		add("publish", s)
	}
	for _, kv := range p.env {
		add("env", o.maskEnv(kv))
	}
	for _, l := range p.labels {
		add("label", l[0]+"="+o.mask(l[0], l[1]))
	}
	for _, m := range p.mounts {
		if m.kind == engine.MountTmpfs {
			v := "type=tmpfs,destination=" + m.target
			if m.readOnly {
				v += ",readonly"
			}
			add("mount", v)
			continue
		}
		add("volume", m.spec())
	}
	var connect [][]string
	switch {
	case p.networkMode != "":
		add("network", p.networkMode)
	case len(p.networks) > 0:
		later := p.networks
		if !p.onBridge {
			add("network", p.networks[0].name)
			for _, al := range p.networks[0].aliases {
				add("network-alias", al)
			}
			later = later[1:]
		}
		for _, n := range later {
			cc := []string{"docker", "network", "connect"}
			for _, al := range n.aliases {
				cc = append(cc, "--alias="+al)
			}
			connect = append(connect, append(cc, n.name, cmp.Or(p.name, shortID(d.ID))))
		}
	}
	if p.restart != "" {
		add("restart", p.restart)
	}
	if p.tty {
		args = append(args, "--tty")
	}
	var rest []string
	if p.entrypointSet {
		if len(p.entrypoint) == 0 {
			add("entrypoint", "")
		} else {
			add("entrypoint", p.entrypoint[0])
			rest = append(rest, p.entrypoint[1:]...)
		}
	}
	if p.cmdSet {
		rest = append(rest, p.cmd...)
	}
	if strings.HasPrefix(p.image, "-") {
		args = append(args, "--")
	}
	args = append(args, p.image)
	args = append(args, rest...)
	return Command{Args: args, Connect: connect}
}

// RunSpec is the container as the run dialog takes it, for "Run a copy…":
// named NAME-copy, with the same ports (the dialog tells which are busy),
// the env that differs from the image's (real values), binds and named
// volumes, restart policy and the command when it differs from the
// image's. What a RunSpec cannot hold is left out: entrypoint, networks,
// labels, user, working dir, hostname, tty, anonymous volumes, tmpfs.
func RunSpec(d engine.ContainerDetails, img engine.ImageConfig) engine.RunSpec {
	p := makePlan(d, img)
	s := engine.RunSpec{Image: p.image, Ports: p.ports, Env: p.env}
	if p.name != "" {
		s.Name = p.name + "-copy"
	}
	for _, m := range p.mounts {
		if m.kind != engine.MountTmpfs && m.source != "" {
			s.Binds = append(s.Binds, engine.Bind{HostPath: m.source, ContainerPath: m.target, ReadOnly: m.readOnly})
		}
	}
	if d.Restart != "" && d.Restart != engine.RestartNo {
		s.Restart = d.Restart
	}
	if p.cmdSet && !p.entrypointSet && len(p.cmd) > 0 {
		s.Cmd = p.cmd
	}
	return s
}

// Join quotes words for a POSIX shell, only where they need it, and joins
// them with spaces; a single quote inside a word is written so:
//
//	it's  ->  'it'\''s'
func Join(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = Quote(w)
		// --flag=value: only the value is quoted, as the run dialog writes it.
		if flag, value, ok := strings.Cut(w, "="); ok && strings.HasPrefix(flag, "--") && value != "" && Quote(flag) == flag {
			q[i] = flag + "=" + Quote(value)
		}
	}
	return strings.Join(q, " ")
}

// Quote quotes one word for a POSIX shell when it needs it.
func Quote(s string) string {
	if s == "" {
		return "''"
	}
	if strings.IndexFunc(s, func(c rune) bool { return !safe(c) }) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func safe(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("_@%+=:,./-", c)
}
