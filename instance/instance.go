// Package instance keeps Berth to one instance per user: the first one
// listens on a unix socket, and a later `berth logs NAME` (or `berth show
// NAME [tab]`) hands its command to it and exits, as `code FILE` does for
// an editor. No Fyne here.
package instance

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Command is what a later `berth VERB ARGS…` asks the running Berth to do.
type Command struct {
	Verb string   `json:"verb"`
	Args []string `json:"args"`
}

// Verbs the command line takes, with the number of arguments (least, most).
var verbs = map[string][2]int{
	"logs":     {1, 1}, // logs NAME|ID|PROJECT
	"show":     {1, 2}, // show NAME|ID [tab]
	"tab":      {1, 1}, // tab containers|images|volumes|networks|disk|activity|engines|swarm
	"image":    {1, 2}, // image REF [tag|push|search]
	"compose":  {0, 1}, // compose [FILE]
	"tutorial": {0, 0}, // tutorial
}

// Usage is the command line's help.
const Usage = `usage:
  berth                     open Berth
  berth logs NAME|ID|PROJECT  show a container's (or compose project's) log
  berth show NAME|ID [TAB]    show a container
  berth tab NAME              show a tab of the main window (volumes, networks, disk, …)
  berth image REF [DIALOG]    show an image's details (DIALOG: tag, push or search)
  berth compose [FILE]        open the compose up dialog, with FILE loaded
  berth tutorial              open Getting started`

// ErrUsage is the error of a command line Berth does not take.
var ErrUsage = errors.New("bad command line")

// Parse reads Berth's arguments: no command (ok false) for none or only
// flags (they start with "-"), else the command.
func Parse(args []string) (cmd Command, ok bool, err error) {
	var words []string
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			words = append(words, a)
		}
	}
	if len(words) == 0 {
		return Command{}, false, nil
	}
	n, known := verbs[words[0]]
	if !known {
		return Command{}, false, fmt.Errorf("%w: berth has no command %q\n%s", ErrUsage, words[0], Usage)
	}
	if k := len(words) - 1; k < n[0] || k > n[1] {
		return Command{}, false, fmt.Errorf("%w: berth %s takes %s\n%s", ErrUsage, words[0], argWords(n), Usage)
	}
	return Command{Verb: words[0], Args: words[1:]}, true, nil
}

func argWords(n [2]int) string {
	if n[0] == n[1] {
		if n[0] == 1 {
			return "one argument"
		}
		return strconv.Itoa(n[0]) + " arguments"
	}
	return fmt.Sprintf("%d to %d arguments", n[0], n[1])
}

// SocketPath is the socket of this user's Berth: in $XDG_RUNTIME_DIR (a
// directory only the user can enter), else in the temporary directory,
// named with the user's ID.
func SocketPath() string {
	name := "berth-" + strconv.Itoa(os.Getuid()) + ".sock"
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return filepath.Join(dir, name)
		}
	}
	return filepath.Join(os.TempDir(), name)
}

// ErrRunning is Listen's error when another Berth listens on the socket.
var ErrRunning = errors.New("another Berth is running")

// ErrNotRunning is Send's error when no Berth listens on the socket.
var ErrNotRunning = errors.New("no Berth is running")

// Listener is the running Berth's end of the socket.
type Listener struct {
	ln   net.Listener
	path string
	once sync.Once
}

// Listen takes the socket at path: ErrRunning when another Berth answers
// there; a socket left by one that died is replaced.
func Listen(path string) (*Listener, error) {
	if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
		c.Close()
		return nil, ErrRunning
	}
	os.Remove(path) // a stale socket: nobody answers on it
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("instance: %w", err)
	}
	// Only this user may ask: the socket may be in a shared temporary directory.
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("instance: %w", err)
	}
	return &Listener{ln: ln, path: path}, nil
}

// Serve calls handle with each command sent (on its own goroutine, one at
// a time) until Close. Each sender gets "ok" once its command was handed,
// or, when handle returns ErrNotRunning (the Berth is quitting), "gone":
// the sender then starts a Berth of its own.
func (l *Listener) Serve(handle func(Command) error) {
	var mu sync.Mutex
	for {
		c, err := l.ln.Accept()
		if err != nil {
			return // closed
		}
		go func() {
			defer c.Close()
			c.SetDeadline(time.Now().Add(5 * time.Second))
			var cmd Command
			r := bufio.NewReader(c)
			line, err := r.ReadBytes('\n')
			if err == nil {
				err = json.Unmarshal(line, &cmd)
			}
			if err != nil || cmd.Verb == "" {
				fmt.Fprintf(c, "error: %v\n", orErr(err, "no verb"))
				return
			}
			mu.Lock()
			err = handle(cmd)
			mu.Unlock()
			switch {
			case errors.Is(err, ErrNotRunning):
				fmt.Fprintln(c, "gone")
			case err != nil:
				fmt.Fprintf(c, "error: %v\n", err)
			default:
				fmt.Fprintln(c, "ok")
			}
		}()
	}
}

func orErr(err error, s string) error {
	if err != nil {
		return err
	}
	return errors.New(s)
}

// Close stops listening and removes the socket.
func (l *Listener) Close() error {
	var err error
	l.once.Do(func() {
		err = l.ln.Close()
		os.Remove(l.path)
	})
	return err
}

// Send hands cmd to the Berth listening at path: ErrNotRunning when none
// answers.
func Send(path string, cmd Command) error {
	c, err := net.DialTimeout("unix", path, 2*time.Second)
	if err != nil {
		return ErrNotRunning
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	b, err := json.Marshal(cmd)
	if err != nil {
		return err
	}
	if _, err := c.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("instance: %w", err)
	}
	reply, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return fmt.Errorf("instance: no answer from the running Berth: %w", err)
	}
	reply = strings.TrimSpace(reply)
	if reply == "gone" {
		return ErrNotRunning
	}
	if reply != "ok" {
		return fmt.Errorf("instance: the running Berth says %s", reply)
	}
	return nil
}
