// Command berth is a native desktop app for the Docker engine.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"syscall"

	"fyne.io/fyne/v2/app"

	"berth/engine/docker"
	"berth/engine/store"
	"berth/gui"
	"berth/instance"
)

func main() {
	// `berth logs NAME` hands its command to the Berth already running (and
	// exits), or starts Berth with it.
	cmd, hasCmd, err := instance.Parse(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "berth:", err)
		os.Exit(2)
	}
	sock := instance.SocketPath()
	if hasCmd {
		switch err := instance.Send(sock, cmd); {
		case err == nil:
			return
		case !errors.Is(err, instance.ErrNotRunning):
			fmt.Fprintln(os.Stderr, "berth:", err)
			os.Exit(1)
		}
	}
	// The first Berth takes the socket; another one started by hand runs
	// on its own.
	ln, _ := instance.Listen(sock)
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
	if ln != nil {
		defer ln.Close()
		go ln.Serve(ui.Post)
	}
	if hasCmd {
		a.Lifecycle().SetOnStarted(func() { ui.Handle(cmd) })
	}
	// On SIGTERM or Ctrl+C, quit on the UI goroutine (ui.Quit posts it there,
	// and does nothing once Fyne has stopped), so that nothing reaches Fyne
	// from this goroutine or after GLFW is gone.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	go func() { <-sigs; ui.Quit() }()
	// Started at login (or hidden on purpose): stay in the tray when there is one.
	if !hasCmd && (slices.Contains(os.Args[1:], gui.HiddenFlag) || os.Getenv("BERTH_START_HIDDEN") == "1") {
		ui.StartInTray()
	} else {
		ui.ShowMain()
	}
	a.Run()
}
