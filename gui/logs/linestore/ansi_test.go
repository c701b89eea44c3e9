package linestore

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

func TestStripAndSpans(t *testing.T) {
	for _, c := range []struct {
		in, plain string
		spans     []Span
	}{
		{"plain", "plain", nil},
		{"\x1b[31mred\x1b[0m normal", "red normal", []Span{{0, 3, Style{FG: palette16[1]}}}},
		{"\x1b[1;38;5;208mO\x1b[22mX\x1b[m", "OX", []Span{{0, 1, Style{FG: Palette(208), Bold: true}}, {1, 2, Style{FG: Palette(208)}}}},
		{"\x1b[38;2;1;2;3;48;5;4mT", "T", []Span{{0, 1, Style{FG: rgb(1, 2, 3), BG: palette16[4]}}}},
		{"a\x1b]0;title\x07b\x1b]8;;http://x\x1b\\c", "abc", nil},
		{"progress 10%\rprogress 99%", "progress 10%progress 99%", nil},
		{"\x1b[2Kcleared\x1b[", "cleared", nil},
		{"\x1b[93mA\x1b[39mB", "AB", []Span{{0, 1, Style{FG: palette16[11]}}}},
		{"\x1b(Bx", "x", nil},
	} {
		if got := string(Strip(nil, []byte(c.in))); got != c.plain {
			t.Errorf("Strip(%q) = %q, want %q", c.in, got, c.plain)
		}
		got := Spans([]byte(c.in))
		if len(got) != len(c.spans) {
			t.Errorf("Spans(%q) = %+v, want %+v", c.in, got, c.spans)
			continue
		}
		for i := range got {
			if got[i] != c.spans[i] {
				t.Errorf("Spans(%q)[%d] = %+v, want %+v", c.in, i, got[i], c.spans[i])
			}
		}
	}
}

func FuzzANSI(f *testing.F) {
	for _, s := range []string{"\x1b[31mred\x1b[0m", "\x1b[38;5;300m", "\x1b[38;2;999;1m", "\x1b]0;t", "\x1b", "\r\x1b[;;;m", "é\x1b[1m"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		plain := Strip(nil, in)
		if bytes.IndexByte(plain, 0x1b) >= 0 && bytes.Count(in, []byte{0x1b}) == 0 {
			t.Fatal("escape made up")
		}
		if bytes.IndexByte(plain, '\r') >= 0 {
			t.Fatal("carriage return kept")
		}
		if len(plain) > len(in) {
			t.Fatal("plain text longer than the input")
		}
		prev := 0
		for _, s := range Spans(in) {
			if s.Start < prev || s.End <= s.Start || s.End > len(plain) {
				t.Fatalf("span %+v out of order or range (plain %d bytes)", s, len(plain))
			}
			prev = s.End
		}
		if utf8.Valid(in) && bytes.IndexByte(in, 0x1b) < 0 && !utf8.Valid(plain) {
			t.Fatal("valid text made invalid")
		}
	})
}
