package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/engines"
	"berth/gui/i18n"
	"berth/gui/kit"
)

// statusBar is the line at the bottom of the window: which engine, its
// versions, the counts, whether Berth is connected, and the start-at-login
// setting.
type statusBar struct {
	endpoint engine.Endpoint
	content  *fyne.Container
	right    *fyne.Container
	engine   *widget.Label
	counts   *widget.Label
	state    *widget.Label
	dot      *kit.StateDot
	// autostart is the "Start Berth at login" check.
	autostart *kit.Check
}

func newStatusBar(ep engine.Endpoint) *statusBar {
	b := &statusBar{endpoint: ep}
	b.engine = kit.CellLabel()
	b.counts = kit.PlainLabel()
	b.state = kit.PlainLabel()
	b.dot = kit.NewStateDot()
	b.right = container.NewHBox(b.counts, widget.NewSeparator(), b.dot, b.state)
	b.content = container.NewBorder(widget.NewSeparator(), nil, nil, b.right, b.engine)
	return b
}

func (b *statusBar) apply(snap engine.Snapshot) {
	// Every store change reaches here: redraw only the texts that changed
	// (a label's text layout is the costly part of an update).
	setText(b.engine, engineText(b.endpoint.String(), snap.Info))
	setText(b.counts, countsText(snap))
	var col fyne.ThemeColorName
	switch {
	case snap.Reachable:
		setText(b.state, i18n.T("shell.status.connected"))
		col = theme.ColorNameSuccess
	case snap.Offline():
		setText(b.state, i18n.T("shell.status.retrying"))
		col = theme.ColorNameError
	default:
		setText(b.state, i18n.T("shell.status.connecting"))
		col = theme.ColorNameWarning
	}
	b.dot.SetColor(col)
}

func setText(l *widget.Label, s string) {
	if l.Text != s {
		l.SetText(s)
	}
}

// engineText names the engine (its context, when it comes from one) and
// its versions: "Engine rootless · unix:///run/user/1000/docker.sock ·
// Docker 28.1.1 · API 1.47"; Podman's Docker API is named Podman.
func engineText(host string, info engine.Info) string {
	if host == "" {
		host = info.Host
	}
	parts := []string{i18n.T("shell.status.engine", "Host", host)}
	if info.Version != "" {
		parts = append(parts, i18n.T("shell.status.product", "Product", engines.ProductName(info), "Version", info.Version))
	}
	if info.APIVersion != "" {
		parts = append(parts, i18n.T("shell.status.api", "Version", info.APIVersion))
	}
	if info.OperatingSystem != "" {
		parts = append(parts, info.OperatingSystem)
	}
	return strings.Join(parts, " · ")
}

// countsText is "2 running · 1 paused · 3 stopped · 7 images".
func countsText(snap engine.Snapshot) string {
	in := snap.Info
	if !snap.Reachable && in.Version == "" {
		return "" // never reached: nothing is known
	}
	parts := []string{i18n.T("shell.status.running", "N", in.Running)}
	if in.Paused > 0 {
		parts = append(parts, i18n.T("shell.status.paused", "N", in.Paused))
	}
	parts = append(parts, i18n.T("shell.status.stopped", "N", in.Stopped), i18n.N("shell.status.images", in.Images))
	return strings.Join(parts, " · ")
}

// addSetting puts a setting (a check) at the end of the line.
func (b *statusBar) addSetting(o fyne.CanvasObject) {
	b.right.Add(widget.NewSeparator())
	b.right.Add(o)
}
