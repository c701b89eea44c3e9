// Package engines is the Engines tab: every engine the user has (the docker
// CLI's contexts and the sockets found), each with whether it answers, its
// versions and counts, checked in parallel; one click shows another engine
// in the window, and adding or removing an engine edits the CLI's own
// context store.
package engines

import (
	"context"
	"slices"
	"strconv"
	"strings"
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

// probeTimeout bounds the check of one engine: a remote host that does not
// answer shows as such after it, never holding up the others.
const probeTimeout = 6 * time.Second

// Host is what the Engines tab needs from the shell.
type Host interface {
	// Do runs f on the UI goroutine.
	Do(f func())
	Window() fyne.Window
	// Context ends when Berth shuts down.
	Context() context.Context
	// Ask shows a question (a confirmation, an error).
	Ask(q kit.Question)
	// Current is the endpoint the window shows.
	Current() engine.Endpoint
	// Switch shows the engine of ep in the window and the tray (UI goroutine).
	Switch(ep engine.Endpoint)
	// Probe asks the engine of ep for its info; it runs on the caller's
	// goroutine and ends with ctx.
	Probe(ctx context.Context, ep engine.Endpoint) (engine.Info, error)
	// EnginesChanged tells the shell the list changed (the tray's submenu follows).
	EnginesChanged()
}

// probe is what checking one engine found.
type probe struct {
	done bool
	info engine.Info
	err  error
}

// View is the Engines tab.
type View struct {
	h     Host
	store engine.EndpointStore

	content fyne.CanvasObject
	list    *fyne.Container
	note    *widget.Label // why the list cannot be read
	add     *widget.Button
	refresh *widget.Button

	entries []engine.EngineEntry
	probes  map[string]probe
	gen     int // bumped by every refresh: older probes' results are dropped
	live    engine.Snapshot
	opened  bool // the list has been read at least once
}

// New makes the Engines tab over the docker CLI's context store. It reads
// and checks the engines the first time it is shown (Shown), not before.
func New(h Host, store engine.EndpointStore) *View {
	v := &View{h: h, store: store, probes: map[string]probe{}}
	v.list = container.NewVBox()
	v.note = kit.MessageLabel()
	v.add = &widget.Button{Text: i18n.T("engines.add"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: v.openAdd}
	v.refresh = &widget.Button{Text: i18n.T("engines.checkAgain"), Icon: theme.ViewRefreshIcon(), OnTapped: v.Refresh}
	intro := kit.WrapLabel(i18n.T("engines.intro"), widget.LowImportance)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(v.refresh, v.add), intro), v.note)
	v.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(v.list))
	return v
}

// Content is the tab's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// Shown reads the list and checks every engine, the first time the tab shows.
func (v *View) Shown() {
	if !v.opened {
		v.Refresh()
	}
}

// Opened tells whether the list has been read (the tab was shown).
func (v *View) Opened() bool { return v.opened }

// Apply follows the engine the window shows: its row takes the live counts
// (UI goroutine).
func (v *View) Apply(snap engine.Snapshot, ch engine.Change) {
	old := v.live
	v.live = snap
	// Only the counts and reachability show here: an event storm that leaves
	// them as they were redraws nothing.
	if v.opened && (ch.Reachability || old.Info != snap.Info || old.Reachable != snap.Reachable) {
		v.redraw()
	}
}

// Tick, FocusFilter and RemoveSelection have nothing to do here.
func (v *View) Tick()            {}
func (v *View) FocusFilter()     {}
func (v *View) RemoveSelection() {}

// Entries is the list as last read (UI goroutine).
func (v *View) Entries() []engine.EngineEntry { return slices.Clone(v.entries) }

// Refresh reads the context store again and checks every engine in
// parallel, off the UI goroutine.
func (v *View) Refresh() {
	v.opened = true
	v.gen++
	gen := v.gen
	store := v.store
	go func() {
		entries, err := store.List()
		v.h.Do(func() {
			if gen != v.gen {
				return
			}
			v.setEntries(entries, err)
			for _, e := range entries {
				if !v.isCurrent(e.Endpoint) {
					go v.check(gen, e)
				}
			}
		})
	}()
}

// check probes one engine (its own goroutine) and shows what it found.
func (v *View) check(gen int, e engine.EngineEntry) {
	ctx, cancel := context.WithTimeout(v.h.Context(), probeTimeout)
	defer cancel()
	info, err := v.h.Probe(ctx, e.Endpoint)
	v.h.Do(func() {
		if gen == v.gen {
			v.probes[key(e.Endpoint)] = probe{done: true, info: info, err: err}
			v.redraw()
		}
	})
}

func (v *View) setEntries(entries []engine.EngineEntry, err error) {
	if err != nil {
		kit.ShowMessage(v.note, i18n.T("engines.readFailed", "Why", present.Explain(err)), widget.DangerImportance)
	} else {
		kit.ShowMessage(v.note, "", widget.DangerImportance)
	}
	v.entries = entries
	v.probes = map[string]probe{}
	v.redraw()
	v.h.EnginesChanged()
}

// key identifies an engine: its context's name, else its address.
func key(ep engine.Endpoint) string {
	if ep.Name != "" {
		return i18n.Code("ctx:") + ep.Name
	}
	return i18n.Code("host:") + ep.Host
}

// isCurrent tells whether ep is the engine the window shows.
func (v *View) isCurrent(ep engine.Endpoint) bool { return Same(ep, v.h.Current()) }

// Same tells whether two endpoints are the same engine entry: the same
// context, or (outside contexts) the same address.
func Same(a, b engine.Endpoint) bool {
	if a.Name != "" || b.Name != "" {
		return a.Name == b.Name || (a.Name == "" || b.Name == "") && a.Host == b.Host
	}
	return a.Host == b.Host
}

// redraw rebuilds the rows (a handful; UI goroutine).
func (v *View) redraw() {
	objs := make([]fyne.CanvasObject, 0, 2*len(v.entries))
	for i, e := range v.entries {
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		objs = append(objs, v.row(e))
	}
	if len(v.entries) == 0 && v.opened {
		objs = append(objs, kit.WrapLabel(i18n.T("engines.reading"), widget.LowImportance))
	}
	v.list.Objects = objs
	v.list.Refresh()
}

// row is one engine: a dot, its name and address, what checking it found,
// and its actions.
func (v *View) row(e engine.EngineEntry) fyne.CanvasObject {
	cur := v.isCurrent(e.Endpoint)
	p := v.probes[key(e.Endpoint)]
	if cur {
		p = probe{done: v.live.Reachable || v.live.Offline(), info: v.live.Info, err: v.live.Err}
		if v.live.Reachable {
			p.err = nil
		}
	}
	dot := kit.NewStateDot()
	status := kit.WrapLabel("", widget.MediumImportance)
	var details *kit.DetailsToggle
	switch {
	case !p.done:
		dot.SetColor(theme.ColorNameWarning)
		status.SetText(i18n.T("engines.checking"))
	case p.err != nil:
		dot.SetColor(theme.ColorNameError)
		status.Importance = widget.DangerImportance
		status.SetText(present.Explain(p.err))
		if raw := engine.Raw(p.err); raw != "" {
			details = kit.NewDetailsToggle()
			details.SetText(raw)
		}
	default:
		dot.SetColor(theme.ColorNameSuccess)
		status.SetText(InfoText(p.info))
	}

	title := Title(e)
	name := &widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}}
	var badges []string
	if cur {
		badges = append(badges, i18n.T("engines.badge.shown"))
	}
	if e.Current {
		badges = append(badges, i18n.T("engines.badge.current"))
	}
	if e.Found {
		badges = append(badges, i18n.T("engines.badge.found"))
	}
	badge := &widget.Label{Text: strings.Join(badges, " · "), Importance: widget.LowImportance}
	addr := &widget.Label{Text: e.Endpoint.Host, Truncation: fyne.TextTruncateEllipsis}
	if e.Description != "" {
		addr.SetText(e.Endpoint.Host + " — " + e.Description)
	}

	ep := e.Endpoint
	show := &widget.Button{Text: i18n.T("engines.show"), Icon: theme.NavigateNextIcon(), OnTapped: func() { v.h.Switch(ep) }}
	if cur {
		show.Disable()
	} else {
		show.Importance = widget.HighImportance
	}
	buttons := container.NewHBox(show)
	if e.Endpoint.Name != "" && !e.Current {
		name := e.Endpoint.Name
		buttons.Add(&widget.Button{Text: i18n.T("engines.use"), OnTapped: func() { v.use(name) }})
	}
	if e.Endpoint.Name != "" && !e.Default && !e.Found {
		rm := kit.NewTipButton(theme.DeleteIcon(), i18n.T("engines.removeTip"), func() { v.askRemove(e) })
		buttons.Add(rm)
	}
	texts := container.NewVBox(container.NewHBox(name, badge), addr, status)
	if details != nil {
		texts.Add(details.Content())
	}
	return container.NewBorder(nil, nil, container.NewCenter(dot), container.NewCenter(buttons), texts)
}

// Title is an engine's name as the list shows it.
func Title(e engine.EngineEntry) string {
	switch {
	case e.Endpoint.Name != "":
		return e.Endpoint.Name
	case e.Found && strings.Contains(e.Endpoint.Host, "podman"):
		return i18n.T("engines.title.podmanSocket")
	case e.Found:
		return i18n.T("engines.title.socket")
	}
	return e.Endpoint.Host
}

// InfoText is what an engine that answers says about itself:
// "Docker 28.5.2 · API 1.51 · 2 running · 5 containers · 7 images".
func InfoText(in engine.Info) string {
	var parts []string
	if in.Version != "" {
		parts = append(parts, ProductName(in)+" "+in.Version)
	}
	if in.APIVersion != "" {
		parts = append(parts, i18n.T("engines.info.api", "Version", in.APIVersion))
	}
	total := in.Containers
	if total == 0 {
		total = in.Running + in.Paused + in.Stopped
	}
	parts = append(parts, i18n.T("engines.info.running", "N", in.Running), i18n.N("engines.info.containers", total),
		i18n.N("engines.info.images", in.Images))
	return strings.Join(parts, " · ")
}

// use makes name the docker CLI's current context: an explicit choice,
// never a side effect of showing an engine.
func (v *View) use(name string) {
	store := v.store
	go func() {
		err := store.Use(name)
		v.h.Do(func() {
			if err != nil {
				v.h.Ask(kit.ErrorQuestion(i18n.T("engines.useFailed"), err))
				return
			}
			v.Refresh()
		})
	}()
}

// askRemove asks before removing a context from the CLI's store.
func (v *View) askRemove(e engine.EngineEntry) {
	name := e.Endpoint.Name
	msg := i18n.T("engines.remove.text", "Name", strconv.Quote(name), "Address", e.Endpoint.Host)
	if v.isCurrent(e.Endpoint) {
		msg = i18n.T("engines.remove.textShown", "Name", strconv.Quote(name), "Address", e.Endpoint.Host)
	}
	v.h.Ask(kit.Question{Title: i18n.T("engines.remove.title", "Name", name), Message: msg, Choices: []kit.Choice{
		kit.Cancel(),
		{Text: i18n.T("engines.remove"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, Run: func() { v.remove(name) }},
	}})
}

func (v *View) remove(name string) {
	store := v.store
	go func() {
		err := store.Remove(name)
		v.h.Do(func() {
			if err != nil {
				v.h.Ask(kit.ErrorQuestion(i18n.T("engines.removeFailed", "Name", name), err))
				return
			}
			v.Refresh()
		})
	}()
}

// ProductName is "Podman" for Podman's Docker API, else "Docker".
func ProductName(in engine.Info) string {
	if strings.Contains(strings.ToLower(in.Product), "podman") {
		return i18n.Code("Podman")
	}
	return i18n.Code("Docker")
}

// Checked is what checking the engine named name (a context's name, else
// its address) found: done is false while it is being checked (tests).
func (v *View) Checked(name string) (done bool, info engine.Info, err error) {
	for _, e := range v.entries {
		if e.Endpoint.Name == name || e.Endpoint.Name == "" && e.Endpoint.Host == name {
			p := v.probes[key(e.Endpoint)]
			return p.done, p.info, p.err
		}
	}
	return false, engine.Info{}, nil
}
