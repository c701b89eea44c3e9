// Package rebuild is the Recreate tab of a container's details: the
// `docker run` command and the compose.yaml service that would create the
// container again (engine/rebuild), each with Copy, secrets masked until
// revealed (also in what is copied), and "Run a copy…", which opens the run
// dialog filled from the container.
package rebuild

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/rebuild"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Host is what the pane needs from the shell.
type Host interface {
	Do(f func())              // run f on the UI goroutine
	Context() context.Context // ends when Berth shuts down
	// RunCopy opens the run dialog filled with spec (the shell calls
	// run.OpenSpec over the main window).
	RunCopy(spec engine.RunSpec)
}

// Tab is what the details view takes as a tab (details.Pane), declared here
// so that this package needs not import the details view.
type Tab interface {
	Content() fyne.CanvasObject
	Shown()
	Hidden()
	Close()
}

var _ Tab = (*Pane)(nil)

// Title is the tab's name as the shell passes it to the details view: its
// identifier there, shown translated (details.tab.recreate).
var Title = i18n.Code("Recreate")

// Pane is the Recreate pane. Its methods run on the UI goroutine.
type Pane struct {
	h       Host
	inspect engine.InspectAPI
	images  engine.ImageDetailAPI
	c       engine.Container
	ctx     context.Context
	end     context.CancelFunc

	loaded  bool
	seq     int // the last load asked for: older answers are dropped
	details engine.ContainerDetails
	image   engine.ImageConfig
	noImage bool // the image's config could not be read: everything is written out

	reveal    *widget.Check
	status    *widget.Label
	note      *widget.Label
	errLabel  *widget.Label
	runLabel  *widget.Label
	yamlLabel *widget.Label
	copyRun   *widget.Button
	copyYAML  *widget.Button
	runCopy   *widget.Button
	content   fyne.CanvasObject
	runText   string // what Copy copies: masked unless revealed
	yamlText  string
	onAsync   func() // tests: a load was applied
	closed    bool
}

// NewPane builds the Recreate pane of c. It asks the engine (inspect, the
// image's config) each time it is shown.
func NewPane(h Host, inspect engine.InspectAPI, images engine.ImageDetailAPI, c engine.Container) *Pane {
	ctx, end := context.WithCancel(h.Context())
	v := &Pane{h: h, inspect: inspect, images: images, c: c, ctx: ctx, end: end}
	v.reveal = &widget.Check{Text: i18n.T("rebuild.reveal"), OnChanged: func(bool) { v.render() }}
	v.status = kit.MessageLabel()
	v.note = kit.WrapLabel("", widget.LowImportance)
	v.errLabel = kit.MessageLabel()
	mono := func() *widget.Label {
		return &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Wrapping: fyne.TextWrapWord, Selectable: true}
	}
	v.runLabel, v.yamlLabel = mono(), mono()
	v.copyRun = &widget.Button{Text: i18n.T("rebuild.copy"), Icon: theme.ContentCopyIcon(), OnTapped: v.copyRunTapped}
	v.copyYAML = &widget.Button{Text: i18n.T("rebuild.copy"), Icon: theme.ContentCopyIcon(), OnTapped: v.copyYAMLTapped}
	v.runCopy = &widget.Button{Text: i18n.T("rebuild.runCopy"), Icon: theme.MediaPlayIcon(), OnTapped: v.runCopyTapped}
	heading := func(s string, b *widget.Button) fyne.CanvasObject {
		return container.NewBorder(nil, nil, &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}}, b)
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(v.reveal, v.runCopy)),
			kit.WrapLabel(i18n.T("rebuild.intro"), widget.MediumImportance)),
		v.note, v.errLabel, v.status)
	body := container.NewVBox(
		heading(i18n.Code("docker run"), v.copyRun), v.runLabel,
		widget.NewSeparator(),
		heading(i18n.Code("compose.yaml"), v.copyYAML), v.yamlLabel,
	)
	v.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(body))
	v.render()
	return v
}

// Content is the pane's widget tree.
func (v *Pane) Content() fyne.CanvasObject { return v.content }

// Shown reads the container again: it may have changed since.
func (v *Pane) Shown() { v.load() }

// Hidden does nothing: the pane holds no stream.
func (v *Pane) Hidden() {}

// Close ends what the pane asked the engine.
func (v *Pane) Close() {
	v.closed = true
	v.end()
}

type loaded struct {
	seq     int
	d       engine.ContainerDetails
	img     engine.ImageConfig
	noImage bool
	err     error
}

func (v *Pane) load() {
	v.seq++
	seq, id := v.seq, v.c.ID
	if !v.loaded {
		kit.ShowMessage(v.status, i18n.T("rebuild.reading"), widget.LowImportance)
	}
	go func() {
		r := loaded{seq: seq}
		r.d, _, r.err = v.inspect.ContainerInspect(v.ctx, id)
		if r.err == nil {
			ref := r.d.ImageID // the image the container runs, even if its tag moved on
			if ref == "" {
				ref = r.d.Image
			}
			var err error
			r.img, err = v.images.ImageConfig(v.ctx, ref)
			if err != nil {
				if errors.Is(v.ctx.Err(), context.Canceled) {
					return
				}
				r.img, r.noImage = engine.ImageConfig{}, true
			}
		}
		v.h.Do(func() { v.apply(r) })
	}()
}

func (v *Pane) apply(r loaded) {
	if v.closed || r.seq != v.seq {
		return
	}
	kit.ShowMessage(v.status, "", widget.LowImportance)
	if r.err != nil {
		if !v.loaded {
			v.runLabel.SetText("")
			v.yamlLabel.SetText("")
		}
		kit.ShowMessage(v.errLabel, present.Explain(r.err), widget.DangerImportance)
	} else {
		kit.ShowMessage(v.errLabel, "", widget.DangerImportance)
		v.loaded, v.details, v.image, v.noImage = true, r.d, r.img, r.noImage
	}
	v.render()
	if v.onAsync != nil {
		v.onAsync()
	}
}

func (v *Pane) options() rebuild.Options {
	return rebuild.Options{Reveal: v.reveal.Checked, Secret: present.IsSecretName, Mask: present.Mask}
}

// render shows the command and the service as the details and the toggle say.
func (v *Pane) render() {
	kit.Enable(v.copyRun, v.loaded)
	kit.Enable(v.copyYAML, v.loaded)
	kit.Enable(v.runCopy, v.loaded)
	if !v.loaded {
		v.reveal.Hide()
		return
	}
	o := v.options()
	if rebuild.Masked(v.details, v.image, o) {
		v.reveal.Show()
	} else {
		v.reveal.Hide()
	}
	v.runText = rebuild.Run(v.details, v.image, o).Script()
	y, err := rebuild.Service(v.details, v.image, o)
	if err != nil {
		y = "# " + err.Error()
	}
	v.yamlText = y
	v.runLabel.SetText(v.runText)
	v.yamlLabel.SetText(v.yamlText)
	note := ""
	if v.noImage {
		note = i18n.T("rebuild.noImage", "Image", v.details.Image)
	}
	v.note.SetText(note)
	kit.Show(v.note, note != "")
}

func (v *Pane) copyRunTapped() { v.copy(v.runText, i18n.T("rebuild.copied.run")) }

func (v *Pane) copyYAMLTapped() { v.copy(v.yamlText, i18n.T("rebuild.copied.service")) }

func (v *Pane) copy(text, said string) {
	if !v.loaded {
		return
	}
	fyne.CurrentApp().Clipboard().SetContent(text)
	if !v.reveal.Checked && rebuild.Masked(v.details, v.image, v.options()) {
		said = i18n.T("rebuild.copied.masked", "Said", said)
	}
	kit.ShowMessage(v.status, said, widget.LowImportance)
}

// runCopyTapped opens the run dialog filled from the container (real values:
// the dialog runs it).
func (v *Pane) runCopyTapped() {
	if !v.loaded {
		return
	}
	v.h.RunCopy(rebuild.RunSpec(v.details, v.image))
}

// The widgets, for tests.

// RunText is the docker run command as shown and copied.
func (v *Pane) RunText() string { return v.runText }

// YAMLText is the compose service as shown and copied.
func (v *Pane) YAMLText() string { return v.yamlText }

// RevealCheck is the Reveal secrets toggle.
func (v *Pane) RevealCheck() *widget.Check { return v.reveal }

// CopyRunButton, CopyYAMLButton and RunCopyButton are the pane's buttons.
func (v *Pane) CopyRunButton() *widget.Button  { return v.copyRun }
func (v *Pane) CopyYAMLButton() *widget.Button { return v.copyYAML }
func (v *Pane) RunCopyButton() *widget.Button  { return v.runCopy }

// ErrorText is the error shown ("" for none).
func (v *Pane) ErrorText() string { return kit.MessageText(v.errLabel) }
