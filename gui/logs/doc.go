package logs

import (
	"sort"

	"berth/gui/logs/linestore"
)

// doc is what the list shows, as rows: the parts of the log one after the
// other (the history, and while it loads the last screenful the engine
// sent first and the lines followed since, with a gap row between), each filtered (matching lines and
// their context, the containers switched on) and wrapped (a line longer
// than the row is cut into pieces, one row each). UI goroutine only; no
// Fyne.
type doc struct {
	parts   []*part
	filter  bool
	context int
	hidden  map[uint16]bool // sources switched off
	cols    int             // wrap at this many bytes; 0: no wrap
}

type part struct {
	st  *linestore.Store
	n   int    // lines of st shown (up to the last sync)
	gap string // a gap row instead of a store

	hits     []int32 // lines of st that match the search, in order
	searched int     // lines searched so far

	vis   []int32 // the visible lines when some are hidden; nil: all n
	all   bool    // vis is nil: every line shows
	long  []longRef
	longK int // visible lines looked at for long
	rows  int
}

// longRef is a visible line that takes more than one row.
type longRef struct {
	k      int32 // its visible index
	before int32 // extra rows of the long lines before it
	pieces int32
}

// spot is what a row shows: line of part p (or p's gap), piece of it.
type spot struct {
	p     *part
	line  int
	piece int
	gap   bool
}

func (d *doc) rows() int {
	n := 0
	for _, p := range d.parts {
		n += p.rows
	}
	return n
}

// at is what row r shows.
func (d *doc) at(r int) (spot, bool) {
	for _, p := range d.parts {
		if r >= p.rows {
			r -= p.rows
			continue
		}
		if p.st == nil {
			return spot{p: p, gap: true}, true
		}
		k, piece := p.locate(r)
		line := k
		if !p.all {
			line = int(p.vis[k])
		}
		return spot{p: p, line: line, piece: piece}, true
	}
	return spot{}, false
}

// locate maps a row of the part to a visible index and piece.
func (p *part) locate(r int) (k, piece int) {
	i := sort.Search(len(p.long), func(i int) bool { return int(p.long[i].k+p.long[i].before) > r }) - 1
	if i < 0 {
		return r, 0
	}
	e := p.long[i]
	start := int(e.k + e.before)
	if r < start+int(e.pieces) {
		return int(e.k), r - start
	}
	return r - int(e.before+e.pieces-1), 0
}

// rowOf is the first row of line (of part q), or the row of the nearest
// visible line after it.
func (d *doc) rowOf(q *part, line int) int {
	r := 0
	for _, p := range d.parts {
		if p != q {
			r += p.rows
			continue
		}
		k := line
		if !p.all {
			k = sort.Search(len(p.vis), func(i int) bool { return int(p.vis[i]) >= line })
		}
		i := sort.Search(len(p.long), func(i int) bool { return int(p.long[i].k) >= k })
		extra := 0
		if i > 0 {
			e := p.long[i-1]
			extra = int(e.before + e.pieces - 1)
		}
		return r + k + extra
	}
	return r
}

func (d *doc) visCount(p *part) int {
	if p.st == nil {
		return 1
	}
	if p.all {
		return p.n
	}
	return len(p.vis)
}

// rebuild works out a part's visible lines and rows from scratch.
func (d *doc) rebuild(p *part) {
	p.long, p.longK = nil, 0
	if p.st == nil {
		p.rows = 1
		return
	}
	p.vis, p.all = nil, !d.filter && len(d.hidden) == 0
	if !p.all {
		var keep []int32
		if d.filter {
			keep = linestore.Context(p.hits, d.context, p.n)
		}
		if len(d.hidden) > 0 {
			if d.filter {
				out := keep[:0:0]
				for _, l := range keep {
					if !d.hidden[p.st.Info(int(l)).Source] {
						out = append(out, l)
					}
				}
				keep = out
			} else {
				p.st.Each(0, p.n, func(i int, in linestore.Info, _ int) {
					if !d.hidden[in.Source] {
						keep = append(keep, int32(i))
					}
				})
			}
		}
		p.vis = keep
	}
	d.grow(p)
}

// grow takes in the lines added to p since (p.n went up): with every line
// visible it only looks at the new lines' lengths.
func (d *doc) grow(p *part) {
	if p.st == nil {
		return
	}
	n := d.visCount(p)
	if d.cols > 0 && p.longK < n {
		var extra int32
		if m := len(p.long); m > 0 {
			extra = p.long[m-1].before + p.long[m-1].pieces - 1
		}
		add := func(k, length int) {
			if length > d.cols {
				pieces := int32((length + d.cols - 1) / d.cols)
				p.long = append(p.long, longRef{k: int32(k), before: extra, pieces: pieces})
				extra += pieces - 1
			}
		}
		if p.all {
			p.st.Each(p.longK, n, func(i int, _ linestore.Info, length int) { add(i, length) })
		} else {
			for k := p.longK; k < n; k++ {
				add(k, p.st.TextLen(int(p.vis[k])))
			}
		}
	}
	p.longK = n
	p.rows = n
	if m := len(p.long); m > 0 {
		p.rows += int(p.long[m-1].before + p.long[m-1].pieces - 1)
	}
}

// sync takes in what the stores hold now. It reports whether rows came.
func (d *doc) sync() bool {
	grew := false
	for _, p := range d.parts {
		if p.st == nil {
			continue
		}
		n := p.st.Len()
		if n == p.n {
			continue
		}
		old := p.n
		p.n = n
		grew = true
		switch {
		case p.all:
		case d.filter:
			if d.context > 0 {
				d.rebuild(p) // context after the last hits
				continue
			}
		default: // some sources hidden
			p.st.Each(old, n, func(i int, in linestore.Info, _ int) {
				if !d.hidden[in.Source] {
					p.vis = append(p.vis, int32(i))
				}
			})
		}
		d.grow(p)
	}
	return grew
}

// rebuildAll rebuilds every part (the filter, context, sources or wrap changed).
func (d *doc) rebuildAll() {
	for _, p := range d.parts {
		d.rebuild(p)
	}
}

// hitCount is the number of matching lines of sources that show.
func (d *doc) hitCount() int {
	n := 0
	for _, p := range d.parts {
		n += len(p.hits)
	}
	return n
}
