package kit

import (
	"context"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/present"
)

// TabHost is what every list tab needs from the shell; a tab's own Host
// embeds it and adds the rest.
type TabHost interface {
	// Do runs f on the UI goroutine.
	Do(f func())
	Now() time.Time
	Window() fyne.Window
	// Context ends when the window closes; engine calls end with it.
	Context() context.Context
	// Ask shows a question (a confirmation, an error).
	Ask(q Question)
	// Shortcut runs s if it is one of the window's shortcuts and reports whether it was.
	Shortcut(s fyne.Shortcut) bool
}

// List configures a ListTab over rows of type R.
type List[R any] struct {
	Host TabHost
	// Placeholder is the filter field's.
	Placeholder string
	Columns     []Column[R]
	// Rows and Shown are the owner's slices: every row, and the indexes of
	// those the filter lets through, in the order shown. The tab fills Shown.
	Rows  *[]R
	Shown *[]int32
	// ID is a row's identity (a name, an ID): what Pending and the
	// highlighted row go by.
	ID func(r *R) string
	// Key is the lower-case text of a row the filter looks in (kept in the
	// row, so that typing allocates nothing).
	Key func(r *R) string
	// Tools stand right of the filter field (a button, or a box of them).
	Tools fyne.CanvasObject
	// Over are shown over the table (a passing note).
	Over []fyne.CanvasObject
	// Note puts a message line under the table (Say).
	Note bool
	// Nothing says why no row shows when there is none at all; NoMatch,
	// when the filter (its text as typed) lets none through.
	Nothing func() string
	NoMatch func(filter string) string
	// OnDelete is the Delete key on the table or in an empty filter.
	OnDelete func()
}

// ListTab is the frame the list tabs share (Volumes, Networks, Images): a
// filter field with the tab's buttons beside it over a Table of the rows
// the filter lets through, in the order the user sorted them by (else the
// owner's), a message in the middle when no row shows, the highlighted
// row, what is being done to each row, and a message line under it all.
// The owner keeps the rows and says when they change (Set, RefreshEntry).
// UI goroutine only.
type ListTab[R any] struct {
	Filter *FilterEntry
	Table  *Table[R]
	Empty  *widget.Label
	// Pending says what is being done to a row, by its ID ("Removing…").
	Pending map[string]string

	l          List[R]
	note       *widget.Label
	query      string
	current    string // ID of the highlighted row
	currentRow int    // and where it was highlighted
	content    fyne.CanvasObject
}

// NewListTab makes a list tab.
func NewListTab[R any](l List[R]) *ListTab[R] {
	t := &ListTab[R]{l: l, Pending: map[string]string{}}
	t.Filter = NewFilterEntry(l.Placeholder, t.setQuery)
	t.Filter.Shortcut = l.Host.Shortcut
	t.Table = NewTable(l.Columns, func() int { return len(*l.Shown) }, func(i int) *R { return &(*l.Rows)[(*l.Shown)[i]] })
	t.Table.OnDelete = l.OnDelete
	t.Table.OnSelected = t.selected
	t.Table.OnSort = t.Refilter
	t.Empty = WrapLabel("", widget.LowImportance)
	t.Empty.Alignment = fyne.TextAlignCenter
	var below fyne.CanvasObject
	if l.Note {
		t.note = MessageLabel()
		below = t.note
	}
	top := container.NewBorder(nil, nil, nil, l.Tools, t.Filter)
	middle := append([]fyne.CanvasObject{t.Table, container.NewCenter(container.New(BoxWidth(420), t.Empty))}, l.Over...)
	t.content = container.NewBorder(top, below, nil, nil, container.NewStack(middle...))
	return t
}

// Content is the tab's content.
func (t *ListTab[R]) Content() fyne.CanvasObject { return t.content }

// Set shows new rows (the owner's Rows already hold them): what was being
// done to rows that went is forgotten.
func (t *ListTab[R]) Set() {
	live := make(map[string]bool, len(*t.l.Rows))
	for i := range *t.l.Rows {
		live[t.l.ID(&(*t.l.Rows)[i])] = true
	}
	for k := range t.Pending {
		if !live[k] {
			delete(t.Pending, k)
		}
	}
	t.Refilter()
}

func (t *ListTab[R]) setQuery(s string) {
	t.query = strings.ToLower(strings.TrimSpace(s))
	t.Refilter()
	t.Table.ScrollToTop()
}

// Refilter shows the rows the filter lets through, in the order the user
// sorted them by (else the owner's); a highlighted row that moved or went
// is no longer highlighted.
func (t *ListTab[R]) Refilter() {
	all := *t.l.Rows
	shown := (*t.l.Shown)[:0]
	for i := range all {
		if t.query == "" || strings.Contains(t.l.Key(&all[i]), t.query) {
			shown = append(shown, int32(i))
		}
	}
	slices.SortStableFunc(shown, func(a, b int32) int { return t.Table.Compare(&all[a], &all[b]) })
	*t.l.Shown = shown
	t.Table.Refresh()
	if t.current != "" {
		if r := t.RowOf(t.current); r < 0 || r != t.currentRow {
			t.Table.UnselectAll()
			t.current = ""
		}
	}
	t.UpdateEmpty()
}

// RefreshEntry redraws the row that shows Rows[i], if one does.
func (t *ListTab[R]) RefreshEntry(i int) {
	for r, x := range *t.l.Shown {
		if int(x) == i {
			t.Table.RefreshRow(r)
		}
	}
}

// UpdateEmpty shows why no row shows, or hides the message when rows do.
func (t *ListTab[R]) UpdateEmpty() {
	switch {
	case len(*t.l.Shown) > 0:
		t.Empty.Hide()
		return
	case len(*t.l.Rows) == 0:
		t.Empty.SetText(t.l.Nothing())
	default:
		t.Empty.SetText(t.l.NoMatch(t.Filter.Text))
	}
	t.Empty.Show()
}

func (t *ListTab[R]) selected(id widget.TableCellID) {
	if shown := *t.l.Shown; id.Row >= 0 && id.Row < len(shown) {
		t.current, t.currentRow = t.l.ID(&(*t.l.Rows)[shown[id.Row]]), id.Row
	}
}

// Current is the ID of the highlighted row, "" for none.
func (t *ListTab[R]) Current() string { return t.current }

// WithCurrent calls f with the ID of the highlighted row when there is one
// and on (the engine answers): Delete's removal of the selection.
func (t *ListTab[R]) WithCurrent(on bool, f func(id string)) {
	if on && t.current != "" {
		f(t.current)
	}
}

// RowOf is the table row that shows the row with ID id, -1 if none does.
func (t *ListTab[R]) RowOf(id string) int {
	all := *t.l.Rows
	for r, i := range *t.l.Shown {
		if t.l.ID(&all[i]) == id {
			return r
		}
	}
	return -1
}

// Find is the row with ID id, shown or not.
func (t *ListTab[R]) Find(id string) (R, bool) {
	for _, r := range *t.l.Rows {
		if t.l.ID(&r) == id {
			return r, true
		}
	}
	var zero R
	return zero, false
}

// SetPending says what is being done to the row with ID id ("" when done)
// and redraws the table.
func (t *ListTab[R]) SetPending(id, doing string) {
	if doing == "" {
		delete(t.Pending, id)
	} else {
		t.Pending[id] = doing
	}
	t.Table.Refresh()
}

// Say shows text in the message line under the table (List.Note).
func (t *ListTab[R]) Say(text string, imp widget.Importance) { ShowMessage(t.note, text, imp) }

// Said is what the message line shows, "" when it is hidden.
func (t *ListTab[R]) Said() string { return MessageText(t.note) }

// FocusFilter puts the keyboard focus in the filter field.
func (t *ListTab[R]) FocusFilter() { t.l.Host.Window().Canvas().Focus(t.Filter) }

// Act marks the row with ID id as doing ("Removing…"), runs call off the
// UI goroutine with the window's context, then, on it, clears the mark and
// hands call's error to then.
func (t *ListTab[R]) Act(id, doing string, call func(ctx context.Context) error, then func(err error)) {
	t.SetPending(id, doing)
	h := t.l.Host
	ctx := h.Context()
	go func() {
		err := call(ctx)
		h.Do(func() {
			t.SetPending(id, "")
			then(err)
		})
	}()
}

// ActAll marks the rows with IDs ids as doing, runs call for each in turn
// off the UI goroutine, then, on it, clears the marks and hands the errors
// (errs[i] for ids[i], nil where call succeeded) to then.
func (t *ListTab[R]) ActAll(ids []string, doing string, call func(ctx context.Context, i int) error, then func(errs []error)) {
	for _, id := range ids {
		t.Pending[id] = doing
	}
	t.Table.Refresh()
	h := t.l.Host
	ctx := h.Context()
	go func() {
		errs := make([]error, len(ids))
		for i := range ids {
			errs[i] = call(ctx, i)
		}
		h.Do(func() {
			for _, id := range ids {
				delete(t.Pending, id)
			}
			t.Table.Refresh()
			then(errs)
		})
	}()
}

// Report says ok in the message line when err is nil, else asks the error
// question titled failTitle, unless err needs no word (Quiet).
func (t *ListTab[R]) Report(err error, ok, failTitle string) {
	switch {
	case err == nil:
		t.Say(ok, widget.SuccessImportance)
	case !Quiet(t.l.Host.Context(), err):
		t.l.Host.Ask(ErrorQuestion(failTitle, err))
	}
}

// ReportFailures asks a question titled title that names, for each
// errs[i] that is not nil, names[i] and why (explain), with the engine's
// words of the first; nothing when none failed or the first needs no word.
func (t *ListTab[R]) ReportFailures(title string, names []string, errs []error, explain func(error) string) {
	var failed []string
	var first error
	for i, err := range errs {
		if err != nil {
			if first == nil {
				first = err
			}
			failed = append(failed, names[i]+": "+explain(err))
		}
	}
	if first == nil || Quiet(t.l.Host.Context(), first) {
		return
	}
	t.l.Host.Ask(Question{Title: title, Message: present.FailuresText(failed), Details: EngineWords(first), Choices: []Choice{OK()}})
}

// Lines shows lines (what a prune removes) in a scrolled box width wide
// and at most 240 high.
func Lines(lines []string, width float32) fyne.CanvasObject {
	scroll := container.NewVScroll(widget.NewLabel(strings.Join(lines, "\n")))
	scroll.SetMinSize(fyne.NewSize(width, min(float32(len(lines))*24+12, 240)))
	return scroll
}

// RemoveChoice is a question's danger button that removes (run).
func RemoveChoice(text string, run func()) Choice {
	return Choice{Text: text, Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, Run: run}
}

// Dim is how a cell's text shows: dimmed (a placeholder, or the engine is
// not reachable) or not.
func Dim(dim bool) widget.Importance {
	if dim {
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// Quiet reports whether err needs no word: the user canceled, or ctx (the
// window's) ended.
func Quiet(ctx context.Context, err error) bool {
	return engine.IsKind(err, engine.ErrCanceled) || ctx.Err() != nil
}

// Pick is f of every row that keep lets through (nil keep: every row), in
// order; nil when none is.
func Pick[R, T any](rows []R, keep func(r *R) bool, f func(r *R) T) []T {
	var out []T
	for i := range rows {
		if keep == nil || keep(&rows[i]) {
			out = append(out, f(&rows[i]))
		}
	}
	return out
}

// ShownAs is f of every row shown, in order (never nil).
func ShownAs[R, T any](t *ListTab[R], f func(r *R) T) []T {
	out := make([]T, 0, len(*t.l.Shown))
	for _, x := range *t.l.Shown {
		out = append(out, f(&(*t.l.Rows)[x]))
	}
	return out
}
