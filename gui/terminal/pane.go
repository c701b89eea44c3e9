package terminal

import (
	"context"
	"io"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Host is what the Terminal pane needs from the shell.
type Host interface {
	// Do runs f on the UI goroutine.
	Do(f func())
	// Context ends when Berth shuts down.
	Context() context.Context
	// Ask shows a question or an error.
	Ask(q kit.Question)
}

// DebugImagePref is the Fyne preference that remembers the debug shell's image.
var DebugImagePref = i18n.Code("terminal.debugImage")

// Pane is a container's terminals: tabs of exec sessions ("+" opens
// another), each with its own shell, and the debug shell for containers
// without one. Sessions live until their tab or the pane is closed:
// switching to another tab of the details view keeps them (a shell's state
// is the user's work); Close ends them all.
type Pane struct {
	h   Host
	api engine.ExecAPI
	c   engine.Container

	ctx    context.Context
	cancel context.CancelFunc

	tabs    *container.DocTabs
	command *widget.Entry // the command to run instead of the shell
	content fyne.CanvasObject
	started bool

	mu       sync.Mutex // guards sessions, read by their goroutines
	sessions map[*container.TabItem]*tab
	n        int
}

// tab is one terminal and its session.
type tab struct {
	item   *container.TabItem
	term   *Terminal
	status *widget.Label
	again  *widget.Button
	bar    *fyne.Container
	ctx    context.Context
	cancel context.CancelFunc
	debug  bool

	mu   sync.Mutex
	sess engine.ExecSession
	size engine.TermSize
}

// NewPane makes the Terminal pane of container c; no session starts
// before the pane is first shown.
func NewPane(h Host, api engine.ExecAPI, c engine.Container) *Pane {
	p := &Pane{h: h, api: api, c: c, sessions: map[*container.TabItem]*tab{}}
	p.ctx, p.cancel = context.WithCancel(h.Context())
	p.command = &widget.Entry{PlaceHolder: i18n.T("terminal.command", "Shells", strings.Join(engine.Shells, i18n.T("terminal.command.else")))}
	p.command.OnSubmitted = func(string) { p.OpenTab() }
	p.tabs = container.NewDocTabs()
	p.tabs.CreateTab = func() *container.TabItem { return p.newTab(p.commandLine(), false) }
	p.tabs.CloseIntercept = func(it *container.TabItem) { p.closeTab(it) }
	p.tabs.OnSelected = func(it *container.TabItem) {
		if t := p.tabOf(it); t != nil {
			p.focus(t)
		}
	}
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(
		&widget.Button{Text: i18n.T("terminal.new"), Icon: theme.ContentAddIcon(), OnTapped: p.OpenTab},
		&widget.Button{Text: i18n.T("terminal.debug"), Icon: theme.SearchIcon(), OnTapped: p.AskDebug},
		&widget.Button{Text: i18n.T("terminal.copy"), Icon: theme.ContentCopyIcon(), OnTapped: func() {
			if t := p.Current(); t != nil {
				t.Copy()
			}
		}},
		&widget.Button{Text: i18n.T("terminal.paste"), Icon: theme.ContentPasteIcon(), OnTapped: func() {
			if t := p.Current(); t != nil {
				t.Paste()
			}
		}},
	), p.command)
	p.content = container.NewBorder(bar, nil, nil, nil, p.tabs)
	return p
}

// Content is the pane.
func (p *Pane) Content() fyne.CanvasObject { return p.content }

// Shown opens the first terminal the first time the pane is shown.
func (p *Pane) Shown() {
	if !p.started {
		p.started = true
		p.OpenTab()
		return
	}
	if t := p.tabOf(p.tabs.Selected()); t != nil {
		p.focus(t)
	}
}

// Hidden keeps the sessions: a shell is state, not a stream to stop.
func (p *Pane) Hidden() {}

// Close ends every session (and removes debug helpers).
func (p *Pane) Close() {
	p.cancel()
	p.mu.Lock()
	tabs := make([]*tab, 0, len(p.sessions))
	for _, t := range p.sessions {
		tabs = append(tabs, t)
	}
	p.sessions = map[*container.TabItem]*tab{}
	p.mu.Unlock()
	for _, t := range tabs {
		t.end()
	}
}

func (p *Pane) commandLine() []string { return strings.Fields(p.command.Text) }

// OpenTab opens a terminal running the command typed (else the shell).
func (p *Pane) OpenTab() {
	it := p.newTab(p.commandLine(), false)
	p.tabs.Append(it)
	p.tabs.Select(it)
}

// Current is the terminal of the selected tab, nil if none.
func (p *Pane) Current() *Terminal {
	if t := p.tabOf(p.tabs.Selected()); t != nil {
		return t.term
	}
	return nil
}

// Terminals are the open terminals, in tab order.
func (p *Pane) Terminals() []*Terminal {
	var out []*Terminal
	for _, it := range p.tabs.Items {
		if t := p.tabOf(it); t != nil {
			out = append(out, t.term)
		}
	}
	return out
}

// Status is the line above terminal i: why its session ended, or "".
func (p *Pane) Status(i int) string {
	if i >= len(p.tabs.Items) {
		return ""
	}
	if t := p.tabOf(p.tabs.Items[i]); t != nil && t.bar.Visible() {
		return t.status.Text
	}
	return ""
}

func (p *Pane) tabOf(it *container.TabItem) *tab {
	if it == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sessions[it]
}

func (p *Pane) focus(t *tab) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t.term); c != nil {
		c.Focus(t.term)
	}
}

func (p *Pane) newTab(cmd []string, debug bool) *container.TabItem {
	it := p.newTabNoRun(debug)
	go p.run(p.tabOf(it), cmd, "")
	return it
}

// run starts the session of t and copies its output into the terminal
// until it ends; on a goroutine.
func (p *Pane) run(t *tab, cmd []string, image string) {
	t.mu.Lock()
	size := t.size
	t.mu.Unlock()
	var sess engine.ExecSession
	var err error
	if image != "" {
		sess, err = p.api.DebugStart(t.ctx, p.c.ID, image, size)
	} else {
		sess, err = p.api.ExecStart(t.ctx, p.c.ID, cmd, size)
	}
	if err != nil {
		if t.ctx.Err() != nil {
			return
		}
		noShell := len(cmd) == 0 && image == "" && engine.IsKind(err, engine.ErrCommandNotFound)
		p.h.Do(func() { p.failed(t, err, noShell) })
		return
	}
	t.mu.Lock()
	t.sess = sess
	latest := t.size
	t.mu.Unlock()
	if t.ctx.Err() != nil {
		_ = sess.Close()
		return
	}
	if latest != size {
		_ = sess.Resize(t.ctx, latest)
	}
	t.term.SetSink(sess)
	if name := strings.Join(sess.Command(), " "); name != "" {
		p.h.Do(func() {
			prefix := i18n.T("terminal.tab.debug")
			if !t.debug {
				prefix = strings.TrimPrefix(name, "/bin/")
			}
			t.item.Text = prefix
			p.tabs.Refresh()
		})
	}
	buf := make([]byte, 32*1024)
	for {
		n, rerr := sess.Read(buf)
		if n > 0 {
			_, _ = t.term.Write(buf[:n])
		}
		if rerr != nil {
			break
		}
	}
	if t.ctx.Err() != nil { // the tab or the pane closed
		return
	}
	wctx, cancel := context.WithTimeout(t.ctx, 5*time.Second)
	code, werr := sess.Wait(wctx)
	cancel()
	_ = sess.Close()
	msg := ended(sess.Command(), code, werr)
	p.h.Do(func() { p.showEnd(t, msg) })
}

// ended words the end of a session.
func ended(cmd []string, code int, err error) string {
	name := strings.Join(cmd, " ")
	switch {
	case engine.IsKind(err, engine.ErrNotRunning):
		return i18n.T("terminal.ended.stopped", "Command", name)
	case err != nil || code < 0:
		return i18n.T("terminal.ended.gone", "Command", name)
	case code == 0:
		return i18n.T("terminal.ended.exited", "Command", name)
	case code == 126 || code == 127:
		return i18n.T("terminal.ended.notFound", "Command", name, "Code", code)
	}
	return i18n.T("terminal.ended.code", "Command", name, "Code", code)
}

func (p *Pane) showEnd(t *tab, msg string) {
	t.status.SetText(msg)
	t.bar.Show()
	t.term.Write([]byte(i18n.Code("\r\n\x1b[2m[") + msg + i18n.Code("]\x1b[0m\r\n\x1b[?25l")))
}

func (p *Pane) failed(t *tab, err error, noShell bool) {
	switch {
	case noShell:
		t.status.SetText(i18n.T("terminal.noShell", "Name", p.c.Name, "Shells", i18n.Join(engine.Shells)))
		t.again.SetText(i18n.T("terminal.debug"))
		t.again.SetIcon(theme.SearchIcon())
		t.again.OnTapped = p.AskDebug
	case engine.IsKind(err, engine.ErrNotRunning):
		t.status.SetText(i18n.T("terminal.notRunning", "Name", p.c.Name))
		t.again.SetText(i18n.T("terminal.tryAgain"))
	default:
		t.status.SetText(i18n.T("terminal.failed", "Why", present.Explain(err)))
		t.again.SetText(i18n.T("terminal.tryAgain"))
	}
	t.bar.Show()
}

func (t *tab) resize(s engine.TermSize) {
	t.mu.Lock()
	t.size = s
	sess := t.sess
	t.mu.Unlock()
	if sess != nil {
		go func() { _ = sess.Resize(t.ctx, s) }()
	}
}

// end closes the session (a debug helper is removed) and the terminal.
func (t *tab) end() {
	t.cancel()
	t.mu.Lock()
	sess := t.sess
	t.mu.Unlock()
	if sess != nil {
		go func() { _ = sess.Close() }()
	}
	t.term.Close()
}

func (p *Pane) closeTab(it *container.TabItem) {
	p.mu.Lock()
	t := p.sessions[it]
	delete(p.sessions, it)
	p.mu.Unlock()
	if t != nil {
		t.end()
	}
	p.tabs.Remove(it)
}

// AskDebug explains the debug shell and asks for its image (remembered).
func (p *Pane) AskDebug() {
	prefs := fyne.CurrentApp().Preferences()
	img := &widget.Entry{PlaceHolder: i18n.T("terminal.debug.image.placeholder"), Text: prefs.String(DebugImagePref)}
	hint := widget.NewLabel("")
	hint.Hide()
	name := p.c.Name
	if name == "" {
		name = p.c.ShortID
	}
	q := kit.Question{
		Title:   i18n.T("terminal.debug.ask.title", "Name", name),
		Message: i18n.T("terminal.debug.ask", "Name", name),
		Extra:   container.NewVBox(widget.NewForm(widget.NewFormItem(i18n.T("terminal.debug.image"), img)), hint),
	}
	q.Choices = []kit.Choice{kit.Cancel(), {Text: i18n.T("terminal.debug.start"), Importance: widget.HighImportance, Run: func() {
		ref := strings.TrimSpace(img.Text)
		if _, err := engine.ValidateImage(ref); err != nil {
			p.h.Ask(kit.ErrorQuestion(i18n.T("terminal.debug.title"), err))
			return
		}
		prefs.SetString(DebugImagePref, ref)
		p.OpenDebug(ref)
	}}}
	p.h.Ask(q)
}

// OpenDebug opens a debug shell from image (see AskDebug) in a new tab.
func (p *Pane) OpenDebug(image string) {
	it := p.newDebugTab(image)
	p.tabs.Append(it)
	p.tabs.Select(it)
}

func (p *Pane) newDebugTab(image string) *container.TabItem {
	it := p.newTabNoRun(true)
	t := p.tabOf(it)
	_, _ = t.term.Write([]byte("\x1b[2m" + i18n.T("terminal.debug.starting", "Image", image, "Name", p.c.Name) + "\x1b[0m\r\n"))
	go p.run(t, nil, image)
	return it
}

// newTabNoRun makes a tab and its terminal; its session is started by the caller.
func (p *Pane) newTabNoRun(debug bool) *container.TabItem {
	p.n++
	t := &tab{term: New(p.h.Do), status: widget.NewLabel(""), debug: debug}
	t.status.Wrapping = fyne.TextWrapWord
	t.again = &widget.Button{Text: i18n.T("terminal.again"), Icon: theme.ViewRefreshIcon(), OnTapped: func() { p.OpenTab() }}
	t.bar = container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), t.again, t.status)
	t.bar.Hide()
	t.ctx, t.cancel = context.WithCancel(p.ctx)
	title := i18n.T("terminal.tab", "N", p.n)
	if debug {
		title = i18n.T("terminal.tab.debugN", "N", p.n)
	}
	t.item = container.NewTabItem(title, container.NewBorder(t.bar, nil, nil, nil, t.term))
	t.term.OnResize = func(cols, rows int) { t.resize(engine.TermSize{Cols: cols, Rows: rows}) }
	cols, rows := t.term.Cells()
	t.size = engine.TermSize{Cols: cols, Rows: rows}
	p.mu.Lock()
	p.sessions[t.item] = t
	p.mu.Unlock()
	return t.item
}

var _ io.Writer = (*Terminal)(nil)
