// Package images is the Images tab: docker images as a live table, with
// Run…, Pull… and Remove, and the ways out when an image is in use.
package images

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/kit"
)

// Host is what the Images tab needs from the shell.
type Host interface {
	// Do runs f on the UI goroutine.
	Do(f func())
	Now() time.Time
	Window() fyne.Window
	// Context ends when the window closes; engine calls end with it.
	Context() context.Context
	// Ask shows a question (a confirmation, an error).
	Ask(q kit.Question)
	OpenPull(ref string)
	OpenRun(image string)
	// OpenImageDetails opens the details window of the image ref.
	OpenImageDetails(ref string)
	// Shortcut runs s if it is one of the window's shortcuts and reports whether it was.
	Shortcut(s fyne.Shortcut) bool
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

	content    fyne.CanvasObject
	filter     *kit.FilterEntry
	pullButton *widget.Button
	table      *kit.Table[entry]
	empty      *widget.Label
	note       *widget.Label     // what the last removal did: Untagged…, Deleted…
	noteBack   *canvas.Rectangle // behind the note, over the table
	noteBox    *fyne.Container   // the note over the bottom of the table, for noteFor
	noteFor    time.Duration
	noteSeq    int // bumped by every note: only the last one's timer hides it

	snap       engine.Snapshot // the last one applied
	entries    []entry
	rows       []int32 // the entries shown, filtered
	query      string
	offline    bool
	pending    map[string]string // row identity -> "Removing…"
	current    string            // row identity of the highlighted row
	menu       *fyne.Menu        // the last row menu shown (tests)
	currentRow int               // and that row
}

// noteFor is how long the note on the last removal shows.
const noteFor = 6 * time.Second

// New makes the Images tab. containers is used to stop and remove the
// containers that use an image, when the user asks to remove them first.
func New(h Host, images engine.ImageAPI, containers engine.ContainerAPI) *View {
	v := &View{h: h, images: images, containers: containers, pending: map[string]string{}}
	v.filter = kit.NewFilterEntry("Filter by repository, tag or ID (Ctrl+F)", v.setQuery)
	v.filter.Shortcut = h.Shortcut
	v.pullButton = &widget.Button{Text: "Pull…", Icon: theme.DownloadIcon(), Importance: widget.HighImportance, OnTapped: func() { h.OpenPull("") }}
	v.table = kit.NewTable(v.columns(), func() int { return len(v.rows) }, func(i int) *entry { return &v.entries[v.rows[i]] })
	v.table.OnDelete = v.RemoveSelection
	v.table.OnSelected = v.selected
	v.table.OnSort = v.refilter
	v.table.OnSecondary = v.rowMenu
	v.empty = kit.WrapLabel("", widget.LowImportance)
	v.empty.Alignment = fyne.TextAlignCenter
	// The note shows over the bottom of the table for a few seconds: it
	// never moves the rows under the pointer.
	v.note = kit.CellLabel()
	v.noteBack = canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	v.noteBox = container.NewBorder(nil, container.NewStack(v.noteBack, container.NewPadded(v.note)), nil, nil)
	v.noteBox.Hide()
	v.noteFor = noteFor

	top := container.NewBorder(nil, nil, nil, v.pullButton, v.filter)
	v.content = container.NewBorder(top, nil, nil, nil,
		container.NewStack(v.table, container.NewCenter(container.New(kit.BoxWidth(420), v.empty)), v.noteBox))
	return v
}

// Content is the tab's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// FocusFilter puts the keyboard focus in the filter field.
func (v *View) FocusFilter() { v.h.Window().Canvas().Focus(v.filter) }

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
		live := map[string]bool{}
		for i, im := range snap.Images {
			v.entries[i] = newEntry(im)
			live[v.entries[i].row] = true
		}
		for k := range v.pending {
			if !live[k] {
				delete(v.pending, k)
			}
		}
		v.refilter()
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
		v.refilter() // a size or an age may have moved rows
		return
	}
	if wasOffline != v.offline {
		v.table.Refresh()
		v.updateEmpty()
		return
	}
	for _, i := range changed {
		for r, x := range v.rows {
			if int(x) == i {
				v.table.RefreshRow(r)
			}
		}
	}
	v.updateEmpty()
}

func (v *View) setQuery(s string) {
	v.query = strings.ToLower(strings.TrimSpace(s))
	v.refilter()
	v.table.ScrollToTop()
}

// refilter shows the entries the filter lets through, in the order the
// user sorted them by (else as the engine lists them).
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
	if v.current != "" {
		if r := v.rowOf(v.current); r < 0 || r != v.currentRow {
			v.table.UnselectAll()
			v.current = ""
		}
	}
	v.updateEmpty()
}

func (v *View) rowOf(key string) int {
	for r, i := range v.rows {
		if v.entries[i].row == key {
			return r
		}
	}
	return -1
}

func (v *View) updateEmpty() {
	switch {
	case len(v.rows) > 0:
		v.empty.Hide()
		return
	case len(v.entries) == 0 && v.offline:
		v.empty.SetText("No images to show: the engine is not reachable.")
	case len(v.entries) == 0 && !v.snap.Reachable:
		v.empty.SetText("Connecting to the Docker engine…")
	case len(v.entries) == 0:
		v.empty.SetText("No images yet. Pull one with Pull…, or run a container: its image is pulled for you.")
	default:
		v.empty.SetText(fmt.Sprintf("No image matches %q.", v.filter.Text))
	}
	v.empty.Show()
}

func (v *View) selected(id widget.TableCellID) {
	if id.Row >= 0 && id.Row < len(v.rows) {
		v.current, v.currentRow = v.entries[v.rows[id.Row]].row, id.Row
	}
}

// image finds an image row by its identity.
func (v *View) image(key string) (engine.Image, bool) {
	for _, e := range v.entries {
		if e.row == key {
			return e.im, true
		}
	}
	return engine.Image{}, false
}
