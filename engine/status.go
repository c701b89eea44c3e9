package engine

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/docker/go-units"
)

// The engine words a container's status with a human duration
// (units.HumanDuration) measured when it answered: "Up 9 minutes",
// "Exited (0) 2 minutes ago", "Up 2 hours (Paused)". Berth keeps the moment
// the state began (Container.StateSince) so the text can be aged as time
// passes, without asking the engine again.

var statusDuration = regexp.MustCompile(`^(Up |Exited \(-?\d+\) |Restarting \(-?\d+\) )(Less than a second|About a minute|About an hour|\d+ (?:second|minute|hour|day|week|month|year)s?)( ago)?(.*)$`)

// splitStatus finds the duration phrase in a status text.
func splitStatus(status string) (prefix, phrase, rest string, ok bool) {
	m := statusDuration.FindStringSubmatch(status)
	if m == nil {
		return "", "", "", false
	}
	return m[1], m[2], m[3] + m[4], true
}

// parseHumanDuration inverts units.HumanDuration, to the phrase's precision.
func parseHumanDuration(phrase string) (time.Duration, bool) {
	switch phrase {
	case "Less than a second":
		return 0, true
	case "About a minute":
		return time.Minute, true
	case "About an hour":
		return time.Hour, true
	}
	f := strings.Fields(phrase)
	if len(f) != 2 {
		return 0, false
	}
	n, err := strconv.Atoi(f[0])
	if err != nil {
		return 0, false
	}
	unit := map[string]time.Duration{
		"second": time.Second, "minute": time.Minute, "hour": time.Hour, "day": 24 * time.Hour,
		"week": 7 * 24 * time.Hour, "month": 30 * 24 * time.Hour, "year": 365 * 24 * time.Hour,
	}[strings.TrimSuffix(f[1], "s")]
	if unit == 0 {
		return 0, false
	}
	return time.Duration(n) * unit, true
}

// SinceFromStatus estimates when the current state began from a status text
// read at time at; zero when the text carries no duration.
func SinceFromStatus(status string, at time.Time) time.Time {
	_, phrase, _, ok := splitStatus(status)
	if !ok {
		return time.Time{}
	}
	d, ok := parseHumanDuration(phrase)
	if !ok {
		return time.Time{}
	}
	return at.Add(-d)
}

// StatusToTheSecond reports whether the duration in a status text is worded
// to the second ("Up Less than a second", "Exited (0) 12 seconds ago"): then
// SinceFromStatus is as exact as any status text can show, and asking the
// engine for the exact moment gains nothing. It is false for coarser
// phrases ("Up 3 minutes") and for texts without a duration.
func StatusToTheSecond(status string) bool {
	_, phrase, _, ok := splitStatus(status)
	return ok && (phrase == "Less than a second" || strings.HasSuffix(phrase, " second") || strings.HasSuffix(phrase, " seconds"))
}

// StatusAt is the status text as the engine would word it at now: the
// duration since StateSince replaces the one measured when Berth last heard
// from the engine. Texts without a duration ("Created", "Dead") are kept.
func (c Container) StatusAt(now time.Time) string {
	if c.StateSince.IsZero() {
		return c.Status
	}
	prefix, _, rest, ok := splitStatus(c.Status)
	if !ok {
		return c.Status
	}
	d := now.Sub(c.StateSince)
	if d < 0 {
		d = 0
	}
	return prefix + units.HumanDuration(d) + rest
}
