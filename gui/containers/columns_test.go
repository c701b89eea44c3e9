package containers

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"berth/engine"
	"berth/gui/kit"
	"berth/gui/kit/kittest"
)

// names is the visible rows, top to bottom: container names, "[project]"
// for a compose project's header.
func names(v *View) string {
	var out []string
	for _, r := range v.rows {
		if r.g != nil {
			out = append(out, "["+r.g.name+"]")
		} else {
			out = append(out, r.e.c.Name)
		}
	}
	return strings.Join(out, " ")
}

// sortable skips a test while view.go does not hand the table's sort to sortLocked.
func sortable(t *testing.T, e *env) {
	t.Helper()
	if e.v.table.OnSort == nil {
		t.Skip("view.go does not wire the table's OnSort to sortChanged yet")
	}
}

func TestRowButtonsHaveTooltips(t *testing.T) {
	e := start(t, newFake())
	tips := func(id string) string {
		a := e.actions(id)
		var out []string
		for _, b := range a.slots {
			out = append(out, b.Tip())
		}
		return strings.Join(append(out, a.logs.Tip(), a.remove.Tip()), ", ")
	}
	if got := tips(webserver); got != "Stop, Pause, Restart, Logs, Remove…" {
		t.Errorf("running: %s", got)
	}
	if got := tips(mclaren); got != "Start, Pause, Restart, Logs, Remove…" {
		t.Errorf("exited: %s", got)
	}
	if got := tips(worker); got != "Stop, Resume, Restart, Logs, Remove…" {
		t.Errorf("paused: %s", got)
	}
	// Start and Resume share an icon; their tips tell them apart.
	if a, b := e.actions(mclaren).button(Start), e.actions(worker).button(Resume); a.Icon != b.Icon || a.Tip() == b.Tip() {
		t.Errorf("Start (%q) and Resume (%q)", a.Tip(), b.Tip())
	}
	if got := e.cell(webserver, colID).(*idCell).copy.Tip(); got != "Copy ID" {
		t.Errorf("copy button: %q", got)
	}
}

func TestRowUpdateAllocatesNothingForTips(t *testing.T) {
	e := start(t, newFake())
	c := e.actions(webserver)
	r := &e.v.rows[e.v.rowOf(webserver)]
	if n := testing.AllocsPerRun(100, func() { e.v.updateActions(r, c) }); n != 0 {
		t.Errorf("updating a row's actions allocates %v times", n)
	}
}

func TestActionsInViewAtTheDefaultWindowSize(t *testing.T) {
	e := start(t, newFake())
	e.h.win.Resize(fyne.NewSize(1280, 760))
	kittest.Relayout(e.h.win)
	tb := e.v.table
	width := float32(0)
	for i, c := range tb.Columns {
		w := c.Width
		if c.Fill {
			w = fyne.Max(c.Width, tb.Size().Width-width-theme.Padding()*float32(len(tb.Columns)-1)-theme.ScrollBarSize())
			for _, d := range tb.Columns[i+1:] {
				w -= d.Width
			}
		}
		width += w
	}
	width += theme.Padding() * float32(len(tb.Columns)-1)
	// The whole row fits: no horizontal scroll bar over the last row, and
	// the vertical one is right of the actions.
	if limit := tb.Size().Width - theme.ScrollBarSize(); width > limit {
		t.Errorf("the columns are %v wide, the table has room for %v", width, limit)
	}
	a := e.actions(webserver)
	right := fyne.CurrentApp().Driver().AbsolutePositionForObject(a.remove).X + a.remove.Size().Width
	if table := fyne.CurrentApp().Driver().AbsolutePositionForObject(tb).X + tb.Size().Width - theme.ScrollBarSize(); right > table {
		t.Errorf("the Remove button ends at %v, past %v", right, table)
	}
}

func TestLongImageNameShowsItsTag(t *testing.T) {
	e := start(t, newFake())
	e.h.win.Resize(fyne.NewSize(1280, 760))
	kittest.Relayout(e.h.win)
	l := e.cell(shopWeb, colImage).(*kit.TailLabel)
	if l.Full() != "localhost:5000/berthtest/web:1" || !strings.HasPrefix(l.Text, "…") || !strings.HasSuffix(l.Text, "berthtest/web:1") {
		t.Errorf("shows %q of %q", l.Text, l.Full())
	}
	if got := e.cell(webserver, colImage).(*kit.TailLabel).Text; got != "nginx" {
		t.Errorf("a short name shows as %q", got)
	}
}

func TestSortByNameKeepsProjectsTogether(t *testing.T) {
	e := start(t, newFake())
	sortable(t, e)
	e.v.table.SortBy(colName, false)
	if got := names(e.v); got != "awesome_mclaren [shop] shop-db-1 shop-web-1 shop-worker-1 webserver" {
		t.Errorf("by name: %s", got)
	}
	e.v.table.SortBy(colName, true)
	if got := names(e.v); got != "webserver [shop] shop-worker-1 shop-web-1 shop-db-1 awesome_mclaren" {
		t.Errorf("by name, descending: %s", got)
	}
	// The filter shows a project's header before its first visible member.
	e.v.SetFilter("shop-d")
	if got := names(e.v); got != "[shop] shop-db-1" {
		t.Errorf("filtered: %s", got)
	}
}

func TestSortKeptAcrossUpdates(t *testing.T) {
	e := start(t, newFake())
	sortable(t, e)
	e.v.table.SortBy(colStatus, false)
	if got := names(e.v); !strings.HasSuffix(got, "awesome_mclaren") {
		t.Fatalf("by status: %s", got)
	}
	e.setState(webserver, engine.StateExited, "Exited (0) 1 second ago")
	if got := names(e.v); !strings.HasSuffix(got, "webserver awesome_mclaren") && !strings.HasSuffix(got, "awesome_mclaren webserver") {
		t.Errorf("after webserver stopped: %s", got)
	}
	if got := names(e.v); !strings.HasPrefix(got, "[shop]") {
		t.Errorf("the running project first: %s", got)
	}
	if col, desc := e.v.table.SortedBy(); col != colStatus || desc {
		t.Errorf("sorted by %d, descending %v after an update", col, desc)
	}
}

func TestColumnOrders(t *testing.T) {
	cs := kittest.Tutorial()
	ent := func(name string) *row {
		for _, c := range cs {
			if c.Name == name {
				e := newEntry(c)
				return &row{e: &e}
			}
		}
		t.Fatalf("no %s", name)
		return nil
	}
	web, db, mc, wk := ent("webserver"), ent("shop-db-1"), ent("awesome_mclaren"), ent("shop-worker-1")
	for _, c := range []struct {
		what string
		n    int
	}{
		{"webserver's port 80 before shop-web's 8080", byPorts(web, ent("shop-web-1"))},
		{"a published port before none", byPorts(web, db)},
		{"none after a published port", -byPorts(mc, web)},
		{"running before exited", byStatus(web, mc)},
		{"running before paused", byStatus(web, wk)},
		{"paused before exited", byStatus(wk, mc)},
		{"the older first", byCreated(mc, web)},
		{"localhost:5000/… before nginx", byImage(wk, web)},
		{"case does not matter", compareFold("Apple", "banana")},
	} {
		if c.n >= 0 {
			t.Errorf("%s: %d", c.what, c.n)
		}
	}
}
