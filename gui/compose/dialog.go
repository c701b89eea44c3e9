// Package compose is the "Compose up…" dialog: choose a compose file, see
// its services, images and ports as compose's own loader reads them, bring
// it up and watch each container and network come, or take it down again.
// The work is done by engine.ComposeAPI (engine/compose runs Docker's
// compose code in its helper program); the stack then shows as a group in
// the Containers tab, which follows the engine's events.
package compose

import (
	"context"
	"fmt"
	"image/color"
	"path/filepath"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Host is what the dialog needs from the shell.
type Host interface {
	Do(f func())              // run on the UI goroutine
	Window() fyne.Window      // the dialog's parent
	Context() context.Context // canceled when the UI closes
	Ask(q kit.Question)       // the question before Down
}

// Dialog is the compose up dialog.
type Dialog struct {
	// File is the compose file's path, Choose opens the file dialog,
	// Project is the project's name (the file's own until changed).
	File    *kit.DialogEntry
	Choose  *kit.DialogButton
	Project *kit.DialogEntry
	// Up brings the file up, Down takes it down (after asking), Close
	// closes the dialog ("Cancel" while compose works: it stops it).
	Up, Down, Close *kit.DialogButton
	Details         *kit.DetailsToggle

	h      Host
	api    engine.ComposeAPI
	ctx    context.Context
	cancel context.CancelFunc
	dlg    *dialog.CustomDialog

	fileMsg    *widget.Label // why the file does not load
	projectMsg *widget.Label
	summary    *widget.Label // "2 services · network demo_default"
	services   *widget.List
	steps      *widget.List
	result     *widget.Label
	content    fyne.CanvasObject

	config      engine.ComposeConfig
	loaded      string // the file config is from, "" for none
	loading     int    // loads in flight; a later one wins
	lines       []string
	stepList    []engine.ComposeStep
	stepIndex   map[string]int
	news        *kit.Coalescer[[]engine.ComposeStep]
	working     string // "up" or "down" while compose works
	workCancel  context.CancelFunc
	closed      bool
	projectEdit bool // the user typed a project name

	onAsync func(what string) // test hook: "config", "up", "down" when one has ended
}

// Open shows the dialog over the main window, with path loaded if not "".
func Open(h Host, api engine.ComposeAPI, path string) *Dialog {
	d := newDialog(h, api)
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("compose.title"), d.content, h.Window())
	d.dlg.SetButtons([]fyne.CanvasObject{d.Close, d.Down, d.Up})
	endEscape := kit.CloseOnEscape(h.Window(), d.closeDialog)
	d.dlg.SetOnClosed(func() {
		endEscape()
		d.closeDialog()
	})
	d.dlg.Resize(fyne.NewSize(860, 680))
	d.dlg.Show()
	if path != "" {
		d.Load(path)
	} else {
		h.Window().Canvas().Focus(d.File)
	}
	return d
}

func newDialog(h Host, api engine.ComposeAPI) *Dialog {
	ctx, cancel := context.WithCancel(h.Context())
	d := &Dialog{h: h, api: api, ctx: ctx, cancel: cancel, stepIndex: map[string]int{}}
	d.news = kit.NewCoalescer(h.Do, func(p, n []engine.ComposeStep) []engine.ComposeStep { return append(p, n...) }, d.applySteps)
	d.File = kit.NewDialogEntry()
	d.File.PlaceHolder = i18n.T("compose.file.placeholder")
	d.File.OnSubmitted = func(s string) { d.Load(s) }
	d.Choose = kit.NewDialogButton(i18n.T("compose.choose"), theme.FolderOpenIcon(), d.choose)
	d.Project = kit.NewDialogEntry()
	d.Project.PlaceHolder = i18n.T("compose.project.placeholder")
	d.Project.OnChanged = func(string) {
		d.projectEdit = true
		d.validate()
	}
	d.fileMsg = kit.MessageLabel()
	d.projectMsg = kit.MessageLabel()
	d.summary = kit.WrapLabel(i18n.T("compose.summary.empty"), widget.LowImportance)
	d.services = widget.NewList(func() int { return len(d.config.Services) },
		func() fyne.CanvasObject { return kit.CellLabel() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(present.ComposeServiceLine(d.config.Services[i]))
		})
	d.steps = widget.NewList(func() int { return len(d.stepList) }, newStepRow, d.updateStep)
	d.result = kit.MessageLabel()
	d.Details = kit.NewDetailsToggle()
	d.Up = kit.NewDialogButton(i18n.T("compose.up"), theme.MediaPlayIcon(), d.up)
	d.Up.Importance = widget.HighImportance
	d.Down = kit.NewDialogButton(i18n.T("compose.down"), theme.DeleteIcon(), d.askDown)
	d.Down.Importance = widget.DangerImportance
	d.Close = kit.NewDialogButton(i18n.T("compose.close"), nil, d.closeTapped)

	bold := func(s string) *widget.Label { return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}} }
	form := container.New(layout.NewFormLayout(),
		bold(i18n.T("compose.file")), container.NewVBox(container.NewBorder(nil, nil, nil, d.Choose, d.File), d.fileMsg),
		bold(i18n.T("compose.project")), container.NewVBox(d.Project, d.projectMsg))
	top := container.NewVBox(
		kit.WrapLabel(i18n.T("compose.intro"), widget.MediumImportance),
		form)
	// Room for three services and four steps at least.
	line := kit.CellLabel().MinSize().Height + theme.SeparatorThicknessSize()
	lists := container.NewVSplit(
		container.NewBorder(container.NewVBox(bold(i18n.T("compose.services")), d.summary), nil, nil, nil,
			container.NewStack(strut(3*line), d.services)),
		container.NewBorder(bold(i18n.T("compose.progress")), nil, nil, nil, container.NewStack(strut(4*line), d.steps)))
	lists.Offset = 0.4
	bottom := container.NewVBox(d.result, d.Details.Content())
	d.content = container.NewBorder(top, bottom, nil, nil, lists)
	d.validate()
	return d
}

// strut is an empty object of height h: a list's least height.
func strut(h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, h))
	return r
}

// --- the file -----------------------------------------------------------------

// choose opens the file dialog on compose files.
func (d *Dialog) choose() {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		d.Load(path)
	}, d.h.Window())
	fd.SetFilter(storage.NewExtensionFileFilter([]string{i18n.Code(".yaml"), i18n.Code(".yml")}))
	if d.loaded != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(d.loaded))); err == nil {
			fd.SetLocation(l)
		}
	}
	fd.Resize(fyne.NewSize(800, 560))
	fd.Show()
}

// Load reads path with compose's loader, off the UI goroutine, and shows
// its services, or what is wrong with it.
func (d *Dialog) Load(path string) {
	path = strings.TrimSpace(path)
	d.File.SetText(path)
	if path == "" {
		return
	}
	d.loading++
	n := d.loading
	kit.ShowMessage(d.fileMsg, "", widget.DangerImportance)
	d.summary.SetText(i18n.T("compose.reading", "File", filepath.Base(path)))
	d.validate()
	project := ""
	if d.projectEdit {
		project = strings.TrimSpace(d.Project.Text)
	}
	go func() {
		c, err := d.api.ComposeConfig(d.ctx, engine.ComposeFile{Path: path, Project: project})
		d.h.Do(func() { d.loadedConfig(n, path, c, err) })
	}()
}

func (d *Dialog) loadedConfig(n int, path string, c engine.ComposeConfig, err error) {
	if n != d.loading || d.closed {
		return
	}
	d.loading = 0
	if err != nil {
		d.loaded, d.config = "", engine.ComposeConfig{}
		kit.ShowMessage(d.fileMsg, present.Explain(err), widget.DangerImportance)
		d.Details.SetText(kit.EngineWords(err))
		d.summary.SetText("")
	} else {
		d.loaded, d.config = path, c
		d.Details.SetText("")
		if !d.projectEdit || strings.TrimSpace(d.Project.Text) == "" {
			d.Project.OnChanged = nil
			d.Project.SetText(c.Project)
			d.Project.OnChanged = func(string) { d.projectEdit = true; d.validate() }
			d.projectEdit = false
		}
		d.summary.SetText(summaryText(c))
	}
	d.services.Refresh()
	d.validate()
	d.relayout()
	d.async(i18n.Code("config"))
}

// summaryText is the line over the services: how many, and the networks and volumes compose makes.
func summaryText(c engine.ComposeConfig) string {
	parts := []string{services(len(c.Services))}
	if len(c.Networks) > 0 {
		parts = append(parts, i18n.N("compose.count.networks", len(c.Networks), "Names", i18n.Join(c.Networks)))
	}
	if len(c.Volumes) > 0 {
		parts = append(parts, i18n.N("compose.count.volumes", len(c.Volumes), "Names", i18n.Join(c.Volumes)))
	}
	return strings.Join(parts, " · ")
}

// services is "3 services".
func services(n int) string { return i18n.N("compose.count.services", n) }

// projectRE is compose's rule for a project name.
var projectRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// projectName is the project to act on, and what is wrong with it.
func (d *Dialog) projectName() (string, string) {
	p := strings.TrimSpace(d.Project.Text)
	switch {
	case p == "":
		return "", ""
	case !projectRE.MatchString(p):
		return p, i18n.T("compose.project.invalid")
	}
	return p, ""
}

// validate shows what is wrong with the project name and enables the buttons that can act.
func (d *Dialog) validate() {
	p, problem := d.projectName()
	kit.ShowMessage(d.projectMsg, problem, widget.DangerImportance)
	ok := d.loaded != "" && d.loading == 0 && d.working == "" && p != "" && problem == "" && !d.closed
	kit.Enable(&d.Up.Button, ok)
	kit.Enable(&d.Down.Button, ok)
	kit.Enable(&d.Choose.Button, d.working == "")
	if d.working == "" {
		d.File.Enable()
		d.Project.Enable()
	} else {
		d.File.Disable()
		d.Project.Disable()
	}
}

// --- up and down --------------------------------------------------------------

func (d *Dialog) target() engine.ComposeFile {
	p, _ := d.projectName()
	return engine.ComposeFile{Path: d.loaded, Project: p}
}

// up brings the file up.
func (d *Dialog) up() {
	if d.Up.Disabled() {
		return
	}
	f := d.target()
	d.start(i18n.Code("up"), func(ctx context.Context) error { return d.api.ComposeUp(ctx, f, d.post) })
}

// askDown asks before taking the stack down, naming what goes.
func (d *Dialog) askDown() {
	if d.Down.Disabled() {
		return
	}
	f := d.target()
	d.h.Ask(kit.Question{Title: i18n.T("compose.down.title", "Project", f.Project),
		Message: downText(f.Project, d.config),
		Choices: []kit.Choice{kit.Cancel(), {Text: i18n.T("compose.down.yes"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, Run: func() {
			d.start(i18n.Code("down"), func(ctx context.Context) error { return d.api.ComposeDown(ctx, f, d.post) })
		}}}})
}

// downText says what `docker compose down` of the file removes.
func downText(project string, c engine.ComposeConfig) string {
	names := make([]string, len(c.Services))
	for i, s := range c.Services {
		names[i] = s.Name
	}
	svcs, svcNames := services(len(names)), present.ListLabels(names)
	if len(c.Networks) > 0 {
		// Loaded under another name: compose names the networks after the project.
		nets := make([]string, len(c.Networks))
		for i, n := range c.Networks {
			if rest, ok := strings.CutPrefix(n, c.Project+"_"); ok {
				n = project + "_" + rest
			}
			nets[i] = n
		}
		return i18n.N("compose.down.textNetworks", len(nets), "Project", project, "Services", svcs, "Names", svcNames, "Networks", present.ListLabels(nets))
	}
	return i18n.T("compose.down.text", "Project", project, "Services", svcs, "Names", svcNames)
}

// post takes compose's progress from any goroutine.
func (d *Dialog) post(s engine.ComposeStep) { d.news.Post([]engine.ComposeStep{s}) }

// start runs work (an up or a down) off the UI goroutine.
func (d *Dialog) start(what string, work func(ctx context.Context) error) {
	if d.working != "" || d.closed {
		return
	}
	d.working = what
	d.stepList, d.stepIndex = nil, map[string]int{}
	d.steps.Refresh()
	working := i18n.T("compose.bringingUp", "Project", d.target().Project)
	if what == "down" {
		working = i18n.T("compose.takingDown", "Project", d.target().Project)
	}
	kit.ShowMessage(d.result, working, widget.MediumImportance)
	d.Details.SetText("")
	d.Close.SetText(i18n.T("compose.cancel"))
	d.Close.SetIcon(theme.CancelIcon())
	d.validate()
	d.relayout()
	ctx, cancel := context.WithCancel(d.ctx)
	d.workCancel = cancel
	project := d.target().Project
	go func() {
		err := work(ctx)
		cancel()
		d.h.Do(func() { d.finished(what, project, err) })
	}()
}

func (d *Dialog) finished(what, project string, err error) {
	d.working, d.workCancel = "", nil
	if d.closed {
		return
	}
	d.Close.SetText(i18n.T("compose.close"))
	d.Close.SetIcon(nil)
	d.Close.Enable()
	switch {
	case err == nil && what == "up":
		kit.ShowMessage(d.result, i18n.T("compose.isUp", "Project", project, "Services", services(len(d.config.Services))), widget.SuccessImportance)
	case err == nil:
		kit.ShowMessage(d.result, i18n.T("compose.isDown", "Project", project), widget.SuccessImportance)
	case engine.IsKind(err, engine.ErrCanceled):
		kit.ShowMessage(d.result, i18n.T("compose.canceled"), widget.WarningImportance)
	default:
		msg := i18n.T("compose.failed.up", "Project", project, "Why", present.Explain(err))
		if what == "down" {
			msg = i18n.T("compose.failed.down", "Project", project, "Why", present.Explain(err))
		}
		kit.ShowMessage(d.result, msg, widget.DangerImportance)
		d.Details.SetText(kit.EngineWords(err))
	}
	d.validate()
	d.relayout()
	d.async(what)
}

// relayout lays the dialog out again after its messages changed height
// (the dialog does not follow its content's size by itself).
func (d *Dialog) relayout() {
	if d.dlg != nil {
		d.dlg.Refresh()
	}
}

// Result is what the last up or down came to, "" before one ends.
func (d *Dialog) Result() string { return kit.MessageText(d.result) }

// FileProblem is what the dialog says is wrong with the file, "" for nothing.
func (d *Dialog) FileProblem() string { return kit.MessageText(d.fileMsg) }

// Config is the file as loaded.
func (d *Dialog) Config() engine.ComposeConfig { return d.config }

// Steps are the resources compose reported on, each with its latest word.
func (d *Dialog) Steps() []engine.ComposeStep { return d.stepList }

// Working reports whether an up or a down is in flight.
func (d *Dialog) Working() bool { return d.working != "" }

// Closed reports whether the dialog was closed.
func (d *Dialog) Closed() bool { return d.closed }

func (d *Dialog) async(what string) {
	if d.onAsync != nil {
		d.onAsync(what)
	}
}

// SetOnAsync sets a hook called on the UI goroutine when a load, an up or
// a down ends (for tests).
func (d *Dialog) SetOnAsync(f func(what string)) { d.onAsync = f }

// closeTapped cancels compose's work in flight, or closes the dialog.
func (d *Dialog) closeTapped() {
	if d.working != "" {
		if d.workCancel != nil {
			d.workCancel()
		}
		d.Close.Disable()
		d.Close.SetText(i18n.T("compose.canceling"))
		return
	}
	d.closeDialog()
}

// closeDialog closes the dialog and stops compose's work in flight.
func (d *Dialog) closeDialog() {
	if d.closed {
		return
	}
	d.closed = true
	d.cancel()
	if d.dlg != nil {
		d.dlg.Hide()
	}
}

// --- progress -----------------------------------------------------------------

// applySteps shows compose's news (UI goroutine): one row per resource,
// with its latest word, in the order compose first named them.
func (d *Dialog) applySteps(news []engine.ComposeStep) {
	for _, s := range news {
		if i, ok := d.stepIndex[s.ID]; ok {
			d.stepList[i] = s
			continue
		}
		d.stepIndex[s.ID] = len(d.stepList)
		d.stepList = append(d.stepList, s)
	}
	d.steps.Refresh()
}

// stepRow is one resource's progress: its state, its name, compose's word.
type stepRow struct {
	widget.BaseWidget
	icon   *widget.Icon
	spin   *widget.Activity
	name   *widget.Label
	status *widget.Label
	box    fyne.CanvasObject
}

func newStepRow() fyne.CanvasObject {
	r := &stepRow{icon: widget.NewIcon(theme.ConfirmIcon()), spin: widget.NewActivity(), name: kit.CellLabel(), status: kit.CellLabel()}
	r.spin.Hide()
	r.box = container.NewBorder(nil, nil, container.NewStack(r.icon, r.spin), container.New(kit.BoxWidth(170), r.status), r.name)
	r.ExtendBaseWidget(r)
	return r
}

func (r *stepRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (d *Dialog) updateStep(i widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*stepRow)
	s := d.stepList[i]
	r.name.SetText(s.ID)
	status := s.Status
	if s.Percent > 0 && s.State == engine.StepWorking {
		status = fmt.Sprintf("%s %d%%", status, s.Percent)
	}
	if s.Text != "" && s.Text != s.Status {
		status += " " + s.Text
	}
	imp := widget.MediumImportance
	switch s.State {
	case engine.StepWorking:
		r.icon.Hide()
		if !r.spin.Visible() {
			r.spin.Show()
			r.spin.Start()
		}
	default:
		r.spin.Stop()
		r.spin.Hide()
		r.icon.Show()
		switch s.State {
		case engine.StepError:
			r.icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
			imp = widget.DangerImportance
		case engine.StepWarning:
			r.icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
			imp = widget.WarningImportance
		default:
			r.icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
		}
	}
	kit.SetLabel(r.status, status, fyne.TextStyle{}, imp)
}
