// Package run is the run dialog: `docker run --detach` as a form, with the
// equivalent command line shown live, a pasted command line read back into
// the form, and the engine's errors shown next to the field they are about
// (until that field changes or the engine is back). Escape closes it,
// wherever the focus is.
package run

import (
	"context"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
	"berth/gui/pull"
)

// Host is what the dialog needs from the shell.
type Host interface {
	// Do runs f on the UI goroutine.
	Do(f func())
	Now() time.Time
	Window() fyne.Window
	// Context ends when the app closes.
	Context() context.Context
	Ask(q kit.Question)
	// State is the live state: local images, published ports, updates.
	State() engine.State
	// ShowMain raises the main window (from the tray): the dialog opens over it.
	ShowMain()
}

// debounce is how long the dialog waits after typing before it asks the
// engine or the machine anything (exposed ports, is a host port free).
const debounce = 300 * time.Millisecond

// Dialog is the run dialog. Its methods run on the UI goroutine.
type Dialog struct {
	h          Host
	containers engine.ContainerAPI
	images     engine.ImageAPI
	ctx        context.Context // canceled when the dialog closes
	cancel     context.CancelFunc
	dlg        *dialog.CustomDialog // nil until show
	local      bool                 // the engine runs on this machine: check host ports here

	imageEntry    *imageField
	imageMsg      *widget.Label
	nameEntry     *kit.DialogEntry
	nameMsg       *widget.Label
	ports         *kit.RowEditor[*PortRow]
	env           *kit.RowEditor[*envRow]
	binds         *kit.RowEditor[*bindRow]
	restartSelect *kit.DialogSelect
	cmdEntry      *kit.DialogEntry
	cmdMsg        *widget.Label
	commandLabel  *widget.Label
	copyButton    *kit.DialogButton
	pasteEntry    *kit.DialogEntry
	pasteButton   *kit.DialogButton
	pasteMsg      *widget.Label
	progress      *pull.Progress
	statusLabel   *widget.Label
	errorLabel    *widget.Label
	details       *kit.DetailsToggle // the engine's words on the run error shown
	runButton     *kit.DialogButton
	cancelButton  *kit.DialogButton
	content       fyne.CanvasObject

	// Results from other goroutines, applied on the UI goroutine.
	storeChanges *kit.Coalescer[engine.Change]
	imageResults *kit.Coalescer[imageResult]
	portResults  *kit.Coalescer[[]portResult]

	// UI goroutine only.
	unsub        func()
	filling      bool // the dialog itself is setting widgets: not a user edit
	portsTouched bool // the user edited the port rows: no more pre-filling
	prefilled    bool // the port rows came from the image's exposed ports
	exposed      []string
	imageChoices []string // what the image field offers
	lastImage    string   // the image field's text before the last change
	imageSeq     int
	imageTimer   *time.Timer
	// The last run's error, in plain words next to the field it is about,
	// until that field is edited or the engine is back (then gone).
	runErr   error
	nameErr  string
	imageErr string
	cmdErr   string
	formErr  string // about no field: under the form, until any edit
	running  bool
	closed   bool
	debounce time.Duration
	// onAsync, if set, is told (on the UI goroutine) when asynchronous work
	// has been applied: "image", "port", "images", "run". Tests use it.
	onAsync func(what string)
}

// Open opens the run dialog over the main window, pre-filled with image ("" for none).
func Open(h Host, containers engine.ContainerAPI, images engine.ImageAPI, image string) *Dialog {
	d := newDialog(h, containers, images, image)
	d.show()
	return d
}

// newDialog builds the dialog without showing it.
func newDialog(h Host, containers engine.ContainerAPI, images engine.ImageAPI, image string) *Dialog {
	ctx, cancel := context.WithCancel(h.Context())
	d := &Dialog{h: h, containers: containers, images: images, ctx: ctx, cancel: cancel,
		local: engineIsLocal(h.State().Snapshot().Endpoint.Host), debounce: debounce}
	d.storeChanges = kit.NewCoalescer(h.Do, engine.Change.Merge, d.applyStoreChange)
	d.imageResults = kit.NewCoalescer(h.Do, nil, d.applyImageCheck)
	d.portResults = kit.NewCoalescer(h.Do, func(pending, next []portResult) []portResult { return append(pending, next...) }, d.applyPortResults)

	d.imageEntry = newImageField()
	d.imageEntry.PlaceHolder = i18n.T("run.image.placeholder")
	d.imageEntry.OnChanged = d.imageChanged
	d.imageMsg = kit.MessageLabel()
	d.nameEntry = entry(i18n.T("run.name.placeholder"), "", d.nameChanged)
	d.nameEntry.OnSubmitted = d.submitted
	d.nameMsg = kit.MessageLabel()

	d.ports = d.newPortEditor()
	d.env = d.newEnvEditor()
	d.binds = d.newBindEditor()
	d.restartSelect = kit.NewDialogSelect(
		[]string{string(engine.RestartNo), string(engine.RestartAlways), string(engine.RestartUnlessStopped), string(engine.RestartOnFailure)},
		string(engine.RestartNo), d.anyChanged)
	d.cmdEntry = entry(i18n.T("run.cmd.placeholder"), "", d.cmdChanged)
	d.cmdMsg = kit.MessageLabel()

	// Not selectable (a selectable label takes the focus, and Escape with
	// it): Copy puts the whole line on the clipboard.
	d.commandLabel = &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Wrapping: fyne.TextWrapWord}
	d.commandLabel.ExtendBaseWidget(d.commandLabel)
	d.copyButton = kit.NewDialogButton(i18n.T("run.copy"), theme.ContentCopyIcon(), d.copyTapped)
	d.pasteEntry = entry(i18n.T("run.paste.placeholder"), "", nil)
	d.pasteEntry.OnSubmitted = func(string) { d.pasteTapped() }
	d.pasteButton = kit.NewDialogButton(i18n.T("run.paste.button"), theme.ContentPasteIcon(), func() { d.pasteTapped() })
	d.pasteMsg = kit.MessageLabel()
	d.progress = pull.NewProgress(h.Do, 120) // three layers in view; the form stays usable
	d.statusLabel = kit.MessageLabel()
	d.errorLabel = kit.MessageLabel()
	d.details = kit.NewDetailsToggle()
	d.runButton = kit.NewDialogButton(i18n.T("run.run"), theme.MediaPlayIcon(), d.run)
	d.runButton.Importance = widget.HighImportance
	d.cancelButton = kit.NewDialogButton(i18n.T("run.cancel"), nil, d.Close)

	d.content = d.layout()

	d.filling = true
	d.setPorts([]runPort{{}})
	d.refreshImageOptions()
	d.imageEntry.SetText(image)
	d.filling = false
	d.unsub = h.State().Subscribe(d.storeChanged)
	d.validate()
	if strings.TrimSpace(image) != "" {
		d.scheduleImageCheck()
	}
	return d
}

func (d *Dialog) layout() fyne.CanvasObject {
	heading := func(s string) *widget.Label {
		return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}}
	}
	form := container.New(layout.NewFormLayout(),
		heading(i18n.T("run.field.image")), container.NewVBox(d.imageEntry, d.imageMsg),
		heading(i18n.T("run.field.name")), container.NewVBox(d.nameEntry, d.nameMsg),
		heading(i18n.T("run.field.ports")), d.ports.Content(),
		heading(i18n.T("run.field.env")), d.env.Content(),
		heading(i18n.T("run.field.volumes")), d.binds.Content(),
		heading(i18n.T("run.field.restart")), container.NewHBox(d.restartSelect),
		heading(i18n.T("run.field.command")), container.NewVBox(d.cmdEntry, d.cmdMsg),
	)
	paste := container.NewVBox(
		container.NewBorder(nil, nil, nil, d.pasteButton, d.pasteEntry),
		d.pasteMsg,
		widget.NewSeparator(),
	)
	preview := container.NewVBox(
		widget.NewSeparator(),
		container.NewBorder(nil, nil, &widget.Label{Text: i18n.T("run.commandLine"), TextStyle: fyne.TextStyle{Bold: true}},
			container.NewVBox(d.copyButton), d.commandLabel),
		d.progress.Content(),
		d.statusLabel,
		d.errorLabel,
		d.details.Content(),
	)
	// The parts in the order they show, top to bottom: Tab follows it
	// (container.NewBorder would put the form before the paste box).
	return container.New(layout.NewBorderLayout(paste, preview, nil, nil),
		paste, container.NewVScroll(container.NewPadded(form)), preview)
}

// show shows the dialog over the main window (raising it from the tray if need be).
func (d *Dialog) show() {
	win := d.h.Window()
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("run.title"), d.content, win)
	d.dlg.SetButtons([]fyne.CanvasObject{d.cancelButton, d.runButton})
	endEscape := kit.CloseOnEscape(win, d.Close)
	d.dlg.SetOnClosed(func() {
		endEscape()
		d.Close()
	})
	d.dlg.Resize(fyne.NewSize(860, 680))
	d.h.ShowMain()
	d.dlg.Show()
	if strings.TrimSpace(d.imageEntry.Text) == "" {
		win.Canvas().Focus(d.imageEntry)
	} else {
		win.Canvas().Focus(d.nameEntry)
	}
}

// Close closes the dialog; a run in flight is canceled with it.
func (d *Dialog) Close() {
	if d.closed {
		return
	}
	d.closed = true
	d.cancel()
	d.unsub()
	if d.imageTimer != nil {
		d.imageTimer.Stop()
	}
	for _, r := range d.ports.Rows() {
		r.stop()
	}
	if d.dlg != nil {
		d.dlg.Hide()
	}
}

// Closed reports whether the dialog has closed (after a run, or canceled).
func (d *Dialog) Closed() bool { return d.closed }

// ImageEntry is the image field.
func (d *Dialog) ImageEntry() *widget.SelectEntry { return &d.imageEntry.SelectEntry }

// NameEntry is the name field.
func (d *Dialog) NameEntry() *widget.Entry { return &d.nameEntry.Entry }

// PortRows are the port mapping rows, top to bottom.
func (d *Dialog) PortRows() []*PortRow { return d.ports.Rows() }

// CommandLine is the docker run command line the form stands for.
func (d *Dialog) CommandLine() string { return d.commandLabel.Text }

// RunButton is the Run button.
func (d *Dialog) RunButton() *widget.Button { return &d.runButton.Button }

// ErrorText is the error shown under the form that is about no field ("" for none).
func (d *Dialog) ErrorText() string { return kit.MessageText(d.errorLabel) }

// Progress is the pull progress shown while a missing image is pulled.
func (d *Dialog) Progress() *pull.Progress { return d.progress }

func (d *Dialog) async(what string) {
	if d.onAsync != nil {
		d.onAsync(what)
	}
}

// --- the form as values --------------------------------------------------------------------

// form reads the widgets into a runForm.
func (d *Dialog) form() runForm {
	f := runForm{Image: d.imageEntry.Text, Name: d.nameEntry.Text, Restart: engine.RestartPolicy(d.restartSelect.Selected)}
	for _, r := range d.ports.Rows() {
		f.Ports = append(f.Ports, r.value())
	}
	for _, r := range d.env.Rows() {
		f.Env = append(f.Env, runEnv{Key: r.key.Text, Value: r.value.Text})
	}
	for _, r := range d.binds.Rows() {
		f.Binds = append(f.Binds, r.value())
	}
	if words, err := cmdSplit(d.cmdEntry.Text); err == nil && len(words) > 0 {
		f.Cmd = words
	}
	return f
}

// fill sets the widgets from a form (a pasted command).
func (d *Dialog) fill(f runForm) {
	d.filling = true
	d.imageEntry.SetText(f.Image)
	d.nameEntry.SetText(f.Name)
	ports := f.Ports
	if len(ports) == 0 {
		ports = []runPort{{}}
	}
	d.setPorts(ports)
	envs := make([]*envRow, len(f.Env))
	for i, e := range f.Env {
		envs[i] = d.newEnvRow(e)
	}
	d.env.Set(envs)
	binds := make([]*bindRow, len(f.Binds))
	for i, b := range f.Binds {
		binds[i] = d.newBindRow(b)
	}
	d.binds.Set(binds)
	restart := f.Restart
	if restart == "" {
		restart = engine.RestartNo
	}
	d.restartSelect.SetSelected(string(restart))
	d.cmdEntry.SetText(cmdJoin(f.Cmd))
	d.filling = false
	d.portsTouched, d.prefilled = true, false
	d.clearRunError()
	d.imageSeq++ // drop a pending pre-fill
	d.validate()
	for _, r := range d.ports.Rows() {
		r.scheduleCheck()
	}
}

// --- validation ----------------------------------------------------------------------------

// imageLocal reports whether ref names an image on the engine, by the store's snapshot.
func imageLocal(snap engine.Snapshot, ref string) bool {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return false
	}
	norm, err := engine.ValidateImage(ref)
	for _, img := range snap.Images {
		if ref == img.ShortID || len(ref) >= 12 && strings.HasPrefix(strings.TrimPrefix(img.ID, "sha256:"), strings.TrimPrefix(ref, "sha256:")) {
			return true
		}
		if err != nil {
			continue
		}
		for _, t := range img.RepoTags {
			if n, e := engine.ValidateImage(t); e == nil && n == norm {
				return true
			}
		}
	}
	return false
}

// validate checks every field, shows the messages next to them, updates the
// command line and enables Run only when the form is valid. It returns
// whether the form is valid.
func (d *Dialog) validate() bool {
	if d.filling {
		return false
	}
	ok := true
	img := strings.TrimSpace(d.imageEntry.Text)
	_, imgErr := engine.ValidateImage(img)
	switch {
	case img == "":
		kit.ShowMessage(d.imageMsg, present.Explain(imgErr), widget.LowImportance)
		ok = false
	case imgErr != nil:
		kit.ShowMessage(d.imageMsg, present.Explain(imgErr), widget.DangerImportance)
		ok = false
	case d.imageErr != "":
		kit.ShowMessage(d.imageMsg, d.imageErr, widget.DangerImportance)
	case imageLocal(d.h.State().Snapshot(), img):
		text := i18n.T("run.image.local")
		if len(d.exposed) > 0 {
			text = i18n.T("run.image.localExposes", "Ports", i18n.Join(d.exposed))
		}
		kit.ShowMessage(d.imageMsg, text, widget.LowImportance)
	default:
		kit.ShowMessage(d.imageMsg, i18n.T("run.image.missing"), widget.LowImportance)
	}

	if err := engine.ValidateName(strings.TrimSpace(d.nameEntry.Text)); err != nil {
		kit.ShowMessage(d.nameMsg, present.Explain(err), widget.DangerImportance)
		ok = false
	} else {
		kit.ShowMessage(d.nameMsg, d.nameErr, widget.DangerImportance)
	}

	seen := map[string][]string{}
	ok = d.ports.Check(func(r *PortRow) kit.RowMessage { return d.portMessage(r, seen) }) && ok
	ok = d.env.Check(envMessage) && ok
	ok = d.binds.Check(d.bindMessage) && ok
	if _, err := cmdSplit(d.cmdEntry.Text); err != nil {
		kit.ShowMessage(d.cmdMsg, i18n.T("run.cmd.unreadable", "Why", err.Error()), widget.DangerImportance)
		ok = false
	} else {
		kit.ShowMessage(d.cmdMsg, d.cmdErr, widget.DangerImportance)
	}
	kit.ShowMessage(d.errorLabel, d.formErr, widget.DangerImportance)
	if !d.runErrorShown() {
		d.runErr = nil
	}
	d.details.SetText(kit.EngineWords(d.runErr))

	d.commandLabel.SetText(generateRunCommand(d.form()))
	kit.Enable(&d.runButton.Button, ok && !d.running)
	return ok
}

// runErrorShown reports whether a word of the last run's error is still
// next to a field or under the form.
func (d *Dialog) runErrorShown() bool {
	if d.nameErr != "" || d.imageErr != "" || d.cmdErr != "" || d.formErr != "" {
		return true
	}
	for _, r := range d.ports.Rows() {
		if r.engineErr != "" {
			return true
		}
	}
	return false
}

// clearRunError takes the last run's error off every field.
func (d *Dialog) clearRunError() {
	d.runErr = nil
	d.nameErr, d.imageErr, d.cmdErr, d.formErr = "", "", "", ""
	for _, r := range d.ports.Rows() {
		r.engineErr = ""
	}
}

// --- handlers ------------------------------------------------------------------------------

// anyChanged follows an edit of a field the engine's errors are not
// about: an error about no field goes.
func (d *Dialog) anyChanged(string) {
	if d.filling {
		return
	}
	d.formErr = ""
	d.validate()
}

func (d *Dialog) nameChanged(s string) {
	if !d.filling {
		d.nameErr = ""
	}
	d.anyChanged(s)
}

func (d *Dialog) cmdChanged(s string) {
	if !d.filling {
		d.cmdErr = ""
	}
	d.anyChanged(s)
}

func (d *Dialog) imageChanged(text string) {
	prev := d.lastImage
	d.lastImage = text
	if d.filling {
		return
	}
	// A whole docker run command pasted into the image field fills the form.
	// (After the entry has finished handling the paste.)
	if t := strings.TrimSpace(text); len(text)-len(prev) > 1 && looksLikeRunCommand(t) {
		d.validate()
		d.h.Do(func() {
			if d.closed || strings.TrimSpace(d.imageEntry.Text) != t {
				return
			}
			d.pasteEntry.SetText(t)
			if !d.pasteTapped() {
				d.validate()
			}
		})
		return
	}
	d.imageErr, d.formErr = "", ""
	d.exposed = nil
	d.validate()
	d.scheduleImageCheck()
}

// looksLikeRunCommand reports whether s is a docker run command line rather than an image name.
func looksLikeRunCommand(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "$ "), "sudo ")
	return strings.HasPrefix(s, "docker run ") || strings.HasPrefix(s, "docker container run ")
}

func (d *Dialog) submitted(string) {
	if d.runButton.Disabled() {
		return
	}
	d.run()
}

// imageResult is what an image check found: the ports the image exposes
// and the port rows made from them.
type imageResult struct {
	seq     int
	exposed []string
	rows    []runPort
}

// scheduleImageCheck asks, after a pause in typing, which ports the image
// exposes, and pre-fills the port rows with them (container ports only: the
// host port is the user's to type) while the user has not edited the rows.
func (d *Dialog) scheduleImageCheck() {
	d.imageSeq++
	seq := d.imageSeq
	ref := strings.TrimSpace(d.imageEntry.Text)
	if d.imageTimer != nil {
		d.imageTimer.Stop()
	}
	d.imageTimer = time.AfterFunc(d.debounce, func() { d.checkImage(seq, ref) })
}

// checkImage runs off the UI goroutine.
func (d *Dialog) checkImage(seq int, ref string) {
	if d.ctx.Err() != nil {
		return
	}
	res := imageResult{seq: seq}
	if _, err := engine.ValidateImage(ref); err == nil && imageLocal(d.h.State().Snapshot(), ref) {
		ports, err := d.images.ImageExposedPorts(d.ctx, ref)
		if err == nil {
			res.exposed = ports
			for _, p := range ports {
				num, proto, _ := strings.Cut(p, "/")
				if proto == "" {
					proto = i18n.Code("tcp")
				}
				res.rows = append(res.rows, runPort{ContainerPort: num, Proto: proto})
			}
		}
	}
	d.imageResults.Post(res)
}

func (d *Dialog) applyImageCheck(res imageResult) {
	if d.closed || res.seq != d.imageSeq {
		return
	}
	d.exposed = res.exposed
	if !d.portsTouched {
		switch {
		case len(res.rows) > 0:
			d.filling = true
			d.setPorts(res.rows)
			d.filling = false
			d.prefilled = true
		case d.prefilled:
			d.filling = true
			d.setPorts([]runPort{{}})
			d.filling = false
			d.prefilled = false
		}
	}
	d.validate()
	d.async(i18n.Code("image"))
}

// storeChanged runs on the store's goroutine.
func (d *Dialog) storeChanged(snap engine.Snapshot, ch engine.Change) {
	if ch.Full || ch.Images || len(ch.Containers) > 0 || len(ch.Removed) > 0 || ch.Reachability && snap.Reachable {
		d.storeChanges.Post(ch)
	}
}

// applyStoreChange refreshes the image choices and what the fields say of
// local images and published ports; when the engine is back, the errors of
// a run that failed while it was away go.
func (d *Dialog) applyStoreChange(ch engine.Change) {
	if d.closed {
		return
	}
	if ch.Reachability && d.h.State().Snapshot().Reachable {
		d.clearRunError()
	}
	if ch.Full || ch.Images {
		d.refreshImageOptions()
	}
	if ch.Full || ch.Volumes {
		d.refreshVolumeOptions() // volumes.go
	}
	d.validate()
	d.async(i18n.Code("images"))
}

// refreshImageOptions offers the local images in the image field's
// drop-down: each tag once (the snapshot has a row per tag, each with all
// the image's tags), untagged images not at all.
func (d *Dialog) refreshImageOptions() {
	var refs []string
	seen := map[string]bool{}
	for _, img := range d.h.State().Snapshot().Images {
		for _, t := range img.RepoTags {
			if !seen[t] && !strings.HasPrefix(t, "<none>") {
				seen[t] = true
				refs = append(refs, t)
			}
		}
	}
	sort.Strings(refs)
	d.imageChoices = refs
	d.imageEntry.SetOptions(refs)
}

func (d *Dialog) copyTapped() {
	fyne.CurrentApp().Clipboard().SetContent(d.commandLabel.Text)
	kit.ShowMessage(d.statusLabel, i18n.T("run.copied"), widget.LowImportance)
}

// pasteTapped fills the form from the command in the paste field and reports
// whether it could.
func (d *Dialog) pasteTapped() bool {
	line := strings.TrimSpace(d.pasteEntry.Text)
	if line == "" {
		kit.ShowMessage(d.pasteMsg, i18n.T("run.paste.empty"), widget.LowImportance)
		return false
	}
	f, notes, err := parseRunCommand(line)
	if err != nil {
		kit.ShowMessage(d.pasteMsg, i18n.T("run.paste.failed", "Why", err.Error()), widget.DangerImportance)
		return false
	}
	d.fill(f)
	msg := i18n.T("run.paste.filled")
	if len(notes) > 0 {
		msg += " " + strings.Join(notes, " ")
	}
	kit.ShowMessage(d.pasteMsg, msg, widget.LowImportance)
	return true
}

// --- running -------------------------------------------------------------------------------

// run starts the container: ContainerRun in a goroutine, pulling first if
// the image is missing, with the pull's progress shown in the dialog.
func (d *Dialog) run() {
	if d.running || d.closed || !d.validate() {
		return
	}
	spec := d.form().spec()
	d.running = true
	d.runButton.Disable()
	d.clearRunError()
	d.validate()
	if imageLocal(d.h.State().Snapshot(), spec.Image) {
		kit.ShowMessage(d.statusLabel, i18n.T("run.starting"), widget.LowImportance)
	} else {
		kit.ShowMessage(d.statusLabel, i18n.T("run.pulling", "Image", spec.Image), widget.LowImportance)
	}
	d.progress.Reset(spec.Image)
	go func() {
		id, err := d.containers.ContainerRun(d.ctx, spec, d.progress.Post)
		d.h.Do(func() { d.runFinished(id, err) })
	}()
}

// runFinished shows the outcome of a run: the dialog closes on success;
// an error goes next to the field it is about, the form kept for a retry.
func (d *Dialog) runFinished(id string, err error) {
	d.running = false
	if d.closed {
		return
	}
	if err == nil {
		kit.ShowMessage(d.statusLabel, i18n.T("run.started", "ID", engine.ShortID(id)), widget.LowImportance)
		d.Close()
		d.async(i18n.Code("run"))
		return
	}
	kit.ShowMessage(d.statusLabel, "", widget.LowImportance)
	d.progress.Failed(err)
	msg := present.Explain(err)
	e := engine.AsError(err)
	d.runErr = err
	switch engine.KindOf(err) {
	case engine.ErrNameInUse, engine.ErrInvalidName:
		d.nameErr = msg
	case engine.ErrInvalidImage, engine.ErrImageNotInRegistry, engine.ErrRegistryUnreachable:
		d.imageErr = msg
	case engine.ErrCommandNotFound, engine.ErrNoCommand:
		d.cmdErr = msg
	case engine.ErrPortAllocated:
		rows := d.portRowsFor(e.Port)
		for _, r := range rows {
			r.engineErr = msg
			r.scheduleCheck()
		}
		if len(rows) == 0 {
			d.formErr = msg
		}
	case engine.ErrCanceled:
		d.runErr = nil
		kit.ShowMessage(d.statusLabel, i18n.T("run.canceled"), widget.LowImportance)
	default:
		d.formErr = msg
	}
	d.validate()
	d.async(i18n.Code("run"))
}
