// Package logs is the log view: a container's output (or a compose
// project's, merged in time order) like `docker logs --follow`, in bounded
// memory whatever its length (package linestore), with search, filter,
// colours, follow, since/until, copy and export. It streams with the
// window's own context, which ends when the window closes; closing hands
// the memory back and deletes the temporary files.
package logs

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/logs/linestore"
	"berth/gui/present"
)

const freeAfterClose = time.Second // for the driver to let go of the window first

// Host is what the log view needs from the shell.
type Host interface {
	// Do runs f on the UI goroutine.
	Do(f func())
	// Context ends when Berth shuts down.
	Context() context.Context
	// App makes the window.
	App() fyne.App
}

// Window shows one log. The loader's goroutines write the stores; the UI
// goroutine reads them when it draws (through doc) and hears of new lines
// through one kit.Coalescer.
type Window struct {
	h       Host
	api     engine.LogAPI
	sources []source
	title   string
	win     fyne.Window
	ctx     context.Context // the window's
	cancel  context.CancelFunc

	// The current load (a since/until choice starts another).
	loadCancel context.CancelFunc
	main, tail *linestore.Store
	histDone   bool
	opts       engine.LogOptions
	updates    *kit.Coalescer[loadState]

	doc      doc
	list     *widget.List
	charW    float32
	lineH    float32
	pitch    float32 // a row's height in the list, separator included
	left     float32 // where text starts in a row
	nameW    int     // the widest container name (merged logs)
	maxCols  int     // columns that fit without wrap
	textSize float32
	buf, raw []byte

	// Search.
	query       linestore.Query
	matcher     *linestore.Matcher
	searchStop  context.CancelFunc
	searching   bool
	searchGen   int
	cur         int // the current match, an index over all hits; -1 for none
	searchStart time.Time
	// SearchDone, if set, hears how long each search took (benchmarks).
	SearchDone func(d time.Duration, hits int)

	// Selection: lines of doc parts, from anchor to end.
	selA, selB selKey
	hasSel     bool

	following  bool
	refreshed  time.Time // the last refreshList
	refreshDue bool      // a refreshList is planned
	newLines   int       // lines come since following stopped
	lastRows   int
	stopped    map[int]bool
	gone       map[int]bool
	loadErr    error

	search   *searchEntry
	searchIn *widget.Label // the count, or what is wrong with the pattern
	caseBox  *widget.Check
	reBox    *widget.Check
	filter   *widget.Check
	context  *widget.Select
	follow   *widget.Check
	stamps   *widget.Check
	wrap     *widget.Check
	span     *widget.Select
	jump     *widget.Button
	status   *widget.Label
	close    *widget.Button
	toggles  []*widget.Check
	started  time.Time // when the container (the first of a project) last started; zero if unknown
	spanOpen *dialog.CustomDialog
	key      string // in open
}

type selKey struct {
	part *part
	line int
}

// open are the log windows open, by container ID or "project:" name (UI
// goroutine only): asked again for one, Open brings it to the front.
var open = map[string]*Window{}

func openOne(h Host, key string) *Window {
	if w, ok := open[key]; ok && w.h.App() == h.App() && w.ctx.Err() == nil {
		w.Raise()
		return w
	}
	return nil
}

// Open opens a window with c's log and follows it until the window closes
// (or brings the one open to the front).
func Open(h Host, api engine.LogAPI, c engine.Container) *Window {
	if w := openOne(h, c.ID); w != nil {
		return w
	}
	name := c.Name
	if name == "" {
		name = c.ShortID
	}
	w := newWindow(h, api, i18n.T("logs.title", "Name", name), []source{{id: c.ID, name: name}})
	if c.Running() {
		w.started = c.StateSince
	}
	w.key = c.ID
	w.show()
	return w
}

// OpenProject opens a window with the merged log of a compose project's
// containers, each line marked with its container.
func OpenProject(h Host, api engine.LogAPI, project string, cs []engine.Container) *Window {
	if w := openOne(h, i18n.Code("project:")+project); w != nil {
		return w
	}
	srcs := make([]source, 0, len(cs))
	sort.Slice(cs, func(i, j int) bool { return cs[i].Name < cs[j].Name })
	for i, c := range cs {
		name := c.Labels["com.docker.compose.service"]
		if n := c.Labels["com.docker.compose.container-number"]; name != "" && n != "" {
			name += "-" + n
		}
		if name == "" {
			name = c.Name
		}
		srcs = append(srcs, source{id: c.ID, name: name, index: uint16(i)})
	}
	w := newWindow(h, api, i18n.T("logs.titleProject", "Project", project), srcs)
	for _, c := range cs {
		if c.Running() && !c.StateSince.IsZero() && (w.started.IsZero() || c.StateSince.Before(w.started)) {
			w.started = c.StateSince
		}
	}
	w.key = i18n.Code("project:") + project
	w.show()
	return w
}

func (w *Window) show() {
	open[w.key] = w
	w.win = w.h.App().NewWindow(w.title)
	w.win.SetContent(w.content())
	w.win.Resize(fyne.NewSize(1000, 600))
	w.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { w.Close() })
	w.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { w.win.Canvas().Focus(w.search) })
	w.win.Canvas().AddShortcut(&fyne.ShortcutCopy{}, func(fyne.Shortcut) { w.copySelection() })
	w.win.SetOnClosed(w.closed)
	w.start()
	w.win.Show()
}

func newWindow(h Host, api engine.LogAPI, title string, srcs []source) *Window {
	w := &Window{h: h, api: api, title: title, sources: srcs, cur: -1, following: true,
		stopped: map[int]bool{}, gone: map[int]bool{}}
	w.ctx, w.cancel = context.WithCancel(h.Context())
	w.doc.hidden = map[uint16]bool{}
	for _, s := range srcs {
		w.nameW = max(w.nameW, utf8.RuneCountInString(s.name))
	}
	w.textSize = theme.TextSize()
	m := fyne.MeasureText("MMMMMMMMMM", w.textSize, fyne.TextStyle{Monospace: true})
	w.charW, w.lineH = m.Width/10, m.Height
	w.left = 6
	w.list = &widget.List{
		Length:     w.doc.rows,
		CreateItem: w.createRow,
		UpdateItem: w.updateRow,
	}
	w.pitch = w.lineH + theme.Padding()
	w.maxCols = 200

	w.search = newSearchEntry(w)
	w.searchIn = widget.NewLabel("")
	w.caseBox = &widget.Check{Text: i18n.Code("Aa"), OnChanged: func(bool) { w.research() }}
	w.reBox = &widget.Check{Text: ".*", OnChanged: func(bool) { w.research() }}
	w.filter = &widget.Check{Text: i18n.T("logs.onlyMatching"), OnChanged: func(bool) { w.refilter() }}
	w.context = &widget.Select{Options: contextChoices(), Selected: contextChoices()[0], OnChanged: func(string) { w.refilter() }}
	w.follow = &widget.Check{Text: i18n.T("logs.follow"), Checked: true, OnChanged: w.onFollow}
	w.stamps = &widget.Check{Text: i18n.T("logs.timestamps"), OnChanged: func(bool) { w.relayout() }}
	w.wrap = &widget.Check{Text: i18n.T("logs.wrap"), OnChanged: func(bool) { w.relayout() }}
	w.span = &widget.Select{Options: spanChoices(), Selected: spanChoices()[0], OnChanged: w.onSpan}
	w.jump = widget.NewButtonWithIcon(i18n.T("logs.jump"), theme.MoveDownIcon(), w.jumpToEnd)
	w.jump.Hide()
	w.status = widget.NewLabel(i18n.T("logs.loading"))
	w.status.Truncation = fyne.TextTruncateEllipsis
	w.close = widget.NewButtonWithIcon(i18n.T("logs.close"), theme.WindowCloseIcon(), w.Close)
	if len(srcs) > 1 {
		for i, s := range srcs {
			c := &widget.Check{Text: s.name, Checked: true}
			c.OnChanged = func(on bool) { w.toggleSource(uint16(i), on) }
			w.toggles = append(w.toggles, c)
		}
	}
	w.updates = kit.NewCoalescer(h.Do, mergeState, w.apply)
	return w
}

func (w *Window) content() fyne.CanvasObject {
	copyBtn := widget.NewButtonWithIcon(i18n.T("logs.copy"), theme.ContentCopyIcon(), w.copySelection)
	copyHits := widget.NewButton(i18n.T("logs.copyMatching"), w.copyMatching)
	export := widget.NewButtonWithIcon(i18n.T("logs.export"), theme.DocumentSaveIcon(), w.exportDialog)
	prev := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { w.step(-1) })
	next := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { w.step(1) })
	find := container.NewBorder(nil, nil, nil,
		container.NewHBox(w.caseBox, w.reBox, prev, next, w.searchIn, w.filter, w.context), w.search)
	bar := container.NewBorder(nil, nil,
		container.NewHBox(w.follow, w.stamps, w.wrap, w.span, copyBtn, copyHits, export),
		container.NewHBox(w.jump, w.close), w.status)
	top := container.NewVBox(find, bar)
	if len(w.toggles) > 0 {
		box := container.NewHBox(widget.NewLabel(i18n.T("logs.containers")))
		for i, c := range w.toggles {
			sw := newSwatch(w.sourceColor(uint16(i)))
			box.Add(container.NewHBox(container.NewCenter(sw), c))
		}
		top.Add(box)
	}
	body := &sizeWatcher{w: w, inner: w.list}
	body.ExtendBaseWidget(body)
	return container.NewBorder(top, nil, nil, nil, body)
}

// Close closes the window, which ends the stream.
func (w *Window) Close() {
	if w.ctx.Err() == nil {
		w.win.Close()
	}
}

// closed ends the streams, deletes the stores' files and hands their
// memory back (the window is gone: nothing draws them any more).
func (w *Window) closed() {
	if open[w.key] == w {
		delete(open, w.key)
	}
	w.cancel()
	if w.searchStop != nil {
		w.searchStop()
	}
	for _, st := range []*linestore.Store{w.main, w.tail} {
		if st != nil {
			st.Close()
		}
	}
	w.doc = doc{}
	w.main, w.tail = nil, nil
	time.AfterFunc(freeAfterClose, debug.FreeOSMemory)
}

// start loads the log with the chosen since/until into new stores.
func (w *Window) start() {
	if w.loadCancel != nil {
		w.loadCancel()
	}
	for _, st := range []*linestore.Store{w.main, w.tail} {
		if st != nil {
			st.Close()
		}
	}
	ctx, cancel := context.WithCancel(w.ctx)
	w.loadCancel = cancel
	w.main, w.tail = linestore.New(linestore.Options{}), linestore.New(linestore.Options{MemLimit: 1 << 20})
	w.histDone, w.loadErr = false, nil
	w.doc.parts = []*part{{st: w.tail}}
	w.doc.rebuildAll()
	w.resetSearch()
	w.list.Refresh()
	l := &loader{api: w.api, sources: w.sources, opts: w.opts, tail: w.tail, main: w.main,
		post: func(s loadState) {
			if ctx.Err() == nil { // a load replaced by another says no more
				w.updates.Post(s)
			}
		}}
	go l.run(ctx)
}

// apply takes in what the loader did (UI goroutine).
func (w *Window) apply(s loadState) {
	if w.main == nil {
		return // closed
	}
	if s.err != nil {
		w.loadErr = s.err
	}
	for _, i := range s.stopped {
		w.stopped[i] = true
	}
	for _, i := range s.running {
		delete(w.stopped, i)
	}
	for _, i := range s.gone {
		w.gone[i] = true
	}
	parts := false
	if s.histDone && !w.histDone {
		w.histDone, parts = true, true
		// The load's garbage (a batch of a few MB a time, for up to a
		// million lines) goes back to the system once, off the UI goroutine.
		go debug.FreeOSMemory()
		if os.Getenv("BERTH_TRACE_LOGS") == "1" { // bench/logs-memory.sh waits for it
			fmt.Fprintf(os.Stderr, i18n.Code("berth-logs-loaded lines=%d\n"), w.main.Len())
		}
		w.setParts([]*part{w.partOf(w.main)})
		w.tail.Close()
	} else if !w.histDone && w.main.Len() > 0 && len(w.doc.parts) == 1 {
		parts = true
		w.setParts([]*part{w.partOf(w.main), {gap: "…"}, w.partOf(w.tail)})
	}
	if s.tailDone {
		parts = true
	}
	before := w.doc.rows()
	w.doc.sync()
	rows := w.doc.rows()
	if rows > before && !w.following {
		w.newLines += rows - before
		w.jump.SetText(i18n.T("logs.jumpNew", "Count", present.Count(w.newLines)))
		w.jump.Show()
	}
	w.searchMore()
	// Redrawing the whole list makes Fyne's list build its rows anew, so
	// lines that only come at the end (following) scroll in without it,
	// and the whole list is redrawn at most every refreshEvery (while the
	// history loads, the rows before the last screenful move).
	switch {
	case parts || time.Since(w.refreshed) >= w.refreshEvery():
		w.refreshList()
	default:
		if rows > before && w.following && w.histDone {
			w.list.ScrollToBottom()
		}
		if !w.refreshDue {
			// Redraw after all, once this burst is over.
			w.refreshDue = true
			time.AfterFunc(w.refreshEvery(), func() {
				w.h.Do(func() {
					w.refreshDue = false
					if w.main != nil && time.Since(w.refreshed) >= w.refreshEvery() {
						w.refreshList()
					}
				})
			})
		}
	}
	// Only a text that changed: setting a truncated label lays out and
	// shapes its text again, which cost more CPU than the whole load
	// (its batches come some hundred times a second).
	if t := w.statusText(); t != w.status.Text {
		w.status.SetText(t)
	}
}

// refreshEvery is how often the whole list is redrawn as lines come:
// while the history loads behind the last screenful, which does not move,
// every 2 s (for the gap row and the scroll bar); following, every second
// (new rows scroll in without it); else every 250 ms. Each redraw makes
// Fyne's list build its rows anew (its pool is drained), and those rows'
// texts new textures: the fewer, the less memory and CPU.
func (w *Window) refreshEvery() time.Duration {
	switch {
	case !w.histDone:
		return 2 * time.Second
	case w.following:
		return time.Second
	}
	return 250 * time.Millisecond
}

// refreshList redraws the whole list (and sticks to the end when following).
func (w *Window) refreshList() {
	w.refreshed = time.Now()
	if !w.histDone && len(w.doc.parts) == 3 {
		w.doc.parts[1].gap = w.gapText() // only drawn now: its words cost a template each
	}
	w.list.Refresh()
	if w.following {
		w.list.ScrollToBottom()
	}
}

// partOf is the doc's part of st, or a new one.
func (w *Window) partOf(st *linestore.Store) *part {
	for _, p := range w.doc.parts {
		if p.st == st {
			return p
		}
	}
	return &part{st: st}
}

func (w *Window) setParts(ps []*part) {
	old := map[*part]bool{}
	for _, p := range w.doc.parts {
		old[p] = true
	}
	w.doc.parts = ps
	for _, p := range ps {
		if !old[p] {
			d := &w.doc
			d.rebuild(p)
		}
	}
	// A part gone takes its hits with it.
	w.fixCurrent()
}

func (w *Window) gapText() string {
	n := w.main.Len()
	if n > 0 {
		if t := w.main.Info(n - 1).Time; t != 0 {
			return i18n.T("logs.gapUpTo", "Count", present.Count(n), "Time", time.Unix(0, t).Local().Format("2006-01-02 15:04:05"))
		}
	}
	return i18n.T("logs.gap", "Count", present.Count(n))
}

func (w *Window) statusText() string {
	if w.loadErr != nil && w.main.Len() == 0 && w.tail.Len() == 0 {
		return present.Explain(w.loadErr)
	}
	var parts []string
	n := 0
	for _, p := range w.doc.parts {
		if p.st != nil {
			n += p.n
		}
	}
	if w.histDone {
		parts = append(parts, i18n.T("logs.lines", "Count", present.Count(n)))
	} else {
		parts = append(parts, i18n.T("logs.loadingHistory"))
	}
	var stopped, gone []string
	for i, s := range w.sources {
		if w.gone[i] {
			gone = append(gone, s.name)
		} else if w.stopped[i] {
			stopped = append(stopped, s.name)
		}
	}
	one := len(w.sources) == 1
	switch {
	case len(gone) > 0 && one:
		parts = append(parts, i18n.T("logs.removed"))
	case len(gone) > 0:
		parts = append(parts, i18n.T("logs.removedSome", "Names", i18n.Join(gone)))
	}
	switch {
	case len(stopped) > 0 && one:
		parts = append(parts, i18n.T("logs.stopped"))
	case len(stopped) > 0:
		parts = append(parts, i18n.T("logs.stoppedSome", "Names", i18n.Join(stopped)))
	}
	if w.loadErr != nil {
		parts = append(parts, present.Explain(w.loadErr))
	}
	if st := w.main.Err(); st != nil && st != linestore.ErrClosed {
		parts = append(parts, i18n.T("logs.full", "Why", st.Error()))
	}
	return strings.Join(parts, " · ")
}

// relayout redraws after the timestamps or wrap changed.
func (w *Window) relayout() {
	w.fit(w.list.Size().Width)
	w.list.Refresh()
	if w.following {
		w.list.ScrollToBottom()
	}
}

// fit works out the columns for a list width.
func (w *Window) fit(width float32) {
	cols := int((width-w.left-theme.Padding()*2-12)/w.charW) - w.prefixCols()
	cols = max(cols, 20)
	w.maxCols = cols
	want := 0
	if w.wrap.Checked {
		want = cols
	}
	if want != w.doc.cols {
		w.doc.cols = want
		w.doc.rebuildAll()
	}
}

func (w *Window) stampCols() int {
	if w.stamps.Checked {
		return len("2006-01-02 15:04:05.000 ")
	}
	return 0
}

func (w *Window) prefixCols() int {
	n := w.stampCols()
	if len(w.sources) > 1 {
		n += w.nameW + 3
	}
	return n
}

// scrollBy scrolls the list by dy; up stops following, the end follows again.
func (w *Window) scrollBy(dy float32) {
	w.list.ScrollToOffset(w.list.GetScrollOffset() + dy)
	atEnd := w.list.GetScrollOffset() >= float32(w.doc.rows())*w.pitch-w.list.Size().Height-w.pitch
	switch {
	case dy < 0 && w.following:
		w.setFollowing(false)
	case dy > 0 && atEnd && !w.following:
		w.setFollowing(true)
	}
}

func (w *Window) setFollowing(on bool) {
	w.following = on
	if w.follow.Checked != on {
		w.follow.SetChecked(on)
	}
	if on {
		w.newLines = 0
		w.jump.Hide()
		w.list.ScrollToBottom()
	}
}

func (w *Window) onFollow(on bool) {
	if on != w.following {
		w.setFollowing(on)
	}
}

func (w *Window) jumpToEnd() { w.setFollowing(true) }

// Since/until.
func spanChoices() []string {
	return []string{i18n.T("logs.span.all"), i18n.T("logs.span.started"), i18n.T("logs.span.10m"),
		i18n.T("logs.span.hour"), i18n.T("logs.span.day"), i18n.T("logs.span.between")}
}

// contextChoices are the filter's context sizes: none, then contextSizes.
func contextChoices() []string {
	c := []string{i18n.T("logs.context.none")}
	for _, n := range contextSizes {
		c = append(c, i18n.N("logs.context.around", n))
	}
	return c
}

var contextSizes = []int{1, 3, 10}

func (w *Window) onSpan(s string) {
	var o engine.LogOptions
	now := time.Now()
	i := slices.Index(spanChoices(), s)
	switch i {
	case 2:
		o.Since = now.Add(-10 * time.Minute)
	case 3:
		o.Since = now.Add(-time.Hour)
	case 4:
		o.Since = now.Add(-24 * time.Hour)
	case 1:
		o.Since = w.started
	case 5:
		w.spanDialog()
		return
	}
	w.opts = o
	w.start()
}

// SetSpan shows the log between since and until (zero: open), as `docker
// logs --since --until`.
func (w *Window) SetSpan(since, until time.Time) {
	w.opts = engine.LogOptions{Since: since, Until: until}
	w.start()
}

func (w *Window) toggleSource(i uint16, on bool) {
	if on {
		delete(w.doc.hidden, i)
	} else {
		w.doc.hidden[i] = true
	}
	w.research()
	w.doc.rebuildAll()
	w.list.Refresh()
}

// Raise brings the window to the front.
func (w *Window) Raise() {
	w.win.Show()
	w.win.RequestFocus()
}
