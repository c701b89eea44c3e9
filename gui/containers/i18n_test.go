package containers

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/i18n"
)

// The containers view in Korean: the confirmations of Remove (one
// container, many, and the second question for running ones), the
// buttons' words and the empty list.
func TestContainersInKorean(t *testing.T) {
	t.Cleanup(func() {
		i18n.Use("en")
		Reword()
	})
	i18n.Use("ko")
	e := start(t, newFake())
	if got := Stop.Label; got != "중지" {
		t.Errorf("Stop = %q", got)
	}
	if got := e.actions(mclaren).remove.Tip(); got != "삭제…" {
		t.Errorf("remove tooltip = %q", got)
	}
	test.Tap(e.button(mclaren, Remove))
	q := e.h.Last(t)
	if q.Title != "컨테이너 삭제" {
		t.Errorf("title %q", q.Title)
	}
	if _, ok := q.Choice("삭제"); !ok {
		t.Errorf("no 삭제 in %+v", q.Choices)
	}
	test.Tap(e.button(webserver, Remove))
	e.h.Answer(t, e.h.Last(t), "삭제")
	e.h.Drain()
	second := e.h.Last(t)
	if second.Title != "컨테이너가 실행 중입니다" {
		t.Errorf("second question %q", second.Title)
	}
	if _, ok := second.Choice("중지하고 삭제"); !ok {
		t.Errorf("no 중지하고 삭제 in %+v", second.Choices)
	}

	many := start(t, enginetest.New(crowd("app", 3, engine.StateExited), nil))
	many.tickAll()
	many.v.RemoveSelection()
	if q := many.h.Last(t); q.Title != "컨테이너 3개 삭제" {
		t.Errorf("title %q", q.Title)
	}
	if got := many.v.selLabel.Text; got != "3개 선택됨" {
		t.Errorf("selection = %q", got)
	}
	if got := Stop.FailedTitle("webserver"); got != "webserver을(를) 중지하지 못했습니다" {
		t.Errorf("failure title = %q", got)
	}
}
