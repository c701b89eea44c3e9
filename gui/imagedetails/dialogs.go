package imagedetails

import (
	"context"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// DefaultRegistry is the registry the search and the tag suggestion start from.
var DefaultRegistry = i18n.Code("localhost:5000")

// dialogBox is a dialog of the window with its buttons, by text.
type dialogBox struct {
	d       *dialog.CustomDialog
	body    fyne.CanvasObject
	buttons []*kit.DialogButton
	closed  bool
}

func (w *Window) showDialog(title string, body fyne.CanvasObject, buttons ...*kit.DialogButton) *dialogBox {
	b := &dialogBox{buttons: buttons, body: body}
	objs := make([]fyne.CanvasObject, len(buttons))
	for i, x := range buttons {
		objs[i] = x
	}
	b.d = dialog.NewCustomWithoutButtons(title, body, w.win)
	b.d.SetButtons(objs)
	b.d.SetOnClosed(kit.CloseOnEscape(w.win, func() { b.d.Hide() }))
	b.d.Show()
	w.dialog = b
	return b
}

func (b *dialogBox) hide() {
	b.closed = true
	b.d.Hide()
}

// button finds a button of the dialog by its text (nil if none).
func (b *dialogBox) button(text string) *kit.DialogButton {
	for _, x := range b.buttons {
		if x.Text == text {
			return x
		}
	}
	return nil
}

// suggestTag is the tag the Tag dialog starts with: the image's name in the default registry.
func suggestTag(tags []string) string {
	for _, t := range tags {
		if t == "<none>:<none>" {
			continue
		}
		first, rest, found := strings.Cut(t, "/")
		if found && (strings.ContainsAny(first, ".:") || first == "localhost") {
			t = rest
		}
		return DefaultRegistry + "/" + t
	}
	return DefaultRegistry + "/"
}

// inRegistry reports whether ref starts with a registry's address.
func inRegistry(ref string) bool {
	first, _, found := strings.Cut(ref, "/")
	return found && (strings.ContainsAny(first, ".:") || first == "localhost")
}

// openTag asks for a new reference, checked as it is typed.
func (w *Window) openTag() {
	entry := kit.NewDialogEntry()
	entry.SetPlaceHolder(i18n.T("imagedetails.tag.placeholder"))
	msg := kit.MessageLabel()
	var tag *kit.DialogButton
	check := func(s string) bool {
		_, err := engine.ValidateImage(s)
		if err != nil {
			kit.ShowMessage(msg, present.Explain(err), widget.DangerImportance)
		} else {
			kit.ShowMessage(msg, "", widget.MediumImportance)
		}
		kit.Enable(&tag.Button, err == nil)
		return err == nil
	}
	var box *dialogBox
	run := func() {
		target := strings.TrimSpace(entry.Text)
		if !check(target) {
			return
		}
		tag.Disable()
		ctx, api, src := w.ctx, w.api, w.cfg.ID
		go func() {
			err := api.ImageTag(ctx, src, target)
			w.h.Do(func() {
				defer w.async(i18n.Code("tag"))
				if err != nil {
					kit.ShowMessage(msg, present.Explain(err), widget.DangerImportance)
					tag.Enable()
					return
				}
				box.hide()
				kit.ShowMessage(w.message, i18n.T("imagedetails.tag.done", "Ref", target), widget.SuccessImportance)
				w.reload()
			})
		}()
	}
	tag = kit.NewDialogButton(i18n.T("imagedetails.tag.button"), theme.ConfirmIcon(), run)
	tag.Importance = widget.HighImportance
	cancel := kit.NewDialogButton(i18n.T("imagedetails.cancel"), theme.CancelIcon(), func() { box.hide() })
	entry.OnChanged = func(s string) { check(s) }
	entry.OnSubmitted = func(string) { run() }
	entry.SetText(suggestTag(w.cfg.RepoTags))
	body := container.New(kit.BoxWidth(480), kit.WrapLabel(i18n.T("imagedetails.tag.text", "Ref", w.ref, "ID", engine.ShortID(w.cfg.ID)), widget.MediumImportance), entry, msg)
	box = w.showDialog(i18n.T("imagedetails.tag.title"), body, cancel, tag)
	w.win.Canvas().Focus(entry)
}

// openPush pushes one of the image's tags, showing each layer's progress.
func (w *Window) openPush() {
	targets := present.PushTargets(w.cfg.RepoTags)
	if len(targets) == 0 {
		return
	}
	first := targets[0]
	if slices.Contains(targets, w.ref) && inRegistry(w.ref) {
		first = w.ref // the tag the window is of, when it names a registry too
	}
	sel := kit.NewDialogSelect(targets, first, nil)
	view := newPushView(w.h.Do)
	w.pushing = view
	result := kit.WrapLabel("", widget.MediumImportance)
	result.Hide()
	var box *dialogBox
	var push, closeB *kit.DialogButton
	var stop context.CancelFunc
	closeB = kit.NewDialogButton(i18n.T("imagedetails.close"), theme.CancelIcon(), func() {
		if stop != nil {
			stop() // Cancel: the push ends, the dialog stays to say so
			return
		}
		box.hide()
	})
	push = kit.NewDialogButton(i18n.T("imagedetails.push.button"), theme.UploadIcon(), func() {
		ref := sel.Selected
		ctx, cancel := context.WithCancel(w.ctx)
		stop = cancel
		push.Disable()
		sel.Disable()
		closeB.SetText(i18n.T("imagedetails.cancel"))
		result.Hide()
		view.reset(ref)
		api := w.api
		go func() {
			err := api.ImagePush(ctx, ref, view.post)
			w.h.Do(func() {
				defer w.async(i18n.Code("push"))
				cancel()
				stop = nil
				push.Enable()
				sel.Enable()
				closeB.SetText(i18n.T("imagedetails.close"))
				view.ended(err)
				switch {
				case err == nil:
					kit.ShowMessage(w.message, i18n.T("imagedetails.push.done", "Ref", ref), widget.SuccessImportance)
					w.reload()
				default:
					result.SetText(present.Explain(err))
					result.Importance = widget.DangerImportance
					result.Show()
				}
			})
		}()
	})
	push.Importance = widget.HighImportance
	body := container.New(kit.BoxWidth(620),
		kit.WrapLabel(i18n.T("imagedetails.push.text", "ID", engine.ShortID(w.cfg.ID)), widget.MediumImportance),
		sel, view.content(), result)
	box = w.showDialog(i18n.T("imagedetails.push.title"), body, closeB, push)
	// Room for the progress from the start, as the pull dialog: the dialog does not grow.
	box.d.Resize(fyne.NewSize(720, 540))
}

// openSearch lists a registry's repositories and tags, to pull from.
func (w *Window) openSearch() {
	registry := kit.NewDialogEntry()
	registry.SetText(DefaultRegistry)
	query := kit.NewDialogEntry()
	query.SetPlaceHolder(i18n.T("imagedetails.search.placeholder"))
	status := kit.WrapLabel("", widget.LowImportance)
	var refs []string // the rows: a pullable reference, or a repository with no tags
	tagged := 0       // refs[:tagged] are references
	list := widget.NewList(func() int { return len(refs) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil,
				&widget.Button{Text: i18n.T("imagedetails.search.pull"), Icon: theme.DownloadIcon(), Importance: widget.LowImportance},
				&widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Truncation: fyne.TextTruncateEllipsis})
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < 0 || id >= len(refs) {
				return
			}
			box := o.(*fyne.Container)
			ref := refs[id]
			box.Objects[0].(*widget.Label).SetText(ref)
			pull := box.Objects[1].(*widget.Button)
			pull.OnTapped = func() { w.h.OpenPull(ref) }
			kit.Show(pull, id < tagged) // a repository with no tags has nothing to pull
		})
	var search *kit.DialogButton
	run := func() {
		search.Disable()
		status.SetText(i18n.T("imagedetails.search.asking", "Registry", strings.TrimSpace(registry.Text)))
		ctx, api, reg, q := w.ctx, w.api, registry.Text, query.Text
		go func() {
			repos, err := api.RegistrySearch(ctx, reg, q)
			w.h.Do(func() {
				defer w.async(i18n.Code("search"))
				search.Enable()
				if err != nil {
					refs = nil
					status.SetText(present.Explain(err))
					status.Importance = widget.DangerImportance
					list.Refresh()
					return
				}
				refs = refs[:0]
				var untagged []string
				for _, r := range repos {
					for _, t := range r.Tags {
						refs = append(refs, r.Ref(t))
					}
					if len(r.Tags) == 0 {
						untagged = append(untagged, i18n.T("imagedetails.search.noTags", "Ref", r.Registry+"/"+r.Name))
					}
				}
				tagged = len(refs)
				refs = append(refs, untagged...) // after the ones that can be pulled
				status.Importance = widget.LowImportance
				status.SetText(i18n.N("imagedetails.search.found", len(repos), "Tags", i18n.N("imagedetails.search.tags", tagged)))
				list.Refresh()
			})
		}()
	}
	search = kit.NewDialogButton(i18n.T("imagedetails.search.button"), theme.SearchIcon(), run)
	search.Importance = widget.HighImportance
	query.OnSubmitted = func(string) { run() }
	registry.OnSubmitted = func(string) { run() }
	var box *dialogBox
	closeB := kit.NewDialogButton(i18n.T("imagedetails.close"), theme.CancelIcon(), func() { box.hide() })
	space := canvas.NewRectangle(color.Transparent)
	space.SetMinSize(fyne.NewSize(620, 260))
	form := widget.NewForm(widget.NewFormItem(i18n.T("imagedetails.search.registry"), registry), widget.NewFormItem(i18n.T("imagedetails.search.repository"), query))
	body := container.NewBorder(container.NewVBox(form, status), nil, nil, nil, container.NewStack(space, list))
	box = w.showDialog(i18n.T("imagedetails.search.title"), body, closeB, search)
	box.d.Resize(fyne.NewSize(720, 480))
	w.win.Canvas().Focus(query)
	w.search = &searchState{refs: func() []string { return refs }, status: status, registry: registry, query: query, run: run}
}

// searchState lets tests read the search dialog.
type searchState struct {
	refs            func() []string
	status          *widget.Label
	registry, query *kit.DialogEntry
	run             func()
}
