package details

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/gui/i18n"
	"berth/gui/present"
)

// inspectPane is the Inspect tab: the engine's whole JSON as a collapsible
// tree or as text, with search (highlight, next, previous) and copy of a
// value or of the whole. Secret-looking environment values are masked as
// in the Environment tab.
type inspectPane struct {
	v       *View
	doc     *jtree
	tree    *widget.Tree
	grid    *widget.TextGrid
	gridBox *container.Scroll
	asText  *widget.RadioGroup
	search  *widget.Entry
	found   *widget.Label
	prev    *widget.Button
	next    *widget.Button
	copyVal *widget.Button
	stack   *fyne.Container
	content fyne.CanvasObject

	query    string
	matches  []string // node IDs (tree) that match, in document order
	lineHits []int    // lines (text) that match
	at       int      // the current match, -1 for none
	selected string

	visible   bool   // the tab is shown
	pending   []byte // a document to show once the tab is shown
	textStale bool   // the text grid lags the document (it is filled when the text is shown)
}

// viewTree and viewText are the choices of the pane's view, in the
// current language.
func viewTree() string { return i18n.T("details.inspect.tree") }
func viewText() string { return i18n.T("details.inspect.text") }

func newInspectPane(v *View) *inspectPane {
	p := &inspectPane{v: v, at: -1}
	p.tree = &widget.Tree{
		ChildUIDs:  p.childUIDs,
		IsBranch:   p.isBranch,
		CreateNode: p.createNode,
		UpdateNode: p.updateNode,
		OnSelected: func(id widget.TreeNodeID) { p.selected = id; p.copyVal.Enable() },
	}
	p.tree.ExtendBaseWidget(p.tree)
	p.grid = widget.NewTextGrid()
	p.grid.Scroll = fyne.ScrollNone
	p.gridBox = container.NewScroll(p.grid)
	p.asText = widget.NewRadioGroup([]string{viewTree(), viewText()}, p.viewChanged)
	p.asText.Horizontal = true
	p.asText.Required = true
	p.search = &widget.Entry{PlaceHolder: i18n.T("details.inspect.search"), OnChanged: p.searchChanged,
		OnSubmitted: func(string) { p.step(1) }}
	p.search.ExtendBaseWidget(p.search)
	p.found = widget.NewLabel("")
	p.prev = &widget.Button{Icon: theme.MoveUpIcon(), OnTapped: func() { p.step(-1) }}
	p.next = &widget.Button{Icon: theme.MoveDownIcon(), OnTapped: func() { p.step(1) }}
	p.copyVal = &widget.Button{Text: i18n.T("details.inspect.copyValue"), Icon: theme.ContentCopyIcon(), OnTapped: p.copyValue}
	p.copyVal.Disable()
	copyAll := &widget.Button{Text: i18n.T("details.inspect.copyAll"), Icon: theme.ContentCopyIcon(), OnTapped: p.copyAll}
	expand := &widget.Button{Text: i18n.T("details.inspect.expand"), OnTapped: func() { p.tree.OpenAllBranches() }}
	collapse := &widget.Button{Text: i18n.T("details.inspect.collapse"), OnTapped: func() { p.tree.CloseAllBranches(); p.tree.OpenBranch("$") }}
	p.stack = container.NewStack(p.tree, p.gridBox)
	p.gridBox.Hide()
	searchRow := container.NewBorder(nil, nil, nil, container.NewHBox(p.found, p.prev, p.next), p.search)
	tools := container.NewHBox(p.asText, expand, collapse, p.copyVal, copyAll)
	p.content = container.NewBorder(container.NewVBox(tools, searchRow), nil, nil, nil, p.stack)
	p.asText.SetSelected(viewTree())
	p.showFound()
	return p
}

func (p *inspectPane) Content() fyne.CanvasObject { return p.content }

// Shown shows the latest document: the tree and the text are built for
// the eyes only (a big text grid costs the overview's opening otherwise).
func (p *inspectPane) Shown() {
	p.visible = true
	if p.pending != nil {
		raw := p.pending
		p.pending = nil
		p.show(raw)
	}
}

func (p *inspectPane) Hidden() { p.visible = false }
func (p *inspectPane) Close()  {}

// show loads a new document; open branches, the selection and the search stay.
func (p *inspectPane) show(raw []byte) {
	if !p.visible {
		p.pending = raw
		return
	}
	doc, err := parseJSON(raw)
	if err != nil {
		doc, _ = parseJSON([]byte(strconv.Quote(i18n.T("details.inspect.notJSON", "Why", err.Error()))))
	}
	first := p.doc == nil
	p.doc = doc
	p.renderText()
	p.tree.Refresh()
	if first {
		p.tree.OpenBranch("$")
		for _, k := range []string{i18n.Code("$.State"), i18n.Code("$.Config")} {
			if _, ok := doc.nodes[k]; ok {
				p.tree.OpenBranch(k)
			}
		}
	}
	p.searchChanged(p.search.Text)
}

// shownValue is a scalar as the pane shows it: environment values of
// secret-looking names masked unless revealed.
func (p *inspectPane) shownValue(n *jnode) string {
	if n.kind == 's' && strings.HasPrefix(n.id, "$.Config.Env[") {
		kv, err := strconv.Unquote(n.value)
		if err == nil {
			k, _, _ := strings.Cut(kv, "=")
			if !p.v.env.isRevealed(k) {
				return strconv.Quote(present.MaskEnv(kv))
			}
		}
	}
	return n.value
}

func (p *inspectPane) secretsChanged() {
	if p.doc == nil {
		return
	}
	p.renderText()
	p.tree.Refresh()
	p.searchChanged(p.search.Text)
}

func (p *inspectPane) renderText() {
	p.doc.render(p.shownValue)
	p.textStale = true
	p.fillGrid()
}

// fillGrid puts the text in the grid when the text is shown.
func (p *inspectPane) fillGrid() {
	if p.textStale && p.textMode() {
		p.textStale = false
		p.grid.SetText(strings.Join(p.doc.lines, "\n"))
	}
}

func (p *inspectPane) childUIDs(id widget.TreeNodeID) []widget.TreeNodeID {
	if p.doc == nil {
		return nil
	}
	if id == "" {
		return []string{"$"}
	}
	if n := p.doc.nodes[id]; n != nil {
		return n.children
	}
	return nil
}

func (p *inspectPane) isBranch(id widget.TreeNodeID) bool {
	if id == "" {
		return true
	}
	if p.doc == nil {
		return false
	}
	n := p.doc.nodes[id]
	return n != nil && n.branch()
}

func (p *inspectPane) createNode(bool) fyne.CanvasObject {
	key := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	val := &widget.Label{Truncation: fyne.TextTruncateEllipsis, TextStyle: fyne.TextStyle{Monospace: true}}
	return container.NewBorder(nil, nil, key, nil, val)
}

func (p *inspectPane) updateNode(id widget.TreeNodeID, branch bool, o fyne.CanvasObject) {
	if p.doc == nil {
		return
	}
	n := p.doc.nodes[id]
	if n == nil {
		return
	}
	objs := o.(*fyne.Container).Objects
	val, key := objs[0].(*widget.Label), objs[1].(*widget.Label)
	k := n.key
	if id == "$" {
		k = i18n.Code("inspect")
	}
	v := ""
	if branch {
		if !p.tree.IsBranchOpen(id) {
			v = n.summary()
		}
	} else {
		v = p.shownValue(n)
	}
	imp := widget.MediumImportance
	if p.query != "" && p.matchNode(n) {
		imp = widget.WarningImportance
		if p.at >= 0 && p.at < len(p.matches) && p.matches[p.at] == id {
			imp = widget.HighImportance
		}
	}
	key.Importance, val.Importance = imp, imp
	key.SetText(k + ":")
	val.SetText(v)
}

// matchNode reports whether the query is in the node's key or shown value.
func (p *inspectPane) matchNode(n *jnode) bool {
	if strings.Contains(strings.ToLower(n.key), p.query) {
		return true
	}
	return !n.branch() && strings.Contains(strings.ToLower(p.shownValue(n)), p.query)
}

func (p *inspectPane) searchChanged(q string) {
	p.query = strings.ToLower(strings.TrimSpace(q))
	p.matches, p.lineHits, p.at = p.matches[:0], p.lineHits[:0], -1
	if p.doc != nil && p.query != "" {
		for _, id := range p.doc.order {
			if id != "$" && p.matchNode(p.doc.nodes[id]) {
				p.matches = append(p.matches, id)
			}
		}
		for i, l := range p.doc.lines {
			if strings.Contains(strings.ToLower(l), p.query) {
				p.lineHits = append(p.lineHits, i)
			}
		}
	}
	if p.hits() > 0 {
		p.at = 0
	}
	p.highlight()
	p.reveal()
}

func (p *inspectPane) textMode() bool { return p.asText.Selected == viewText() }

func (p *inspectPane) hits() int {
	if p.textMode() {
		return len(p.lineHits)
	}
	return len(p.matches)
}

// step moves to the next (+1) or previous (-1) match, round the end.
func (p *inspectPane) step(d int) {
	n := p.hits()
	if n == 0 {
		return
	}
	p.at = ((p.at+d)%n + n) % n
	p.highlight()
	p.reveal()
}

func (p *inspectPane) showFound() {
	n := p.hits()
	switch {
	case p.query == "":
		p.found.SetText("")
	case n == 0:
		p.found.SetText(i18n.T("details.inspect.noMatch"))
	default:
		p.found.SetText(i18n.T("details.inspect.found", "At", p.at+1, "Of", n))
	}
	if n > 1 {
		p.prev.Enable()
		p.next.Enable()
	} else {
		p.prev.Disable()
		p.next.Disable()
	}
}

var (
	hitColor     = color.NRGBA{R: 0xff, G: 0xd5, B: 0x4f, A: 0x70}
	currentColor = color.NRGBA{R: 0xff, G: 0x98, B: 0x00, A: 0xc0}
)

// highlight marks the matches: in the text, their lines; in the tree,
// through updateNode.
func (p *inspectPane) highlight() {
	if p.doc != nil && p.textMode() {
		for i := range p.doc.lines {
			p.grid.SetRowStyle(i, nil)
		}
		for i, l := range p.lineHits {
			c := hitColor
			if p.textMode() && i == p.at {
				c = currentColor
			}
			p.grid.SetRowStyle(l, &widget.CustomTextGridStyle{BGColor: c})
		}
		p.grid.Refresh()
	}
	p.tree.Refresh()
	p.showFound()
}

// reveal scrolls the current match into view (opening its branches).
func (p *inspectPane) reveal() {
	if p.at < 0 || p.doc == nil {
		return
	}
	if p.textMode() {
		line := p.lineHits[p.at]
		rows := len(p.doc.lines)
		if rows == 0 {
			return
		}
		pitch := p.grid.MinSize().Height / float32(rows)
		y := max(0, pitch*float32(line)-p.gridBox.Size().Height/3)
		p.gridBox.ScrollToOffset(fyne.NewPos(0, y))
		return
	}
	id := p.matches[p.at]
	for a := p.doc.parent(id); a != ""; a = p.doc.parent(a) {
		p.tree.OpenBranch(a)
	}
	p.tree.ScrollTo(id)
}

func (p *inspectPane) viewChanged(s string) {
	if p.stack == nil {
		return
	}
	if s == viewText() {
		if p.doc != nil {
			p.fillGrid()
		}
		p.tree.Hide()
		p.gridBox.Show()
	} else {
		p.gridBox.Hide()
		p.tree.Show()
	}
	if p.hits() > 0 {
		p.at = 0
	} else {
		p.at = -1
	}
	p.highlight()
	p.reveal()
}

// copyValue copies the selected node: a scalar's value, a branch's JSON.
func (p *inspectPane) copyValue() {
	if p.doc == nil || p.doc.nodes[p.selected] == nil {
		return
	}
	p.v.h.App().Clipboard().SetContent(p.doc.text(p.selected, p.shownValue))
}

// copyAll copies the whole document as shown (secrets masked unless revealed).
func (p *inspectPane) copyAll() {
	if p.doc != nil {
		p.v.h.App().Clipboard().SetContent(strings.Join(p.doc.lines, "\n"))
	}
}
