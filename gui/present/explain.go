package present

import (
	"errors"
	"strconv"
	"strings"

	"berth/engine"
	"berth/gui/i18n"
)

// Explain words err for a dialog, a banner or a field message, in plain
// words and with what to do next, from the *engine.Error's fields (never
// from the engine's text). Errors that are not engine errors are shown as
// they are. engine.Raw(err) has the engine's own words.
func Explain(err error) string {
	if err == nil {
		return ""
	}
	e := engine.AsError(err)
	if e == nil {
		return strings.TrimPrefix(err.Error(), "Error response from daemon: ")
	}
	if s, ok := explainVolNet(e); ok { // volumes.go
		return s
	}
	switch e.Kind {
	case engine.ErrCanceled:
		return i18n.T("present.err.canceled")
	case engine.ErrNotRunning:
		return i18n.T("present.err.notRunning")
	case engine.ErrUnreachable:
		if e.Ref == "" {
			return i18n.T("present.err.unreachable.noRef")
		}
		return i18n.T("present.err.unreachable", "Ref", e.Ref)
	case engine.ErrPermission:
		if s, ok := permissionText(e.Ref); ok {
			return s
		}
		return i18n.T("present.err.permission", "Ref", e.Ref)
	case engine.ErrEndpoint:
		if e.Ref == "" {
			return i18n.T("present.err.endpoint.noRef", "Why", engine.Raw(err))
		}
		return i18n.T("present.err.endpoint", "Ref", e.Ref, "Why", engine.Raw(err))
	case engine.ErrNotFound:
		return notFoundText(e.What, e.Ref)
	case engine.ErrNameInUse:
		return i18n.T("present.err.nameInUse", "Name", strconv.Quote(e.Ref))
	case engine.ErrPortAllocated:
		if e.Port != "" {
			return i18n.T("present.err.portAllocated", "Port", e.Port)
		}
		return i18n.T("present.err.portAllocated.noPort")
	case engine.ErrInvalidPort:
		return i18n.T("present.err.invalidPort")
	case engine.ErrInvalidImage:
		switch {
		case e.Ref == "":
			return i18n.T("present.err.invalidImage.empty")
		case errors.Is(e, engine.ErrUppercase):
			return i18n.T("present.err.invalidImage.uppercase")
		}
		return i18n.T("present.err.invalidImage")
	case engine.ErrInvalidName:
		return NameProblem(e.Ref)
	case engine.ErrImageNotInRegistry:
		return i18n.T("present.err.imageNotInRegistry", "Ref", e.Ref)
	case engine.ErrRegistryUnreachable:
		return i18n.T("present.err.registryUnreachable", "Ref", e.Ref)
	case engine.ErrMustStop:
		return i18n.T("present.err.mustStop")
	case engine.ErrImageInUse:
		users := strings.Join(e.Users, ", ")
		n := len(e.Users)
		switch {
		case e.ForceRemovesUsers:
			return i18n.N("present.err.imageInUse.podman", n, "Ref", e.Ref, "Users", users)
		case e.CannotForce:
			return i18n.N("present.err.imageInUse.running", n, "Ref", e.Ref, "Users", users)
		}
		return i18n.N("present.err.imageInUse", n, "Ref", e.Ref, "Users", users)
	case engine.ErrNoCommand:
		if e.Ref == "" {
			return i18n.T("present.err.noCommand.noRef")
		}
		return i18n.T("present.err.noCommand", "Ref", e.Ref)
	case engine.ErrReadOnly:
		if e.Ref == "" {
			return i18n.T("present.err.readOnly.noRef")
		}
		return i18n.T("present.err.readOnly", "Ref", e.Ref)
	case engine.ErrFileDenied:
		if e.Ref == "" {
			return i18n.T("present.err.fileDenied.noRef")
		}
		return i18n.T("present.err.fileDenied", "Ref", e.Ref)
	case engine.ErrCommandNotFound:
		if e.Ref == "" {
			return i18n.T("present.err.commandNotFound.noRef")
		}
		return i18n.T("present.err.commandNotFound", "Ref", e.Ref)
	case engine.ErrComposeFile:
		return ComposeFileProblem(e)
	case engine.ErrNoComposeHelper:
		return NoComposeHelperText(e)
	}
	if s, ok := explainEngine(e); ok {
		return s
	}
	return engine.Raw(err)
}

// notFoundText says that nothing named ref is on the engine; what is the
// kind of thing the engine looked for ("container", "image", "network",
// "volume"; "" when it did not say).
func notFoundText(what, ref string) string {
	q := strconv.Quote(ref)
	switch what {
	case "":
		return i18n.T("present.err.notFound.any", "Ref", q)
	case "container":
		return i18n.T("present.err.notFound.container", "Ref", q)
	case "image":
		return i18n.T("present.err.notFound.image", "Ref", q)
	case "network":
		return i18n.T("present.err.notFound.network", "Ref", q)
	case "volume":
		return i18n.T("present.err.notFound.volume", "Ref", q)
	case "build cache record":
		return i18n.T("present.err.notFound.buildCache", "Ref", q)
	case "file or folder":
		return i18n.T("present.err.notFound.file", "Ref", q)
	case "context":
		return i18n.T("present.err.notFound.context", "Ref", q)
	}
	return i18n.T("present.err.notFound.other", "What", what, "Ref", q)
}

// Plural is "1 container" or "3 containers", from English words: for
// callers not translated yet. Translated text uses i18n.N.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// NameProblem says what is wrong with a container name the engine would refuse.
func NameProblem(name string) string {
	rule := i18n.T("present.name.rule")
	n := strings.TrimPrefix(name, "/")
	for _, r := range n {
		switch {
		case r == ' ':
			return i18n.T("present.name.spaces", "Rule", rule)
		case r > 127:
			return i18n.T("present.name.notPlain", "Char", strconv.QuoteRune(r), "Rule", rule)
		case !nameRune(r):
			return i18n.T("present.name.char", "Char", strconv.QuoteRune(r), "Rule", rule)
		}
	}
	switch {
	case len(n) < 2:
		return i18n.T("present.name.short", "Rule", rule)
	case strings.ContainsAny(n[:1], "_.-"):
		return i18n.T("present.name.start", "Char", strconv.Quote(n[:1]), "Rule", rule)
	}
	return rule
}

// nameRune reports whether a container name may hold r.
func nameRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_.-", r)
}
