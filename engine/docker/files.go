package docker

import (
	"archive/tar"
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/docker/docker/api/types/container"

	"berth/engine"
)

var _ engine.FileAPI = (*Client)(nil)

// A listing reports its first firstBatch entries, then what it found
// every partialEvery.
const (
	firstBatch   = 200
	partialEvery = 100 * time.Millisecond
)

func fileInfo(p string, s container.PathStat) engine.FileInfo {
	return engine.FileInfo{Name: s.Name, Path: p, Size: s.Size, Mode: s.Mode, ModTime: s.Mtime, LinkTarget: s.LinkTarget}
}

// ContainerStatPath implements engine.FileAPI.
func (d *Client) ContainerStatPath(ctx context.Context, id, p string) (engine.FileInfo, error) {
	p = engine.JoinPath("/", p)
	s, err := d.cli.ContainerStatPath(ctx, id, p)
	if err != nil {
		return engine.FileInfo{}, d.fileError(ctx, err, id, p)
	}
	return fileInfo(p, s), nil
}

// ContainerListDir implements engine.FileAPI. The folder's tree comes as
// a tar (its contents named under the folder's own name, "." when asked
// for "DIR/."): the entries one level down are kept, the rest skipped.
func (d *Client) ContainerListDir(ctx context.Context, id, dir string, partial func([]engine.FileInfo)) ([]engine.FileInfo, error) {
	dir = engine.JoinPath("/", dir)
	// "DIR/." follows a symlinked folder and names the entries "./NAME".
	src := strings.TrimSuffix(dir, "/") + "/."
	rc, _, err := d.cli.CopyFromContainer(ctx, id, src)
	if err != nil {
		return nil, d.fileError(ctx, err, id, dir)
	}
	defer rc.Close()
	tr := tar.NewReader(rc)
	var out []engine.FileInfo
	// The engine walks the tree in lexical order: what came so far is sorted.
	last := time.Now()
	reported := 0
	report := func() {
		if partial != nil && len(out) > reported {
			reported = len(out)
			partial(slices.Clone(out))
		}
		last = time.Now()
	}
	for {
		if partial != nil && (reported == 0 && len(out) >= firstBatch || time.Since(last) >= partialEvery) {
			report()
		}
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, d.fileError(ctx, err, id, dir)
		}
		rel := strings.Trim(strings.TrimPrefix(h.Name, "./"), "/")
		if rel == "" || rel == "." || strings.Contains(rel, "/") {
			continue
		}
		fi := h.FileInfo()
		out = append(out, engine.FileInfo{Name: rel, Path: engine.JoinPath(dir, rel), Size: h.Size,
			Mode: fi.Mode(), ModTime: h.ModTime, LinkTarget: h.Linkname})
		if h.Typeflag == tar.TypeLink {
			// A hard link to a file already sent: a regular file to the user.
			out[len(out)-1].LinkTarget = ""
		}
	}
	slices.SortFunc(out, func(a, b engine.FileInfo) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// ContainerCopyFrom implements engine.FileAPI.
func (d *Client) ContainerCopyFrom(ctx context.Context, id, p string) (io.ReadCloser, engine.FileInfo, error) {
	p = engine.JoinPath("/", p)
	rc, s, err := d.cli.CopyFromContainer(ctx, id, p)
	if err != nil {
		return nil, engine.FileInfo{}, d.fileError(ctx, err, id, p)
	}
	return &classifiedReader{rc: rc, d: d, id: id, p: p}, fileInfo(p, s), nil
}

// classifiedReader classifies the errors of a stream.
type classifiedReader struct {
	rc    io.ReadCloser
	d     *Client
	id, p string
}

func (r *classifiedReader) Read(b []byte) (int, error) {
	n, err := r.rc.Read(b)
	if err != nil && !errors.Is(err, io.EOF) {
		err = r.d.classify(err, r.p)
	}
	return n, err
}

func (r *classifiedReader) Close() error { return r.rc.Close() }

// ContainerCopyTo implements engine.FileAPI.
func (d *Client) ContainerCopyTo(ctx context.Context, id, dir string, content io.Reader) error {
	dir = engine.JoinPath("/", dir)
	err := d.cli.CopyToContainer(ctx, id, dir, content, container.CopyToContainerOptions{})
	if err != nil {
		return d.fileError(ctx, err, id, dir)
	}
	return nil
}

// ContainerDiff implements engine.FileAPI.
func (d *Client) ContainerDiff(ctx context.Context, id string) ([]engine.FileChange, error) {
	list, err := d.cli.ContainerDiff(ctx, id)
	if err != nil {
		return nil, d.classify(err, id)
	}
	out := make([]engine.FileChange, 0, len(list))
	for _, c := range list {
		k := engine.Changed
		switch c.Kind {
		case container.ChangeAdd:
			k = engine.Added
		case container.ChangeDelete:
			k = engine.Deleted
		}
		out = append(out, engine.FileChange{Path: c.Path, Kind: k})
	}
	slices.SortFunc(out, func(a, b engine.FileChange) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

// fileError classifies an archive error about path p of container id. The
// engine answers "not found" alike for a missing container and a missing
// path: which one it is, the container's existence tells.
func (d *Client) fileError(ctx context.Context, err error, id, p string) error {
	e := engine.AsError(d.classify(err, p))
	if e.Kind != engine.ErrNotFound {
		return e
	}
	if _, ierr := d.cli.ContainerInspect(ctx, id); ierr != nil {
		return d.classify(ierr, id)
	}
	e.Ref, e.What = p, "file or folder"
	return e
}

func (u unusable) ContainerStatPath(context.Context, string, string) (engine.FileInfo, error) {
	return engine.FileInfo{}, u.err
}

func (u unusable) ContainerListDir(context.Context, string, string, func([]engine.FileInfo)) ([]engine.FileInfo, error) {
	return nil, u.err
}

func (u unusable) ContainerCopyFrom(context.Context, string, string) (io.ReadCloser, engine.FileInfo, error) {
	return nil, engine.FileInfo{}, u.err
}

func (u unusable) ContainerCopyTo(context.Context, string, string, io.Reader) error { return u.err }

func (u unusable) ContainerDiff(context.Context, string) ([]engine.FileChange, error) {
	return nil, u.err
}
