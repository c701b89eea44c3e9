// Package volumes is the Volumes tab: docker volume ls as a live table
// (sizes fill in after the list), with create, remove, prune of exactly the
// unused volumes shown, and a volume's files: browse, download, upload,
// export to .tar.gz, import, clone.
package volumes

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/kit"
	"berth/gui/present"
)

// Host is what the Volumes tab needs from the shell.
type Host interface {
	// Do runs f on the UI goroutine.
	Do(f func())
	Now() time.Time
	Window() fyne.Window
	// Context ends when the window closes; engine calls end with it.
	Context() context.Context
	// Ask shows a question (a confirmation, an error).
	Ask(q kit.Question)
	// Shortcut runs s if it is one of the window's shortcuts and reports whether it was.
	Shortcut(s fyne.Shortcut) bool
	// OpenContainer shows the container with full ID id (the Containers tab, its row).
	OpenContainer(id string)
	// Preferences keep the helper image the user picked.
	Preferences() fyne.Preferences
}

// Files are the file choosers the view uses; tests replace them.
type Files struct {
	// Save asks where to save a file named name and hands over a writer (nil when canceled).
	Save func(name string, done func(w io.WriteCloser, err error))
	// Open asks for a file to read and hands over a reader and its name (nil when canceled).
	Open func(done func(r io.ReadCloser, name string, err error))
}

// entry is one row.
type entry struct {
	vol engine.Volume
	key string // lower-case name, driver, mount point and users, for the filter
}

// View is the Volumes tab.
type View struct {
	h     Host
	api   engine.VolumeAPI
	files Files

	content  fyne.CanvasObject
	filter   *kit.FilterEntry
	create   *widget.Button
	importB  *widget.Button
	pruneB   *widget.Button
	table    *kit.Table[entry]
	empty    *widget.Label
	note     *widget.Label
	snap     engine.Snapshot
	entries  []entry
	rows     []int32
	query    string
	offline  bool
	pending  map[string]string // volume name -> "Removing…", "Exporting…"
	current  string            // name of the highlighted volume
	lastSeen uint64
	fresh    map[string]int64 // sizes the tab asked for itself (Shown), newer than the snapshot's
	sizing   bool             // such a call is under way
	sizedAt  time.Time        // when the last one answered
}

// PrefHelperImage is the preference key of the helper image the user picked.
const PrefHelperImage = "volumes.helperImage"

// New makes the Volumes tab.
func New(h Host, api engine.VolumeAPI) *View {
	v := &View{h: h, api: api, pending: map[string]string{}, files: defaultFiles(h)}
	v.filter = kit.NewFilterEntry("Filter by name, driver or container (Ctrl+F)", v.setQuery)
	v.filter.Shortcut = h.Shortcut
	v.create = &widget.Button{Text: "Create…", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: v.openCreate}
	v.importB = &widget.Button{Text: "Import…", Icon: theme.UploadIcon(), OnTapped: v.openImport}
	v.pruneB = &widget.Button{Text: "Remove unused…", Icon: theme.DeleteIcon(), OnTapped: v.askPrune}
	v.table = kit.NewTable(v.columns(), func() int { return len(v.rows) }, func(i int) *entry { return &v.entries[v.rows[i]] })
	v.table.OnDelete = v.RemoveSelection
	v.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(v.rows) {
			v.current = v.entries[v.rows[id.Row]].vol.Name
		}
	}
	v.table.OnSort = v.refilter
	v.empty = kit.WrapLabel("", widget.LowImportance)
	v.empty.Alignment = fyne.TextAlignCenter
	v.note = kit.MessageLabel()
	top := container.NewBorder(nil, nil, nil, container.NewHBox(v.pruneB, v.importB, v.create), v.filter)
	v.content = container.NewBorder(top, v.note, nil, nil,
		container.NewStack(v.table, container.NewCenter(container.New(kit.BoxWidth(420), v.empty))))
	return v
}

// SetFiles replaces the file choosers (tests).
func (v *View) SetFiles(f Files) { v.files = f }

// Content is the tab's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// FocusFilter puts the keyboard focus in the filter field.
func (v *View) FocusFilter() { v.h.Window().Canvas().Focus(v.filter) }

// Tick redraws the visible rows, for the ages.
func (v *View) Tick() { v.table.Refresh() }

// Apply shows a new snapshot (UI goroutine): the rows are rebuilt when the
// volumes, their sizes or the engine's reachability changed.
func (v *View) Apply(snap engine.Snapshot, ch engine.Change) {
	wasOffline := v.offline
	v.offline = snap.Offline()
	changed := ch.Full || ch.Volumes || ch.VolumeSizes || wasOffline != v.offline || v.lastSeen == 0
	v.snap = snap
	v.lastSeen = snap.Seq + 1
	if !changed {
		return
	}
	if ch.VolumeSizes {
		v.fresh = nil // the store's sizes are newer than the tab's own
	}
	v.rebuild()
}

// rebuild makes the rows from the snapshot's volumes (with the sizes the tab
// asked for itself, when newer) and shows them.
func (v *View) rebuild() {
	vols := v.snap.Volumes
	v.entries = make([]entry, len(vols))
	live := map[string]bool{}
	for i, vol := range vols {
		if n, ok := v.fresh[vol.Name]; ok {
			vol.Size = n
		}
		v.entries[i] = entry{vol: vol, key: strings.ToLower(vol.Name + "\x00" + vol.Driver + "\x00" + vol.Mountpoint + "\x00" + present.VolumeUsers(vol))}
		live[vol.Name] = true
	}
	for k := range v.pending {
		if !live[k] {
			delete(v.pending, k)
		}
	}
	kit.Enable(v.create, !v.offline)
	kit.Enable(v.importB, !v.offline)
	kit.Enable(v.pruneB, !v.offline)
	v.refilter()
}

// sizesEvery is how often, at most, bringing the tab to the front asks for the sizes again.
const sizesEvery = 10 * time.Second

// Shown is called when the tab comes to the front. Files written by
// containers change the sizes with no event: the tab asks the disk-usage
// call again (at most every sizesEvery), after the rows show.
func (v *View) Shown() {
	if v.offline || v.sizing || (!v.sizedAt.IsZero() && v.h.Now().Sub(v.sizedAt) < sizesEvery) {
		return
	}
	v.sizing = true
	ctx := v.h.Context()
	go func() {
		sizes, err := v.api.VolumeSizes(ctx)
		v.h.Do(func() {
			v.sizing = false
			v.sizedAt = v.h.Now()
			if err == nil {
				v.fresh = sizes
				v.rebuild()
			}
		})
	}()
}

func (v *View) setQuery(s string) {
	v.query = strings.ToLower(strings.TrimSpace(s))
	v.refilter()
	v.table.ScrollToTop()
}

func (v *View) refilter() {
	rows := v.rows[:0]
	for i := range v.entries {
		if v.query == "" || strings.Contains(v.entries[i].key, v.query) {
			rows = append(rows, int32(i))
		}
	}
	slices.SortStableFunc(rows, func(a, b int32) int { return v.table.Compare(&v.entries[a], &v.entries[b]) })
	v.rows = rows
	v.table.Refresh()
	v.updateEmpty()
}

func (v *View) updateEmpty() {
	switch {
	case len(v.rows) > 0:
		v.empty.Hide()
		return
	case v.snap.VolumesErr != nil && len(v.entries) == 0:
		v.empty.SetText("The engine did not list its volumes: " + present.Explain(v.snap.VolumesErr))
	case len(v.entries) == 0 && v.offline:
		v.empty.SetText("No volumes to show: the engine is not reachable.")
	case len(v.entries) == 0 && !v.snap.Reachable:
		v.empty.SetText("Connecting to the Docker engine…")
	case len(v.entries) == 0:
		v.empty.SetText("No volumes yet. Create one with Create…, or run a container with a volume.")
	default:
		v.empty.SetText(fmt.Sprintf("No volume matches %q.", v.filter.Text))
	}
	v.empty.Show()
}

// volume finds a volume the view shows by name.
func (v *View) volume(name string) (engine.Volume, bool) {
	for _, e := range v.entries {
		if e.vol.Name == name {
			return e.vol, true
		}
	}
	return engine.Volume{}, false
}

// Rows are the names of the volumes shown, in order (tests).
func (v *View) Rows() []string {
	out := make([]string, len(v.rows))
	for i, r := range v.rows {
		out[i] = v.entries[r].vol.Name
	}
	return out
}

// Note is the line under the table: what the last action did.
func (v *View) Note() string { return kit.MessageText(v.note) }

func (v *View) setPending(name, doing string) {
	if doing == "" {
		delete(v.pending, name)
	} else {
		v.pending[name] = doing
	}
	v.table.Refresh()
}

func (v *View) say(text string, imp widget.Importance) { kit.ShowMessage(v.note, text, imp) }

// quiet reports whether err needs no word: the user canceled, or the window is closing.
func (v *View) quiet(err error) bool {
	return engine.IsKind(err, engine.ErrCanceled) || v.h.Context().Err() != nil
}
