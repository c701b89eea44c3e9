package disk

import (
	"testing"

	"berth/gui/i18n"
)

func TestKorean(t *testing.T) {
	t.Cleanup(func() { i18n.Use("en") })
	i18n.Use("ko")
	e := start(t)
	if got := e.v.preview.Text; got != "정리…" {
		t.Errorf("Clean up… in Korean: %q", got)
	}
	if got := e.v.RowTexts()[3][0]; got != "빌드 캐시" {
		t.Errorf("the build cache row in Korean: %q", got)
	}
	if got := i18n.N("disk.removeItems", 3); got != "항목 3개 삭제" {
		t.Errorf("the remove button in Korean: %q", got)
	}
	i18n.Use("en")
	if got := i18n.N("disk.removeItems", 1); got != "Remove 1 item" {
		t.Errorf("the remove button in English: %q", got)
	}
}
