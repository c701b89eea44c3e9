package engine

import (
	"context"
	"io"
	"regexp"
	"strings"
	"time"
)

// Volume is one row of `docker volume ls`, with what `docker system df -v`
// adds (its size) and the containers that use it.
type Volume struct {
	Name       string
	Driver     string
	Mountpoint string
	Scope      string // local or global
	Created    time.Time
	Labels     map[string]string
	// Size is the bytes the volume takes, from the engine's disk-usage call,
	// which is slow: -1 while unknown (the list shows first, sizes fill in).
	Size int64
	// UsedBy are the containers (running or not) that mount the volume.
	UsedBy []VolumeUser
}

// VolumeUser is a container that mounts a volume.
type VolumeUser struct {
	ID   string // full ID
	Name string // without the leading slash
}

// Dangling reports whether no container uses the volume (`docker volume ls -f dangling=true`).
func (v Volume) Dangling() bool { return len(v.UsedBy) == 0 }

// VolumeSpec is what `docker volume create` takes.
type VolumeSpec struct {
	Name   string // "" lets the engine pick one
	Driver string // "" means local
	Labels map[string]string
}

// FileEntry is one file in a volume, as a browse lists it.
type FileEntry struct {
	Name    string // base name
	Dir     bool
	Link    string // the target of a symbolic link, "" if not a link
	Size    int64
	Mode    uint32 // permission bits
	ModTime time.Time
}

// HelperImage is the image of the short-lived container through which
// Berth reads and writes a volume's files. It is created, never started: the
// engine's archive API copies files in and out of it, so any local image
// will do, even one without a shell.
type HelperImage = string

// VolumeAPI lists, creates, removes and browses volumes (issue 11).
type VolumeAPI interface {
	// VolumeList lists the volumes like `docker volume ls`, with the
	// containers that use each; sizes are -1 (VolumeSizes fills them in).
	VolumeList(ctx context.Context) ([]Volume, error)
	// VolumeSizes asks the engine's disk-usage call for the size of each
	// volume, by name. It is slow: call it after the list shows.
	VolumeSizes(ctx context.Context) (map[string]int64, error)
	// VolumeCreate creates a volume and returns it (with the name the engine picked).
	VolumeCreate(ctx context.Context, spec VolumeSpec) (Volume, error)
	// VolumeRemove removes a volume, never forcing: a volume in use fails
	// with an *Error of kind ErrVolumeInUse whose Users names the containers.
	VolumeRemove(ctx context.Context, name string) error
	// VolumeFiles lists the directory dir ("/" is the volume's root) of a
	// volume, through a helper container of image that mounts it read-only.
	VolumeFiles(ctx context.Context, name, image, dir string) ([]FileEntry, error)
	// VolumeExport writes the volume's files as a tar archive (uncompressed,
	// names relative to the volume's root: "./a/b") to w, through a helper
	// container of image that mounts it read-only. A file path other than
	// "/" exports just that file or directory.
	VolumeExport(ctx context.Context, name, image, path string, w io.Writer) error
	// VolumeImport extracts the tar archive r (gzip-compressed or not) into
	// the directory dir of the volume, through a helper container of image
	// that mounts it read-write.
	VolumeImport(ctx context.Context, name, image, dir string, r io.Reader) error
}

var validVolumeName = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]+$`)

// ValidateVolumeName checks a volume name as the local driver would; ""
// is allowed (the engine picks one). The error is an *Error of kind
// ErrInvalidName with What "volume".
func ValidateVolumeName(name string) error {
	if name == "" || validVolumeName.MatchString(name) {
		return nil
	}
	return &Error{Kind: ErrInvalidName, Ref: name, What: "volume"}
}

// CloneVolume copies the files of the volume from into a new volume named
// to (made with from's driver and labels), streaming an export into an
// import. On failure the new volume is removed again.
func CloneVolume(ctx context.Context, api VolumeAPI, from Volume, to, image string) (Volume, error) {
	if err := ValidateVolumeName(to); err != nil || to == "" {
		if to == "" {
			err = &Error{Kind: ErrInvalidName, What: "volume"}
		}
		return Volume{}, err
	}
	nv, err := api.VolumeCreate(ctx, VolumeSpec{Name: to, Driver: from.Driver, Labels: from.Labels})
	if err != nil {
		return Volume{}, err
	}
	pr, pw := io.Pipe()
	errc := make(chan error, 1)
	go func() {
		err := api.VolumeExport(ctx, from.Name, image, "/", pw)
		pw.CloseWithError(err)
		errc <- err
	}()
	ierr := api.VolumeImport(ctx, to, image, "/", pr)
	pr.CloseWithError(io.ErrClosedPipe)
	eerr := <-errc
	if eerr == nil {
		eerr = ierr
	}
	if eerr != nil {
		_ = api.VolumeRemove(context.WithoutCancel(ctx), to)
		return Volume{}, eerr
	}
	return nv, nil
}

// EventVolume is a volume event: create, destroy, mount, unmount (ID is the volume's name).
const EventVolume EventKind = "volume"

// IsVolume reports whether the bind mounts a named volume rather than a
// host path: the CLI takes a source that is not an absolute path as a
// volume's name (pgdata:/var/lib/postgresql/data).
func (b Bind) IsVolume() bool { return b.HostPath != "" && !strings.HasPrefix(b.HostPath, "/") }
