package present

import (
	"regexp"
	"time"

	"berth/engine"
	"berth/gui/i18n"
)

// statusText is a status as Docker words it (container/state.go): a
// state, an exit code, a duration (go-units' HumanDuration), " ago" after
// an exit, and what follows (" (Paused)", " (healthy)").
var statusText = regexp.MustCompile(`^(Up|Exited|Restarting)(?: \((-?\d+)\))? (Less than a second|About a minute|About an hour|\d+ (?:second|minute|hour|day|week|month|year)s?)( ago)?(.*)$`)

// Status is a container's status as the list shows it at now, aged since
// the engine worded it (engine.Container.StatusAt): "Up 9 minutes",
// "Exited (0) 2 minutes ago", "Up 2 hours (Paused)"; in Korean "9분째
// 실행 중", "2분 전 종료됨 (0)". A text Berth does not know is shown as
// the engine worded it.
func Status(c engine.Container, now time.Time) string {
	if i18n.Current() == "en" {
		return c.StatusAt(now) // the same words, without parsing them again
	}
	m := statusText.FindStringSubmatch(c.Status)
	if m == nil {
		return statusWord(c.Status)
	}
	state, code, ago, rest := m[1], m[2], m[4] != "", m[5]
	if (state == "Up") != (code == "") || (state == "Up") == ago {
		return c.StatusAt(now) // not Docker's wording (another engine's)
	}
	since := c.StateSince
	if since.IsZero() {
		since = engine.SinceFromStatus(c.Status, now)
	}
	d := now.Sub(since)
	if d < 0 {
		d = 0
	}
	var s string
	switch {
	case state == "Up" && d < time.Second:
		s = i18n.T("present.status.upNow")
	case state == "Up":
		s = i18n.T("present.status.up", "Duration", Duration(d))
	case state == "Exited" && d < time.Second:
		s = i18n.T("present.status.exitedNow", "Code", code)
	case state == "Exited":
		s = i18n.T("present.status.exited", "Code", code, "Duration", Duration(d))
	case d < time.Second:
		s = i18n.T("present.status.restartingNow", "Code", code)
	default:
		s = i18n.T("present.status.restarting", "Code", code, "Duration", Duration(d))
	}
	switch rest {
	case "":
		return s
	case " (Paused)":
		return i18n.T("present.status.paused", "Status", s)
	case " (healthy)":
		return i18n.T("present.status.healthy", "Status", s)
	case " (unhealthy)":
		return i18n.T("present.status.unhealthy", "Status", s)
	case " (health: starting)":
		return i18n.T("present.status.starting", "Status", s)
	}
	return s + rest
}

// statusWord is a status without a duration in the language: "Created".
func statusWord(status string) string {
	switch status {
	case "Created":
		return i18n.T("present.status.created")
	case "Dead":
		return i18n.T("present.status.dead")
	case "Removal In Progress":
		return i18n.T("present.status.removing")
	}
	return status
}
