package logs

import (
	"image/color"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/gui/logs/linestore"
)

// A notch of the mouse wheel scrolls three lines, as in other desktop apps.
// Fyne's desktop driver turns a notch into a scroll of wheelNotch units
// (its scrollSpeed on Linux and Windows), which would be under one line.
const (
	wheelNotch    = 25
	linesPerNotch = 3
	tabWidth      = 8
	// maxStyled is the longest raw line whose colours are drawn; a longer
	// one shows in the default colour (its text all there).
	maxStyled = 64 << 10
)

// row draws one row of the doc: a piece of a line, in monospace text
// runs (one per colour), with the search's matches and the selection
// behind it and a bar at the left for stderr.
type row struct {
	widget.BaseWidget
	w     *Window
	r     int
	box   *fyne.Container
	bg    *canvas.Rectangle
	bar   *canvas.Rectangle
	texts []*canvas.Text
	marks []*canvas.Rectangle
}

func (w *Window) createRow() fyne.CanvasObject {
	r := &row{w: w, r: -1, box: &fyne.Container{}}
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bar = canvas.NewRectangle(color.Transparent)
	r.ExtendBaseWidget(r)
	return r
}

func (r *row) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *row) MinSize() fyne.Size { return fyne.NewSize(0, r.w.lineH) }

// Scrolled implements fyne.Scrollable: a notch of the wheel scrolls
// linesPerNotch lines (the list's own scroller would move wheelNotch
// units). Scrolling up stops following; back at the end follows again.
func (r *row) Scrolled(ev *fyne.ScrollEvent) {
	r.w.scrollBy(-ev.Scrolled.DY / wheelNotch * linesPerNotch * r.w.pitch)
}

// MouseDown selects the row's line; with Shift it extends the selection.
func (r *row) MouseDown(ev *desktop.MouseEvent) {
	r.w.selectRow(r.r, ev.Modifier&fyne.KeyModifierShift != 0)
}

func (r *row) MouseUp(*desktop.MouseEvent) {}

// seg is a run of text in one colour.
type seg struct {
	text  string
	col   int
	color color.Color
	bold  bool
}

func (w *Window) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*row)
	r.r = i
	sp, ok := w.doc.at(i)
	objs := []fyne.CanvasObject{r.bg, r.bar}
	size := r.Size()
	r.bg.FillColor = color.Transparent
	r.bar.FillColor = color.Transparent
	r.bg.Move(fyne.NewPos(0, 0))
	r.bg.Resize(size)
	r.bar.Move(fyne.NewPos(0, 0))
	r.bar.Resize(fyne.NewSize(3, size.Height))
	nt, nm := 0, 0
	text := func(s seg) {
		if nt == len(r.texts) {
			r.texts = append(r.texts, canvas.NewText("", nil))
		}
		t := r.texts[nt]
		nt++
		t.Text, t.Color, t.TextSize = s.text, s.color, w.textSize
		t.TextStyle = fyne.TextStyle{Monospace: true, Bold: s.bold}
		t.Move(fyne.NewPos(w.left+float32(s.col)*w.charW, (size.Height-w.lineH)/2))
		t.Resize(fyne.NewSize(float32(utf8.RuneCountInString(s.text))*w.charW, w.lineH))
		objs = append(objs, t)
	}
	mark := func(from, to int, c color.Color) {
		if nm == len(r.marks) {
			r.marks = append(r.marks, canvas.NewRectangle(nil))
		}
		m := r.marks[nm]
		nm++
		m.FillColor = c
		m.Move(fyne.NewPos(w.left+float32(from)*w.charW, 0))
		m.Resize(fyne.NewSize(float32(to-from)*w.charW, size.Height))
		objs = append(objs, m)
	}
	switch {
	case !ok:
	case sp.gap:
		text(seg{text: sp.p.gap, color: theme.Color(theme.ColorNamePlaceHolder)})
	default:
		w.drawLine(sp, text, mark, r)
	}
	// Marks go behind the text.
	var ordered []fyne.CanvasObject
	ordered = append(ordered, objs[:2]...)
	for _, o := range objs[2:] {
		if _, ok := o.(*canvas.Rectangle); ok {
			ordered = append(ordered, o)
		}
	}
	for _, o := range objs[2:] {
		if _, ok := o.(*canvas.Text); ok {
			ordered = append(ordered, o)
		}
	}
	r.box.Objects = ordered
	r.box.Refresh()
}

// drawLine lays out one piece of a line: its prefix (time, container),
// its text in its colours, the matches and the selection.
func (w *Window) drawLine(sp spot, text func(seg), mark func(from, to int, c color.Color), r *row) {
	st := sp.p.st
	in := st.Info(sp.line)
	fg := theme.Color(theme.ColorNameForeground)
	if w.selected(sp) {
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	}
	if in.Flags&linestore.Stderr != 0 {
		r.bar.FillColor = theme.Color(theme.ColorNameError)
	}
	col := 0
	if sp.piece == 0 {
		if w.stamps.Checked && in.Time != 0 {
			s := time.Unix(0, in.Time).Local().Format("2006-01-02 15:04:05.000") + " "
			text(seg{text: s, col: col, color: theme.Color(theme.ColorNamePlaceHolder)})
		}
		if len(w.sources) > 1 {
			s := w.sources[in.Source]
			text(seg{text: padRight(s.name, w.nameW) + " │", col: w.stampCols(), color: w.sourceColor(in.Source)})
		}
	}
	col = w.prefixCols()
	if in.Flags&linestore.Marker != 0 {
		t, _ := st.Text(nil, sp.line)
		text(seg{text: "──── " + string(t) + " ────", col: col, color: theme.Color(theme.ColorNameWarning), bold: true})
		return
	}
	// The piece's bytes.
	var from, n int
	if w.doc.cols > 0 {
		from, n = sp.piece*w.doc.cols, w.doc.cols
	} else {
		from, n = 0, w.maxCols*4+8
	}
	w.buf, _ = st.TextRange(w.buf[:0], sp.line, from, n)
	piece := w.buf
	if w.doc.cols > 0 {
		// Whole runes only: a rune cut at the start goes with the row
		// before, one cut at the end with the row after.
		for len(piece) > 0 && !utf8.RuneStart(piece[0]) && from > 0 {
			piece = piece[1:]
		}
		// Carry on over the continuation bytes cut off at the end.
		for end := from + len(w.buf); len(piece) > 0; {
			more, _ := st.TextRange(nil, sp.line, end, 1)
			if len(more) == 0 || utf8.RuneStart(more[0]) {
				break
			}
			piece = append(piece, more[0])
			end++
		}
	}
	// Styles: spans of the raw line, over the plain text's bytes.
	var spans []linestore.Span
	if in.Flags&linestore.Styled != 0 {
		w.raw, _ = st.Raw(w.raw[:0], sp.line)
		if len(w.raw) <= maxStyled {
			spans = linestore.Spans(w.raw)
		}
	}
	base := fg
	if in.Flags&linestore.Stderr != 0 {
		base = theme.Color(theme.ColorNameError)
	}
	// Columns of each byte (tabs expanded from the line's start; in a
	// wrapped piece from the piece's start).
	offset := from + (len(w.buf) - len(piece)) // where piece starts in the line
	var cur seg
	curSpan := 0
	flush := func() {
		if cur.text != "" {
			text(cur)
		}
		cur = seg{}
	}
	colOf := make([]int, len(piece)+1)
	c := 0
	var sb []byte
	styleAt := func(b int) (color.Color, bool) {
		for curSpan < len(spans) && spans[curSpan].End <= b {
			curSpan++
		}
		if curSpan < len(spans) && spans[curSpan].Start <= b {
			s := spans[curSpan].Style
			if s.FG != 0 {
				r, g, bl := s.FG.RGB()
				return color.NRGBA{r, g, bl, 0xff}, s.Bold
			}
			return base, s.Bold
		}
		return base, false
	}
	lineStart := offset
	for b := 0; b < len(piece); {
		colOf[b] = c
		if w.doc.cols == 0 && c >= w.maxCols {
			break
		}
		clr, bold := styleAt(lineStart + b)
		if cur.text == "" && len(sb) == 0 || !sameColor(cur.color, clr) || cur.bold != bold {
			if len(sb) > 0 {
				cur.text = string(sb)
				sb = sb[:0]
			}
			flush()
			cur = seg{col: col + c, color: clr, bold: bold}
		}
		ch, size := utf8.DecodeRune(piece[b:])
		switch {
		case ch == '\t':
			nc := (c/tabWidth + 1) * tabWidth
			for ; c < nc; c++ {
				sb = append(sb, ' ')
			}
		case ch < 0x20 || ch == 0x7f:
			sb = append(sb, '.')
			c++
		case ch == utf8.RuneError && size == 1:
			sb = utf8.AppendRune(sb, '\uFFFD')
			c++
		default:
			sb = append(sb, piece[b:b+size]...)
			c++
		}
		for k := 1; k < size; k++ {
			colOf[b+k] = c
		}
		b += size
		colOf[min(b, len(piece))] = c
	}
	if len(sb) > 0 {
		cur.text = string(sb)
	}
	flush()
	// Matches behind the text.
	if w.matcher != nil {
		cur := w.current(sp)
		for _, m := range w.matcher.FindAll(piece, 256) {
			var hl color.Color = matchColor
			if cur {
				hl = withAlpha(theme.Color(theme.ColorNamePrimary), 0xc0)
			}
			a, b := colOf[min(m[0], len(piece))], colOf[min(m[1], len(piece))]
			if b > a {
				mark(col+a, col+b, hl)
			}
		}
	}
}

// matchColor is behind every match; the current one is in the theme's
// primary colour.
var matchColor = color.NRGBA{0xf0, 0xb4, 0x29, 0x70}

func sameColor(a, b color.Color) bool {
	if a == nil || b == nil {
		return a == b
	}
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), a}
}

func padRight(s string, n int) string {
	for k := utf8.RuneCountInString(s); k < n; k++ {
		s += " "
	}
	return s
}

// sourceColors are the containers' colours in a merged log.
var sourceColors = []color.NRGBA{
	{0x1f, 0x9e, 0xd8, 0xff}, {0xe0, 0x8a, 0x1e, 0xff}, {0x3c, 0xb3, 0x71, 0xff}, {0xc8, 0x4f, 0xc8, 0xff},
	{0xd8, 0x4a, 0x4a, 0xff}, {0x2a, 0xb8, 0xb0, 0xff}, {0xb8, 0xa8, 0x2a, 0xff}, {0x7a, 0x7a, 0xe8, 0xff},
}

func (w *Window) sourceColor(i uint16) color.Color { return sourceColors[int(i)%len(sourceColors)] }
