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

// NamedInText is how many containers a question names in its sentence;
// beyond that it counts them, and a list under it names them (ContainerLines).
const NamedInText = 3

// RemoveContainersText asks about removing containers and says what goes.
func RemoveContainersText(cs []engine.Container) string {
	var b strings.Builder
	switch {
	case len(cs) == 1:
		fmt.Fprintf(&b, "Remove container %s? Its anonymous volumes are kept.", ContainerLabel(cs[0]))
	case len(cs) <= NamedInText:
		fmt.Fprintf(&b, "Remove %d containers: %s? Their anonymous volumes are kept.", len(cs), ContainerLabels(cs))
	default:
		fmt.Fprintf(&b, "Remove %d containers? Their anonymous volumes are kept.", len(cs))
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
	case len(running) == 0:
	case len(cs) <= NamedInText:
		fmt.Fprintf(&b, " %s%s running: Berth will ask once more before it stops them.", ContainerLabels(running), isAre(len(running)))
	case len(running) == len(cs):
		b.WriteString(" They are all running: Berth will ask once more before it stops them.")
	default:
		fmt.Fprintf(&b, " %d of them%s running: Berth will ask once more before it stops them.", len(running), isAre(len(running)))
	}
	return b.String()
}

// StopAndRemoveText is the second question, for running containers.
func StopAndRemoveText(cs []engine.Container) string {
	const rest = "Stop them and remove them? What they are doing ends now; their anonymous volumes are kept."
	switch {
	case len(cs) == 1:
		return fmt.Sprintf("Container %s is running. Stop it and remove it? What it is doing ends now; its anonymous volumes are kept.", ContainerLabel(cs[0]))
	case len(cs) <= NamedInText:
		return fmt.Sprintf("Containers %s are running. %s", ContainerLabels(cs), rest)
	}
	return fmt.Sprintf("%d containers are running. %s", len(cs), rest)
}

// ContainerLines names containers one a line, for the list under a
// question about more than NamedInText of them; running ones say so.
func ContainerLines(cs []engine.Container) []string {
	lines := make([]string, len(cs))
	for i, c := range cs {
		lines[i] = ContainerLabel(c)
		if c.Running() {
			lines[i] += " – running"
		}
	}
	return lines
}

// FailuresText says why several containers failed, over the list of which
// failed and why (reasons, one per container): the reasons they share, or,
// when there are many different ones, that the list has them.
func FailuresText(reasons []string) string {
	var distinct []string
	seen := map[string]bool{}
	for _, r := range reasons {
		if !seen[r] {
			seen[r] = true
			distinct = append(distinct, r)
		}
	}
	if len(distinct) > NamedInText {
		return "They failed for different reasons; the list says why for each."
	}
	return strings.Join(distinct, "\n")
}

// BulkProgress is a bulk action's progress: "Stopping 120 of 300".
func BulkProgress(doing string, done, total int) string {
	return fmt.Sprintf("%s %d of %d", strings.TrimSuffix(doing, "…"), done, total)
}

// NoBrowserText is the message when a port link could not be opened in a
// browser (err, the desktop's own words, follows in brackets).
func NoBrowserText(err error) string {
	return fmt.Sprintf("Berth found no web browser to open it in (%s). Copy the address and paste it into a browser.", Explain(err))
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
