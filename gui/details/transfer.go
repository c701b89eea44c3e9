package details

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
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

// transfer is the one download or upload of the Files tab at a time, with
// its progress (redrawn ten times a second, not per chunk) and Cancel.
type transfer struct {
	f      *filesPane
	box    *fyne.Container
	label  *widget.Label
	bar    *widget.ProgressBar
	cancel *widget.Button

	mu   sync.Mutex
	stop context.CancelFunc
	done atomic.Int64
	on   bool // UI goroutine
}

func newTransfer(f *filesPane) *transfer {
	t := &transfer{f: f, label: widget.NewLabel(""), bar: widget.NewProgressBar()}
	t.cancel = &widget.Button{Text: i18n.T("details.xfer.cancel"), Icon: theme.CancelIcon(), OnTapped: t.cancelRun}
	t.box = container.NewBorder(nil, nil, nil, t.cancel, container.NewVBox(t.label, t.bar))
	t.box.Hide()
	return t
}

func (t *transfer) running() bool { return t.on }

func (t *transfer) cancelRun() {
	t.mu.Lock()
	if t.stop != nil {
		t.stop()
	}
	t.mu.Unlock()
}

// run does work in a goroutine, showing what (total bytes, 0 if unknown),
// then calls finished on the UI goroutine.
func (t *transfer) run(what string, total int64, work func(ctx context.Context, progress func(int64)) error, finished func(error)) {
	f := t.f
	ctx, stop := context.WithCancel(f.v.ctx)
	t.mu.Lock()
	t.stop = stop
	t.mu.Unlock()
	t.on = true
	t.done.Store(0)
	t.label.SetText(what)
	t.bar.SetValue(0)
	t.box.Show()
	f.status.SetText("")
	f.selected(f.sel)
	started := time.Now()
	show := func() {
		n := t.done.Load()
		text := i18n.T("details.xfer.progress", "What", what, "Done", present.HumanSize(n))
		if total > 0 {
			text = i18n.T("details.xfer.progressOf", "What", what, "Done", present.HumanSize(n), "Total", present.HumanSize(total))
			t.bar.SetValue(min(float64(n)/float64(total), 1))
		}
		if s := time.Since(started).Seconds(); s > 0.5 {
			text = i18n.T("details.xfer.rate", "Text", text, "Rate", present.HumanSize(int64(float64(n)/s)))
		}
		t.label.SetText(text)
	}
	tick := time.NewTicker(100 * time.Millisecond)
	finishedCh := make(chan struct{})
	go func() {
		for {
			select {
			case <-tick.C:
				f.v.h.Do(func() {
					if t.on {
						show()
					}
				})
			case <-finishedCh:
				tick.Stop()
				return
			}
		}
	}()
	go func() {
		err := work(ctx, func(n int64) { t.done.Store(n) })
		canceled := ctx.Err() != nil && f.v.ctx.Err() == nil
		stop()
		close(finishedCh)
		f.v.h.Do(func() {
			t.on = false
			t.box.Hide()
			if err != nil {
				if canceled {
					err = &engine.Error{Kind: engine.ErrCanceled, Err: err}
				}
				f.status.SetText(i18n.T("details.xfer.failed", "What", what, "Why", present.Explain(err)))
			} else {
				f.status.SetText(i18n.T("details.xfer.done", "What", what, "Size", present.HumanSize(t.done.Load())))
			}
			f.selected(f.sel)
			if finished != nil {
				finished(err)
			}
		})
	}()
}

// --- downloads ----------------------------------------------------------------

// chooseDownload asks where to save the selection: a file through the
// save dialog; a folder as a tar or unpacked into a folder.
func (f *filesPane) chooseDownload() {
	fi, ok := f.info[f.sel]
	if !ok || f.v.win == nil {
		return
	}
	if fi.IsLink() {
		// A link downloads what it points to (as docker cp -L).
		f.resolve(fi, func(target engine.FileInfo) { f.chooseDownloadOf(target) })
		return
	}
	f.chooseDownloadOf(fi)
}

// resolve stats where the link fi points to, then calls then with it (UI
// goroutine); a broken link says so.
func (f *filesPane) resolve(fi engine.FileInfo, then func(engine.FileInfo)) {
	target := linkTarget(fi)
	id := f.v.c.ID
	go func() {
		st, err := f.v.api.Files.ContainerStatPath(f.v.ctx, id, target)
		f.v.h.Do(func() {
			if err != nil {
				f.status.SetText(i18n.T("details.files.linkBroken", "Path", fi.Path, "Target", target, "Why", present.Explain(err)))
				return
			}
			then(st)
		})
	}()
}

func (f *filesPane) chooseDownloadOf(fi engine.FileInfo) {
	if !fi.IsDir() {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if w != nil && err == nil {
				f.downloadFile(fi, w)
			}
		}, f.v.win)
		d.SetFileName(fi.Name)
		d.Show()
		return
	}
	name := fi.Name
	if name == "/" || name == "" {
		name = i18n.Code("root")
	}
	f.v.ask(kit.Question{Title: i18n.T("details.download.title", "Path", fi.Path),
		Message: i18n.T("details.download.folder", "Path", fi.Path, "Name", name),
		Choices: []kit.Choice{kit.Cancel(),
			{Text: i18n.T("details.download.unpack"), Icon: theme.FolderOpenIcon(), Run: func() {
				dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
					if dir != nil && err == nil {
						f.downloadUnpacked(fi, dir.Path())
					}
				}, f.v.win)
			}},
			{Text: i18n.T("details.download.tar"), Icon: theme.DownloadIcon(), Importance: widget.HighImportance, Run: func() {
				d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
					if w != nil && err == nil {
						f.downloadTar(fi, w)
					}
				}, f.v.win)
				d.SetFileName(name + i18n.Code(".tar"))
				d.Show()
			}},
		}})
}

// downloadFile writes the file fi to w (closed when done).
func (f *filesPane) downloadFile(fi engine.FileInfo, w io.WriteCloser) {
	id := f.v.c.ID
	f.xfer.run(i18n.T("details.download.doing", "Path", fi.Path), fi.Size, func(ctx context.Context, progress func(int64)) error {
		defer w.Close()
		rc, _, err := f.v.api.Files.ContainerCopyFrom(ctx, id, fi.Path)
		if err != nil {
			return err
		}
		defer rc.Close()
		_, err = engine.CopyTarFile(rc, w, progress)
		return err
	}, nil)
}

// downloadTar writes the folder fi as a tar to w (closed when done).
func (f *filesPane) downloadTar(fi engine.FileInfo, w io.WriteCloser) {
	id := f.v.c.ID
	f.xfer.run(i18n.T("details.download.doing", "Path", fi.Path), 0, func(ctx context.Context, progress func(int64)) error {
		defer w.Close()
		rc, _, err := f.v.api.Files.ContainerCopyFrom(ctx, id, fi.Path)
		if err != nil {
			return err
		}
		defer rc.Close()
		_, err = io.Copy(&countWriter{w: w, fn: progress}, rc)
		return err
	}, nil)
}

// downloadUnpacked unpacks the folder fi into the local folder dest.
func (f *filesPane) downloadUnpacked(fi engine.FileInfo, dest string) {
	id := f.v.c.ID
	f.xfer.run(i18n.T("details.download.doingInto", "Path", fi.Path, "Folder", dest), 0, func(ctx context.Context, progress func(int64)) error {
		rc, _, err := f.v.api.Files.ContainerCopyFrom(ctx, id, fi.Path)
		if err != nil {
			return err
		}
		defer rc.Close()
		return engine.ExtractTar(rc, dest, progress)
	}, nil)
}

type countWriter struct {
	w  io.Writer
	n  int64
	fn func(int64)
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	c.fn(c.n)
	return n, err
}

// --- uploads ------------------------------------------------------------------

func (f *filesPane) chooseUploadFile() {
	if f.v.win == nil {
		return
	}
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if r != nil && err == nil {
			p := r.URI().Path()
			r.Close()
			f.upload([]string{p})
		}
	}, f.v.win)
}

func (f *filesPane) chooseUploadFolder() {
	if f.v.win == nil {
		return
	}
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if dir != nil && err == nil {
			f.upload([]string{dir.Path()})
		}
	}, f.v.win)
}

// upload copies local files and folders into the current folder; it asks
// first when that replaces what is there.
func (f *filesPane) upload(paths []string) {
	if len(paths) == 0 || f.gone || f.xfer.running() {
		return
	}
	dir := f.folder()
	var replaced []string
	if kids, ok := f.entries[dir]; ok {
		for _, p := range paths {
			if target := engine.JoinPath(dir, filepath.Base(p)); slices.Contains(kids, target) {
				replaced = append(replaced, target)
			}
		}
	}
	if len(replaced) == 0 {
		f.uploadInto(dir, paths)
		return
	}
	f.v.ask(kit.Question{Title: i18n.T("details.upload.replace.title", "Folder", dir),
		Message: i18n.T("details.upload.replace", "Paths", present.ListLabels(replaced)),
		Choices: []kit.Choice{kit.Cancel(), {Text: i18n.T("details.upload.replace.button"), Icon: theme.UploadIcon(), Importance: widget.DangerImportance,
			Run: func() { f.uploadInto(dir, paths) }}}})
}

// uploadInto sends the paths into the container's folder dir.
func (f *filesPane) uploadInto(dir string, paths []string) {
	total, err := engine.LocalSize(paths)
	if err != nil {
		f.status.SetText(i18n.T("details.upload.unreadable", "Why", err.Error()))
		return
	}
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	id := f.v.c.ID
	f.xfer.run(i18n.T("details.upload.doing", "Names", i18n.Join(names), "Folder", dir), total, func(ctx context.Context, progress func(int64)) error {
		pr, pw := io.Pipe()
		go func() { pw.CloseWithError(engine.TarPaths(pw, paths, progress)) }()
		err := f.v.api.Files.ContainerCopyTo(ctx, id, dir, pr)
		pr.CloseWithError(errors.New(i18n.Code("upload ended")))
		return err
	}, func(err error) {
		delete(f.entries, dir)
		f.tree.Refresh()
		if f.changesSeen {
			f.loadChanges()
		}
	})
}

// --- bounded reads ------------------------------------------------------------

var errFull = errors.New(i18n.Code("enough read"))

// limitBuffer keeps the first max bytes written to it, then fails.
type limitBuffer struct {
	b   []byte
	max int
}

func (l *limitBuffer) Write(p []byte) (int, error) {
	room := l.max - len(l.b)
	if len(p) > room {
		l.b = append(l.b, p[:room]...)
		return room, errFull
	}
	l.b = append(l.b, p...)
	return len(p), nil
}
