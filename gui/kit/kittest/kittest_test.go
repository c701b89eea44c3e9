package kittest

import (
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/gui/kit"
)

func TestQueueRunsInOrderWhatItQueues(t *testing.T) {
	var q Queue
	var got []int
	q.Do(func() {
		got = append(got, 1)
		q.Do(func() { got = append(got, 3) })
	})
	q.Do(func() { got = append(got, 2) })
	q.Drain()
	if len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 3 {
		t.Fatalf("ran %v", got)
	}
}

func TestQueueUntilRunsWorkFromOtherGoroutines(t *testing.T) {
	var q Queue
	done := false
	go q.Do(func() { done = true })
	q.Until(t, "the work", func() bool { return done })
}

func TestQuestionsAnswer(t *testing.T) {
	var r Questions
	ran := false
	r.Ask(kit.Question{Title: "Remove?", Choices: []kit.Choice{kit.Cancel(), {Text: "Remove", Run: func() { ran = true }}}})
	q := r.Last(t)
	if !r.Asked("Remove?") || r.Asked("Stop?") {
		t.Fatal("Asked is wrong")
	}
	r.Answer(t, q, "Remove")
	if !ran {
		t.Fatal("the choice did not run")
	}
}

func TestWalkFindsDrawnLabels(t *testing.T) {
	test.NewTempApp(t)
	l := widget.NewLabel("deep")
	found := false
	for _, o := range Walk(container.NewVBox(widget.NewCard("c", "", container.NewStack(l)))) {
		found = found || o == l
	}
	if !found {
		t.Fatal("the label was not walked")
	}
}
