// Package terminal is the Terminal pane of the container details view: a
// terminal emulator widget (charmbracelet/x/vt as the emulator core,
// drawn into a widget.TextGrid) over `docker exec -it` sessions, several per
// container, and the debug shell for containers without a shell.
package terminal

import (
	"image/color"
	"io"
	"math"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"

	"berth/gui/kit"
)

// The terminal's own colours: a dark screen in either theme, as terminals are.
var (
	defaultFg = color.NRGBA{R: 0xd4, G: 0xd4, B: 0xd4, A: 0xff}
	defaultBg = color.NRGBA{R: 0x1e, G: 0x1e, B: 0x1e, A: 0xff}
	selectBg  = color.NRGBA{R: 0x26, G: 0x4f, B: 0x78, A: 0xff}
)

const (
	retryRedraw     = 4 * time.Millisecond
	scrollbackLines = 5000
	wheelNotch      = 25 // Fyne's desktop driver scrolls this much per notch (see gui/logs)
	linesPerNotch   = 3
)

// Terminal is a terminal emulator widget. Output (Write) is parsed on the
// caller's goroutine under a lock and redrawn on the UI goroutine through
// one kit.Coalescer, so a flood of output costs one redraw per frame the
// UI goroutine is free for. Keys typed go, in order, to the sink set with
// SetSink, from a goroutine of its own: the UI goroutine never waits on the
// engine.
type Terminal struct {
	widget.BaseWidget

	do     func(func())
	redraw *kit.Coalescer[struct{}]

	mu        sync.Mutex // guards emu and the modes below
	emu       *vt.Emulator
	appCursor bool // DECCKM: arrows send ESC O A
	bracketed bool // bracketed paste
	title     string

	in inputQueue

	// UI goroutine only.
	grid       *widget.TextGrid
	bg         *canvas.Rectangle
	cell       fyne.Size
	cols, rows int
	offset     int // lines scrolled back into the scrollback
	styles     map[styleKey]*widget.CustomTextGridStyle
	sel        selection
	focused    bool

	// OnResize is called on the UI goroutine when the widget's size in cells changes.
	OnResize func(cols, rows int)
	// OnTitle is called on the UI goroutine when the program sets the window title.
	OnTitle func(string)
}

type styleKey struct {
	fg, bg    color.NRGBA
	bold      bool
	underline bool
	italic    bool
}

// selection is a range of cells in absolute lines (scrollback lines first,
// then the screen's), from a to b as the mouse dragged.
type selection struct {
	on, dragging bool
	a, b         cellPos
}

type cellPos struct{ line, col int }

// New makes a terminal of 80x24 cells until it is laid out; do runs a
// func on the UI goroutine (Host.Do).
func New(do func(func())) *Terminal {
	t := &Terminal{do: do, cols: 80, rows: 24, styles: map[styleKey]*widget.CustomTextGridStyle{}}
	t.emu = vt.NewEmulator(t.cols, t.rows)
	t.emu.SetScrollbackSize(scrollbackLines)
	t.emu.SetDefaultForegroundColor(defaultFg)
	t.emu.SetDefaultBackgroundColor(defaultBg)
	t.emu.SetCallbacks(vt.Callbacks{
		EnableMode:  func(m ansi.Mode) { t.setMode(m, true) },
		DisableMode: func(m ansi.Mode) { t.setMode(m, false) },
		Title:       func(s string) { t.title = s },
	})
	t.in.wake = make(chan struct{}, 1)
	t.redraw = kit.NewCoalescer(do, nil, func(struct{}) { t.refresh() })
	t.grid = widget.NewTextGrid()
	t.bg = canvas.NewRectangle(defaultBg)
	t.measure()
	t.ExtendBaseWidget(t)
	// The emulator answers queries (cursor position, device attributes)
	// through its pipe: pass them on as if typed.
	go t.pumpReplies()
	go t.in.run()
	return t
}

// setMode runs inside emu.Write, under t.mu.
func (t *Terminal) setMode(m ansi.Mode, on bool) {
	switch m {
	case ansi.ModeCursorKeys:
		t.appCursor = on
	case ansi.ModeBracketedPaste:
		t.bracketed = on
	}
}

func (t *Terminal) pumpReplies() {
	p := make([]byte, 256)
	for {
		n, err := t.emu.Read(p)
		if n > 0 {
			t.in.push(p[:n])
		}
		if err != nil {
			return
		}
	}
}

// SetSink makes w the destination of what is typed (the exec session);
// what was typed before is sent first. Safe from any goroutine.
func (t *Terminal) SetSink(w io.Writer) { t.in.setSink(w) }

// writePiece bounds how much output is parsed under the lock at a time,
// so that a redraw waits for one piece at most, never for a whole flood
// (the emulator parses about 3 MB/s of `cat` output on this machine's
// cores: 4 KB is a millisecond or two).
const writePiece = 4 << 10

// Write feeds program output to the emulator; safe from any goroutine.
func (t *Terminal) Write(p []byte) (int, error) {
	for rest := p; len(rest) > 0; {
		n := min(len(rest), writePiece)
		t.mu.Lock()
		_, _ = t.emu.Write(rest[:n])
		t.mu.Unlock()
		rest = rest[n:]
	}
	t.redraw.Post(struct{}{})
	return len(p), nil
}

// Close stops the terminal's goroutines; output written later is dropped.
func (t *Terminal) Close() {
	t.mu.Lock()
	if pw, ok := t.emu.InputPipe().(*io.PipeWriter); ok {
		_ = pw.CloseWithError(io.EOF)
	}
	t.mu.Unlock()
	t.in.close()
}

// Cells is the terminal's size in cells.
func (t *Terminal) Cells() (cols, rows int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.emu.Width(), t.emu.Height()
}

// Title is the window title the program set, "" if none.
func (t *Terminal) Title() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.title
}

// AltScreen reports whether a full-screen program (top, vi, less) has the alternate screen.
func (t *Terminal) AltScreen() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.emu.IsAltScreen()
}

// ScreenText is the screen as text, one line per row, trailing blanks cut.
func (t *Terminal) ScreenText() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	w, h := t.emu.Width(), t.emu.Height()
	lines := make([]string, h)
	for y := range h {
		var b strings.Builder
		for x := 0; x < w; x++ {
			c := t.emu.CellAt(x, y)
			switch {
			case c == nil || c.Content == "":
				if c == nil || c.Width != 0 || x == 0 {
					b.WriteByte(' ')
				}
			default:
				b.WriteString(c.Content)
			}
		}
		lines[y] = strings.TrimRight(b.String(), " ")
	}
	return strings.Join(lines, "\n")
}

// CursorCell is the cursor's cell (column, row).
func (t *Terminal) CursorCell() (col, row int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	p := t.emu.CursorPosition()
	return p.X, p.Y
}

// --- layout and drawing (UI goroutine) -----------------------------------

func (t *Terminal) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(t.bg, t.grid))
}

func (t *Terminal) measure() {
	s := fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{Monospace: true})
	t.cell = fyne.NewSize(float32(math.Round(float64(s.Width))), float32(math.Round(float64(s.Height))))
}

// MinSize is a few cells: the terminal takes the space it is given.
func (t *Terminal) MinSize() fyne.Size {
	t.ExtendBaseWidget(t)
	return fyne.NewSize(t.cell.Width*20, t.cell.Height*4)
}

// Resize follows the widget's size with the emulator's (and, through
// OnResize, the session's TTY).
func (t *Terminal) Resize(s fyne.Size) {
	t.BaseWidget.Resize(s)
	t.measure()
	cols, rows := max(int(s.Width/t.cell.Width), 2), max(int(s.Height/t.cell.Height), 1)
	if cols == t.cols && rows == t.rows {
		return
	}
	t.cols, t.rows = cols, rows
	t.mu.Lock()
	t.emu.Resize(cols, rows)
	t.mu.Unlock()
	t.refresh()
	if t.OnResize != nil {
		t.OnResize(cols, rows)
	}
}

func (t *Terminal) colorOf(c color.Color, def color.NRGBA) color.NRGBA {
	if c == nil {
		return def
	}
	if n, ok := c.(color.NRGBA); ok {
		return n
	}
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

func (t *Terminal) style(k styleKey) *widget.CustomTextGridStyle {
	s, ok := t.styles[k]
	if !ok {
		s = &widget.CustomTextGridStyle{FGColor: k.fg, BGColor: k.bg,
			TextStyle: fyne.TextStyle{Monospace: true, Bold: k.bold, Italic: k.italic, Underline: k.underline}}
		if k.bg == defaultBg {
			s.BGColor = nil // the background rectangle shows through
		}
		t.styles[k] = s
	}
	return s
}

// refresh copies the emulator's cells (or the scrollback's, when scrolled
// back) into the grid and redraws it once. It never waits for the parser:
// when output is being parsed it tries again a moment later (and the
// writer posts a redraw when it is done anyway), so a flood of output
// cannot stall the UI goroutine, even when the machine is so busy that the
// parsing goroutine loses its core while it holds the lock.
func (t *Terminal) refresh() {
	if !t.mu.TryLock() {
		time.AfterFunc(retryRedraw, func() { t.redraw.Post(struct{}{}) })
		return
	}
	w, h := t.emu.Width(), t.emu.Height()
	sbLen := 0
	var sb *vt.Scrollback
	if !t.emu.IsAltScreen() {
		sb = t.emu.Scrollback()
		sbLen = t.emu.ScrollbackLen()
	}
	t.offset = min(t.offset, sbLen)
	cur := t.emu.CursorPosition()
	showCursor := !t.emu.CursorHidden() && t.offset == 0
	if len(t.grid.Rows) != h {
		rows := make([]widget.TextGridRow, h)
		copy(rows, t.grid.Rows)
		t.grid.Rows = rows
	}
	for y := range h {
		row := &t.grid.Rows[y]
		if cap(row.Cells) < w {
			row.Cells = make([]widget.TextGridCell, w)
		}
		row.Cells = row.Cells[:w]
		abs := sbLen - t.offset + y
		var line uv.Line
		fromSB := abs < sbLen
		if fromSB {
			line = sb.Line(abs)
		}
		for x := range w {
			var c *uv.Cell
			if fromSB {
				if x < len(line) {
					c = &line[x]
				}
			} else {
				c = t.emu.CellAt(x, abs-sbLen)
			}
			r, k := ' ', styleKey{fg: defaultFg, bg: defaultBg}
			if c != nil {
				if c.Content != "" {
					for _, cr := range c.Content {
						r = cr
						break
					}
				}
				st := &c.Style
				k.fg, k.bg = t.colorOf(st.Fg, defaultFg), t.colorOf(st.Bg, defaultBg)
				k.bold = st.Attrs&uv.AttrBold != 0
				k.italic = st.Attrs&uv.AttrItalic != 0
				k.underline = st.Underline != 0
				if st.Attrs&uv.AttrReverse != 0 {
					k.fg, k.bg = k.bg, k.fg
				}
				if st.Attrs&uv.AttrFaint != 0 {
					k.fg.A = 0x99
				}
			}
			if t.sel.on && t.sel.contains(cellPos{abs, x}) {
				k.bg = selectBg
			}
			if showCursor && !fromSB && x == cur.X && abs-sbLen == cur.Y {
				k.fg, k.bg = k.bg, k.fg
				if !t.focused {
					k.fg, k.bg = defaultFg, color.NRGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff}
				}
			}
			row.Cells[x] = widget.TextGridCell{Rune: r, Style: t.style(k)}
		}
	}
	if title := t.title; title != "" && t.OnTitle != nil {
		defer t.OnTitle(title)
	}
	t.mu.Unlock()
	t.grid.Refresh()
}

func (s selection) ordered() (cellPos, cellPos) {
	a, b := s.a, s.b
	if b.line < a.line || (b.line == a.line && b.col < a.col) {
		a, b = b, a
	}
	return a, b
}

func (s selection) contains(p cellPos) bool {
	a, b := s.ordered()
	if p.line < a.line || p.line > b.line {
		return false
	}
	if p.line == a.line && p.col < a.col {
		return false
	}
	if p.line == b.line && p.col > b.col {
		return false
	}
	return true
}

// --- mouse: focus, scrollback, selection ---------------------------------

// Tapped focuses the terminal and clears the selection.
func (t *Terminal) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		c.Focus(t)
	}
	if t.sel.on {
		t.sel = selection{}
		t.refresh()
	}
}

// Scrolled moves through the scrollback; on the alternate screen (less,
// vi, top) it sends arrow keys instead, as xterm does.
func (t *Terminal) Scrolled(ev *fyne.ScrollEvent) {
	n := int(math.Round(float64(ev.Scrolled.DY) / wheelNotch * linesPerNotch))
	if n == 0 && ev.Scrolled.DY != 0 {
		n = 1
		if ev.Scrolled.DY < 0 {
			n = -1
		}
	}
	t.mu.Lock()
	alt, app := t.emu.IsAltScreen(), t.appCursor
	t.mu.Unlock()
	if alt {
		key := fyne.KeyUp
		if n < 0 {
			key, n = fyne.KeyDown, -n
		}
		t.in.push([]byte(strings.Repeat(keySequence(key, app), n)))
		return
	}
	t.ScrollBack(n)
}

// ScrollBack moves the view n lines back into the scrollback (forward if n < 0).
func (t *Terminal) ScrollBack(n int) {
	t.mu.Lock()
	sbLen := 0
	if !t.emu.IsAltScreen() {
		sbLen = t.emu.ScrollbackLen()
	}
	t.mu.Unlock()
	off := min(max(t.offset+n, 0), sbLen)
	if off != t.offset {
		t.offset = off
		t.refresh()
	}
}

// Offset is how many lines the view is scrolled back.
func (t *Terminal) Offset() int { return t.offset }

func (t *Terminal) cellAt(p fyne.Position) cellPos {
	t.mu.Lock()
	sbLen := 0
	if !t.emu.IsAltScreen() {
		sbLen = t.emu.ScrollbackLen()
	}
	t.mu.Unlock()
	x := min(max(int(p.X/t.cell.Width), 0), t.cols-1)
	y := min(max(int(p.Y/t.cell.Height), 0), t.rows-1)
	return cellPos{line: sbLen - t.offset + y, col: x}
}

// Dragged selects text.
func (t *Terminal) Dragged(ev *fyne.DragEvent) {
	if !t.sel.dragging {
		t.sel = selection{on: true, dragging: true, a: t.cellAt(ev.Position.Subtract(ev.Dragged))}
	}
	t.sel.b = t.cellAt(ev.Position)
	t.refresh()
}

// DragEnd ends a selection.
func (t *Terminal) DragEnd() { t.sel.dragging = false }

// Select selects from (line, col) to (line, col) in absolute lines
// (scrollback first); for tests and "Select all".
func (t *Terminal) Select(aLine, aCol, bLine, bCol int) {
	t.sel = selection{on: true, a: cellPos{aLine, aCol}, b: cellPos{bLine, bCol}}
	t.refresh()
}

// SelectedText is the selection's text, lines joined with "\n", trailing
// blanks of each line cut; "" when nothing is selected.
func (t *Terminal) SelectedText() string {
	if !t.sel.on {
		return ""
	}
	a, b := t.sel.ordered()
	t.mu.Lock()
	defer t.mu.Unlock()
	sbLen := 0
	var sb *vt.Scrollback
	if !t.emu.IsAltScreen() {
		sb, sbLen = t.emu.Scrollback(), t.emu.ScrollbackLen()
	}
	w := t.emu.Width()
	var lines []string
	for l := a.line; l <= b.line; l++ {
		from, to := 0, w-1
		if l == a.line {
			from = a.col
		}
		if l == b.line {
			to = b.col
		}
		var s strings.Builder
		for x := from; x <= to; x++ {
			var c *uv.Cell
			if l < sbLen {
				if line := sb.Line(l); x < len(line) {
					c = &line[x]
				}
			} else {
				c = t.emu.CellAt(x, l-sbLen)
			}
			if c == nil || c.Content == "" {
				if c == nil || c.Width != 0 {
					s.WriteByte(' ')
				}
				continue
			}
			s.WriteString(c.Content)
		}
		lines = append(lines, strings.TrimRight(s.String(), " "))
	}
	return strings.Join(lines, "\n")
}

// --- keyboard ------------------------------------------------------------

var (
	_ fyne.Focusable     = (*Terminal)(nil)
	_ fyne.Tabbable      = (*Terminal)(nil)
	_ fyne.Shortcutable  = (*Terminal)(nil)
	_ fyne.Scrollable    = (*Terminal)(nil)
	_ fyne.Draggable     = (*Terminal)(nil)
	_ desktop.Cursorable = (*Terminal)(nil)
)

// Cursor is the mouse pointer over the terminal: the text cursor.
func (t *Terminal) Cursor() desktop.Cursor { return desktop.TextCursor }

// FocusGained shows the solid cursor.
func (t *Terminal) FocusGained() { t.focused = true; t.refresh() }

// FocusLost shows the grey cursor.
func (t *Terminal) FocusLost() { t.focused = false; t.refresh() }

// AcceptsTab keeps Tab for the shell (completion), not for focus traversal.
func (t *Terminal) AcceptsTab() bool { return true }

// TypedRune sends a character.
func (t *Terminal) TypedRune(r rune) { t.type_(string(r)) }

// TypedKey sends a special key (arrows, Enter, Backspace, F1...).
func (t *Terminal) TypedKey(ev *fyne.KeyEvent) {
	t.mu.Lock()
	app := t.appCursor
	t.mu.Unlock()
	if seq := keySequence(ev.Name, app); seq != "" {
		t.type_(seq)
	}
}

// TypedShortcut sends Ctrl+letter as its control character; Ctrl+Shift+C
// copies and Ctrl+Shift+V pastes, Shift+PageUp and Shift+PageDown move
// through the scrollback, as in terminals on Linux.
func (t *Terminal) TypedShortcut(s fyne.Shortcut) {
	if seq, ok := shortcutSequence(s); ok {
		t.type_(seq)
		return
	}
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierShift {
		switch cs.KeyName { // the scrollback, a screen at a time
		case fyne.KeyPageUp:
			t.ScrollBack(t.rows - 1)
		case fyne.KeyPageDown:
			t.ScrollBack(1 - t.rows)
		}
		return
	}
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierControl|fyne.KeyModifierShift {
		switch cs.KeyName {
		case fyne.KeyC:
			t.Copy()
		case fyne.KeyV:
			t.Paste()
		}
	}
}

// Type sends s as if typed; the view returns to the bottom, as terminals do.
func (t *Terminal) Type(s string) { t.type_(s) }

func (t *Terminal) type_(s string) {
	t.in.push([]byte(s))
	if t.offset != 0 {
		t.offset = 0
		t.refresh()
	}
}

// Copy puts the selection (else the screen) on the clipboard.
func (t *Terminal) Copy() {
	text := t.SelectedText()
	if text == "" {
		text = t.ScreenText()
	}
	if cb := t.clipboard(); cb != nil {
		cb.SetContent(text)
	}
}

// Paste sends the clipboard's text, bracketed if the program asked for it.
func (t *Terminal) Paste() {
	cb := t.clipboard()
	if cb == nil {
		return
	}
	text := cb.Content()
	if text == "" {
		return
	}
	t.mu.Lock()
	br := t.bracketed
	t.mu.Unlock()
	text = strings.ReplaceAll(text, "\r\n", "\r")
	text = strings.ReplaceAll(text, "\n", "\r")
	if br {
		text = ansi.BracketedPasteStart + text + ansi.BracketedPasteEnd
	}
	t.type_(text)
}

func (t *Terminal) clipboard() fyne.Clipboard {
	if a := fyne.CurrentApp(); a != nil {
		return a.Clipboard()
	}
	return nil
}

// --- input queue ---------------------------------------------------------

// inputQueue carries typed bytes to the sink in order, written from one
// goroutine of its own; push never blocks.
type inputQueue struct {
	mu     sync.Mutex
	buf    []byte
	sink   io.Writer
	closed bool
	wake   chan struct{}
}

func (q *inputQueue) push(p []byte) {
	q.mu.Lock()
	if !q.closed {
		q.buf = append(q.buf, p...)
	}
	q.mu.Unlock()
	q.signal()
}

func (q *inputQueue) setSink(w io.Writer) {
	q.mu.Lock()
	q.sink = w
	q.mu.Unlock()
	q.signal()
}

func (q *inputQueue) close() {
	q.mu.Lock()
	q.closed = true
	q.buf = nil
	q.mu.Unlock()
	q.signal()
}

func (q *inputQueue) signal() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

func (q *inputQueue) run() {
	for range q.wake {
		q.mu.Lock()
		if q.closed {
			q.mu.Unlock()
			return
		}
		w, p := q.sink, q.buf
		if w != nil {
			q.buf = nil
		}
		q.mu.Unlock()
		if w != nil && len(p) > 0 {
			_, _ = w.Write(p)
		}
	}
}
