package details

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"berth/gui/i18n"
)

// jnode is one value of a JSON document, in the document's order.
type jnode struct {
	id       string // the node's path: "$", "$.State", "$.Config.Env[0]" (the tree's UID)
	key      string // "State", "[0]"; "" for the root
	kind     byte   // '{', '[', or 's' string, 'n' number, 'b' bool, 'z' null
	value    string // a scalar as JSON writes it (strings quoted)
	children []string
	line     int    // the node's first line in the text
	parent   string // "" for the root
}

// jtree is a JSON document as a tree, with its text, indented as
// `docker inspect` prints it, one node per line start.
type jtree struct {
	nodes map[string]*jnode
	order []string // every node, in document order
	lines []string
	owner []string // the node each line belongs to
}

// parseJSON reads a document keeping the order of its keys (a map would
// lose it, and `docker inspect`'s order is the one users know).
func parseJSON(raw []byte) (*jtree, error) {
	t := &jtree{nodes: map[string]*jnode{}}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := t.value(dec, "$", "", ""); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New(i18n.T("details.json.trailing"))
	}
	return t, nil
}

func (t *jtree) value(dec *json.Decoder, id, key, parent string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	n := &jnode{id: id, key: key, parent: parent}
	t.nodes[id] = n
	t.order = append(t.order, id)
	switch v := tok.(type) {
	case json.Delim:
		n.kind = byte(v)
		for i := 0; dec.More(); i++ {
			var cid, ckey string
			if v == '{' {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				ckey = k.(string)
				cid = id + "." + ckey
			} else {
				ckey = "[" + strconv.Itoa(i) + "]"
				cid = id + ckey
			}
			if _, dup := t.nodes[cid]; dup {
				cid += "#" + strconv.Itoa(i)
			}
			n.children = append(n.children, cid)
			if err := t.value(dec, cid, ckey, id); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return err
		}
	case string:
		n.kind, n.value = 's', strconv.Quote(v)
	case json.Number:
		n.kind, n.value = 'n', v.String()
	case bool:
		n.kind, n.value = 'b', strconv.FormatBool(v)
	case nil:
		n.kind, n.value = 'z', i18n.Code("null")
	}
	return nil
}

// branch reports whether the node holds others (an object or an array).
func (n *jnode) branch() bool { return n.kind == '{' || n.kind == '[' }

// summary is how a closed branch reads: {3 keys}, [2 items].
func (n *jnode) summary() string {
	switch n.kind {
	case '{':
		return "{" + i18n.N("details.json.keys", len(n.children)) + "}"
	case '[':
		return "[" + i18n.N("details.json.items", len(n.children)) + "]"
	}
	return n.value
}

// render writes the text of the tree (shown says how a scalar reads:
// masked or not), and records each node's first line.
func (t *jtree) render(shown func(*jnode) string) {
	t.lines, t.owner = t.lines[:0], t.owner[:0]
	var b strings.Builder
	var walk func(id string, depth int, last bool)
	walk = func(id string, depth int, last bool) {
		n := t.nodes[id]
		b.Reset()
		b.WriteString(strings.Repeat("    ", depth))
		if parent := t.parentKind(id); parent == '{' {
			b.WriteString(strconv.Quote(n.key))
			b.WriteString(": ")
		}
		comma := ","
		if last {
			comma = ""
		}
		n.line = len(t.lines)
		if !n.branch() {
			b.WriteString(shown(n))
			b.WriteString(comma)
			t.add(b.String(), id)
			return
		}
		open, closing := "{", "}"
		if n.kind == '[' {
			open, closing = "[", "]"
		}
		if len(n.children) == 0 {
			t.add(b.String()+open+closing+comma, id)
			return
		}
		t.add(b.String()+open, id)
		for i, c := range n.children {
			walk(c, depth+1, i == len(n.children)-1)
		}
		t.add(strings.Repeat("    ", depth)+closing+comma, id)
	}
	walk("$", 0, true)
}

func (t *jtree) add(line, id string) {
	t.lines = append(t.lines, line)
	t.owner = append(t.owner, id)
}

// parentKind is the kind of the node's parent, 0 for the root.
func (t *jtree) parentKind(id string) byte {
	if p := t.parent(id); p != "" {
		return t.nodes[p].kind
	}
	return 0
}

// parent is the parent's ID, "" for the root.
func (t *jtree) parent(id string) string { return t.nodes[id].parent }

// text is the node's subtree as indented JSON (a scalar: its value, a
// string unquoted), for "Copy value".
func (t *jtree) text(id string, shown func(*jnode) string) string {
	n := t.nodes[id]
	if !n.branch() {
		s := shown(n)
		if n.kind == 's' {
			if u, err := strconv.Unquote(s); err == nil {
				return u
			}
		}
		return s
	}
	sub := &jtree{nodes: map[string]*jnode{}}
	var copyNode func(id string)
	copyNode = func(id string) {
		sub.nodes[id] = t.nodes[id]
		for _, c := range t.nodes[id].children {
			copyNode(c)
		}
	}
	copyNode(id)
	// Render the subtree as a root of its own.
	saved := *n
	root := *n
	root.id, root.key = "$", ""
	sub.nodes["$"] = &root
	sub.renderRooted(shown)
	*n = saved
	return strings.Join(sub.lines, "\n")
}

// renderRooted renders a subtree whose root was copied to "$" (its
// children keep their IDs).
func (t *jtree) renderRooted(shown func(*jnode) string) {
	var walk func(n *jnode, depth int, last bool, inObject bool)
	walk = func(n *jnode, depth int, last bool, inObject bool) {
		var b strings.Builder
		b.WriteString(strings.Repeat("    ", depth))
		if inObject {
			b.WriteString(strconv.Quote(n.key) + ": ")
		}
		comma := ","
		if last {
			comma = ""
		}
		if !n.branch() {
			t.lines = append(t.lines, b.String()+shown(n)+comma)
			return
		}
		open, closing := "{", "}"
		if n.kind == '[' {
			open, closing = "[", "]"
		}
		if len(n.children) == 0 {
			t.lines = append(t.lines, b.String()+open+closing+comma)
			return
		}
		t.lines = append(t.lines, b.String()+open)
		for i, c := range n.children {
			walk(t.nodes[c], depth+1, i == len(n.children)-1, n.kind == '{')
		}
		t.lines = append(t.lines, strings.Repeat("    ", depth)+closing+comma)
	}
	walk(t.nodes["$"], 0, true, false)
}
