package kit

import (
	"testing"

	"berth/gui/i18n"
)

func TestKorean(t *testing.T) {
	t.Cleanup(func() { i18n.Use("en") })
	i18n.Use("ko")
	if got := Cancel().Text; got != "취소" {
		t.Errorf("Cancel in Korean: %q", got)
	}
	if got := NewDetailsToggle().Button.Text; got != "엔진 메시지 보기" {
		t.Errorf("the details toggle in Korean: %q", got)
	}
	i18n.Use("en")
	if got := OK().Text; got != "OK" {
		t.Errorf("OK back in English: %q", got)
	}
}
