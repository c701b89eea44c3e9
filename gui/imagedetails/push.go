package imagedetails

import (
	"image/color"
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

// pushView shows a push in flight as `docker push` prints it: one line and
// bar per layer ("5e6ec7f28fb7: Pushing 1.2MB/4MB"), an overall bar and the
// registry's last words ("1: digest: sha256:… size: 528"). pull.Progress
// words a pull ("Downloading", "Pull complete") and weighs its phases for
// one, so a push has a view of its own with the same shape.
//
// post may be called from any goroutine: a kit.Coalescer keeps the latest
// progress and schedules at most one UI update at a time.
type pushView struct {
	posts *kit.Coalescer[pushUpdate]
	gen   atomic.Uint64 // bumped by reset: progress of an older push is dropped

	// UI goroutine only.
	ref     string
	done    bool
	layers  []engine.Layer
	title   *widget.Label
	overall *widget.ProgressBar
	list    *widget.List
	status  *widget.Label
	obj     *fyne.Container
}

type pushUpdate struct {
	gen uint64
	p   engine.PullProgress
}

func newPushView(do func(func())) *pushView {
	v := &pushView{
		title:   &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		overall: &widget.ProgressBar{Max: 1},
		status:  &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Wrapping: fyne.TextWrapBreak},
	}
	v.posts = kit.NewCoalescer(do, nil, v.apply)
	v.list = widget.NewList(func() int { return len(v.layers) }, v.createRow, v.updateRow)
	space := canvas.NewRectangle(color.Transparent)
	space.SetMinSize(fyne.NewSize(560, 150))
	v.obj = container.NewBorder(container.NewVBox(v.title, v.overall), v.status, nil, nil, container.NewStack(space, v.list))
	v.obj.Hide()
	return v
}

func (v *pushView) createRow() fyne.CanvasObject {
	bar := &widget.ProgressBar{Max: 1}
	bar.TextFormatter = func() string { return "" }
	label := &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Truncation: fyne.TextTruncateEllipsis}
	return container.NewBorder(nil, nil, nil, container.NewCenter(container.NewGridWrap(fyne.NewSize(140, bar.MinSize().Height), bar)), label)
}

func (v *pushView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(v.layers) {
		return
	}
	row := o.(*fyne.Container)
	l := v.layers[id]
	row.Objects[0].(*widget.Label).SetText(present.PushLayerLine(l))
	row.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*widget.ProgressBar).SetValue(engine.PushFraction(l))
}

func (v *pushView) content() fyne.CanvasObject { return v.obj }

// reset empties the view for a push of ref and shows it (UI goroutine).
func (v *pushView) reset(ref string) {
	v.gen.Add(1)
	v.ref, v.done, v.layers = ref, false, nil
	v.title.SetText(i18n.T("imagedetails.push.pushing", "Ref", ref))
	v.overall.SetValue(0)
	v.overall.Show()
	v.status.SetText(i18n.T("imagedetails.push.waiting"))
	v.list.Refresh()
	v.obj.Show()
}

// post hands the view a push's progress; safe from any goroutine.
func (v *pushView) post(p engine.PullProgress) { v.posts.Post(pushUpdate{gen: v.gen.Load(), p: p}) }

func (v *pushView) apply(u pushUpdate) {
	if u.gen != v.gen.Load() {
		return
	}
	p := u.p
	v.done = v.done || p.Done
	if p.Done {
		v.title.SetText(i18n.T("imagedetails.push.pushed", "Ref", v.ref))
	}
	v.layers = p.Layers
	v.overall.SetValue(p.Fraction)
	s := p.Status
	if s == "" {
		s = i18n.N("imagedetails.layers", len(p.Layers))
	}
	v.status.SetText(s)
	v.list.Refresh()
}

// ended says, in the heading, how the push ended (UI goroutine).
func (v *pushView) ended(err error) {
	if err == nil || v.done {
		return
	}
	v.gen.Add(1)
	if engine.IsKind(err, engine.ErrCanceled) {
		v.title.SetText(i18n.T("imagedetails.push.canceled", "Ref", v.ref))
	} else {
		v.title.SetText(i18n.T("imagedetails.push.failed", "Ref", v.ref))
	}
	v.overall.Hide()
}

// lines are the layer lines as shown (tests).
func (v *pushView) lines() []string {
	out := make([]string, len(v.layers))
	for i, l := range v.layers {
		out[i] = present.PushLayerLine(l)
	}
	return out
}
