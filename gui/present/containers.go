package present

import (
	"strings"

	"berth/engine"
	"berth/gui/i18n"
)

// ContainerLabel names a container as the dialogs do: webserver (5c17b6cbcddd).
func ContainerLabel(c engine.Container) string {
	if c.Name == "" {
		return c.ShortID
	}
	return c.Name + " (" + c.ShortID + ")"
}

// ListLabels joins names as a sentence: "a", "a and b", "a, b and c"
// (in Korean "a, b, c").
func ListLabels(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return i18n.T("present.list.last", "Rest", strings.Join(names[:len(names)-1], ", "), "Last", names[len(names)-1])
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
	var s string
	switch {
	case len(cs) == 1:
		s = i18n.T("present.remove.one", "Name", ContainerLabel(cs[0]))
	case len(cs) <= NamedInText:
		s = i18n.T("present.remove.named", "N", len(cs), "Names", ContainerLabels(cs))
	default:
		s = i18n.T("present.remove.counted", "N", len(cs))
	}
	var running []engine.Container
	for _, c := range cs {
		if c.Running() {
			running = append(running, c)
		}
	}
	switch {
	case len(running) == 1 && len(cs) == 1:
		s += " " + i18n.T("present.remove.itRuns")
	case len(running) == 0:
	case len(cs) <= NamedInText:
		s += " " + i18n.N("present.remove.namedRun", len(running), "Names", ContainerLabels(running))
	case len(running) == len(cs):
		s += " " + i18n.T("present.remove.allRun")
	default:
		s += " " + i18n.N("present.remove.someRun", len(running))
	}
	return s
}

// StopAndRemoveText is the second question, for running containers.
func StopAndRemoveText(cs []engine.Container) string {
	switch {
	case len(cs) == 1:
		return i18n.T("present.stopRemove.one", "Name", ContainerLabel(cs[0]))
	case len(cs) <= NamedInText:
		return i18n.T("present.stopRemove.named", "Names", ContainerLabels(cs), "Rest", i18n.T("present.stopRemove.rest"))
	}
	return i18n.T("present.stopRemove.counted", "N", len(cs), "Rest", i18n.T("present.stopRemove.rest"))
}

// ContainerLines names containers one a line, for the list under a
// question about more than NamedInText of them; running ones say so.
func ContainerLines(cs []engine.Container) []string {
	lines := make([]string, len(cs))
	for i, c := range cs {
		lines[i] = ContainerLabel(c)
		if c.Running() {
			lines[i] = i18n.T("present.line.running", "Label", lines[i])
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
		return i18n.T("present.failures.different")
	}
	return strings.Join(distinct, "\n")
}

// BulkProgress is a bulk action's progress: "Stopping 120 of 300" (doing
// is the action's word while it runs, "Stopping…").
func BulkProgress(doing string, done, total int) string {
	return i18n.T("present.bulk.progress", "Doing", strings.TrimSuffix(doing, "…"), "Done", done, "Total", total)
}

// NoBrowserText is the message when a port link could not be opened in a
// browser (err, the desktop's own words, follows in brackets).
func NoBrowserText(err error) string {
	return i18n.T("present.noBrowser", "Why", Explain(err))
}

// GroupSummary counts a compose project's running containers: "2 running, 1 paused".
func GroupSummary(running, paused int) string {
	if paused > 0 {
		return i18n.T("present.group.runningPaused", "Running", running, "Paused", paused)
	}
	return i18n.T("present.group.running", "Running", running)
}
