package docker

import (
	"context"
	"strings"
	"sync"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/go-connections/nat"

	"berth/engine"
)

// composeProjectLabel is the label compose puts on a project's containers.
const composeProjectLabel = "com.docker.compose.project"

// ContainerList implements engine.ContainerAPI. It never asks the engine for sizes.
func (d *Client) ContainerList(ctx context.Context, all bool) ([]engine.Container, error) {
	list, err := d.cli.ContainerList(ctx, container.ListOptions{All: all})
	if err != nil {
		return nil, d.classify(err, "")
	}
	return convertContainers(list), nil
}

// ContainerListByID implements engine.ContainerAPI.
func (d *Client) ContainerListByID(ctx context.Context, ids ...string) ([]engine.Container, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	f := filters.NewArgs()
	for _, id := range ids {
		f.Add("id", id)
	}
	list, err := d.cli.ContainerList(ctx, container.ListOptions{All: true, Filters: f})
	if err != nil {
		return nil, d.classify(err, "")
	}
	cs := convertContainers(list)
	// Events name containers whose state just changed: their status is
	// worded to the second and its estimate is exact enough. Inspect only
	// the others ("Up 3 minutes", after a rename or a health change) for
	// the moment their state began, so that their status ages precisely.
	// A storm of 300 stops costs no inspect at all.
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := range cs {
		if !exactSinceNeeded(cs[i]) {
			continue
		}
		wg.Add(1)
		go func(c *engine.Container) {
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

// exactSinceNeeded reports whether c's status carries a duration coarser
// than a second, which only an inspect makes exact.
func exactSinceNeeded(c engine.Container) bool {
	return !c.StateSince.IsZero() && !engine.StatusToTheSecond(c.Status)
}

func convertContainers(list []container.Summary) []engine.Container {
	out := make([]engine.Container, len(list))
	now := time.Now()
	for i := range list {
		out[i] = convertContainer(&list[i])
		out[i].StateSince = engine.SinceFromStatus(out[i].Status, now)
	}
	return out
}

func convertContainer(s *container.Summary) engine.Container {
	c := engine.Container{
		ID:      s.ID,
		ShortID: engine.ShortID(s.ID),
		Image:   imageShown(s.Image, s.ImageID),
		ImageID: s.ImageID,
		Command: s.Command,
		Created: time.Unix(s.Created, 0),
		State:   engine.ContainerState(s.State),
		Status:  s.Status,
		Labels:  s.Labels,
		Project: s.Labels[composeProjectLabel],
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
		c.Ports = make([]engine.PortBinding, len(s.Ports))
		for i, p := range s.Ports {
			c.Ports[i] = engine.PortBinding{HostIP: p.IP, HostPort: p.PublicPort, ContainerPort: p.PrivatePort, Proto: p.Type}
			if p.IP == "" && p.PublicPort != 0 {
				// Podman leaves the address out for every address; docker ps says 0.0.0.0.
				c.Ports[i].HostIP = "0.0.0.0"
			}
		}
	}
	return c
}

// imageShown is the image as docker ps shows it: once the tag a container
// was made from is gone, the engine names the image by its full ID
// ("sha256:…"), and docker ps shows the short ID.
func imageShown(image, imageID string) string {
	if image != "" && engine.ShortID(image) == engine.ShortID(imageID) {
		return engine.ShortID(imageID)
	}
	return familiar(image)
}

// familiar is an image name as docker shows it: Podman's fully qualified
// "localhost/web:1" and "docker.io/library/nginx" read "web:1" and "nginx",
// "docker.io/user/app" reads "user/app". A registry with a port
// (localhost:5000/...) stays.
func familiar(name string) string {
	for _, p := range []string{"localhost/", "docker.io/library/", "docker.io/"} {
		if rest, ok := strings.CutPrefix(name, p); ok && rest != "" {
			return rest
		}
	}
	return name
}

// ContainerStart implements engine.ContainerAPI.
func (d *Client) ContainerStart(ctx context.Context, id string) error {
	return d.classify(d.cli.ContainerStart(ctx, id, container.StartOptions{}), id)
}

func stopOptions(timeout *time.Duration) container.StopOptions {
	var o container.StopOptions
	if timeout != nil {
		s := int(timeout.Round(time.Second) / time.Second)
		o.Timeout = &s
	}
	return o
}

// ContainerStop implements engine.ContainerAPI.
func (d *Client) ContainerStop(ctx context.Context, id string, timeout *time.Duration) error {
	return d.classify(d.cli.ContainerStop(ctx, id, stopOptions(timeout)), id)
}

// ContainerRestart implements engine.ContainerAPI.
func (d *Client) ContainerRestart(ctx context.Context, id string, timeout *time.Duration) error {
	return d.classify(d.cli.ContainerRestart(ctx, id, stopOptions(timeout)), id)
}

// ContainerPause implements engine.ContainerAPI.
func (d *Client) ContainerPause(ctx context.Context, id string) error {
	return d.classify(d.cli.ContainerPause(ctx, id), id)
}

// ContainerUnpause implements engine.ContainerAPI.
func (d *Client) ContainerUnpause(ctx context.Context, id string) error {
	return d.classify(d.cli.ContainerUnpause(ctx, id), id)
}

// ContainerRemove implements engine.ContainerAPI.
func (d *Client) ContainerRemove(ctx context.Context, id string, opts engine.RemoveOptions) error {
	return d.classify(d.cli.ContainerRemove(ctx, id, container.RemoveOptions{Force: opts.Force, RemoveVolumes: opts.Volumes}), id)
}

// ContainerRun implements engine.ContainerAPI.
func (d *Client) ContainerRun(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
	if _, err := engine.ValidateImage(spec.Image); err != nil {
		return "", err
	}
	if err := engine.ValidateName(spec.Name); err != nil {
		return "", err
	}
	ports, err := engine.CleanPorts(spec.Ports)
	if err != nil {
		return "", err
	}
	exposed, bindings, err := nat.ParsePortSpecs(ports)
	if err != nil {
		return "", &engine.Error{Kind: engine.ErrInvalidPort, Ref: strings.Join(ports, " "), Err: err}
	}
	img := strings.TrimSpace(spec.Image)
	if _, err := d.cli.ImageInspect(ctx, img); err != nil {
		if !cerrdefs.IsNotFound(err) {
			return "", d.classify(err, img)
		}
		if err := d.ImagePull(ctx, img, progress); err != nil {
			return "", err
		}
	}
	cfg := &container.Config{Image: img, Env: spec.Env, ExposedPorts: exposed, Cmd: spec.Cmd}
	hc := &container.HostConfig{PortBindings: bindings}
	for _, b := range spec.Binds {
		hc.Binds = append(hc.Binds, b.Spec())
	}
	if spec.Restart != "" {
		hc.RestartPolicy = container.RestartPolicy{Name: container.RestartPolicyMode(spec.Restart)}
	}
	created, err := d.cli.ContainerCreate(ctx, cfg, hc, nil, nil, spec.Name)
	if err != nil {
		return "", d.runError(err, spec.Name, img)
	}
	if err := d.cli.ContainerStart(ctx, created.ID, container.StartOptions{}); err != nil {
		// Leave nothing behind, so a retry with the same name works.
		rmCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = d.cli.ContainerRemove(rmCtx, created.ID, container.RemoveOptions{Force: true})
		return "", d.runError(err, spec.Name, img)
	}
	return created.ID, nil
}

// runError classifies an error of a run about the container name; "No
// command specified" is about the image.
func (d *Client) runError(err error, name, img string) error {
	err = d.classify(err, name)
	if e := engine.AsError(err); e != nil && e.Kind == engine.ErrNoCommand {
		e.Ref = img
	}
	return err
}
