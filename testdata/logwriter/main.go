// Command logwriter writes a log for Berth's log tests and benchmarks:
// N lines of realistic text at a chosen rate, with some ANSI colour, some
// stderr and some long lines, and what a test asks for on top.
//
//	logwriter [-n N] [-rate R] [-seq] [-big BYTES] [-stay] [-then N2]
//
// Line i (0-based) of the default text:
//   - every 100th (i%100 == 99) is an ERROR line on stderr, in red:
//     "... level=ERROR msg=\"upstream timed out\" req=%08d";
//   - every 250th (i%250 == 0) has status=503; the others status=200;
//   - every 500th (i%500 == 1) is a long line (about 2,000 characters);
//   - the others are INFO lines of about 90 bytes, level in green.
//
// With -seq it writes "seq <i> out" on stdout for even i and "seq <i> err"
// on stderr for odd i, one write each, so that a reader can check the
// order. -big writes one line of BYTES bytes ("big:" then digits) after
// the others. -stay keeps running after the lines (sleeping); -then writes
// N2 more lines at -rate after the first N, then stays.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	n := flag.Int("n", 1000, "lines to write")
	rate := flag.Int("rate", 0, "lines a second (0: as fast as it can)")
	seq := flag.Bool("seq", false, "alternate stdout and stderr with sequence numbers")
	big := flag.Int("big", 0, "then one line of this many bytes")
	stay := flag.Bool("stay", false, "keep running after the lines")
	then := flag.Int("then", 0, "lines to write after a pause of a second, at -rate")
	flag.Parse()
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	errw := bufio.NewWriterSize(os.Stderr, 64<<10)
	write(out, errw, 0, *n, *rate, *seq)
	if *big > 0 {
		b := make([]byte, 0, *big+1)
		b = append(b, "big:"...)
		for len(b) < *big {
			b = strconv.AppendInt(b, int64(len(b)%10), 10)
		}
		out.Write(append(b[:*big], '\n'))
	}
	out.Flush()
	errw.Flush()
	if *then > 0 {
		time.Sleep(time.Second)
		write(out, errw, *n, *n+*then, *rate, *seq)
		out.Flush()
		errw.Flush()
	}
	if *stay || *then > 0 {
		for {
			time.Sleep(time.Hour)
		}
	}
}

func write(out, errw *bufio.Writer, from, to, rate int, seq bool) {
	start := time.Now()
	var b []byte
	for i := from; i < to; i++ {
		if seq {
			// One write each, in order: the engine keeps their order.
			out.Flush()
			errw.Flush()
			if i%2 == 0 {
				fmt.Fprintf(os.Stdout, "seq %d out\n", i)
			} else {
				fmt.Fprintf(os.Stderr, "seq %d err\n", i)
			}
			// The engine reads stdout and stderr on two goroutines: a
			// pause keeps their order in its log (mostly).
			time.Sleep(100 * time.Microsecond)
		} else {
			b = line(b[:0], i)
			if i%100 == 99 {
				errw.Write(b)
			} else {
				out.Write(b)
			}
		}
		if rate > 0 {
			if due := start.Add(time.Duration(i-from+1) * time.Second / time.Duration(rate)); time.Until(due) > 0 {
				out.Flush()
				errw.Flush()
				time.Sleep(time.Until(due))
			}
		}
	}
}

var paths = []string{"/api/v1/items", "/api/v1/users", "/static/app.js", "/healthz", "/api/v1/orders"}

func line(b []byte, i int) []byte {
	ts := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Millisecond)
	b = ts.AppendFormat(b, "2006-01-02T15:04:05.000Z")
	switch {
	case i%100 == 99:
		b = fmt.Appendf(b, " \x1b[31mlevel=ERROR\x1b[0m msg=\"upstream timed out\" req=%08d after=30s\n", i)
	case i%500 == 1:
		b = fmt.Appendf(b, " \x1b[32mlevel=INFO\x1b[0m msg=\"config dump\" req=%08d data=%s\n", i, strings.Repeat("key=value; ", 180))
	default:
		status := 200
		if i%250 == 0 {
			status = 503
		}
		b = fmt.Appendf(b, " \x1b[32mlevel=INFO\x1b[0m GET %s/%d status=%d bytes=%d dur=%dµs req=%08d\n",
			paths[i%len(paths)], i%9973, status, i*7%50000, i%997, i)
	}
	return b
}
