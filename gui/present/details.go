package present

import (
	"fmt"
	"strings"
	"time"

	"berth/engine"
)

// Words of the container details view (issue 10).

// Argv is a command as a shell would take it back: arguments joined by
// spaces, those with spaces or quotes quoted ("" for none).
func Argv(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t\n'\"\\$`|&;<>()*?[]#~") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = a
	}
	return strings.Join(out, " ")
}

// RestartText is the restart policy with its limit and how often the
// engine restarted the container: "on-failure (at most 3 times), restarted 2 times".
func RestartText(p engine.RestartPolicy, max, restarts int) string {
	s := string(p)
	if s == "" {
		s = string(engine.RestartNo)
	}
	if p == engine.RestartOnFailure && max > 0 {
		s += fmt.Sprintf(" (at most %s)", Plural(max, "time", "times"))
	}
	if restarts > 0 {
		s += ", restarted " + Plural(restarts, "time", "times")
	}
	return s
}

// When is a moment as the details show it: local date and time, and how
// long ago; "never" for the zero time.
func When(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.Local().Format("2006-01-02 15:04:05") + " (" + Ago(t, now) + ")"
}

// MountText is one mount: "bind /host/dir → /data, read-only".
func MountText(m engine.Mount) string {
	src := m.Source
	if m.Type == engine.MountVolume && m.Name != "" {
		src = m.Name
	}
	s := fmt.Sprintf("%s %s → %s", m.Type, src, m.Destination)
	if m.ReadOnly {
		return s + ", read-only"
	}
	return s + ", read-write"
}

// HealthLine is one health check: "healthy at 15:04:05, exit 0: output".
func HealthLine(r engine.HealthResult) string {
	out := strings.TrimSpace(r.Output)
	if out == "" {
		out = "(no output)"
	}
	return fmt.Sprintf("%s, exit code %d: %s", r.End.Local().Format("15:04:05"), r.ExitCode, out)
}
