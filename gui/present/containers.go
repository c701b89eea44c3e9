package present

import (
	"fmt"
	"strings"

	"berth/engine"
)

// ContainerLabel names a container as the dialogs do: webserver (5c17b6cbcddd).
func ContainerLabel(c engine.Container) string {
	if c.Name == "" {
		return c.ShortID
	}
	return c.Name + " (" + c.ShortID + ")"
}

// ListLabels joins names as a sentence: "a", "a and b", "a, b and c".
func ListLabels(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// ContainerLabels names containers as a sentence:
// "webserver (5c17b6cbcddd) and awesome_mclaren (e6d5c4b3a291)".
func ContainerLabels(cs []engine.Container) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = ContainerLabel(c)
	}
	return ListLabels(names)
}

// RemoveContainersText asks about removing containers and says what goes.
func RemoveContainersText(cs []engine.Container) string {
	var b strings.Builder
	if len(cs) == 1 {
		fmt.Fprintf(&b, "Remove container %s? Its anonymous volumes are kept.", ContainerLabel(cs[0]))
	} else {
		fmt.Fprintf(&b, "Remove %d containers: %s? Their anonymous volumes are kept.", len(cs), ContainerLabels(cs))
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
		fmt.Fprintf(&b, " %s%s running: Berth will ask once more before it stops them.", ContainerLabels(running), isAre(len(running)))
	}
	return b.String()
}

// StopAndRemoveText is the second question, for running containers.
func StopAndRemoveText(cs []engine.Container) string {
	if len(cs) == 1 {
		return fmt.Sprintf("Container %s is running. Stop it and remove it? What it is doing ends now; its anonymous volumes are kept.", ContainerLabel(cs[0]))
	}
	return fmt.Sprintf("Containers %s are running. Stop them and remove them? What they are doing ends now; their anonymous volumes are kept.", ContainerLabels(cs))
}

// GroupSummary counts a compose project's running containers: "2 running, 1 paused".
func GroupSummary(running, paused int) string {
	s := fmt.Sprintf("%d running", running)
	if paused > 0 {
		s += fmt.Sprintf(", %d paused", paused)
	}
	return s
}

func isAre(n int) string {
	if n == 1 {
		return " is"
	}
	return " are"
}
