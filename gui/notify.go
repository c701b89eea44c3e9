package gui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/present"
)

const (
	// killMemory is how long a kill event explains a later die: `docker stop`
	// sends SIGTERM (a kill event), waits up to its timeout (10 s by default),
	// then SIGKILL (another kill event) before the container dies.
	killMemory = 30 * time.Second
	// dieQuiet is how long after notifying about a container Berth stays quiet
	// about it, so that a container in a restart loop does not flood the desktop.
	dieQuiet = time.Minute
	// maxDieNotes is how many containers one batch names before Berth sums them up.
	maxDieNotes = 3
)

// notifier tells the desktop about what happens behind the user's back:
// containers that exit with an error on their own, the engine going away
// and coming back. observe is called with each change the window applies.
type notifier struct {
	sendFn func(*fyne.Notification)
	// queue holds the notifications not yet handed to the desktop, in
	// order; one goroutine (started by the first) sends them one at a
	// time, each a D-Bus call.
	sendMu  sync.Mutex
	queue   []*fyne.Notification
	sending bool

	mu      sync.Mutex
	now     func() time.Time
	kills   map[string]time.Time // container ID → last kill event: the die that follows was asked for
	ooms    map[string]bool      // container ID → the kernel killed it for memory
	noted   map[string]time.Time // container ID → when Berth last notified about it
	wasUp   bool                 // the engine answered at the last change
	sawDown bool                 // the engine was seen unreachable since it last answered
}

func newNotifier(send func(*fyne.Notification)) *notifier {
	return &notifier{sendFn: send, now: time.Now, kills: map[string]time.Time{}, ooms: map[string]bool{}, noted: map[string]time.Time{}}
}

// send hands a notification to the desktop, off the caller's goroutine
// and in the order they were sent ("not reachable" before "back").
func (n *notifier) send(nt *fyne.Notification) {
	n.sendMu.Lock()
	defer n.sendMu.Unlock()
	n.queue = append(n.queue, nt)
	if n.sending {
		return
	}
	n.sending = true
	go func() {
		for {
			n.sendMu.Lock()
			if len(n.queue) == 0 {
				n.sending = false
				n.sendMu.Unlock()
				return
			}
			next := n.queue[0]
			n.queue = n.queue[1:]
			n.sendMu.Unlock()
			n.sendFn(next)
		}
	}()
}

// observe sends the notifications a change calls for.
func (n *notifier) observe(snap engine.Snapshot, ch engine.Change) {
	for _, nt := range n.notes(snap, ch) {
		n.send(nt)
	}
}

// notes returns the notifications a change calls for.
func (n *notifier) notes(snap engine.Snapshot, ch engine.Change) []*fyne.Notification {
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []*fyne.Notification
	if nt := n.reachability(snap); nt != nil {
		out = append(out, nt)
	}
	return append(out, n.exits(snap, ch.Events)...)
}

// reachability: the engine going away (after it had answered) and coming back.
func (n *notifier) reachability(snap engine.Snapshot) *fyne.Notification {
	if snap.Seq == 0 {
		return nil // the store has not tried the engine yet
	}
	was := n.wasUp
	n.wasUp = snap.Reachable
	switch {
	case !snap.Reachable:
		n.sawDown = true
		if was {
			content := i18n.T("shell.note.reconnect")
			if why := present.Explain(snap.Err); why != "" {
				content = why + "\n" + content
			}
			return &fyne.Notification{Title: i18n.T("shell.note.down"), Content: content}
		}
	case !was && n.sawDown:
		n.sawDown = false
		return &fyne.Notification{Title: i18n.T("shell.note.back"), Content: trayStatus(snap)}
	}
	return nil
}

// exits: containers that died with a non-zero exit code without anyone
// having asked them to stop. A stop, kill, restart or forced removal, from
// Berth or anywhere else, shows a kill event before the die.
func (n *notifier) exits(snap engine.Snapshot, events []engine.Event) []*fyne.Notification {
	now := n.now()
	for id, at := range n.kills {
		if now.Sub(at) > killMemory {
			delete(n.kills, id)
		}
	}
	for id, at := range n.noted {
		if now.Sub(at) > dieQuiet {
			delete(n.noted, id)
		}
	}
	type exit struct {
		name, image, code string
		oom               bool
	}
	var exits []exit
	for _, ev := range events {
		if ev.Kind != engine.EventContainer {
			continue
		}
		at := ev.Time
		if at.IsZero() {
			at = now
		}
		switch ev.Action {
		case "kill":
			n.kills[ev.ID] = at
		case "oom":
			n.ooms[ev.ID] = true
		case "destroy":
			delete(n.kills, ev.ID)
			delete(n.ooms, ev.ID)
		case "die":
			oom := n.ooms[ev.ID]
			delete(n.ooms, ev.ID)
			killed, asked := n.kills[ev.ID]
			delete(n.kills, ev.ID)
			if ev.ExitCode == "" || ev.ExitCode == "0" {
				continue
			}
			if asked && at.Sub(killed) <= killMemory && !oom {
				continue
			}
			if _, recent := n.noted[ev.ID]; recent {
				continue
			}
			n.noted[ev.ID] = now
			e := exit{name: ev.Name, code: ev.ExitCode}
			if c, ok := snap.Container(ev.ID); ok {
				e.image = c.Image
				if e.name == "" {
					e.name = c.Name
				}
			}
			if e.name == "" {
				e.name = engine.ShortID(ev.ID)
			}
			e.oom = oom
			exits = append(exits, e)
		}
	}
	if len(exits) > maxDieNotes {
		names := make([]string, len(exits))
		for i, e := range exits {
			names[i] = e.name
		}
		return []*fyne.Notification{{
			Title:   i18n.N("shell.note.exits", len(exits)),
			Content: i18n.Join(names),
		}}
	}
	var out []*fyne.Notification
	for _, e := range exits {
		code := e.code
		if e.oom {
			code = i18n.T("shell.note.oom", "Code", code)
		}
		content := i18n.T("shell.note.exit", "Name", e.name, "Code", code)
		if e.image != "" {
			content = i18n.T("shell.note.exitImage", "Name", e.name, "Image", e.image, "Code", code)
		}
		out = append(out, &fyne.Notification{Title: i18n.T("shell.note.exitTitle", "Name", e.name), Content: content})
	}
	return out
}
