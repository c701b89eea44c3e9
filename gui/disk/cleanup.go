package disk

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// options are the cleanup choices as ticked.
func (v *View) options() engine.CleanupOptions {
	o := engine.CleanupOptions{Label: v.scope}
	if v.checkContainers.Checked {
		o.Kinds = append(o.Kinds, engine.CleanContainers)
	}
	if v.checkImages.Checked {
		if v.imagesAll.Selected == v.imagesAll.Options[1] {
			o.Kinds = append(o.Kinds, engine.CleanUnusedImages)
		} else {
			o.Kinds = append(o.Kinds, engine.CleanDangling)
		}
	}
	if v.checkVolumes.Checked {
		o.Kinds = append(o.Kinds, engine.CleanVolumes)
	}
	if v.checkNetworks.Checked {
		o.Kinds = append(o.Kinds, engine.CleanNetworks)
	}
	if v.checkBuild.Checked {
		o.Kinds = append(o.Kinds, engine.CleanBuildCache)
	}
	return o
}

func (v *View) setBusy(busy bool, doing string) {
	v.busy = busy
	kit.Enable(v.preview, !busy && !v.offline)
	if busy {
		v.preview.SetText(doing)
	} else {
		v.preview.SetText(i18n.T("disk.cleanup"))
	}
}

// askPreview lists what the ticked choices would remove, then asks.
func (v *View) askPreview() {
	opts := v.options()
	if v.busy {
		return
	}
	if len(opts.Kinds) == 0 {
		v.h.Ask(kit.Question{Title: i18n.T("disk.cleanup.heading"), Message: i18n.T("disk.tickOne"), Choices: []kit.Choice{kit.OK()}})
		return
	}
	v.setBusy(true, i18n.T("disk.listing"))
	ctx := v.h.Context()
	go func() {
		plan, err := v.api.CleanupPreview(ctx, opts)
		v.h.Do(func() { v.previewed(plan, err) })
	}()
}

func (v *View) previewed(plan engine.CleanupPlan, err error) {
	v.setBusy(false, "")
	switch {
	case err != nil && (engine.IsKind(err, engine.ErrCanceled) || v.h.Context().Err() != nil):
		return
	case err != nil:
		v.h.Ask(kit.ErrorQuestion(i18n.T("disk.preview.failed"), err))
		return
	case len(plan.Items) == 0:
		v.h.Ask(kit.Question{Title: i18n.T("disk.cleanup.heading"), Message: present.CleanupPreviewText(plan), Choices: []kit.Choice{kit.OK()}})
		return
	}
	lines := make([]string, len(plan.Items))
	for i, it := range plan.Items {
		lines[i] = present.CleanupItemLine(it)
	}
	items := plan.Items
	v.h.Ask(kit.Question{Title: i18n.T("disk.preview.title", "Counts", present.CleanupCounts(items)), Message: present.CleanupPreviewText(plan),
		Extra: linesList(lines), Choices: []kit.Choice{
			kit.Cancel(),
			kit.RemoveChoice(i18n.N("disk.removeItems", len(items)), func() { v.cleanup(items) }),
		}})
}

// cleanup removes exactly the items of the preview.
func (v *View) cleanup(items []engine.CleanupItem) {
	v.setBusy(true, i18n.T("disk.removing"))
	ctx := v.h.Context()
	go func() {
		res, err := v.api.Cleanup(ctx, items)
		v.h.Do(func() { v.cleaned(res, err) })
	}()
}

func (v *View) cleaned(res engine.CleanupResult, err error) {
	v.setBusy(false, "")
	if err != nil && v.h.Context().Err() != nil {
		return
	}
	text := present.CleanupResultText(res)
	kit.ShowMessage(v.result, text, widget.MediumImportance)
	var lines []string
	for _, it := range res.Removed {
		lines = append(lines, i18n.T("disk.result.removed", "Line", present.CleanupItemLine(it)))
	}
	for _, f := range res.Failed {
		lines = append(lines, i18n.T("disk.result.left", "Line", present.CleanupItemLine(f.Item), "Why", present.Explain(f.Err)))
	}
	q := kit.Question{Title: i18n.T("disk.done"), Message: text, Choices: []kit.Choice{kit.OK()}}
	if err != nil {
		q.Title = i18n.T("disk.stopped")
		q.Message = text + " " + present.Explain(err)
		q.Details = kit.EngineWords(err)
	}
	if len(lines) > 0 {
		q.Extra = linesList(lines)
	}
	v.h.Ask(q)
	v.dirty = true
	if v.content.visible {
		v.load()
	}
}

// lineList is a scrollable list of lines in a question.
type lineList struct {
	widget.List
	lines []string
}

// linesList is a scrollable list of lines for a question, up to 5 items
// high. Each line shows on two rows: what it is ("Container  web  12kB"),
// then, dimmed, what it says of it (its "  (…)" part), so that nothing is
// cut at the dialog's width.
func linesList(lines []string) fyne.CanvasObject {
	l := &lineList{lines: lines}
	l.Length = func() int { return len(l.lines) }
	l.CreateItem = func() fyne.CanvasObject {
		main := &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Truncation: fyne.TextTruncateEllipsis}
		detail := &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
		return container.New(tightRows{}, main, detail)
	}
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < 0 || id >= len(l.lines) {
			return
		}
		main, detail, _ := strings.Cut(l.lines[id], "  (")
		if detail != "" {
			detail = "(" + detail
		}
		rows := o.(*fyne.Container).Objects
		rows[0].(*widget.Label).SetText(main)
		rows[1].(*widget.Label).SetText(detail)
	}
	l.ExtendBaseWidget(l)
	one := l.CreateItem().MinSize().Height + theme.Padding()
	return listBox(l, 620, float32(min(max(len(lines), 1), 5))*one)
}

// tightRows stacks its objects with their text rows close together (as one item of two lines).
type tightRows struct{}

func (tightRows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w = max(w, m.Width)
		h += m.Height - theme.InnerPadding()
	}
	return fyne.NewSize(w, h+theme.InnerPadding())
}

func (tightRows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var y float32
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - theme.InnerPadding()
	}
}

// TypedKey implements fyne.Focusable: Escape closes the dialog the list is in.
func (l *lineList) TypedKey(ev *fyne.KeyEvent) {
	if !kit.Escaped(ev) {
		l.List.TypedKey(ev)
	}
}
