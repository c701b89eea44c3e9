package logs

import (
	"context"
	"errors"
	"slices"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"berth/gui/i18n"
	"berth/gui/logs/linestore"
	"berth/gui/present"
)

// searchEntry is the search field: typing searches, Enter goes to the
// next match, Shift+Enter to the previous one.
type searchEntry struct {
	widget.Entry
	w *Window
}

func newSearchEntry(w *Window) *searchEntry {
	e := &searchEntry{w: w}
	e.PlaceHolder = i18n.T("logs.searchHint")
	e.OnChanged = func(string) { w.research() }
	e.OnSubmitted = func(string) { w.step(1) }
	e.ExtendBaseWidget(e)
	return e
}

func (e *searchEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.KeyName == fyne.KeyReturn && cs.Modifier == fyne.KeyModifierShift {
		e.w.step(-1)
		return
	}
	e.Entry.TypedShortcut(s)
}

// research starts the search again from scratch: the pattern, its
// toggles or the containers shown changed. The search before is cancelled.
func (w *Window) research() {
	w.query = linestore.Query{Pattern: w.search.Text, Regexp: w.reBox.Checked, Case: w.caseBox.Checked}
	w.resetSearch()
	w.searchMore()
	w.refilter()
}

// resetSearch drops the hits and cancels the running search.
func (w *Window) resetSearch() {
	if w.searchStop != nil {
		w.searchStop()
		w.searchStop = nil
	}
	w.searchGen++
	w.searching = false
	w.cur = -1
	for _, p := range w.doc.parts {
		p.hits, p.searched = nil, 0
	}
	w.matcher = nil
	if w.query.Pattern == "" {
		w.searchIn.SetText("")
		return
	}
	m, err := linestore.Compile(w.query)
	if err != nil {
		w.searchIn.SetText("⚠ " + patternProblem(err))
		w.searchIn.Importance = widget.DangerImportance
		w.searchIn.Refresh()
		return
	}
	w.searchIn.Importance = widget.MediumImportance
	w.matcher = m
	w.searchStart = time.Now()
	w.searchIn.SetText(i18n.T("logs.searching"))
}

// searchMore searches the lines not searched yet, off the UI goroutine.
func (w *Window) searchMore() {
	if w.matcher == nil || w.searching {
		return
	}
	type job struct {
		p        *part
		from, to int
	}
	var jobs []job
	for _, p := range w.doc.parts {
		if p.st != nil && p.searched < p.n {
			jobs = append(jobs, job{p, p.searched, p.n})
		}
	}
	if len(jobs) == 0 {
		return
	}
	ctx, cancel := context.WithCancel(w.ctx)
	w.searchStop = cancel
	w.searching = true
	gen, m := w.searchGen, w.matcher
	hidden := map[uint16]bool{}
	for k, v := range w.doc.hidden {
		hidden[k] = v
	}
	go func() {
		for _, j := range jobs {
			var hits []int32
			err := j.p.st.Search(ctx, m, j.from, j.to, func(l int) {
				if len(hidden) > 0 && hidden[j.p.st.Info(l).Source] {
					return
				}
				hits = append(hits, int32(l))
			})
			if err != nil {
				return
			}
			w.h.Do(func() {
				if gen != w.searchGen {
					return
				}
				j.p.hits = append(j.p.hits, hits...)
				j.p.searched = j.to
			})
		}
		w.h.Do(func() {
			if gen != w.searchGen {
				return
			}
			w.searching = false
			first := w.cur < 0
			w.searchMore()
			if !w.searching {
				w.searchDone(first)
			}
		})
	}()
}

// searchDone shows the count, goes to the first match (the last before
// the end, as the view opens at the end) and redraws.
func (w *Window) searchDone(first bool) {
	total := w.doc.hitCount()
	if first && total > 0 {
		w.cur = total - 1
		if !w.following {
			w.cur = 0
		}
		if w.SearchDone != nil {
			w.SearchDone(time.Since(w.searchStart), total)
		}
		w.showCurrent()
	} else if first && w.SearchDone != nil {
		w.SearchDone(time.Since(w.searchStart), 0)
	}
	if w.filter.Checked {
		w.doc.rebuildAll()
	}
	w.searchIn.SetText(present.MatchCount(w.cur, total))
	w.list.Refresh()
}

// step moves to the next (1) or previous (-1) match.
func (w *Window) step(d int) {
	total := w.doc.hitCount()
	if total == 0 {
		return
	}
	w.cur = ((w.cur+d)%total + total) % total
	if w.following && d < 0 {
		w.setFollowing(false)
	}
	w.showCurrent()
	w.searchIn.SetText(present.MatchCount(w.cur, total))
	w.list.Refresh()
}

// hit is match k: its part and line.
func (w *Window) hit(k int) (*part, int, bool) {
	if k < 0 {
		return nil, 0, false
	}
	for _, p := range w.doc.parts {
		if k < len(p.hits) {
			return p, int(p.hits[k]), true
		}
		k -= len(p.hits)
	}
	return nil, 0, false
}

func (w *Window) showCurrent() {
	p, line, ok := w.hit(w.cur)
	if !ok {
		return
	}
	if w.following && w.cur != w.doc.hitCount()-1 {
		w.setFollowing(false)
	}
	w.list.ScrollTo(w.doc.rowOf(p, line))
}

// current reports whether sp's line is the current match.
func (w *Window) current(sp spot) bool {
	p, line, ok := w.hit(w.cur)
	return ok && p == sp.p && line == sp.line
}

func (w *Window) fixCurrent() {
	if w.cur >= w.doc.hitCount() {
		w.cur = w.doc.hitCount() - 1
	}
}

// refilter shows only the matching lines (with their context) or all.
func (w *Window) refilter() {
	w.doc.filter = w.filter.Checked && w.matcher != nil
	w.doc.context = 0
	if i := slices.Index(contextChoices(), w.context.Selected); i > 0 {
		w.doc.context = contextSizes[i-1]
	}
	w.doc.rebuildAll()
	w.list.Refresh()
	if w.following {
		w.list.ScrollToBottom()
	} else if w.cur >= 0 {
		w.showCurrent()
	}
}

// hitLines are the matching lines of p in order (for copy).
func hitLines(p *part) []int32 {
	return p.hits[:sort.Search(len(p.hits), func(i int) bool { return int(p.hits[i]) >= p.n })]
}

// patternProblem words why a search pattern cannot be used, in the
// user's language (regexp's own words inside).
func patternProblem(err error) string {
	var pe *linestore.PatternError
	switch {
	case errors.As(err, &pe):
		return i18n.T("logs.search.badPattern", "Why", pe.Why)
	case errors.Is(err, linestore.ErrLineBreak):
		return i18n.T("logs.search.lineBreak")
	case errors.Is(err, linestore.ErrEmpty):
		return i18n.T("logs.search.empty")
	}
	return err.Error()
}
