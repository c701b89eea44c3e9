package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/activity"
	"berth/gui/containers"
	"berth/gui/disk"
	"berth/gui/i18n"
	"berth/gui/images"
	"berth/gui/kit"
	"berth/gui/networks"
	"berth/gui/present"
	"berth/gui/swarm"
	"berth/gui/volumes"
)

// view is what the shell asks of a tab's view.
type view interface {
	Content() fyne.CanvasObject
	// Apply follows the store (UI goroutine).
	Apply(snap engine.Snapshot, ch engine.Change)
	// Tick redraws the relative times ("9 minutes ago").
	Tick()
	// FocusFilter is Ctrl+F; RemoveSelection is Delete.
	FocusFilter()
	RemoveSelection()
}

// tab is one tab of the main window.
type tab struct {
	id    string // its English title, for show: the same in every language
	title string
	icon  fyne.Resource
	view  view
}

// tabs is the main window's tabs, in order.
type tabs struct {
	list []tab
	tabs *container.AppTabs
}

// buildMain builds the main window's content: the offline banner, the tabs
// and the status line. A new tab is one more line in the list.
func (u *UI) buildMain() fyne.CanvasObject {
	// The views' own goroutines (the CPU and memory sampling) end when the
	// views are built again.
	u.stopViews()
	var viewsCtx context.Context
	viewsCtx, u.stopViews = context.WithCancel(u.ctx)
	u.containers = containers.New(u.host, u.client.Containers)
	if u.app.Preferences().Bool(usageKey) && u.client.Stats != nil {
		u.containers.EnableUsage(viewsCtx, u.client.Stats)
	}
	u.images = images.New(u.host, u.client.Images, u.client.Containers)
	u.activity = activity.New(u.host, u.log)
	list := []tab{
		{i18n.Code("Containers"), i18n.T("shell.tab.containers"), theme.ListIcon(), u.containers},
		{i18n.Code("Images"), i18n.T("shell.tab.images"), theme.StorageIcon(), u.images},
		{i18n.Code("Volumes"), i18n.T("shell.tab.volumes"), theme.FolderIcon(), volumes.New(u.host, u.client.Volumes)},
		{i18n.Code("Networks"), i18n.T("shell.tab.networks"), theme.GridIcon(), networks.New(u.host, u.client.Networks)},
		{i18n.Code("Disk usage"), i18n.T("shell.tab.disk"), theme.DocumentSaveIcon(), disk.New(u.host, u.client.Disk)},
		{i18n.Code("Activity"), i18n.T("tab.activity"), theme.HistoryIcon(), u.activity},
	}
	if u.enginesView != nil {
		// Built once (again when the language changes): it outlives the
		// engine shown and keeps its checks.
		list = append(list, tab{i18n.Code("Engines"), i18n.T("shell.tab.engines"), theme.ComputerIcon(), u.enginesView})
	}
	u.tabs = newTabs(list)
	u.swarm = nil // the Swarm tab comes when the engine says it manages one
	u.status = newStatusBar(u.client.Endpoint, u.win.Canvas())
	u.status.addSetting(u.newUsageCheck())
	u.status.addSetting(u.newAutostartCheck())
	u.status.addSetting(i18n.NewSetting(u.app.Preferences(), u.languageChanged))
	u.banner = newOfflineBanner(u.state)
	return container.NewBorder(u.banner.content, u.status.content, nil, nil, u.tabs.tabs)
}

func newTabs(list []tab) *tabs {
	t := &tabs{list: list, tabs: container.NewAppTabs()}
	for _, it := range list {
		t.tabs.Append(container.NewTabItemWithIcon(it.title, it.icon, it.view.Content()))
	}
	// A view that does its work only when seen (the Engines checks, the
	// slow disk usage) learns when its tab comes to the front.
	t.tabs.OnSelected = func(*container.TabItem) {
		if s, ok := t.current().(interface{ Shown() }); ok {
			s.Shown()
		}
	}
	return t
}

// add appends a tab.
func (t *tabs) add(it tab) {
	t.list = append(t.list, it)
	t.tabs.Append(container.NewTabItemWithIcon(it.title, it.icon, it.view.Content()))
}

// followSwarm adds the Swarm tab once the engine says it manages a Swarm.
func (u *UI) followSwarm(snap engine.Snapshot) {
	if u.swarm == nil && snap.Info.SwarmManager && u.client.Swarm != nil {
		u.swarm = swarm.New(u.host, u.client.Swarm)
		u.tabs.add(tab{i18n.Code("Swarm"), i18n.T("shell.tab.swarm"), theme.ViewRestoreIcon(), u.swarm})
	}
}

// show brings the tab with id (its English title) to the front, and
// reports whether there is one.
func (t *tabs) show(id string) bool {
	for i, it := range t.list {
		if it.id == id {
			t.tabs.SelectIndex(i)
			return true
		}
	}
	return false
}

// current is the view in front.
func (t *tabs) current() view { return t.list[t.tabs.SelectedIndex()].view }

// addShortcuts installs the window's keyboard shortcuts: Ctrl+F filter,
// Ctrl+N run, Ctrl+R reconnect, Delete remove (after confirming).
func (u *UI) addShortcuts() {
	c := u.win.Canvas()
	for _, s := range u.shortcuts() {
		c.AddShortcut(s.shortcut, s.run)
	}
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyDelete {
			u.tabs.current().RemoveSelection()
		}
	})
}

type shortcut struct {
	shortcut fyne.Shortcut
	run      func(fyne.Shortcut)
}

func (u *UI) shortcuts() []shortcut {
	mod := fyne.KeyModifierShortcutDefault
	return []shortcut{
		{&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: mod}, func(fyne.Shortcut) { u.tabs.current().FocusFilter() }},
		{&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: mod}, func(fyne.Shortcut) { u.host.OpenRun("") }},
		{&desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: mod}, func(fyne.Shortcut) { u.state.Reconnect() }},
	}
}

// windowShortcut runs s if it is one of the window's own shortcuts. Widgets
// that take keyboard focus (the filter entries) pass shortcuts here first,
// since a focused widget gets them instead of the canvas.
func (u *UI) windowShortcut(s fyne.Shortcut) bool {
	for _, w := range u.shortcuts() {
		if w.shortcut.ShortcutName() == s.ShortcutName() {
			w.run(s)
			return true
		}
	}
	return false
}

// offlineBanner says, in plain words, what keeps Berth from the engine and
// what to do about it. It is hidden while the engine answers.
type offlineBanner struct {
	state   engine.State
	content *fyne.Container
	title   *widget.Label
	detail  *widget.Label
	button  *widget.Button
	raw     *kit.DetailsToggle // the engine's (or the connection's) own words
	rawText string             // what raw holds
}

func newOfflineBanner(st engine.State) *offlineBanner {
	b := &offlineBanner{state: st}
	b.title = &widget.Label{Text: i18n.T("shell.banner.title"), TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.DangerImportance}
	b.detail = &widget.Label{Wrapping: fyne.TextWrapWord}
	b.button = &widget.Button{Text: i18n.T("shell.reconnect"), Icon: theme.ViewRefreshIcon(), Importance: widget.HighImportance, OnTapped: st.Reconnect}
	b.raw = kit.NewDetailsToggle()
	icon := widget.NewIcon(theme.NewErrorThemedResource(theme.WarningIcon()))
	b.content = container.NewPadded(container.NewBorder(nil, nil, icon, container.NewCenter(b.button),
		container.NewVBox(b.title, b.detail, b.raw.Content())))
	b.content.Hide()
	return b
}

func (b *offlineBanner) apply(snap engine.Snapshot) {
	if !snap.Offline() {
		b.content.Hide()
		return
	}
	b.detail.SetText(offlineText(snap.Err, snap.Info.Version != ""))
	if raw := engine.Raw(snap.Err); raw != b.rawText {
		b.rawText = raw
		b.raw.SetText(raw)
	}
	b.content.Show()
}

// offlineText says what is wrong (present.Explain) and what Berth does about
// it; seen tells whether Berth has ever reached the engine (and so has lists
// to show).
func offlineText(err error, seen bool) string {
	var b strings.Builder
	if why := present.Explain(err); why != "" {
		b.WriteString(why)
		if !strings.HasSuffix(why, ".") {
			b.WriteString(".")
		}
		b.WriteString(" ")
	}
	if !engine.Unusable(err) {
		// An address that cannot be used stays so: no point in waiting.
		if seen {
			b.WriteString(i18n.T("shell.offline.retrySeen"))
		} else {
			b.WriteString(i18n.T("shell.offline.retry"))
		}
	}
	return strings.TrimSpace(b.String())
}
