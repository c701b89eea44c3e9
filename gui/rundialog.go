package gui

import (
	"context"
	"fmt"
	"image/color"
	"net"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
)

// runDebounce is how long the dialog waits after typing before it asks the
// engine or the machine anything (exposed ports, is a host port free).
const runDebounce = 300 * time.Millisecond

// runDialog is `docker run --detach` as a form: image, name, ports,
// environment, bind mounts, restart policy and command, with the equivalent
// command line shown live, a pasted command line read back into the form,
// and the engine's errors shown next to the field they are about.
type runDialog struct {
	u      *UI
	ctx    context.Context // canceled when the dialog closes
	cancel context.CancelFunc
	dlg    *dialog.CustomDialog // nil until show
	local  bool                 // the engine runs on this machine: check host ports here

	imageEntry    *widget.SelectEntry
	imageMsg      *widget.Label
	nameEntry     *widget.Entry
	nameMsg       *widget.Label
	portRows      []*runPortRow
	portBox       *fyne.Container
	addPortButton *widget.Button
	envRows       []*runEnvRow
	envBox        *fyne.Container
	addEnvButton  *widget.Button
	bindRows      []*runBindRow
	bindBox       *fyne.Container
	addBindButton *widget.Button
	restartSelect *widget.Select
	cmdEntry      *widget.Entry
	cmdMsg        *widget.Label
	commandLabel  *widget.Label
	copyButton    *widget.Button
	pasteEntry    *widget.Entry
	pasteButton   *widget.Button
	pasteMsg      *widget.Label
	progress      *pullProgressView
	statusLabel   *widget.Label
	errorLabel    *widget.Label
	runButton     *widget.Button
	cancelButton  *widget.Button
	content       fyne.CanvasObject

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
	nameErr      string // the engine's word on the name, until it is edited
	imageErr     string
	running      bool
	runCancel    context.CancelFunc
	closed       bool
	debounce     time.Duration
	// onAsync, if set, is told (on the UI goroutine) when asynchronous work
	// has been applied: "image", "port", "images", "run". Tests use it.
	onAsync func(what string)
}

// OpenRun opens the run dialog (docker run --detach), pre-filled with image ("" for none).
func (u *UI) OpenRun(image string) {
	u.newRunDialog(image).show()
}

// runDo runs f on the UI goroutine: the UI's own scheduler, or fyne.Do.
func (u *UI) runDo(f func()) {
	if u.do != nil {
		u.do(f)
		return
	}
	fyne.Do(f)
}

// newRunDialog builds the dialog without showing it.
func (u *UI) newRunDialog(image string) *runDialog {
	parent := u.ctx
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancel(parent)
	d := &runDialog{u: u, ctx: ctx, cancel: cancel, local: engineIsLocal(u.eng.Host()), debounce: runDebounce}

	d.imageEntry = widget.NewSelectEntry(nil)
	d.imageEntry.PlaceHolder = "Image, e.g. nginx or localhost:5000/web:1"
	d.imageEntry.OnChanged = d.imageChanged
	d.imageMsg = newRunMsg()
	d.nameEntry = &widget.Entry{PlaceHolder: "Optional, e.g. webserver", OnChanged: d.nameChanged, OnSubmitted: d.submitted}
	d.nameEntry.ExtendBaseWidget(d.nameEntry)
	d.nameMsg = newRunMsg()

	d.portBox = container.NewVBox()
	d.addPortButton = &widget.Button{Text: "Add port", Icon: theme.ContentAddIcon(), OnTapped: d.addPortTapped}
	d.envBox = container.NewVBox()
	d.addEnvButton = &widget.Button{Text: "Add variable", Icon: theme.ContentAddIcon(), OnTapped: d.addEnvTapped}
	d.bindBox = container.NewVBox()
	d.addBindButton = &widget.Button{Text: "Add volume", Icon: theme.ContentAddIcon(), OnTapped: d.addBindTapped}
	d.restartSelect = &widget.Select{
		Options:  []string{string(engine.RestartNo), string(engine.RestartAlways), string(engine.RestartUnlessStopped), string(engine.RestartOnFailure)},
		Selected: string(engine.RestartNo),
	}
	d.restartSelect.ExtendBaseWidget(d.restartSelect)
	d.restartSelect.OnChanged = d.anyChanged
	d.cmdEntry = &widget.Entry{PlaceHolder: "Optional: a command to run instead of the image's own", OnChanged: d.anyChanged}
	d.cmdEntry.ExtendBaseWidget(d.cmdEntry)
	d.cmdMsg = newRunMsg()

	d.commandLabel = &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Wrapping: fyne.TextWrapWord, Selectable: true}
	d.commandLabel.ExtendBaseWidget(d.commandLabel)
	d.copyButton = &widget.Button{Text: "Copy", Icon: theme.ContentCopyIcon(), OnTapped: d.copyTapped}
	d.pasteEntry = &widget.Entry{PlaceHolder: "Paste a docker run … command to fill in the form", OnSubmitted: func(string) { d.pasteTapped() }}
	d.pasteEntry.ExtendBaseWidget(d.pasteEntry)
	d.pasteButton = &widget.Button{Text: "Fill in", Icon: theme.ContentPasteIcon(), OnTapped: d.fillTapped}
	d.pasteMsg = newRunMsg()
	d.progress = newPullProgressView(u.runDo, 120) // three layers in view; the form stays usable
	d.statusLabel = newRunMsg()
	d.errorLabel = newRunMsg()
	d.errorLabel.Importance = widget.DangerImportance
	d.runButton = &widget.Button{Text: "Run", Icon: theme.MediaPlayIcon(), Importance: widget.HighImportance, OnTapped: d.run}
	d.cancelButton = &widget.Button{Text: "Cancel", OnTapped: d.close}

	d.content = d.layout()

	d.filling = true
	d.setPortRows([]runPort{{}})
	d.refreshImageOptions()
	d.imageEntry.SetText(image)
	d.filling = false
	d.unsub = u.store.Subscribe(d.storeChanged)
	d.validate()
	if strings.TrimSpace(image) != "" {
		d.scheduleImageCheck()
	}
	return d
}

func newRunMsg() *widget.Label {
	l := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	l.ExtendBaseWidget(l)
	l.Hide()
	return l
}

// setRunMsg shows text in a message label, or hides it when text is "".
func setRunMsg(l *widget.Label, text string, imp widget.Importance) {
	if text == "" {
		if l.Visible() || l.Text != "" {
			l.Text = ""
			l.Hide()
		}
		return
	}
	if l.Text != text || l.Importance != imp || !l.Visible() {
		l.Text = text
		l.Importance = imp
		l.Show()
		l.Refresh()
	}
}

func (d *runDialog) layout() fyne.CanvasObject {
	heading := func(s string) *widget.Label {
		return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}}
	}
	withMsg := func(objs ...fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(objs...)
	}
	// The header lines up with the rows, whose remove button sits on the right.
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize((&widget.Button{Icon: theme.ContentRemoveIcon()}).MinSize().Width, 1))
	portHead := container.NewBorder(nil, nil, nil, spacer, container.NewGridWithColumns(4,
		&widget.Label{Text: "Host IP", Importance: widget.LowImportance},
		&widget.Label{Text: "Host port", Importance: widget.LowImportance},
		&widget.Label{Text: "Container port", Importance: widget.LowImportance},
		&widget.Label{Text: "Protocol", Importance: widget.LowImportance}))
	form := container.New(layout.NewFormLayout(),
		heading("Image"), withMsg(d.imageEntry, d.imageMsg),
		heading("Name"), withMsg(d.nameEntry, d.nameMsg),
		heading("Ports"), withMsg(portHead, d.portBox, container.NewHBox(d.addPortButton)),
		heading("Environment"), withMsg(d.envBox, container.NewHBox(d.addEnvButton)),
		heading("Volumes"), withMsg(d.bindBox, container.NewHBox(d.addBindButton)),
		heading("Restart"), container.NewHBox(d.restartSelect),
		heading("Command"), withMsg(d.cmdEntry, d.cmdMsg),
	)
	paste := container.NewVBox(
		container.NewBorder(nil, nil, nil, d.pasteButton, d.pasteEntry),
		d.pasteMsg,
		widget.NewSeparator(),
	)
	preview := container.NewVBox(
		widget.NewSeparator(),
		container.NewBorder(nil, nil, &widget.Label{Text: "Command line", TextStyle: fyne.TextStyle{Bold: true}},
			container.NewVBox(d.copyButton), d.commandLabel),
		d.progress.obj,
		d.statusLabel,
		d.errorLabel,
	)
	return container.NewBorder(paste, preview, nil, nil, container.NewVScroll(container.NewPadded(form)))
}

// show shows the dialog over the main window (raising it from the tray if need be).
func (d *runDialog) show() {
	d.dlg = dialog.NewCustomWithoutButtons("Run a container", d.content, d.u.win)
	d.dlg.SetButtons([]fyne.CanvasObject{d.cancelButton, d.runButton})
	d.dlg.SetOnClosed(d.close)
	d.dlg.Resize(fyne.NewSize(860, 680))
	d.u.ShowMain()
	d.dlg.Show()
	if strings.TrimSpace(d.imageEntry.Text) == "" {
		d.u.win.Canvas().Focus(d.imageEntry)
	} else {
		d.u.win.Canvas().Focus(d.nameEntry)
	}
}

// close closes the dialog; a run in flight is canceled with it.
func (d *runDialog) close() {
	if d.closed {
		return
	}
	d.closed = true
	d.cancel()
	if d.unsub != nil {
		d.unsub()
	}
	if d.imageTimer != nil {
		d.imageTimer.Stop()
	}
	for _, r := range d.portRows {
		r.stop()
	}
	if d.dlg != nil {
		d.dlg.Hide()
	}
}

func (d *runDialog) async(what string) {
	if d.onAsync != nil {
		d.onAsync(what)
	}
}

// --- the form as values --------------------------------------------------------------------

// form reads the widgets into a runForm.
func (d *runDialog) form() runForm {
	f := runForm{Image: d.imageEntry.Text, Name: d.nameEntry.Text, Restart: engine.RestartPolicy(d.restartSelect.Selected)}
	for _, r := range d.portRows {
		f.Ports = append(f.Ports, r.value())
	}
	for _, r := range d.envRows {
		f.Env = append(f.Env, runEnv{Key: r.key.Text, Value: r.value.Text})
	}
	for _, r := range d.bindRows {
		f.Binds = append(f.Binds, engine.Bind{HostPath: strings.TrimSpace(r.host.Text), ContainerPath: strings.TrimSpace(r.ctr.Text), ReadOnly: r.readOnly.Checked})
	}
	if words, err := cmdSplit(d.cmdEntry.Text); err == nil && len(words) > 0 {
		f.Cmd = words
	}
	return f
}

// fill sets the widgets from a form (a pasted command).
func (d *runDialog) fill(f runForm) {
	d.filling = true
	d.imageEntry.SetText(f.Image)
	d.nameEntry.SetText(f.Name)
	ports := f.Ports
	if len(ports) == 0 {
		ports = []runPort{{}}
	}
	d.setPortRows(ports)
	d.envRows = nil
	for _, e := range f.Env {
		d.addEnvRow(e)
	}
	d.rebuildEnv()
	d.bindRows = nil
	for _, b := range f.Binds {
		d.addBindRow(b)
	}
	d.rebuildBinds()
	restart := f.Restart
	if restart == "" {
		restart = engine.RestartNo
	}
	d.restartSelect.SetSelected(string(restart))
	d.cmdEntry.SetText(cmdJoin(f.Cmd))
	d.filling = false
	d.portsTouched, d.prefilled = true, false
	d.nameErr, d.imageErr = "", ""
	setRunMsg(d.errorLabel, "", widget.DangerImportance)
	d.imageSeq++ // drop a pending pre-fill
	d.validate()
	for _, r := range d.portRows {
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

// imageErrorText words an invalid image reference. The reference parser
// reports upper case in its own words only (not as ErrNameContainsUppercase).
func imageErrorText(err error) string {
	if strings.Contains(err.Error(), "must be lowercase") {
		return "Image names must be lowercase"
	}
	return engine.Explain(err)
}

// validate checks every field, shows the messages next to them, updates the
// command line and enables Run only when the form is valid. It returns
// whether the form is valid.
func (d *runDialog) validate() bool {
	if d.filling {
		return false
	}
	ok := true
	img := strings.TrimSpace(d.imageEntry.Text)
	_, imgErr := engine.ValidateImage(img)
	switch {
	case img == "":
		setRunMsg(d.imageMsg, engine.Explain(imgErr), widget.LowImportance)
		ok = false
	case imgErr != nil:
		setRunMsg(d.imageMsg, imageErrorText(imgErr), widget.DangerImportance)
		ok = false
	case d.imageErr != "":
		setRunMsg(d.imageMsg, d.imageErr, widget.DangerImportance)
	case imageLocal(d.u.store.Snapshot(), img):
		text := "On this engine."
		if len(d.exposed) > 0 {
			text = "On this engine; it exposes " + strings.Join(d.exposed, ", ") + "."
		}
		setRunMsg(d.imageMsg, text, widget.LowImportance)
	default:
		setRunMsg(d.imageMsg, "Not on this engine yet: Run pulls it from the registry first.", widget.LowImportance)
	}

	if err := engine.ValidateName(strings.TrimSpace(d.nameEntry.Text)); err != nil {
		setRunMsg(d.nameMsg, engine.Explain(err), widget.DangerImportance)
		ok = false
	} else {
		setRunMsg(d.nameMsg, d.nameErr, widget.DangerImportance)
	}

	seen := map[string][]string{}
	for _, r := range d.portRows {
		if !r.validate(seen) {
			ok = false
		}
	}
	for _, r := range d.envRows {
		if !r.validate() {
			ok = false
		}
	}
	for _, r := range d.bindRows {
		if !r.validate() {
			ok = false
		}
	}
	if _, err := cmdSplit(d.cmdEntry.Text); err != nil {
		setRunMsg(d.cmdMsg, "The command cannot be read: "+err.Error()+".", widget.DangerImportance)
		ok = false
	} else {
		setRunMsg(d.cmdMsg, "", widget.DangerImportance)
	}

	d.commandLabel.SetText(generateRunCommand(d.form()))
	if ok && !d.running {
		d.runButton.Enable()
	} else {
		d.runButton.Disable()
	}
	return ok
}

// portFieldError checks a port or port range as typed; "" when it is fine.
func portFieldError(what, s string, optional bool) string {
	s = strings.TrimSpace(s)
	if s == "" {
		if optional {
			return ""
		}
		return "Type the " + strings.ToLower(what) + ", for example 80."
	}
	lo, hi, isRange := strings.Cut(s, "-")
	parts := []string{lo}
	if isRange {
		parts = append(parts, hi)
	}
	var nums []int
	for _, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || strings.HasPrefix(p, "+") {
			return fmt.Sprintf("%s %q is not a number.", what, s)
		}
		if n < 1 || n > 65535 {
			return fmt.Sprintf("%s %d is out of range: use 1 to 65535.", what, n)
		}
		nums = append(nums, n)
	}
	if isRange && nums[0] > nums[1] {
		return fmt.Sprintf("%s range %s goes backwards.", what, s)
	}
	return ""
}

// --- handlers ------------------------------------------------------------------------------

func (d *runDialog) anyChanged(string) {
	if d.filling {
		return
	}
	d.validate()
}

func (d *runDialog) nameChanged(string) {
	if d.filling {
		return
	}
	d.nameErr = ""
	d.validate()
}

func (d *runDialog) imageChanged(text string) {
	prev := d.lastImage
	d.lastImage = text
	if d.filling {
		return
	}
	// A whole docker run command pasted into the image field fills the form.
	// (After the entry has finished handling the paste.)
	if t := strings.TrimSpace(text); len(text)-len(prev) > 1 && looksLikeRunCommand(t) {
		d.validate()
		d.u.runDo(func() {
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
	d.imageErr = ""
	d.exposed = nil
	d.validate()
	d.scheduleImageCheck()
}

// looksLikeRunCommand reports whether s is a docker run command line rather than an image name.
func looksLikeRunCommand(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "$ "), "sudo ")
	return strings.HasPrefix(s, "docker run ") || strings.HasPrefix(s, "docker container run ")
}

func (d *runDialog) submitted(string) {
	if d.runButton.Disabled() {
		return
	}
	d.run()
}

// scheduleImageCheck asks, after a pause in typing, which ports the image
// exposes, and pre-fills the port rows from them while the user has not
// edited the rows.
func (d *runDialog) scheduleImageCheck() {
	d.imageSeq++
	seq := d.imageSeq
	ref := strings.TrimSpace(d.imageEntry.Text)
	if d.imageTimer != nil {
		d.imageTimer.Stop()
	}
	d.imageTimer = time.AfterFunc(d.debounce, func() { d.checkImage(seq, ref) })
}

// checkImage runs off the UI goroutine.
func (d *runDialog) checkImage(seq int, ref string) {
	if d.ctx.Err() != nil {
		return
	}
	snap := d.u.store.Snapshot()
	var exposed []string
	var rows []runPort
	if _, err := engine.ValidateImage(ref); err == nil && imageLocal(snap, ref) {
		ports, err := d.u.eng.ImageExposedPorts(d.ctx, ref)
		if err == nil {
			exposed = ports
			used := map[int]bool{}
			for _, p := range ports {
				num, proto, _ := strings.Cut(p, "/")
				if proto == "" {
					proto = "tcp"
				}
				row := runPort{ContainerPort: num, Proto: proto}
				if n, err := strconv.Atoi(num); err == nil {
					if h := freeOrNext(snap, d.local, "", n, proto, used); h != 0 {
						row.HostPort = strconv.Itoa(h)
						used[h] = true
					}
				}
				rows = append(rows, row)
			}
		}
	}
	d.u.runDo(func() { d.applyImageCheck(seq, exposed, rows) })
}

func (d *runDialog) applyImageCheck(seq int, exposed []string, rows []runPort) {
	if d.closed || seq != d.imageSeq {
		return
	}
	d.exposed = exposed
	if !d.portsTouched {
		switch {
		case len(rows) > 0:
			d.filling = true
			d.setPortRows(rows)
			d.filling = false
			d.prefilled = true
		case d.prefilled:
			d.filling = true
			d.setPortRows([]runPort{{}})
			d.filling = false
			d.prefilled = false
		}
	}
	d.validate()
	d.async("image")
}

// storeChanged runs on the store's goroutine: refresh the image choices.
func (d *runDialog) storeChanged(_ engine.Snapshot, ch engine.Change) {
	if !ch.Full && !ch.Images && len(ch.Containers) == 0 && len(ch.Removed) == 0 {
		return
	}
	d.u.runDo(func() {
		if d.closed {
			return
		}
		if ch.Full || ch.Images {
			d.refreshImageOptions()
		}
		d.validate()
		d.async("images")
	})
}

// refreshImageOptions offers the local images in the image field's drop-down.
func (d *runDialog) refreshImageOptions() {
	var refs []string
	for _, img := range d.u.store.Snapshot().Images {
		if img.Dangling || img.Repository == "<none>" {
			continue
		}
		for _, t := range img.RepoTags {
			if !strings.HasPrefix(t, "<none>") {
				refs = append(refs, t)
			}
		}
	}
	sort.Strings(refs)
	d.imageChoices = refs
	d.imageEntry.SetOptions(refs)
}

func (d *runDialog) copyTapped() {
	d.u.app.Clipboard().SetContent(d.commandLabel.Text)
	setRunMsg(d.statusLabel, "Command line copied to the clipboard.", widget.LowImportance)
}

func (d *runDialog) fillTapped() { d.pasteTapped() }

// pasteTapped fills the form from the command in the paste field and reports
// whether it could.
func (d *runDialog) pasteTapped() bool {
	line := strings.TrimSpace(d.pasteEntry.Text)
	if line == "" {
		setRunMsg(d.pasteMsg, "Paste a docker run command first, e.g. docker run --detach --publish=80:80 --name=webserver nginx", widget.LowImportance)
		return false
	}
	f, notes, err := parseRunCommand(line)
	if err != nil {
		setRunMsg(d.pasteMsg, "This command cannot fill the form: "+err.Error()+".", widget.DangerImportance)
		return false
	}
	d.fill(f)
	msg := "The form is filled in from the command."
	if len(notes) > 0 {
		msg += " " + strings.Join(notes, " ")
	}
	setRunMsg(d.pasteMsg, msg, widget.LowImportance)
	return true
}

// --- running -------------------------------------------------------------------------------

// run starts the container: engine.Run in a goroutine, pulling first if the
// image is missing, with the pull's progress shown in the dialog.
func (d *runDialog) run() {
	if d.running || d.closed || !d.validate() {
		return
	}
	spec := d.form().spec()
	d.running = true
	d.runButton.Disable()
	d.nameErr, d.imageErr = "", ""
	for _, r := range d.portRows {
		r.engineErr = ""
	}
	setRunMsg(d.errorLabel, "", widget.DangerImportance)
	if imageLocal(d.u.store.Snapshot(), spec.Image) {
		setRunMsg(d.statusLabel, "Starting the container…", widget.LowImportance)
	} else {
		setRunMsg(d.statusLabel, "Unable to find image "+spec.Image+" locally: pulling it…", widget.LowImportance)
	}
	d.progress.reset(spec.Image)
	ctx, cancel := context.WithCancel(d.ctx)
	d.runCancel = cancel
	go func() {
		id, err := d.u.eng.Run(ctx, spec, d.progress.post)
		cancel()
		d.u.runDo(func() { d.runFinished(id, err) })
	}()
}

// portInError finds the host port an engine error names ("Bind for 0.0.0.0:8080 failed",
// "listen tcp4 0.0.0.0:8080: bind: address already in use").
var portInError = regexp.MustCompile(`[:\]](\d{1,5})(?: failed|: bind)`)

func (d *runDialog) runFinished(id string, err error) {
	d.running = false
	d.runCancel = nil
	if d.closed {
		return
	}
	if err == nil {
		setRunMsg(d.statusLabel, "Started "+engine.ShortID(id)+".", widget.LowImportance)
		d.close()
		d.async("run")
		return
	}
	setRunMsg(d.statusLabel, "", widget.LowImportance)
	msg := engine.Explain(err)
	switch engine.KindOf(err) {
	case engine.ErrNameInUse, engine.ErrInvalidName:
		d.nameErr = msg
	case engine.ErrInvalidImage, engine.ErrImageNotInRegistry:
		d.imageErr = msg
	case engine.ErrPortAllocated:
		rows := d.rowsForPortError(err)
		for _, r := range rows {
			r.engineErr = msg
			r.scheduleCheck()
		}
		if len(rows) == 0 {
			setRunMsg(d.errorLabel, msg, widget.DangerImportance)
		}
	case engine.ErrCanceled:
		setRunMsg(d.statusLabel, "Canceled.", widget.LowImportance)
	default:
		setRunMsg(d.errorLabel, msg, widget.DangerImportance)
	}
	d.validate()
	d.async("run")
}

// rowsForPortError picks the port rows an ErrPortAllocated is about: the row
// with the host port the engine names, else every row with a host port.
func (d *runDialog) rowsForPortError(err error) []*runPortRow {
	var named, withHost []*runPortRow
	want := 0
	if m := portInError.FindStringSubmatch(err.Error()); m != nil {
		want, _ = strconv.Atoi(m[1])
	}
	for _, r := range d.portRows {
		hp := strings.TrimSpace(r.hostPort.Text)
		if hp == "" {
			continue
		}
		withHost = append(withHost, r)
		lo, hi, isRange := strings.Cut(hp, "-")
		a, _ := strconv.Atoi(lo)
		b := a
		if isRange {
			b, _ = strconv.Atoi(hi)
		}
		if want != 0 && want >= a && want <= b {
			named = append(named, r)
		}
	}
	if len(named) > 0 {
		return named
	}
	return withHost
}

// --- port rows -----------------------------------------------------------------------------

// runPortRow is one port mapping: host IP, host port, container port, protocol.
type runPortRow struct {
	d             *runDialog
	hostIP        *widget.Entry
	hostPort      *widget.Entry
	containerPort *widget.Entry
	proto         *widget.Select
	removeButton  *widget.Button
	msg           *widget.Label
	fixButton     *widget.Button // "Use 8081"
	obj           fyne.CanvasObject

	check     portCheck
	checked   string // the row values check is about
	seq       int
	timer     *time.Timer
	engineErr string
}

func (d *runDialog) newPortRow(p runPort) *runPortRow {
	r := &runPortRow{d: d}
	r.hostIP = &widget.Entry{PlaceHolder: "all", Text: p.HostIP, OnChanged: r.changed}
	r.hostIP.ExtendBaseWidget(r.hostIP)
	r.hostPort = &widget.Entry{PlaceHolder: "any", Text: p.HostPort, OnChanged: r.changed}
	r.hostPort.ExtendBaseWidget(r.hostPort)
	r.containerPort = &widget.Entry{PlaceHolder: "e.g. 80", Text: p.ContainerPort, OnChanged: r.changed}
	r.containerPort.ExtendBaseWidget(r.containerPort)
	r.proto = &widget.Select{Options: []string{"tcp", "udp", "sctp"}, Selected: p.proto()}
	r.proto.ExtendBaseWidget(r.proto)
	r.proto.OnChanged = r.changed
	r.removeButton = &widget.Button{Icon: theme.ContentRemoveIcon(), Importance: widget.LowImportance, OnTapped: r.removeTapped}
	r.msg = newRunMsg()
	r.fixButton = &widget.Button{OnTapped: r.fixTapped}
	r.fixButton.Hide()
	r.obj = container.NewVBox(
		container.NewBorder(nil, nil, nil, r.removeButton,
			container.NewGridWithColumns(4, r.hostIP, r.hostPort, r.containerPort, r.proto)),
		container.NewBorder(nil, nil, nil, r.fixButton, r.msg),
	)
	return r
}

func (d *runDialog) setPortRows(ports []runPort) {
	for _, r := range d.portRows {
		r.stop()
	}
	d.portRows = nil
	for _, p := range ports {
		d.portRows = append(d.portRows, d.newPortRow(p))
	}
	d.rebuildPorts()
}

func (d *runDialog) rebuildPorts() {
	objs := make([]fyne.CanvasObject, len(d.portRows))
	for i, r := range d.portRows {
		objs[i] = r.obj
	}
	d.portBox.Objects = objs
	d.portBox.Refresh()
}

func (d *runDialog) addPortTapped() {
	d.portsTouched = true
	d.portRows = append(d.portRows, d.newPortRow(runPort{}))
	d.rebuildPorts()
	d.validate()
}

func (r *runPortRow) removeTapped() {
	d := r.d
	d.portsTouched = true
	r.stop()
	for i, x := range d.portRows {
		if x == r {
			d.portRows = append(d.portRows[:i:i], d.portRows[i+1:]...)
			break
		}
	}
	d.rebuildPorts()
	d.validate()
	for _, x := range d.portRows {
		x.scheduleCheck() // a duplicate may be gone
	}
}

func (r *runPortRow) value() runPort {
	return runPort{HostIP: strings.TrimSpace(r.hostIP.Text), HostPort: strings.TrimSpace(r.hostPort.Text),
		ContainerPort: strings.TrimSpace(r.containerPort.Text), Proto: r.proto.Selected}
}

func (r *runPortRow) changed(string) {
	if r.d.filling {
		return
	}
	r.d.portsTouched = true
	r.engineErr = ""
	r.d.validate()
	r.scheduleCheck()
}

func (r *runPortRow) fixTapped() {
	if r.check.Next > 0 {
		r.hostPort.SetText(strconv.Itoa(r.check.Next))
	}
}

func (r *runPortRow) stop() {
	r.seq++
	if r.timer != nil {
		r.timer.Stop()
	}
}

// key names the values a port check is about.
func (r *runPortRow) key() string {
	p := r.value()
	return p.HostIP + "|" + p.HostPort + "|" + p.proto()
}

// scheduleCheck checks, after a pause in typing and off the UI goroutine,
// whether the row's host port is free on this machine and among the
// engine's containers.
func (r *runPortRow) scheduleCheck() {
	r.stop()
	d := r.d
	p := r.value()
	port, err := strconv.Atoi(p.HostPort)
	if err != nil || port < 1 || port > 65535 || d.closed {
		r.check, r.checked = portCheck{}, ""
		return
	}
	seq, key := r.seq, r.key()
	skip := map[int]bool{}
	for _, x := range d.portRows {
		if n, err := strconv.Atoi(strings.TrimSpace(x.hostPort.Text)); err == nil {
			skip[n] = true
		}
	}
	ip, proto, local := strings.Trim(p.HostIP, "[]"), p.proto(), d.local
	r.timer = time.AfterFunc(d.debounce, func() {
		if d.ctx.Err() != nil {
			return
		}
		res := checkHostPort(d.u.store.Snapshot(), local, ip, port, proto, skip)
		d.u.runDo(func() {
			if d.closed || seq != r.seq {
				return
			}
			r.check, r.checked = res, key
			d.validate()
			d.async("port")
		})
	})
}

// validate checks the row and shows its message; seen collects host ports
// (by protocol) to find the same port mapped twice.
func (r *runPortRow) validate(seen map[string][]string) bool {
	p := r.value()
	if p.empty() {
		setRunMsg(r.msg, "", widget.DangerImportance)
		r.fixButton.Hide()
		return true
	}
	msg := ""
	ip := strings.Trim(p.HostIP, "[]")
	switch {
	case ip != "" && net.ParseIP(ip) == nil:
		msg = fmt.Sprintf("Host IP %q is not an IP address; leave it empty for all addresses.", p.HostIP)
	case portFieldError("Host port", p.HostPort, true) != "":
		msg = portFieldError("Host port", p.HostPort, true)
	case portFieldError("Container port", p.ContainerPort, false) != "":
		msg = portFieldError("Container port", p.ContainerPort, false)
	case engine.ValidatePortSpec(p.String()) != nil:
		msg = engine.Explain(engine.ValidatePortSpec(p.String()))
	case p.HostPort != "":
		k := p.HostPort + "/" + p.proto()
		for _, other := range seen[k] {
			if anyAddr(other) || anyAddr(ip) || other == ip {
				msg = fmt.Sprintf("Host port %s is already mapped in another row.", p.HostPort)
				break
			}
		}
		seen[k] = append(seen[k], ip)
	}
	if msg != "" {
		setRunMsg(r.msg, msg, widget.DangerImportance)
		r.fixButton.Hide()
		return false
	}
	c := portCheck{}
	if r.checked == r.key() {
		c = r.check
	}
	switch {
	case r.engineErr != "":
		setRunMsg(r.msg, r.engineErr, widget.DangerImportance)
	case c.InUse && c.By != "":
		setRunMsg(r.msg, fmt.Sprintf("Port %s is in use by container %s.", p.HostPort, c.By), widget.WarningImportance)
	case c.InUse:
		setRunMsg(r.msg, fmt.Sprintf("Port %s is in use.", p.HostPort), widget.WarningImportance)
	default:
		setRunMsg(r.msg, "", widget.DangerImportance)
	}
	if c.InUse && c.Next > 0 {
		r.fixButton.SetText(fmt.Sprintf("Use %d", c.Next))
		r.fixButton.Show()
	} else {
		r.fixButton.Hide()
	}
	return true
}

// --- environment rows ----------------------------------------------------------------------

// runEnvRow is one KEY=value environment variable.
type runEnvRow struct {
	d            *runDialog
	key          *widget.Entry
	value        *widget.Entry
	removeButton *widget.Button
	msg          *widget.Label
	obj          fyne.CanvasObject
}

func (d *runDialog) addEnvRow(e runEnv) *runEnvRow {
	r := &runEnvRow{d: d}
	r.key = &widget.Entry{PlaceHolder: "KEY", Text: e.Key, OnChanged: d.anyChanged}
	r.key.ExtendBaseWidget(r.key)
	r.value = &widget.Entry{PlaceHolder: "value", Text: e.Value, OnChanged: d.anyChanged}
	r.value.ExtendBaseWidget(r.value)
	r.removeButton = &widget.Button{Icon: theme.ContentRemoveIcon(), Importance: widget.LowImportance, OnTapped: r.removeTapped}
	r.msg = newRunMsg()
	r.obj = container.NewVBox(
		container.NewBorder(nil, nil, nil, r.removeButton, container.NewGridWithColumns(2, r.key, r.value)),
		r.msg)
	d.envRows = append(d.envRows, r)
	return r
}

func (d *runDialog) rebuildEnv() {
	objs := make([]fyne.CanvasObject, len(d.envRows))
	for i, r := range d.envRows {
		objs[i] = r.obj
	}
	d.envBox.Objects = objs
	d.envBox.Refresh()
}

func (d *runDialog) addEnvTapped() {
	d.addEnvRow(runEnv{})
	d.rebuildEnv()
	d.validate()
}

func (r *runEnvRow) removeTapped() {
	d := r.d
	for i, x := range d.envRows {
		if x == r {
			d.envRows = append(d.envRows[:i:i], d.envRows[i+1:]...)
			break
		}
	}
	d.rebuildEnv()
	d.validate()
}

func (r *runEnvRow) validate() bool {
	k, v := r.key.Text, r.value.Text
	msg := ""
	switch {
	case k == "" && v == "":
	case strings.TrimSpace(k) == "":
		msg = "The variable needs a name: KEY=value."
	case strings.Contains(k, "="):
		msg = "A variable name cannot contain \"=\"."
	}
	setRunMsg(r.msg, msg, widget.DangerImportance)
	return msg == ""
}

// --- bind mount rows -----------------------------------------------------------------------

// runBindRow is one bind mount: host path, container path, read-only.
type runBindRow struct {
	d            *runDialog
	host         *widget.Entry
	ctr          *widget.Entry
	readOnly     *widget.Check
	removeButton *widget.Button
	msg          *widget.Label
	obj          fyne.CanvasObject
}

func (d *runDialog) addBindRow(b engine.Bind) *runBindRow {
	r := &runBindRow{d: d}
	r.host = &widget.Entry{PlaceHolder: "Host path, e.g. /srv/www", Text: b.HostPath, OnChanged: d.anyChanged}
	r.host.ExtendBaseWidget(r.host)
	r.ctr = &widget.Entry{PlaceHolder: "Container path, e.g. /data", Text: b.ContainerPath, OnChanged: d.anyChanged}
	r.ctr.ExtendBaseWidget(r.ctr)
	r.readOnly = &widget.Check{Text: "read-only", Checked: b.ReadOnly, OnChanged: func(bool) { d.anyChanged("") }}
	r.readOnly.ExtendBaseWidget(r.readOnly)
	r.removeButton = &widget.Button{Icon: theme.ContentRemoveIcon(), Importance: widget.LowImportance, OnTapped: r.removeTapped}
	r.msg = newRunMsg()
	r.obj = container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(r.readOnly, r.removeButton), container.NewGridWithColumns(2, r.host, r.ctr)),
		r.msg)
	d.bindRows = append(d.bindRows, r)
	return r
}

func (d *runDialog) rebuildBinds() {
	objs := make([]fyne.CanvasObject, len(d.bindRows))
	for i, r := range d.bindRows {
		objs[i] = r.obj
	}
	d.bindBox.Objects = objs
	d.bindBox.Refresh()
}

func (d *runDialog) addBindTapped() {
	d.addBindRow(engine.Bind{})
	d.rebuildBinds()
	d.validate()
}

func (r *runBindRow) removeTapped() {
	d := r.d
	for i, x := range d.bindRows {
		if x == r {
			d.bindRows = append(d.bindRows[:i:i], d.bindRows[i+1:]...)
			break
		}
	}
	d.rebuildBinds()
	d.validate()
}

func (r *runBindRow) validate() bool {
	h, c := strings.TrimSpace(r.host.Text), strings.TrimSpace(r.ctr.Text)
	msg := ""
	switch {
	case h == "" && c == "":
	case h == "":
		msg = "Type the host path, for example /srv/www."
	case c == "":
		msg = "Type the path inside the container, for example /data."
	case strings.Contains(h, ":") || strings.Contains(c, ":"):
		msg = "A path cannot contain \":\"."
	case !strings.HasPrefix(c, "/"):
		msg = "The container path must be absolute: start it with /."
	}
	setRunMsg(r.msg, msg, widget.DangerImportance)
	return msg == ""
}
