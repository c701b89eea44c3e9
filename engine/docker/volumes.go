package docker

import (
	"archive/tar"
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
	"github.com/docker/docker/api/types/volume"

	"berth/engine"
)

var _ engine.VolumeAPI = (*Client)(nil)

// VolumeList implements engine.VolumeAPI: docker volume ls, and the
// containers that mount each volume (from one container list).
func (d *Client) VolumeList(ctx context.Context) ([]engine.Volume, error) {
	var (
		cs   []container.Summary
		cErr error
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		cs, cErr = d.cli.ContainerList(ctx, container.ListOptions{All: true})
	}()
	resp, err := d.cli.VolumeList(ctx, volume.ListOptions{})
	<-done
	if err != nil {
		return nil, d.classify(err, "")
	}
	if cErr != nil {
		return nil, d.classify(cErr, "")
	}
	users := map[string][]engine.VolumeUser{}
	for _, c := range cs {
		if c.Labels[helperLabel] != "" {
			continue // Berth's own short-lived helper: not a user of the volume
		}
		for _, m := range c.Mounts {
			if m.Type == mount.TypeVolume && m.Name != "" {
				users[m.Name] = append(users[m.Name], engine.VolumeUser{ID: c.ID, Name: containerName(c.Names)})
			}
		}
	}
	out := make([]engine.Volume, 0, len(resp.Volumes))
	for _, v := range resp.Volumes {
		if v == nil {
			continue
		}
		out = append(out, volumeFrom(*v, users[v.Name]))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func containerName(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return strings.TrimPrefix(names[0], "/")
}

func volumeFrom(v volume.Volume, users []engine.VolumeUser) engine.Volume {
	created, _ := time.Parse(time.RFC3339Nano, v.CreatedAt)
	size := int64(-1)
	if v.UsageData != nil && v.UsageData.Size >= 0 {
		size = v.UsageData.Size
	}
	sort.Slice(users, func(i, j int) bool { return users[i].Name < users[j].Name })
	return engine.Volume{Name: v.Name, Driver: v.Driver, Mountpoint: v.Mountpoint, Scope: v.Scope,
		Created: created, Labels: v.Labels, Size: size, UsedBy: users}
}

// VolumeSizes implements engine.VolumeAPI with the disk-usage call
// (docker system df -v), asking for volumes only.
func (d *Client) VolumeSizes(ctx context.Context) (map[string]int64, error) {
	// Docker 20.10 refuses a second disk-usage call while one runs (the Disk
	// usage tab's, the CLI's): wait for it as the Disk usage tab does.
	du, err := d.sdkDiskUsage(ctx, types.VolumeObject)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(du.Volumes))
	for _, v := range du.Volumes {
		if v != nil && v.UsageData != nil {
			out[v.Name] = v.UsageData.Size
		}
	}
	return out, nil
}

// VolumeCreate implements engine.VolumeAPI.
func (d *Client) VolumeCreate(ctx context.Context, spec engine.VolumeSpec) (engine.Volume, error) {
	if err := engine.ValidateVolumeName(spec.Name); err != nil {
		return engine.Volume{}, err
	}
	v, err := d.cli.VolumeCreate(ctx, volume.CreateOptions{Name: spec.Name, Driver: spec.Driver, Labels: spec.Labels})
	if err != nil {
		return engine.Volume{}, d.volumeErr(err, spec.Name)
	}
	return volumeFrom(v, nil), nil
}

// VolumeRemove implements engine.VolumeAPI; it never forces.
func (d *Client) VolumeRemove(ctx context.Context, name string) error {
	return d.volumeErr(d.cli.VolumeRemove(ctx, name, false), name)
}

func (d *Client) volumeErr(err error, name string) error {
	err = d.classify(err, name)
	if e := engine.AsError(err); e != nil && e.What == "" && (e.Kind == engine.ErrNotFound || e.Kind == engine.ErrInvalidName) {
		e.What = "volume"
	}
	return err
}

// helperLabel marks Berth's helper containers.
const helperLabel = "berth.helper"

// helperRoot is where a helper container mounts the volume.
const helperRoot = "/berth-volume"

// withHelper creates (never starts) a container of image that mounts the
// volume name at helperRoot, runs fn with its ID and removes it.
func (d *Client) withHelper(ctx context.Context, name, image string, readOnly bool, fn func(id string) error) error {
	if image == "" {
		return &engine.Error{Kind: engine.ErrInvalidImage, What: "image"}
	}
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	cfg := &container.Config{Image: image, Cmd: []string{"/berth-volume-helper"}, Entrypoint: []string{"/berth-volume-helper"},
		Labels: map[string]string{helperLabel: "volume", OwnerLabel: owner}, NetworkDisabled: true}
	hc := &container.HostConfig{NetworkMode: "none", Mounts: []mount.Mount{{Type: mount.TypeVolume, Source: name, Target: helperRoot, ReadOnly: readOnly}}}
	c, err := d.cli.ContainerCreate(ctx, cfg, hc, nil, nil, "berth-volume-helper-"+hex.EncodeToString(rnd[:]))
	if err != nil {
		return d.classify(err, image)
	}
	defer func() {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = d.cli.ContainerRemove(rctx, c.ID, container.RemoveOptions{Force: true})
	}()
	return fn(c.ID)
}

// inVolume is the helper's path of a path in the volume ("/" is its root).
func inVolume(p string) string {
	p = path.Clean("/" + p)
	if p == "/" {
		return helperRoot
	}
	return helperRoot + p
}

// VolumeFiles implements engine.VolumeAPI: it reads the directory's entries
// from the archive of that directory, skipping the contents of its
// subdirectories as they go by.
func (d *Client) VolumeFiles(ctx context.Context, name, image, dir string) ([]engine.FileEntry, error) {
	var out []engine.FileEntry
	err := d.withHelper(ctx, name, image, true, func(id string) error {
		rc, _, err := d.cli.CopyFromContainer(ctx, id, inVolume(dir)+"/.")
		if err != nil {
			return d.classify(err, path.Clean("/"+dir))
		}
		defer rc.Close()
		tr := tar.NewReader(rc)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return d.classify(err, "")
			}
			rel := strings.TrimPrefix(path.Clean(h.Name), "./")
			if rel == "." || rel == "" || strings.Contains(rel, "/") {
				continue
			}
			out = append(out, engine.FileEntry{Name: rel, Dir: h.Typeflag == tar.TypeDir, Link: h.Linkname,
				Size: h.Size, Mode: uint32(h.Mode & 0o7777), ModTime: h.ModTime})
		}
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Dir != out[j].Dir {
			return out[i].Dir
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// VolumeExport implements engine.VolumeAPI. The engine names the entries
// after the copied directory ("./…" for the root). An import sets the
// volume root's time to its own (the engine does not restore it), so the
// root entry's time is written as the Unix epoch: an export, imported and
// exported again, is then the same archive byte for byte.
func (d *Client) VolumeExport(ctx context.Context, name, image, p string, w io.Writer) error {
	return d.withHelper(ctx, name, image, true, func(id string) error {
		src := inVolume(p)
		root := src == helperRoot
		if root {
			src += "/."
		}
		rc, _, err := d.cli.CopyFromContainer(ctx, id, src)
		if err != nil {
			return d.classify(err, path.Clean("/"+p))
		}
		defer rc.Close()
		if !root {
			_, err = io.Copy(w, rc)
		} else {
			err = rewriteRoot(w, rc)
		}
		if err != nil {
			return d.classify(err, "")
		}
		return nil
	})
}

// rewriteRoot copies a tar archive, with the time of its root entry ("./") set to the epoch.
func rewriteRoot(w io.Writer, r io.Reader) error {
	tr, tw := tar.NewReader(r), tar.NewWriter(w)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return tw.Close()
		}
		if err != nil {
			return err
		}
		if h.Name == "./" || h.Name == "." {
			h.ModTime, h.AccessTime, h.ChangeTime = time.Unix(0, 0), time.Time{}, time.Time{}
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := io.Copy(tw, tr); err != nil {
			return err
		}
	}
}

// VolumeImport implements engine.VolumeAPI: the engine extracts the archive
// (and decompresses it) into the directory.
func (d *Client) VolumeImport(ctx context.Context, name, image, dir string, r io.Reader) error {
	return d.withHelper(ctx, name, image, false, func(id string) error {
		err := d.cli.CopyToContainer(ctx, id, inVolume(dir), r, container.CopyToContainerOptions{})
		if err != nil {
			return d.classify(err, path.Clean("/"+dir))
		}
		return nil
	})
}

func (u unusable) VolumeList(context.Context) ([]engine.Volume, error)   { return nil, u.err }
func (u unusable) VolumeSizes(context.Context) (map[string]int64, error) { return nil, u.err }
func (u unusable) VolumeRemove(context.Context, string) error            { return u.err }
func (u unusable) VolumeImport(context.Context, string, string, string, io.Reader) error {
	return u.err
}
func (u unusable) VolumeExport(context.Context, string, string, string, io.Writer) error {
	return u.err
}
func (u unusable) VolumeCreate(context.Context, engine.VolumeSpec) (engine.Volume, error) {
	return engine.Volume{}, u.err
}
func (u unusable) VolumeFiles(context.Context, string, string, string) ([]engine.FileEntry, error) {
	return nil, u.err
}
