// Command minimal is the baseline for Berth's start-up, idle CPU and memory
// benchmarks: a bare Fyne window with a label and a button.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("io.github.berth.minimal")
	w := a.NewWindow("Minimal")
	w.SetContent(container.NewVBox(widget.NewLabel("Hello"), widget.NewButton("Button", func() {})))
	w.Resize(fyne.NewSize(1100, 700))
	w.ShowAndRun()
}
