package imagedetails

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/gui/i18n"
)

// TestDetailsInKorean: the window's title, summary, tabs, config rows and
// the search's plurals come from the Korean translation.
func TestDetailsInKorean(t *testing.T) {
	i18n.Use("ko")
	t.Cleanup(func() { i18n.Use("en") })
	e := open(t)
	w := e.w
	if got := w.win.Title(); got != "이미지 — nginx:latest" {
		t.Errorf("title %q", got)
	}
	if got := w.summary.Text; got != "42b4762643dc  ·  109MB  ·  레이어 6개  ·  linux/amd64  ·  2019-02-05 12:00 생성됨" {
		t.Errorf("summary %q", got)
	}
	if got := w.tabs.Items[0].Text; got != "히스토리" {
		t.Errorf("first tab %q", got)
	}
	if got := w.usersTab.Text; got != "컨테이너 (2)" {
		t.Errorf("containers tab %q", got)
	}
	if rows := configRows(nginxConfig); rows[0][0] != "엔트리포인트" || rows[len(rows)-1][0] != "레이블" {
		t.Errorf("config rows %q … %q", rows[0], rows[len(rows)-1])
	}
	e.fake.RegistryItems = []engine.RegistryRepo{{Registry: "localhost:5000", Name: "berthtest/web", Tags: []string{"1", "2"}}}
	test.Tap(w.searchButton)
	s := w.search
	s.run()
	e.h.Until(t, "the results", func() bool { return len(s.refs()) > 0 })
	if !slices.Equal(s.refs(), []string{"localhost:5000/berthtest/web:1", "localhost:5000/berthtest/web:2"}) || s.status.Text != "저장소 1개, 태그 2개." {
		t.Errorf("refs %q, status %q", s.refs(), s.status.Text)
	}
	if w.dialog.button("검색") == nil || w.dialog.button("닫기") == nil {
		t.Error("the search dialog's buttons are not in Korean")
	}
}
