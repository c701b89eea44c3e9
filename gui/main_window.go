package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
)

// buildMain builds the main window's content: the offline banner, the tabs
// (Containers, Images) and the status line.
func (u *UI) buildMain() fyne.CanvasObject {
	u.containers = newContainersView(u)
	u.images = newImagesView(u)
	u.status = newStatusBar(u)
	u.banner = newOfflineBanner(u.store)
	u.tabs = newTabsView(u.containers, u.images)
	return container.NewBorder(u.banner.content, u.status.content, nil, nil, u.tabs.tabs)
}

// tabsView switches between the views. Volumes will be a third tab.
type tabsView struct {
	tabs       *container.AppTabs
	containers *containersView
	images     *imagesView
}

func newTabsView(cv *containersView, iv *imagesView) *tabsView {
	v := &tabsView{containers: cv, images: iv}
	v.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Containers", theme.ListIcon(), cv.content),
		container.NewTabItemWithIcon("Images", theme.StorageIcon(), iv.content),
	)
	return v
}

// showContainers brings the Containers tab to the front.
func (v *tabsView) showContainers() { v.tabs.SelectIndex(0) }

// showImages brings the Images tab to the front.
func (v *tabsView) showImages() { v.tabs.SelectIndex(1) }

// current is the view in front.
func (v *tabsView) current() mainView {
	if v.tabs.SelectedIndex() == 1 {
		return v.images
	}
	return v.containers
}

// mainView is what the window's shortcuts ask of the view in front.
type mainView interface {
	focusFilter()
	removeSelection()
}

// addShortcuts installs the window's keyboard shortcuts: Ctrl+F filter,
// Ctrl+N run, Ctrl+R reconnect, Delete remove (after confirming).
func (u *UI) addShortcuts() {
	c := u.win.Canvas()
	for _, s := range u.shortcuts() {
		c.AddShortcut(s.shortcut, s.run)
	}
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyDelete {
			u.tabs.current().removeSelection()
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
		{&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: mod}, func(fyne.Shortcut) { u.tabs.current().focusFilter() }},
		{&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: mod}, func(fyne.Shortcut) { u.openRun("") }},
		{&desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: mod}, func(fyne.Shortcut) { u.store.Reconnect() }},
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

// filterEntry is the filter field of a view: an Entry that leaves the
// window's shortcuts (Ctrl+N, Ctrl+R…) to the window.
type filterEntry struct {
	widget.Entry
	u *UI
}

func newFilterEntry(u *UI, placeholder string, changed func(string)) *filterEntry {
	e := &filterEntry{u: u}
	e.PlaceHolder = placeholder
	e.OnChanged = changed
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut implements fyne.Shortcutable.
func (e *filterEntry) TypedShortcut(s fyne.Shortcut) {
	if e.u.windowShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey implements fyne.Focusable: Escape clears the filter.
func (e *filterEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.Text != "" {
		e.SetText("")
		return
	}
	e.Entry.TypedKey(ev)
}

// keyTable is a Table that removes its selection on Delete.
type keyTable struct {
	widget.Table
	onDelete func()
}

// TypedKey implements fyne.Focusable.
func (t *keyTable) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyDelete && t.onDelete != nil {
		t.onDelete()
		return
	}
	t.Table.TypedKey(ev)
}

// offlineBanner says, in plain words, that the engine does not answer and
// what to do about it. It is hidden while the engine answers.
type offlineBanner struct {
	store   Store
	content *fyne.Container
	title   *widget.Label
	detail  *widget.Label
	button  *widget.Button
}

func newOfflineBanner(store Store) *offlineBanner {
	b := &offlineBanner{store: store}
	b.title = &widget.Label{Text: "Berth cannot reach the Docker engine", TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.DangerImportance}
	b.detail = &widget.Label{Wrapping: fyne.TextWrapWord}
	b.button = &widget.Button{Text: "Reconnect now", Icon: theme.ViewRefreshIcon(), Importance: widget.HighImportance, OnTapped: b.reconnect}
	icon := widget.NewIcon(theme.NewErrorThemedResource(theme.WarningIcon()))
	b.content = container.NewPadded(container.NewBorder(nil, nil, icon, container.NewCenter(b.button),
		container.NewVBox(b.title, b.detail)))
	b.content.Hide()
	return b
}

func (b *offlineBanner) reconnect() { b.store.Reconnect() }

func (b *offlineBanner) apply(snap engine.Snapshot) {
	if !offline(snap) {
		b.content.Hide()
		return
	}
	b.detail.SetText(offlineText(snap.Err, snap.Info.Version != ""))
	b.content.Show()
}

// offline reports whether the engine is known not to answer (not merely
// "still connecting" at start-up).
func offline(snap engine.Snapshot) bool {
	return !snap.Reachable && (snap.Err != nil || snap.Seq > 0)
}

// offlineText explains an unreachable engine and what to do; seen tells
// whether Berth has ever reached it (and so has lists to show).
func offlineText(err error, seen bool) string {
	const do = "Start Docker, or check DOCKER_HOST."
	why := engine.Explain(err)
	var b strings.Builder
	if why != "" {
		b.WriteString(why)
		if !strings.HasSuffix(why, ".") {
			b.WriteString(".")
		}
		b.WriteString(" ")
	}
	if !strings.Contains(why, do) {
		b.WriteString(do + " ")
	}
	b.WriteString("Berth reconnects by itself as soon as the engine answers")
	if seen {
		b.WriteString("; the lists below show what was there when it was last reachable")
	}
	b.WriteString(".")
	return b.String()
}

// boxWidth lays its children out in a column of a fixed width, so that
// wrapping labels in dialogs get a sensible shape.
type boxWidth float32

func (w boxWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	width := float32(w)
	h := float32(0)
	pad := theme.Padding()
	n := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		if o.Size().Width != width {
			o.Resize(fyne.NewSize(width, o.MinSize().Height))
		}
		h += o.MinSize().Height
		n++
	}
	if n > 1 {
		h += pad * float32(n-1)
	}
	return fyne.NewSize(width, h)
}

func (w boxWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + theme.Padding()
	}
}

var _ fyne.Layout = boxWidth(0)

// spacer is a flexible space for toolbars.
func spacer() fyne.CanvasObject { return layout.NewSpacer() }
