package kit

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
)

// pressEscape delivers Escape as the driver does: to the focused widget,
// else to the canvas.
func pressEscape(c fyne.Canvas) {
	ev := &fyne.KeyEvent{Name: fyne.KeyEscape}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

func TestQuestionEscapeClosesWithoutActing(t *testing.T) {
	for _, focus := range []string{"nothing", "Cancel", "Remove"} {
		t.Run(focus, func(t *testing.T) {
			a := test.NewTempApp(t)
			win := a.NewWindow("Berth")
			win.Resize(fyne.NewSize(800, 600))
			var keys []fyne.KeyName
			win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { keys = append(keys, ev.Name) })
			removed := false
			ShowQuestion(win, Question{Title: "Remove image", Message: "Remove?", Choices: []Choice{
				Cancel(), {Text: "Remove", Run: func() { removed = true }}}})
			if focus != "nothing" {
				f := focusable(win, focus)
				if f == nil {
					t.Fatalf("no button %q", focus)
				}
				win.Canvas().Focus(f)
				if win.Canvas().Focused() != f {
					t.Fatalf("the button %q did not take the focus", focus)
				}
			}
			// A key the dialog has no use for does not reach the window behind.
			win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
			pressEscape(win.Canvas())
			if win.Canvas().Overlays().Top() != nil {
				t.Fatal("Escape left the question open")
			}
			if removed {
				t.Error("Escape acted")
			}
			// The window's own keys reach it again, Escape with no dialog included.
			pressEscape(win.Canvas())
			win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
			if len(keys) != 2 || keys[0] != fyne.KeyEscape || keys[1] != fyne.KeyDelete {
				t.Errorf("the window got %q", keys)
			}
		})
	}
}

// focusable is the dialog button on top of win with this text.
func focusable(win fyne.Window, text string) fyne.Focusable {
	for _, o := range test.LaidOutObjects(win.Canvas().Overlays().Top()) {
		if b, ok := o.(*DialogButton); ok && b.Text == text {
			return b
		}
	}
	return nil
}

// shows reports whether the dialog on top of win shows a label with text.
func shows(win fyne.Window, text string) bool {
	top := win.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok && l.Text == text {
			return true
		}
	}
	return false
}

func TestQuestionsStackEscapeClosesTheTopOne(t *testing.T) {
	a := test.NewTempApp(t)
	win := a.NewWindow("Berth")
	win.Resize(fyne.NewSize(800, 600))
	ShowQuestion(win, Question{Title: "First", Message: "first", Choices: []Choice{OK()}})
	ShowQuestion(win, Question{Title: "Second", Message: "second", Choices: []Choice{OK()}})
	pressEscape(win.Canvas())
	if n := len(win.Canvas().Overlays().List()); n != 1 || !shows(win, "first") {
		t.Fatalf("after one Escape: %d dialogs, the first on top %v", n, shows(win, "first"))
	}
	pressEscape(win.Canvas())
	if win.Canvas().Overlays().Top() != nil {
		t.Error("the second Escape left the first question open")
	}
}

func TestErrorQuestionShowsTheEngineWordsOnAClick(t *testing.T) {
	a := test.NewTempApp(t)
	win := a.NewWindow("Berth")
	win.Resize(fyne.NewSize(800, 600))
	raw := `Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host`
	err := &engine.Error{Kind: engine.ErrRegistryUnreachable, Ref: "nginx", Err: errors.New("Error response from daemon: " + raw)}
	q := ErrorQuestion("Could not pull nginx", err)
	if q.Details != raw || q.Message == raw {
		t.Fatalf("message %q, details %q", q.Message, q.Details)
	}
	md := ShowQuestion(win, q)
	if md.Details == nil || md.Details.Text() != "" || md.Details.Button.Text != "Show the engine's message" {
		t.Fatal("the engine's words are not folded behind the toggle")
	}
	test.Tap(md.Details.Button)
	if md.Details.Text() != raw {
		t.Errorf("after the click: %q", md.Details.Text())
	}
	// Words that are the engine's own already need no toggle.
	if q := ErrorQuestion("Could not remove", errors.New("disk full")); q.Details != "" {
		t.Errorf("details %q for a plain error", q.Details)
	}
}
