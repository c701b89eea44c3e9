// Package imagedetails is the image details window: an image's history
// (its layers, the steps that made them, their sizes), its config, the
// containers that use it, and Tag…, Push… (with per-layer progress) and a
// search of a registry's catalog to pull from.
package imagedetails

import (
	"context"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Host is what the image details window needs from the shell.
type Host interface {
	// Do runs f on the UI goroutine.
	Do(f func())
	// Context ends when Berth shuts down; the window's calls end with it.
	Context() context.Context
	// App makes the window.
	App() fyne.App
	// State is the live state: the containers that use the image.
	State() engine.State
	// OpenPull opens the pull dialog for ref (a search result).
	OpenPull(ref string)
}

// Window is one image's details.
type Window struct {
	h      Host
	api    engine.ImageDetailAPI
	ref    string
	ctx    context.Context // ends when the window closes
	cancel context.CancelFunc
	win    fyne.Window
	unsub  func()

	// UI goroutine only.
	cfg     engine.ImageConfig
	loaded  bool
	history []engine.HistoryLayer
	users   []engine.Container

	title                               *widget.Label
	summary                             *widget.Label
	message                             *widget.Label // what the last action did, or why the details are missing
	histTable                           *kit.Table[engine.HistoryLayer]
	config                              *widget.Form
	usersList                           *widget.List
	usersTab                            *container.TabItem
	tabs                                *container.AppTabs
	tagButton, pushButton, searchButton *widget.Button
	dialog                              *dialogBox // the dialog shown last (tests drive it)
	search                              *searchState
	pushing                             *pushView // the push dialog's progress
	onAsync                             func(what string)
	pending                             func() // a dialog to open once loaded (ShowDialog)
}

// Open opens the details window of ref and loads them.
func Open(h Host, api engine.ImageDetailAPI, ref string) *Window {
	w := newWindow(h, api, ref)
	w.win = h.App().NewWindow(i18n.T("imagedetails.title", "Ref", ref))
	w.win.SetContent(w.content())
	w.win.Resize(fyne.NewSize(980, 620))
	w.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { w.win.Close() })
	w.win.SetOnClosed(w.closed)
	w.start()
	w.win.Show()
	return w
}

func newWindow(h Host, api engine.ImageDetailAPI, ref string) *Window {
	ctx, cancel := context.WithCancel(h.Context())
	return &Window{h: h, api: api, ref: ref, ctx: ctx, cancel: cancel}
}

// Close closes the window (its calls end).
func (w *Window) Close() { w.win.Close() }

func (w *Window) closed() {
	w.cancel()
	if w.unsub != nil {
		w.unsub()
	}
}

func (w *Window) content() fyne.CanvasObject {
	w.title = &widget.Label{Text: w.ref, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Truncation: fyne.TextTruncateEllipsis}
	w.summary = kit.WrapLabel(i18n.T("imagedetails.loading"), widget.LowImportance)
	w.message = kit.MessageLabel()
	w.tagButton = &widget.Button{Text: i18n.T("imagedetails.tag"), Icon: theme.DocumentCreateIcon(), OnTapped: w.openTag}
	w.pushButton = &widget.Button{Text: i18n.T("imagedetails.push"), Icon: theme.UploadIcon(), OnTapped: w.openPush}
	w.searchButton = &widget.Button{Text: i18n.T("imagedetails.searchRegistry"), Icon: theme.SearchIcon(), OnTapped: w.openSearch}
	w.tagButton.Disable()
	w.pushButton.Disable()

	w.histTable = kit.NewTable(historyColumns(), func() int { return len(w.history) }, func(i int) *engine.HistoryLayer { return &w.history[i] })
	w.config = widget.NewForm()
	w.usersList = widget.NewList(func() int { return len(w.users) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, kit.NewStateDot(), nil, kit.CellLabel())
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < 0 || id >= len(w.users) {
				return
			}
			c := w.users[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(c.Name + "  ·  " + c.ShortID + "  ·  " + c.Status)
			box.Objects[1].(*kit.StateDot).SetColor(kit.StateColor(c.State))
		})
	w.usersTab = container.NewTabItem(i18n.T("imagedetails.tab.containers"), w.usersList)
	w.tabs = container.NewAppTabs(
		container.NewTabItem(i18n.T("imagedetails.tab.history"), w.histTable),
		container.NewTabItem(i18n.T("imagedetails.tab.config"), container.NewVScroll(w.config)),
		w.usersTab,
	)
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(w.tagButton, w.pushButton, w.searchButton), w.title),
		w.summary, w.message)
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, w.tabs)
}

func historyColumns() []kit.Column[engine.HistoryLayer] {
	label := func() fyne.CanvasObject { return kit.CellLabel() }
	set := func(o fyne.CanvasObject, s string, imp widget.Importance) {
		kit.SetLabel(o.(*widget.Label), s, fyne.TextStyle{}, imp)
	}
	return []kit.Column[engine.HistoryLayer]{
		{Title: i18n.T("imagedetails.col.created"), Width: 150, Create: label, Update: func(l *engine.HistoryLayer, o fyne.CanvasObject) {
			set(o, l.Created.UTC().Format("2006-01-02 15:04"), widget.MediumImportance)
		}},
		{Title: i18n.T("imagedetails.col.createdBy"), Width: 520, Fill: true, Create: label, Update: func(l *engine.HistoryLayer, o fyne.CanvasObject) {
			set(o, present.CreatedBy(l.CreatedBy), widget.MediumImportance)
		}},
		{Title: i18n.T("imagedetails.col.size"), Width: 100, Create: label, Update: func(l *engine.HistoryLayer, o fyne.CanvasObject) {
			imp := widget.MediumImportance
			if l.Size == 0 {
				imp = widget.LowImportance
			}
			set(o, present.HumanSize(l.Size), imp)
		}},
		{Title: i18n.T("imagedetails.col.layer"), Width: 130, Create: label, Update: func(l *engine.HistoryLayer, o fyne.CanvasObject) {
			id, imp := engine.ShortID(l.ID), widget.MediumImportance
			if l.ID == "<missing>" || l.ID == "" {
				id, imp = i18n.Code("<missing>"), widget.LowImportance
			}
			set(o, id, imp)
		}},
	}
}

// start loads the config and the history, and follows the containers.
func (w *Window) start() {
	w.unsub = w.h.State().Subscribe(func(snap engine.Snapshot, _ engine.Change) {
		w.h.Do(func() { w.setUsers(snap) })
	})
	w.reload()
}

// reload asks for the config and the history again (after a tag, a push).
func (w *Window) reload() {
	ctx, api, ref := w.ctx, w.api, w.ref
	go func() {
		cfg, err := api.ImageConfig(ctx, ref)
		var hist []engine.HistoryLayer
		if err == nil {
			hist, err = api.ImageHistory(ctx, cfg.ID)
		}
		w.h.Do(func() { w.show(cfg, hist, err) })
	}()
}

func (w *Window) show(cfg engine.ImageConfig, hist []engine.HistoryLayer, err error) {
	defer w.async(i18n.Code("load"))
	if w.ctx.Err() != nil {
		return
	}
	if err != nil {
		w.summary.SetText("")
		kit.ShowMessage(w.message, i18n.T("imagedetails.loadFailed", "Why", present.Explain(err)), widget.DangerImportance)
		return
	}
	w.cfg, w.history, w.loaded = cfg, hist, true
	w.summary.SetText(summaryText(cfg))
	w.fillConfig()
	w.histTable.Refresh()
	w.tagButton.Enable()
	kit.Enable(w.pushButton, len(present.PushTargets(cfg.RepoTags)) > 0)
	w.setUsers(w.h.State().Snapshot())
	if open := w.pending; open != nil {
		w.pending = nil
		open()
	}
}

func summaryText(c engine.ImageConfig) string {
	parts := []string{engine.ShortID(c.ID), present.HumanSize(c.Size), i18n.N("imagedetails.layers", c.Layers),
		c.OS + "/" + c.Architecture}
	if !c.Created.IsZero() {
		parts = append(parts, i18n.T("imagedetails.created", "Date", c.Created.UTC().Format("2006-01-02 15:04")))
	}
	return strings.Join(parts, "  ·  ")
}

// configRows are the config's fields as the form shows them, in order.
func configRows(c engine.ImageConfig) [][2]string {
	none := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	rows := [][2]string{
		{i18n.T("imagedetails.config.entrypoint"), none(present.Command(c.Entrypoint))},
		{i18n.T("imagedetails.config.command"), none(present.Command(c.Cmd))},
		{i18n.T("imagedetails.config.workingDir"), none(c.WorkingDir)},
		{i18n.T("imagedetails.config.user"), none(c.User)},
		{i18n.T("imagedetails.config.exposedPorts"), none(strings.Join(c.ExposedPorts, ", "))},
		{i18n.T("imagedetails.config.volumes"), none(strings.Join(c.Volumes, ", "))},
		{i18n.T("imagedetails.config.stopSignal"), none(c.StopSignal)},
		{i18n.T("imagedetails.config.tags"), none(strings.Join(c.RepoTags, "\n"))},
		{i18n.T("imagedetails.config.digests"), none(strings.Join(c.RepoDigests, "\n"))},
		{i18n.T("imagedetails.config.env"), none(strings.Join(c.Env, "\n"))},
	}
	keys := make([]string, 0, len(c.Labels))
	for k := range c.Labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var labels []string
	for _, k := range keys {
		labels = append(labels, k+"="+c.Labels[k])
	}
	return append(rows, [2]string{i18n.T("imagedetails.config.labels"), none(strings.Join(labels, "\n"))})
}

func (w *Window) fillConfig() {
	w.config.Items = nil
	for _, r := range configRows(w.cfg) {
		l := &widget.Label{Text: r[1], Wrapping: fyne.TextWrapBreak, TextStyle: fyne.TextStyle{Monospace: true}, Selectable: true}
		w.config.Append(r[0], l)
	}
	w.config.Refresh()
}

// setUsers shows the containers of snap that use the image.
func (w *Window) setUsers(snap engine.Snapshot) {
	if !w.loaded || w.ctx.Err() != nil {
		return
	}
	var users []engine.Container
	for _, c := range snap.Containers {
		if c.ImageID == w.cfg.ID {
			users = append(users, c)
		}
	}
	if slices.EqualFunc(users, w.users, func(a, b engine.Container) bool { return a.ID == b.ID && a.Status == b.Status }) && w.usersTab.Text != i18n.T("imagedetails.tab.containers") {
		return
	}
	w.users = users
	w.usersTab.Text = i18n.T("imagedetails.tab.containersCount", "Count", len(users))
	w.tabs.Refresh()
	w.usersList.Refresh()
}

func (w *Window) async(what string) {
	if w.onAsync != nil {
		w.onAsync(what)
	}
}

// Message is what the window says under its title ("" for nothing).
func (w *Window) Message() string { return kit.MessageText(w.message) }

// Dialogs are the dialogs ShowDialog opens: "tag", "push", "search".
var Dialogs = []string{i18n.Code("tag"), i18n.Code("push"), i18n.Code("search")}

// ShowDialog raises the window and opens one of its Dialogs once the
// details are loaded (`berth image REF push`); "" only raises it.
func (w *Window) ShowDialog(name string) {
	w.win.RequestFocus()
	var open func()
	switch name {
	case "tag":
		open = w.openTag
	case "push":
		open = w.openPush
	case "search":
		open = w.openSearch
	default:
		return
	}
	if w.loaded || name == "search" {
		open()
		return
	}
	w.pending = open
}
