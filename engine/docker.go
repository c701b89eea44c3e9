package engine

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/distribution/reference"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/events"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/client"
	"github.com/docker/docker/pkg/jsonmessage"
	"github.com/docker/go-connections/nat"
)

// ComposeProjectLabel is the label compose puts on a project's containers.
const ComposeProjectLabel = "com.docker.compose.project"

// Docker is the Engine over the official Docker SDK.
type Docker struct {
	cli *client.Client
}

var _ Engine = (*Docker)(nil)

// New connects to the engine named by the environment (DOCKER_HOST and
// friends, like the docker CLI) or the local socket. It does not contact the
// engine yet.
func New() (*Docker, error) {
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	if err != nil {
		return nil, &Error{Kind: ErrUnreachable, Msg: "Berth cannot use the Docker engine address: check DOCKER_HOST", Err: err}
	}
	return &Docker{cli: cli}, nil
}

// Host implements Engine.
func (d *Docker) Host() string {
	if h := os.Getenv("DOCKER_HOST"); h != "" {
		return h
	}
	return d.cli.DaemonHost()
}

// Close implements Engine.
func (d *Docker) Close() error { return d.cli.Close() }

// Info implements Engine.
func (d *Docker) Info(ctx context.Context) (Info, error) {
	info := Info{Host: d.Host()}
	d.cli.NegotiateAPIVersion(ctx)
	v, err := d.cli.ServerVersion(ctx)
	if err != nil {
		return info, d.wrap(err, "")
	}
	si, err := d.cli.Info(ctx)
	if err != nil {
		return info, d.wrap(err, "")
	}
	info.Reachable = true
	info.Version = v.Version
	info.APIVersion = d.cli.ClientVersion()
	info.OS = si.OSType
	info.Arch = si.Architecture
	info.OperatingSystem = si.OperatingSystem
	info.CPUs = si.NCPU
	info.MemoryBytes = si.MemTotal
	info.Containers = si.Containers
	info.Running = si.ContainersRunning
	info.Paused = si.ContainersPaused
	info.Stopped = si.ContainersStopped
	info.Images = si.Images
	return info, nil
}

// Containers implements Engine. It never asks the engine for sizes.
func (d *Docker) Containers(ctx context.Context, all bool) ([]Container, error) {
	list, err := d.cli.ContainerList(ctx, container.ListOptions{All: all})
	if err != nil {
		return nil, d.wrap(err, "")
	}
	return convertContainers(list), nil
}

// ContainersByID implements Engine.
func (d *Docker) ContainersByID(ctx context.Context, ids ...string) ([]Container, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	f := filters.NewArgs()
	for _, id := range ids {
		f.Add("id", id)
	}
	list, err := d.cli.ContainerList(ctx, container.ListOptions{All: true, Filters: f})
	if err != nil {
		return nil, d.wrap(err, "")
	}
	cs := convertContainers(list)
	// These are the few containers an event named: inspect them for the
	// exact moment their state began, so their status ages precisely.
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := range cs {
		wg.Add(1)
		go func(c *Container) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			ins, err := d.cli.ContainerInspect(ctx, c.ID)
			if err != nil || ins.ContainerJSONBase == nil || ins.State == nil {
				return
			}
			stamp := ins.State.FinishedAt // exited, restarting: "… 2 minutes ago"
			if ins.State.Running && !ins.State.Restarting {
				stamp = ins.State.StartedAt // "Up 9 minutes"
			}
			if t, err := time.Parse(time.RFC3339Nano, stamp); err == nil && t.Year() > 1 {
				c.StateSince = t
			}
		}(&cs[i])
	}
	wg.Wait()
	return cs, nil
}

func convertContainers(list []container.Summary) []Container {
	out := make([]Container, len(list))
	now := time.Now()
	for i := range list {
		out[i] = convertContainer(&list[i])
		out[i].StateSince = sinceFromStatus(out[i].Status, now)
	}
	return out
}

func convertContainer(s *container.Summary) Container {
	c := Container{
		ID:      s.ID,
		ShortID: ShortID(s.ID),
		Image:   s.Image,
		ImageID: s.ImageID,
		Command: s.Command,
		Created: time.Unix(s.Created, 0),
		State:   ContainerState(s.State),
		Status:  s.Status,
		Labels:  s.Labels,
		Project: s.Labels[ComposeProjectLabel],
	}
	c.Names = make([]string, len(s.Names))
	for i, n := range s.Names {
		c.Names[i] = strings.TrimPrefix(n, "/")
	}
	// docker ps shows the name without a slash inside (links are "other/alias").
	for _, n := range c.Names {
		if !strings.Contains(n, "/") {
			c.Name = n
			break
		}
	}
	if c.Name == "" && len(c.Names) > 0 {
		c.Name = c.Names[0]
	}
	if len(s.Ports) > 0 {
		c.Ports = make([]PortBinding, len(s.Ports))
		for i, p := range s.Ports {
			c.Ports[i] = PortBinding{HostIP: p.IP, HostPort: p.PublicPort, ContainerPort: p.PrivatePort, Proto: p.Type}
		}
	}
	return c
}

// Start implements Engine.
func (d *Docker) Start(ctx context.Context, id string) error {
	return d.wrap(d.cli.ContainerStart(ctx, id, container.StartOptions{}), id)
}

func stopOptions(timeout *time.Duration) container.StopOptions {
	var o container.StopOptions
	if timeout != nil {
		s := int(timeout.Round(time.Second) / time.Second)
		o.Timeout = &s
	}
	return o
}

// Stop implements Engine.
func (d *Docker) Stop(ctx context.Context, id string, timeout *time.Duration) error {
	return d.wrap(d.cli.ContainerStop(ctx, id, stopOptions(timeout)), id)
}

// Restart implements Engine.
func (d *Docker) Restart(ctx context.Context, id string, timeout *time.Duration) error {
	return d.wrap(d.cli.ContainerRestart(ctx, id, stopOptions(timeout)), id)
}

// Pause implements Engine.
func (d *Docker) Pause(ctx context.Context, id string) error {
	return d.wrap(d.cli.ContainerPause(ctx, id), id)
}

// Unpause implements Engine.
func (d *Docker) Unpause(ctx context.Context, id string) error {
	return d.wrap(d.cli.ContainerUnpause(ctx, id), id)
}

// Kill implements Engine.
func (d *Docker) Kill(ctx context.Context, id string) error {
	return d.wrap(d.cli.ContainerKill(ctx, id, "KILL"), id)
}

// Remove implements Engine.
func (d *Docker) Remove(ctx context.Context, id string, opts RemoveOptions) error {
	return d.wrap(d.cli.ContainerRemove(ctx, id, container.RemoveOptions{Force: opts.Force, RemoveVolumes: opts.Volumes}), id)
}

var validName = regexp.MustCompile(`^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$`)

// ValidateName checks a container name as the engine would; "" is allowed (the engine picks one).
func ValidateName(name string) error {
	if name == "" || validName.MatchString(name) {
		return nil
	}
	return &Error{Kind: ErrInvalidName, Object: name,
		Msg: "A container name must be at least two characters: letters, digits, and _ . - (not first)"}
}

// ValidateImage checks an image reference ("nginx", "localhost:5000/web:1") and returns its normalized form.
func ValidateImage(ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return "", &Error{Kind: ErrInvalidImage, Msg: "Type the name of an image, for example nginx or nginx:latest"}
	}
	named, err := reference.ParseNormalizedNamed(ref)
	if err != nil {
		msg := "This is not a valid image name"
		if _, lowerErr := reference.ParseNormalizedNamed(strings.ToLower(ref)); lowerErr == nil {
			msg = "Image names must be lowercase"
		}
		return "", &Error{Kind: ErrInvalidImage, Object: ref, Msg: msg, Err: err}
	}
	return reference.TagNameOnly(named).String(), nil
}

// ParsePorts parses port specs in the CLI's syntax through nat.ParsePortSpecs.
func ParsePorts(specs []string) (nat.PortSet, nat.PortMap, error) {
	var clean []string
	for _, s := range specs {
		if s = strings.TrimSpace(s); s != "" {
			clean = append(clean, s)
		}
	}
	exposed, bindings, err := nat.ParsePortSpecs(clean)
	if err != nil {
		return nil, nil, &Error{Kind: ErrInvalidPort, Object: strings.Join(clean, " "),
			Msg: "A port mapping is not valid (use HOST:CONTAINER, e.g. 8080:80, ports 1-65535)", Err: err}
	}
	return exposed, bindings, nil
}

// ValidatePortSpec checks one port spec ("8080:80", "127.0.0.1:8080:80/udp").
func ValidatePortSpec(spec string) error {
	_, _, err := ParsePorts([]string{spec})
	return err
}

// Run implements Engine.
func (d *Docker) Run(ctx context.Context, spec RunSpec, progress func(PullProgress)) (string, error) {
	if _, err := ValidateImage(spec.Image); err != nil {
		return "", err
	}
	if err := ValidateName(spec.Name); err != nil {
		return "", err
	}
	exposed, bindings, err := ParsePorts(spec.Ports)
	if err != nil {
		return "", err
	}
	img := strings.TrimSpace(spec.Image)
	if _, err := d.cli.ImageInspect(ctx, img); err != nil {
		if !cerrdefs.IsNotFound(err) {
			return "", d.wrap(err, img)
		}
		if err := d.Pull(ctx, img, progress); err != nil {
			return "", err
		}
	}
	cfg := &container.Config{Image: img, Env: spec.Env, ExposedPorts: exposed, Cmd: spec.Cmd}
	hc := &container.HostConfig{PortBindings: bindings}
	for _, b := range spec.Binds {
		s := b.HostPath + ":" + b.ContainerPath
		if b.ReadOnly {
			s += ":ro"
		}
		hc.Binds = append(hc.Binds, s)
	}
	if spec.Restart != "" {
		hc.RestartPolicy = container.RestartPolicy{Name: container.RestartPolicyMode(spec.Restart)}
	}
	created, err := d.cli.ContainerCreate(ctx, cfg, hc, nil, nil, spec.Name)
	if err != nil {
		return "", d.wrap(err, spec.Name)
	}
	if err := d.cli.ContainerStart(ctx, created.ID, container.StartOptions{}); err != nil {
		// Leave nothing behind, so a retry with the same name works.
		rmCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = d.cli.ContainerRemove(rmCtx, created.ID, container.RemoveOptions{Force: true})
		return "", d.wrap(err, spec.Name)
	}
	return created.ID, nil
}

// ImageList implements Engine: images without usage counts.
func (d *Docker) ImageList(ctx context.Context) ([]Image, error) {
	list, err := d.cli.ImageList(ctx, image.ListOptions{})
	if err != nil {
		return nil, d.wrap(err, "")
	}
	var out []Image
	for _, s := range list {
		base := Image{ID: s.ID, ShortID: ShortID(s.ID), Created: time.Unix(s.Created, 0), Size: s.Size,
			RepoTags: s.RepoTags, RepoDigests: s.RepoDigests}
		tags := s.RepoTags
		if len(tags) == 0 || (len(tags) == 1 && tags[0] == "<none>:<none>") {
			base.Dangling = len(s.RepoDigests) == 0 || s.RepoDigests[0] == "<none>@<none>"
			base.Repository, base.Tag = "<none>", "<none>"
			if !base.Dangling {
				if i := strings.LastIndex(s.RepoDigests[0], "@"); i > 0 {
					base.Repository = s.RepoDigests[0][:i]
				}
			}
			out = append(out, base)
			continue
		}
		// One row per tag, like docker images.
		for _, t := range tags {
			im := base
			im.Repository, im.Tag = splitRepoTag(t)
			out = append(out, im)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Created.Equal(out[j].Created) {
			return out[i].Created.After(out[j].Created)
		}
		return out[i].Repository+":"+out[i].Tag < out[j].Repository+":"+out[j].Tag
	})
	return out, nil
}

func splitRepoTag(t string) (string, string) {
	i := strings.LastIndex(t, ":")
	if i < 0 || strings.Contains(t[i:], "/") {
		return t, "<none>"
	}
	return t[:i], t[i+1:]
}

// CountImageUsers sets Image.Containers from a full container list.
func CountImageUsers(images []Image, containers []Container) {
	n := map[string]int{}
	for _, c := range containers {
		n[c.ImageID]++
	}
	for i := range images {
		images[i].Containers = n[images[i].ID]
	}
}

// Images implements Engine.
func (d *Docker) Images(ctx context.Context) ([]Image, error) {
	var (
		wg    sync.WaitGroup
		cs    []Container
		cErr  error
		image []Image
		iErr  error
	)
	wg.Add(1)
	go func() { defer wg.Done(); cs, cErr = d.Containers(ctx, true) }()
	image, iErr = d.ImageList(ctx)
	wg.Wait()
	if iErr != nil {
		return nil, iErr
	}
	if cErr != nil {
		return nil, cErr
	}
	CountImageUsers(image, cs)
	return image, nil
}

// ImageExposedPorts implements Engine.
func (d *Docker) ImageExposedPorts(ctx context.Context, ref string) ([]string, error) {
	ins, err := d.cli.ImageInspect(ctx, strings.TrimSpace(ref))
	if err != nil {
		return nil, d.wrap(err, ref)
	}
	var out []string
	if ins.Config != nil {
		for p := range ins.Config.ExposedPorts {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out, nil
}

// Pull implements Engine.
func (d *Docker) Pull(ctx context.Context, ref string, progress func(PullProgress)) error {
	norm, err := ValidateImage(ref)
	if err != nil {
		return err
	}
	rc, err := d.cli.ImagePull(ctx, norm, image.PullOptions{})
	if err != nil {
		return d.wrapPull(ctx, err, ref)
	}
	defer rc.Close()
	t := newPullTracker(ref)
	dec := json.NewDecoder(rc)
	for {
		var m jsonmessage.JSONMessage
		if err := dec.Decode(&m); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return d.wrapPull(ctx, err, ref)
		}
		if m.Error != nil {
			return d.wrapPull(ctx, m.Error, ref)
		}
		if t.apply(&m) && progress != nil {
			progress(t.snapshot())
		}
	}
	t.done = true
	if progress != nil {
		progress(t.snapshot())
	}
	return nil
}

// RemoveImage implements Engine.
func (d *Docker) RemoveImage(ctx context.Context, ref string, force bool) ([]string, error) {
	resp, err := d.cli.ImageRemove(ctx, ref, image.RemoveOptions{Force: force, PruneChildren: true})
	if err != nil {
		return nil, d.wrap(err, ref)
	}
	var out []string
	for _, r := range resp {
		if r.Untagged != "" {
			out = append(out, "Untagged: "+r.Untagged)
		}
		if r.Deleted != "" {
			out = append(out, "Deleted: "+r.Deleted)
		}
	}
	return out, nil
}

// Events implements Engine.
func (d *Docker) Events(ctx context.Context) (<-chan Event, <-chan error) {
	f := filters.NewArgs(filters.Arg("type", string(events.ContainerEventType)), filters.Arg("type", string(events.ImageEventType)))
	msgs, errs := d.cli.Events(ctx, events.ListOptions{Filters: f})
	out := make(chan Event, 256)
	outErr := make(chan error, 1)
	go func() {
		defer close(out)
		for {
			select {
			case m := <-msgs:
				ev := Event{Kind: EventKind(m.Type), Action: string(m.Action), ID: m.Actor.ID,
					Name: m.Actor.Attributes["name"], ExitCode: m.Actor.Attributes["exitCode"],
					Time: time.Unix(0, m.TimeNano)}
				select {
				case out <- ev:
				case <-ctx.Done():
					outErr <- ctx.Err()
					return
				}
			case err := <-errs:
				if err == nil {
					err = io.EOF
				}
				outErr <- d.wrap(err, "")
				return
			case <-ctx.Done():
				outErr <- ctx.Err()
				return
			}
		}
	}()
	return out, outErr
}

var usingContainer = regexp.MustCompile(`container ([0-9a-f]{12,64})`)

// wrap turns an SDK error into an *Error in plain words.
func (d *Docker) wrap(err error, object string) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	msg := err.Error()
	low := strings.ToLower(msg)
	switch {
	case errors.Is(err, context.Canceled):
		return &Error{Kind: ErrCanceled, Object: object, Msg: "Canceled", Err: err}
	case client.IsErrConnectionFailed(err) || strings.Contains(low, "cannot connect to the docker daemon") ||
		strings.Contains(low, "connection refused") || strings.Contains(low, "no such file or directory") && strings.Contains(low, "sock"):
		return &Error{Kind: ErrUnreachable, Object: d.Host(), Err: err,
			Msg: "The Docker engine at " + d.Host() + " is not reachable. Start Docker, or check DOCKER_HOST."}
	case strings.Contains(low, "port is already allocated") || strings.Contains(low, "address already in use"):
		return &Error{Kind: ErrPortAllocated, Object: object, Err: err,
			Msg: "A host port you asked for is already in use by another container or program. Choose another host port."}
	case strings.Contains(low, "is already in use by container"):
		return &Error{Kind: ErrNameInUse, Object: object, Err: err,
			Msg: "The name \"" + object + "\" is already used by another container. Choose another name, or remove that container."}
	case strings.Contains(low, "invalid container name"):
		return &Error{Kind: ErrInvalidName, Object: object, Err: err,
			Msg: "A container name must be at least two characters: letters, digits, and _ . - (not first)"}
	case strings.Contains(low, "you cannot remove a running container") || strings.Contains(low, "stop the container before"):
		return &Error{Kind: ErrConflictMustStop, Object: object, Err: err,
			Msg: "The container is running. Stop it first, or force the removal (which kills it)."}
	case cerrdefs.IsConflict(err) && (strings.Contains(low, "image") || strings.Contains(low, "repository reference")):
		ce := &Error{Kind: ErrConflictImageInUse, Object: object, Err: err}
		for _, m := range usingContainer.FindAllStringSubmatch(msg, -1) {
			ce.Containers = append(ce.Containers, ShortID(m[1]))
		}
		ce.Msg = "The image " + object + " is used by container " + strings.Join(ce.Containers, ", ") +
			". Remove the container first, or force the removal."
		if strings.Contains(low, "cannot be forced") {
			ce.Msg = "The image " + object + " is used by running container " + strings.Join(ce.Containers, ", ") +
				". Stop and remove the container first."
		}
		return ce
	case cerrdefs.IsNotFound(err) || client.IsErrNotFound(err):
		what := "container or image"
		if strings.Contains(low, "image") {
			what = "image"
		} else if strings.Contains(low, "container") {
			what = "container"
		}
		return &Error{Kind: ErrNotFound, Object: object, Err: err, Msg: "There is no " + what + " " + strconv.Quote(object) + " on this engine."}
	}
	return &Error{Kind: ErrOther, Object: object, Err: err, Msg: strings.TrimPrefix(msg, "Error response from daemon: ")}
}

func (d *Docker) wrapPull(ctx context.Context, err error, ref string) error {
	if ctx.Err() != nil {
		return &Error{Kind: ErrCanceled, Object: ref, Msg: "The pull of " + ref + " was canceled", Err: ctx.Err()}
	}
	low := strings.ToLower(err.Error())
	if strings.Contains(low, "manifest unknown") || strings.Contains(low, "not found") ||
		strings.Contains(low, "repository does not exist") || strings.Contains(low, "pull access denied") ||
		strings.Contains(low, "name unknown") {
		return &Error{Kind: ErrImageNotInRegistry, Object: ref, Err: err,
			Msg: "The registry has no image " + ref + ". Check the name and the tag."}
	}
	return d.wrap(err, ref)
}
