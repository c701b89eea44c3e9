package linestore

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// Query is what the user typed into the search field.
type Query struct {
	Pattern string
	Regexp  bool
	Case    bool // match case
}

// Matcher finds a query in text. Make one with Compile.
type Matcher struct {
	lit   []byte // literal (lower-cased when !Case and ASCII)
	fold  bool   // lower-case the text before looking for lit
	re    *regexp.Regexp
	block *regexp.Regexp // re with (?m), for whole blocks of lines
	// key is a literal every match of re holds (lower-cased when fold),
	// others the rest: a search looks for key, then runs re on the lines
	// that hold it, which is much faster than re over all the text.
	key    []byte
	others [][]byte
	// perLine: the expression anchors to the text's ends (\A, \z), which
	// in a block of lines are not the lines' ends: run it line by line.
	perLine bool
}

// ErrEmpty is the error of an empty pattern.
var ErrEmpty = errors.New("nothing to look for")

// ErrLineBreak is the error of a pattern with a line break (a line has none).
var ErrLineBreak = errors.New("a line has no line breaks")

// PatternError is a regular expression Go's regexp does not take; Why is
// regexp's words ("missing closing ): `(a`"), which the view shows.
type PatternError struct{ Why string }

func (e *PatternError) Error() string { return e.Why }

// Compile makes q's matcher, or says what is wrong with the pattern (an
// error of regexp's words, "missing closing )").
func Compile(q Query) (*Matcher, error) {
	if q.Pattern == "" {
		return nil, ErrEmpty
	}
	if strings.ContainsAny(q.Pattern, "\n") {
		return nil, ErrLineBreak
	}
	if !q.Regexp {
		if q.Case {
			return &Matcher{lit: []byte(q.Pattern)}, nil
		}
		if isASCII(q.Pattern) {
			return &Matcher{lit: []byte(strings.ToLower(q.Pattern)), fold: true}, nil
		}
		q.Pattern, q.Regexp = regexp.QuoteMeta(q.Pattern), true
	}
	flags := ""
	if !q.Case {
		flags = "(?i)"
	}
	re, err := regexp.Compile(flags + q.Pattern)
	if err != nil {
		if _, own := regexp.Compile(q.Pattern); own != nil {
			err = own // regexp's words about what the user typed, without Berth's (?i)
		}
		return nil, &PatternError{Why: strings.TrimPrefix(err.Error(), "error parsing regexp: ")}
	}
	block, err := regexp.Compile("(?m)" + flags + q.Pattern)
	if err != nil {
		return nil, err
	}
	m := &Matcher{re: re, block: block}
	if tree, err := syntax.Parse(flags+q.Pattern, syntax.Perl); err == nil {
		m.perLine = anchorsText(tree)
		lits := required(tree.Simplify())
		for _, l := range lits {
			if len(l) > len(m.key) {
				m.key = l
			}
		}
		for _, l := range lits {
			if &l[0] != &m.key[0] {
				m.others = append(m.others, l)
			}
		}
		if len(m.key) < 2 {
			m.key, m.others = nil, nil
		} else if !q.Case {
			m.fold = true
		}
	}
	return m, nil
}

// anchorsText reports whether re uses \A or \z.
func anchorsText(re *syntax.Regexp) bool {
	if re.Op == syntax.OpBeginText || re.Op == syntax.OpEndText {
		return true
	}
	for _, sub := range re.Sub {
		if anchorsText(sub) {
			return true
		}
	}
	return false
}

// required are literals every match of re holds (lower-cased if re folds
// case; none for a case-folded literal that is not ASCII).
func required(re *syntax.Regexp) [][]byte {
	switch re.Op {
	case syntax.OpLiteral:
		s := string(re.Rune)
		if re.Flags&syntax.FoldCase != 0 {
			if !isASCII(s) {
				return nil
			}
			s = strings.ToLower(s)
		}
		return [][]byte{[]byte(s)}
	case syntax.OpConcat:
		var out [][]byte
		for _, sub := range re.Sub {
			out = append(out, required(sub)...)
		}
		return out
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	}
	return nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// FindAll is where m matches in line (non-overlapping, at most max).
func (m *Matcher) FindAll(line []byte, max int) [][2]int {
	var out [][2]int
	if m.re != nil {
		for _, loc := range m.re.FindAllIndex(line, max) {
			if loc[1] > loc[0] {
				out = append(out, [2]int{loc[0], loc[1]})
			}
		}
		return out
	}
	text := line
	if m.fold {
		text = lowerASCII(nil, line)
	}
	for pos := 0; len(out) < max; {
		i := bytes.Index(text[pos:], m.lit)
		if i < 0 {
			break
		}
		out = append(out, [2]int{pos + i, pos + i + len(m.lit)})
		pos += i + len(m.lit)
	}
	return out
}

// Match reports whether m matches somewhere in line.
func (m *Matcher) Match(line []byte) bool {
	if m.re != nil {
		return m.re.Match(line)
	}
	if m.fold {
		return bytes.Contains(lowerASCII(nil, line), m.lit)
	}
	return bytes.Contains(line, m.lit)
}

// lowerASCII appends src with A-Z lower-cased to dst[:0], eight bytes at
// a time (bytes of 0x80 and over are left as they are).
func lowerASCII(dst, src []byte) []byte {
	n := len(src)
	if cap(dst) < n {
		dst = make([]byte, n, n+n/4)
	}
	dst = dst[:n]
	const hi = 0x8080808080808080
	i := 0
	for ; i+8 <= n; i += 8 {
		w := binary.LittleEndian.Uint64(src[i:])
		h := w &^ hi
		a := h + 0x3f3f3f3f3f3f3f3f // high bit: byte >= 'A'
		z := h + 0x2525252525252525 // high bit: byte > 'Z'
		mask := (a ^ z) &^ w & hi
		binary.LittleEndian.PutUint64(dst[i:], w|mask>>2)
	}
	for ; i < n; i++ {
		c := src[i]
		if c-'A' < 26 {
			c += 'a' - 'A'
		}
		dst[i] = c
	}
	return dst
}

// blockSize is how much text a search reads at once from the file.
const blockSize = 4 << 20

// Search calls hit with each line in [from, to) that m matches, in order.
// It reads the store without holding its lock (what it reads never
// changes), and stops with ctx.Err() when ctx ends.
func (s *Store) Search(ctx context.Context, m *Matcher, from, to int, hit func(line int)) error {
	sn := s.snap()
	to = min(to, sn.n)
	var buf, low []byte
	for a := from; a < to; {
		if err := ctx.Err(); err != nil {
			return err
		}
		// A block: lines [a, b) whose text is contiguous in one piece.
		base := sn.start(a)
		var block []byte
		var b int
		if base >= sn.text.spilled {
			c := sn.text.chunkAt(base)
			end := c.base + int64(len(c.b))
			b = sn.lineAtOrAfter(a, to, end)
			block = c.b[base-c.base : sn.start(b)-c.base]
		} else {
			end := min(base+blockSize, sn.text.spilled)
			b = sn.lineAtOrAfter(a, to, end)
			if b == a {
				b = a + 1 // one line longer than a block
			}
			var err error
			buf, err = sn.text.read(buf[:0], base, int(sn.start(b)-base))
			if err != nil {
				return err
			}
			block = buf
		}
		text := block
		if m.fold {
			low = lowerASCII(low, block)
			text = low
		}
		m.scan(&sn, text, block, base, a, b, hit)
		a = b
	}
	return nil
}

// lineAtOrAfter is the first line in (a, to] that starts at or after end,
// or to.
func (sn *snapshot) lineAtOrAfter(a, to int, end int64) int {
	lo, hi := a+1, to
	for lo < hi {
		m := (lo + hi) / 2
		if sn.start(m) >= end {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// scan finds the matching lines of one block: lines [a, b), whose text
// (each line ending with '\n') starts at offset base.
func (m *Matcher) scan(sn *snapshot, text, orig []byte, base int64, a, b int, hit func(int)) {
	line := a
	pos := 0
	// next moves line to the line holding text position p.
	lineOf := func(p int) {
		for line+1 < b && int(sn.start(line+1)-base) <= p {
			line++
		}
	}
	if m.perLine {
		for ; line < b; line++ {
			start, lineEnd := int(sn.start(line)-base), int(sn.start(line+1)-base)-1
			if m.re.Match(orig[start:lineEnd]) {
				hit(line)
			}
		}
		return
	}
	if m.re != nil && m.key != nil {
		for pos < len(text) && line < b {
			i := bytes.Index(text[pos:], m.key)
			if i < 0 {
				return
			}
			lineOf(pos + i)
			start, lineEnd := int(sn.start(line)-base), int(sn.start(line+1)-base)-1
			l := text[start:lineEnd]
			ok := true
			for _, o := range m.others {
				if !bytes.Contains(l, o) {
					ok = false
					break
				}
			}
			if ok && m.re.Match(orig[start:lineEnd]) {
				hit(line)
			}
			pos = lineEnd + 1
			line++
		}
		return
	}
	for pos < len(text) && line < b {
		var at, end int
		if m.re == nil {
			i := bytes.Index(text[pos:], m.lit)
			if i < 0 {
				return
			}
			at, end = pos+i, pos+i+len(m.lit)
		} else {
			loc := m.block.FindIndex(text[pos:])
			if loc == nil {
				return
			}
			at, end = pos+loc[0], pos+loc[1]
			if at >= len(text) {
				return // an empty match after the last line's end
			}
		}
		lineOf(at)
		lineEnd := int(sn.start(line+1)-base) - 1 // its '\n'
		if m.re != nil && bytes.IndexByte(text[at:end], '\n') >= 0 {
			// The match runs over the line's end: try the line alone.
			if !m.re.Match(text[int(sn.start(line)-base):lineEnd]) {
				pos = lineEnd + 1
				line++
				continue
			}
		}
		hit(line)
		pos = lineEnd + 1
		line++
	}
}

// Context is the lines to show for hits (sorted) with n lines of context
// around each, out of total lines.
func Context(hits []int32, n, total int) []int32 {
	if n <= 0 {
		return hits
	}
	out := make([]int32, 0, len(hits))
	next := int32(0) // first line not yet in out
	for _, h := range hits {
		lo := max(h-int32(n), next)
		hi := min(h+int32(n), int32(total)-1)
		for l := lo; l <= hi; l++ {
			out = append(out, l)
		}
		if hi+1 > next {
			next = hi + 1
		}
	}
	return out
}
