package docker

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/docker/docker/api/types/container"

	"berth/engine"
)

// Batches go to the caller when this many lines or bytes are waiting, or
// when the stream has nothing more buffered (so that a followed log shows a
// line as soon as it comes).
const (
	batchLines = 2048
	batchBytes = 1 << 20
)

// ContainerLogs implements engine.LogAPI: `docker logs --timestamps` read by
// one reader of the engine's stream. Without a TTY the stream is multiplexed
// (8-byte stdcopy headers: stream, 0, 0, 0, big-endian size); the reader
// keeps the frames' order, so stdout and stderr stay interleaved as the
// container wrote them. With a TTY it is raw output. Lines have no length
// limit: the engine's log drivers cut a long line into partial messages of
// 16 KiB, each with its own timestamp, and the reader joins them again.
func (d *Client) ContainerLogs(ctx context.Context, id string, opts engine.LogOptions, fn func([]engine.LogLine)) error {
	ins, err := d.cli.ContainerInspect(ctx, id)
	if err != nil {
		return d.classify(err, id)
	}
	o := container.LogsOptions{ShowStdout: true, ShowStderr: true, Timestamps: true, Follow: opts.Follow}
	if opts.Tail > 0 {
		o.Tail = strconv.Itoa(opts.Tail)
	}
	if !opts.Since.IsZero() {
		o.Since = unixArg(opts.Since)
	}
	if !opts.Until.IsZero() {
		o.Until = unixArg(opts.Until)
	}
	rc, err := d.cli.ContainerLogs(ctx, id, o)
	if err != nil {
		return d.classify(err, id)
	}
	defer rc.Close()
	// Closing the body is what unblocks a read when ctx ends.
	stop := context.AfterFunc(ctx, func() { rc.Close() })
	defer stop()
	tty := ins.Config != nil && ins.Config.Tty
	err = readLogs(rc, tty, fn)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		return d.classify(err, id)
	}
	return nil
}

// unixArg is t as the engine's since/until take it: seconds.nanoseconds.
func unixArg(t time.Time) string {
	return fmt.Sprintf("%d.%09d", t.Unix(), t.Nanosecond())
}

// readLogs reads a log stream to its end, calling fn with batches of lines.
// It returns nil at a clean end of the stream.
func readLogs(r io.Reader, tty bool, fn func([]engine.LogLine)) error {
	ra := newReadAhead(r, readAheadMax)
	defer ra.stop()
	br := bufio.NewReaderSize(ra, 256<<10)
	b := &batcher{fn: fn, err: stream{stderr: true}}
	if tty {
		return b.raw(br, ra)
	}
	var hdr [8]byte
	var frame []byte
	for {
		if br.Buffered() == 0 && !ra.pending() {
			b.flush() // about to wait on the engine
		}
		if _, err := io.ReadFull(br, hdr[:]); err != nil {
			b.end()
			if err == io.EOF {
				return nil
			}
			return err
		}
		size := int(binary.BigEndian.Uint32(hdr[4:]))
		var s *stream
		switch hdr[0] {
		case 0, 1:
			s = &b.out
		case 2:
			s = &b.err
		case 3: // the engine's own error, in band
			msg := make([]byte, size)
			if _, err := io.ReadFull(br, msg); err != nil {
				return err
			}
			b.end()
			return errors.New(string(msg))
		default:
			b.end()
			return fmt.Errorf("log stream: bad frame header %x", hdr)
		}
		if cap(frame) < size {
			frame = make([]byte, size)
		}
		frame = frame[:size]
		if _, err := io.ReadFull(br, frame); err != nil {
			b.end()
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
		b.frame(s, frame)
	}
}

// raw reads a TTY's stream: no frames, lines end with "\r\n".
func (b *batcher) raw(br *bufio.Reader, ra *readAhead) error {
	buf := make([]byte, 64<<10)
	for {
		if br.Buffered() == 0 && !ra.pending() {
			b.flush()
		}
		n, err := br.Read(buf)
		if n > 0 {
			b.text(&b.out, buf[:n])
		}
		if err != nil {
			b.end()
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

// stream is what came of stdout or stderr since its last complete line.
type stream struct {
	stderr  bool
	pending []byte // a line without its end yet
	at      time.Time
	open    bool // pending holds a line begun
}

// batcher gathers complete lines until a flush.
type batcher struct {
	fn       func([]engine.LogLine)
	out, err stream
	buf      []byte
	lines    []engine.LogLine
	ends     []int
}

// frame takes one frame: one log message of the engine, a whole line (it
// ends with "\n") or a part of one (it does not).
func (b *batcher) frame(s *stream, p []byte) {
	if s.open {
		// A continuation: the engine put a timestamp before it too.
		if _, rest, ok := cutTime(p); ok {
			p = rest
		}
	}
	b.text(s, p)
}

// text splits p into lines, continuing s's pending line.
func (b *batcher) text(s *stream, p []byte) {
	for len(p) > 0 {
		if !s.open {
			if at, rest, ok := cutTime(p); ok {
				s.at, p = at, rest
			} else {
				s.at = time.Time{}
			}
			s.open = true
		}
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			s.pending = append(s.pending, p...)
			return
		}
		line := p[:i]
		p = p[i+1:]
		if len(s.pending) > 0 {
			s.pending = append(s.pending, line...)
			line = s.pending
		}
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		b.add(s, line)
		s.pending = s.pending[:0]
		if cap(s.pending) > 1<<20 {
			s.pending = nil // a huge line passed: give its room back
		}
		s.open = false
	}
}

func (b *batcher) add(s *stream, line []byte) {
	b.buf = append(b.buf, line...)
	b.ends = append(b.ends, len(b.buf))
	b.lines = append(b.lines, engine.LogLine{Stderr: s.stderr, Time: s.at})
	if len(b.lines) >= batchLines || len(b.buf) >= batchBytes {
		b.flush()
	}
}

// end sends what is left, a last line without its newline included.
func (b *batcher) end() {
	for _, s := range []*stream{&b.out, &b.err} {
		if s.open {
			b.add(s, s.pending)
			s.pending, s.open = nil, false
		}
	}
	b.flush()
}

func (b *batcher) flush() {
	if len(b.lines) == 0 {
		return
	}
	start := 0
	for i := range b.lines {
		b.lines[i].Text = b.buf[start:b.ends[i]:b.ends[i]]
		start = b.ends[i]
	}
	b.fn(b.lines)
	b.lines, b.ends = b.lines[:0], b.ends[:0]
	if cap(b.buf) > 4*batchBytes {
		b.buf = nil
	} else {
		b.buf = b.buf[:0]
	}
}

// cutTime cuts the timestamp the engine puts before each message
// (RFC 3339 with nanoseconds, then a space).
func cutTime(p []byte) (time.Time, []byte, bool) {
	// The engine's fixed form: 2006-01-02T15:04:05.000000000Z, 30 bytes.
	if len(p) >= 31 && p[4] == '-' && p[10] == 'T' && p[19] == '.' && p[29] == 'Z' && p[30] == ' ' {
		if t, ok := fixedTime(p[:30]); ok {
			return t, p[31:], true
		}
	}
	end := -1
	for i := 0; i < len(p) && i < 40; i++ {
		if p[i] == ' ' {
			end = i
			break
		}
	}
	if end <= 0 {
		return time.Time{}, p, false
	}
	t, err := time.Parse(time.RFC3339Nano, string(p[:end]))
	if err != nil {
		return time.Time{}, p, false
	}
	return t, p[end+1:], true
}

func fixedTime(p []byte) (time.Time, bool) {
	num := func(s []byte) (int, bool) {
		n := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(p[0:4])
	mo, ok2 := num(p[5:7])
	d, ok3 := num(p[8:10])
	h, ok4 := num(p[11:13])
	mi, ok5 := num(p[14:16])
	s, ok6 := num(p[17:19])
	ns, ok7 := num(p[20:29])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || p[7] != '-' || p[13] != ':' || p[16] != ':' {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, h, mi, s, ns, time.UTC), true
}

// readAheadMax is how far the reader reads ahead of the lines' consumer
// (a second of a long log at dockerd 20.10's pace).
const readAheadMax = 2 << 20

// readAhead reads r on a goroutine of its own as fast as the engine sends,
// up to max bytes ahead of its reader: the engine (which streams a long log
// at its own, slower pace) never waits while the lines are split, indexed
// and stored, nor while the consumer's goroutine waits for a core.
type readAhead struct {
	mu      sync.Mutex
	cond    *sync.Cond
	fill    []byte // read, not taken yet
	spare   []byte
	cur     []byte // taken, not read yet (the reader's side only)
	err     error
	max     int
	stopped bool
}

func newReadAhead(r io.Reader, max int) *readAhead {
	ra := &readAhead{max: max, fill: make([]byte, 0, 256<<10)}
	ra.cond = sync.NewCond(&ra.mu)
	go ra.run(r)
	return ra
}

func (ra *readAhead) run(r io.Reader) {
	tmp := make([]byte, 64<<10)
	for {
		n, err := r.Read(tmp)
		ra.mu.Lock()
		for len(ra.fill) >= ra.max && !ra.stopped {
			ra.cond.Wait()
		}
		if ra.stopped {
			ra.mu.Unlock()
			return
		}
		ra.fill = append(ra.fill, tmp[:n]...)
		if err != nil {
			ra.err = err
		}
		ra.cond.Broadcast()
		ra.mu.Unlock()
		if err != nil {
			return
		}
		if n < shortRead {
			// The engine writes a line at a time: reading each as it comes
			// costs a read and a wake-up a line (a million of them for a
			// million lines), CPU that a two-core machine takes from the
			// engine itself. A moment's wait lets lines gather.
			time.Sleep(gatherFor)
		}
	}
}

// A read shorter than shortRead waits gatherFor before the next: half a
// millisecond more, at most, before a followed line shows. (Measured with
// a million lines on two cores: no wait 12-14 s, 0.25 ms 10.7 s, 0.5 ms
// 8.0-9.6 s, 1 ms 8.4-9.6 s, 3 ms 15.5 s, when the engine's socket buffer
// fills between reads; docker logs 7.4-8.0 s.)
const (
	shortRead = 32 << 10
	gatherFor = 500 * time.Microsecond
)

// Read takes what was read ahead, waiting when nothing is.
func (ra *readAhead) Read(p []byte) (int, error) {
	if len(ra.cur) == 0 {
		ra.mu.Lock()
		for len(ra.fill) == 0 && ra.err == nil {
			ra.cond.Wait()
		}
		if len(ra.fill) == 0 {
			err := ra.err
			ra.mu.Unlock()
			return 0, err
		}
		taken := ra.fill
		ra.fill = ra.spare[:0]
		ra.spare = taken[:0:cap(taken)]
		if cap(ra.fill) > 2*ra.max {
			ra.fill = nil
		}
		ra.cond.Broadcast()
		ra.mu.Unlock()
		ra.cur = taken
	}
	n := copy(p, ra.cur)
	ra.cur = ra.cur[n:]
	return n, nil
}

// pending reports whether bytes are there to read without waiting.
func (ra *readAhead) pending() bool {
	if len(ra.cur) > 0 {
		return true
	}
	ra.mu.Lock()
	defer ra.mu.Unlock()
	return len(ra.fill) > 0
}

// stop ends the goroutine once its read returns (closing the stream ends
// a read that waits on the engine).
func (ra *readAhead) stop() {
	ra.mu.Lock()
	ra.stopped = true
	ra.cond.Broadcast()
	ra.mu.Unlock()
}
