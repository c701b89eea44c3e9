package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/gui/i18n"
	"berth/gui/kit/kittest"
)

// languageSelect is the language setting's choice in the Settings pop-up.
func languageSelect(t *testing.T, u *UI) *widget.Select {
	t.Helper()
	for _, o := range kittest.Walk(u.status.settings) {
		if s, ok := o.(*widget.Select); ok {
			return s
		}
	}
	t.Fatal("no language choice in the settings")
	return nil
}

func hasTrayItem(items []*fyne.MenuItem, label string) bool {
	for _, it := range items {
		if it.Label == label {
			return true
		}
	}
	return false
}

// Choosing Korean rebuilds the window (tabs, status line, menu) and the
// tray menu in Korean without a restart; English comes back the same way.
func TestLanguageChangeWithoutRestart(t *testing.T) {
	t.Cleanup(func() { i18n.Use("en") })
	e := newTrayEnv(t, &fakeTrayHost{bus: true, present: true})
	e.u.tabs.show("Images")
	test.Tap(e.u.status.settingsButton) // the pop-up opens over the window

	languageSelect(t, e.u).SetSelected("한국어")
	e.wait("the Korean tray menu", func() bool { return hasTrayItem(e.tray.items(), "Berth 끝내기") })
	if got := e.app.Preferences().String(i18n.PrefKey); got != "ko" {
		t.Errorf("language preference %q, want ko", got)
	}
	if got := e.u.tabs.tabs.Items[0].Text; got != "컨테이너" {
		t.Errorf("first tab %q, want 컨테이너", got)
	}
	if got := e.u.tabs.list[e.u.tabs.tabs.SelectedIndex()].id; got != "Images" {
		t.Errorf("tab in front %q, want Images (kept across the switch)", got)
	}
	if got := e.u.status.state.Text; got != "연결됨" {
		t.Errorf("status %q, want 연결됨", got)
	}
	if got := e.u.status.settingsButton.Text; got != "설정" {
		t.Errorf("settings button %q, want 설정", got)
	}
	if !hasTrayItem(e.tray.items(), "컨테이너") {
		t.Errorf("tray menu %q has no 컨테이너", trayLabels(e.tray.items()))
	}
	if m := e.win.MainMenu(); m == nil || m.Items[0].Label != "도움말" {
		t.Errorf("main menu not in Korean: %+v", m)
	}
	e.u.tabs.show("Containers") // the tabs are found by their English id in every language
	if e.u.tabs.tabs.SelectedIndex() != 0 {
		t.Errorf("show(Containers) selected tab %d", e.u.tabs.tabs.SelectedIndex())
	}

	languageSelect(t, e.u).SetSelected("English")
	e.wait("the English tray menu", func() bool { return hasTrayItem(e.tray.items(), "Quit Berth") })
	if got := e.u.tabs.tabs.Items[0].Text; got != "Containers" {
		t.Errorf("first tab %q after English, want Containers", got)
	}
	if got := e.u.status.state.Text; got != "Connected" {
		t.Errorf("status %q after English", got)
	}
}

func TestShellWordsInKorean(t *testing.T) {
	t.Cleanup(func() { i18n.Use("en") })
	i18n.Use("ko")
	if got := offlineText(nil, true); got != "엔진이 응답하면 Berth가 저절로 다시 연결합니다. 아래 목록은 마지막으로 연결되었을 때의 모습입니다." {
		t.Errorf("offline text %q", got)
	}
	if got := i18n.N("shell.tray.up", 5, "Up", 3); got != "엔진 실행 중 · 컨테이너 5개 중 3개 실행 중" {
		t.Errorf("tray status %q", got)
	}
}
