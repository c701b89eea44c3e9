// Package volumes is the Volumes tab: docker volume ls as a live table
// (sizes fill in after the list), with create, remove, prune of exactly the
// unused volumes shown, and a volume's files: browse, download, upload,
// export to .tar.gz, import, clone.
package volumes

import (
	"io"
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

// Host is what the Volumes tab needs from the shell.
type Host interface {
	kit.TabHost
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

	list     *kit.ListTab[entry]
	filter   *kit.FilterEntry
	create   *widget.Button
	importB  *widget.Button
	pruneB   *widget.Button
	table    *kit.Table[entry]
	empty    *widget.Label
	snap     engine.Snapshot
	entries  []entry
	rows     []int32
	offline  bool
	lastSeen uint64
	fresh    map[string]int64 // sizes the tab asked for itself (Shown), newer than the snapshot's
	sizing   bool             // such a call is under way
	sizedAt  time.Time        // when the last one answered
}

// PrefHelperImage is the preference key of the helper image the user picked.
var PrefHelperImage = i18n.Code("volumes.helperImage")

// New makes the Volumes tab.
func New(h Host, api engine.VolumeAPI) *View {
	v := &View{h: h, api: api, files: defaultFiles(h)}
	v.create = &widget.Button{Text: i18n.T("volumes.createButton"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: v.openCreate}
	v.importB = &widget.Button{Text: i18n.T("volumes.importButton"), Icon: theme.UploadIcon(), OnTapped: v.openImport}
	v.pruneB = &widget.Button{Text: i18n.T("volumes.prune"), Icon: theme.DeleteIcon(), OnTapped: v.askPrune}
	v.list = kit.NewListTab(kit.List[entry]{
		Host: h, Placeholder: i18n.T("volumes.filter"),
		Columns: v.columns(), Rows: &v.entries, Shown: &v.rows,
		ID:    func(e *entry) string { return e.vol.Name },
		Key:   func(e *entry) string { return e.key },
		Tools: container.NewHBox(v.pruneB, v.importB, v.create), Note: true,
		Nothing:  v.nothing,
		NoMatch:  func(filter string) string { return i18n.T("volumes.noMatch", "Filter", strconv.Quote(filter)) },
		OnDelete: v.RemoveSelection,
	})
	v.filter, v.table, v.empty = v.list.Filter, v.list.Table, v.list.Empty
	return v
}

// SetFiles replaces the file choosers (tests).
func (v *View) SetFiles(f Files) { v.files = f }

// Content is the tab's content.
func (v *View) Content() fyne.CanvasObject { return v.list.Content() }

// FocusFilter puts the keyboard focus in the filter field.
func (v *View) FocusFilter() { v.list.FocusFilter() }

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
	for i, vol := range vols {
		if n, ok := v.fresh[vol.Name]; ok {
			vol.Size = n
		}
		v.entries[i] = entry{vol: vol, key: strings.ToLower(strings.Join([]string{vol.Name, vol.Driver, vol.Mountpoint, present.VolumeUsers(vol)}, "\x00"))}
	}
	kit.Enable(v.create, !v.offline)
	kit.Enable(v.importB, !v.offline)
	kit.Enable(v.pruneB, !v.offline)
	v.list.Set()
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

// nothing says why the tab shows no volume at all.
func (v *View) nothing() string {
	switch {
	case v.snap.VolumesErr != nil:
		return i18n.T("volumes.listFailed", "Why", present.Explain(v.snap.VolumesErr))
	case v.offline:
		return i18n.T("volumes.offline")
	case !v.snap.Reachable:
		return i18n.T("volumes.connecting")
	}
	return i18n.T("volumes.none")
}

// volume finds a volume the view shows by name.
func (v *View) volume(name string) (engine.Volume, bool) {
	e, ok := v.list.Find(name)
	return e.vol, ok
}

// Rows are the names of the volumes shown, in order (tests).
func (v *View) Rows() []string {
	return kit.ShownAs(v.list, func(e *entry) string { return e.vol.Name })
}

// Note is the line under the table: what the last action did.
func (v *View) Note() string { return v.list.Said() }
