package engine

import (
	"context"
	"io"
	"io/fs"
	"path"
	"time"
)

// FileAPI reads and writes a container's files through the archive API, and
// its changes (issue 10). It needs no shell in the container and works on
// stopped containers too.
type FileAPI interface {
	// ContainerStatPath describes one path in the container, as
	// `docker cp` does before copying (symlinks are not followed).
	ContainerStatPath(ctx context.Context, id, path string) (FileInfo, error)
	// ContainerListDir lists the entries of a folder, sorted by name, folders
	// not first. The engine has no shallow listing: it sends the folder's
	// whole tree, of which this keeps the first level. partial, if set, gets
	// the entries found so far while the listing goes on (at most ten times
	// a second), so that a big folder shows its first rows early.
	ContainerListDir(ctx context.Context, id, dir string, partial func([]FileInfo)) ([]FileInfo, error)
	// ContainerCopyFrom streams path (a file or a folder, as `docker cp
	// CONTAINER:PATH -`) as a tar whose entries are named from path's base
	// name, and describes path. Close the reader when done.
	ContainerCopyFrom(ctx context.Context, id, path string) (io.ReadCloser, FileInfo, error)
	// ContainerCopyTo unpacks the tar content into the folder dir of the
	// container, as `docker cp - CONTAINER:DIR`.
	ContainerCopyTo(ctx context.Context, id, dir string, content io.Reader) error
	// ContainerDiff is `docker diff`: what the container added, changed and
	// deleted against its image, sorted by path.
	ContainerDiff(ctx context.Context, id string) ([]FileChange, error)
}

// FileInfo describes one file or folder in a container.
type FileInfo struct {
	Name       string // base name
	Path       string // absolute, in the container
	Size       int64
	Mode       fs.FileMode
	ModTime    time.Time
	LinkTarget string // for a symlink: where it points
}

// IsDir reports whether the entry is a folder.
func (f FileInfo) IsDir() bool { return f.Mode.IsDir() }

// IsLink reports whether the entry is a symbolic link.
func (f FileInfo) IsLink() bool { return f.Mode&fs.ModeSymlink != 0 }

// ChangeKind is how a path changed against the image.
type ChangeKind int

// The kinds of change, as `docker diff` prints them (C, A, D).
const (
	Changed ChangeKind = iota
	Added
	Deleted
)

func (k ChangeKind) String() string {
	switch k {
	case Added:
		return "added"
	case Deleted:
		return "deleted"
	}
	return "changed"
}

// Letter is the kind as `docker diff` prints it.
func (k ChangeKind) Letter() string { return [...]string{"C", "A", "D"}[k] }

// FileChange is one line of `docker diff`.
type FileChange struct {
	Path string
	Kind ChangeKind
}

// JoinPath joins a container folder and a name into an absolute, clean
// container path (always with forward slashes).
func JoinPath(dir, name string) string { return path.Clean("/" + path.Join(dir, name)) }
