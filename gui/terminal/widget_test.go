package terminal

import (
	"bytes"
	"fmt"
	"image/color"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/gui/kit/kittest"
)

// sink records what the terminal sends.
type sink struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *sink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *sink) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

func newTerm(t *testing.T, cols, rows int) (*Terminal, *kittest.Queue, *sink) {
	t.Helper()
	test.NewTempApp(t)
	q := &kittest.Queue{}
	term := New(q.Do)
	t.Cleanup(term.Close)
	term.Resize(fyne.NewSize(term.cell.Width*float32(cols)+1, term.cell.Height*float32(rows)+1))
	s := &sink{}
	term.SetSink(s)
	return term, q, s
}

func gridRow(term *Terminal, y int) string {
	var b strings.Builder
	for _, c := range term.grid.Rows[y].Cells {
		b.WriteRune(c.Rune)
	}
	return strings.TrimRight(b.String(), " ")
}

func TestTerminalFollowsItsSizeInCells(t *testing.T) {
	term, _, _ := newTerm(t, 40, 10)
	var got [2]int
	term.OnResize = func(c, r int) { got = [2]int{c, r} }
	if c, r := term.Cells(); c != 40 || r != 10 {
		t.Fatalf("cells %dx%d, want 40x10", c, r)
	}
	term.Resize(fyne.NewSize(term.cell.Width*60, term.cell.Height*20))
	if got != [2]int{60, 20} {
		t.Errorf("OnResize got %v, want [60 20]", got)
	}
}

func TestTerminalDrawsTextColoursAndCursor(t *testing.T) {
	term, q, _ := newTerm(t, 40, 10)
	term.Write([]byte("hello\r\n\x1b[31mred\x1b[0m \x1b[1;44mbold\x1b[0m\r\nnext"))
	q.Drain()
	if got := gridRow(term, 0); got != "hello" {
		t.Errorf("row 0 %q", got)
	}
	if got := gridRow(term, 1); got != "red bold" {
		t.Errorf("row 1 %q", got)
	}
	red := term.grid.Rows[1].Cells[0].Style.TextColor().(color.NRGBA)
	if red.R < 0x80 || red.G > 0x60 {
		t.Errorf("red is %v", red)
	}
	bold := term.grid.Rows[1].Cells[4].Style.(*widget.CustomTextGridStyle)
	if !bold.TextStyle.Bold || bold.BGColor == nil {
		t.Errorf("bold on blue: %+v", bold)
	}
	if x, y := term.CursorCell(); x != 4 || y != 2 {
		t.Errorf("cursor at %d,%d, want 4,2", x, y)
	}
	// The cursor is drawn inverted: the default background as the text colour.
	cur := term.grid.Rows[2].Cells[4].Style.(*widget.CustomTextGridStyle)
	if cur.BGColor == nil {
		t.Errorf("no cursor cell drawn")
	}
}

func TestTerminalCursorMovesAndErases(t *testing.T) {
	term, q, _ := newTerm(t, 20, 5)
	term.Write([]byte("abcdef\x1b[3D\x1b[KXY\x1b[3;5HZ"))
	q.Drain()
	if got := term.ScreenText(); got != "abcXY\n\n    Z\n\n" {
		t.Errorf("screen %q", got)
	}
}

func TestTerminalAlternateScreenKeepsTheMainOne(t *testing.T) {
	term, q, _ := newTerm(t, 20, 5)
	term.Write([]byte("$ top\r\n"))
	term.Write([]byte("\x1b[?1049h\x1b[H\x1b[2JMem: 1K used"))
	q.Drain()
	if !term.AltScreen() || gridRow(term, 0) != "Mem: 1K used" {
		t.Fatalf("alternate screen: %v %q", term.AltScreen(), gridRow(term, 0))
	}
	term.Write([]byte("\x1b[?1049l"))
	q.Drain()
	if term.AltScreen() || gridRow(term, 0) != "$ top" {
		t.Errorf("back on the main screen: %v %q", term.AltScreen(), gridRow(term, 0))
	}
}

func TestTerminalScrollback(t *testing.T) {
	term, q, s := newTerm(t, 20, 5)
	for i := range 30 {
		term.Write([]byte(fmt.Sprintf("line %d\r\n", i)))
	}
	q.Drain()
	if got := gridRow(term, 0); got == "line 0" {
		t.Fatalf("the first line is still on screen")
	}
	term.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: 1000}})
	if term.Offset() == 0 || gridRow(term, 0) != "line 0" {
		t.Errorf("scrolled back %d lines, top row %q", term.Offset(), gridRow(term, 0))
	}
	top := term.Offset()
	term.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierShift})
	if term.Offset() != top-4 {
		t.Errorf("Shift+PageDown: %d lines back, want %d", term.Offset(), top-4)
	}
	term.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierShift})
	if term.Offset() != top {
		t.Errorf("Shift+PageUp: %d lines back, want %d", term.Offset(), top)
	}
	term.TypedRune('x')
	if term.Offset() != 0 {
		t.Errorf("typing did not return to the bottom")
	}
	q.Until(t, "x sent", func() bool { return s.String() == "x" })
}

func TestTerminalKeys(t *testing.T) {
	term, q, s := newTerm(t, 20, 5)
	term.TypedRune('é')
	term.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	term.TypedKey(&fyne.KeyEvent{Name: fyne.KeyA}) // its rune comes through TypedRune
	term.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	term.TypedShortcut(&fyne.ShortcutCopy{})                                                           // Ctrl+C
	term.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: fyne.KeyModifierControl}) // Ctrl+D
	term.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	want := "é\x1b[A\r\x03\x04\t"
	q.Until(t, "keys sent", func() bool { return s.String() == want })
	// vi asks for application cursor keys.
	term.Write([]byte("\x1b[?1h"))
	term.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	q.Until(t, "application arrow", func() bool { return s.String() == want+"\x1bOD" })
}

func TestTerminalAnswersCursorPositionQueries(t *testing.T) {
	term, q, s := newTerm(t, 20, 5)
	term.Write([]byte("ab\x1b[6n")) // busybox sh asks this at every prompt
	q.Until(t, "the report", func() bool { return s.String() == "\x1b[1;3R" })
}

func TestTerminalCopyAndPaste(t *testing.T) {
	term, q, s := newTerm(t, 20, 5)
	term.Write([]byte("one two\r\nthree"))
	q.Drain()
	term.Select(0, 4, 1, 2)
	if got := term.SelectedText(); got != "two\nthr" {
		t.Errorf("selection %q", got)
	}
	term.Copy()
	if got := fyne.CurrentApp().Clipboard().Content(); got != "two\nthr" {
		t.Errorf("clipboard %q", got)
	}
	fyne.CurrentApp().Clipboard().SetContent("ls\nx")
	term.Write([]byte("\x1b[?2004h"))
	term.Paste()
	q.Until(t, "bracketed paste", func() bool { return s.String() == "\x1b[200~ls\rx\x1b[201~" })
}

func TestTerminalSelectsByDragging(t *testing.T) {
	term, q, _ := newTerm(t, 20, 5)
	term.Write([]byte("hello world"))
	q.Drain()
	cw, ch := term.cell.Width, term.cell.Height
	term.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(cw*10+1, ch/2)}, Dragged: fyne.NewDelta(cw*4, 0)})
	term.DragEnd()
	if got := term.SelectedText(); got != "world" {
		t.Errorf("dragged selection %q", got)
	}
}

func TestTerminalWheelOnTheAlternateScreenSendsArrows(t *testing.T) {
	term, q, s := newTerm(t, 20, 5)
	term.Write([]byte("\x1b[?1049h"))
	q.Drain()
	term.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -wheelNotch}})
	q.Until(t, "three downs", func() bool { return s.String() == strings.Repeat("\x1b[B", 3) })
	if term.Offset() != 0 {
		t.Error("the alternate screen scrolled back")
	}
}
