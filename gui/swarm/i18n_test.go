package swarm

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"berth/gui/i18n"
	"berth/gui/kit/kittest"
)

// The Swarm tab in Korean: its headings and the tasks' heading, a plural.
func TestSwarmInKorean(t *testing.T) {
	t.Cleanup(func() { i18n.Use("en") })
	i18n.Use("ko")
	v, h, w := newView(t, cluster())
	v.Shown()
	h.loop.Until(t, "the cluster", func() bool { n, s, _ := v.Rows(); return len(n) == 2 && len(s) == 1 })
	v.SelectService(0)
	h.loop.Until(t, "the tasks", func() bool { _, _, tk := v.Rows(); return len(tk) == 2 })
	kittest.Relayout(w)
	var texts []string
	for _, o := range kittest.Walk(v.Content()) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"manager-1 (이 엔진)", "서비스", "노드", "web의 작업(task) (2개)"} {
		if !strings.Contains(all, want) {
			t.Errorf("the Swarm tab does not show %q in %q", want, all)
		}
	}
}
