package logs

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit/kittest"
)

func TestParseWhen(t *testing.T) {
	now := time.Date(2026, 12, 2, 15, 0, 0, 0, time.Local)
	for _, c := range []struct {
		in   string
		want time.Time
		bad  bool
	}{
		{in: ""},
		{in: "10m", want: now.Add(-10 * time.Minute)},
		{in: "1h30m", want: now.Add(-90 * time.Minute)},
		{in: "14:30", want: time.Date(2026, 12, 2, 14, 30, 0, 0, time.Local)},
		{in: "2026-12-01 09:05", want: time.Date(2026, 12, 1, 9, 5, 0, 0, time.Local)},
		{in: "2026-12-01", want: time.Date(2026, 12, 1, 0, 0, 0, 0, time.Local)},
		{in: "2026-12-01T09:05:07Z", want: time.Date(2026, 12, 1, 9, 5, 7, 0, time.UTC)},
		{in: "-5m", bad: true},
		{in: "yesterday", bad: true},
	} {
		got, err := parseWhen(c.in, now)
		if (err != nil) != c.bad || !got.Equal(c.want) {
			t.Errorf("parseWhen(%q) = %v, %v", c.in, got, err)
		}
	}
}

// Between…: a bad time is told next to the fields; a good one shows only
// the lines since then.
func TestLogsSpanDialog(t *testing.T) {
	h := newHost(t)
	old := time.Now().Add(-2 * time.Hour)
	log := enginetest.NewLog([]engine.LogLine{{Text: []byte("old"), Time: old}, {Text: []byte("new")}})
	w, _ := opened(t, h, log)
	if w.doc.rows() != 2 {
		t.Fatalf("%d rows", w.doc.rows())
	}
	w.span.SetSelected("Between…")
	var since *widget.Entry
	var show *widget.Button
	var problem *widget.Label
	for _, o := range kittest.Walk(w.win.Canvas().Overlays().Top()) {
		switch o := o.(type) {
		case *widget.Entry:
			if since == nil {
				since = o
			}
		case *widget.Button:
			if o.Text == "Show" {
				show = o
			}
		case *widget.Label:
			if o.Importance == widget.DangerImportance {
				problem = o
			}
		}
	}
	if since == nil || show == nil || problem == nil {
		t.Fatal("no since field, Show button or problem label")
	}
	test.Type(since, "soon")
	test.Tap(show)
	if !strings.Contains(problem.Text, "not a time") {
		t.Errorf("problem %q", problem.Text)
	}
	since.SetText("1h")
	test.Tap(show)
	h.Until(t, "the new span", func() bool { return w.histDone && w.doc.rows() == 1 })
	if got := rowText(w, 0); got != "new" {
		t.Errorf("row %q", got)
	}
}
