package engine

import (
	"archive/tar"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The tar streams of the archive API on the local side: what an upload
// sends and what a download unpacks. Plain Go, no SDK.

// LocalSize is the bytes of file data under the local paths (for an
// upload's progress).
func LocalSize(paths []string) (int64, error) {
	var n int64
	for _, p := range paths {
		err := filepath.WalkDir(p, func(_ string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() {
				fi, err := d.Info()
				if err != nil {
					return err
				}
				n += fi.Size()
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	return n, nil
}

// progressWriter counts the bytes through it.
type progressWriter struct {
	w    io.Writer
	done int64
	fn   func(int64)
}

func (p *progressWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	p.done += int64(n)
	if p.fn != nil {
		p.fn(p.done)
	}
	return n, err
}

// TarPaths writes a tar of local files and folders to w, each under its
// base name (a folder with its tree), as `docker cp LOCAL CONTAINER:DIR`
// sends them; progress, if set, gets the bytes of file data written so far.
func TarPaths(w io.Writer, paths []string, progress func(done int64)) error {
	tw := tar.NewWriter(w)
	pw := &progressWriter{w: tw, fn: progress}
	for _, root := range paths {
		root = filepath.Clean(root)
		parent := filepath.Dir(root)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			fi, err := d.Info()
			if err != nil {
				return err
			}
			link := ""
			if fi.Mode()&fs.ModeSymlink != 0 {
				if link, err = os.Readlink(p); err != nil {
					return err
				}
			}
			h, err := tar.FileInfoHeader(fi, link)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(parent, p)
			h.Name = filepath.ToSlash(rel)
			if fi.IsDir() {
				h.Name += "/"
			}
			// Owned by root in the container, as docker cp does without -a.
			h.Uid, h.Gid, h.Uname, h.Gname = 0, 0, "", ""
			if err := tw.WriteHeader(h); err != nil {
				return err
			}
			if !fi.Mode().IsRegular() {
				return nil
			}
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = io.Copy(pw, f)
			return err
		})
		if err != nil {
			return err
		}
	}
	return tw.Close()
}

// CopyTarFile copies the data of the first regular file in the tar r to
// w, for the download of one file; progress, if set, gets the bytes so far.
func CopyTarFile(r io.Reader, w io.Writer, progress func(done int64)) (int64, error) {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return 0, errors.New("the archive holds no file")
			}
			return 0, err
		}
		if h.Typeflag == tar.TypeReg {
			// Big reads and writes: a 100 MB file in 100 system calls, not 3,200.
			return io.CopyBuffer(&progressWriter{w: w, fn: progress}, tr, make([]byte, 1<<20))
		}
	}
}

// ExtractTar unpacks the tar r into the local folder dest: folders, files
// and symlinks, with their modes and times; an entry that would land
// outside dest is refused. progress, if set, gets the bytes of file data
// so far.
func ExtractTar(r io.Reader, dest string, progress func(done int64)) error {
	dest = filepath.Clean(dest)
	tr := tar.NewReader(r)
	var done int64
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		target := filepath.Join(dest, filepath.FromSlash(h.Name))
		if target != dest && !strings.HasPrefix(target, dest+string(filepath.Separator)) {
			return fmt.Errorf("the archive names %q, outside the folder", h.Name)
		}
		mode := fs.FileMode(h.Mode).Perm()
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, mode|0o700); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode|0o600)
			if err != nil {
				return err
			}
			n, err := io.Copy(f, tr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			done += n
			if progress != nil {
				progress(done)
			}
		case tar.TypeSymlink:
			_ = os.Remove(target)
			if err := os.Symlink(h.Linkname, target); err != nil {
				return err
			}
			continue
		case tar.TypeLink:
			old := filepath.Join(dest, filepath.FromSlash(h.Linkname))
			if !strings.HasPrefix(old, dest+string(filepath.Separator)) {
				return fmt.Errorf("the archive links to %q, outside the folder", h.Linkname)
			}
			_ = os.Remove(target)
			if err := os.Link(old, target); err != nil {
				return err
			}
			continue
		default:
			continue // devices and fifos are not unpacked
		}
		_ = os.Chtimes(target, h.ModTime, h.ModTime)
	}
}
