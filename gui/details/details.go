// Package details is a container's details window: Overview, Environment,
// Inspect and Files tabs of its own, and the panes the shell adds
// (terminal, stats, processes, logs). Tabs keep their state when the user
// switches between them; a pane streams only while it is shown.
package details

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// The names of the view's own tabs, as `berth show NAME TAB` and
// OpenDetails take them (lower case). Panes the shell adds are named by
// their lower-cased Name ("terminal", "stats", "processes", "logs").
var (
	TabOverview    = i18n.Code("overview")
	TabEnvironment = i18n.Code("environment")
	TabInspect     = i18n.Code("inspect")
	TabFiles       = i18n.Code("files")
)

// Pane is one tab of the view. Shown and Hidden are called when the user
// switches to and away from it (a stream runs only in between); Close when
// the view closes. All on the UI goroutine.
type Pane interface {
	Content() fyne.CanvasObject
	Shown()
	Hidden()
	Close()
}

// NamedPane is a pane with its tab's name: in English, as `berth show`
// and Select take it; the tab shows it in the user's language (tabTitle).
type NamedPane struct {
	Name string
	Pane Pane
}

// Host is what the details view needs from the shell.
type Host interface {
	Do(f func())                          // run on the UI goroutine
	Now() time.Time                       // the clock behind "9 minutes ago"
	Context() context.Context             // ends when Berth shuts down
	App() fyne.App                        // makes the window
	State() engine.State                  // the live state the view follows
	OpenURL(u *url.URL) error             // open a published port in the browser
	Panes(c engine.Container) []NamedPane // the shell's tabs for c: terminal, stats, processes, logs
}

// API is what the view asks the engine.
type API struct {
	Inspect engine.InspectAPI
	Files   engine.FileAPI
}

// View is one container's details: a header and the tabs.
type View struct {
	h   Host
	api API
	ctx context.Context
	end context.CancelFunc
	win fyne.Window // nil when the view is not in a window of its own
	ask func(kit.Question)

	id      string           // the container's ID (any goroutine)
	c       engine.Container // as the live state last had it
	removed bool
	offline bool // the engine does not answer
	details engine.ContainerDetails
	loaded  bool
	raw     []byte

	title    *widget.Label
	status   *widget.Label
	dot      *kit.StateDot
	tabs     *container.AppTabs
	panes    []NamedPane
	current  Pane
	overview *overview
	env      *envPane
	inspect  *inspectPane
	files    *filesPane
	content  fyne.CanvasObject
	unsub    func()
	closed   bool

	mu       sync.Mutex // guards loading and again
	loading  bool
	again    bool
	onLoaded func() // tests and benchmarks: after each inspect is applied
}

// New makes the view of c (not yet loaded: call Start, or Open).
func New(h Host, api API, c engine.Container) *View {
	v := &View{h: h, api: api, c: c, id: c.ID}
	v.ctx, v.end = context.WithCancel(h.Context())
	v.ask = func(q kit.Question) {
		if v.win != nil {
			kit.ShowQuestion(v.win, q)
		}
	}
	v.title = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	v.status = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	v.dot = kit.NewStateDot()
	v.overview = newOverview(v)
	v.env = newEnvPane(v)
	v.inspect = newInspectPane(v)
	v.files = newFilesPane(v)
	v.panes = []NamedPane{{i18n.Code("Overview"), v.overview}, {i18n.Code("Environment"), v.env}, {i18n.Code("Inspect"), v.inspect}, {i18n.Code("Files"), v.files}}
	v.panes = append(v.panes, h.Panes(c)...)
	items := make([]*container.TabItem, len(v.panes))
	for i, p := range v.panes {
		items[i] = container.NewTabItem(tabTitle(p.Name), p.Pane.Content())
	}
	v.tabs = container.NewAppTabs(items...)
	v.tabs.OnSelected = func(*container.TabItem) { v.switched() }
	header := container.NewBorder(nil, nil, container.NewHBox(v.dot, v.title), nil, v.status)
	v.content = container.NewBorder(header, nil, nil, nil, v.tabs)
	v.showHeader()
	return v
}

// tabTitle is how the tab of the pane named name reads in the user's
// language: the view's own and the shell's panes (show.go's Tabs, History,
// Recreate); another pane's name as it is.
func tabTitle(name string) string {
	switch strings.ToLower(name) {
	case "overview":
		return i18n.T("details.tab.overview")
	case "environment":
		return i18n.T("details.tab.environment")
	case "inspect":
		return i18n.T("details.tab.inspect")
	case "files":
		return i18n.T("details.tab.files")
	case "terminal":
		return i18n.T("details.tab.terminal")
	case "stats":
		return i18n.T("details.tab.stats")
	case "processes":
		return i18n.T("details.tab.processes")
	case "logs":
		return i18n.T("details.tab.logs")
	case "history":
		return i18n.T("details.tab.history")
	case "recreate":
		return i18n.T("details.tab.recreate")
	}
	return name
}

// Content is the view's canvas object.
func (v *View) Content() fyne.CanvasObject { return v.content }

// Container is the container the view shows, as last known.
func (v *View) Container() engine.Container { return v.c }

// Start loads the details, follows the live state and shows the first tab.
func (v *View) Start() {
	if st := v.h.State(); st != nil {
		v.unsub = st.Subscribe(func(s engine.Snapshot, ch engine.Change) { v.changed(s, ch) })
	}
	v.reload()
	v.switched()
}

// Select brings the tab named name (TabOverview, "terminal", ...; any
// case) to the front; an unknown name changes nothing.
func (v *View) Select(name string) bool {
	for i, p := range v.panes {
		if strings.EqualFold(p.Name, name) {
			v.tabs.SelectIndex(i)
			return true
		}
	}
	return false
}

// Selected is the name of the tab in front, lower case.
func (v *View) Selected() string {
	if i := v.tabs.SelectedIndex(); i >= 0 {
		return strings.ToLower(v.panes[i].Name)
	}
	return ""
}

// switched tells the panes which one is shown.
func (v *View) switched() {
	i := v.tabs.SelectedIndex()
	if i < 0 || v.closed {
		return
	}
	next := v.panes[i].Pane
	if next == v.current {
		return
	}
	if v.current != nil {
		v.current.Hidden()
	}
	v.current = next
	next.Shown()
}

// Close ends the view: its streams, its subscription, every pane.
func (v *View) Close() {
	if v.closed {
		return
	}
	v.closed = true
	if v.unsub != nil {
		v.unsub()
	}
	if v.current != nil {
		v.current.Hidden()
	}
	for _, p := range v.panes {
		p.Pane.Close()
	}
	v.end()
}

// changed follows the live state (off the UI goroutine).
func (v *View) changed(s engine.Snapshot, ch engine.Change) {
	id := v.id
	mine := ch.Full
	for _, x := range ch.Containers {
		mine = mine || x == id
	}
	for _, x := range ch.Removed {
		mine = mine || x == id
	}
	if !mine && !ch.Reachability {
		return
	}
	if !s.Reachable {
		// Offline: the container is not known to be gone.
		v.h.Do(func() { v.setOffline(true) })
		return
	}
	c, ok := s.Container(id)
	v.h.Do(func() { v.setOffline(false); v.apply(c, ok) })
}

// setOffline says that the engine does not answer (the view shows what it last knew).
func (v *View) setOffline(on bool) {
	if v.offline == on || v.closed {
		return
	}
	v.offline = on
	v.showHeader()
}

// apply shows the container's new state; ok false: it is gone.
func (v *View) apply(c engine.Container, ok bool) {
	if v.closed {
		return
	}
	if !ok {
		v.removed = true
		v.showHeader()
		v.files.containerGone()
		return
	}
	v.removed = false
	v.c = c
	v.showHeader()
	v.reload()
}

func (v *View) name() string {
	if v.c.Name != "" {
		return v.c.Name
	}
	return v.c.ShortID
}

func (v *View) showHeader() {
	v.title.SetText(v.name())
	switch {
	case v.offline:
		v.dot.SetColor(kit.StateColor(engine.StateDead))
		v.status.SetText(i18n.T("details.offline"))
		v.status.Importance = widget.WarningImportance
	case v.removed:
		v.dot.SetColor(kit.StateColor(engine.StateDead))
		v.status.SetText(i18n.T("details.removed"))
		v.status.Importance = widget.DangerImportance
	default:
		v.dot.SetColor(kit.StateColor(v.c.State))
		v.status.SetText(present.Status(v.c, v.h.Now()) + " · " + v.c.Image + " · " + v.c.ShortID)
		v.status.Importance = widget.MediumImportance
	}
	v.status.Refresh()
	if v.win != nil {
		v.win.SetTitle(i18n.T("details.window", "Name", v.name()))
	}
}

// reload inspects the container again (one call at a time; a change
// during a call asks for one more).
func (v *View) reload() {
	v.mu.Lock()
	if v.loading {
		v.again = true
		v.mu.Unlock()
		return
	}
	v.loading = true
	v.mu.Unlock()
	id := v.c.ID
	go func() {
		d, raw, err := v.api.Inspect.ContainerInspect(v.ctx, id)
		v.h.Do(func() {
			v.mu.Lock()
			v.loading = false
			again := v.again
			v.again = false
			v.mu.Unlock()
			if v.closed {
				return
			}
			v.loadedDetails(d, raw, err)
			if again {
				v.reload()
			}
		})
	}()
}

func (v *View) loadedDetails(d engine.ContainerDetails, raw []byte, err error) {
	if err != nil {
		if engine.IsKind(err, engine.ErrNotFound) {
			v.removed = true
			v.showHeader()
		}
		v.overview.failed(err)
		if v.onLoaded != nil {
			v.onLoaded()
		}
		return
	}
	v.details, v.raw, v.loaded = d, raw, true
	v.overview.show(d)
	v.env.show(d.Env)
	v.inspect.show(raw)
	if v.onLoaded != nil {
		v.onLoaded()
	}
}

// --- the window ---------------------------------------------------------------

var windows struct {
	sync.Mutex
	byID map[windowKey]*View
}

// windowKey is one container's details window in one app (tests run many apps).
type windowKey struct {
	app fyne.App
	id  string
}

// Open shows c's details in a window of their own with tab in front
// (TabOverview if ""), or brings its open window forward.
func Open(h Host, api API, c engine.Container, tab string) *View {
	k := windowKey{h.App(), c.ID}
	windows.Lock()
	v := windows.byID[k]
	windows.Unlock()
	if v != nil {
		v.Select(tab)
		v.win.RequestFocus()
		return v
	}
	v = New(h, api, c)
	v.win = h.App().NewWindow(i18n.T("details.window", "Name", v.name()))
	v.win.SetContent(v.content)
	v.win.Resize(fyne.NewSize(960, 640))
	v.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { v.win.Close() })
	v.win.SetOnDropped(v.dropped)
	v.win.SetOnClosed(func() {
		windows.Lock()
		delete(windows.byID, k)
		windows.Unlock()
		v.Close()
	})
	windows.Lock()
	if windows.byID == nil {
		windows.byID = map[windowKey]*View{}
	}
	windows.byID[k] = v
	windows.Unlock()
	if tab != "" {
		v.Select(tab)
	}
	v.Start()
	v.win.Show()
	return v
}

// Window is the view's window, nil if it has none.
func (v *View) Window() fyne.Window { return v.win }

// dropped uploads files dropped on the window into the Files tab's folder.
func (v *View) dropped(_ fyne.Position, uris []fyne.URI) {
	if !v.Select(TabFiles) {
		return
	}
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	v.files.upload(paths)
}
