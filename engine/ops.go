package engine

import "context"

// StopAndRemove stops a running container (one that is gone meanwhile is
// fine), then removes it with force: what "Stop and remove" and "Remove the
// containers first" do once the user agreed. stopped, when set, is called
// between the two steps (to show "Removing…"). The one place this rule lives.
func StopAndRemove(ctx context.Context, api ContainerAPI, c Container, stopped func()) error {
	if c.Running() {
		if err := api.ContainerStop(ctx, c.ID, nil); err != nil && !IsKind(err, ErrNotFound) {
			return err
		}
	}
	if stopped != nil {
		stopped()
	}
	return api.ContainerRemove(ctx, c.ID, RemoveOptions{Force: true})
}
