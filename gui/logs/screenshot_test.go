package logs

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"berth/engine"
	"berth/engine/enginetest"
)

// writerLine is a line like testdata/logwriter's.
func writerLine(i int) (string, bool) {
	ts := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC).Add(time.Duration(i) * 37 * time.Millisecond)
	s := ts.Format("2006-01-02T15:04:05.000Z")
	paths := []string{"/api/v1/items", "/api/v1/users", "/static/app.js", "/healthz", "/api/v1/orders"}
	switch {
	case i%20 == 19:
		return s + fmt.Sprintf(" \x1b[31mlevel=ERROR\x1b[0m msg=\"upstream timed out\" req=%08d after=30s", i), true
	case i%45 == 3:
		return s + fmt.Sprintf(" \x1b[33mlevel=WARN\x1b[0m msg=\"slow query\"\ttable=orders\tdur=%dms", 200+i%700), false
	default:
		return s + fmt.Sprintf(" \x1b[32mlevel=INFO\x1b[0m GET %s/%d status=200 bytes=%d dur=%dµs", paths[i%5], i%9973, i*7%50000, i%997), false
	}
}

func writerLog(n int) []engine.LogLine {
	lines := make([]engine.LogLine, n)
	for i := range lines {
		s, stderr := writerLine(i)
		lines[i] = engine.LogLine{Text: []byte(s), Stderr: stderr, Time: time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC).Add(time.Duration(i) * 37 * time.Millisecond)}
	}
	return lines
}

// TestScreenshots renders the log view to docs/screenshots when
// BERTH_SCREENSHOTS names that directory.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("BERTH_SCREENSHOTS")
	if dir == "" {
		t.Skip("set BERTH_SCREENSHOTS=docs/screenshots to write them")
	}
	h := newHost(t)
	h.app.Settings().SetTheme(theme.DefaultTheme())
	capture := func(w *Window, name string) {
		t.Helper()
		w.win.Resize(fyne.NewSize(1100, 560))
		w.fit(w.list.Size().Width)
		h.Drain()
		w.list.Refresh()
		img := w.win.Canvas().Capture()
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
	}
	log := enginetest.NewLog(writerLog(5000))
	w, _ := opened(t, h, log)
	w.stamps.SetChecked(false)
	w.search.SetText("timed out")
	h.Until(t, "matches", func() bool { return strings.HasSuffix(w.searchIn.Text, "of 250") })
	w.step(-3)
	capture(w, "logs-search.png")
	w.filter.SetChecked(true)
	w.context.SetSelected("1 line around")
	capture(w, "logs-filter.png")
	w.Close()

	t0 := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	logs := map[string]*enginetest.Log{}
	texts := map[string][]string{
		"web": {"GET /cart 200 12ms", "GET /api/cart/items 200 4ms", "POST /checkout 302 48ms", "GET /static/shop.css 304 1ms"},
		"db":  {"LOG:  checkpoint starting: time", "LOG:  duration: 3.114 ms  statement: SELECT * FROM orders WHERE id = $1", "LOG:  checkpoint complete"},
		"worker": {"\x1b[36mjob\x1b[0m send-receipt order=4411 done in 120ms", "\x1b[36mjob\x1b[0m resize-image sku=88 done in 340ms",
			"\x1b[31mjob failed\x1b[0m sync-stock: connection refused (retry 2/5)"},
	}
	var cs []engine.Container
	for k, svc := range []string{"web", "db", "worker"} {
		var lines []engine.LogLine
		for i := range 60 {
			tx := texts[svc][(i*7+k)%len(texts[svc])]
			lines = append(lines, engine.LogLine{Text: []byte(tx), Stderr: strings.Contains(tx, "failed"),
				Time: t0.Add(time.Duration(i*600+k*170+(i*37*(k+1))%400) * time.Millisecond)})
		}
		logs[svc] = enginetest.NewLog(lines)
		cs = append(cs, engine.Container{ID: svc, Name: "shop-" + svc + "-1",
			Labels: map[string]string{"com.docker.compose.service": svc, "com.docker.compose.container-number": "1"}})
	}
	fake := enginetest.New(nil, nil)
	fake.ContainerLogsFunc = func(ctx context.Context, id string, o engine.LogOptions, fn func([]engine.LogLine)) error {
		return logs[id].Serve(ctx, id, o, fn)
	}
	pw := OpenProject(h, fake, "shop", cs)
	defer pw.Close()
	h.Until(t, "the merged log", func() bool { return pw.histDone })
	pw.stamps.SetChecked(true)
	capture(pw, "logs-compose.png")
}
