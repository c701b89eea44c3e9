// Package present words what Berth shows: ages, sizes, ports, plurals and
// errors in plain words, in the user's language (berth/gui/i18n; keys
// "present.*" in translations/present.en.json and present.ko.json). Pure
// functions of model values; no Fyne import. Sizes keep the docker CLI's
// units (MB, GiB) in every language.
package present

import (
	"fmt"
	"net"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/docker/go-units"

	"berth/engine"
	"berth/gui/i18n"
)

// FormatPorts formats ports as `docker ps` does: sorted, consecutive ports
// grouped into ranges, published ports as HOSTIP:HOSTPORT->PORT/PROTO.
func FormatPorts(ports []engine.PortBinding) string {
	if len(ports) == 0 {
		return ""
	}
	ps := append([]engine.PortBinding(nil), ports...)
	sort.Slice(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.ContainerPort != b.ContainerPort {
			return a.ContainerPort < b.ContainerPort
		}
		if a.HostIP != b.HostIP {
			return a.HostIP < b.HostIP
		}
		if a.HostPort != b.HostPort {
			return a.HostPort < b.HostPort
		}
		return a.Proto < b.Proto
	})
	type group struct{ first, last uint16 }
	groups := map[string]*group{}
	var keys, result, hostMappings []string
	for _, p := range ps {
		key := p.Proto
		if p.HostIP != "" {
			if p.HostPort != p.ContainerPort {
				hostMappings = append(hostMappings, fmt.Sprintf("%s->%d/%s",
					net.JoinHostPort(p.HostIP, strconv.Itoa(int(p.HostPort))), p.ContainerPort, p.Proto))
				continue
			}
			key = p.HostIP + "/" + p.Proto
		}
		g := groups[key]
		if g == nil {
			groups[key] = &group{p.ContainerPort, p.ContainerPort}
			keys = append(keys, key)
			continue
		}
		if p.ContainerPort == g.last+1 {
			g.last = p.ContainerPort
			continue
		}
		result = append(result, formGroup(key, g.first, g.last))
		groups[key] = &group{p.ContainerPort, p.ContainerPort}
	}
	for _, k := range keys {
		g := groups[k]
		result = append(result, formGroup(k, g.first, g.last))
	}
	result = append(result, hostMappings...)
	return strings.Join(result, ", ")
}

func formGroup(key string, first, last uint16) string {
	ip, proto := "", key
	if i := strings.LastIndex(key, "/"); i >= 0 {
		ip, proto = key[:i], key[i+1:]
	}
	g := strconv.Itoa(int(first))
	if first != last {
		g = fmt.Sprintf("%s-%d", g, last)
	}
	if ip != "" {
		g = net.JoinHostPort(ip, g) + "->" + g
	}
	return g + "/" + proto
}

// FormatCommand quotes and truncates a command as `docker ps` does:
// "nginx -g 'daemon of…".
func FormatCommand(cmd string) string {
	return strconv.Quote(Ellipsis(cmd, 20))
}

// Ellipsis cuts s to at most max runes, ending with "…" when cut.
func Ellipsis(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	if max <= 1 {
		return string(r[:max])
	}
	return string(r[:max-1]) + "…"
}

// Ago formats a time as `docker ps` does: "9 minutes ago" (in Korean
// "9분 전", "방금").
func Ago(t time.Time, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := now.Sub(t)
	if d < time.Second {
		return i18n.T("present.ago.now")
	}
	unit, n := durationUnit(d)
	return remembered(wordsKey{i18n.Current(), unit, n, true}, func() string {
		return i18n.T("present.ago", "Duration", durationText(unit, n))
	})
}

// wordsKey is a worded duration: its unit and count in a language, with
// "ago" or without.
type wordsKey struct {
	lang    string
	unit, n int
	ago     bool
}

// words remembers worded durations: every visible row words its times on
// each tick, and a template costs microseconds. Few distinct ones occur.
var words struct {
	sync.Mutex
	m map[wordsKey]string
}

func remembered(k wordsKey, word func() string) string {
	words.Lock()
	s, ok := words.m[k]
	words.Unlock()
	if ok {
		return s
	}
	s = word()
	words.Lock()
	if words.m == nil || len(words.m) > 4096 {
		words.m = map[wordsKey]string{}
	}
	words.m[k] = s
	words.Unlock()
	return s
}

// Duration words a duration as the docker CLI does (go-units'
// HumanDuration, to its precision): "Less than a second", "1 second",
// "About a minute", "9 minutes", "About an hour", "2 hours", "3 days",
// "2 weeks", "3 months", "2 years"; in Korean "1초 미만", "9분", "3일".
func Duration(d time.Duration) string {
	unit, n := durationUnit(d)
	return remembered(wordsKey{i18n.Current(), unit, n, false}, func() string { return durationText(unit, n) })
}

// The units a duration is worded in.
const (
	lessThanSecond = iota
	seconds
	aboutMinute
	minutes
	aboutHour
	hours
	days
	weeks
	months
	years
)

// durationUnit is the unit and count that word d, to go-units' precision.
func durationUnit(d time.Duration) (unit, n int) {
	if s := int(d.Seconds()); s < 1 {
		return lessThanSecond, 0
	} else if s < 60 {
		return seconds, s
	} else if m := int(d.Minutes()); m == 1 {
		return aboutMinute, 0
	} else if m < 60 {
		return minutes, m
	} else if h := int(d.Hours() + 0.5); h == 1 {
		return aboutHour, 0
	} else if h < 48 {
		return hours, h
	} else if h < 24*7*2 {
		return days, h / 24
	} else if h < 24*30*2 {
		return weeks, h / 24 / 7
	} else if h < 24*365*2 {
		return months, h / 24 / 30
	}
	return years, int(d.Hours()) / 24 / 365
}

func durationText(unit, n int) string {
	switch unit {
	case lessThanSecond:
		return i18n.T("present.duration.lessThanSecond")
	case seconds:
		return i18n.N("present.duration.seconds", n)
	case aboutMinute:
		return i18n.T("present.duration.aboutMinute")
	case minutes:
		return i18n.N("present.duration.minutes", n)
	case aboutHour:
		return i18n.T("present.duration.aboutHour")
	case hours:
		return i18n.N("present.duration.hours", n)
	case days:
		return i18n.N("present.duration.days", n)
	case weeks:
		return i18n.N("present.duration.weeks", n)
	case months:
		return i18n.N("present.duration.months", n)
	}
	return i18n.N("present.duration.years", n)
}

// HumanSize formats a size as `docker images` does: "109MB".
func HumanSize(n int64) string {
	return units.HumanSizeWithPrecision(float64(n), 3)
}
