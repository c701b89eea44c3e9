package networks

import (
	"testing"

	"berth/gui/i18n"
)

func TestKorean(t *testing.T) {
	t.Cleanup(func() { i18n.Use("en") })
	i18n.Use("ko")
	e := start(t)
	if got := e.v.create.Text; got != "만들기…" {
		t.Errorf("Create… in Korean: %q", got)
	}
	if got := e.v.table.Columns[colAttached].Title; got != "연결된 컨테이너" {
		t.Errorf("the attached column in Korean: %q", got)
	}
	if got := i18n.N("networks.pruned", 2); got != "사용하지 않는 네트워크 2개를 삭제했습니다." {
		t.Errorf("pruned in Korean: %q", got)
	}
	i18n.Use("en")
	if got := i18n.N("networks.pruned", 1); got != "Removed 1 unused network." {
		t.Errorf("pruned in English: %q", got)
	}
}
