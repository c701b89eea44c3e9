package volumes

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Browser is the dialog that shows a volume's files, one directory at a
// time, read through a helper container that mounts the volume read-only;
// it downloads files and folders and uploads files (then read-write, after
// saying so).
type Browser struct {
	v        *View
	vol, img string
	dir      string
	entries  []engine.FileEntry
	selected int
	seq      int    // bumps with every load: only the last one's answer shows
	after    string // what the status says once the next load is done, instead of the count

	path     *widget.Label
	status   *widget.Label
	list     *widget.List
	up       *widget.Button
	download *widget.Button
	folder   *widget.Button
	upload   *widget.Button
	dlg      dialog.Dialog
}

// lastBrowser is the last browser opened (tests).
var lastBrowser *Browser

func (v *View) openBrowse(name string) {
	if _, ok := v.volume(name); !ok {
		return
	}
	v.withHelper(true, i18n.T("volumes.browse.title", "Name", name), i18n.T("volumes.browse"), func(img string) { lastBrowser = v.browse(name, img) })
}

func (v *View) browse(name, img string) *Browser {
	b := &Browser{v: v, vol: name, img: img, dir: "/", selected: -1}
	b.path = &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Truncation: fyne.TextTruncateEllipsis}
	b.status = kit.WrapLabel("", widget.LowImportance)
	b.up = &widget.Button{Icon: theme.MoveUpIcon(), Text: i18n.T("volumes.browse.up"), OnTapped: func() { b.Open(path.Dir(b.dir)) }}
	b.list = widget.NewList(func() int { return len(b.entries) }, func() fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()), widget.NewLabel(""), kit.CellLabel())
	}, b.updateItem)
	b.list.OnSelected = b.tapped
	b.download = &widget.Button{Text: i18n.T("volumes.browse.download"), Icon: theme.DownloadIcon(), OnTapped: b.downloadSelected}
	b.folder = &widget.Button{Text: i18n.T("volumes.browse.downloadFolder"), Icon: theme.FolderIcon(), OnTapped: b.downloadFolder}
	b.upload = &widget.Button{Text: i18n.T("volumes.browse.upload"), Icon: theme.UploadIcon(), OnTapped: b.uploadFile}
	closeB := kit.NewDialogButton(i18n.T("volumes.browse.close"), theme.CancelIcon(), func() { b.dlg.Hide() })
	note := kit.WrapLabel(present.HelperText(img, true), widget.LowImportance)
	top := container.NewVBox(note, container.NewBorder(nil, nil, b.up, nil, b.path))
	bottom := container.NewVBox(b.status, container.NewHBox(b.download, b.folder, b.upload, closeB))
	content := container.NewBorder(top, bottom, nil, nil, b.list)
	b.dlg = dialog.NewCustomWithoutButtons(i18n.T("volumes.browse.files", "Name", name), content, v.h.Window())
	b.dlg.Resize(fyne.NewSize(720, 520))
	b.dlg.Show()
	b.Open("/")
	return b
}

func (b *Browser) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(b.entries) {
		return
	}
	f := b.entries[i]
	box := o.(*fyne.Container)
	name, side, icon := box.Objects[0].(*widget.Label), box.Objects[2].(*widget.Label), box.Objects[1].(*widget.Icon)
	text := f.Name
	switch {
	case f.Dir:
		icon.SetResource(theme.FolderIcon())
		text += "/"
	case f.Link != "":
		icon.SetResource(theme.FileIcon())
		text += " → " + f.Link
	default:
		icon.SetResource(theme.FileIcon())
	}
	name.SetText(text)
	info := f.ModTime.Local().Format("2006-01-02 15:04")
	if !f.Dir && f.Link == "" {
		info = present.HumanSize(f.Size) + "   " + info
	}
	side.SetText(fmt.Sprintf("%s  %04o", info, f.Mode))
	box.Refresh() // lay the row out again: the side text's width changed
}

// Open shows the directory dir of the volume.
func (b *Browser) Open(dir string) {
	b.dir = path.Clean("/" + dir)
	b.path.SetText(b.vol + ":" + b.dir)
	kit.Enable(b.up, b.dir != "/")
	b.selected = -1
	b.list.UnselectAll()
	b.status.SetText(i18n.T("volumes.browse.reading"))
	b.enable(false)
	b.seq++
	seq, ctx, at := b.seq, b.v.h.Context(), b.dir
	go func() {
		files, err := b.v.api.VolumeFiles(ctx, b.vol, b.img, at)
		b.v.h.Do(func() {
			if seq != b.seq {
				return
			}
			defer func() { b.after = "" }()
			b.enable(true)
			if err != nil {
				b.entries = nil
				b.status.SetText(present.Explain(err))
			} else {
				b.entries = files
				b.status.SetText(i18n.N("volumes.browse.entries", len(files)))
				if b.after != "" {
					b.status.SetText(b.after)
				}
			}
			b.list.Refresh()
		})
	}()
}

func (b *Browser) enable(on bool) {
	kit.Enable(b.download, on && b.selected >= 0)
	kit.Enable(b.folder, on)
	kit.Enable(b.upload, on)
}

func (b *Browser) tapped(i widget.ListItemID) {
	if i >= len(b.entries) {
		return
	}
	if f := b.entries[i]; f.Dir {
		b.Open(path.Join(b.dir, f.Name))
		return
	}
	b.selected = i
	b.enable(true)
}

// Entries are the names shown (tests).
func (b *Browser) Entries() []string {
	out := make([]string, len(b.entries))
	for i, f := range b.entries {
		out[i] = f.Name
	}
	return out
}

// Status is the line under the list (tests).
func (b *Browser) Status() string { return b.status.Text }

// Select selects the entry name (tests), as a tap does.
func (b *Browser) Select(name string) {
	for i, f := range b.entries {
		if f.Name == name {
			b.tapped(i)
		}
	}
}

func (b *Browser) downloadSelected() {
	if b.selected < 0 || b.selected >= len(b.entries) {
		return
	}
	f := b.entries[b.selected]
	p := path.Join(b.dir, f.Name)
	b.v.files.Save(f.Name, func(w io.WriteCloser, err error) {
		if err == nil && w != nil {
			b.Download(p, w)
		}
	})
}

// Download writes the file p of the volume to w and closes w.
func (b *Browser) Download(p string, w io.WriteCloser) {
	b.status.SetText(i18n.T("volumes.browse.downloading", "Name", p))
	ctx := b.v.h.Context()
	go func() {
		pr, pw := io.Pipe()
		go func() { pw.CloseWithError(b.v.api.VolumeExport(ctx, b.vol, b.img, p, pw)) }()
		n, err := firstFile(pr, w)
		pr.CloseWithError(io.ErrClosedPipe)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		b.v.h.Do(func() { b.done(err, i18n.T("volumes.browse.downloaded", "Name", p, "Size", present.HumanSize(n))) })
	}()
}

// firstFile copies the first regular file of a tar archive to w.
func firstFile(r io.Reader, w io.Writer) (int64, error) {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return 0, errors.New(i18n.T("volumes.browse.noFile"))
		}
		if err != nil {
			return 0, err
		}
		if h.Typeflag == tar.TypeReg {
			return io.Copy(w, tr)
		}
	}
}

func (b *Browser) downloadFolder() {
	name := path.Base(b.dir)
	if b.dir == "/" {
		name = b.vol
	}
	dir := b.dir
	b.v.files.Save(name+i18n.Code(".tar.gz"), func(w io.WriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		b.status.SetText(i18n.T("volumes.browse.downloading", "Name", dir))
		ctx := b.v.h.Context()
		go func() {
			cw := &countWriter{w: w}
			gz := gzip.NewWriter(cw)
			err := b.v.api.VolumeExport(ctx, b.vol, b.img, dir, gz)
			if cerr := gz.Close(); err == nil {
				err = cerr
			}
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			b.v.h.Do(func() {
				b.done(err, i18n.T("volumes.browse.downloadedFolder", "Dir", dir, "Name", name, "Size", present.HumanSize(cw.n)))
			})
		}()
	})
}

func (b *Browser) done(err error, ok string) {
	switch {
	case err == nil:
		b.status.SetText(ok)
	case !kit.Quiet(b.v.h.Context(), err):
		b.status.SetText(present.Explain(err))
	}
}

// uploadFile says that an upload mounts the volume read-write, then asks for the file.
func (b *Browser) uploadFile() {
	dir := b.dir
	b.v.h.Ask(kit.Question{Title: i18n.T("volumes.upload.title", "Name", b.vol), Message: i18n.T("volumes.upload.ask", "Helper", present.HelperText(b.img, false), "Dir", dir), Choices: []kit.Choice{kit.Cancel(),
		{Text: i18n.T("volumes.chooseFile"), Importance: widget.HighImportance, Run: func() {
			b.v.files.Open(func(r io.ReadCloser, name string, err error) {
				if err == nil && r != nil {
					b.Upload(dir, path.Base(name), r)
				}
			})
		}}}})
}

// Upload writes the file name read from r into the directory dir of the volume and closes r.
func (b *Browser) Upload(dir, name string, r io.ReadCloser) {
	b.status.SetText(i18n.T("volumes.uploading", "Name", name))
	ctx := b.v.h.Context()
	go func() {
		data, err := io.ReadAll(r)
		r.Close()
		if err == nil {
			var buf bytes.Buffer
			if err = tarOne(&buf, name, data); err == nil {
				err = b.v.api.VolumeImport(ctx, b.vol, b.img, dir, &buf)
			}
		}
		b.v.h.Do(func() {
			b.done(err, i18n.T("volumes.uploaded", "Name", name, "Dir", dir, "Size", present.HumanSize(int64(len(data)))))
			if err == nil && b.dir == dir {
				b.after = b.status.Text
				b.Open(dir)
			}
		})
	}()
}

// tarOne writes a tar archive of one file.
func tarOne(w io.Writer, name string, data []byte) error {
	tw := tar.NewWriter(w)
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), ModTime: time.Now(), Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	if _, err := tw.Write(data); err != nil {
		return err
	}
	return tw.Close()
}
