package pull

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Host is what the pull dialog needs from the shell.
type Host interface {
	// Do runs f on the UI goroutine.
	Do(f func())
	Window() fyne.Window
	// Context ends when the window closes; the dialog's pulls end with it.
	Context() context.Context
	// ShowMain brings the main window up (from the tray).
	ShowMain()
}

// Dialog is `docker pull`: an image name, then the pull's progress layer
// by layer, the tutorial's "Digest: …" and "Status: Downloaded newer image
// for …" lines, and a Cancel button that stops the pull. Escape closes it
// (and stops the pull).
type Dialog struct {
	// Entry is the image name, PullButton starts the pull, CloseButton is
	// "Cancel" while pulling (it stops the pull) and "Close" otherwise.
	Entry       *kit.DialogEntry
	PullButton  *kit.DialogButton
	CloseButton *kit.DialogButton
	Progress    *Progress
	// Details has the engine's own words on the last failed pull.
	Details *kit.DetailsToggle

	h      Host
	api    engine.ImageAPI
	ctx    context.Context // canceled when the dialog closes
	cancel context.CancelFunc
	dlg    *dialog.CustomDialog

	refMsg      *widget.Label
	resultLabel *widget.Label
	errorLabel  *widget.Label
	content     fyne.CanvasObject
	pulling     bool
	pullCancel  context.CancelFunc
	closed      bool
	lastErr     error
	onAsync     func(what string) // test hook: "pull" when a pull has ended
}

// Open shows the pull dialog over the main window (brought up first),
// pre-filled with ref ("" for none).
func Open(h Host, api engine.ImageAPI, ref string) *Dialog {
	d := newDialog(h, api, ref)
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("pull.title"), d.content, h.Window())
	d.dlg.SetButtons([]fyne.CanvasObject{d.CloseButton})
	endEscape := kit.CloseOnEscape(h.Window(), d.Close)
	d.dlg.SetOnClosed(func() {
		endEscape()
		d.Close()
	})
	d.dlg.Resize(fyne.NewSize(820, 620))
	h.ShowMain()
	d.dlg.Show()
	h.Window().Canvas().Focus(d.Entry)
	return d
}

// newDialog builds the dialog without showing it.
func newDialog(h Host, api engine.ImageAPI, ref string) *Dialog {
	ctx, cancel := context.WithCancel(h.Context())
	d := &Dialog{h: h, api: api, ctx: ctx, cancel: cancel}
	d.Entry = kit.NewDialogEntry()
	d.Entry.Text, d.Entry.PlaceHolder = ref, i18n.T("pull.image.placeholder")
	d.Entry.OnChanged, d.Entry.OnSubmitted = d.refChanged, func(string) { d.pull() }
	d.refMsg = kit.MessageLabel()
	d.PullButton = kit.NewDialogButton(i18n.T("pull.pull"), theme.DownloadIcon(), d.pull)
	d.PullButton.Importance = widget.HighImportance
	d.CloseButton = kit.NewDialogButton(i18n.T("pull.close"), nil, d.closeTapped)
	d.Progress = NewProgress(h.Do, 236) // six layers in view
	d.resultLabel = kit.MessageLabel()
	d.errorLabel = kit.MessageLabel()
	d.Details = kit.NewDetailsToggle()
	d.content = container.NewBorder(
		container.NewVBox(
			&widget.Label{Text: i18n.T("pull.intro")},
			container.NewBorder(nil, nil, &widget.Label{Text: i18n.T("pull.field.image"), TextStyle: fyne.TextStyle{Bold: true}}, d.PullButton, d.Entry),
			d.refMsg,
		),
		container.NewVBox(d.resultLabel, d.errorLabel, d.Details.Content()),
		nil, nil,
		d.Progress.Content(),
	)
	d.validate()
	return d
}

// Message is what the dialog says about the image name (why it is not
// valid), "" for nothing.
func (d *Dialog) Message() string { return kit.MessageText(d.refMsg) }

// Result is what the last pull came to: "Pulled nginx. …", why it failed,
// or "" before the first pull ends.
func (d *Dialog) Result() string {
	if t := kit.MessageText(d.errorLabel); t != "" {
		return t
	}
	return kit.MessageText(d.resultLabel)
}

// Closed reports whether the dialog was closed.
func (d *Dialog) Closed() bool { return d.closed }

// validate checks the image name; Pull is enabled only for a valid one.
func (d *Dialog) validate() bool {
	ref := strings.TrimSpace(d.Entry.Text)
	_, err := engine.ValidateImage(ref)
	switch {
	case ref == "":
		kit.ShowMessage(d.refMsg, present.Explain(err), widget.LowImportance)
	case err != nil:
		kit.ShowMessage(d.refMsg, present.Explain(err), widget.DangerImportance)
	default:
		kit.ShowMessage(d.refMsg, "", widget.LowImportance)
	}
	if err == nil && !d.pulling {
		d.PullButton.Enable()
	} else {
		d.PullButton.Disable()
	}
	return err == nil
}

func (d *Dialog) refChanged(string) { d.validate() }

// pull starts the pull in a goroutine; progress arrives coalesced.
func (d *Dialog) pull() {
	if d.pulling || d.closed || !d.validate() {
		return
	}
	ref := strings.TrimSpace(d.Entry.Text)
	d.pulling = true
	d.lastErr = nil
	d.Entry.Disable()
	d.PullButton.Disable()
	d.CloseButton.SetText(i18n.T("pull.cancel"))
	d.CloseButton.SetIcon(theme.CancelIcon())
	kit.ShowMessage(d.errorLabel, "", widget.DangerImportance)
	kit.ShowMessage(d.resultLabel, "", widget.LowImportance)
	d.Details.SetText("")
	d.Progress.Reset(ref)
	d.Progress.Content().Show()
	ctx, cancel := context.WithCancel(d.ctx)
	d.pullCancel = cancel
	go func() {
		err := d.api.ImagePull(ctx, ref, d.Progress.Post)
		cancel()
		d.h.Do(func() { d.pullFinished(ref, err) })
	}()
}

func (d *Dialog) pullFinished(ref string, err error) {
	d.pulling = false
	d.pullCancel = nil
	d.lastErr = err
	if d.closed {
		return
	}
	d.Entry.Enable()
	d.CloseButton.Enable()
	d.CloseButton.SetText(i18n.T("pull.close"))
	d.CloseButton.SetIcon(nil)
	switch {
	case err == nil:
		kit.ShowMessage(d.resultLabel, i18n.T("pull.done", "Image", ref), widget.SuccessImportance)
	case engine.IsKind(err, engine.ErrCanceled):
		kit.ShowMessage(d.errorLabel, i18n.T("pull.canceled", "Image", ref), widget.WarningImportance)
	default:
		kit.ShowMessage(d.errorLabel, present.Explain(err), widget.DangerImportance)
		d.Details.SetText(kit.EngineWords(err))
	}
	if err != nil {
		d.Progress.Failed(err)
	}
	d.validate()
	if d.onAsync != nil {
		d.onAsync(i18n.Code("pull"))
	}
}

// closeTapped cancels a pull in flight (the dialog stays, to say so) or closes the dialog.
func (d *Dialog) closeTapped() {
	if d.pulling {
		if d.pullCancel != nil {
			d.pullCancel()
		}
		d.CloseButton.Disable()
		d.CloseButton.SetText(i18n.T("pull.canceling"))
		return
	}
	d.Close()
}

// Close closes the dialog and stops its pull, if one is in flight.
func (d *Dialog) Close() {
	if d.closed {
		return
	}
	d.closed = true
	d.cancel()
	if d.dlg != nil {
		d.dlg.Hide()
	}
}
