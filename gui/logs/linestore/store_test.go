package linestore

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

func fill(t testing.TB, s *Store, n int, text func(i int) string) {
	t.Helper()
	batch := make([]Line, 0, 1000)
	for i := range n {
		batch = append(batch, Line{Text: []byte(text(i)), Stderr: i%3 == 0, Time: time.Unix(int64(i), 0), Source: uint16(i % 5)})
		if len(batch) == cap(batch) || i == n-1 {
			if err := s.Add(batch...); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
}

func sample(i int) string {
	switch {
	case i%7 == 0:
		return fmt.Sprintf("\x1b[31mERROR\x1b[0m request %d failed: timeout after %d ms", i, i%1000)
	case i%50 == 0:
		return fmt.Sprintf("line %d %s", i, strings.Repeat("long ", 400))
	default:
		return fmt.Sprintf("INFO GET /api/items/%d 200 %d bytes\tin 0.%03d s", i, i*7%5000, i%1000)
	}
}

// The store keeps every line right across the arena, the spill file and
// the index, and deletes its files on close.
func TestStoreSpillsAndReads(t *testing.T) {
	dir := t.TempDir()
	s := New(Options{Dir: dir, MemLimit: 2 << 20})
	const n = 60000
	fill(t, s, n, sample)
	if s.Len() != n {
		t.Fatalf("len %d", s.Len())
	}
	files := s.Files()
	if len(files) == 0 {
		t.Fatal("nothing spilled to a file")
	}
	if s.text.mem > 2<<20+chunkSize {
		t.Errorf("%d bytes of text in memory", s.text.mem)
	}
	var buf []byte
	for _, i := range []int{0, 1, 7, 50, 12345, n / 2, n - 2, n - 1} {
		want := sample(i)
		plain := string(Strip(nil, []byte(want)))
		buf, _ = s.Text(buf[:0], i)
		if string(buf) != plain {
			t.Errorf("line %d = %q, want %q", i, buf, plain)
		}
		if s.TextLen(i) != len(plain) {
			t.Errorf("len of line %d = %d", i, s.TextLen(i))
		}
		buf, _ = s.Raw(buf[:0], i)
		if string(buf) != want {
			t.Errorf("raw line %d = %q, want %q", i, buf, want)
		}
		in := s.Info(i)
		if in.Time != time.Unix(int64(i), 0).UnixNano() || (in.Flags&Stderr != 0) != (i%3 == 0) ||
			in.Source != uint16(i%5) || (in.Flags&Styled != 0) != (i%7 == 0) {
			t.Errorf("info of line %d = %+v", i, in)
		}
	}
	buf, _ = s.TextRange(buf[:0], 50, 8, 10)
	if string(buf) != "long long " {
		t.Errorf("range %q", buf)
	}
	s.Close()
	for _, f := range files {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s left behind: %v", f, err)
		}
	}
}

func TestStoreHugeLine(t *testing.T) {
	s := New(Options{Dir: t.TempDir(), MemLimit: 1 << 20})
	defer s.Close()
	big := strings.Repeat("0123456789", 512<<10) // 5 MiB
	s.Add(Line{Text: []byte("before")}, Line{Text: []byte(big)}, Line{Text: []byte("after")})
	fill(t, s, 30000, sample) // the big line goes to the file
	got, _ := s.Text(nil, 1)
	if string(got) != big {
		t.Fatalf("big line: %d bytes", len(got))
	}
	m, _ := Compile(Query{Pattern: "89012"})
	var hits []int
	s.Search(context.Background(), m, 0, 3, func(l int) { hits = append(hits, l) })
	if len(hits) != 1 || hits[0] != 1 {
		t.Errorf("hits %v", hits)
	}
}

// Search agrees with a line-by-line regexp over the same lines, for
// literals and regular expressions, with and without case, across blocks.
func TestSearchAgreesWithLineByLine(t *testing.T) {
	s := New(Options{Dir: t.TempDir(), MemLimit: 1 << 20})
	defer s.Close()
	const n = 40000
	fill(t, s, n, sample)
	for _, q := range []Query{
		{Pattern: "ERROR", Case: true},
		{Pattern: "error"},
		{Pattern: "Error", Case: true},
		{Pattern: "/items/12"},
		{Pattern: `items/\d+5 `, Regexp: true},
		{Pattern: `^line \d+`, Regexp: true},
		{Pattern: `ms$`, Regexp: true},
		{Pattern: `timeout|bytes\tin 0\.00`, Regexp: true},
		{Pattern: `long\s+line`, Regexp: true}, // \s could run over a line's end
		{Pattern: `x*`, Regexp: true},
		{Pattern: `request \d+7 failed`, Regexp: true},
		{Pattern: `REQUEST \d+7 FAILED`, Regexp: true},
		{Pattern: `Error.*Timeout`, Regexp: true},
		{Pattern: "31m"}, // escapes are not text
	} {
		m, err := Compile(q)
		if err != nil {
			t.Fatal(q, err)
		}
		expr := q.Pattern
		if !q.Regexp {
			expr = regexp.QuoteMeta(expr)
		}
		if !q.Case {
			expr = "(?i)" + expr
		}
		re := regexp.MustCompile(expr)
		var want []int
		for i := range n {
			if re.MatchString(string(Strip(nil, []byte(sample(i))))) {
				want = append(want, i)
			}
		}
		var got []int
		if err := s.Search(context.Background(), m, 0, n, func(l int) { got = append(got, l) }); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%+v: %d hits, want %d", q, len(got), len(want))
		}
	}
}

func TestSearchCancelled(t *testing.T) {
	s := New(Options{Dir: t.TempDir()})
	defer s.Close()
	fill(t, s, 1000, sample)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	m, _ := Compile(Query{Pattern: "a"})
	if err := s.Search(ctx, m, 0, 1000, func(int) {}); err != context.Canceled {
		t.Errorf("err %v", err)
	}
}

func TestCompileErrors(t *testing.T) {
	if _, err := Compile(Query{Pattern: "(a", Regexp: true}); err == nil || !strings.Contains(err.Error(), "missing closing )") {
		t.Errorf("err %v", err)
	}
	if _, err := Compile(Query{}); err != ErrEmpty {
		t.Errorf("empty: %v", err)
	}
	m, err := Compile(Query{Pattern: "(a", Regexp: false})
	if err != nil || !m.Match([]byte("x(A")) {
		t.Errorf("literal (a: %v", err)
	}
	m, _ = Compile(Query{Pattern: "straße"})
	if !m.Match([]byte("STRASSE straße")) || m.Match([]byte("strasse")) {
		t.Error("non-ASCII fold")
	}
	if got := m.FindAll([]byte("a Straße b STRAßE"), 10); len(got) != 2 {
		t.Errorf("find all %v", got)
	}
}

func TestContext(t *testing.T) {
	got := Context([]int32{0, 5, 6, 20}, 2, 22)
	want := "[0 1 2 3 4 5 6 7 8 18 19 20 21]"
	if fmt.Sprint(got) != want {
		t.Errorf("got %v", got)
	}
}

func FuzzCompile(f *testing.F) {
	for _, s := range []string{"abc", "(a", `\d+`, "[", "a**", "(?i)x", "é", "\x00"} {
		f.Add(s, true, false)
	}
	f.Fuzz(func(t *testing.T, p string, isRe, cs bool) {
		m, err := Compile(Query{Pattern: p, Regexp: isRe, Case: cs})
		if err != nil {
			return
		}
		line := []byte("some text " + p + " more")
		if !isRe && !m.Match(line) {
			t.Errorf("literal %q not found in its own line", p)
		}
		m.FindAll(line, 100)
		// The store's block search agrees with the matcher line by line.
		lines := []string{"", string(line), "ERROR x", p, strings.ToUpper(p), "a\tb c"}
		s := New(Options{Dir: t.TempDir()})
		defer s.Close()
		for _, l := range lines {
			s.Add(Line{Text: []byte(l)})
		}
		var got []int
		s.Search(context.Background(), m, 0, len(lines), func(i int) { got = append(got, i) })
		var want []int
		for i := range lines {
			if text, _ := s.Text(nil, i); m.Match(text) {
				want = append(want, i)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q (re %v, case %v): search %v, line by line %v", p, isRe, cs, got, want)
		}
	})
}

func BenchmarkAdd(b *testing.B) {
	lines := make([]Line, 1000)
	for i := range lines {
		lines[i] = Line{Text: []byte(sample(i + 1))}
	}
	for b.Loop() {
		s := New(Options{Dir: b.TempDir()})
		for range 100 {
			s.Add(lines...)
		}
		s.Close()
	}
}

// Raw text comes back right when styled lines are far apart (chunks of
// the raw index left out) and at the very end.
func TestStoreRawSparse(t *testing.T) {
	s := New(Options{Dir: t.TempDir()})
	defer s.Close()
	text := func(i int) string {
		if i == 3 || i == 200000 || i == 200001 || i == 299999 {
			return fmt.Sprintf("\x1b[1mbold %d\x1b[0m", i)
		}
		return fmt.Sprint("plain ", i)
	}
	fill(t, s, 300000, text)
	for _, i := range []int{3, 4, 200000, 200001, 299999} {
		got, _ := s.Raw(nil, i)
		if string(got) != text(i) {
			t.Errorf("raw %d = %q", i, got)
		}
	}
}
