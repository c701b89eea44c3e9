// Package compose runs berth-compose, the helper program that holds
// Docker's own compose code (cmd/berth-compose), and reads what it says: one
// JSON object a line on its standard output. It implements
// engine.ComposeAPI without the Docker SDK or Fyne: Berth itself stays free
// of compose's code (76 MiB of binary, some 55 MiB of idle memory), which
// runs only when a compose file or a stack's Remove is used.
package compose

import "berth/engine"

// Line is one line of berth-compose's output. Progress lines are compose's
// own JSON progress (its --progress json: id, text, status, …) and have no
// Kind; the other kinds carry a command's answer.
type Line struct {
	Kind string `json:"kind,omitempty"` // "", "config", "resources", "done", "error"

	// compose's progress fields (pkg/progress's jsonMessage)
	ID       string `json:"id,omitempty"`
	ParentID string `json:"parent_id,omitempty"`
	Text     string `json:"text,omitempty"`
	Status   string `json:"status,omitempty"`
	Current  int64  `json:"current,omitempty"`
	Total    int64  `json:"total,omitempty"`
	Percent  int    `json:"percent,omitempty"`
	Tail     bool   `json:"tail,omitempty"`

	Config    *engine.ComposeConfig    `json:"config,omitempty"`
	Resources *engine.ComposeResources `json:"resources,omitempty"`
	Error     *WireError               `json:"error,omitempty"`
}

// WireError is a failed command's error.
type WireError struct {
	// File is set when the compose file does not load; Line is where, 0 when
	// the loader did not say.
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// The kinds of line.
const (
	KindProgress  = ""
	KindConfig    = "config"
	KindResources = "resources"
	KindDone      = "done"
	KindError     = "error"
)
