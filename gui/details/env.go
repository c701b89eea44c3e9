package details

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/gui/i18n"
	"berth/gui/present"
)

// envPane is the Environment tab: the variables in a table, values of
// secret-looking names masked until revealed (one by one, or all).
type envPane struct {
	v        *View
	env      []string        // KEY=value, as the engine has them
	revealed map[string]bool // names revealed one by one
	all      *widget.Check   // reveal every value
	list     *widget.List
	count    *widget.Label
	content  fyne.CanvasObject
}

var envCols = &cols{widths: []float32{240, 0, 90}, fill: 1}

func newEnvPane(v *View) *envPane {
	e := &envPane{v: v, revealed: map[string]bool{}}
	e.all = &widget.Check{Text: i18n.T("details.env.reveal"), OnChanged: func(bool) { e.list.Refresh(); e.v.inspect.secretsChanged() }}
	e.count = widget.NewLabel("")
	e.list = &widget.List{Length: func() int { return len(e.env) }, CreateItem: e.createRow, UpdateItem: e.updateRow}
	copyAll := &widget.Button{Text: i18n.T("details.env.copyAll"), Icon: theme.ContentCopyIcon(), OnTapped: e.copyAll}
	header := container.New(envCols, bold(i18n.T("details.env.name")), bold(i18n.T("details.env.value")), widget.NewLabel(""))
	top := container.NewBorder(nil, header, nil, container.NewHBox(e.all, copyAll), e.count)
	e.content = container.NewBorder(top, nil, nil, nil, e.list)
	return e
}

func bold(s string) *widget.Label {
	return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}}
}

func (e *envPane) Content() fyne.CanvasObject { return e.content }
func (e *envPane) Shown()                     {}
func (e *envPane) Hidden()                    {}
func (e *envPane) Close()                     {}

func (e *envPane) show(env []string) {
	e.env = env
	e.count.SetText(i18n.N("details.env.count", len(env)))
	e.list.Refresh()
}

// Revealed reports whether the value of name is shown.
func (e *envPane) isRevealed(name string) bool { return e.all.Checked || e.revealed[name] }

// Value is what the table shows for KEY=value: masked when secret and not revealed.
func (e *envPane) value(kv string) string {
	k, _, _ := strings.Cut(kv, "=")
	if e.isRevealed(k) {
		return kv
	}
	return present.MaskEnv(kv)
}

func (e *envPane) createRow() fyne.CanvasObject {
	name := &widget.Label{Truncation: fyne.TextTruncateEllipsis, TextStyle: fyne.TextStyle{Monospace: true}}
	value := &widget.Label{Truncation: fyne.TextTruncateEllipsis, TextStyle: fyne.TextStyle{Monospace: true}}
	btn := &widget.Button{Importance: widget.LowImportance}
	return container.New(envCols, name, value, btn)
}

func (e *envPane) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(e.env) {
		return
	}
	row := o.(*fyne.Container).Objects
	k, val, _ := strings.Cut(e.env[i], "=")
	row[0].(*widget.Label).SetText(k)
	_, shown, _ := strings.Cut(e.value(e.env[i]), "=")
	row[1].(*widget.Label).SetText(shown)
	btn := row[2].(*widget.Button)
	if !present.IsSecretName(k) || val == "" || e.all.Checked {
		btn.Hide()
		return
	}
	btn.Show()
	if e.revealed[k] {
		btn.SetText(i18n.T("details.env.hide"))
		btn.SetIcon(theme.VisibilityOffIcon())
	} else {
		btn.SetText(i18n.T("details.env.show"))
		btn.SetIcon(theme.VisibilityIcon())
	}
	btn.OnTapped = func() {
		e.revealed[k] = !e.revealed[k]
		e.list.RefreshItem(i)
	}
}

// copyAll copies the variables as KEY=value lines, secrets masked unless revealed.
func (e *envPane) copyAll() {
	lines := make([]string, len(e.env))
	for i, kv := range e.env {
		lines[i] = e.value(kv)
	}
	e.v.h.App().Clipboard().SetContent(strings.Join(lines, "\n"))
}
