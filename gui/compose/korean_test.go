package compose

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"berth/gui/i18n"
)

// TestComposeDialogInKorean: the dialog's words, the summary's plurals and
// the question before Down come from the Korean translation.
func TestComposeDialogInKorean(t *testing.T) {
	i18n.Use("ko")
	t.Cleanup(func() { i18n.Use("en") })
	h := newTestHost(t)
	d, ended := open(t, h, fakeCompose(), "/home/me/demo/compose.yaml")
	h.Until(t, "the file loaded", func() bool { return ended["config"] == 1 })
	if d.Up.Text != "시작(up)" || d.Close.Text != "닫기" {
		t.Errorf("buttons %q, %q", d.Up.Text, d.Close.Text)
	}
	drawn := drawnTexts(d.content)
	if want := "서비스 2개 · 네트워크 1개: demo_default"; !slices.Contains(drawn, want) {
		t.Errorf("the dialog does not show %q (shows %q)", want, drawn)
	}
	test.Tap(d.Down)
	q := h.Last(t)
	if q.Title != "demo 내리기" || !strings.HasPrefix(q.Message, "docker compose down처럼 demo의 컨테이너(서비스 2개: ") ||
		!strings.Contains(q.Message, "와 네트워크 demo_default를 중지하고 삭제할까요?") {
		t.Errorf("question %q: %q", q.Title, q.Message)
	}
	h.Answer(t, q, "내리기")
	h.Until(t, "down ended", func() bool { return ended["down"] == 1 })
	if r := d.Result(); r != "demo을(를) 내렸습니다: 컨테이너와 네트워크가 삭제되었습니다." {
		t.Errorf("result %q", r)
	}
}
