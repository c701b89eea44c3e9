package imagedetails

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/kit/kittest"
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

// An image tagged twice pushes the tag its window is of, when that names a
// registry; ShowDialog waits for the details before it opens Push.
func TestPushStartsOnTheWindowsTag(t *testing.T) {
	a := test.NewTempApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	h := &testHost{ctx: ctx, app: a, st: &state{snap: engine.Snapshot{Reachable: true, Seq: 1}}}
	cfg := nginxConfig
	cfg.RepoTags = []string{"localhost:5000/a/web:1", "localhost:5000/b/web:1", "nginx:latest"}
	fake := enginetest.New(nil, nil)
	fake.ConfigItems = map[string]engine.ImageConfig{"localhost:5000/b/web:1": cfg, kittest.NginxID: cfg}
	fake.HistoryItems = map[string][]engine.HistoryLayer{kittest.NginxID: nginxHistory}
	w := Open(h, fake, "localhost:5000/b/web:1")
	t.Cleanup(w.Close)
	w.ShowDialog("push")
	h.Until(t, "the push dialog", func() bool { return w.pushing != nil })
	sel := w.dialog.body.(*fyne.Container).Objects[1].(*kit.DialogSelect)
	if sel.Selected != "localhost:5000/b/web:1" {
		t.Errorf("Push starts on %q", sel.Selected)
	}
}
