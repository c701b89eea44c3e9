package docker

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"

	"berth/engine"
)

// OwnerLabel marks the helper containers Berth creates (debug shells,
// volume helpers) with the process that created them, "HOST/PID", so that
// a later Berth can tell the leftovers of one that was killed from the
// helpers of one still running.
const OwnerLabel = "berth.owner"

// owner is this process's OwnerLabel value.
var owner = func() string {
	h, _ := os.Hostname()
	return h + "/" + strconv.Itoa(os.Getpid())
}()

// RemoveLeftovers removes (forced) the helper containers that a Berth
// process on this machine created and left behind when it was killed
// (a debug shell's helper keeps running then): containers labelled both
// OwnerLabel and DebugLabel or berth.helper whose owner process is gone.
// The helpers of a Berth still running, of another machine, and those
// without an owner (made before the label) are kept. It returns how many it
// removed; c must be a client of this package (else it does nothing).
func RemoveLeftovers(ctx context.Context, c *engine.Client) (int, error) {
	d, ok := c.Exec.(*Client)
	if !ok {
		return 0, nil
	}
	list, err := d.cli.ContainerList(ctx, container.ListOptions{All: true, Filters: filters.NewArgs(filters.Arg("label", OwnerLabel))})
	if err != nil {
		return 0, d.classify(err, "")
	}
	host, _ := os.Hostname()
	n := 0
	var errs []error
	for _, x := range list {
		if x.Labels[DebugLabel] == "" && x.Labels[helperLabel] == "" {
			continue
		}
		h, p, ok := strings.Cut(x.Labels[OwnerLabel], "/")
		pid, err := strconv.Atoi(p)
		if !ok || err != nil || h != host || pid <= 0 || pid == os.Getpid() || alive(pid) {
			continue
		}
		if err := d.cli.ContainerRemove(ctx, x.ID, container.RemoveOptions{Force: true}); err != nil {
			errs = append(errs, d.classify(err, x.ID))
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}
