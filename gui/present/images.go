package present

import (
	"strings"

	"berth/engine"
	"berth/gui/i18n"
)

// ImageLabel names an image as the dialogs do: nginx:latest (42b4762643dc).
func ImageLabel(im engine.Image) string {
	if ref := im.Ref(); ref != im.ShortID {
		return ref + " (" + im.ShortID + ")"
	}
	return im.ShortID
}

// ImageUse says whether containers use an image: "2 containers", "Not
// used", "Dangling (no tag)".
func ImageUse(im engine.Image) string {
	switch {
	case im.Containers > 0:
		return i18n.N("present.image.containers", im.Containers)
	case im.Dangling:
		return i18n.T("present.image.dangling")
	case im.Containers < 0:
		return i18n.T("present.image.unknown")
	}
	return i18n.T("present.image.notUsed")
}

// RemoveImageText asks about removing an image and says what goes.
func RemoveImageText(im engine.Image) string {
	s := i18n.T("present.image.remove", "Image", ImageLabel(im))
	if im.Dangling || im.Ref() == im.ShortID {
		s += " " + i18n.T("present.image.remove.layers")
	} else {
		s += " " + i18n.T("present.image.remove.tagged")
	}
	if im.Containers > 0 {
		s += " " + i18n.N("present.image.remove.used", im.Containers)
	}
	return s
}

// ImageConflictText explains an image in use by users and the two ways
// out: remove the containers first, or force (unless cannotForce).
func ImageConflictText(im engine.Image, users []engine.Container, cannotForce bool) string {
	return imageConflictText(im, users, cannotForce, false)
}

// ImageConflictTextDeleting is ImageConflictText for an engine whose force
// removal deletes the containers that use the image (Podman), running ones
// included: it names what Force would delete.
func ImageConflictTextDeleting(im engine.Image, users []engine.Container) string {
	return imageConflictText(im, users, false, true)
}

// ForceDeletesChoice is the button that forces a removal that deletes the
// containers too (Podman): "Force remove: delete 2 containers".
func ForceDeletesChoice(users int) string {
	return i18n.N("present.image.forceDeletes", users)
}

func imageConflictText(im engine.Image, users []engine.Container, cannotForce, forceDeletes bool) string {
	n := len(users)
	var parts []string
	if n == 0 {
		parts = []string{i18n.T("present.conflict.notRemoved.none", "Image", im.Ref()), i18n.T("present.conflict.removeFirst.none")}
	} else {
		parts = []string{i18n.N("present.conflict.notRemoved", n, "Image", im.Ref(), "Users", ContainerLabels(users)),
			i18n.N("present.conflict.removeFirst", n)}
	}
	switch {
	case cannotForce:
		parts = append(parts, i18n.T("present.conflict.cannotForce"))
	case forceDeletes && n == 0:
		parts = append(parts, i18n.T("present.conflict.podman.none", "Users", ""))
	case forceDeletes:
		parts = append(parts, i18n.N("present.conflict.podman", n, "Users", ContainerLabels(users)))
	default:
		parts = append(parts, i18n.N("present.conflict.untags", max(n, 1)))
	}
	return strings.Join(parts, "\n\n")
}

// RemoveUsersChoice is the conflict dialog's button that removes the users first.
func RemoveUsersChoice(users int) string {
	return i18n.N("present.image.removeUsers", users)
}
