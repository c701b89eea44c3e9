// Command berth is a native desktop app for the Docker engine.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"syscall"

	"fyne.io/fyne/v2/app"

	"berth/engine"
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
	if cmd.Verb == "compose" && len(cmd.Args) == 1 {
		// The running Berth has a directory of its own.
		if abs, err := filepath.Abs(cmd.Args[0]); err == nil {
			cmd.Args[0] = abs
		}
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
	// window opens and its offline banner says what is wrong. The store runs
	// first, so the engine lists containers while the window is built.
	first := connect(docker.ResolveEndpoint())
	a := app.NewWithID("io.github.berth")
	ui := gui.NewWithEngines(a, first, gui.Engines{Store: docker.NewEndpointStore(""), Connect: connect, Probe: probe,
		Changes: func(ctx context.Context) <-chan struct{} { return docker.WatchConfig(ctx, "") }})
	defer ui.Close() // ends the engine shown then
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
		ui.OpenTutorialOnFirstStart()
	}
	a.Run()
}

// connect builds the client of ep and starts its live state.
func connect(ep engine.Endpoint) gui.Connection {
	c := docker.New(ep)
	ctx, cancel := context.WithCancel(context.Background())
	// A local socket that appears (the engine started) is noticed at once.
	st := store.New(c, store.Options{Wake: docker.WatchSocket(ctx, ep.Host)})
	done := make(chan struct{})
	go func() { st.Run(ctx); close(done) }()
	// Debug shells and volume helpers of a Berth that was killed.
	go func() { _, _ = docker.RemoveLeftovers(ctx, c) }()
	return gui.Connection{Client: c, State: st, Stop: func() { cancel(); <-done; c.Close() }}
}

// probe asks the engine of ep for its info, once.
func probe(ctx context.Context, ep engine.Endpoint) (engine.Info, error) {
	c := docker.New(ep)
	defer c.Close()
	return c.System.Info(ctx)
}
