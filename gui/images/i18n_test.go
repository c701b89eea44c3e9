package images

import (
	"testing"

	"berth/gui/i18n"
)

func TestKorean(t *testing.T) {
	t.Cleanup(func() { i18n.Use("en") })
	i18n.Use("ko")
	e := start(t, testFake())
	if got := e.v.pullButton.Text; got != "내려받기…" {
		t.Errorf("Pull… in Korean: %q", got)
	}
	if got := e.v.table.Columns[colRepo].Title; got != "저장소" {
		t.Errorf("the repository column in Korean: %q", got)
	}
	e.v.filter.SetText("nope")
	if got := e.v.empty.Text; got != `"nope"와(과) 맞는 이미지가 없습니다.` {
		t.Errorf("no match in Korean: %q", got)
	}
}
