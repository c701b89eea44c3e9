package gui

import (
	"fmt"
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
)

// pullProgressView shows a pull in flight, like `docker pull` prints it: one
// line and bar per layer ("5e6ec7f28fb7: Downloading 1.2MB/4MB"), an overall
// bar, and the overall lines ("Digest: sha256:…", "Status: Downloaded newer
// image for …"). Used by the pull dialog and by the run dialog while it pulls.
//
// post may be called from any goroutine, as often as the engine likes: it
// keeps the latest snapshot and schedules at most one UI update at a time.
type pullProgressView struct {
	do func(func()) // runs a function on the UI goroutine

	mu      sync.Mutex
	latest  engine.PullProgress
	lines   []string // overall lines seen so far, oldest first
	pending bool     // an update is scheduled and has not run yet
	gen     int      // bumped by reset: posts of an older pull are dropped

	// UI goroutine only.
	layers      []engine.Layer
	title       *widget.Label
	overall     *widget.ProgressBar
	list        *widget.List
	statusLabel *widget.Label
	obj         *fyne.Container
	applied     int                       // UI updates so far
	onApply     func(engine.PullProgress) // test hook, after each UI update
}

// pullStatusLines is how many overall lines the view keeps.
const pullStatusLines = 4

// newPullProgressView makes the view; listHeight is the room the layer list
// gets (it scrolls beyond that).
func newPullProgressView(do func(func()), listHeight float32) *pullProgressView {
	if do == nil {
		do = fyne.Do
	}
	v := &pullProgressView{
		do:          do,
		title:       &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		overall:     &widget.ProgressBar{Max: 1},
		statusLabel: &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Wrapping: fyne.TextWrapBreak},
	}
	v.list = &widget.List{
		Length:     func() int { return len(v.layers) },
		CreateItem: v.createLayerRow,
		UpdateItem: v.updateLayerRow,
	}
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

func (v *pullProgressView) createLayerRow() fyne.CanvasObject {
	bar := &widget.ProgressBar{Max: 1}
	bar.TextFormatter = func() string { return "" }
	label := &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Truncation: fyne.TextTruncateEllipsis}
	barBox := container.NewGridWrap(fyne.NewSize(140, bar.MinSize().Height), bar)
	return container.NewBorder(nil, nil, nil, container.NewCenter(barBox), label)
}

func (v *pullProgressView) updateLayerRow(id widget.ListItemID, obj fyne.CanvasObject) {
	if id < 0 || id >= len(v.layers) {
		return
	}
	l := v.layers[id]
	label, bar := layerRowParts(obj)
	label.SetText(layerLine(l))
	bar.SetValue(layerFraction(l))
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
	sizes := func(what string) string {
		if l.Total > 0 {
			return fmt.Sprintf("%s %s/%s", what, engine.HumanSize(l.Current), engine.HumanSize(l.Total))
		}
		return what
	}
	switch l.Status {
	case engine.LayerDownloading:
		return sizes("Downloading")
	case engine.LayerVerifying:
		return "Verifying Checksum"
	case engine.LayerDownloaded:
		return "Download complete"
	case engine.LayerExtracting:
		return sizes("Extracting")
	case engine.LayerComplete:
		return "Pull complete"
	case engine.LayerExists:
		return "Already exists"
	}
	return "Waiting"
}

// layerFraction is how far a layer is: downloading is the first 70%, extracting the rest.
func layerFraction(l engine.Layer) float64 {
	part := func() float64 {
		if l.Total > 0 {
			return float64(l.Current) / float64(l.Total)
		}
		return 0
	}
	switch l.Status {
	case engine.LayerDownloading:
		return 0.7 * part()
	case engine.LayerVerifying, engine.LayerDownloaded:
		return 0.7
	case engine.LayerExtracting:
		return 0.7 + 0.3*part()
	case engine.LayerComplete, engine.LayerExists:
		return 1
	}
	return 0
}

// reset empties the view for a new pull of ref and shows it (UI goroutine).
func (v *pullProgressView) reset(ref string) {
	v.mu.Lock()
	v.gen++
	v.latest = engine.PullProgress{Ref: ref}
	v.lines = nil
	v.mu.Unlock()
	v.layers = nil
	v.title.SetText("Pulling " + ref)
	v.overall.SetValue(0)
	v.statusLabel.SetText("Waiting for the registry…")
	v.list.Refresh()
}

// post hands the view a new snapshot; safe from any goroutine. Snapshots that
// arrive while an update is pending replace each other.
func (v *pullProgressView) post(p engine.PullProgress) {
	v.mu.Lock()
	v.latest = p
	if p.Status != "" && (len(v.lines) == 0 || v.lines[len(v.lines)-1] != p.Status) {
		v.lines = append(v.lines, p.Status)
		if len(v.lines) > pullStatusLines {
			v.lines = v.lines[len(v.lines)-pullStatusLines:]
		}
	}
	if v.pending {
		v.mu.Unlock()
		return
	}
	v.pending = true
	gen := v.gen
	v.mu.Unlock()
	v.do(func() { v.flush(gen) })
}

func (v *pullProgressView) flush(gen int) {
	v.mu.Lock()
	p := v.latest
	lines := append([]string(nil), v.lines...)
	v.pending = false
	stale := gen != v.gen
	v.mu.Unlock()
	if stale {
		return
	}
	v.apply(p, lines)
}

// apply shows p (UI goroutine).
func (v *pullProgressView) apply(p engine.PullProgress, lines []string) {
	v.obj.Show()
	if p.Ref != "" {
		if p.Done {
			v.title.SetText("Pulled " + p.Ref)
		} else {
			v.title.SetText("Pulling " + p.Ref)
		}
	}
	v.layers = p.Layers
	v.overall.SetValue(p.Fraction)
	text := ""
	for i, l := range lines {
		if i > 0 {
			text += "\n"
		}
		text += l
	}
	if text == "" {
		text = fmt.Sprintf("%d layers", len(p.Layers))
	}
	v.statusLabel.SetText(text)
	v.list.Refresh()
	v.applied++
	if v.onApply != nil {
		v.onApply(p)
	}
}

// statusText is the overall lines as shown (UI goroutine).
func (v *pullProgressView) statusText() string { return v.statusLabel.Text }
