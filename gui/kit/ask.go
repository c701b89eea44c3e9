package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/present"
)

// Choice is one button of a Question; Run may be nil (Cancel, OK).
type Choice struct {
	Text       string
	Icon       fyne.Resource
	Importance widget.Importance
	Run        func()
}

// Cancel is the choice that does nothing.
func Cancel() Choice { return Choice{Text: i18n.T("kit.cancel"), Icon: theme.CancelIcon()} }

// OK is the choice that acknowledges a message.
func OK() Choice { return Choice{Text: i18n.T("kit.ok"), Importance: widget.HighImportance} }

// Question is what a feature asks the user (a Host's Ask shows it): a
// title, a message, optional extra content, the engine's own words behind
// a toggle, and the buttons from left to right. Every button closes the
// dialog, then runs its choice; Escape closes it without acting.
type Question struct {
	Title   string
	Message string
	Extra   fyne.CanvasObject // under the message; nil for none
	// Details are the engine's own words (engine.Raw), shown under
	// "Show the engine's message"; "" for none.
	Details string
	Choices []Choice
}

// ErrorQuestion tells that something failed: err in plain words, the
// engine's own words one click away (when they say something else), OK.
func ErrorQuestion(title string, err error) Question {
	return Question{Title: title, Message: present.Explain(err), Details: EngineWords(err), Choices: []Choice{OK()}}
}

// EngineWords are the engine's own words on err (engine.Raw) when they
// say something else than present.Explain does; "" otherwise.
func EngineWords(err error) string {
	if raw := engine.Raw(err); raw != present.Explain(err) {
		return raw
	}
	return ""
}

// Choice finds a choice by its text (tests answer questions with it).
func (q Question) Choice(text string) (Choice, bool) {
	for _, c := range q.Choices {
		if c.Text == text {
			return c, true
		}
	}
	return Choice{}, false
}

// Dialog is a Question shown in a window.
type Dialog struct {
	Question Question
	Buttons  []*widget.Button
	// Details shows and hides the engine's words (nil without Details).
	Details *DetailsToggle
	d       *dialog.CustomDialog
}

// ShowQuestion shows q over win.
func ShowQuestion(win fyne.Window, q Question) *Dialog {
	md := &Dialog{Question: q}
	objs := make([]fyne.CanvasObject, len(q.Choices))
	var widest float32
	for i, c := range q.Choices {
		run := c.Run
		b := NewDialogButton(c.Text, c.Icon, func() {
			md.d.Hide()
			if run != nil {
				run()
			}
		})
		b.Importance = c.Importance
		md.Buttons = append(md.Buttons, &b.Button)
		objs[i] = b
		widest = fyne.Max(widest, b.MinSize().Width)
	}
	// The text is as wide as the row of buttons (equal cells), at least 460.
	n := float32(len(q.Choices))
	width := fyne.Max(460, n*widest+(n-1)*theme.Padding())
	body := container.New(BoxWidth(width), WrapLabel(q.Message, widget.MediumImportance))
	if q.Extra != nil {
		body.Add(q.Extra)
	}
	if q.Details != "" {
		md.Details = NewDetailsToggle()
		md.Details.SetText(q.Details)
		body.Add(md.Details.Content())
	}
	md.d = dialog.NewCustomWithoutButtons(q.Title, body, win)
	md.d.SetButtons(objs)
	md.d.SetOnClosed(CloseOnEscape(win, md.Hide))
	md.d.Show()
	return md
}

// Button finds a button by its text (nil if none).
func (md *Dialog) Button(text string) *widget.Button {
	for _, b := range md.Buttons {
		if b.Text == text {
			return b
		}
	}
	return nil
}

// Hide closes the dialog without acting.
func (md *Dialog) Hide() { md.d.Hide() }

// DetailsToggle is the engine's own words behind a "Show the engine's
// message" button, hidden until asked for; hidden altogether while it has
// no words.
type DetailsToggle struct {
	Button  *widget.Button
	text    *widget.Label
	content *fyne.Container
}

// showDetails and hideDetails are the toggle's words.
func showDetails() string { return i18n.T("kit.details.show") }
func hideDetails() string { return i18n.T("kit.details.hide") }

// NewDetailsToggle makes a toggle with no words (hidden).
func NewDetailsToggle() *DetailsToggle {
	t := &DetailsToggle{text: WrapLabel("", widget.LowImportance)}
	t.text.Hide()
	b := NewDialogButton(showDetails(), nil, t.toggle)
	b.Importance = widget.LowImportance
	t.Button = &b.Button
	t.content = container.NewVBox(container.NewHBox(b), t.text)
	t.content.Hide()
	return t
}

// Content is the toggle and the words under it.
func (t *DetailsToggle) Content() fyne.CanvasObject { return t.content }

// SetText sets the words, folded away; "" hides the toggle.
func (t *DetailsToggle) SetText(s string) {
	t.text.SetText(s)
	t.text.Hide()
	t.Button.SetText(showDetails())
	if s == "" {
		t.content.Hide()
	} else {
		t.content.Show()
	}
}

// Text is the words shown when the toggle is open ("" when it is folded or hidden).
func (t *DetailsToggle) Text() string {
	if !t.content.Visible() || !t.text.Visible() {
		return ""
	}
	return t.text.Text
}

func (t *DetailsToggle) toggle() {
	if t.text.Visible() {
		t.text.Hide()
		t.Button.SetText(showDetails())
	} else {
		t.text.Show()
		t.Button.SetText(hideDetails())
	}
	t.content.Refresh()
}
