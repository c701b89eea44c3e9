package volumes

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
	if got := e.v.table.Columns[colUsers].Title; got != "사용하는 컨테이너" {
		t.Errorf("the users column in Korean: %q", got)
	}
	if got := i18n.N("volumes.pruned.freed", 2, "Size", "3MB"); got != "사용하지 않는 볼륨 2개를 삭제했습니다. 3MB가 돌아왔습니다." {
		t.Errorf("pruned in Korean: %q", got)
	}
	i18n.Use("en")
	if got := i18n.N("volumes.pruned.freed", 1, "Size", "3MB"); got != "Removed 1 unused volume, 3MB came back." {
		t.Errorf("pruned in English: %q", got)
	}
}
