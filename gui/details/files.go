package details

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// maxView bounds what "View" reads of a file.
const maxView = 1 << 20

// loadingSuffix marks the placeholder row of a folder being listed.
const loadingSuffix = "\x00"

// filesPane is the Files tab: the container's filesystem as a tree read
// through the archive API (running or stopped, no shell needed),
// downloads, uploads, a read-only viewer, and the changed files.
type filesPane struct {
	v *View

	entries map[string][]string        // folder -> its entries' paths, once listed
	info    map[string]engine.FileInfo // path -> what it is
	errs    map[string]error           // folder -> why it could not be listed
	loading map[string]bool            // folders being listed
	tree    *widget.Tree
	sel     string // the selected path, "" for none
	started bool
	gone    bool

	onPartial func() // tests and benchmarks: after a partial listing is shown

	where    *widget.Label
	status   *widget.Label
	refresh  *widget.Button
	download *widget.Button
	upFile   *widget.Button
	upDir    *widget.Button
	viewBtn  *widget.Button
	goLink   *widget.Button
	goTo     string // a path to select once its folder is listed ("Go to target")

	xfer *transfer

	viewer      *fyne.Container
	viewerTitle *widget.Label
	viewerText  *widget.TextGrid
	split       *container.Split

	changes     []engine.FileChange
	changeList  *widget.List
	changeState *widget.Label
	changesSeen bool
	sub         *container.AppTabs

	content fyne.CanvasObject
}

var fileCols = &cols{widths: []float32{0, 90, 110, 150}, fill: 0}

func newFilesPane(v *View) *filesPane {
	f := &filesPane{v: v, entries: map[string][]string{}, info: map[string]engine.FileInfo{},
		errs: map[string]error{}, loading: map[string]bool{}}
	f.info["/"] = engine.FileInfo{Name: "/", Path: "/", Mode: fs.ModeDir | 0o755}
	f.tree = &widget.Tree{ChildUIDs: f.childUIDs, IsBranch: f.isBranch, CreateNode: f.createNode, UpdateNode: f.updateNode,
		OnSelected: f.selected, OnUnselected: func(string) { f.selected("") }}
	f.tree.ExtendBaseWidget(f.tree)
	f.where = &widget.Label{Truncation: fyne.TextTruncateClip, TextStyle: fyne.TextStyle{Monospace: true}}
	f.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	f.refresh = &widget.Button{Icon: theme.ViewRefreshIcon(), OnTapped: f.refreshFolder}
	f.download = &widget.Button{Text: i18n.T("details.files.download"), Icon: theme.DownloadIcon(), OnTapped: f.chooseDownload}
	f.upFile = &widget.Button{Text: i18n.T("details.files.uploadFile"), Icon: theme.UploadIcon(), OnTapped: f.chooseUploadFile}
	f.upDir = &widget.Button{Text: i18n.T("details.files.uploadFolder"), Icon: theme.FolderNewIcon(), OnTapped: f.chooseUploadFolder}
	f.viewBtn = &widget.Button{Text: i18n.T("details.files.view"), Icon: theme.DocumentIcon(), OnTapped: f.viewSelected}
	f.goLink = &widget.Button{Text: i18n.T("details.files.goToTarget"), Icon: theme.MailForwardIcon(), OnTapped: f.goToTarget}
	f.xfer = newTransfer(f)

	f.viewerTitle = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	f.viewerText = widget.NewTextGrid()
	closeViewer := &widget.Button{Icon: theme.WindowCloseIcon(), Importance: widget.LowImportance, OnTapped: f.closeViewer}
	f.viewer = container.NewBorder(container.NewBorder(nil, nil, nil, closeViewer, f.viewerTitle), nil, nil, nil, f.viewerText)

	header := container.New(fileCols, bold(i18n.T("details.files.name")), bold(i18n.T("details.files.size")), bold(i18n.T("details.files.mode")), bold(i18n.T("details.files.modified")))
	browse := container.NewBorder(header, nil, nil, nil, f.tree)
	f.split = container.NewVSplit(browse, f.viewer)
	f.split.SetOffset(1)
	f.viewer.Hide()
	tools := container.NewBorder(nil, nil, nil,
		container.NewHBox(f.refresh, f.goLink, f.viewBtn, f.download, f.upFile, f.upDir), f.where)
	bottom := container.NewVBox(f.xfer.box, f.status)
	browseTab := container.NewBorder(tools, bottom, nil, nil, f.split)

	f.changeState = widget.NewLabel("")
	f.changeList = &widget.List{Length: func() int { return len(f.changes) }, CreateItem: f.createChange, UpdateItem: f.updateChange}
	changesTop := container.NewBorder(nil, nil, nil,
		&widget.Button{Text: i18n.T("details.files.refresh"), Icon: theme.ViewRefreshIcon(), OnTapped: f.loadChanges}, f.changeState)
	changesTab := container.NewBorder(changesTop, nil, nil, nil, f.changeList)

	changesItem := container.NewTabItem(i18n.T("details.files.changes"), changesTab)
	f.sub = container.NewAppTabs(container.NewTabItem(i18n.T("details.files.browse"), browseTab), changesItem)
	f.sub.OnSelected = func(t *container.TabItem) {
		if t == changesItem && !f.changesSeen {
			f.loadChanges()
		}
	}
	f.content = f.sub
	f.selected("")
	return f
}

func (f *filesPane) Content() fyne.CanvasObject { return f.content }

// Shown lists the root the first time the tab is shown (never before).
func (f *filesPane) Shown() {
	if !f.started {
		f.started = true
		f.tree.OpenBranch("/")
	}
}

func (f *filesPane) Hidden() {}
func (f *filesPane) Close()  { f.xfer.cancelRun() }

// containerGone disables what needs the container.
func (f *filesPane) containerGone() {
	f.gone = true
	f.status.SetText(i18n.T("details.files.gone"))
	f.selected(f.sel)
	f.refresh.Disable()
}

func (f *filesPane) childUIDs(id string) []string {
	if id == "" {
		return []string{"/"}
	}
	if kids, ok := f.entries[id]; ok {
		if f.loading[id] {
			return append(kids[:len(kids):len(kids)], id+loadingSuffix)
		}
		return kids
	}
	if f.errs[id] == nil {
		f.list(id)
	}
	return []string{id + loadingSuffix}
}

func (f *filesPane) isBranch(id string) bool {
	if id == "" {
		return true
	}
	fi, ok := f.info[id]
	return ok && fi.IsDir()
}

// list lists a folder in a goroutine (once at a time per folder).
func (f *filesPane) list(dir string) {
	if f.loading[dir] || f.gone {
		return
	}
	f.loading[dir] = true
	id := f.v.c.ID
	go func() {
		list, err := f.v.api.Files.ContainerListDir(f.v.ctx, id, dir, func(part []engine.FileInfo) {
			f.v.h.Do(func() { f.partial(dir, part) })
		})
		f.v.h.Do(func() { f.listed(dir, list, err) })
	}()
}

// partial shows the entries found so far of a folder still being listed.
func (f *filesPane) partial(dir string, part []engine.FileInfo) {
	if !f.loading[dir] {
		return
	}
	f.setEntries(dir, part)
	if f.onPartial != nil {
		f.onPartial()
	}
}

func (f *filesPane) setEntries(dir string, list []engine.FileInfo) {
	kids := make([]string, len(list))
	for i, fi := range list {
		kids[i] = fi.Path
		f.info[fi.Path] = fi
	}
	f.entries[dir] = kids
	f.tree.Refresh()
	if f.goTo != "" && !f.loading[dir] && parentDir(f.goTo) == dir {
		target := f.goTo
		f.goTo = ""
		if slices.Contains(kids, target) {
			f.tree.Select(target)
			f.tree.ScrollTo(target)
		} else {
			f.status.SetText(i18n.T("details.files.notIn", "Path", target, "Folder", dir))
		}
	}
}

// linkTarget is the absolute path the link fi points to.
func linkTarget(fi engine.FileInfo) string {
	if strings.HasPrefix(fi.LinkTarget, "/") {
		return engine.JoinPath("/", fi.LinkTarget)
	}
	return engine.JoinPath(parentDir(fi.Path), fi.LinkTarget)
}

// goToTarget selects where the selected link points: its folders opened
// (and listed), the target selected.
func (f *filesPane) goToTarget() {
	fi, ok := f.info[f.sel]
	if !ok || !fi.IsLink() {
		return
	}
	target := linkTarget(fi)
	var dirs []string
	for d := parentDir(target); ; d = parentDir(d) {
		dirs = append(dirs, d)
		if d == "/" {
			break
		}
	}
	slices.Reverse(dirs)
	for _, d := range dirs {
		if _, known := f.info[d]; !known {
			f.info[d] = engine.FileInfo{Name: d[strings.LastIndex(d, "/")+1:], Path: d, Mode: fs.ModeDir | 0o755}
		}
		f.tree.OpenBranch(d)
	}
	dir := parentDir(target)
	if kids, ok := f.entries[dir]; ok && !f.loading[dir] {
		if slices.Contains(kids, target) {
			f.tree.Select(target)
			f.tree.ScrollTo(target)
		} else {
			f.status.SetText(i18n.T("details.files.linkMissing", "Path", fi.Path, "Target", target))
		}
		return
	}
	f.goTo = target
}

func (f *filesPane) listed(dir string, list []engine.FileInfo, err error) {
	delete(f.loading, dir)
	if err != nil {
		f.errs[dir] = err
		f.status.SetText(present.Explain(err))
		f.tree.Refresh()
		return
	}
	delete(f.errs, dir)
	f.setEntries(dir, list)
}

// Folder is where uploads go: the selected folder, the selected file's, or /.
func (f *filesPane) folder() string {
	if f.sel == "" {
		return "/"
	}
	if fi := f.info[f.sel]; fi.IsDir() {
		return f.sel
	}
	return parentDir(f.sel)
}

func parentDir(p string) string {
	i := strings.LastIndex(p, "/")
	if i <= 0 {
		return "/"
	}
	return p[:i]
}

func (f *filesPane) selected(id string) {
	if strings.HasSuffix(id, loadingSuffix) {
		id = ""
	}
	f.sel = id
	fi, ok := f.info[id]
	shown := id
	if shown == "" {
		shown = "/"
	}
	if ok && fi.IsLink() {
		shown += " → " + fi.LinkTarget
	}
	f.where.SetText(shown)
	busy := f.xfer.running() || f.gone
	kit.Enable(f.download, ok && id != "" && !busy)
	kit.Enable(f.viewBtn, ok && (fi.Mode.IsRegular() || fi.IsLink()) && !busy)
	kit.Enable(f.goLink, ok && fi.IsLink() && !f.gone)
	kit.Enable(f.upFile, !busy)
	kit.Enable(f.upDir, !busy)
}

// refreshFolder lists the selected folder (or the selected file's) again.
func (f *filesPane) refreshFolder() {
	dir := f.folder()
	delete(f.entries, dir)
	delete(f.errs, dir)
	f.status.SetText("")
	f.tree.Refresh()
}

func (f *filesPane) createNode(bool) fyne.CanvasObject {
	icon := widget.NewIcon(theme.FileIcon())
	name := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	return container.New(fileCols, container.NewBorder(nil, nil, icon, nil, name),
		&widget.Label{Alignment: fyne.TextAlignTrailing}, &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}}, widget.NewLabel(""))
}

func (f *filesPane) updateNode(id string, _ bool, o fyne.CanvasObject) {
	cells := o.(*fyne.Container).Objects
	nameBox := cells[0].(*fyne.Container)
	name, icon := nameBox.Objects[0].(*widget.Label), nameBox.Objects[1].(*widget.Icon)
	size, mode, mod := cells[1].(*widget.Label), cells[2].(*widget.Label), cells[3].(*widget.Label)
	if dir, ok := strings.CutSuffix(id, loadingSuffix); ok {
		icon.SetResource(theme.InfoIcon())
		if err := f.errs[dir]; err != nil {
			name.Importance = widget.DangerImportance
			name.SetText(present.Explain(err))
		} else {
			name.Importance = widget.LowImportance
			name.SetText(i18n.T("details.loading"))
		}
		size.SetText("")
		mode.SetText("")
		mod.SetText("")
		return
	}
	fi := f.info[id]
	name.Importance = widget.MediumImportance
	label := fi.Name
	switch {
	case id == "/":
		label = "/"
		icon.SetResource(theme.FolderIcon())
	case fi.IsDir():
		icon.SetResource(theme.FolderIcon())
	case fi.IsLink():
		icon.SetResource(theme.MailForwardIcon())
		label += " → " + fi.LinkTarget
	default:
		icon.SetResource(theme.FileIcon())
	}
	name.SetText(label)
	if fi.IsDir() || fi.IsLink() {
		size.SetText("")
	} else {
		size.SetText(present.HumanSize(fi.Size))
	}
	mode.SetText(fi.Mode.String())
	if fi.ModTime.IsZero() {
		mod.SetText("")
	} else {
		mod.SetText(fi.ModTime.Local().Format("2006-01-02 15:04"))
	}
}

// --- changed files ------------------------------------------------------------

func (f *filesPane) loadChanges() {
	f.changesSeen = true
	if f.gone {
		return
	}
	f.changeState.SetText(i18n.T("details.loading"))
	id := f.v.c.ID
	go func() {
		cs, err := f.v.api.Files.ContainerDiff(f.v.ctx, id)
		f.v.h.Do(func() {
			if err != nil {
				f.changeState.SetText(present.Explain(err))
				return
			}
			f.changes = cs
			var a, c, d int
			for _, x := range cs {
				switch x.Kind {
				case engine.Added:
					a++
				case engine.Changed:
					c++
				case engine.Deleted:
					d++
				}
			}
			if len(cs) == 0 {
				f.changeState.SetText(i18n.T("details.changes.none"))
			} else {
				f.changeState.SetText(i18n.T("details.changes.count", "Added", a, "Changed", c, "Deleted", d))
			}
			f.changeList.Refresh()
		})
	}()
}

func (f *filesPane) createChange() fyne.CanvasObject {
	kind := &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}}
	return container.NewBorder(nil, nil, kind, nil, &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Truncation: fyne.TextTruncateEllipsis})
}

func (f *filesPane) updateChange(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(f.changes) {
		return
	}
	c := f.changes[i]
	objs := o.(*fyne.Container).Objects
	p, kind := objs[0].(*widget.Label), objs[1].(*widget.Label)
	kind.Importance = map[engine.ChangeKind]widget.Importance{engine.Added: widget.SuccessImportance,
		engine.Changed: widget.WarningImportance, engine.Deleted: widget.DangerImportance}[c.Kind]
	kind.SetText(fmt.Sprintf("%-8s", changeWord(c.Kind)))
	p.SetText(c.Path)
}

// changeWord is how the Changed files list names a change.
func changeWord(k engine.ChangeKind) string {
	switch k {
	case engine.Added:
		return i18n.T("details.changes.added")
	case engine.Deleted:
		return i18n.T("details.changes.deleted")
	}
	return i18n.T("details.changes.changed")
}

// --- the viewer ---------------------------------------------------------------

// viewSelected views the selected file, or the file a selected link points to.
func (f *filesPane) viewSelected() {
	fi, ok := f.info[f.sel]
	if !ok {
		return
	}
	if fi.IsLink() {
		f.resolve(fi, func(target engine.FileInfo) {
			if target.Mode.IsRegular() {
				f.info[target.Path] = target
				f.view(target.Path)
			} else {
				f.status.SetText(i18n.T("details.files.linkNotFile", "Path", fi.Path, "Target", target.Path))
			}
		})
		return
	}
	f.view(f.sel)
}

// view shows a text file read-only, its first maxView bytes.
func (f *filesPane) view(p string) {
	fi, ok := f.info[p]
	if !ok || !fi.Mode.IsRegular() {
		return
	}
	f.viewerTitle.SetText(i18n.T("details.files.viewLoading", "Path", p))
	f.viewerText.SetText("")
	f.viewer.Show()
	f.split.SetOffset(0.62)
	id := f.v.c.ID
	go func() {
		var buf limitBuffer
		buf.max = maxView
		rc, info, err := f.v.api.Files.ContainerCopyFrom(f.v.ctx, id, p)
		if err == nil {
			_, err = engine.CopyTarFile(rc, &buf, nil)
			rc.Close()
			if err == errFull {
				err = nil
			}
		}
		f.v.h.Do(func() {
			if err != nil {
				f.viewerTitle.SetText(p)
				f.viewerText.SetText(present.Explain(err))
				return
			}
			data := buf.b
			title := p + " · " + present.HumanSize(info.Size)
			if info.Size > maxView {
				title = i18n.T("details.files.viewFirst", "Title", title, "Size", present.HumanSize(maxView))
			}
			f.viewerTitle.SetText(title)
			if isBinary(data) {
				f.viewerText.SetText(i18n.T("details.files.binary"))
				return
			}
			f.viewerText.SetText(strings.ReplaceAll(string(data), "\t", "    "))
		})
	}()
}

func (f *filesPane) closeViewer() {
	f.viewer.Hide()
	f.viewerText.SetText("")
	f.split.SetOffset(1)
}

// isBinary reports whether data does not look like text: a NUL byte or
// invalid UTF-8 in its first 8 KB.
func isBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	if slices.Contains(head, 0) {
		return true
	}
	for len(head) > 0 {
		r, n := utf8.DecodeRune(head)
		if r == utf8.RuneError && n == 1 && len(head) >= utf8.UTFMax {
			return true
		}
		head = head[n:]
	}
	return false
}

// complete reports whether the folder's whole listing is in (not a partial one).
func (f *filesPane) complete(dir string) bool {
	_, ok := f.entries[dir]
	return ok && !f.loading[dir]
}
