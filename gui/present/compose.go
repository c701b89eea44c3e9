package present

import (
	"path/filepath"
	"regexp"
	"strings"

	"berth/engine"
	"berth/gui/i18n"
)

// loaderPrefix is what compose's loader puts before its message: the
// file's full path, which the sentence names once, shorter.
var loaderPrefix = regexp.MustCompile(`^(?:(?:failed to parse|validating|parsing) [^:]+: )?(?:yaml: )?(?:line \d+: )?`)

// ComposeFileProblem says what is wrong with a compose file, naming the
// file and the line: "Line 4 of compose.yaml: services.web additional
// properties 'imagee' not allowed."
func ComposeFileProblem(e *engine.Error) string {
	msg := loaderPrefix.ReplaceAllString(engine.Raw(e), "")
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = strings.TrimSuffix(msg, ".")
	file := filepath.Base(e.Ref)
	if e.Line > 0 {
		return i18n.T("present.compose.fileLine", "Line", e.Line, "File", file, "Why", msg)
	}
	return i18n.T("present.compose.file", "File", file, "Why", msg)
}

// NoComposeHelperText says that berth-compose is missing and where it belongs.
func NoComposeHelperText(e *engine.Error) string {
	if e.Ref != "" {
		return i18n.T("present.compose.noHelperIn", "Dir", e.Ref)
	}
	return i18n.T("present.compose.noHelper")
}

// RemoveStackText asks about `docker compose down` of a project and says
// exactly what goes and what stays.
func RemoveStackText(r engine.ComposeResources) string {
	names := make([]string, len(r.Containers))
	running := 0
	for i, c := range r.Containers {
		names[i] = c.Name
		if c.State == engine.StateRunning || c.State == engine.StatePaused || c.State == engine.StateRestarting {
			running++
		}
	}
	nets := make([]string, len(r.Networks))
	for i, n := range r.Networks {
		nets[i] = n.Name
	}
	lines := []string{i18n.T("present.stack.question", "Project", r.Project)}
	if len(names) > 0 {
		if running > 0 {
			lines = append(lines, i18n.N("present.stack.containersRunning", len(names), "Names", ListLabels(names), "Running", running))
		} else {
			lines = append(lines, i18n.N("present.stack.containers", len(names), "Names", ListLabels(names)))
		}
	}
	if len(nets) > 0 {
		lines = append(lines, i18n.N("present.stack.networks", len(nets), "Names", ListLabels(nets)))
	}
	if len(names) == 0 && len(nets) == 0 {
		lines = append(lines, i18n.T("present.stack.nothingLeft"))
	}
	lines = append(lines, i18n.T("present.stack.kept"))
	return strings.Join(lines, "\n")
}

// ComposeServiceLine is a service as the compose up dialog lists it:
// "web · localhost:5000/web:1 · 8080:80/tcp".
func ComposeServiceLine(s engine.ComposeService) string {
	parts := []string{s.Name}
	switch {
	case s.Image != "":
		parts = append(parts, s.Image)
	case s.Build:
		parts = append(parts, i18n.T("present.service.build"))
	}
	if len(s.Ports) > 0 {
		parts = append(parts, strings.Join(s.Ports, ", "))
	}
	if len(s.DependsOn) > 0 {
		parts = append(parts, i18n.T("present.service.after", "Services", strings.Join(s.DependsOn, ", ")))
	}
	return strings.Join(parts, " · ")
}
