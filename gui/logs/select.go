package logs

import (
	"bufio"
	"image/color"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"berth/gui/i18n"
	"berth/gui/logs/linestore"
	"berth/gui/present"
)

// selectRow selects row r's line, or extends the selection to it.
func (w *Window) selectRow(r int, extend bool) {
	sp, ok := w.doc.at(r)
	if !ok || sp.gap {
		return
	}
	k := selKey{sp.p, sp.line}
	if extend && w.hasSel {
		w.selB = k
	} else {
		w.selA, w.selB, w.hasSel = k, k, true
	}
	w.list.Refresh()
}

func (w *Window) partIndex(p *part) int {
	for i, q := range w.doc.parts {
		if q == p {
			return i
		}
	}
	return -1
}

func (w *Window) less(a, b selKey) bool {
	ia, ib := w.partIndex(a.part), w.partIndex(b.part)
	if ia != ib {
		return ia < ib
	}
	return a.line < b.line
}

// selection is the selection's ends in order.
func (w *Window) selection() (selKey, selKey, bool) {
	if !w.hasSel || w.partIndex(w.selA.part) < 0 || w.partIndex(w.selB.part) < 0 {
		return selKey{}, selKey{}, false
	}
	a, b := w.selA, w.selB
	if w.less(b, a) {
		a, b = b, a
	}
	return a, b, true
}

func (w *Window) selected(sp spot) bool {
	a, b, ok := w.selection()
	if !ok {
		return false
	}
	k := selKey{sp.p, sp.line}
	return !w.less(k, a) && !w.less(b, k)
}

// eachShown calls fn with every line shown (filter and containers
// applied), in order, from a to b (inclusive) when sel.
func (w *Window) eachShown(sel bool, a, b selKey, fn func(p *part, line int) bool) {
	for pi, p := range w.doc.parts {
		if p.st == nil {
			continue
		}
		if sel && (pi < w.partIndex(a.part) || pi > w.partIndex(b.part)) {
			continue
		}
		n := w.doc.visCount(p)
		for k := 0; k < n; k++ {
			line := k
			if !p.all {
				line = int(p.vis[k])
			}
			if sel && (w.less(selKey{p, line}, a) || w.less(b, selKey{p, line})) {
				continue
			}
			if !fn(p, line) {
				return
			}
		}
	}
}

// lineText appends a line as the view shows it (timestamp and container
// when shown, the text without colour codes) and a newline.
func (w *Window) lineText(dst []byte, p *part, line int) []byte {
	in := p.st.Info(line)
	if w.stamps.Checked && in.Time != 0 {
		dst = append(dst, time.Unix(0, in.Time).Local().Format("2006-01-02 15:04:05.000 ")...)
	}
	if len(w.sources) > 1 {
		dst = append(dst, padRight(w.sources[in.Source].name, w.nameW)+" │ "...)
	}
	if in.Flags&linestore.Marker != 0 {
		dst = append(dst, "──── "...)
		dst, _ = p.st.Text(dst, line)
		dst = append(dst, " ────"...)
	} else {
		dst, _ = p.st.Text(dst, line)
	}
	return append(dst, '\n')
}

func (w *Window) clip(s string) {
	w.h.App().Clipboard().SetContent(s)
}

// copySelection copies the selected lines.
func (w *Window) copySelection() {
	a, b, ok := w.selection()
	if !ok {
		return
	}
	var out []byte
	w.eachShown(true, a, b, func(p *part, line int) bool {
		out = w.lineText(out, p, line)
		return true
	})
	w.clip(string(out))
	w.status.SetText(i18n.N("logs.copied", lines(out)))
}

// copyMatching copies every matching line.
func (w *Window) copyMatching() {
	if w.matcher == nil {
		return
	}
	var out []byte
	for _, p := range w.doc.parts {
		if p.st == nil {
			continue
		}
		for _, l := range hitLines(p) {
			out = w.lineText(out, p, int(l))
		}
	}
	w.clip(string(out))
	w.status.SetText(i18n.T("logs.copiedMatching", "Count", present.Count(lines(out))))
}

func lines(b []byte) int {
	n := 0
	for _, c := range b {
		if c == '\n' {
			n++
		}
	}
	return n
}

// exportDialog asks where to save the lines shown (all of them, or the
// filtered ones) and writes them there off the UI goroutine.
func (w *Window) exportDialog() {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		w.status.SetText(i18n.T("logs.exporting"))
		w.ExportTo(wc, func(n int, err error) {
			wc.Close()
			if err != nil {
				w.status.SetText(i18n.T("logs.exportFailed", "Why", err.Error()))
				return
			}
			w.status.SetText(i18n.T("logs.exported", "Count", present.Count(n), "Path", wc.URI().Path()))
		})
	}, w.win)
	d.SetFileName(i18n.Code("logs.txt"))
	d.Show()
}

// ExportTo writes the lines shown to out, off the UI goroutine, then calls
// done on it with the count.
func (w *Window) ExportTo(out io.Writer, done func(n int, err error)) {
	type ref struct {
		p    *part
		line int32
	}
	// Which lines is decided now, on the UI goroutine; their text is read
	// on a goroutine (the stores may be read from any).
	var refs []ref
	w.eachShown(false, selKey{}, selKey{}, func(p *part, line int) bool {
		refs = append(refs, ref{p, int32(line)})
		return true
	})
	go func() {
		bw := bufio.NewWriterSize(out, 1<<20)
		var buf []byte
		var err error
		for _, r := range refs {
			buf = w.lineText(buf[:0], r.p, int(r.line))
			if _, err = bw.Write(buf); err != nil {
				break
			}
		}
		if err == nil {
			err = bw.Flush()
		}
		w.h.Do(func() { done(len(refs), err) })
	}()
}

// sizeWatcher wraps the list to hear its width (for wrap and truncation).
type sizeWatcher struct {
	widget.BaseWidget
	w     *Window
	inner fyne.CanvasObject
	width float32
}

func (s *sizeWatcher) CreateRenderer() fyne.WidgetRenderer {
	return &watchRenderer{s}
}

type watchRenderer struct{ s *sizeWatcher }

func (r *watchRenderer) Layout(size fyne.Size) {
	r.s.inner.Resize(size)
	if size.Width != r.s.width {
		r.s.width = size.Width
		r.s.w.fit(size.Width)
		r.s.w.list.Refresh()
	}
}
func (r *watchRenderer) MinSize() fyne.Size           { return r.s.inner.MinSize() }
func (r *watchRenderer) Refresh()                     { r.s.inner.Refresh() }
func (r *watchRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.s.inner} }
func (r *watchRenderer) Destroy()                     {}

func newSwatch(c color.Color) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.SetMinSize(fyne.NewSize(12, 12))
	r.CornerRadius = 3
	return r
}
