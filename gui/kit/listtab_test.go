package kit

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
)

// tabHost runs Do at once (the test drains nothing) and records questions.
type tabHost struct {
	win   fyne.Window
	ctx   context.Context
	asked []Question
	queue chan func()
}

func (h *tabHost) Do(f func())                 { h.queue <- f }
func (h *tabHost) Now() time.Time              { return time.Unix(0, 0) }
func (h *tabHost) Window() fyne.Window         { return h.win }
func (h *tabHost) Context() context.Context    { return h.ctx }
func (h *tabHost) Ask(q Question)              { h.asked = append(h.asked, q) }
func (h *tabHost) Shortcut(fyne.Shortcut) bool { return false }

// run waits for one function handed to Do and runs it.
func (h *tabHost) run(t *testing.T) {
	t.Helper()
	select {
	case f := <-h.queue:
		f()
	case <-time.After(5 * time.Second):
		t.Fatal("nothing came back to the UI goroutine")
	}
}

type fruit struct{ name, key string }

type fruitTab struct {
	h       *tabHost
	rows    []fruit
	shown   []int32
	deleted int
	tab     *ListTab[fruit]
}

func newFruitTab(t *testing.T, names ...string) *fruitTab {
	t.Helper()
	f := &fruitTab{h: &tabHost{ctx: context.Background(), queue: make(chan func(), 8)}}
	f.h.win = test.NewTempApp(t).NewWindow("fruits")
	f.tab = NewListTab(List[fruit]{Host: f.h, Placeholder: "Filter fruits",
		Columns: []Column[fruit]{{Title: "Fruit", Width: 120, Create: func() fyne.CanvasObject { return CellLabel() },
			Update:  func(r *fruit, o fyne.CanvasObject) { o.(*widget.Label).SetText(r.name) },
			Compare: func(a, b *fruit) int { return strings.Compare(a.name, b.name) }}},
		Rows: &f.rows, Shown: &f.shown,
		ID:       func(r *fruit) string { return r.name },
		Key:      func(r *fruit) string { return r.key },
		Note:     true,
		Nothing:  func() string { return "No fruit." },
		NoMatch:  func(s string) string { return "No fruit matches " + s + "." },
		OnDelete: func() { f.deleted++ },
	})
	f.h.win.SetContent(f.tab.Content())
	f.h.win.Resize(fyne.NewSize(400, 300))
	f.set(names...)
	return f
}

func (f *fruitTab) set(names ...string) {
	f.rows = nil
	for _, n := range names {
		f.rows = append(f.rows, fruit{name: n, key: strings.ToLower(n)})
	}
	f.tab.Set()
}

func (f *fruitTab) names() []string { return ShownAs(f.tab, func(r *fruit) string { return r.name }) }

func TestListTabFiltersSortsAndSaysWhyNothingShows(t *testing.T) {
	f := newFruitTab(t)
	if !f.tab.Empty.Visible() || f.tab.Empty.Text != "No fruit." {
		t.Errorf("no rows: %q (shown %v)", f.tab.Empty.Text, f.tab.Empty.Visible())
	}
	f.set("Cherry", "apple", "banana")
	if f.tab.Empty.Visible() {
		t.Error("the empty message shows over rows")
	}
	if got := f.names(); !slices.Equal(got, []string{"Cherry", "apple", "banana"}) {
		t.Errorf("the owner's order: %v", got)
	}
	f.tab.Table.SortBy(0, false)
	if got := f.names(); !slices.Equal(got, []string{"Cherry", "apple", "banana"}) {
		t.Errorf("sorted: %v", got) // strings.Compare: capitals first
	}
	f.tab.Table.SortBy(0, true)
	if got := f.names(); !slices.Equal(got, []string{"banana", "apple", "Cherry"}) {
		t.Errorf("sorted descending: %v", got)
	}
	test.Type(f.tab.Filter, "CH")
	if got := f.names(); !slices.Equal(got, []string{"Cherry"}) {
		t.Errorf("filter CH: %v", got)
	}
	f.tab.Filter.SetText("kiwi")
	if !f.tab.Empty.Visible() || f.tab.Empty.Text != "No fruit matches kiwi." {
		t.Errorf("no match: %q", f.tab.Empty.Text)
	}
	f.tab.Filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(f.names()) != 3 {
		t.Errorf("Escape left %v", f.names())
	}
	f.tab.Table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if f.deleted != 1 {
		t.Errorf("Delete on the table: OnDelete ran %d times", f.deleted)
	}
}

func TestListTabForgetsTheHighlightedRowWhenItMoves(t *testing.T) {
	f := newFruitTab(t, "apple", "banana", "cherry")
	f.tab.Table.Select(widget.TableCellID{Row: 1, Col: 0})
	if f.tab.Current() != "banana" || f.tab.RowOf("banana") != 1 {
		t.Fatalf("current %q at %d", f.tab.Current(), f.tab.RowOf("banana"))
	}
	f.set("apple", "banana", "cherry", "date")
	if f.tab.Current() != "banana" {
		t.Errorf("a row added below: current %q", f.tab.Current())
	}
	f.set("banana", "cherry")
	if f.tab.Current() != "" {
		t.Errorf("the row moved: current still %q", f.tab.Current())
	}
	if r, ok := f.tab.Find("cherry"); !ok || r.name != "cherry" {
		t.Errorf("Find cherry: %v %v", r, ok)
	}
	if _, ok := f.tab.Find("apple"); ok {
		t.Error("Find found a row that went")
	}
}

func TestListTabActMarksTheRowThenReports(t *testing.T) {
	f := newFruitTab(t, "apple", "banana")
	f.tab.Act("apple", "Eating…", func(context.Context) error { return nil }, func(err error) {
		f.tab.Report(err, "Ate the apple.", "Could not eat the apple")
	})
	if f.tab.Pending["apple"] != "Eating…" {
		t.Errorf("while it runs: %q", f.tab.Pending["apple"])
	}
	f.h.run(t)
	if f.tab.Pending["apple"] != "" || f.tab.Said() != "Ate the apple." {
		t.Errorf("after: pending %q, said %q", f.tab.Pending["apple"], f.tab.Said())
	}
	bad := &engine.Error{Kind: engine.ErrNotFound, What: "fruit", Err: errors.New("no such fruit")}
	f.tab.Act("banana", "Eating…", func(context.Context) error { return bad }, func(err error) {
		f.tab.Report(err, "Ate the banana.", "Could not eat the banana")
	})
	f.h.run(t)
	if len(f.h.asked) != 1 || f.h.asked[0].Title != "Could not eat the banana" {
		t.Errorf("questions %+v", f.h.asked)
	}
	f.tab.Report(&engine.Error{Kind: engine.ErrCanceled, Err: context.Canceled}, "", "Canceled")
	if len(f.h.asked) != 1 {
		t.Error("a canceled action asked a question")
	}
}

func TestListTabActAllNamesWhatFailed(t *testing.T) {
	f := newFruitTab(t, "apple", "banana", "cherry")
	f.set("apple", "banana", "cherry")
	f.tab.Pending["gone"] = "Eating…"
	f.tab.Set()
	if _, ok := f.tab.Pending["gone"]; ok {
		t.Error("Set kept what was being done to a row that went")
	}
	ids := []string{"apple", "banana", "cherry"}
	var got []error
	f.tab.ActAll(ids, "Eating…", func(_ context.Context, i int) error {
		if ids[i] == "banana" {
			return errors.New("too green")
		}
		return nil
	}, func(errs []error) { got = errs })
	if len(f.tab.Pending) != 3 {
		t.Errorf("pending while it runs: %v", f.tab.Pending)
	}
	f.h.run(t)
	if len(f.tab.Pending) != 0 || len(got) != 3 || got[0] != nil || got[1] == nil || got[2] != nil {
		t.Fatalf("pending %v, errors %v", f.tab.Pending, got)
	}
	f.tab.ReportFailures("Some fruits were not eaten", ids, got, func(err error) string { return err.Error() })
	if len(f.h.asked) != 1 || !strings.Contains(f.h.asked[0].Message, "banana: too green") {
		t.Errorf("questions %+v", f.h.asked)
	}
	f.tab.ReportFailures("None failed", ids, make([]error, 3), nil)
	if len(f.h.asked) != 1 {
		t.Error("a question when nothing failed")
	}
}

func TestPick(t *testing.T) {
	n := []int{1, 2, 3, 4}
	if got := Pick(n, func(i *int) bool { return *i%2 == 0 }, func(i *int) int { return *i * 10 }); !slices.Equal(got, []int{20, 40}) {
		t.Errorf("Pick: %v", got)
	}
	if got := Pick(n, func(*int) bool { return false }, func(i *int) int { return *i }); got != nil {
		t.Errorf("Pick of none: %v", got)
	}
}
