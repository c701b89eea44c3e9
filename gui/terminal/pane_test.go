package terminal

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/kit/kittest"
)

type host struct {
	kittest.Queue
	kittest.Questions
	ctx context.Context
}

func (h *host) Context() context.Context { return h.ctx }
func (h *host) Ask(q kit.Question)       { h.Questions.Ask(q) }

func newPane(t *testing.T, fake *enginetest.Engine) (*Pane, *host) {
	t.Helper()
	test.NewTempApp(t)
	h := &host{ctx: context.Background()}
	c := engine.Container{ID: kittest.ID("abc123"), ShortID: "abc123", Name: "web", State: engine.StateRunning}
	p := NewPane(h, fake, c)
	w := test.NewWindow(p.Content())
	w.Resize(fyne.NewSize(700, 400))
	t.Cleanup(func() { p.Close(); w.Close() })
	return p, h
}

func TestPaneRunsAShellAndSaysWhenItExits(t *testing.T) {
	fake := enginetest.New(nil, nil)
	p, h := newPane(t, fake)
	if len(fake.Sessions()) != 0 {
		t.Fatal("a session started before the pane was shown")
	}
	p.Shown()
	h.Until(t, "a session", func() bool { return len(fake.Sessions()) == 1 })
	s := fake.Sessions()[0]
	s.Output("/ # ")
	h.Until(t, "the prompt", func() bool { return strings.HasPrefix(p.Current().ScreenText(), "/ #") })
	p.Current().Type("ls\r")
	h.Until(t, "typed", func() bool { return s.Input() == "ls\r" })
	// The TTY follows the widget's size.
	h.Until(t, "a resize", func() bool {
		sz := s.Sizes()
		last := sz[len(sz)-1]
		c, r := p.Current().Cells()
		return last == engine.TermSize{Cols: c, Rows: r} && c != 80
	})
	s.Exit(0)
	h.Until(t, "the end said", func() bool { return strings.Contains(p.Status(0), "exited") })
	if !strings.Contains(p.Current().ScreenText(), "The session is over") {
		t.Errorf("the terminal does not say it ended:\n%s", p.Current().ScreenText())
	}
}

func TestPaneOpensSeveralTerminalsAndClosesThem(t *testing.T) {
	fake := enginetest.New(nil, nil)
	p, h := newPane(t, fake)
	p.Shown()
	p.OpenTab()
	h.Until(t, "two sessions", func() bool { return len(fake.Sessions()) == 2 })
	if n := len(p.Terminals()); n != 2 {
		t.Fatalf("%d terminals", n)
	}
	p.Hidden()
	for _, s := range fake.Sessions() {
		if s.Closed() {
			t.Fatal("hiding the pane ended a shell")
		}
	}
	p.Close()
	h.Until(t, "sessions closed", func() bool {
		for _, s := range fake.Sessions() {
			if !s.Closed() {
				return false
			}
		}
		return true
	})
}

func TestPaneStoppedContainerGetsAPlainMessage(t *testing.T) {
	fake := enginetest.New(nil, nil)
	fake.Exec.ExecStart = func(context.Context, string, []string, engine.TermSize) (engine.ExecSession, error) {
		return nil, &engine.Error{Kind: engine.ErrNotRunning, Ref: "abc123"}
	}
	p, h := newPane(t, fake)
	p.Shown()
	h.Until(t, "the message", func() bool { return p.Status(0) != "" })
	if got := p.Status(0); got != "The container web is not running: start it to open a terminal in it." {
		t.Errorf("status %q", got)
	}
}

func TestPaneOffersADebugShellWhenThereIsNoShell(t *testing.T) {
	fake := enginetest.New(nil, nil)
	fake.Exec.ExecStart = func(context.Context, string, []string, engine.TermSize) (engine.ExecSession, error) {
		return nil, &engine.Error{Kind: engine.ErrCommandNotFound, Ref: "/bin/sh", What: "shell"}
	}
	p, h := newPane(t, fake)
	p.Shown()
	h.Until(t, "the offer", func() bool { return strings.Contains(p.Status(0), "has no shell") })
	p.AskDebug()
	q := h.Last(t)
	if !strings.Contains(q.Message, "--pid container:web --network container:web") || !strings.Contains(q.Message, "/proc/1/root") ||
		!strings.Contains(q.Message, "removed when you close") {
		t.Errorf("the question does not say what it does: %s", q.Message)
	}
	entry := findEntry(q.Extra)
	entry.SetText("localhost:5000/berthtest/toolbox:1")
	c, _ := q.Choice("Start debug shell")
	c.Run()
	h.Until(t, "a debug session", func() bool { return len(fake.Sessions()) == 1 })
	if calls := fake.Calls(); calls[len(calls)-1] != "Debug "+kittest.ID("abc123")+" localhost:5000/berthtest/toolbox:1" {
		t.Errorf("calls %v", calls)
	}
	if got := fyne.CurrentApp().Preferences().String(DebugImagePref); got != "localhost:5000/berthtest/toolbox:1" {
		t.Errorf("the image is not remembered: %q", got)
	}
	// Closing its tab ends the session: the engine removes the helper.
	p.closeTab(p.tabs.Items[1])
	h.Until(t, "closed", func() bool { return fake.Sessions()[0].Closed() })
}

func findEntry(o fyne.CanvasObject) *widget.Entry {
	for _, x := range kittest.Walk(o) {
		if e, ok := x.(*widget.Entry); ok {
			return e
		}
	}
	return nil
}

func TestPaneSaysWhenTheContainerStops(t *testing.T) {
	fake := enginetest.New(nil, nil)
	p, h := newPane(t, fake)
	p.Shown()
	h.Until(t, "a session", func() bool { return len(fake.Sessions()) == 1 })
	fake.Sessions()[0].Stop()
	h.Until(t, "the end said", func() bool { return p.Status(0) != "" })
	if got := p.Status(0); got != "The container stopped: the session of /bin/sh ended." {
		t.Errorf("status %q", got)
	}
}

// The details view hosts panes through this interface (gui/details).
var _ interface {
	Content() fyne.CanvasObject
	Shown()
	Hidden()
	Close()
} = (*Pane)(nil)

// TestPaneInKorean: the pane's words come from the Korean translation; the
// docker command in the debug question stays as it is.
func TestPaneInKorean(t *testing.T) {
	i18n.Use("ko")
	t.Cleanup(func() { i18n.Use("en") })
	fake := enginetest.New(nil, nil)
	p, h := newPane(t, fake)
	p.Shown()
	h.Until(t, "a session", func() bool { return len(fake.Sessions()) == 1 })
	var buttons []string
	for _, x := range kittest.Walk(p.Content()) {
		if b, ok := x.(*widget.Button); ok {
			buttons = append(buttons, b.Text)
		}
	}
	if got := strings.Join(buttons, ","); !strings.Contains(got, "새 터미널,디버그 셸…,복사,붙여넣기") {
		t.Errorf("buttons %q", got)
	}
	if got := p.command.PlaceHolder; got != "셸: "+strings.Join(engine.Shells, ", 없으면 ")+" (또는 명령어 입력)" {
		t.Errorf("placeholder %q", got)
	}
	fake.Sessions()[0].Stop()
	h.Until(t, "the end said", func() bool { return p.Status(0) != "" })
	if got := p.Status(0); got != "컨테이너가 중지되어 /bin/sh 세션이 끝났습니다." {
		t.Errorf("status %q", got)
	}
	p.AskDebug()
	q := h.Last(t)
	if q.Title != "web의 디버그 셸" || !strings.Contains(q.Message, "--pid container:web --network container:web") {
		t.Errorf("question %q: %s", q.Title, q.Message)
	}
	if _, ok := q.Choice("디버그 셸 시작"); !ok {
		t.Error("no 디버그 셸 시작")
	}
}
