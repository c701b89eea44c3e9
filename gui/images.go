package gui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
)

// imageEngine is what the Images view asks of the engine.
type imageEngine interface {
	RemoveImage(ctx context.Context, ref string, force bool) ([]string, error)
	Stop(ctx context.Context, id string, timeout *time.Duration) error
	Remove(ctx context.Context, id string, opts engine.RemoveOptions) error
}

// The columns of the Images table: docker images's, plus use and actions.
const (
	colRepo = iota
	colTag
	colImageID
	colImageCreated
	colSize
	colInUse
	colImageActions
	imgColumnCount
)

var imgColumns = [imgColumnCount]tableColumn{
	colRepo:         {"Repository", 270},
	colTag:          {"Tag", 130},
	colImageID:      {"Image ID", 130},
	colImageCreated: {"Created", 165},
	colSize:         {"Size", 95},
	colInUse:        {"In use", 190},
	colImageActions: {"Actions", 130},
}

// imgEntry is one row of docker images.
type imgEntry struct {
	im  engine.Image
	key string // lower-case repository, tag and ID, for the filter
	row string // identity of the row: ID and reference
}

func newImgEntry(im engine.Image) imgEntry {
	return imgEntry{im: im, key: strings.ToLower(im.Repository + ":" + im.Tag + "\x00" + im.ID), row: im.ID + "\x00" + im.Ref()}
}

// imagesView is the Images tab: docker images as a live table.
type imagesView struct {
	u   *UI
	eng imageEngine

	content    fyne.CanvasObject
	filter     *filterEntry
	pullButton *widget.Button
	table      *keyTable
	empty      *widget.Label
	note       *widget.Label // what the last removal did: Untagged…, Deleted…

	entries    []imgEntry
	rows       []int32
	query      string
	offline    bool
	pending    map[string]string // row identity -> "Removing…"
	current    string            // row identity of the highlighted row
	currentRow int               // and that row
}

func newImagesView(u *UI) *imagesView {
	v := &imagesView{u: u, eng: u.eng, pending: map[string]string{}}
	v.filter = newFilterEntry(u, "Filter by repository, tag or ID (Ctrl+F)", v.setQuery)
	v.pullButton = &widget.Button{Text: "Pull…", Icon: theme.DownloadIcon(), Importance: widget.HighImportance, OnTapped: v.openPull}

	v.table = &keyTable{onDelete: v.removeSelection}
	v.table.Length = v.length
	v.table.CreateCell = v.createCell
	v.table.UpdateCell = v.updateCell
	v.table.ShowHeaderRow = true
	v.table.CreateHeader = v.createCell
	v.table.UpdateHeader = v.updateHeader
	v.table.OnSelected = v.selected
	v.table.ExtendBaseWidget(v.table)
	for i, c := range imgColumns {
		v.table.SetColumnWidth(i, c.width)
	}
	v.empty = wrapLabel("", widget.LowImportance)
	v.empty.Alignment = fyne.TextAlignCenter
	v.note = &widget.Label{Truncation: fyne.TextTruncateEllipsis, Importance: widget.LowImportance}
	v.note.Hide()

	top := container.NewBorder(nil, nil, nil, v.pullButton, v.filter)
	v.content = container.NewBorder(container.NewVBox(top, v.note), nil, nil, nil,
		container.NewStack(v.table, container.NewCenter(container.New(boxWidth(420), v.empty))))
	return v
}

func (v *imagesView) openPull() { v.u.openPull("") }

func (v *imagesView) focusFilter() {
	v.u.tabs.showImages()
	v.u.win.Canvas().Focus(v.filter)
}

// apply shows a new snapshot. Usage counts change with the containers, so
// rows are compared even when the image list itself did not change.
func (v *imagesView) apply(snap engine.Snapshot, _ engine.Change) {
	wasOffline := v.offline
	v.offline = offline(snap)
	same := len(snap.Images) == len(v.entries)
	if same {
		for i := range snap.Images {
			if newImgEntry(snap.Images[i]).row != v.entries[i].row {
				same = false
				break
			}
		}
	}
	if !same {
		v.entries = make([]imgEntry, len(snap.Images))
		for i, im := range snap.Images {
			v.entries[i] = newImgEntry(im)
		}
		live := map[string]bool{}
		for _, e := range v.entries {
			live[e.row] = true
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
		if v.entries[i].im.Containers != im.Containers || !v.entries[i].im.Created.Equal(im.Created) || v.entries[i].im.Size != im.Size {
			v.entries[i] = newImgEntry(im)
			changed = append(changed, i)
		}
	}
	if wasOffline != v.offline {
		v.table.Refresh()
		v.updateEmpty()
		return
	}
	for _, i := range changed {
		for r, x := range v.rows {
			if int(x) == i {
				v.refreshRow(r)
			}
		}
	}
	v.updateEmpty()
}

func (v *imagesView) setQuery(s string) {
	v.query = strings.ToLower(strings.TrimSpace(s))
	v.refilter()
	v.table.ScrollToTop()
}

func (v *imagesView) refilter() {
	rows := v.rows[:0]
	for i := range v.entries {
		if v.query == "" || strings.Contains(v.entries[i].key, v.query) {
			rows = append(rows, int32(i))
		}
	}
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

func (v *imagesView) rowOf(key string) int {
	for r, i := range v.rows {
		if v.entries[i].row == key {
			return r
		}
	}
	return -1
}

func (v *imagesView) refreshRow(r int) {
	for c := 0; c < imgColumnCount; c++ {
		v.table.RefreshItem(widget.TableCellID{Row: r, Col: c})
	}
}

func (v *imagesView) updateEmpty() {
	switch {
	case len(v.rows) > 0:
		v.empty.Hide()
		return
	case len(v.entries) == 0 && v.offline:
		v.empty.SetText("No images to show: the engine is not reachable.")
	case len(v.entries) == 0 && !v.u.snap.Reachable:
		v.empty.SetText("Connecting to the Docker engine…")
	case len(v.entries) == 0:
		v.empty.SetText("No images yet. Pull one with Pull…, or run a container: its image is pulled for you.")
	default:
		v.empty.SetText(fmt.Sprintf("No image matches %q.", v.filter.Text))
	}
	v.empty.Show()
}

func (v *imagesView) selected(id widget.TableCellID) {
	if id.Row >= 0 && id.Row < len(v.rows) {
		v.current, v.currentRow = v.entries[v.rows[id.Row]].row, id.Row
	}
}

// image finds an image row by its identity.
func (v *imagesView) image(key string) (engine.Image, bool) {
	for _, e := range v.entries {
		if e.row == key {
			return e.im, true
		}
	}
	return engine.Image{}, false
}

// --- table ------------------------------------------------------------------

func (v *imagesView) length() (int, int) { return len(v.rows), imgColumnCount }

func (v *imagesView) createCell() fyne.CanvasObject { return newImgCell(v) }

func (v *imagesView) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*imgCell)
	c.row, c.col, c.header = "", id.Col, true
	c.showText(imgColumns[id.Col].title, fyne.TextStyle{Bold: true}, widget.MediumImportance)
}

func (v *imagesView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*imgCell)
	c.col, c.header = id.Col, false
	if id.Row >= len(v.rows) {
		c.showNothing()
		return
	}
	e := &v.entries[v.rows[id.Row]]
	c.row = e.row
	imp := widget.MediumImportance
	if v.offline {
		imp = widget.LowImportance
	}
	im := &e.im
	switch id.Col {
	case colRepo:
		c.showText(im.Repository, fyne.TextStyle{}, lowIf(im.Dangling || im.Repository == "<none>", imp))
	case colTag:
		c.showText(im.Tag, fyne.TextStyle{}, lowIf(im.Tag == "<none>", imp))
	case colImageID:
		c.showText(im.ShortID, fyne.TextStyle{}, imp)
	case colImageCreated:
		c.showText(engine.Ago(im.Created, v.u.now()), fyne.TextStyle{}, imp)
	case colSize:
		c.showText(engine.HumanSize(im.Size), fyne.TextStyle{}, imp)
	case colInUse:
		c.showUse(im, v.pending[e.row], v.offline)
	case colImageActions:
		c.showActions(v.pending[e.row] != "" || v.offline)
	}
}

func lowIf(cond bool, imp widget.Importance) widget.Importance {
	if cond {
		return widget.LowImportance
	}
	return imp
}

// useText says whether containers use an image: "2 containers", "Not used", "Dangling (no tag)".
func useText(im *engine.Image) string {
	switch {
	case im.Containers > 0:
		return plural(im.Containers, "container", "containers")
	case im.Dangling:
		return "Dangling (no tag)"
	case im.Containers < 0:
		return "Unknown"
	}
	return "Not used"
}

// --- actions ------------------------------------------------------------------

func (v *imagesView) removeSelection() {
	if v.offline || v.current == "" {
		return
	}
	v.removeRow(v.current)
}

// removeRow asks, then removes the image of a row.
func (v *imagesView) removeRow(key string) {
	im, ok := v.image(key)
	if !ok || v.pending[key] != "" {
		return
	}
	v.u.confirmRemoveImage(im, func() { v.removeImage(key, im, false) })
}

func (v *imagesView) runRow(key string) {
	if im, ok := v.image(key); ok {
		v.u.openRun(im.Ref())
	}
}

// removeImage removes an image; when the engine refuses because containers
// use it, the conflict dialog offers the ways out.
func (v *imagesView) removeImage(key string, im engine.Image, force bool) {
	v.setPending(key, "Removing…")
	ctx := v.u.ctx
	ref := im.Ref()
	go func() {
		lines, err := v.eng.RemoveImage(ctx, ref, force)
		v.u.do(func() { v.removed(key, im, lines, err) })
	}()
}

func (v *imagesView) removed(key string, im engine.Image, lines []string, err error) {
	v.setPending(key, "")
	switch {
	case err == nil:
		v.setNote(lines)
	case engine.IsKind(err, engine.ErrConflictImageInUse):
		v.showConflict(key, im, err)
	case engine.IsKind(err, engine.ErrCanceled) || v.u.ctx.Err() != nil:
	default:
		v.u.showError("Could not remove "+imageLabel(im), err)
	}
}

// setNote tells what the last removal did, as docker image rm prints it.
func (v *imagesView) setNote(lines []string) {
	if len(lines) == 0 {
		v.note.Hide()
		return
	}
	v.note.SetText(strings.Join(lines, " · "))
	v.note.Show()
}

// imageUsers names the containers that use an image: those the engine
// named (short IDs) and those the snapshot knows of.
func (v *imagesView) imageUsers(im engine.Image, err error) []engine.Container {
	var named []string
	if e, ok := err.(*engine.Error); ok {
		named = e.Containers
	}
	var out []engine.Container
	seen := map[string]bool{}
	for _, short := range named {
		for _, c := range v.u.snap.Containers {
			if strings.HasPrefix(c.ID, short) && !seen[c.ID] {
				seen[c.ID] = true
				out = append(out, c)
			}
		}
		if !seenPrefix(seen, short) {
			// Not in the snapshot yet: name it by its ID.
			seen[short] = true
			out = append(out, engine.Container{ID: short, ShortID: engine.ShortID(short)})
		}
	}
	for _, c := range v.u.snap.Containers {
		if c.ImageID == im.ID && !seen[c.ID] {
			seen[c.ID] = true
			out = append(out, c)
		}
	}
	return out
}

func seenPrefix(seen map[string]bool, short string) bool {
	for id := range seen {
		if strings.HasPrefix(id, short) {
			return true
		}
	}
	return false
}

func (v *imagesView) showConflict(key string, im engine.Image, err error) {
	users := v.imageUsers(im, err)
	cannotForce := strings.Contains(strings.ToLower(err.Error()), "cannot be forced")
	v.u.showImageConflict(im, users, cannotForce,
		func() { v.removeUsersThenImage(key, im, users) },
		func() { v.removeImage(key, im, true) })
}

// removeUsersThenImage stops and removes the containers that use an image,
// then removes the image.
func (v *imagesView) removeUsersThenImage(key string, im engine.Image, users []engine.Container) {
	v.setPending(key, "Removing containers…")
	ctx := v.u.ctx
	eng := v.eng
	go func() {
		var err error
		for _, c := range users {
			if c.Running() {
				if err = eng.Stop(ctx, c.ID, nil); err != nil && !engine.IsKind(err, engine.ErrNotFound) {
					break
				}
			}
			if err = eng.Remove(ctx, c.ID, engine.RemoveOptions{Force: true}); err != nil && !engine.IsKind(err, engine.ErrNotFound) {
				break
			}
			err = nil
		}
		if err != nil {
			v.u.do(func() {
				v.setPending(key, "")
				if !engine.IsKind(err, engine.ErrCanceled) && v.u.ctx.Err() == nil {
					v.u.showError("Could not remove the containers that use "+imageLabel(im), err)
				}
			})
			return
		}
		lines, err := eng.RemoveImage(ctx, im.Ref(), false)
		v.u.do(func() { v.removed(key, im, lines, err) })
	}()
}

func (v *imagesView) setPending(key, doing string) {
	if doing == "" {
		delete(v.pending, key)
	} else {
		v.pending[key] = doing
	}
	if r := v.rowOf(key); r >= 0 {
		v.refreshRow(r)
	}
}

// --- cells --------------------------------------------------------------------

// imgCell is one cell of the Images table (cells are recycled across columns).
type imgCell struct {
	widget.BaseWidget
	v      *imagesView
	row    string
	col    int
	header bool
	box    *fyne.Container

	label   *widget.Label
	use     *fyne.Container
	useDot  *stateDot
	useText *widget.Label
	spin    *widget.Activity
	acts    *fyne.Container
	runBtn  *widget.Button
	rmBtn   *widget.Button
}

func newImgCell(v *imagesView) *imgCell {
	c := &imgCell{v: v, box: container.NewStack()}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *imgCell) CreateRenderer() fyne.WidgetRenderer { return newCellRenderer(c.box) }

func (c *imgCell) show(o fyne.CanvasObject) {
	if len(c.box.Objects) == 1 && c.box.Objects[0] == o {
		return
	}
	if c.spin != nil && o != c.use && c.spin.Visible() {
		c.spin.Stop() // the cell now shows another column
		c.spin.Hide()
	}
	c.box.Objects = []fyne.CanvasObject{o}
	c.box.Refresh()
}

func (c *imgCell) showNothing() {
	c.box.Objects = nil
	c.box.Refresh()
}

func (c *imgCell) showText(text string, style fyne.TextStyle, imp widget.Importance) {
	if c.label == nil {
		c.label = cellLabel()
	}
	setLabel(c.label, text, style, imp)
	c.show(c.label)
}

func (c *imgCell) showUse(im *engine.Image, pending string, offline bool) {
	if c.use == nil {
		c.useDot = newStateDot()
		c.useText = cellLabel()
		c.spin = widget.NewActivity()
		c.spin.Hide()
		c.use = container.NewBorder(nil, nil, c.useDot, c.spin, c.useText)
	}
	col := theme.ColorNameDisabled
	imp := widget.LowImportance
	switch {
	case offline:
	case im.Containers > 0:
		col, imp = theme.ColorNameSuccess, widget.MediumImportance
	case im.Dangling:
		col, imp = theme.ColorNameWarning, widget.WarningImportance
	}
	c.useDot.setColor(col)
	text, style := useText(im), fyne.TextStyle{}
	if pending != "" {
		text, style, imp = pending, fyne.TextStyle{}, widget.MediumImportance
		if !c.spin.Visible() {
			c.spin.Show()
			c.spin.Start()
		}
	} else if c.spin.Visible() {
		c.spin.Stop()
		c.spin.Hide()
	}
	setLabel(c.useText, text, style, imp)
	c.show(c.use)
}

func (c *imgCell) showActions(busy bool) {
	if c.acts == nil {
		c.runBtn = &widget.Button{Text: "Run…", Icon: theme.MediaPlayIcon(), Importance: widget.LowImportance, OnTapped: func() { c.v.runRow(c.row) }}
		c.rmBtn = iconButton(theme.DeleteIcon(), func() { c.v.removeRow(c.row) })
		c.acts = container.NewHBox(c.runBtn, c.rmBtn)
	}
	enable(c.runBtn, !c.v.offline)
	enable(c.rmBtn, !busy)
	c.show(c.acts)
}
