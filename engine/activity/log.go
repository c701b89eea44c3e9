// Package activity records what Berth does to an engine as the docker CLI
// commands it stands for, and what others did to it (the engine's events),
// for the Activity panel and the guided tutorial. It imports neither the
// Docker SDK nor Fyne.
//
// Wrap puts a recorder between Berth and an engine.Client; Follow feeds the
// engine's events (through engine.State) into the same Log, which tells
// Berth's own actions from everyone else's by matching each event to an
// action in flight (or just finished) on the same object and of the same
// kind.
package activity

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"berth/engine"
)

// Action is the kind of thing an entry records, one docker command each.
type Action string

// The actions Berth records; the Ext ones only come from the engine's events.
const (
	ContainerStart    Action = "container.start"
	ContainerStop     Action = "container.stop"
	ContainerRestart  Action = "container.restart"
	ContainerPause    Action = "container.pause"
	ContainerUnpause  Action = "container.unpause"
	ContainerRemove   Action = "container.remove"
	ContainerRun      Action = "container.run"
	ContainerCreate   Action = "container.create" // external: created (docker create or the first half of docker run)
	ContainerExit     Action = "container.exit"   // external: the container's process ended by itself (or was killed)
	ContainerOOM      Action = "container.oom"    // external: the kernel killed it for memory
	ImagePull         Action = "image.pull"
	ImageRemove       Action = "image.remove"
	ImageDelete       Action = "image.delete" // external: an image's last tag went with its layers
	ImageTag          Action = "image.tag"
	ImagePush         Action = "image.push"
	VolumeCreate      Action = "volume.create"
	VolumeRemove      Action = "volume.remove"
	NetworkCreate     Action = "network.create"
	NetworkRemove     Action = "network.remove"
	NetworkConnect    Action = "network.connect"    // Object the container, Detail the network
	NetworkDisconnect Action = "network.disconnect" // Object the container, Detail the network
	ComposeUp         Action = "compose.up"
	ComposeDown       Action = "compose.down"
)

// Entry is one line of the activity: what was done, as which command, how it went.
type Entry struct {
	ID       uint64 // grows with every entry
	Time     time.Time
	Action   Action
	Object   string // what it was done to: a container's name (or short ID), an image reference
	Command  string // the equivalent docker CLI command; "" when none stands for it (a container that exited)
	Detail   string // the exit code of an exit; the network of a connect or disconnect
	Err      error  // the engine's error (an *engine.Error), nil when it went well
	Duration time.Duration
	Done     bool // false while the action is in flight
	External bool // done outside Berth (seen in the engine's events)
}

// What is the entry in English, for logs and tests: "Stopped webserver".
// The GUI words it from Action and Object in the user's language.
func (e Entry) What() string {
	switch e.Action {
	case ContainerStart:
		return "Started " + e.Object
	case ContainerStop:
		return "Stopped " + e.Object
	case ContainerRestart:
		return "Restarted " + e.Object
	case ContainerPause:
		return "Paused " + e.Object
	case ContainerUnpause:
		return "Resumed " + e.Object
	case ContainerRemove:
		return "Removed " + e.Object
	case ContainerRun:
		return "Ran " + e.Object
	case ContainerCreate:
		return "Created " + e.Object
	case ContainerExit:
		return e.Object + " exited (" + e.Detail + ")"
	case ContainerOOM:
		return e.Object + " ran out of memory"
	case ImagePull:
		return "Pulled " + e.Object
	case ImageRemove:
		return "Removed image " + e.Object
	case ImageDelete:
		return "Deleted image " + e.Object
	case ImageTag:
		return "Tagged " + e.Object
	case ImagePush:
		return "Pushed " + e.Object
	case VolumeCreate:
		return "Created volume " + e.Object
	case VolumeRemove:
		return "Removed volume " + e.Object
	case NetworkCreate:
		return "Created network " + e.Object
	case NetworkRemove:
		return "Removed network " + e.Object
	case NetworkConnect:
		return "Connected " + e.Object + " to " + e.Detail
	case NetworkDisconnect:
		return "Disconnected " + e.Object + " from " + e.Detail
	case ComposeUp:
		return "Brought up " + e.Object
	case ComposeDown:
		return "Took down " + e.Object
	}
	return string(e.Action) + " " + e.Object
}

// DefaultMax is how many entries a Log keeps.
const DefaultMax = 1000

// grace is how long after an action finished its events still count as
// its own: they reach the Log through the store's batches, a few ms late.
const grace = 10 * time.Second

// Log is the activity of one engine: Berth's own actions (recorded by the
// client Wrap returns) and the engine's events not caused by them. It is
// safe for use from any goroutine.
type Log struct {
	now func() time.Time
	max int

	mu      sync.Mutex
	entries []Entry // oldest first
	next    uint64
	ops     []*op          // own actions in flight or finished within grace
	held    []engine.Event // events an action in flight may still claim (its ID is not known yet)
	subs    map[int]func()
	nextSub int
}

// NewLog makes an empty log.
func NewLog() *Log { return &Log{now: time.Now, max: DefaultMax, subs: map[int]func(){}} }

// SetClock replaces the log's clock (tests).
func (l *Log) SetClock(now func() time.Time) {
	l.mu.Lock()
	l.now = now
	l.mu.Unlock()
}

// Entries returns the last DefaultMax entries (or the log's max), oldest first.
func (l *Log) Entries() []Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Entry(nil), l.entries[max(0, len(l.entries)-l.max):]...)
}

// Subscribe calls fn (from any goroutine) after every change of the log.
func (l *Log) Subscribe(fn func()) (cancel func()) {
	l.mu.Lock()
	id := l.nextSub
	l.nextSub++
	l.subs[id] = fn
	l.mu.Unlock()
	return func() {
		l.mu.Lock()
		delete(l.subs, id)
		l.mu.Unlock()
	}
}

func (l *Log) notify() {
	l.mu.Lock()
	ids := make([]int, 0, len(l.subs))
	for id := range l.subs {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	fns := make([]func(), 0, len(ids))
	for _, id := range ids {
		fns = append(fns, l.subs[id])
	}
	l.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

// addLocked appends e, giving it an ID. Beyond max the oldest go, in one
// copy once the log holds twice as many (Entries shows the last max).
func (l *Log) addLocked(e Entry) uint64 {
	l.next++
	e.ID = l.next
	l.entries = append(l.entries, e)
	if len(l.entries) >= 2*l.max {
		l.entries = append(l.entries[:0:0], l.entries[len(l.entries)-l.max:]...)
	}
	return e.ID
}

func (l *Log) updateLocked(id uint64, f func(*Entry)) {
	for i := len(l.entries) - 1; i >= 0; i-- {
		if l.entries[i].ID == id {
			f(&l.entries[i])
			return
		}
	}
}

// matcher claims the engine events one own action causes.
type matcher struct {
	kind    engine.EventKind
	actions map[string]int // event action -> how many it claims (-1: any number)
	anyRef  bool           // image events: any reference (the engine names pulls and untags its own way)
}

// op is one own action, for claiming its events.
type op struct {
	entry    uint64
	ids      []string // container IDs (or names) it acts on
	name     string   // the container's name, to match events by
	idKnown  bool     // false for a run without a name until it returns
	project  string   // a compose project: every event of its containers and networks is the op's
	match    []matcher
	done     bool
	finished time.Time
}

func (o *op) claims(ev engine.Event) bool {
	if o.project != "" {
		return ev.Project == o.project
	}
	for _, m := range o.match {
		if m.kind != ev.Kind {
			continue
		}
		n, ok := m.actions[ev.Action]
		if !ok || n == 0 {
			continue
		}
		if ev.Kind == engine.EventContainer && !o.names(ev) {
			continue
		}
		if ev.Kind == engine.EventImage && !m.anyRef {
			continue
		}
		if n > 0 {
			m.actions[ev.Action] = n - 1
		}
		return true
	}
	return false
}

// names reports whether ev is about the op's container.
func (o *op) names(ev engine.Event) bool {
	if o.name != "" && ev.Name == o.name {
		return true
	}
	for _, id := range o.ids {
		if id != "" && (ev.ID == id || ev.Name == id || len(id) >= 12 && isHex(id) && strings.HasPrefix(ev.ID, id)) {
			return true
		}
	}
	return false
}

// mayClaim reports whether the op, in flight without its ID yet, could claim ev.
func (o *op) mayClaim(ev engine.Event) bool {
	if o.done || o.idKnown || ev.Kind != engine.EventContainer {
		return false
	}
	for _, m := range o.match {
		if m.kind == ev.Kind && m.actions[ev.Action] != 0 {
			return true
		}
	}
	return false
}

// begin records an own action in flight.
func (l *Log) begin(e Entry, o *op) *op {
	l.mu.Lock()
	e.Time = l.now()
	o.entry = l.addLocked(e)
	l.ops = append(l.ops, o)
	l.mu.Unlock()
	l.notify()
	return o
}

// name sets the object of an own action in flight: what the engine named it.
func (l *Log) name(o *op, name string) {
	l.mu.Lock()
	l.updateLocked(o.entry, func(e *Entry) { e.Object = name })
	l.mu.Unlock()
}

// finish records how an own action went; ids, when given, are what it made (a run's container).
func (l *Log) finish(o *op, err error, ids ...string) {
	l.mu.Lock()
	now := l.now()
	o.done, o.finished = true, now
	if len(ids) > 0 {
		o.ids = append(o.ids, ids...)
	}
	o.idKnown = true
	l.updateLocked(o.entry, func(e *Entry) {
		e.Done, e.Err, e.Duration = true, err, now.Sub(e.Time)
	})
	// Events held for this op: claim them, or show them as others' now.
	held := l.held
	l.held = nil
	l.observeLocked(held)
	l.mu.Unlock()
	l.notify()
}

// Observe takes one batch of the engine's events (a store Change's Events):
// those no own action caused become external entries.
func (l *Log) Observe(evs []engine.Event) {
	if len(evs) == 0 {
		return
	}
	l.mu.Lock()
	n := len(l.entries)
	l.observeLocked(evs)
	changed := len(l.entries) != n
	l.mu.Unlock()
	if changed {
		l.notify()
	}
}

func (l *Log) observeLocked(evs []engine.Event) {
	now := l.now()
	// Forget own actions whose events have had time to arrive.
	live := l.ops[:0]
	for _, o := range l.ops {
		if !o.done || now.Sub(o.finished) < grace {
			live = append(live, o)
		}
	}
	clear(l.ops[len(live):])
	l.ops = live
	var theirs []engine.Event
	for _, ev := range evs {
		claimed, hold := false, false
		for _, o := range l.ops {
			if o.claims(ev) {
				claimed = true
				if ev.Kind == engine.EventContainer && ev.Action == "create" && ev.Name != "" {
					l.updateLocked(o.entry, func(e *Entry) {
						if e.Object == "" {
							e.Object = ev.Name
						}
					})
				}
				break
			}
		}
		if !claimed {
			for _, o := range l.ops {
				if o.mayClaim(ev) {
					hold = true
					break
				}
			}
		}
		switch {
		case hold:
			l.held = append(l.held, ev)
		case !claimed && !ev.Helper: // Berth's own helpers are no one's action
			theirs = append(theirs, ev)
		}
	}
	for _, e := range external(theirs) {
		l.addLocked(e)
	}
}

// external words a batch of others' events as entries: one per command
// (docker stop's kill, die and stop are one "Stopped"), in order.
func external(evs []engine.Event) []Entry {
	var out []Entry
	// next is what the engine did next to the same object, as "stop start restart ".
	byID := map[string][]int{} // positions of each object's events
	for i, ev := range evs {
		byID[ev.ID] = append(byID[ev.ID], i)
	}
	next := func(i int, id string) string {
		var b strings.Builder
		n := 0
		for _, j := range byID[id] {
			if j > i && n < 3 {
				b.WriteString(evs[j].Action)
				b.WriteByte(' ')
				n++
			}
		}
		return b.String()
	}
	restarts := func(i int, id string) bool {
		n := next(i, id)
		return strings.HasPrefix(n, "restart ") || strings.HasPrefix(n, "start restart ") || strings.HasPrefix(n, "stop start restart ")
	}
	for i, ev := range evs {
		name := ev.Name
		if name == "" || strings.HasPrefix(name, "sha256:") {
			name = engine.ShortID(ev.ID)
		}
		e := Entry{Time: ev.Time, Object: name, Done: true, External: true}
		q := engine.Quote(name)
		switch ev.Kind {
		case engine.EventContainer:
			switch ev.Action {
			case "create":
				e.Action = ContainerCreate
			case "start":
				if restarts(i, ev.ID) {
					continue
				}
				e.Action, e.Command = ContainerStart, "docker container start "+q
			case "stop":
				if restarts(i, ev.ID) {
					continue
				}
				e.Action, e.Command = ContainerStop, "docker container stop "+q
			case "restart":
				e.Action, e.Command = ContainerRestart, "docker container restart "+q
			case "pause":
				e.Action, e.Command = ContainerPause, "docker container pause "+q
			case "unpause":
				e.Action, e.Command = ContainerUnpause, "docker container unpause "+q
			case "destroy":
				e.Action, e.Command = ContainerRemove, "docker container rm "+q
			case "die":
				if n := next(i, ev.ID); strings.HasPrefix(n, "stop ") || strings.HasPrefix(n, "destroy ") || restarts(i, ev.ID) {
					continue
				}
				e.Action, e.Detail = ContainerExit, exitWords(ev.ExitCode)
			case "oom":
				e.Action = ContainerOOM
			default:
				continue
			}
		case engine.EventImage:
			switch ev.Action {
			case "pull":
				e.Action, e.Command = ImagePull, "docker image pull "+q
			case "untag":
				e.Action, e.Command = ImageRemove, "docker image rm "+q
			case "delete":
				if hasEarlier(evs[:i], ev.ID, "untag") {
					continue
				}
				e.Object = engine.ShortID(ev.ID)
				e.Action, e.Command = ImageDelete, "docker image rm "+e.Object
			case "tag":
				e.Action = ImageTag
			default:
				continue
			}
		default:
			continue
		}
		out = append(out, e)
	}
	return out
}

func hasEarlier(evs []engine.Event, id, action string) bool {
	for _, ev := range evs {
		if ev.ID == id && ev.Action == action {
			return true
		}
	}
	return false
}

func exitWords(code string) string {
	if code == "" {
		return "?"
	}
	return code
}

// Follow feeds the engine's events, as st reports them, into l until cancel.
// An untag event names the image by its ID: Follow names it by the tag it
// took away, from the snapshots before and after.
func Follow(l *Log, st engine.State) (cancel func()) {
	var (
		mu   sync.Mutex
		prev = st.Snapshot().Images
	)
	return st.Subscribe(func(snap engine.Snapshot, ch engine.Change) {
		mu.Lock()
		before := prev
		prev = snap.Images
		mu.Unlock()
		l.Observe(nameUntags(ch.Events, before, snap.Images))
	})
}

// nameUntags gives each untag event the tag its image lost between the
// image lists before and after, when the event names it by ID.
func nameUntags(evs []engine.Event, before, after []engine.Image) []engine.Event {
	var lost map[string][]string // image ID -> tags gone
	for i, ev := range evs {
		if ev.Kind != engine.EventImage || ev.Action != "untag" || (ev.Name != "" && ev.Name != ev.ID) {
			continue
		}
		if lost == nil {
			lost = map[string][]string{}
			kept := map[string]bool{}
			for _, im := range after {
				for _, t := range im.RepoTags {
					kept[im.ID+" "+t] = true
				}
			}
			for _, im := range before {
				for _, t := range im.RepoTags {
					if !kept[im.ID+" "+t] {
						lost[im.ID] = append(lost[im.ID], t)
					}
				}
			}
			evs = append([]engine.Event(nil), evs...)
		}
		if tags := lost[ev.ID]; len(tags) > 0 {
			evs[i].Name = tags[0]
			lost[ev.ID] = tags[1:]
		}
	}
	return evs
}

// Script is the entries as a shell script that does it again, oldest
// first. It stops at the first command that fails (set -e), as each step
// builds on the one before; commands that failed in Berth, and what was
// done outside Berth, are there as comments.
func Script(entries []Entry, now time.Time) string {
	var b strings.Builder
	b.WriteString("#!/bin/sh\n")
	fmt.Fprintf(&b, "# What Berth did, as docker commands (%s).\n", now.Format(time.RFC3339))
	b.WriteString("set -e\n")
	sorted := append([]Entry(nil), entries...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Time.Before(sorted[j].Time) })
	for _, e := range sorted {
		if e.Command == "" {
			continue
		}
		switch {
		case e.External:
			b.WriteString("# outside Berth: " + e.Command + "\n")
		case !e.Done:
			b.WriteString("# still running: " + e.Command + "\n")
		case e.Err != nil:
			b.WriteString("# failed: " + e.Command + "\n")
		default:
			b.WriteString(e.Command + "\n")
		}
	}
	return b.String()
}
