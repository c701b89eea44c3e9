// Package pull is the pull dialog (docker pull as a window) and the pull
// progress view that the run dialog shows too.
package pull

import (
	"image/color"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Progress shows a pull in flight, like `docker pull` prints it: one
// line and bar per layer ("5e6ec7f28fb7: Downloading 1.2MB/4MB"), an overall
// bar, and the overall lines ("Digest: sha256:…", "Status: Downloaded newer
// image for …"). Used by the pull dialog and by the run dialog while it pulls.
//
// Post may be called from any goroutine, as often as the engine likes: a
// kit.Coalescer keeps the latest snapshot (and the overall lines) and
// schedules at most one UI update at a time.
type Progress struct {
	posts *kit.Coalescer[update]
	gen   atomic.Uint64 // bumped by Reset: posts of an older pull are dropped

	// UI goroutine only.
	ref         string      // the image being pulled
	done        bool        // the engine said the pull is complete
	lines       statusLines // the overall lines shown
	layers      []engine.Layer
	title       *widget.Label
	overall     *widget.ProgressBar
	list        *layerList
	statusLabel *widget.Label
	obj         *fyne.Container
	applied     int                       // UI updates so far
	onApply     func(engine.PullProgress) // test hook, after each UI update
}

// update is what Post hands the UI goroutine: the latest snapshot of one
// pull (gen) and the overall lines seen since the last update.
type update struct {
	gen   uint64
	p     engine.PullProgress
	lines statusLines
}

// pullStatusLines is how many overall lines the view keeps.
const pullStatusLines = 4

// statusLines is the last few overall lines, oldest first; a value, so
// that posting one costs no allocation.
type statusLines struct {
	l [pullStatusLines]string
	n int
}

// add appends line unless it is empty or repeats the last one.
func (s *statusLines) add(line string) {
	if line == "" || s.n > 0 && s.l[s.n-1] == line {
		return
	}
	if s.n == len(s.l) {
		copy(s.l[:], s.l[1:])
		s.n--
	}
	s.l[s.n] = line
	s.n++
}

// NewProgress makes the view; do runs a function on the UI goroutine (nil:
// fyne.Do); listHeight is the room the layer list gets (it scrolls beyond that).
func NewProgress(do func(func()), listHeight float32) *Progress {
	if do == nil {
		do = fyne.Do
	}
	v := &Progress{
		title:       &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		overall:     &widget.ProgressBar{Max: 1},
		statusLabel: &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Wrapping: fyne.TextWrapBreak},
	}
	v.posts = kit.NewCoalescer(do, mergeUpdates, v.apply)
	v.list = &layerList{}
	v.list.Length = func() int { return len(v.layers) }
	v.list.CreateItem = v.createLayerRow
	v.list.UpdateItem = v.updateLayerRow
	v.list.ExtendBaseWidget(v.list)
	// The list is virtualised: it only needs room for the rows in view.
	space := canvas.NewRectangle(color.Transparent)
	space.SetMinSize(fyne.NewSize(560, listHeight))
	v.obj = container.NewBorder(
		container.NewVBox(v.title, v.overall),
		v.statusLabel, nil, nil,
		container.NewStack(space, v.list),
	)
	v.obj.Hide()
	return v
}

// layerList is the list of layers; as it sits in dialogs, Escape closes
// the dialog when the list has the focus.
type layerList struct{ widget.List }

// TypedKey implements fyne.Focusable.
func (l *layerList) TypedKey(ev *fyne.KeyEvent) {
	if !kit.Escaped(ev) {
		l.List.TypedKey(ev)
	}
}

// mergeUpdates folds a later update into the pending one: the latest
// snapshot wins, the overall lines add up; a newer pull replaces an older.
func mergeUpdates(pending, next update) update {
	if pending.gen != next.gen {
		return next
	}
	pending.p = next.p
	pending.lines.add(next.p.Status)
	return pending
}

func (v *Progress) createLayerRow() fyne.CanvasObject {
	bar := &widget.ProgressBar{Max: 1}
	bar.TextFormatter = func() string { return "" }
	label := &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Truncation: fyne.TextTruncateEllipsis}
	barBox := container.NewGridWrap(fyne.NewSize(140, bar.MinSize().Height), bar)
	return container.NewBorder(nil, nil, nil, container.NewCenter(barBox), label)
}

func (v *Progress) updateLayerRow(id widget.ListItemID, obj fyne.CanvasObject) {
	if id < 0 || id >= len(v.layers) {
		return
	}
	l := v.layers[id]
	label, bar := layerRowParts(obj)
	label.SetText(layerLine(l))
	bar.SetValue(l.Fraction())
}

// layerRowParts finds the label and the bar in a row made by createLayerRow.
func layerRowParts(obj fyne.CanvasObject) (*widget.Label, *widget.ProgressBar) {
	row := obj.(*fyne.Container)
	label := row.Objects[0].(*widget.Label)
	bar := row.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*widget.ProgressBar)
	return label, bar
}

// layerLine is one layer as `docker pull` words it: "5e6ec7f28fb7: Pull complete".
func layerLine(l engine.Layer) string {
	return engine.ShortID(l.ID) + ": " + layerStatusText(l)
}

// layerStatusText words a layer's phase.
func layerStatusText(l engine.Layer) string {
	sized := l.Total > 0
	current, total := present.HumanSize(l.Current), present.HumanSize(l.Total)
	switch l.Status {
	case engine.LayerDownloading:
		if sized {
			return i18n.T("pull.layer.downloadingSizes", "Current", current, "Total", total)
		}
		return i18n.T("pull.layer.downloading")
	case engine.LayerVerifying:
		return i18n.T("pull.layer.verifying")
	case engine.LayerDownloaded:
		return i18n.T("pull.layer.downloaded")
	case engine.LayerExtracting:
		if sized {
			return i18n.T("pull.layer.extractingSizes", "Current", current, "Total", total)
		}
		return i18n.T("pull.layer.extracting")
	case engine.LayerComplete:
		return i18n.T("pull.layer.complete")
	case engine.LayerExists:
		return i18n.T("pull.layer.exists")
	}
	return i18n.T("pull.layer.waiting")
}

// Reset empties the view for a new pull of ref and shows it (UI goroutine).
func (v *Progress) Reset(ref string) {
	v.gen.Add(1)
	v.ref, v.done = ref, false
	v.lines = statusLines{}
	v.layers = nil
	v.title.SetText(i18n.T("pull.pulling", "Image", ref))
	v.overall.SetValue(0)
	v.overall.Show()
	v.statusLabel.SetText(i18n.T("pull.waitingRegistry"))
	v.list.Refresh()
}

// Post hands the view a new snapshot; safe from any goroutine. Snapshots that
// arrive while an update is pending replace each other.
func (v *Progress) Post(p engine.PullProgress) {
	u := update{gen: v.gen.Load(), p: p}
	u.lines.add(p.Status)
	v.posts.Post(u)
}

// apply shows an update (UI goroutine), unless a Reset came after it.
func (v *Progress) apply(u update) {
	if u.gen != v.gen.Load() {
		return
	}
	p := u.p
	for _, l := range u.lines.l[:u.lines.n] {
		v.lines.add(l)
	}
	v.obj.Show()
	v.done = v.done || p.Done
	if p.Ref != "" {
		if p.Done {
			v.title.SetText(i18n.T("pull.pulled", "Image", p.Ref))
		} else {
			v.title.SetText(i18n.T("pull.pulling", "Image", p.Ref))
		}
	}
	v.layers = p.Layers
	v.overall.SetValue(p.Fraction)
	text := strings.Join(v.lines.l[:v.lines.n], "\n")
	if text == "" {
		text = i18n.N("pull.layers", len(p.Layers))
	}
	v.statusLabel.SetText(text)
	v.list.Refresh()
	v.applied++
	if v.onApply != nil {
		v.onApply(p)
	}
}

// Failed says, in the heading, that the pull ended with err before it was
// complete (canceled or failed), and drops the bar and any progress still
// on its way; a view that is not shown, or a complete pull, stays as it is.
// UI goroutine.
func (v *Progress) Failed(err error) {
	if !v.obj.Visible() || v.done {
		return
	}
	v.gen.Add(1)
	if engine.IsKind(err, engine.ErrCanceled) {
		v.title.SetText(i18n.T("pull.failed.canceled", "Image", v.ref))
	} else {
		v.title.SetText(i18n.T("pull.failed", "Image", v.ref))
	}
	v.overall.Hide()
	if v.lines.n == 0 {
		v.statusLabel.SetText("")
	}
}

// Title is the heading as shown: "Pulling nginx", "Pulled nginx", "Could
// not pull nginx" (UI goroutine).
func (v *Progress) Title() string { return v.title.Text }

// StatusText is the overall lines as shown (UI goroutine).
func (v *Progress) StatusText() string { return v.statusLabel.Text }

// Content is the view, hidden until the first progress arrives.
func (v *Progress) Content() fyne.CanvasObject { return v.obj }
