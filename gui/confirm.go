package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
)

// mainDialog is a question or a message in the main window, with a row of
// buttons; every button closes it, then does its part. The UI keeps the last
// one (UI.dialog) so that tests can answer it.
type mainDialog struct {
	title   string
	message string
	d       *dialog.CustomDialog
	buttons []*widget.Button
}

// choice is one button of a mainDialog; run may be nil (Cancel, OK).
type choice struct {
	text       string
	icon       fyne.Resource
	importance widget.Importance
	run        func()
}

func cancelChoice() choice { return choice{text: "Cancel", icon: theme.CancelIcon()} }

// ask shows a dialog with message and one button per choice, left to right.
func (u *UI) ask(title, message string, choices ...choice) *mainDialog {
	return u.askWith(title, message, nil, choices...)
}

// askWith is ask with extra content under the message (nil for none).
func (u *UI) askWith(title, message string, extra fyne.CanvasObject, choices ...choice) *mainDialog {
	md := &mainDialog{title: title, message: message}
	objs := make([]fyne.CanvasObject, len(choices))
	var widest float32
	for i, c := range choices {
		run := c.run
		b := &widget.Button{Text: c.text, Icon: c.icon, Importance: c.importance}
		b.OnTapped = func() {
			md.d.Hide()
			if run != nil {
				run()
			}
		}
		b.ExtendBaseWidget(b)
		md.buttons = append(md.buttons, b)
		objs[i] = b
		widest = fyne.Max(widest, b.MinSize().Width)
	}
	// The text is as wide as the row of buttons (equal cells), at least 460.
	n := float32(len(choices))
	width := fyne.Max(460, n*widest+(n-1)*theme.Padding())
	msg := wrapLabel(message, widget.MediumImportance)
	body := container.New(boxWidth(width), msg)
	if extra != nil {
		body.Add(extra)
	}
	md.d = dialog.NewCustomWithoutButtons(title, body, u.win)
	md.d.SetButtons(objs)
	u.dialog = md
	md.d.Show()
	return md
}

// button finds a button of the dialog by its text (nil if none).
func (md *mainDialog) button(text string) *widget.Button {
	for _, b := range md.buttons {
		if b.Text == text {
			return b
		}
	}
	return nil
}

// showError tells what went wrong, in plain words.
func (u *UI) showError(title string, err error) {
	u.ask(title, engine.Explain(err), choice{text: "OK", importance: widget.HighImportance})
}

// showErrors tells what went wrong with several objects at once.
func (u *UI) showErrors(title string, lines []string) {
	u.ask(title, strings.Join(lines, "\n"), choice{text: "OK", importance: widget.HighImportance})
}

// containerLabel names a container as the dialogs do: webserver (5c17b6cbcddd).
func containerLabel(c engine.Container) string {
	name := c.Name
	if name == "" {
		return c.ShortID
	}
	return name + " (" + c.ShortID + ")"
}

// listLabels joins names as a sentence: "a", "a and b", "a, b and c".
func listLabels(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func containerLabels(cs []engine.Container) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = containerLabel(c)
	}
	return listLabels(names)
}

// removeContainersText asks about removing containers and says what goes.
func removeContainersText(cs []engine.Container) string {
	var b strings.Builder
	if len(cs) == 1 {
		fmt.Fprintf(&b, "Remove container %s? Its anonymous volumes are kept.", containerLabel(cs[0]))
	} else {
		fmt.Fprintf(&b, "Remove %d containers: %s? Their anonymous volumes are kept.", len(cs), containerLabels(cs))
	}
	var running []engine.Container
	for _, c := range cs {
		if c.Running() {
			running = append(running, c)
		}
	}
	switch {
	case len(running) == 1 && len(cs) == 1:
		b.WriteString(" It is running: Berth will ask once more before it stops it.")
	case len(running) > 0:
		fmt.Fprintf(&b, " %s running: Berth will ask once more before it stops them.", containerLabels(running)+isAre(len(running)))
	}
	return b.String()
}

func usesUse(n int) string {
	if n == 1 {
		return "uses"
	}
	return "use"
}

func isAre(n int) string {
	if n == 1 {
		return " is"
	}
	return " are"
}

// stopAndRemoveText is the second question for running containers.
func stopAndRemoveText(cs []engine.Container) string {
	if len(cs) == 1 {
		return fmt.Sprintf("Container %s is running. Stop it and remove it? What it is doing ends now; its anonymous volumes are kept.", containerLabel(cs[0]))
	}
	return fmt.Sprintf("Containers %s are running. Stop them and remove them? What they are doing ends now; their anonymous volumes are kept.", containerLabels(cs))
}

// confirmRemoveContainers asks before removing cs; then remove runs with
// the containers the user agreed to remove (running ones only after a
// second, explicit "Stop and remove").
func (u *UI) confirmRemoveContainers(cs []engine.Container, remove func(cs []engine.Container, force bool)) {
	if len(cs) == 0 {
		return
	}
	title := "Remove container"
	if len(cs) > 1 {
		title = fmt.Sprintf("Remove %d containers", len(cs))
	}
	u.ask(title, removeContainersText(cs),
		cancelChoice(),
		choice{text: "Remove", icon: theme.DeleteIcon(), importance: widget.DangerImportance, run: func() {
			var stopped, running []engine.Container
			for _, c := range cs {
				if c.Running() {
					running = append(running, c)
				} else {
					stopped = append(stopped, c)
				}
			}
			if len(stopped) > 0 {
				remove(stopped, false)
			}
			if len(running) > 0 {
				u.confirmStopAndRemove(running, remove)
			}
		}})
}

// confirmStopAndRemove is the second, explicit question for running containers.
func (u *UI) confirmStopAndRemove(running []engine.Container, remove func(cs []engine.Container, force bool)) {
	title := "Container is running"
	if len(running) > 1 {
		title = "Containers are running"
	}
	u.ask(title, stopAndRemoveText(running),
		cancelChoice(),
		choice{text: "Stop and remove", icon: theme.DeleteIcon(), importance: widget.DangerImportance, run: func() {
			remove(running, true)
		}})
}

// imageLabel names an image as the dialogs do: nginx:latest (42b4762643dc).
func imageLabel(im engine.Image) string {
	if ref := im.Ref(); ref != im.ShortID {
		return ref + " (" + im.ShortID + ")"
	}
	return im.ShortID
}

// removeImageText asks about removing an image and says what goes.
func removeImageText(im engine.Image) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Remove image %s?", imageLabel(im))
	if im.Dangling || im.Ref() == im.ShortID {
		b.WriteString(" Its layers are deleted unless another image uses them.")
	} else {
		b.WriteString(" If no other tag names it, its layers are deleted too (unless another image uses them).")
	}
	if im.Containers > 0 {
		fmt.Fprintf(&b, " It is used by %s, so the engine will refuse unless those go first.", plural(im.Containers, "container", "containers"))
	}
	return b.String()
}

// confirmRemoveImage asks before removing an image.
func (u *UI) confirmRemoveImage(im engine.Image, remove func()) {
	u.ask("Remove image", removeImageText(im),
		cancelChoice(),
		choice{text: "Remove", icon: theme.DeleteIcon(), importance: widget.DangerImportance, run: remove})
}

// imageConflictText explains an image in use and the two ways out.
func imageConflictText(im engine.Image, users []engine.Container, cannotForce bool) string {
	var b strings.Builder
	who := "container"
	if len(users) > 1 {
		who = "containers"
	}
	if len(users) == 0 {
		fmt.Fprintf(&b, "The engine did not remove %s: a container still uses it.", im.Ref())
	} else {
		fmt.Fprintf(&b, "The engine did not remove %s: %s %s still %s it.", im.Ref(), who, containerLabels(users), usesUse(len(users)))
	}
	them := "them"
	if len(users) == 1 {
		them = "it"
	}
	fmt.Fprintf(&b, "\n\nRemove the %s first: Berth stops and removes %s, then removes the image.", who, them)
	if cannotForce {
		b.WriteString("\n\nThe engine cannot force this removal while a container runs on the image.")
	} else {
		fmt.Fprintf(&b, "\n\nForce remove only takes the name off the image while a running container uses it: "+
			"the %s %s running, and the image stays on disk, untagged, until %s gone. "+
			"Stopped containers that use it lose their image.", who, map[bool]string{true: "keeps", false: "keep"}[who == "container"],
			map[bool]string{true: "it is", false: "they are"}[who == "container"])
	}
	return b.String()
}

// showImageConflict offers the ways out of an image in use: remove the
// containers first, or force (unless the engine said it cannot be forced).
func (u *UI) showImageConflict(im engine.Image, users []engine.Container, cannotForce bool, removeUsers, force func()) *mainDialog {
	choices := []choice{cancelChoice()}
	if !cannotForce {
		choices = append(choices, choice{text: "Force remove", icon: theme.WarningIcon(), importance: widget.WarningImportance, run: force})
	}
	first := "Remove the containers first"
	if len(users) == 1 {
		first = "Remove the container first"
	}
	choices = append(choices, choice{text: first, icon: theme.DeleteIcon(), importance: widget.DangerImportance, run: removeUsers})
	return u.ask("Image in use", imageConflictText(im, users, cannotForce), choices...)
}
