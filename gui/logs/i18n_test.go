package logs

import (
	"testing"

	"berth/engine/enginetest"
	"berth/gui/i18n"
	"berth/gui/logs/linestore"
)

// In Korean the window's words are Korean; the since/until and context
// choices still do what they say (they are told apart by position).
func TestLogsKorean(t *testing.T) {
	i18n.Use("ko")
	t.Cleanup(func() { i18n.Use("en") })
	h := newHost(t)
	w, _ := opened(t, h, enginetest.NewLog(numbered(500, plainLine)))
	if got := w.win.Title(); got != "로그 — webserver" {
		t.Errorf("title %q", got)
	}
	if w.follow.Text != "따라가기" || w.filter.Text != "일치하는 줄만" {
		t.Errorf("follow %q, filter %q", w.follow.Text, w.filter.Text)
	}
	if got := w.status.Text; got != "500줄" {
		t.Errorf("status %q", got)
	}
	if got := w.context.Options[2]; got != "앞뒤 3줄" {
		t.Errorf("context choice %q", got)
	}
	w.filter.SetChecked(true)
	w.context.SetSelected(w.context.Options[2])
	if w.doc.context != 3 {
		t.Errorf("context %d after %q", w.doc.context, w.context.Selected)
	}
	if got := w.span.Options[3]; got != "최근 1시간" {
		t.Errorf("span choice %q", got)
	}
}

// A pattern the search cannot use is said in the user's language, with
// regexp's own words inside; in English as regexp words it.
func TestPatternProblemKorean(t *testing.T) {
	_, err := linestore.Compile(linestore.Query{Pattern: "(a", Regexp: true})
	if got := patternProblem(err); got != "missing closing ): `(a`" {
		t.Errorf("en: %q", got)
	}
	i18n.Use("ko")
	t.Cleanup(func() { i18n.Use("en") })
	if got := patternProblem(err); got != "정규 표현식이 올바르지 않습니다: missing closing ): `(a`" {
		t.Errorf("ko: %q", got)
	}
	_, err = linestore.Compile(linestore.Query{Pattern: "a\nb"})
	if got := patternProblem(err); got != "한 줄에는 줄 바꿈이 없습니다" {
		t.Errorf("ko line break: %q", got)
	}
}
