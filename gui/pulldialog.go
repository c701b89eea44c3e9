package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
)

// pullDialog is `docker pull`: an image name, then the pull's progress layer
// by layer, the tutorial's "Digest: …" and "Status: Downloaded newer image
// for …" lines, and a Cancel button that stops the pull.
type pullDialog struct {
	u      *UI
	ctx    context.Context // canceled when the dialog closes
	cancel context.CancelFunc
	dlg    *dialog.CustomDialog // nil until show

	refEntry    *widget.Entry
	refMsg      *widget.Label
	pullButton  *widget.Button
	closeButton *widget.Button // "Cancel" while pulling, "Close" otherwise
	progress    *pullProgressView
	resultLabel *widget.Label
	errorLabel  *widget.Label
	content     fyne.CanvasObject
	pulling     bool
	pullCancel  context.CancelFunc
	closed      bool
	lastErr     error
	pulledRef   string
	onAsync     func(what string) // test hook: "pull" when a pull has ended
}

// OpenPull opens the pull dialog, pre-filled with ref ("" for none).
func (u *UI) OpenPull(ref string) {
	u.newPullDialog(ref).show()
}

// newPullDialog builds the dialog without showing it.
func (u *UI) newPullDialog(ref string) *pullDialog {
	parent := u.ctx
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancel(parent)
	d := &pullDialog{u: u, ctx: ctx, cancel: cancel}
	d.refEntry = &widget.Entry{Text: ref, PlaceHolder: "Image, e.g. nginx or localhost:5000/web:1", OnChanged: d.refChanged, OnSubmitted: func(string) { d.pull() }}
	d.refEntry.ExtendBaseWidget(d.refEntry)
	d.refMsg = newRunMsg()
	d.pullButton = &widget.Button{Text: "Pull", Icon: theme.DownloadIcon(), Importance: widget.HighImportance, OnTapped: d.pull}
	d.closeButton = &widget.Button{Text: "Close", OnTapped: d.closeTapped}
	d.progress = newPullProgressView(u.runDo, 236) // six layers in view
	d.resultLabel = newRunMsg()
	d.errorLabel = newRunMsg()
	d.content = container.NewBorder(
		container.NewVBox(
			&widget.Label{Text: "Pull an image from its registry, layer by layer, like docker pull."},
			container.NewBorder(nil, nil, &widget.Label{Text: "Image", TextStyle: fyne.TextStyle{Bold: true}}, d.pullButton, d.refEntry),
			d.refMsg,
		),
		container.NewVBox(d.resultLabel, d.errorLabel),
		nil, nil,
		d.progress.obj,
	)
	d.validate()
	return d
}

func (d *pullDialog) show() {
	d.dlg = dialog.NewCustomWithoutButtons("Pull an image", d.content, d.u.win)
	d.dlg.SetButtons([]fyne.CanvasObject{d.closeButton})
	d.dlg.SetOnClosed(d.close)
	d.dlg.Resize(fyne.NewSize(820, 620))
	d.u.ShowMain()
	d.dlg.Show()
	d.u.win.Canvas().Focus(d.refEntry)
}

// validate checks the image name; Pull is enabled only for a valid one.
func (d *pullDialog) validate() bool {
	ref := strings.TrimSpace(d.refEntry.Text)
	_, err := engine.ValidateImage(ref)
	switch {
	case ref == "":
		setRunMsg(d.refMsg, engine.Explain(err), widget.LowImportance)
	case err != nil:
		setRunMsg(d.refMsg, imageErrorText(err), widget.DangerImportance)
	default:
		setRunMsg(d.refMsg, "", widget.LowImportance)
	}
	if err == nil && !d.pulling {
		d.pullButton.Enable()
	} else {
		d.pullButton.Disable()
	}
	return err == nil
}

func (d *pullDialog) refChanged(string) { d.validate() }

// pull starts the pull in a goroutine; progress arrives coalesced.
func (d *pullDialog) pull() {
	if d.pulling || d.closed || !d.validate() {
		return
	}
	ref := strings.TrimSpace(d.refEntry.Text)
	d.pulling = true
	d.lastErr = nil
	d.refEntry.Disable()
	d.pullButton.Disable()
	d.closeButton.SetText("Cancel")
	d.closeButton.SetIcon(theme.CancelIcon())
	setRunMsg(d.errorLabel, "", widget.DangerImportance)
	setRunMsg(d.resultLabel, "", widget.LowImportance)
	d.progress.reset(ref)
	d.progress.obj.Show()
	ctx, cancel := context.WithCancel(d.ctx)
	d.pullCancel = cancel
	go func() {
		err := d.u.eng.Pull(ctx, ref, d.progress.post)
		cancel()
		d.u.runDo(func() { d.pullFinished(ref, err) })
	}()
}

func (d *pullDialog) pullFinished(ref string, err error) {
	d.pulling = false
	d.pullCancel = nil
	d.lastErr = err
	if d.closed {
		return
	}
	d.refEntry.Enable()
	d.closeButton.Enable()
	d.closeButton.SetText("Close")
	d.closeButton.SetIcon(nil)
	switch {
	case err == nil:
		d.pulledRef = ref
		setRunMsg(d.resultLabel, "Pulled "+ref+". It is in the image list; Run it from there.", widget.SuccessImportance)
	case engine.IsKind(err, engine.ErrCanceled):
		setRunMsg(d.errorLabel, "The pull of "+ref+" was canceled.", widget.WarningImportance)
	default:
		setRunMsg(d.errorLabel, engine.Explain(err), widget.DangerImportance)
	}
	d.validate()
	if d.onAsync != nil {
		d.onAsync("pull")
	}
}

// closeTapped cancels a pull in flight (the dialog stays, to say so) or closes the dialog.
func (d *pullDialog) closeTapped() {
	if d.pulling {
		if d.pullCancel != nil {
			d.pullCancel()
		}
		d.closeButton.Disable()
		d.closeButton.SetText("Canceling…")
		return
	}
	d.close()
}

func (d *pullDialog) close() {
	if d.closed {
		return
	}
	d.closed = true
	d.cancel()
	if d.dlg != nil {
		d.dlg.Hide()
	}
}
