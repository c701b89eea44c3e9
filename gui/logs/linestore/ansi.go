package linestore

// ANSI escapes: CSI sequences (ESC [ ... final byte), of which SGR
// (final 'm') sets colours and weight; OSC sequences (ESC ] ... BEL or
// ESC \); and two-byte escapes. Everything else shows as text. A carriage
// return inside a line is dropped (what a terminal would overwrite is
// kept: a log reader wants all of it).

// Color is a text colour: 0 is the default, else 0xff000000 | RGB.
type Color uint32

// RGB is c's red, green and blue.
func (c Color) RGB() (r, g, b uint8) { return uint8(c >> 16), uint8(c >> 8), uint8(c) }

func rgb(r, g, b uint8) Color { return 0xff000000 | Color(r)<<16 | Color(g)<<8 | Color(b) }

// Style is how a run of text looks.
type Style struct {
	FG, BG Color
	Bold   bool
	Faint  bool
	Italic bool
	Under  bool
}

// Span is a run of plain text (byte offsets into Strip's result) in one style.
type Span struct {
	Start, End int
	Style      Style
}

// Strip appends src without its escapes (and carriage returns) to dst.
func Strip(dst, src []byte) []byte {
	parse(src, func(text []byte) { dst = append(dst, text...) }, nil)
	return dst
}

// Spans are the styled runs of src's plain text; runs in the default
// style are left out.
func Spans(src []byte) []Span {
	var spans []Span
	var st Style
	pos := 0
	parse(src, func(text []byte) {
		if st != (Style{}) {
			if n := len(spans); n > 0 && spans[n-1].End == pos && spans[n-1].Style == st {
				spans[n-1].End += len(text)
			} else {
				spans = append(spans, Span{Start: pos, End: pos + len(text), Style: st})
			}
		}
		pos += len(text)
	}, func(params []byte) { st = sgr(st, params) })
	return spans
}

// parse calls text with each run of plain text and onSGR with the
// parameters of each SGR sequence.
func parse(src []byte, text func([]byte), onSGR func([]byte)) {
	start := 0
	i := 0
	for i < len(src) {
		c := src[i]
		if c != 0x1b && c != '\r' {
			i++
			continue
		}
		if i > start {
			text(src[start:i])
		}
		if c == '\r' {
			i++
			start = i
			continue
		}
		// ESC
		if i+1 >= len(src) {
			i++
			start = i
			continue
		}
		switch src[i+1] {
		case '[':
			j := i + 2
			for j < len(src) && (src[j] < 0x40 || src[j] > 0x7e) {
				j++
			}
			if j < len(src) {
				if src[j] == 'm' && onSGR != nil {
					onSGR(src[i+2 : j])
				}
				j++
			}
			i = j
		case ']':
			j := i + 2
			for j < len(src) {
				if src[j] == 0x07 {
					j++
					break
				}
				if src[j] == 0x1b && j+1 < len(src) && src[j+1] == '\\' {
					j += 2
					break
				}
				j++
			}
			i = j
		default: // ESC, intermediates (0x20-0x2f), a final byte
			j := i + 1
			for j < len(src) && src[j] >= 0x20 && src[j] <= 0x2f {
				j++
			}
			i = min(j+1, len(src))
		}
		start = i
	}
	if start < len(src) {
		text(src[start:])
	}
}

// The 16 colours of the xterm palette.
var palette16 = [16]Color{
	rgb(0, 0, 0), rgb(205, 49, 49), rgb(13, 188, 121), rgb(229, 229, 16),
	rgb(36, 114, 200), rgb(188, 63, 188), rgb(17, 168, 205), rgb(229, 229, 229),
	rgb(102, 102, 102), rgb(241, 76, 76), rgb(35, 209, 139), rgb(245, 245, 67),
	rgb(59, 142, 234), rgb(214, 112, 214), rgb(41, 184, 219), rgb(255, 255, 255),
}

// Palette is colour n of the 256-colour palette.
func Palette(n int) Color {
	switch {
	case n < 0 || n > 255:
		return 0
	case n < 16:
		return palette16[n]
	case n < 232:
		n -= 16
		lv := func(v int) uint8 {
			if v == 0 {
				return 0
			}
			return uint8(55 + 40*v)
		}
		return rgb(lv(n/36), lv(n/6%6), lv(n%6))
	default:
		v := uint8(8 + 10*(n-232))
		return rgb(v, v, v)
	}
}

// sgr applies an SGR sequence's parameters ("1;31", "38;5;208") to st.
func sgr(st Style, params []byte) Style {
	var ps [16]int
	n := 0
	cur, have := 0, false
	for _, c := range params {
		switch {
		case c >= '0' && c <= '9':
			if cur < 100000 {
				cur = cur*10 + int(c-'0')
			}
			have = true
		case c == ';' || c == ':':
			if n < len(ps) {
				ps[n] = cur
				n++
			}
			cur, have = 0, false
		default:
			return st // not a plain SGR
		}
	}
	if have || n == 0 || params[len(params)-1] == ';' {
		if n < len(ps) {
			ps[n] = cur
			n++
		}
	}
	for i := 0; i < n; i++ {
		p := ps[i]
		switch {
		case p == 0:
			st = Style{}
		case p == 1:
			st.Bold = true
		case p == 2:
			st.Faint = true
		case p == 3:
			st.Italic = true
		case p == 4:
			st.Under = true
		case p == 22:
			st.Bold, st.Faint = false, false
		case p == 23:
			st.Italic = false
		case p == 24:
			st.Under = false
		case p >= 30 && p <= 37:
			st.FG = palette16[p-30]
		case p == 39:
			st.FG = 0
		case p >= 40 && p <= 47:
			st.BG = palette16[p-40]
		case p == 49:
			st.BG = 0
		case p >= 90 && p <= 97:
			st.FG = palette16[p-90+8]
		case p >= 100 && p <= 107:
			st.BG = palette16[p-100+8]
		case p == 38 || p == 48:
			var c Color
			if i+2 < n && ps[i+1] == 5 {
				c = Palette(ps[i+2])
				i += 2
			} else if i+4 < n && ps[i+1] == 2 {
				c = rgb(uint8(ps[i+2]), uint8(ps[i+3]), uint8(ps[i+4]))
				i += 4
			} else {
				i = n
				continue
			}
			if p == 38 {
				st.FG = c
			} else {
				st.BG = c
			}
		}
	}
	return st
}
