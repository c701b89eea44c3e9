package images

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// RemoveSelection asks, then removes the highlighted image (Delete).
func (v *View) RemoveSelection() { v.list.WithCurrent(!v.offline, v.removeRow) }

func (v *View) runRow(key string) {
	if im, ok := v.image(key); ok {
		v.h.OpenRun(im.Ref())
	}
}

// removeRow asks, then removes the image of a row.
func (v *View) removeRow(key string) {
	im, ok := v.image(key)
	if !ok || v.list.Pending[key] != "" {
		return
	}
	v.h.Ask(kit.Question{Title: i18n.T("images.remove.title"), Message: present.RemoveImageText(im), Choices: []kit.Choice{
		kit.Cancel(),
		kit.RemoveChoice(i18n.T("images.remove"), func() { v.removeImage(key, im, false) }),
	}})
}

// removeImage removes an image; when the engine refuses because containers
// use it, the conflict question offers the ways out.
func (v *View) removeImage(key string, im engine.Image, force bool) {
	v.list.SetPending(key, i18n.T("images.removing"))
	ctx, ref := v.h.Context(), im.Ref()
	go func() {
		lines, err := v.images.ImageRemove(ctx, ref, force)
		v.h.Do(func() { v.removed(key, im, lines, err) })
	}()
}

func (v *View) removed(key string, im engine.Image, lines []string, err error) {
	v.list.SetPending(key, "")
	switch e := engine.AsError(err); {
	case err == nil:
		v.setNote(lines)
	case e != nil && e.Kind == engine.ErrImageInUse:
		v.askConflict(key, im, e)
	case !kit.Quiet(v.h.Context(), err):
		v.showError(i18n.T("images.remove.failed", "Image", present.ImageLabel(im)), err)
	}
}

func (v *View) showError(title string, err error) { v.h.Ask(kit.ErrorQuestion(title, err)) }

// setNote tells what the last removal did, as docker image rm prints it,
// for noteFor.
func (v *View) setNote(lines []string) {
	v.noteSeq++
	if len(lines) == 0 {
		v.noteBox.Hide()
		return
	}
	v.note.SetText(strings.Join(lines, " · "))
	v.noteBack.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	v.noteBack.Refresh()
	v.noteBox.Show()
	seq := v.noteSeq
	time.AfterFunc(v.noteFor, func() {
		v.h.Do(func() {
			if seq == v.noteSeq {
				v.noteBox.Hide()
			}
		})
	})
}

// Note is the note on the last removal while it shows ("" when it does not).
func (v *View) Note() string {
	if !v.noteBox.Visible() {
		return ""
	}
	return v.note.Text
}

// users names the containers that use an image: those the engine named
// (short IDs, resolved from the last snapshot) and those the snapshot knows of.
func (v *View) users(im engine.Image, named []string) []engine.Container {
	var out []engine.Container
	seen := map[string]bool{}
	for _, short := range named {
		found := false
		for _, c := range v.snap.Containers {
			if strings.HasPrefix(c.ID, short) {
				found = true
				if !seen[c.ID] {
					seen[c.ID] = true
					out = append(out, c)
				}
			}
		}
		if !found && !seen[short] {
			// Not in the snapshot yet: name it by its ID.
			seen[short] = true
			out = append(out, engine.Container{ID: short, ShortID: engine.ShortID(short)})
		}
	}
	for _, c := range v.snap.Containers {
		if c.ImageID == im.ID && !seen[c.ID] {
			seen[c.ID] = true
			out = append(out, c)
		}
	}
	return out
}

// askConflict offers the ways out of an image in use: remove the
// containers first, or force (unless the engine said it cannot be forced).
func (v *View) askConflict(key string, im engine.Image, e *engine.Error) {
	users := v.users(im, e.Users)
	choices := []kit.Choice{kit.Cancel()}
	msg := present.ImageConflictText(im, users, e.CannotForce)
	switch {
	case e.ForceRemovesUsers && len(users) > 0:
		// Podman: forcing deletes every container that uses the image, and
		// the question names them all before the user can choose it.
		msg = present.ImageConflictTextDeleting(im, users)
		choices = append(choices, kit.Choice{Text: present.ForceDeletesChoice(len(users)), Icon: theme.WarningIcon(), Importance: widget.DangerImportance,
			Run: func() { v.removeImage(key, im, true) }})
	case e.ForceRemovesUsers:
		// Users not known: never offer a force that would delete unnamed containers.
	case !e.CannotForce:
		choices = append(choices, kit.Choice{Text: i18n.T("images.forceRemove"), Icon: theme.WarningIcon(), Importance: widget.WarningImportance,
			Run: func() { v.removeImage(key, im, true) }})
	}
	choices = append(choices, kit.Choice{Text: present.RemoveUsersChoice(len(users)), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance,
		Run: func() { v.removeUsersThenImage(key, im, users) }})
	v.h.Ask(kit.Question{Title: i18n.T("images.inUse.title"), Message: msg, Choices: choices})
}

// removeUsersThenImage stops and removes the containers that use an image,
// then removes the image.
func (v *View) removeUsersThenImage(key string, im engine.Image, users []engine.Container) {
	v.list.SetPending(key, i18n.T("images.removingUsers"))
	ctx, api := v.h.Context(), v.containers
	gone := func(err error) bool { return err == nil || engine.IsKind(err, engine.ErrNotFound) }
	go func() {
		for _, c := range users {
			if err := engine.StopAndRemove(ctx, api, c, nil); !gone(err) {
				v.h.Do(func() {
					v.list.SetPending(key, "")
					if !kit.Quiet(v.h.Context(), err) {
						v.showError(i18n.T("images.removeUsers.failed", "Image", present.ImageLabel(im)), err)
					}
				})
				return
			}
		}
		lines, err := v.images.ImageRemove(ctx, im.Ref(), false)
		v.h.Do(func() { v.removed(key, im, lines, err) })
	}()
}
