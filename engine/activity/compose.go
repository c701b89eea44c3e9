package activity

import (
	"context"

	"berth/engine"
)

// WrapCompose returns api with its up and down recorded in log as the
// docker compose commands they stand for; the events of the project's
// containers and networks meanwhile are theirs, not done outside Berth.
func WrapCompose(api engine.ComposeAPI, log *Log) engine.ComposeAPI {
	return composeAPI{ComposeAPI: api, r: &recorder{log: log}}
}

type composeAPI struct {
	engine.ComposeAPI
	r *recorder
}

func (c composeAPI) ComposeUp(ctx context.Context, f engine.ComposeFile, progress func(engine.ComposeStep)) error {
	return c.record(ctx, ComposeUp, f, "up --detach", func() error { return c.ComposeAPI.ComposeUp(ctx, f, progress) })
}

func (c composeAPI) ComposeDown(ctx context.Context, f engine.ComposeFile, progress func(engine.ComposeStep)) error {
	return c.record(ctx, ComposeDown, f, "down", func() error { return c.ComposeAPI.ComposeDown(ctx, f, progress) })
}

// record records call as action on f's project; a file without a project
// name is read first for its own.
func (c composeAPI) record(ctx context.Context, action Action, f engine.ComposeFile, verb string, call func() error) error {
	project := f.Project
	if project == "" && f.Path != "" {
		cfg, err := c.ComposeConfig(ctx, f)
		if err != nil {
			return call() // it fails the same way: nothing is done, nothing recorded
		}
		project = cfg.Project
	}
	return c.r.record(Entry{Action: action, Object: project, Command: engine.ComposeCommand(f, verb)},
		&op{project: project, idKnown: true}, call)
}
