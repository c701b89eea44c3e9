// Package linestore keeps a log's lines in bounded memory: their text in
// an arena whose older part lives in a temporary file, and a compact index
// (12 bytes a line: offset, flags, source, time to the millisecond). A million lines cost the
// index's 16 MB and the arena's memory limit, never a string per line.
// Search and filter run over the whole history held.
//
// A Store is safe for one writer (Add) and many readers at once.
package linestore

import (
	"bytes"
	"errors"
	"math"
	"os"
	"sync"
	"time"
)

// Flags of a line.
const (
	Stderr uint8 = 1 << iota
	Styled       // the line had ANSI escapes: its raw text is kept too
	Marker       // a line of Berth's own (a restart), not the container's
)

// Line is a line to add.
type Line struct {
	Text   []byte // may hold ANSI escapes
	Time   time.Time
	Stderr bool
	Marker bool
	Source uint16 // which container, in a merged log
}

// Info is what the index says of a line.
type Info struct {
	Time   int64 // Unix nanoseconds, to the millisecond; 0 for none
	Flags  uint8
	Source uint16
}

// entry packs a line's text offset (40 bits), flags (8) and source (16).
// Its time is kept apart (timeChunk): 12 bytes a line in all.
type entry uint64

// timeChunk holds the times of a chunk of lines: milliseconds after base,
// plus one (0: no time).
type timeChunk struct {
	base int64 // Unix milliseconds
	dt   []uint32
}

// rawChunk holds the raw offsets of a chunk's styled lines, after base.
type rawChunk struct {
	base int64
	off  []uint32
}

const (
	offBits    = 40
	offMask    = 1<<offBits - 1
	idxChunk   = 1 << 16
	idxChunkSh = 16
)

func (e entry) off() int64     { return int64(e & offMask) }
func (e entry) flags() uint8   { return uint8(e >> offBits) }
func (e entry) source() uint16 { return uint16(e >> (offBits + 8)) }
func pack(off int64, f uint8, src uint16) entry {
	return entry(uint64(off)&offMask | uint64(f)<<offBits | uint64(src)<<(offBits+8))
}

// Options size a store.
type Options struct {
	Dir      string // for the temporary file; "" is os.TempDir
	MemLimit int    // bytes of text kept in memory; 0 is 4 MiB
}

// Store is a log's lines.
type Store struct {
	mu      sync.RWMutex
	idx     [][]entry // chunks of idxChunk entries, each allocated whole
	times   []timeChunk
	over    map[int]int64 // times (ms) that do not fit their chunk
	n       int
	text    arena         // plain text, each line followed by '\n'
	raw     arena         // raw text of styled lines, each followed by '\n'
	rawIdx  []rawChunk    // raw offset of each styled line, chunked like idx; off is nil in a chunk without one
	rawOver map[int]int64 // raw offsets that do not fit their chunk
	err     error         // the first write error, or ErrClosed; the store takes no more lines
	plain   []byte
}

// ErrClosed is what Add returns once the store is closed.
var ErrClosed = errors.New("log store closed")

// New returns an empty store.
func New(o Options) *Store {
	if o.MemLimit <= 0 {
		o.MemLimit = 4 << 20
	}
	if o.Dir == "" {
		o.Dir = os.TempDir()
	}
	return &Store{text: arena{dir: o.Dir, memLimit: o.MemLimit}, raw: arena{dir: o.Dir, memLimit: o.MemLimit / 4}}
}

// Len is the number of lines.
func (s *Store) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.n
}

// Err is the first error writing the temporary file.
func (s *Store) Err() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.err
}

// Add appends lines.
func (s *Store) Add(lines ...Line) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range lines {
		if s.err != nil {
			return s.err
		}
		var f uint8
		if l.Stderr {
			f |= Stderr
		}
		if l.Marker {
			f |= Marker
		}
		text := l.Text
		if bytes.IndexByte(text, 0x1b) >= 0 || bytes.IndexByte(text, '\r') >= 0 {
			s.plain = Strip(s.plain[:0], text)
			if bytes.IndexByte(text, 0x1b) >= 0 {
				f |= Styled
				off, err := s.raw.add(text, true)
				if err != nil {
					s.err = err
					return err
				}
				for len(s.rawIdx) <= s.n>>idxChunkSh {
					s.rawIdx = append(s.rawIdx, rawChunk{})
				}
				c := &s.rawIdx[s.n>>idxChunkSh]
				if c.off == nil {
					c.base, c.off = off, make([]uint32, idxChunk)
				}
				if d := off - c.base; d < math.MaxUint32 {
					c.off[s.n&(idxChunk-1)] = uint32(d)
				} else {
					if s.rawOver == nil {
						s.rawOver = map[int]int64{}
					}
					s.rawOver[s.n] = off
				}
			}
			text = s.plain
		}
		off, err := s.text.add(text, true)
		if err != nil {
			s.err = err
			return err
		}
		if s.n>>idxChunkSh == len(s.idx) {
			s.idx = append(s.idx, make([]entry, idxChunk))
			base := int64(0)
			if !l.Time.IsZero() {
				base = l.Time.UnixMilli()
			}
			s.times = append(s.times, timeChunk{base: base, dt: make([]uint32, idxChunk)})
		}
		s.idx[s.n>>idxChunkSh][s.n&(idxChunk-1)] = pack(off, f, l.Source)
		if !l.Time.IsZero() {
			tc := &s.times[s.n>>idxChunkSh]
			if d := l.Time.UnixMilli() - tc.base; d >= 0 && d < math.MaxUint32-1 {
				tc.dt[s.n&(idxChunk-1)] = uint32(d) + 1
			} else {
				if s.over == nil {
					s.over = map[int]int64{}
				}
				s.over[s.n] = l.Time.UnixMilli()
			}
		}
		s.n++
	}
	return s.err
}

// snapshot is the store as a reader may use it without the lock.
type snapshot struct {
	idx  [][]entry
	n    int
	text view
}

func (s *Store) snap() snapshot {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return snapshot{idx: s.idx[:len(s.idx):len(s.idx)], n: s.n, text: s.text.view()}
}

func (sn *snapshot) entry(i int) entry { return sn.idx[i>>idxChunkSh][i&(idxChunk-1)] }

// start is the offset of line i's text; start(n) is the end of the text.
func (sn *snapshot) start(i int) int64 {
	if i >= sn.n {
		return sn.text.size
	}
	return sn.entry(i).off()
}

// Info is what the index says of line i.
func (s *Store) Info(i int) Info {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if i < 0 || i >= s.n {
		return Info{}
	}
	e := s.idx[i>>idxChunkSh][i&(idxChunk-1)]
	return Info{Time: s.timeOf(i), Flags: e.flags(), Source: e.source()}
}

// timeOf is line i's time in Unix nanoseconds (to the millisecond), 0 for
// none. Under the lock.
func (s *Store) timeOf(i int) int64 {
	if d := s.times[i>>idxChunkSh].dt[i&(idxChunk-1)]; d != 0 {
		return (s.times[i>>idxChunkSh].base + int64(d) - 1) * 1e6
	}
	if ms, ok := s.over[i]; ok {
		return ms * 1e6
	}
	return 0
}

// TextLen is the length in bytes of line i's plain text.
func (s *Store) TextLen(i int) int {
	sn := s.snap()
	if i < 0 || i >= sn.n {
		return 0
	}
	return int(sn.start(i+1) - sn.start(i) - 1)
}

// Text appends line i's plain text (escapes removed) to dst.
func (s *Store) Text(dst []byte, i int) ([]byte, error) {
	sn := s.snap()
	if i < 0 || i >= sn.n {
		return dst, nil
	}
	a, b := sn.start(i), sn.start(i+1)-1
	return sn.text.read(dst, a, int(b-a))
}

// TextRange appends at most max bytes of line i's plain text from byte from.
func (s *Store) TextRange(dst []byte, i, from, max int) ([]byte, error) {
	sn := s.snap()
	if i < 0 || i >= sn.n {
		return dst, nil
	}
	a, b := sn.start(i), sn.start(i+1)-1
	a += int64(from)
	if a > b {
		return dst, nil
	}
	return sn.text.read(dst, a, int(min(b-a, int64(max))))
}

// Raw appends line i's raw text (with its ANSI escapes) to dst; for a line
// without escapes it is the plain text.
func (s *Store) Raw(dst []byte, i int) ([]byte, error) {
	s.mu.RLock()
	if i < 0 || i >= s.n {
		s.mu.RUnlock()
		return dst, nil
	}
	e := s.idx[i>>idxChunkSh][i&(idxChunk-1)]
	if e.flags()&Styled == 0 {
		s.mu.RUnlock()
		return s.Text(dst, i)
	}
	off := s.rawOff(i)
	// The end: the next styled line's start, or the arena's end.
	end := s.raw.size
	for j := i + 1; j < s.n && j>>idxChunkSh < len(s.rawIdx); j++ {
		if c := s.rawIdx[j>>idxChunkSh]; c.off == nil {
			j |= idxChunk - 1 // no styled line in that chunk
		} else if s.idx[j>>idxChunkSh][j&(idxChunk-1)].flags()&Styled != 0 {
			end = s.rawOff(j)
			break
		}
	}
	v := s.raw.view()
	s.mu.RUnlock()
	return v.read(dst, off, int(end-off-1))
}

// rawOff is where styled line i's raw text is. Under the lock.
func (s *Store) rawOff(i int) int64 {
	if off, ok := s.rawOver[i]; ok {
		return off
	}
	c := s.rawIdx[i>>idxChunkSh]
	return c.base + int64(c.off[i&(idxChunk-1)])
}

// Close drops the lines and deletes the temporary files.
func (s *Store) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.text.close()
	s.raw.close()
	s.idx, s.times, s.over, s.rawIdx, s.rawOver, s.n, s.plain = nil, nil, nil, nil, nil, 0, nil
	s.err = ErrClosed
}

// Files are the temporary files the store has made (for tests).
func (s *Store) Files() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var names []string
	for _, a := range []*arena{&s.text, &s.raw} {
		if a.f != nil {
			names = append(names, a.f.Name())
		}
	}
	return names
}

// Each calls fn with the index and text length of lines [from, to), under
// one look at the store.
func (s *Store) Each(from, to int, fn func(i int, in Info, textLen int)) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sn := snapshot{idx: s.idx, n: s.n, text: view{size: s.text.size}}
	to = min(to, sn.n)
	for i := from; i < to; i++ {
		e := sn.entry(i)
		fn(i, Info{Time: s.timeOf(i), Flags: e.flags(), Source: e.source()}, int(sn.start(i+1)-e.off()-1))
	}
}
