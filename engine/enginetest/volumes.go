package enginetest

import (
	"bytes"
	"context"
	"io"
	"slices"
	"sort"

	"berth/engine"
)

var _ engine.VolumeAPI = (*Engine)(nil)

// VolumeFake is the volume part of the fake: func fields, and the state
// the nil ones serve (VolumeItems, VolumeSizeItems, and each volume's
// files as one tar archive in VolumeData).
type VolumeFake struct {
	VolumeListFunc   func(ctx context.Context) ([]engine.Volume, error)
	VolumeSizesFunc  func(ctx context.Context) (map[string]int64, error)
	VolumeCreateFunc func(ctx context.Context, spec engine.VolumeSpec) (engine.Volume, error)
	VolumeRemoveFunc func(ctx context.Context, name string) error
	VolumeFilesFunc  func(ctx context.Context, name, image, dir string) ([]engine.FileEntry, error)
	VolumeExportFunc func(ctx context.Context, name, image, path string, w io.Writer) error
	VolumeImportFunc func(ctx context.Context, name, image, dir string, r io.Reader) error

	VolumeItems     []engine.Volume
	VolumeSizeItems map[string]int64
	VolumeData      map[string][]byte
}

// SetVolumes replaces the volume list served by default.
func (f *Engine) SetVolumes(vs []engine.Volume) {
	f.mu.Lock()
	f.VolumeItems = vs
	f.mu.Unlock()
}

// VolumeList implements engine.VolumeAPI.
func (f *Engine) VolumeList(ctx context.Context) ([]engine.Volume, error) {
	f.record("VolumeList")
	if f.VolumeListFunc != nil {
		return f.VolumeListFunc(ctx)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]engine.Volume, len(f.VolumeItems))
	for i, v := range f.VolumeItems {
		v.Size = -1
		out[i] = v
	}
	return out, nil
}

// VolumeSizes implements engine.VolumeAPI.
func (f *Engine) VolumeSizes(ctx context.Context) (map[string]int64, error) {
	f.record("VolumeSizes")
	if f.VolumeSizesFunc != nil {
		return f.VolumeSizesFunc(ctx)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]int64{}
	for _, v := range f.VolumeItems {
		out[v.Name] = v.Size
	}
	for k, n := range f.VolumeSizeItems {
		out[k] = n
	}
	return out, nil
}

// VolumeCreate implements engine.VolumeAPI: it adds the volume to the state.
func (f *Engine) VolumeCreate(ctx context.Context, spec engine.VolumeSpec) (engine.Volume, error) {
	f.record("VolumeCreate " + spec.Name)
	if f.VolumeCreateFunc != nil {
		return f.VolumeCreateFunc(ctx, spec)
	}
	if err := engine.ValidateVolumeName(spec.Name); err != nil {
		return engine.Volume{}, err
	}
	v := engine.Volume{Name: spec.Name, Driver: spec.Driver, Labels: spec.Labels, Size: -1}
	if v.Driver == "" {
		v.Driver = "local"
	}
	f.mu.Lock()
	f.VolumeItems = append(f.VolumeItems, v)
	sort.Slice(f.VolumeItems, func(i, j int) bool { return f.VolumeItems[i].Name < f.VolumeItems[j].Name })
	f.mu.Unlock()
	return v, nil
}

// VolumeRemove implements engine.VolumeAPI: a volume in use is refused, as the engine does.
func (f *Engine) VolumeRemove(ctx context.Context, name string) error {
	f.record("VolumeRemove " + name)
	if f.VolumeRemoveFunc != nil {
		return f.VolumeRemoveFunc(ctx, name)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	i := slices.IndexFunc(f.VolumeItems, func(v engine.Volume) bool { return v.Name == name })
	if i < 0 {
		return &engine.Error{Kind: engine.ErrNotFound, Ref: name, What: "volume"}
	}
	if users := f.VolumeItems[i].UsedBy; len(users) > 0 {
		e := &engine.Error{Kind: engine.ErrVolumeInUse, Ref: name, What: "volume"}
		for _, u := range users {
			e.Users = append(e.Users, engine.ShortID(u.ID))
		}
		return e
	}
	f.VolumeItems = slices.Delete(f.VolumeItems, i, i+1)
	return nil
}

// VolumeFiles implements engine.VolumeAPI.
func (f *Engine) VolumeFiles(ctx context.Context, name, image, dir string) ([]engine.FileEntry, error) {
	f.record("VolumeFiles " + name + " " + image + " " + dir)
	if f.VolumeFilesFunc != nil {
		return f.VolumeFilesFunc(ctx, name, image, dir)
	}
	return nil, nil
}

// VolumeExport implements engine.VolumeAPI: it writes VolumeData[name].
func (f *Engine) VolumeExport(ctx context.Context, name, image, path string, w io.Writer) error {
	f.record("VolumeExport " + name + " " + image + " " + path)
	if f.VolumeExportFunc != nil {
		return f.VolumeExportFunc(ctx, name, image, path, w)
	}
	f.mu.Lock()
	data := f.VolumeData[name]
	f.mu.Unlock()
	_, err := io.Copy(w, bytes.NewReader(data))
	return err
}

// VolumeImport implements engine.VolumeAPI: it keeps what it reads as VolumeData[name].
func (f *Engine) VolumeImport(ctx context.Context, name, image, dir string, r io.Reader) error {
	f.record("VolumeImport " + name + " " + image + " " + dir)
	if f.VolumeImportFunc != nil {
		return f.VolumeImportFunc(ctx, name, image, dir, r)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	f.mu.Lock()
	if f.VolumeData == nil {
		f.VolumeData = map[string][]byte{}
	}
	f.VolumeData[name] = data
	f.mu.Unlock()
	return nil
}
