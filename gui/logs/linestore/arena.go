package linestore

import (
	"fmt"
	"io"
	"os"
)

// arena holds bytes appended at its end, addressed by their offset from
// the start. The most recent bytes stay in memory, in chunks; once the
// chunks pass memLimit the oldest ones are written to a temporary file
// (at their own offset, so the file is the arena's prefix) and dropped.
// Bytes below size never change, so a reader that noted size may read
// them without a lock.
type arena struct {
	dir      string
	memLimit int
	f        *os.File
	spilled  int64 // [0, spilled) is in the file only
	chunks   []chunk
	mem      int // bytes held by chunks
	size     int64
}

type chunk struct {
	base int64
	b    []byte
}

const chunkSize = 1 << 20

// add appends p, and a newline if nl, in one chunk, and returns p's offset.
func (a *arena) add(p []byte, nl bool) (int64, error) {
	off := a.size
	need := len(p)
	if nl {
		need++
	}
	n := len(a.chunks)
	if n == 0 || cap(a.chunks[n-1].b)-len(a.chunks[n-1].b) < need {
		c := chunk{base: off, b: make([]byte, 0, max(chunkSize, need))}
		a.chunks = append(a.chunks, c)
		a.mem += cap(c.b)
		n++
	}
	last := &a.chunks[n-1]
	last.b = append(last.b, p...)
	if nl {
		last.b = append(last.b, '\n')
	}
	a.size += int64(need)
	for a.mem > a.memLimit && len(a.chunks) > 1 {
		if err := a.spill(); err != nil {
			return off, err
		}
	}
	return off, nil
}

// spill writes the oldest chunk to the file and drops it.
func (a *arena) spill() error {
	if a.f == nil {
		f, err := os.CreateTemp(a.dir, "berth-logs-*.txt")
		if err != nil {
			return fmt.Errorf("log store: %w", err)
		}
		a.f = f
	}
	c := a.chunks[0]
	if _, err := a.f.WriteAt(c.b, c.base); err != nil {
		return fmt.Errorf("log store: %w", err)
	}
	a.spilled = c.base + int64(len(c.b))
	a.mem -= cap(c.b)
	a.chunks[0] = chunk{}
	a.chunks = a.chunks[1:]
	return nil
}

// view is what a reader may use without the lock: the bytes up to size.
type view struct {
	f       *os.File
	spilled int64
	chunks  []chunk
	size    int64
}

func (a *arena) view() view {
	// The chunks are copied: the writer changes the last one's length.
	return view{f: a.f, spilled: a.spilled, chunks: append([]chunk(nil), a.chunks...), size: a.size}
}

// read appends the bytes [off, off+n) to dst.
func (v view) read(dst []byte, off int64, n int) ([]byte, error) {
	if off >= v.spilled {
		c := v.chunkAt(off)
		i := int(off - c.base)
		return append(dst, c.b[i:i+n]...), nil
	}
	l := len(dst)
	dst = append(dst, make([]byte, n)...)
	if _, err := v.f.ReadAt(dst[l:], off); err != nil && err != io.EOF {
		return dst[:l], fmt.Errorf("log store: %w", err)
	}
	return dst, nil
}

// chunkAt is the chunk holding off (off >= spilled).
func (v view) chunkAt(off int64) chunk {
	lo, hi := 0, len(v.chunks)-1
	for lo < hi {
		m := (lo + hi + 1) / 2
		if v.chunks[m].base <= off {
			lo = m
		} else {
			hi = m - 1
		}
	}
	return v.chunks[lo]
}

func (a *arena) close() {
	if a.f != nil {
		name := a.f.Name()
		a.f.Close()
		os.Remove(name)
		a.f = nil
	}
	a.chunks, a.mem, a.size, a.spilled = nil, 0, 0, 0
}
