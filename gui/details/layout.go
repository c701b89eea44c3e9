package details

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// cols lays out a row of cells with fixed widths; the cell at fill takes
// what the others leave. Rows of a list share it, so their columns align.
type cols struct {
	widths []float32
	fill   int
}

func (c *cols) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		if i < len(c.widths) && i != c.fill {
			w += c.widths[i]
		} else {
			w += min(m.Width, 80)
		}
		h = max(h, m.Height)
	}
	return fyne.NewSize(w+theme.Padding()*float32(len(objs)-1), h)
}

func (c *cols) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed := float32(0)
	for i := range objs {
		if i < len(c.widths) && i != c.fill {
			fixed += c.widths[i]
		}
	}
	rest := max(size.Width-fixed-pad*float32(len(objs)-1), 40)
	x := float32(0)
	for i, o := range objs {
		w := rest
		if i < len(c.widths) && i != c.fill {
			w = c.widths[i]
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}
