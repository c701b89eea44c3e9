package activity

import (
	"context"
	"strconv"
	"strings"
	"time"

	"berth/engine"
)

// Wrap returns a copy of c whose actions that change the engine (the
// container actions, run, pull, image removal, tag and push, volume and
// network create and remove, connect and disconnect) are recorded in log as
// the docker commands they stand for. Every other field of c (lists,
// events, logs, and the resources other features add) is c's own. names
// gives a container's name from its ID, for the commands (nil or "": the
// short ID).
//
// To record another resource's actions later: a type that embeds its
// interface and records the methods that change things through r.record
// (as containers does below), and one line here.
func Wrap(c *engine.Client, log *Log, names func(id string) string) *engine.Client {
	r := &recorder{log: log, names: names}
	w := *c
	if c.Containers != nil {
		w.Containers = containers{ContainerAPI: c.Containers, r: r}
	}
	if c.Images != nil {
		w.Images = images{ImageAPI: c.Images, r: r}
	}
	if c.Volumes != nil {
		w.Volumes = volumes{VolumeAPI: c.Volumes, r: r}
	}
	if c.Networks != nil {
		w.Networks = networks{NetworkAPI: c.Networks, r: r}
	}
	if c.ImageDetails != nil {
		w.ImageDetails = imageDetails{ImageDetailAPI: c.ImageDetails, r: r}
	}
	return &w
}

// recorder records actions in a Log.
type recorder struct {
	log   *Log
	names func(id string) string
}

// name is what a command calls container id: its name, else its short ID.
func (r *recorder) name(id string) string {
	if r.names != nil {
		if n := r.names(id); n != "" {
			return n
		}
	}
	if isHexID(id) {
		return engine.ShortID(id)
	}
	return id
}

func isHexID(s string) bool { return len(s) == 64 && isHex(s) }

// isHex reports whether s is lower-case hexadecimal, as IDs are.
func isHex(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// record runs call as the action e, its events claimed by o.
func (r *recorder) record(e Entry, o *op, call func() error) error {
	o = r.log.begin(e, o)
	err := call()
	r.log.finish(o, err)
	return err
}

// containerOp is an op on one container claiming the event actions given
// (a negative count: any number).
func containerOp(id, name string, actions map[string]int) *op {
	return &op{ids: []string{id}, name: name, idKnown: true,
		match: []matcher{{kind: engine.EventContainer, actions: actions}}}
}

func timeoutFlag(t *time.Duration) string {
	if t == nil {
		return ""
	}
	return " --timeout=" + strconv.Itoa(int(t.Round(time.Second)/time.Second))
}

// containers records the container actions.
type containers struct {
	engine.ContainerAPI
	r *recorder
}

func (c containers) one(action Action, id, cmd string, actions map[string]int, call func() error) error {
	n := c.r.name(id)
	return c.r.record(Entry{Action: action, Object: n, Command: strings.ReplaceAll(cmd, "NAME", engine.Quote(n))},
		containerOp(id, n, actions), call)
}

func (c containers) ContainerStart(ctx context.Context, id string) error {
	return c.one(ContainerStart, id, "docker container start NAME", map[string]int{"start": 1},
		func() error { return c.ContainerAPI.ContainerStart(ctx, id) })
}

func (c containers) ContainerStop(ctx context.Context, id string, timeout *time.Duration) error {
	return c.one(ContainerStop, id, "docker container stop"+timeoutFlag(timeout)+" NAME",
		map[string]int{"kill": -1, "die": 1, "stop": 1},
		func() error { return c.ContainerAPI.ContainerStop(ctx, id, timeout) })
}

func (c containers) ContainerRestart(ctx context.Context, id string, timeout *time.Duration) error {
	return c.one(ContainerRestart, id, "docker container restart"+timeoutFlag(timeout)+" NAME",
		map[string]int{"kill": -1, "die": 1, "stop": 1, "start": 1, "restart": 1},
		func() error { return c.ContainerAPI.ContainerRestart(ctx, id, timeout) })
}

func (c containers) ContainerPause(ctx context.Context, id string) error {
	return c.one(ContainerPause, id, "docker container pause NAME", map[string]int{"pause": 1},
		func() error { return c.ContainerAPI.ContainerPause(ctx, id) })
}

func (c containers) ContainerUnpause(ctx context.Context, id string) error {
	return c.one(ContainerUnpause, id, "docker container unpause NAME", map[string]int{"unpause": 1},
		func() error { return c.ContainerAPI.ContainerUnpause(ctx, id) })
}

func (c containers) ContainerRemove(ctx context.Context, id string, opts engine.RemoveOptions) error {
	cmd := "docker container rm"
	if opts.Force {
		cmd += " --force"
	}
	if opts.Volumes {
		cmd += " --volumes"
	}
	return c.one(ContainerRemove, id, cmd+" NAME",
		map[string]int{"kill": -1, "die": 1, "stop": 1, "destroy": 1},
		func() error { return c.ContainerAPI.ContainerRemove(ctx, id, opts) })
}

func (c containers) ContainerRun(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
	obj := spec.Name // "" until the engine names it (its create event)
	o := &op{name: spec.Name, idKnown: spec.Name != "", match: []matcher{
		{kind: engine.EventContainer, actions: map[string]int{"create": 1, "start": 1, "die": 1, "destroy": 1}},
		{kind: engine.EventImage, actions: map[string]int{"pull": -1}, anyRef: true},
	}}
	o = c.r.log.begin(Entry{Action: ContainerRun, Object: obj, Command: engine.RunCommand(spec)}, o)
	id, err := c.ContainerAPI.ContainerRun(ctx, spec, progress)
	if id != "" {
		c.r.log.finish(o, err, id)
	} else {
		c.r.log.finish(o, err)
	}
	return id, err
}

// images records pulls and image removals.
type images struct {
	engine.ImageAPI
	r *recorder
}

func (i images) ImagePull(ctx context.Context, ref string, progress func(engine.PullProgress)) error {
	return i.r.record(Entry{Action: ImagePull, Object: ref, Command: "docker image pull " + engine.Quote(ref)},
		&op{idKnown: true, match: []matcher{{kind: engine.EventImage, actions: map[string]int{"pull": -1}, anyRef: true}}},
		func() error { return i.ImageAPI.ImagePull(ctx, ref, progress) })
}

func (i images) ImageRemove(ctx context.Context, ref string, force bool) ([]string, error) {
	cmd := "docker image rm "
	if force {
		cmd += "--force "
	}
	var lines []string
	err := i.r.record(Entry{Action: ImageRemove, Object: ref, Command: cmd + engine.Quote(ref)},
		&op{idKnown: true, match: []matcher{{kind: engine.EventImage, actions: map[string]int{"untag": -1, "delete": -1}, anyRef: true}}},
		func() error {
			var err error
			lines, err = i.ImageAPI.ImageRemove(ctx, ref, force)
			return err
		})
	return lines, err
}

// imageDetails records tag and push (the image window's actions).
type imageDetails struct {
	engine.ImageDetailAPI
	r *recorder
}

func (i imageDetails) ImageTag(ctx context.Context, src, target string) error {
	return i.r.record(Entry{Action: ImageTag, Object: target, Command: "docker image tag " + engine.Quote(src) + " " + engine.Quote(target)},
		&op{idKnown: true, match: []matcher{{kind: engine.EventImage, actions: map[string]int{"tag": -1}, anyRef: true}}},
		func() error { return i.ImageDetailAPI.ImageTag(ctx, src, target) })
}

func (i imageDetails) ImagePush(ctx context.Context, ref string, progress func(engine.PullProgress)) error {
	return i.r.record(Entry{Action: ImagePush, Object: ref, Command: "docker image push " + engine.Quote(ref)},
		&op{idKnown: true, match: []matcher{{kind: engine.EventImage, actions: map[string]int{"push": -1}, anyRef: true}}},
		func() error { return i.ImageDetailAPI.ImagePush(ctx, ref, progress) })
}
