package details

import (
	"strings"
	"testing"

	"berth/engine"
	"berth/gui/i18n"
)

// TestDetailsInKorean: the window's words come from the Korean translation;
// tabs are still selected by their English names (berth show, OpenDetails).
func TestDetailsInKorean(t *testing.T) {
	i18n.Use("ko")
	t.Cleanup(func() { i18n.Use("en") })
	f := newFixture(t)
	var titles []string
	for _, it := range f.v.tabs.Items {
		titles = append(titles, it.Text)
	}
	if got := strings.Join(titles, ","); got != "개요,환경 변수,검사,파일,터미널" {
		t.Errorf("tabs %q", got)
	}
	if !f.v.Select("terminal") || f.v.Selected() != "terminal" || !f.v.Select(TabFiles) {
		t.Error("a tab is not found by its English name")
	}
	got := texts(f.v.overview.Content())
	for _, want := range []string{"컨테이너", "이미지 ID", "running, 프로세스 4242", "172.17.0.2/16 · 게이트웨이 172.17.0.1", "레이블"} {
		if !strings.Contains(got, want) {
			t.Errorf("the overview lacks %q:\n%s", want, got)
		}
	}
	if got := f.v.env.count.Text; got != "변수 4개" {
		t.Errorf("env count %q", got)
	}
	if got := (&jnode{kind: '{', children: []string{"a", "b"}}).summary(); got != "{키 2개}" {
		t.Errorf("summary %q", got)
	}
	f.v.files.loadChanges()
	f.h.Until(t, "the changes", func() bool { return strings.Contains(f.v.files.changeState.Text, "이미지와") })
	if got := f.v.files.changeState.Text; got != "이미지와 비교해 추가 1개, 변경 1개, 삭제 1개" {
		t.Errorf("changes %q", got)
	}
	if got := changeWord(engine.Deleted); got != "삭제됨" {
		t.Errorf("deleted %q", got)
	}
	f.v.setOffline(true)
	if got := f.v.status.Text; got != "엔진이 응답하지 않습니다. 보이는 내용은 마지막으로 알던 것입니다." {
		t.Errorf("offline %q", got)
	}
	// Names with signs stay as they are (no HTML escaping).
	if got := i18n.T("details.files.notIn", "Path", "/a&b<c>", "Folder", "/"); got != "/a&b<c>이(가) /에 없습니다." {
		t.Errorf("escaped: %q", got)
	}
}
