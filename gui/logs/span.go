package logs

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"berth/gui/i18n"
)

// parseWhen reads a time as `docker logs --since` takes one: a duration
// before now ("10m", "1h30m"), a date and time ("2026-12-02 14:30",
// "2026-12-02T14:30:05"), a date, or a time of today ("14:30"), in local
// time. "" is no bound (zero).
func parseWhen(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := time.ParseDuration(s); err == nil {
		if d < 0 {
			return time.Time{}, errors.New(i18n.T("logs.when.negative"))
		}
		return now.Add(-d), nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05", i18n.Code("2006-01-02T15:04:05"), "2006-01-02 15:04", i18n.Code("2006-01-02T15:04"), "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, now.Location()); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"15:04:05", "15:04"} {
		if t, err := time.ParseInLocation(layout, s, now.Location()); err == nil {
			y, m, d := now.Date()
			return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), 0, now.Location()), nil
		}
	}
	return time.Time{}, errors.New(i18n.T("logs.when.bad"))
}

// spanDialog asks for since and until, each checked as it is typed.
func (w *Window) spanDialog() {
	since, until := widget.NewEntry(), widget.NewEntry()
	since.SetPlaceHolder(i18n.T("logs.since.hint"))
	until.SetPlaceHolder(i18n.T("logs.until.hint"))
	if !w.opts.Since.IsZero() {
		since.SetText(w.opts.Since.Local().Format("2006-01-02 15:04:05"))
	}
	if !w.opts.Until.IsZero() {
		until.SetText(w.opts.Until.Local().Format("2006-01-02 15:04:05"))
	}
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	check := func() (time.Time, time.Time, bool) {
		now := time.Now()
		s, err := parseWhen(since.Text, now)
		if err != nil {
			problem.SetText(i18n.T("logs.since.problem", "Why", err.Error()))
			return s, s, false
		}
		u, err := parseWhen(until.Text, now)
		if err != nil {
			problem.SetText(i18n.T("logs.until.problem", "Why", err.Error()))
			return s, u, false
		}
		if !s.IsZero() && !u.IsZero() && !u.After(s) {
			problem.SetText(i18n.T("logs.until.before"))
			return s, u, false
		}
		problem.SetText("")
		return s, u, true
	}
	since.OnChanged = func(string) { check() }
	until.OnChanged = func(string) { check() }
	show := widget.NewButton(i18n.T("logs.span.show"), func() {
		if s, u, ok := check(); ok {
			d.Hide()
			w.SetSpan(s, u)
		}
	})
	show.Importance = widget.HighImportance
	cancel := widget.NewButton(i18n.T("logs.span.cancel"), func() { d.Hide() })
	form := widget.NewForm(widget.NewFormItem(i18n.T("logs.since"), since), widget.NewFormItem(i18n.T("logs.until"), until))
	d = dialog.NewCustomWithoutButtons(i18n.T("logs.span.title"), container.NewVBox(form, problem, container.NewHBox(cancel, show)), w.win)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
	w.spanOpen = d
}
