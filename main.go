// Command berth is a native desktop app for the Docker engine.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"syscall"

	"fyne.io/fyne/v2/app"

	"berth/engine/docker"
	"berth/engine/store"
	"berth/gui"
)

func main() {
	// A desktop app idles with a small live heap: collect at 1.5x it rather
	// than 2x, which keeps Berth's memory near a bare Fyne window's.
	debug.SetGCPercent(50)
	// A bad address gives a client whose calls fail with ErrEndpoint: the
	// window opens and its offline banner says what is wrong.
	client := docker.New(docker.ResolveEndpoint())
	defer client.Close()
	st := store.New(client, store.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go st.Run(ctx) // first, so the engine lists containers while the window is built
	a := app.NewWithID("io.github.berth")
	ui := gui.New(a, client, st)
	defer ui.Close()
	// On SIGTERM or Ctrl+C, quit on the UI goroutine (ui.Quit posts it there,
	// and does nothing once Fyne has stopped), so that nothing reaches Fyne
	// from this goroutine or after GLFW is gone.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	go func() { <-sigs; ui.Quit() }()
	// Started at login (or hidden on purpose): stay in the tray when there is one.
	if slices.Contains(os.Args[1:], gui.HiddenFlag) || os.Getenv("BERTH_START_HIDDEN") == "1" {
		ui.StartInTray()
	} else {
		ui.ShowMain()
		ui.OpenTutorialOnFirstStart()
	}
	a.Run()
}
