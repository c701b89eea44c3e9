package engines

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/kit/kittest"
)

// The Engines tab in Korean: the add form's validation, what an engine
// says of itself, and the question before a context is removed.
func TestEnginesInKorean(t *testing.T) {
	t.Cleanup(func() { i18n.Use("en") })
	i18n.Use("ko")
	if got, want := AddressProblem("http://build:2375"), "Berth는 ssh://, tcp://, unix://로 엔진에 연결합니다. http://는 쓸 수 없습니다."; got != want {
		t.Errorf("address problem = %q, want %q", got, want)
	}
	if got, want := NameProblem("w", nil), "이름은 두 글자 이상이어야 합니다."; got != want {
		t.Errorf("name problem = %q, want %q", got, want)
	}
	if got, want := InfoText(engine.Info{Version: "28.5.2", APIVersion: "1.51", Running: 2, Containers: 5, Images: 1}), "Docker 28.5.2 · API 1.51 · 실행 중 2개 · 컨테이너 5개 · 이미지 1개"; got != want {
		t.Errorf("info = %q, want %q", got, want)
	}
	v, h, _ := newView(t, entries()...)
	v.Shown()
	h.loop.Until(t, "the list", func() bool { return len(v.entries) == 4 })
	for _, w := range kittest.Walk(v.Content()) {
		if b, ok := w.(*kit.TipButton); ok {
			test.Tap(b)
			break
		}
	}
	q := h.Last(t)
	if q.Title != "엔진 build을(를) 삭제할까요?" || !strings.Contains(q.Message, `엔진 "build"(ssh://me@build)을(를) docker CLI의 컨텍스트에서 삭제할까요?`) {
		t.Errorf("remove question %q: %q", q.Title, q.Message)
	}
	if _, ok := q.Choice("삭제"); !ok {
		t.Errorf("no 삭제 in %+v", q.Choices)
	}
}
