package docker

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/pkg/jsonmessage"

	"berth/engine"
)

// ImageList implements engine.ImageAPI: one row per tag, newest first,
// without usage counts.
func (d *Client) ImageList(ctx context.Context) ([]engine.Image, error) {
	list, err := d.cli.ImageList(ctx, image.ListOptions{})
	if err != nil {
		return nil, d.classify(err, "")
	}
	var out []engine.Image
	for _, s := range list {
		base := engine.Image{ID: s.ID, ShortID: engine.ShortID(s.ID), Created: time.Unix(s.Created, 0), Size: s.Size,
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
			if short := familiar(im.Repository); short != im.Repository {
				im.FullRef, im.Repository = t, short
			}
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

// ImageExposedPorts implements engine.ImageAPI.
func (d *Client) ImageExposedPorts(ctx context.Context, ref string) ([]string, error) {
	ins, err := d.cli.ImageInspect(ctx, strings.TrimSpace(ref))
	if err != nil {
		return nil, d.classify(err, ref)
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

// ImagePull implements engine.ImageAPI.
func (d *Client) ImagePull(ctx context.Context, ref string, progress func(engine.PullProgress)) error {
	norm, err := engine.ValidateImage(ref)
	if err != nil {
		return err
	}
	rc, err := d.cli.ImagePull(ctx, norm, image.PullOptions{})
	if err != nil {
		return d.pullError(ctx, err, ref)
	}
	defer rc.Close()
	t := newPullTracker(ref)
	if err := d.readProgress(ctx, rc, ref, t.apply, t.snapshot, progress); err != nil {
		return err
	}
	t.finish()
	if d.isPodman(ctx) {
		// Podman counts the image's config blob as a layer: its ID is the image's.
		if ins, err := d.cli.ImageInspect(ctx, norm); err == nil {
			t.drop(engine.ShortID(ins.ID))
		}
	}
	if progress != nil {
		progress(t.snapshot())
	}
	return nil
}

// podmanImageUsers fills an ErrImageInUse of Podman, whose message names
// one container and whose force removal deletes every container of the
// image, running ones included: Users become all of them and
// ForceRemovesUsers is set, so that the GUI names what forcing deletes.
func (d *Client) podmanImageUsers(ctx context.Context, ref string, e *engine.Error) {
	e.ForceRemovesUsers, e.CannotForce = true, false
	id := ref
	if ins, err := d.cli.ImageInspect(ctx, ref); err == nil {
		id = ins.ID
	}
	list, err := d.cli.ContainerList(ctx, container.ListOptions{All: true})
	if err != nil {
		return
	}
	for _, c := range list {
		if c.ImageID == id || engine.ShortID(c.ImageID) == engine.ShortID(id) {
			if sid := engine.ShortID(c.ID); !slices.Contains(e.Users, sid) {
				e.Users = append(e.Users, sid)
			}
		}
	}
}

// pullError classifies a pull's error; once ctx ended, the pull was canceled.
// readProgress reads a pull's or a push's stream of progress messages to
// its end: each message goes to apply, and when it changed what shows,
// progress gets snapshot(). An error in the stream ends it, worded as
// pullError words it.
func (d *Client) readProgress(ctx context.Context, rc io.Reader, ref string, apply func(*jsonmessage.JSONMessage) bool,
	snapshot func() engine.PullProgress, progress func(engine.PullProgress)) error {
	dec := json.NewDecoder(rc)
	for {
		var m jsonmessage.JSONMessage
		if err := dec.Decode(&m); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return d.pullError(ctx, err, ref)
		}
		if m.Error != nil {
			return d.pullError(ctx, m.Error, ref)
		}
		if apply(&m) && progress != nil {
			progress(snapshot())
		}
	}
}

func (d *Client) pullError(ctx context.Context, err error, ref string) error {
	if ctx.Err() != nil {
		return &engine.Error{Kind: engine.ErrCanceled, Ref: ref, Err: ctx.Err()}
	}
	return d.classify(err, ref)
}

// ImageRemove implements engine.ImageAPI.
func (d *Client) ImageRemove(ctx context.Context, ref string, force bool) ([]string, error) {
	resp, err := d.cli.ImageRemove(ctx, ref, image.RemoveOptions{Force: force, PruneChildren: true})
	if err != nil {
		err = d.classify(err, ref)
		if e := engine.AsError(err); e != nil && e.Kind == engine.ErrImageInUse && d.isPodman(ctx) {
			d.podmanImageUsers(ctx, ref, e)
		}
		return nil, err
	}
	// Untagged lines first, as dockerd sends them (Podman sends Deleted first).
	var untagged, deleted []string
	for _, r := range resp {
		if r.Untagged != "" {
			untagged = append(untagged, "Untagged: "+familiar(r.Untagged))
		}
		if r.Deleted != "" {
			deleted = append(deleted, "Deleted: "+r.Deleted)
		}
	}
	return append(untagged, deleted...), nil
}
