package docker

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"berth/engine"
)

func frame(stream byte, s string) []byte {
	h := make([]byte, 8, 8+len(s))
	h[0] = stream
	binary.BigEndian.PutUint32(h[4:], uint32(len(s)))
	return append(h, s...)
}

type got struct {
	text   string
	stderr bool
	at     time.Time
}

func collect(t *testing.T, r io.Reader, tty bool) ([]got, int, error) {
	t.Helper()
	var lines []got
	batches := 0
	err := readLogs(r, tty, func(b []engine.LogLine) {
		batches++
		for _, l := range b {
			lines = append(lines, got{string(l.Text), l.Stderr, l.Time})
		}
	})
	return lines, batches, err
}

const ts1 = "2026-12-02T02:00:00.123456789Z "

func TestReadLogsOrderAndPartials(t *testing.T) {
	var in bytes.Buffer
	in.Write(frame(1, ts1+"out 1\n"))
	in.Write(frame(2, ts1+"err 2\n"))
	in.Write(frame(1, ts1+"out 3\n"))
	// A long line the engine cut into partial messages, each timestamped.
	in.Write(frame(2, ts1+"long "))
	in.Write(frame(1, ts1+"out 4\n"))
	in.Write(frame(2, "2026-12-02T02:00:00.2Z middle "))
	in.Write(frame(2, "2026-12-02T02:00:00.3Z end\n"))
	in.Write(frame(1, ts1+"last, no newline"))
	lines, batches, err := collect(t, &in, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"out 1", "err 2", "out 3", "out 4", "long middle end", "last, no newline"}
	if len(lines) != len(want) {
		t.Fatalf("lines %+v", lines)
	}
	for i, w := range want {
		if lines[i].text != w {
			t.Errorf("line %d = %q, want %q", i, lines[i].text, w)
		}
	}
	if !lines[1].stderr || lines[0].stderr || !lines[4].stderr {
		t.Errorf("stderr marks wrong: %+v", lines)
	}
	if lines[0].at != time.Date(2026, 12, 2, 2, 0, 0, 123456789, time.UTC) {
		t.Errorf("time %v", lines[0].at)
	}
	if batches > 2 {
		t.Errorf("%d batches for a buffered stream, want 1", batches)
	}
}

func TestReadLogsHugeLine(t *testing.T) {
	big := strings.Repeat("x", 5<<20)
	var in bytes.Buffer
	for i := 0; i < len(big); i += 16 << 10 {
		in.Write(frame(1, ts1+big[i:min(i+16<<10, len(big))]))
	}
	in.Write(frame(1, ts1+"\n"))
	in.Write(frame(1, ts1+"after\n"))
	lines, _, err := collect(t, &in, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 || lines[0].text != big || lines[1].text != "after" {
		t.Fatalf("%d lines, first %d bytes", len(lines), len(lines[0].text))
	}
}

func TestReadLogsErrors(t *testing.T) {
	var in bytes.Buffer
	in.Write(frame(1, ts1+"one\n"))
	in.Write(frame(1, ts1+"cut sh")[:12])
	lines, _, err := collect(t, &in, false)
	if !errors.Is(err, io.ErrUnexpectedEOF) || len(lines) != 1 {
		t.Errorf("cut stream: %v, %d lines", err, len(lines))
	}
	in.Reset()
	in.Write(frame(3, "the engine failed"))
	if _, _, err := collect(t, &in, false); err == nil || err.Error() != "the engine failed" {
		t.Errorf("in-band error: %v", err)
	}
}

func TestReadLogsTTY(t *testing.T) {
	lines, _, err := collect(t, strings.NewReader(ts1+"a\r\n"+ts1+"b\r\nno time\r\n"), true)
	if err != nil || len(lines) != 3 || lines[0].text != "a" || lines[1].text != "b" || lines[2].text != "no time" || !lines[2].at.IsZero() {
		t.Errorf("%v %+v", err, lines)
	}
}

func BenchmarkReadLogs(b *testing.B) {
	var in bytes.Buffer
	for i := range 100000 {
		in.Write(frame(byte(1+i%2), ts1+"GET /index.html 200 1234 bytes in 0.003 s from 10.0.0.7 user-agent curl/8.0\n"))
	}
	data := in.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_ = readLogs(bytes.NewReader(data), false, func([]engine.LogLine) {})
	}
}
