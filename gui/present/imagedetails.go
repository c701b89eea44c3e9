package present

import (
	"strings"

	"berth/engine"
	"berth/gui/i18n"
)

// CreatedBy is a history step as `docker history` shows it: the shell's
// "/bin/sh -c #(nop) " prefix dropped ("EXPOSE 80"), a RUN step kept as it runs.
func CreatedBy(s string) string {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "/bin/sh -c #(nop)"); ok {
		return strings.TrimSpace(rest)
	}
	if rest, ok := strings.CutPrefix(s, "/bin/sh -c "); ok {
		return i18n.Code("RUN ") + strings.TrimSpace(rest)
	}
	return s
}

// Command is an entrypoint or a command as the config holds it, in JSON's
// exec form as a Dockerfile writes it: ["/web", "--port", "80"]; "" for none.
func Command(args []string) string {
	if len(args) == 0 {
		return ""
	}
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = `"` + strings.ReplaceAll(strings.ReplaceAll(a, `\`, `\\`), `"`, `\"`) + `"`
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// PushLayerLine is one layer of a push as `docker push` words it: "5e6ec7f28fb7: Pushed".
func PushLayerLine(l engine.Layer) string {
	id := engine.ShortID(l.ID)
	switch l.Status {
	case engine.LayerPushing:
		if l.Total > 0 {
			return i18n.T("present.push.pushingOf", "ID", id, "Current", HumanSize(l.Current), "Total", HumanSize(l.Total))
		}
		return i18n.T("present.push.pushing", "ID", id)
	case engine.LayerPushed:
		return i18n.T("present.push.pushed", "ID", id)
	case engine.LayerInRepo:
		return i18n.T("present.push.exists", "ID", id)
	case engine.LayerMounted:
		return i18n.T("present.push.mounted", "ID", id)
	}
	return i18n.T("present.push.preparing", "ID", id)
}

// PushTargets are the references of an image that a push can send: its
// tags, those naming a registry (localhost:5000/web:1) first.
func PushTargets(tags []string) []string {
	var reg, other []string
	for _, t := range tags {
		if t == "" || t == "<none>:<none>" {
			continue
		}
		first, _, found := strings.Cut(t, "/")
		if found && (strings.ContainsAny(first, ".:") || first == "localhost") {
			reg = append(reg, t)
		} else {
			other = append(other, t)
		}
	}
	return append(reg, other...)
}
