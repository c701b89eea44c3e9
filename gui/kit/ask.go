package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Choice is one button of a Question; Run may be nil (Cancel, OK).
type Choice struct {
	Text       string
	Icon       fyne.Resource
	Importance widget.Importance
	Run        func()
}

// Cancel is the choice that does nothing.
func Cancel() Choice { return Choice{Text: "Cancel", Icon: theme.CancelIcon()} }

// OK is the choice that acknowledges a message.
func OK() Choice { return Choice{Text: "OK", Importance: widget.HighImportance} }

// Question is what a feature asks the user (a Host's Ask shows it): a
// title, a message, optional extra content, and the buttons from left to
// right. Every button closes the dialog, then runs its choice.
type Question struct {
	Title   string
	Message string
	Extra   fyne.CanvasObject // under the message; nil for none
	Choices []Choice
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
	d        *dialog.CustomDialog
}

// ShowQuestion shows q over win.
func ShowQuestion(win fyne.Window, q Question) *Dialog {
	md := &Dialog{Question: q}
	objs := make([]fyne.CanvasObject, len(q.Choices))
	var widest float32
	for i, c := range q.Choices {
		run := c.Run
		b := &widget.Button{Text: c.Text, Icon: c.Icon, Importance: c.Importance}
		b.OnTapped = func() {
			md.d.Hide()
			if run != nil {
				run()
			}
		}
		b.ExtendBaseWidget(b)
		md.Buttons = append(md.Buttons, b)
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
	md.d = dialog.NewCustomWithoutButtons(q.Title, body, win)
	md.d.SetButtons(objs)
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
