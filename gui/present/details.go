package present

import (
	"fmt"
	"strings"
	"time"

	"berth/engine"
	"berth/gui/i18n"
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
		s = i18n.N("present.restart.atMost", max, "Policy", s)
	}
	if restarts > 0 {
		s = i18n.N("present.restart.restarted", restarts, "Policy", s)
	}
	return s
}

// When is a moment as the details show it: local date and time, and how
// long ago; "never" for the zero time.
func When(t, now time.Time) string {
	if t.IsZero() {
		return i18n.T("present.when.never")
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
		return i18n.T("present.mount.readOnly", "Mount", s)
	}
	return i18n.T("present.mount.readWrite", "Mount", s)
}

// HealthLine is one health check: "healthy at 15:04:05, exit 0: output".
func HealthLine(r engine.HealthResult) string {
	out := strings.TrimSpace(r.Output)
	if out == "" {
		out = i18n.T("present.health.noOutput")
	}
	return i18n.T("present.health.line", "Time", r.End.Local().Format("15:04:05"), "Code", r.ExitCode, "Output", out)
}
