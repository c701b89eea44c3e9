package enginetest

import (
	"archive/tar"
	"bytes"
	"context"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"berth/engine"
)

var _ engine.FileAPI = (*Engine)(nil)

// FakeFile is one file or folder of a fake container's filesystem.
type FakeFile struct {
	Mode    fs.FileMode // fs.ModeDir for a folder
	Data    []byte
	Link    string
	ModTime time.Time
}

// SetFiles gives container id a filesystem: absolute paths to files
// (folders above them are implied). Uploads add to it.
func (f *Engine) SetFiles(id string, files map[string]FakeFile) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.files == nil {
		f.files = map[string]map[string]FakeFile{}
	}
	m := map[string]FakeFile{"/": {Mode: fs.ModeDir | 0o755}}
	for p, file := range files {
		m[path.Clean(p)] = file
		for d := path.Dir(path.Clean(p)); d != "/"; d = path.Dir(d) {
			if _, ok := m[d]; !ok {
				m[d] = FakeFile{Mode: fs.ModeDir | 0o755}
			}
		}
	}
	f.files[id] = m
}

// SetChanges serves cs as container id's diff.
func (f *Engine) SetChanges(id string, cs []engine.FileChange) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.changes == nil {
		f.changes = map[string][]engine.FileChange{}
	}
	f.changes[id] = cs
}

// File returns the fake file at p of container id.
func (f *Engine) File(id, p string) (FakeFile, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	file, ok := f.files[id][path.Clean(p)]
	return file, ok
}

func (f *Engine) info(p string, file FakeFile) engine.FileInfo {
	size := int64(len(file.Data))
	if file.Mode.IsDir() {
		size = 4096
	}
	return engine.FileInfo{Name: path.Base(p), Path: p, Size: size, Mode: file.Mode, ModTime: file.ModTime, LinkTarget: file.Link}
}

func notFound(p string) error {
	return &engine.Error{Kind: engine.ErrNotFound, Ref: p, What: "file or folder"}
}

// ContainerStatPath implements engine.FileAPI.
func (f *Engine) ContainerStatPath(ctx context.Context, id, p string) (engine.FileInfo, error) {
	f.record("Stat " + id + " " + p)
	if f.ContainerStatPathFunc != nil {
		return f.ContainerStatPathFunc(ctx, id, p)
	}
	p = engine.JoinPath("/", p)
	file, ok := f.File(id, p)
	if !ok {
		return engine.FileInfo{}, notFound(p)
	}
	return f.info(p, file), nil
}

// ContainerListDir implements engine.FileAPI.
func (f *Engine) ContainerListDir(ctx context.Context, id, dir string, partial func([]engine.FileInfo)) ([]engine.FileInfo, error) {
	f.record("List " + id + " " + dir)
	if f.ContainerListDirFunc != nil {
		return f.ContainerListDirFunc(ctx, id, dir, partial)
	}
	dir = engine.JoinPath("/", dir)
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.files[id][dir]; !ok {
		return nil, notFound(dir)
	}
	var out []engine.FileInfo
	for p, file := range f.files[id] {
		if p != "/" && path.Dir(p) == dir {
			out = append(out, f.info(p, file))
		}
	}
	slices.SortFunc(out, func(a, b engine.FileInfo) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// ContainerCopyFrom implements engine.FileAPI: a tar of the path's tree.
func (f *Engine) ContainerCopyFrom(ctx context.Context, id, p string) (io.ReadCloser, engine.FileInfo, error) {
	f.record("CopyFrom " + id + " " + p)
	if f.ContainerCopyFromFunc != nil {
		return f.ContainerCopyFromFunc(ctx, id, p)
	}
	p = engine.JoinPath("/", p)
	f.mu.Lock()
	defer f.mu.Unlock()
	root, ok := f.files[id][p]
	if !ok {
		return nil, engine.FileInfo{}, notFound(p)
	}
	var names []string
	for q := range f.files[id] {
		if q == p || strings.HasPrefix(q, strings.TrimSuffix(p, "/")+"/") {
			names = append(names, q)
		}
	}
	slices.Sort(names)
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	base := path.Base(p)
	for _, q := range names {
		file := f.files[id][q]
		name := base + strings.TrimPrefix(q, p)
		h := &tar.Header{Name: name, Mode: int64(file.Mode.Perm()), ModTime: file.ModTime, Typeflag: tar.TypeReg, Size: int64(len(file.Data))}
		switch {
		case file.Mode.IsDir():
			h.Typeflag, h.Size, h.Name = tar.TypeDir, 0, name+"/"
		case file.Link != "":
			h.Typeflag, h.Size, h.Linkname = tar.TypeSymlink, 0, file.Link
		}
		_ = tw.WriteHeader(h)
		if h.Typeflag == tar.TypeReg {
			_, _ = tw.Write(file.Data)
		}
	}
	_ = tw.Close()
	return io.NopCloser(&buf), f.info(p, root), nil
}

// ContainerCopyTo implements engine.FileAPI: unpacks into the fake's files.
func (f *Engine) ContainerCopyTo(ctx context.Context, id, dir string, content io.Reader) error {
	f.record("CopyTo " + id + " " + dir)
	if f.ContainerCopyToFunc != nil {
		return f.ContainerCopyToFunc(ctx, id, dir, content)
	}
	dir = engine.JoinPath("/", dir)
	tr := tar.NewReader(content)
	add := map[string]FakeFile{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		p := engine.JoinPath(dir, h.Name)
		switch h.Typeflag {
		case tar.TypeDir:
			add[p] = FakeFile{Mode: fs.ModeDir | fs.FileMode(h.Mode).Perm(), ModTime: h.ModTime}
		case tar.TypeSymlink:
			add[p] = FakeFile{Mode: fs.ModeSymlink | 0o777, Link: h.Linkname, ModTime: h.ModTime}
		default:
			data, err := io.ReadAll(tr)
			if err != nil {
				return err
			}
			add[p] = FakeFile{Mode: fs.FileMode(h.Mode).Perm(), Data: data, ModTime: h.ModTime}
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.files[id][dir]; !ok {
		return notFound(dir)
	}
	for p, file := range add {
		f.files[id][p] = file
	}
	return nil
}

// ContainerDiff implements engine.FileAPI.
func (f *Engine) ContainerDiff(ctx context.Context, id string) ([]engine.FileChange, error) {
	f.record("Diff " + id)
	if f.ContainerDiffFunc != nil {
		return f.ContainerDiffFunc(ctx, id)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.changes[id], nil
}
