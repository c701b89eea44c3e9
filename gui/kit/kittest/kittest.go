// Package kittest holds the helpers the GUI packages' tests share: a UI
// queue standing in for Fyne's UI goroutine, a recorder of the questions a
// view asks, a walk of the drawn widget tree, and the tests' fixed data.
package kittest

import (
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/gui/kit"
)

// Queue stands in for Fyne's UI goroutine: Do (a Host's Do) queues work and
// the test goroutine runs it (Drain, Until), so widgets are only ever
// touched by the test goroutine and go test -race stays meaningful. The
// zero Queue is ready to use.
type Queue struct {
	// Timeout bounds Until (10 s if zero). It only keeps a broken test
	// from hanging; it measures nothing.
	Timeout time.Duration

	mu   sync.Mutex
	q    []func()
	wake chan struct{}
}

// Do queues f; any goroutine may call it.
func (l *Queue) Do(f func()) {
	l.mu.Lock()
	l.q = append(l.q, f)
	wake := l.wakeLocked()
	l.mu.Unlock()
	select {
	case wake <- struct{}{}:
	default:
	}
}

func (l *Queue) wakeLocked() chan struct{} {
	if l.wake == nil {
		l.wake = make(chan struct{}, 1)
	}
	return l.wake
}

// Drain runs what is queued, and what that queues, in order, until the
// queue is empty.
func (l *Queue) Drain() {
	for {
		l.mu.Lock()
		if len(l.q) == 0 {
			l.mu.Unlock()
			return
		}
		f := l.q[0]
		l.q = l.q[1:]
		l.mu.Unlock()
		f()
	}
}

// Until runs the queue until cond holds, checking it (on the test
// goroutine) after every Do and every 10 ms, and fails the test after the
// Timeout.
func (l *Queue) Until(t testing.TB, what string, cond func() bool) {
	t.Helper()
	timeout := l.Timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	l.mu.Lock()
	wake := l.wakeLocked()
	l.mu.Unlock()
	for {
		l.Drain()
		if cond() {
			return
		}
		select {
		case <-wake:
		case <-tick.C:
		case <-deadline.C:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// Questions records what a view asks (a Host's Ask) without showing it.
type Questions struct {
	mu    sync.Mutex
	asked []kit.Question
}

// Ask records q.
func (r *Questions) Ask(q kit.Question) {
	r.mu.Lock()
	r.asked = append(r.asked, q)
	r.mu.Unlock()
}

// All is every question asked so far, oldest first.
func (r *Questions) All() []kit.Question {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]kit.Question(nil), r.asked...)
}

// Asked reports whether a question with this title was asked.
func (r *Questions) Asked(title string) bool {
	for _, q := range r.All() {
		if q.Title == title {
			return true
		}
	}
	return false
}

// Last is the last question asked, failing the test if there is none.
func (r *Questions) Last(t testing.TB) kit.Question {
	t.Helper()
	all := r.All()
	if len(all) == 0 {
		t.Fatal("nothing was asked")
	}
	return all[len(all)-1]
}

// Answer picks the choice of q with this text, as its button would.
func (r *Questions) Answer(t testing.TB, q kit.Question, text string) {
	t.Helper()
	c, ok := q.Choice(text)
	if !ok {
		t.Fatalf("question %q has no choice %q (has %q)", q.Title, text, ChoiceTexts(q))
	}
	if c.Run != nil {
		c.Run()
	}
}

// ChoiceTexts are the texts of q's choices, left to right.
func ChoiceTexts(q kit.Question) []string {
	out := make([]string, len(q.Choices))
	for i, c := range q.Choices {
		out[i] = c.Text
	}
	return out
}

// Walk lists o and the objects under it as they are drawn (through the
// widgets' current renderers: test.LaidOutObjects makes new renderers,
// which a Table does not survive).
func Walk(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch c := o.(type) {
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(c).Objects() {
			out = append(out, Walk(ch)...)
		}
	case *fyne.Container:
		for _, ch := range c.Objects {
			out = append(out, Walk(ch)...)
		}
	}
	return out
}

// Relayout lays win out again, as the real driver does on the next frame
// after a content's minimum size changed (the test canvas does not).
func Relayout(win fyne.Window) {
	s := win.Canvas().Size()
	win.Resize(s.AddWidthHeight(1, 1))
	win.Resize(s)
}

// PressKey presses a key without modifiers on canvas c as the desktop
// driver does: the focused widget gets it, the canvas's OnTypedKey when
// nothing has the focus.
func PressKey(c fyne.Canvas, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}
