package logs

import "berth/engine"

// text is the lines a logs window keeps, at most maxLines, older ones
// dropping off the top. Their characters share one buffer instead of a
// string (and a time.Time) per line: a window of 20,000 lines is a few
// allocations, and a line becomes a string only while it is drawn.
type text struct {
	buf   []byte
	lines []lineRef
}

// lineRef is a line's place in the buffer and what else it says.
type lineRef struct {
	start, end int
	at         int64 // Unix nanoseconds; 0 for none
	stderr     bool
}

func (t *text) len() int { return len(t.lines) }

// line is the text of line i, its time (0 for none) and whether it came
// from stderr.
func (t *text) line(i int) (s string, at int64, stderr bool) {
	r := t.lines[i]
	return string(t.buf[r.start:r.end]), r.at, r.stderr
}

// add appends batch and drops what is over maxLines from the top.
func (t *text) add(batch []engine.LogLine) {
	for _, l := range batch {
		r := lineRef{start: len(t.buf), stderr: l.Stderr}
		if !l.Time.IsZero() {
			r.at = l.Time.UnixNano()
		}
		t.buf = append(t.buf, l.Text...)
		r.end = len(t.buf)
		t.lines = append(t.lines, r)
	}
	if n := len(t.lines) - maxLines; n > 0 {
		t.lines = t.lines[n:]
	}
	// Once the dropped lines take as much room as the kept ones, move the
	// kept ones to buffers of their own so the old ones can be freed.
	if len(t.lines) == 0 {
		return
	}
	if gone := t.lines[0].start; gone > 0 && gone >= len(t.buf)-gone {
		buf := make([]byte, len(t.buf)-gone, 2*(len(t.buf)-gone))
		copy(buf, t.buf[gone:])
		lines := make([]lineRef, len(t.lines), maxLines)
		for i, r := range t.lines {
			lines[i] = lineRef{start: r.start - gone, end: r.end - gone, at: r.at, stderr: r.stderr}
		}
		t.buf, t.lines = buf, lines
	}
}
