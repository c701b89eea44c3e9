package kit

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// timers replaces the tip timer: the test fires what would have fired.
type timers struct{ due []func() }

func stubTimers(t *testing.T) *timers {
	tm := &timers{}
	old := tipAfter
	tipAfter = func(d time.Duration, f func()) {
		if d != tipDelay {
			t.Errorf("tip after %v", d)
		}
		tm.due = append(tm.due, f)
	}
	t.Cleanup(func() { tipAfter = old; hideTip() })
	return tm
}

func (tm *timers) fire() {
	due := tm.due
	tm.due = nil
	for _, f := range due {
		f()
	}
}

func hover(b *TipButton) {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).Add(fyne.NewPos(5, 5))
	b.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{AbsolutePosition: pos, Position: fyne.NewPos(5, 5)}})
}

func TestTipShowsAfterAPauseAndGoesOnLeave(t *testing.T) {
	tm := stubTimers(t)
	f, w := newFruits(t)
	relayout(w)
	b := drawn[*rowCell](f.table)[1].button
	hover(b)
	if got := f.table.tips.shown(); got != "" {
		t.Fatalf("tip %q shows at once", got)
	}
	tm.fire()
	if got := f.table.tips.shown(); got != "Eat" {
		t.Fatalf("tip %q after the pause, want Eat", got)
	}
	// Near the pointer, inside the table.
	tip := f.table.tips.tip
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(f.table))
	if p := tip.Position(); p.Y < at.Y || p.Y > at.Y+60 || p.X+tip.Size().Width > f.table.Size().Width {
		t.Errorf("tip at %v, button at %v", p, at)
	}
	b.MouseOut()
	if got := f.table.tips.shown(); got != "" {
		t.Errorf("tip %q after the pointer left", got)
	}
}

func TestTipNotShownAfterALeaveOrATap(t *testing.T) {
	tm := stubTimers(t)
	f, w := newFruits(t)
	relayout(w)
	b := drawn[*rowCell](f.table)[0].button
	hover(b)
	b.MouseOut()
	tm.fire()
	if got := f.table.tips.shown(); got != "" {
		t.Errorf("tip %q after leaving before the pause ended", got)
	}
	hover(b)
	tm.fire()
	test.Tap(b)
	if got := f.table.tips.shown(); got != "" {
		t.Errorf("tip %q after a tap", got)
	}
	if len(f.tapped) != 1 {
		t.Errorf("the tap acted %d times", len(f.tapped))
	}
}

func TestTipChangesWithSetTip(t *testing.T) {
	tm := stubTimers(t)
	f, w := newFruits(t)
	relayout(w)
	b := drawn[*rowCell](f.table)[0].button
	b.SetTip("Resume")
	if n := testing.AllocsPerRun(100, func() { b.SetTip("Start") }); n != 0 {
		t.Errorf("SetTip allocates %v times", n)
	}
	hover(b)
	tm.fire()
	if got := f.table.tips.shown(); got != "Start" {
		t.Errorf("tip %q, want Start", got)
	}
}

func TestWindowTipsOutsideATable(t *testing.T) {
	tm := stubTimers(t)
	w := test.NewTempApp(t).NewWindow("tips")
	b := NewTipButton(theme.SearchIcon(), "Find", nil)
	w.SetContent(WithTips(b))
	w.Resize(fyne.NewSize(200, 100))
	relayout(w)
	hover(b)
	tm.fire()
	l := windowLayer(w.Canvas())
	if l == nil || l.shown() != "Find" {
		t.Fatal("no window tip")
	}
}
