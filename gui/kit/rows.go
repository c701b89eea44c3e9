package kit

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/gui/i18n"
)

// MessageLabel is a wrapping message under a field, hidden while it has
// nothing to say (ShowMessage sets it).
func MessageLabel() *widget.Label {
	l := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	l.ExtendBaseWidget(l)
	l.Hide()
	return l
}

// ShowMessage shows text in a message label, or hides it when text is "";
// nothing is redrawn when it already shows that.
func ShowMessage(l *widget.Label, text string, imp widget.Importance) {
	if text == "" {
		if l.Visible() || l.Text != "" {
			l.Text = ""
			l.Hide()
			relayoutPopUps()
		}
		return
	}
	if l.Text != text || l.Importance != imp || !l.Visible() {
		l.Text = text
		l.Importance = imp
		l.Show()
		l.Refresh()
		relayoutPopUps()
	}
}

// relayoutTree lays out o's containers again, from the top down.
func relayoutTree(o fyne.CanvasObject) {
	c, ok := o.(*fyne.Container)
	if !ok {
		return
	}
	if c.Layout != nil {
		c.Layout.Layout(c.Objects, c.Size())
	}
	for _, child := range c.Objects {
		relayoutTree(child)
	}
}

// relayoutPopUps lays out again the pop-ups (dialogs) over every window. A
// message shown or hidden in a dialog changes how tall the dialog must be,
// and Fyne then grows the dialog's box but leaves what is inside it where
// it was: the buttons end up over the fields, or below the box.
func relayoutPopUps() {
	app := fyne.CurrentApp()
	if app == nil {
		return
	}
	// Every window's: a message hidden since it was made has no canvas
	// known to Fyne yet.
	for _, w := range app.Driver().AllWindows() {
		relayoutOverlays(w.Canvas())
	}
}

func relayoutOverlays(c fyne.Canvas) {
	for _, ov := range c.Overlays().List() {
		if p, ok := ov.(*widget.PopUp); ok && p.Visible() {
			// A dialog's layout gives its content the height up to where
			// its buttons were before the pass moves them (Fyne 2.7's
			// dialogLayout), and a wrapping message knows how tall it is
			// only once it has its width: a few passes settle both.
			for range 3 {
				p.Refresh()
				relayoutTree(p.Content)
			}
		}
	}
}

// MessageText is what a message label shows: "" when it is hidden.
func MessageText(l *widget.Label) string {
	if !l.Visible() {
		return ""
	}
	return l.Text
}

// RowKind configures a RowEditor over rows of type R (the kind's own row:
// its widgets and state, usually a pointer).
type RowKind[R any] struct {
	// Add is the text of the button that adds an empty row.
	Add string
	// Headers, when set, are column titles over the fields.
	Headers []string
	// New makes an empty row (for the Add button).
	New func() R
	// Fields are a row's widgets: fields in equal columns, then widgets
	// before the row's remove button (nil for none).
	Fields func(R) (fields, after []fyne.CanvasObject)
	// Action, when set, is what the button beside a row's message does;
	// RowMessage.Action names and shows that button.
	Action func(R)
	// Changed runs after the user added or removed a row.
	Changed func()
	// Removed, when set, runs for each row that goes (removed, or replaced by Set).
	Removed func(R)
}

// RowMessage is what a row's message says: its text, how it is shown, the
// text of the row's action button ("" hides it), and whether the row
// makes the form invalid.
type RowMessage struct {
	Text       string
	Importance widget.Importance
	Action     string
	Invalid    bool
}

// RowEditor edits a list of rows of one kind (port mappings, environment
// variables, volumes): each row its fields, a remove button and a message
// under it; an Add button under the rows. Its buttons are dialog buttons
// (Escape closes the dialog). UI goroutine only.
type RowEditor[R any] struct {
	AddButton *widget.Button
	kind      RowKind[R]
	rows      []*editorRow[R]
	box       *fyne.Container
	content   fyne.CanvasObject
}

type editorRow[R any] struct {
	row    R
	msg    *widget.Label
	action *widget.Button // nil when the kind has no action
	remove *widget.Button
	obj    fyne.CanvasObject
}

// NewRowEditor makes an editor with no rows.
func NewRowEditor[R any](kind RowKind[R]) *RowEditor[R] {
	e := &RowEditor[R]{kind: kind, box: container.NewVBox()}
	add := NewDialogButton(kind.Add, theme.ContentAddIcon(), e.addTapped)
	e.AddButton = &add.Button
	parts := []fyne.CanvasObject{e.box, container.NewHBox(add)}
	if len(kind.Headers) > 0 {
		parts = append([]fyne.CanvasObject{e.header()}, parts...)
	}
	e.content = container.NewVBox(parts...)
	return e
}

// header is the column titles, lined up with the fields of the rows, whose
// remove button sits on the right.
func (e *RowEditor[R]) header() fyne.CanvasObject {
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(NewDialogButton(removeText(), theme.ContentRemoveIcon(), nil).MinSize().Width, 1))
	titles := make([]fyne.CanvasObject, len(e.kind.Headers))
	for i, h := range e.kind.Headers {
		titles[i] = &widget.Label{Text: h, Importance: widget.LowImportance}
	}
	return container.NewBorder(nil, nil, nil, spacer, container.NewGridWithColumns(len(titles), titles...))
}

// Content is the rows and the Add button.
func (e *RowEditor[R]) Content() fyne.CanvasObject { return e.content }

// Rows are the rows, top to bottom.
func (e *RowEditor[R]) Rows() []R {
	rows := make([]R, len(e.rows))
	for i, r := range e.rows {
		rows[i] = r.row
	}
	return rows
}

// Set replaces the rows (Changed is not called).
func (e *RowEditor[R]) Set(rows []R) {
	for _, r := range e.rows {
		e.removed(r)
	}
	e.rows = nil
	for _, r := range rows {
		e.rows = append(e.rows, e.newRow(r))
	}
	e.rebuild()
}

// Check shows, for each row, what check says of it, and reports whether
// no row is invalid.
func (e *RowEditor[R]) Check(check func(R) RowMessage) bool {
	ok := true
	for _, r := range e.rows {
		m := check(r.row)
		ShowMessage(r.msg, m.Text, m.Importance)
		if r.action != nil {
			if m.Action == "" {
				r.action.Hide()
			} else {
				r.action.SetText(m.Action)
				r.action.Show()
			}
		}
		ok = ok && !m.Invalid
	}
	return ok
}

// Message is the message label of row i.
func (e *RowEditor[R]) Message(i int) *widget.Label { return e.rows[i].msg }

// ActionButton is the action button of row i (nil when the kind has none).
func (e *RowEditor[R]) ActionButton(i int) *widget.Button { return e.rows[i].action }

// RemoveButton is the remove button of row i.
func (e *RowEditor[R]) RemoveButton(i int) *widget.Button { return e.rows[i].remove }

// removeText is the remove button's: a dialog has room for a word, and a
// tooltip would show under the dialog.
func removeText() string { return i18n.T("kit.remove") }

func (e *RowEditor[R]) newRow(row R) *editorRow[R] {
	r := &editorRow[R]{row: row, msg: MessageLabel()}
	remove := NewDialogButton(removeText(), theme.ContentRemoveIcon(), func() { e.removeTapped(r) })
	remove.Importance = widget.LowImportance
	r.remove = &remove.Button
	fields, after := e.kind.Fields(row)
	end := container.NewHBox(append(after, remove)...)
	line := container.NewBorder(nil, nil, nil, end, container.NewGridWithColumns(len(fields), fields...))
	var under fyne.CanvasObject = r.msg
	if e.kind.Action != nil {
		action := NewDialogButton("", nil, func() { e.kind.Action(r.row) })
		action.Hide()
		r.action = &action.Button
		under = container.NewBorder(nil, nil, nil, action, r.msg)
	}
	r.obj = container.NewVBox(line, under)
	return r
}

func (e *RowEditor[R]) rebuild() {
	objs := make([]fyne.CanvasObject, len(e.rows))
	for i, r := range e.rows {
		objs[i] = r.obj
	}
	e.box.Objects = objs
	e.box.Refresh()
}

func (e *RowEditor[R]) removed(r *editorRow[R]) {
	if e.kind.Removed != nil {
		e.kind.Removed(r.row)
	}
}

func (e *RowEditor[R]) addTapped() {
	e.rows = append(e.rows, e.newRow(e.kind.New()))
	e.rebuild()
	e.changed()
}

func (e *RowEditor[R]) removeTapped(r *editorRow[R]) {
	for i, x := range e.rows {
		if x == r {
			e.rows = append(e.rows[:i:i], e.rows[i+1:]...)
			break
		}
	}
	e.removed(r)
	e.rebuild()
	e.changed()
}

func (e *RowEditor[R]) changed() {
	if e.kind.Changed != nil {
		e.kind.Changed()
	}
}
