// Command berth is a native desktop app for the Docker engine.
package main

import (
	"context"
	"log"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"syscall"

	"fyne.io/fyne/v2/app"

	"berth/engine"
	"berth/gui"
)

func main() {
	// A desktop app idles with a small live heap: collect at 1.5x it rather
	// than 2x, which keeps Berth's memory near a bare Fyne window's.
	debug.SetGCPercent(50)
	eng, err := engine.New()
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()
	store := engine.NewStore(eng, engine.StoreOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go store.Run(ctx) // first, so the engine lists containers while the window is built
	a := app.NewWithID("io.github.berth")
	ui := gui.New(a, eng, store)
	defer ui.Close()
	// On SIGTERM or Ctrl+C, close the UI before Fyne tears its window down,
	// so that no late engine update reaches a widget after GLFW is gone.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	go func() { <-sigs; ui.Quit() }()
	// Started at login (or hidden on purpose): stay in the tray when there is one.
	if slices.Contains(os.Args[1:], gui.HiddenFlag) || os.Getenv("BERTH_START_HIDDEN") == "1" {
		ui.StartInTray()
	} else {
		ui.ShowMain()
	}
	a.Run()
}
