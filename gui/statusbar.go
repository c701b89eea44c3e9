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
// versions, the counts, whether Berth is connected, and a Settings button
// whose pop-up holds the settings (CPU and memory, start at login,
// language). The settings sit in a pop-up so that the engine's text has
// the room of the line at 1280 px, in English and in Korean.
type statusBar struct {
	endpoint engine.Endpoint
	canvas   fyne.Canvas
	content  *fyne.Container
	right    *fyne.Container
	engine   *widget.Label
	counts   *widget.Label
	state    *widget.Label
	dot      *kit.StateDot
	// settings are what the Settings button shows.
	settings       *fyne.Container
	settingsButton *widget.Button
	popup          *widget.PopUp // nil until first shown
	// autostart is the "Start Berth at login" check.
	autostart *kit.Check
}

func newStatusBar(ep engine.Endpoint, c fyne.Canvas) *statusBar {
	b := &statusBar{endpoint: ep, canvas: c}
	b.engine = kit.CellLabel()
	b.counts = kit.PlainLabel()
	b.state = kit.PlainLabel()
	b.dot = kit.NewStateDot()
	b.settings = container.NewVBox()
	b.settingsButton = &widget.Button{Text: i18n.T("shell.settings"), Icon: theme.SettingsIcon(),
		Importance: widget.LowImportance, OnTapped: b.showSettings}
	b.right = container.NewHBox(b.counts, widget.NewSeparator(), b.dot, b.state, widget.NewSeparator(), b.settingsButton)
	b.content = container.NewBorder(widget.NewSeparator(), nil, nil, b.right, b.engine)
	return b
}

// showSettings opens the settings above the Settings button, at the
// window's right edge.
func (b *statusBar) showSettings() {
	if b.popup == nil {
		b.popup = widget.NewPopUp(container.NewPadded(b.settings), b.canvas)
	}
	size := b.popup.MinSize()
	at := fyne.NewPos(b.canvas.Size().Width-size.Width, b.canvas.Size().Height-size.Height)
	if d := fyne.CurrentApp().Driver(); d != nil {
		at.Y = d.AbsolutePositionForObject(b.settingsButton).Y - size.Height // just above the line
	}
	b.popup.ShowAtPosition(at)
}

// hideSettings closes the settings pop-up if it is open.
func (b *statusBar) hideSettings() {
	if b.popup != nil {
		b.popup.Hide()
	}
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

// addSetting adds a setting (a check) to the Settings pop-up.
func (b *statusBar) addSetting(o fyne.CanvasObject) {
	if len(b.settings.Objects) > 0 {
		b.settings.Add(widget.NewSeparator())
	}
	b.settings.Add(o)
}
