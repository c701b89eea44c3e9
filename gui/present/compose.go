package present

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"berth/engine"
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
		return fmt.Sprintf("Line %d of %s: %s.", e.Line, file, msg)
	}
	return fmt.Sprintf("%s does not load: %s.", file, msg)
}

// NoComposeHelperText says that berth-compose is missing and where it belongs.
func NoComposeHelperText(e *engine.Error) string {
	where := "next to Berth's program"
	if e.Ref != "" {
		where = "in " + e.Ref
	}
	return fmt.Sprintf("Berth's compose helper, berth-compose, is missing: it belongs %s or on PATH. Install Berth from its package, or build it with make build.", where)
}

// RemoveStackText asks about `docker compose down` of a project and says
// exactly what goes and what stays.
func RemoveStackText(r engine.ComposeResources) string {
	var b strings.Builder
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
	fmt.Fprintf(&b, "Remove the compose stack %s, as docker compose down does?", r.Project)
	if len(names) > 0 {
		fmt.Fprintf(&b, "\n%s: %s", Plural(len(names), "container", "containers"), ListLabels(names))
		if running > 0 {
			fmt.Fprintf(&b, " (%d running: stopped first)", running)
		}
		b.WriteString(".")
	}
	if len(nets) > 0 {
		fmt.Fprintf(&b, "\n%s: %s.", Plural(len(nets), "network", "networks"), ListLabels(nets))
	}
	if len(names) == 0 && len(nets) == 0 {
		b.WriteString("\nNothing of it is left on the engine.")
	}
	b.WriteString("\nIts volumes and images are kept.")
	return b.String()
}

// ComposeServiceLine is a service as the compose up dialog lists it:
// "web · localhost:5000/web:1 · 8080:80/tcp".
func ComposeServiceLine(s engine.ComposeService) string {
	parts := []string{s.Name}
	switch {
	case s.Image != "":
		parts = append(parts, s.Image)
	case s.Build:
		parts = append(parts, "(built from source: not supported, give it an image)")
	}
	if len(s.Ports) > 0 {
		parts = append(parts, strings.Join(s.Ports, ", "))
	}
	if len(s.DependsOn) > 0 {
		parts = append(parts, "after "+strings.Join(s.DependsOn, ", "))
	}
	return strings.Join(parts, " · ")
}
