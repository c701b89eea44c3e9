package present

import (
	"fmt"
	"strings"

	"berth/engine"
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
		return Plural(im.Containers, "container", "containers")
	case im.Dangling:
		return "Dangling (no tag)"
	case im.Containers < 0:
		return "Unknown"
	}
	return "Not used"
}

// RemoveImageText asks about removing an image and says what goes.
func RemoveImageText(im engine.Image) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Remove image %s?", ImageLabel(im))
	if im.Dangling || im.Ref() == im.ShortID {
		b.WriteString(" Its layers are deleted unless another image uses them.")
	} else {
		b.WriteString(" If no other tag names it, its layers are deleted too (unless another image uses them).")
	}
	if im.Containers > 0 {
		fmt.Fprintf(&b, " It is used by %s, so the engine will refuse unless those go first.", Plural(im.Containers, "container", "containers"))
	}
	return b.String()
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
	return "Force remove: delete " + Plural(users, "container", "containers")
}

func imageConflictText(im engine.Image, users []engine.Container, cannotForce, forceDeletes bool) string {
	var b strings.Builder
	one := len(users) <= 1
	who := "containers"
	if one {
		who = "container"
	}
	if len(users) == 0 {
		fmt.Fprintf(&b, "The engine did not remove %s: a container still uses it.", im.Ref())
	} else {
		fmt.Fprintf(&b, "The engine did not remove %s: %s %s still %s it.", im.Ref(), who, ContainerLabels(users), pluralWord(len(users), "uses", "use"))
	}
	them := "them"
	if len(users) == 1 {
		them = "it"
	}
	fmt.Fprintf(&b, "\n\nRemove the %s first: Berth stops and removes %s, then removes the image.", who, them)
	if cannotForce {
		b.WriteString("\n\nThe engine cannot force this removal while a container runs on the image.")
		return b.String()
	}
	if forceDeletes {
		fmt.Fprintf(&b, "\n\nThis engine is Podman: Force remove deletes the image AND the %s that %s it, running or not: %s. "+
			"Their data outside volumes is lost.", who, pluralWord(len(users), "uses", "use"), ContainerLabels(users))
		return b.String()
	}
	keeps, gone := "keep", "they are"
	if one {
		keeps, gone = "keeps", "it is"
	}
	fmt.Fprintf(&b, "\n\nForce remove only takes the name off the image while a running container uses it: "+
		"the %s %s running, and the image stays on disk, untagged, until %s gone. "+
		"Stopped containers that use it lose their image.", who, keeps, gone)
	return b.String()
}

// RemoveUsersChoice is the conflict dialog's button that removes the users first.
func RemoveUsersChoice(users int) string {
	if users == 1 {
		return "Remove the container first"
	}
	return "Remove the containers first"
}
