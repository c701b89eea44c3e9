package stats

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Series colours: the first series in the theme's primary colour, the
// second in an orange that reads on light and dark themes.
var second = color.NRGBA{R: 0xf0, G: 0x8c, B: 0x1e, A: 0xff}

// Graph is a small line graph of one or two series over the last Points
// samples, with a title, the current values in words and the scale's top.
// Its methods run on the UI goroutine.
type Graph struct {
	widget.BaseWidget

	Points int // how many samples the graph spans
	// Floor is the least top of the scale (100 for CPU %): small values
	// stay small instead of filling the graph.
	Floor float64
	// Scale words the top of the scale ("100%", "2.5kB/s").
	Scale func(float64) string

	title  *widget.Label
	value  *widget.Label
	top    *canvas.Text
	raster *canvas.Raster
	series [2][]float64
	limit  float64 // a dashed line (the memory limit) when it is within the scale; 0 for none
	top0   float64
}

// NewGraph makes a graph of points samples.
func NewGraph(title string, points int, scale func(float64) string) *Graph {
	g := &Graph{Points: points, Scale: scale,
		title: &widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}},
		value: &widget.Label{Text: "–", Truncation: fyne.TextTruncateEllipsis},
		top:   canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))}
	g.top.TextSize = theme.CaptionTextSize()
	g.top.Alignment = fyne.TextAlignTrailing
	g.raster = canvas.NewRaster(g.draw)
	g.raster.SetMinSize(fyne.NewSize(160, 80))
	g.ExtendBaseWidget(g)
	return g
}

// CreateRenderer lays out the title and value over the plot.
func (g *Graph) CreateRenderer() fyne.WidgetRenderer {
	head := container.NewBorder(nil, nil, g.title, nil, g.value)
	plot := container.NewStack(canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)), g.raster,
		container.NewVBox(g.top))
	return widget.NewSimpleRenderer(container.NewBorder(head, nil, nil, nil, plot))
}

// Add appends a sample of each series (b is ignored by a one-series graph
// when the graph was never given a second value) and redraws.
func (g *Graph) Add(a, b float64, two bool) {
	g.series[0] = push(g.series[0], a, g.Points)
	if two {
		g.series[1] = push(g.series[1], b, g.Points)
	}
	g.top0 = g.scaleTop()
	if g.Scale != nil {
		g.top.Text = g.Scale(g.top0)
	}
	g.top.Refresh()
	g.raster.Refresh()
}

// SetLimit draws a dashed line at v (0: none).
func (g *Graph) SetLimit(v float64) { g.limit = v }

// SetValue words the current values next to the title.
func (g *Graph) SetValue(s string) { g.value.SetText(s) }

// Value is the words next to the title.
func (g *Graph) Value() string { return g.value.Text }

// Len is how many samples the graph holds.
func (g *Graph) Len() int { return len(g.series[0]) }

// Last is the newest sample of series i.
func (g *Graph) Last(i int) float64 {
	if s := g.series[i]; len(s) > 0 {
		return s[len(s)-1]
	}
	return 0
}

func push(s []float64, v float64, n int) []float64 {
	if len(s) >= n {
		copy(s, s[1:])
		s = s[:n-1]
	}
	return append(s, v)
}

// scaleTop is the top of the scale: the largest value with some room, at
// least Floor, rounded to a 1-2-5 step so that the scale reads well.
func (g *Graph) scaleTop() float64 {
	m := g.Floor
	for _, s := range g.series {
		for _, v := range s {
			m = math.Max(m, v)
		}
	}
	if m <= 0 {
		return 1
	}
	if m == g.Floor {
		return m
	}
	exp := math.Pow(10, math.Floor(math.Log10(m)))
	for _, f := range []float64{1, 2, 5, 10} {
		if f*exp >= m*1.1 {
			return f * exp
		}
	}
	return 10 * exp
}

// draw renders the series into an image of w x h pixels (the painter's).
func (g *Graph) draw(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	if w < 2 || h < 2 {
		return img
	}
	grid := theme.Color(theme.ColorNameSeparator)
	for _, f := range []float64{0.25, 0.5, 0.75} {
		y := int(float64(h-1) * f)
		for x := 0; x < w; x += 2 {
			img.Set(x, y, grid)
		}
	}
	top := g.top0
	if top <= 0 {
		top = 1
	}
	yOf := func(v float64) float64 { return float64(h-2) - math.Min(v/top, 1)*float64(h-3) }
	if g.limit > 0 && g.limit <= top {
		y := int(yOf(g.limit))
		for x := 0; x < w; x += 6 {
			for d := 0; d < 3 && x+d < w; d++ {
				img.Set(x+d, y, second)
			}
		}
	}
	colours := [2]color.Color{theme.Color(theme.ColorNamePrimary), second}
	// The time axis spans a minute at first, then grows with the samples
	// up to Points.
	longest := max(len(g.series[0]), len(g.series[1]))
	step := float64(w-1) / float64(max(min(max(longest, 60), g.Points)-1, 1))
	for i, s := range g.series {
		if len(s) == 0 {
			continue
		}
		x0 := float64(w-1) - float64(len(s)-1)*step
		for j := 1; j < len(s); j++ {
			line(img, x0+float64(j-1)*step, yOf(s[j-1]), x0+float64(j)*step, yOf(s[j]), colours[i])
		}
		if len(s) == 1 {
			line(img, x0-1, yOf(s[0]), x0, yOf(s[0]), colours[i])
		}
	}
	return img
}

// line draws a line two pixels thick.
func line(img *image.NRGBA, x0, y0, x1, y1 float64, c color.Color) {
	n := int(math.Max(math.Abs(x1-x0), math.Abs(y1-y0))) + 1
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		x := int(math.Round(x0 + (x1-x0)*t))
		y := int(math.Round(y0 + (y1-y0)*t))
		img.Set(x, y, c)
		img.Set(x, y+1, c)
	}
}
