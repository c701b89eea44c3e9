// Package images is the Images tab: docker images as a live table, with
// Run…, Pull… and Remove, and the ways out when an image is in use.
package images

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
)

// Host is what the Images tab needs from the shell.
type Host interface {
	kit.TabHost
	OpenPull(ref string)
	OpenRun(image string)
	// OpenImageDetails opens the details window of the image ref.
	OpenImageDetails(ref string)
}

// entry is one row of docker images.
type entry struct {
	im  engine.Image
	key string // lower-case repository, tag and ID, for the filter
	row string // identity of the row: ID and reference
}

func newEntry(im engine.Image) entry {
	return entry{im: im, key: strings.ToLower(im.Repository + ":" + im.Tag + "\x00" + im.ID), row: im.ID + "\x00" + im.Ref()}
}

// View is the Images tab.
type View struct {
	h          Host
	images     engine.ImageAPI
	containers engine.ContainerAPI

	list       *kit.ListTab[entry]
	filter     *kit.FilterEntry
	pullButton *widget.Button
	table      *kit.Table[entry]
	empty      *widget.Label
	note       *widget.Label     // what the last removal did: Untagged…, Deleted…
	noteBack   *canvas.Rectangle // behind the note, over the table
	noteBox    *fyne.Container   // the note over the bottom of the table, for noteFor
	noteFor    time.Duration
	noteSeq    int // bumped by every note: only the last one's timer hides it

	snap    engine.Snapshot // the last one applied
	entries []entry
	rows    []int32 // the entries shown, filtered
	offline bool
	menu    *fyne.Menu // the last row menu shown (tests)
}

// noteFor is how long the note on the last removal shows.
const noteFor = 6 * time.Second

// New makes the Images tab. containers is used to stop and remove the
// containers that use an image, when the user asks to remove them first.
func New(h Host, images engine.ImageAPI, containers engine.ContainerAPI) *View {
	v := &View{h: h, images: images, containers: containers}
	v.pullButton = &widget.Button{Text: i18n.T("images.pull"), Icon: theme.DownloadIcon(), Importance: widget.HighImportance, OnTapped: func() { h.OpenPull("") }}
	// The note shows over the bottom of the table for a few seconds: it
	// never moves the rows under the pointer.
	v.note = kit.CellLabel()
	v.noteBack = canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	v.noteBox = container.NewBorder(nil, container.NewStack(v.noteBack, container.NewPadded(v.note)), nil, nil)
	v.noteBox.Hide()
	v.noteFor = noteFor
	v.list = kit.NewListTab(kit.List[entry]{
		Host: h, Placeholder: i18n.T("images.filter"),
		Columns: v.columns(), Rows: &v.entries, Shown: &v.rows,
		ID:    func(e *entry) string { return e.row },
		Key:   func(e *entry) string { return e.key },
		Tools: v.pullButton, Over: []fyne.CanvasObject{v.noteBox},
		Nothing:  v.nothing,
		NoMatch:  func(filter string) string { return i18n.T("images.noMatch", "Filter", strconv.Quote(filter)) },
		OnDelete: v.RemoveSelection,
	})
	v.filter, v.table, v.empty = v.list.Filter, v.list.Table, v.list.Empty
	v.table.OnSecondary = v.rowMenu
	return v
}

// Content is the tab's content.
func (v *View) Content() fyne.CanvasObject { return v.list.Content() }

// FocusFilter puts the keyboard focus in the filter field.
func (v *View) FocusFilter() { v.list.FocusFilter() }

// Tick redraws the visible rows, for the ages (unchanged cells cost nothing).
func (v *View) Tick() { v.table.Refresh() }

// Apply shows a new snapshot (UI goroutine). Usage counts change with the
// containers, so rows are compared even when the image list did not change.
func (v *View) Apply(snap engine.Snapshot, _ engine.Change) {
	v.snap = snap
	wasOffline := v.offline
	v.offline = snap.Offline()
	same := len(snap.Images) == len(v.entries)
	for i := 0; same && i < len(snap.Images); i++ {
		same = newEntry(snap.Images[i]).row == v.entries[i].row
	}
	if !same {
		v.entries = make([]entry, len(snap.Images))
		for i, im := range snap.Images {
			v.entries[i] = newEntry(im)
		}
		v.list.Set()
		return
	}
	var changed []int
	for i, im := range snap.Images {
		if old := v.entries[i].im; old.Containers != im.Containers || !old.Created.Equal(im.Created) || old.Size != im.Size {
			v.entries[i] = newEntry(im)
			changed = append(changed, i)
		}
	}
	if sorted, _ := v.table.SortedBy(); sorted >= 0 && len(changed) > 0 {
		v.list.Refilter() // a size or an age may have moved rows
		return
	}
	if wasOffline != v.offline {
		v.table.Refresh()
		v.list.UpdateEmpty()
		return
	}
	for _, i := range changed {
		v.list.RefreshEntry(i)
	}
	v.list.UpdateEmpty()
}

// nothing says why the tab shows no image at all.
func (v *View) nothing() string {
	switch {
	case v.offline:
		return i18n.T("images.offline")
	case !v.snap.Reachable:
		return i18n.T("images.connecting")
	}
	return i18n.T("images.none")
}

// image finds an image row by its identity.
func (v *View) image(key string) (engine.Image, bool) {
	e, ok := v.list.Find(key)
	return e.im, ok
}

// rowOf is the table row that shows the image row with identity key, -1 if none does.
func (v *View) rowOf(key string) int { return v.list.RowOf(key) }
