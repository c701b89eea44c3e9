// Package disk is the Disk usage tab: what takes space on the engine, as
// `docker system df` shows it, and a cleanup that shows exactly what it
// would remove, and how much space comes back, before it removes anything.
package disk

import (
	"context"
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Host is what the Disk usage tab needs from the shell.
type Host interface {
	// Do runs f on the UI goroutine.
	Do(f func())
	// Context ends when the window closes; engine calls end with it.
	Context() context.Context
	// Ask shows a question (a confirmation, an error).
	Ask(q kit.Question)
}

// row is the widgets of one line of `docker system df`.
type row struct {
	kind, total, active, size, reclaim *widget.Label
	bar                                *usageBar
}

// View is the Disk usage tab. The engine's disk-usage call is slow, so the
// view asks it only while it is shown: a change of the engine's state
// while it is hidden only marks the numbers stale, and they are asked for
// again when the tab comes to the front. Never on a timer.
type View struct {
	h   Host
	api engine.DiskAPI

	content *shownBox
	rows    [4]row
	status  *widget.Label
	spin    *widget.Activity
	refresh *widget.Button

	checkContainers, checkImages, checkVolumes, checkNetworks, checkBuild *widget.Check
	imagesAll                                                             *widget.RadioGroup
	preview                                                               *widget.Button
	result                                                                *widget.Label

	usage   engine.DiskUsage
	loaded  bool // usage holds an answer
	dirty   bool // the engine changed since usage was asked for
	loading bool // a disk-usage call is in flight
	busy    bool // a preview or a cleanup is in flight
	offline bool
	// gap is the least time between the end of one measure and the next
	// one that events asked for meanwhile.
	gap time.Duration
	// scope is the label filter of previews (tests scope them to their own
	// objects); the shell leaves it empty.
	scope string
}

// kindLabel is the name of a row, as docker system df's TYPE column says it in English.
func kindLabel(k engine.DiskKind) string {
	switch k {
	case engine.DiskImages:
		return i18n.T("disk.kind.images")
	case engine.DiskContainers:
		return i18n.T("disk.kind.containers")
	case engine.DiskVolumes:
		return i18n.T("disk.kind.volumes")
	case engine.DiskBuildCache:
		return i18n.T("disk.kind.buildCache")
	}
	return string(k)
}

// New makes the Disk usage tab.
func New(h Host, api engine.DiskAPI) *View {
	v := &View{h: h, api: api, dirty: true, gap: time.Second}
	grid := container.New(columns{170, 80, 80, 110, 170, 200})
	for _, title := range []string{i18n.T("disk.col.type"), i18n.T("disk.col.total"), i18n.T("disk.col.active"), i18n.T("disk.col.size"), i18n.T("disk.col.reclaimable"), ""} {
		grid.Add(&widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}})
	}
	for i, kind := range []engine.DiskKind{engine.DiskImages, engine.DiskContainers, engine.DiskVolumes, engine.DiskBuildCache} {
		r := row{kind: widget.NewLabel(kindLabel(kind)), total: widget.NewLabel("–"), active: widget.NewLabel("–"),
			size: widget.NewLabel("–"), reclaim: widget.NewLabel("–"), bar: newUsageBar()}
		v.rows[i] = r
		grid.Add(r.kind)
		grid.Add(r.total)
		grid.Add(r.active)
		grid.Add(r.size)
		grid.Add(r.reclaim)
		grid.Add(r.bar)
	}
	v.status = kit.WrapLabel("", widget.LowImportance)
	v.spin = widget.NewActivity()
	v.spin.Hide()
	v.refresh = &widget.Button{Text: i18n.T("disk.measureAgain"), Icon: theme.ViewRefreshIcon(), Importance: widget.LowImportance, OnTapped: v.load}

	v.checkContainers = widget.NewCheck(present.CleanupKindLabel(engine.CleanContainers), nil)
	v.checkContainers.SetChecked(true)
	v.imagesAll = widget.NewRadioGroup([]string{i18n.T("disk.images.dangling"), i18n.T("disk.images.unused")}, nil)
	v.imagesAll.Horizontal = true
	v.imagesAll.Required = true
	v.imagesAll.SetSelected(v.imagesAll.Options[0])
	v.checkImages = widget.NewCheck(i18n.T("disk.images"), func(on bool) {
		if on {
			v.imagesAll.Enable()
		} else {
			v.imagesAll.Disable()
		}
	})
	v.checkImages.SetChecked(true)
	v.checkVolumes = widget.NewCheck(i18n.T("disk.volumes.lost", "Kind", present.CleanupKindLabel(engine.CleanVolumes)), nil)
	v.checkNetworks = widget.NewCheck(present.CleanupKindLabel(engine.CleanNetworks), nil)
	v.checkNetworks.SetChecked(true)
	v.checkBuild = widget.NewCheck(present.CleanupKindLabel(engine.CleanBuildCache), nil)
	v.checkBuild.SetChecked(true)
	v.preview = &widget.Button{Text: i18n.T("disk.cleanup"), Icon: theme.DeleteIcon(), Importance: widget.HighImportance, OnTapped: v.askPreview}
	v.result = kit.WrapLabel("", widget.MediumImportance)
	v.result.Hide()

	heading := func(s string) *widget.Label {
		return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	}
	head := container.NewBorder(nil, nil, heading(i18n.T("disk.heading")), container.NewHBox(v.spin, v.refresh))
	note := kit.WrapLabel(i18n.T("disk.note"), widget.LowImportance)
	cleanup := container.NewVBox(
		widget.NewSeparator(),
		heading(i18n.T("disk.cleanup.heading")),
		kit.WrapLabel(i18n.T("disk.cleanup.note"), widget.LowImportance),
		v.checkContainers,
		container.NewHBox(v.checkImages, v.imagesAll),
		v.checkVolumes,
		v.checkNetworks,
		v.checkBuild,
		container.NewHBox(v.preview),
		v.result,
	)
	body := container.NewVBox(head, grid, note, v.status, cleanup)
	v.content = newShownBox(container.NewVScroll(container.NewPadded(body)), v.shown)
	return v
}

// Content is the tab's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// Tick implements the shell's view: the tab shows no ages.
func (v *View) Tick() {}

// FocusFilter implements the shell's view: the tab has no filter.
func (v *View) FocusFilter() {}

// RemoveSelection implements the shell's view: the tab has no selection.
func (v *View) RemoveSelection() {}

// Apply notes that the engine changed (UI goroutine): the numbers are asked
// for again now if the tab is shown, else when it is next shown.
func (v *View) Apply(snap engine.Snapshot, _ engine.Change) {
	v.offline = snap.Offline()
	kit.Enable(v.preview, !v.offline && !v.busy)
	kit.Enable(v.refresh, !v.offline)
	if v.offline {
		return
	}
	v.dirty = true
	if v.content.visible {
		v.load()
	}
}

// Shown tells the view that its tab came to the front (the shell's tabs
// call it where they can; the view also learns it from its content being
// shown): it measures if the engine changed since the last measure.
func (v *View) Shown() { v.shown() }

// shown is called when the tab comes to the front.
func (v *View) shown() {
	if v.dirty && !v.offline && !v.loading {
		v.load()
	}
}

// load asks for the disk usage, unless a call is in flight (then once more after it).
func (v *View) load() {
	if v.loading {
		v.dirty = true
		return
	}
	v.loading, v.dirty = true, false
	v.spin.Show()
	v.spin.Start()
	if !v.loaded {
		v.status.SetText(i18n.T("disk.measuring"))
	}
	ctx := v.h.Context()
	go func() {
		du, err := v.api.DiskUsage(ctx)
		v.h.Do(func() { v.show(du, err) })
	}()
}

func (v *View) show(du engine.DiskUsage, err error) {
	v.loading = false
	v.spin.Stop()
	v.spin.Hide()
	switch {
	case err != nil && v.h.Context().Err() != nil:
		return
	case err != nil:
		v.status.SetText(i18n.T("disk.measureFailed", "Why", present.Explain(err)))
	default:
		v.usage, v.loaded = du, true
		v.status.SetText("")
		rows := du.Rows()
		var largest int64
		for _, r := range rows {
			largest = max(largest, r.Size)
		}
		for i, r := range rows {
			w := v.rows[i]
			w.total.SetText(itoa(r.Total))
			w.active.SetText(itoa(r.Active))
			w.size.SetText(present.DiskSize(r.Size))
			w.reclaim.SetText(present.DiskReclaimable(r))
			w.bar.set(r.Size, r.Reclaimable, largest)
		}
	}
	if v.dirty && v.content.visible {
		// Events came during the call: measure again, but let the engine
		// breathe first (an event storm is one measure a second, not a loop).
		v.loading = true
		time.AfterFunc(v.gap, func() {
			v.h.Do(func() {
				v.loading = false
				if v.dirty && v.content.visible && !v.offline {
					v.load()
				}
			})
		})
	}
}

// RowTexts are the four rows as shown: type, total, active, size, reclaimable.
func (v *View) RowTexts() [][]string {
	out := make([][]string, len(v.rows))
	for i, r := range v.rows {
		out[i] = []string{r.kind.Text, r.total.Text, r.active.Text, r.size.Text, r.reclaim.Text}
	}
	return out
}

// Loading reports whether a disk-usage call is in flight.
func (v *View) Loading() bool { return v.loading }

// Loaded reports whether the rows show an answer of the engine.
func (v *View) Loaded() bool { return v.loaded }

// ResultText is what the last cleanup did, as the tab says it ("" before any).
func (v *View) ResultText() string { return kit.MessageText(v.result) }

func itoa(n int) string {
	return strconv.Itoa(n)
}

// shownBox holds the tab's content and tells the view when the tab comes
// to the front: the tabs show and hide their contents as they switch.
type shownBox struct {
	widget.BaseWidget
	content fyne.CanvasObject
	visible bool // shown by the tabs (false until first shown)
	onShow  func()
}

func newShownBox(content fyne.CanvasObject, onShow func()) *shownBox {
	b := &shownBox{content: content, onShow: onShow}
	b.ExtendBaseWidget(b)
	return b
}

// Show implements fyne.CanvasObject.
func (b *shownBox) Show() {
	was := b.visible
	b.visible = true
	b.BaseWidget.Show()
	if !was && b.onShow != nil {
		b.onShow()
	}
}

// Hide implements fyne.CanvasObject.
func (b *shownBox) Hide() {
	b.visible = false
	b.BaseWidget.Hide()
}

func (b *shownBox) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(b.content) }

// columns lays its children out in rows of len(columns) cells of these
// widths; the last cell of each row takes what is left (at least its width).
type columns []float32

func (c columns) rowHeight(objs []fyne.CanvasObject, r int) float32 {
	var h float32
	for i := r * len(c); i < (r+1)*len(c) && i < len(objs); i++ {
		h = max(h, objs[i].MinSize().Height)
	}
	return h
}

// MinSize implements fyne.Layout.
func (c columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, x := range c {
		w += x
	}
	for r := 0; r*len(c) < len(objs); r++ {
		h += c.rowHeight(objs, r)
	}
	return fyne.NewSize(w, h)
}

// Layout implements fyne.Layout.
func (c columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var y float32
	for r := 0; r*len(c) < len(objs); r++ {
		h := c.rowHeight(objs, r)
		var x float32
		for i, w := range c {
			k := r*len(c) + i
			if k >= len(objs) {
				break
			}
			if i == len(c)-1 {
				w = max(w, size.Width-x)
			}
			objs[k].Move(fyne.NewPos(x, y))
			objs[k].Resize(fyne.NewSize(w, h))
			x += w
		}
		y += h
	}
}

// listBox gives a list room for rows lines in a dialog (it scrolls beyond).
func listBox(list fyne.CanvasObject, width, height float32) fyne.CanvasObject {
	space := canvas.NewRectangle(color.Transparent)
	space.SetMinSize(fyne.NewSize(width, height))
	return container.NewStack(space, list)
}
