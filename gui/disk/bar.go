package disk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// usageBar is one kind's share of the disk: its length is the kind's size
// against the largest kind's, split into what is in use (primary colour)
// and what a cleanup could reclaim (warning colour), over a grey track.
type usageBar struct {
	widget.BaseWidget
	used, reclaimable float32 // fractions of the track, 0..1, summing to at most 1
}

func newUsageBar() *usageBar {
	b := &usageBar{}
	b.ExtendBaseWidget(b)
	return b
}

// set shows size bytes of which reclaimable may go, against the largest kind's max.
func (b *usageBar) set(size, reclaimable, max int64) {
	var used, rec float32
	if max > 0 && size > 0 {
		reclaimable = min(reclaimable, size)
		used = float32(size-reclaimable) / float32(max)
		rec = float32(reclaimable) / float32(max)
	}
	if used == b.used && rec == b.reclaimable {
		return
	}
	b.used, b.reclaimable = used, rec
	b.Refresh()
}

func (b *usageBar) CreateRenderer() fyne.WidgetRenderer {
	r := &usageBarRenderer{b: b, track: &canvas.Rectangle{}, used: &canvas.Rectangle{}, rec: &canvas.Rectangle{}}
	for _, x := range []*canvas.Rectangle{r.track, r.used, r.rec} {
		x.CornerRadius = 3
	}
	r.Refresh()
	return r
}

type usageBarRenderer struct {
	b                *usageBar
	track, used, rec *canvas.Rectangle
}

func (r *usageBarRenderer) Destroy() {}

func (r *usageBarRenderer) Layout(size fyne.Size) {
	h := float32(10)
	y := (size.Height - h) / 2
	r.track.Move(fyne.NewPos(0, y))
	r.track.Resize(fyne.NewSize(size.Width, h))
	uw, rw := size.Width*r.b.used, size.Width*r.b.reclaimable
	r.used.Move(fyne.NewPos(0, y))
	r.used.Resize(fyne.NewSize(uw, h))
	r.rec.Move(fyne.NewPos(uw, y))
	r.rec.Resize(fyne.NewSize(rw, h))
}

func (r *usageBarRenderer) MinSize() fyne.Size { return fyne.NewSize(180, 16) }

func (r *usageBarRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.used, r.rec}
}

func (r *usageBarRenderer) Refresh() {
	r.track.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.used.FillColor = theme.Color(theme.ColorNamePrimary)
	r.rec.FillColor = theme.Color(theme.ColorNameWarning)
	r.Layout(r.b.Size())
	for _, x := range []*canvas.Rectangle{r.track, r.used, r.rec} {
		x.Refresh()
	}
}
