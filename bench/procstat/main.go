// Command procstat starts a GUI program and measures it, for bench/window.sh.
//
//	procstat [flags] -- program [args...]
//
// It connects to the X display first and listens for top-level windows being mapped (an X
// MapNotify on the root window: no polling), then starts the program with its stderr piped
// and records, relative to the moment it started the program:
//
//   - map_ms: when a top-level window whose WM_NAME equals -title was mapped;
//   - ready_ms: when the program printed a line "berth-ready rows=N" with N >= -ready-rows;
//   - start_ms: the later of the two that were asked for ("source" tells which one counted).
//
// With -idle > 0 it then waits -settle and samples, over -idle, the program's CPU time
// (utime+stime from /proc/PID/stat) and resident memory (VmRSS from /proc/PID/status), plus
// how busy the whole machine was meanwhile. Finally it stops the program (SIGTERM to its
// process group, SIGKILL after 3 s) and prints one line of key=value pairs on stdout.
//
// Exit status: 0 when measured, 1 when something could not be measured (the reason is in
// the "error" key and on stderr), 2 for bad usage. Standard library only; Linux only.
package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var readyRE = regexp.MustCompile(`berth-ready rows=(\d+)`)

// childPid is the program's pid (and process group) once started, for the signal handler.
var childPid atomic.Int64

type options struct {
	display      string
	title        string
	wantWindow   bool
	readyRows    int
	readyTimeout time.Duration
	timeout      time.Duration
	settle       time.Duration
	idle         time.Duration
	sample       time.Duration
	logPath      string
	shot         string
	series       string
	clkTck       float64
}

func main() {
	var o options
	flag.StringVar(&o.display, "display", os.Getenv("DISPLAY"), "X display to watch (local only)")
	flag.StringVar(&o.title, "title", "", "WM_NAME of the window to wait for (empty: no window)")
	flag.BoolVar(&o.wantWindow, "want-window", true, "the window must be mapped; false: only report whether it was")
	flag.IntVar(&o.readyRows, "ready-rows", 0, `wait for "berth-ready rows=N" on stderr with N >= this (0: don't)`)
	flag.DurationVar(&o.readyTimeout, "ready-timeout", 60*time.Second, "give up waiting for the ready line after this long (then the window time counts)")
	flag.DurationVar(&o.timeout, "timeout", 120*time.Second, "give up waiting for the window after this long")
	flag.DurationVar(&o.settle, "settle", 5*time.Second, "wait this long after start before sampling idle")
	flag.DurationVar(&o.idle, "idle", 0, "sample CPU and memory over this long (0: measure start-up only)")
	flag.DurationVar(&o.sample, "sample", time.Second, "VmRSS sampling interval")
	flag.StringVar(&o.logPath, "log", "", "write the program's stdout and stderr here")
	flag.StringVar(&o.series, "series", "", "write one line per sample (CPU ticks, machine busy ticks, VmRSS) here")
	flag.StringVar(&o.shot, "shot", "", "after the idle sample, save a screenshot of the display here (ImageMagick import)")
	flag.Float64Var(&o.clkTck, "clk-tck", 100, "clock ticks per second (getconf CLK_TCK)")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: procstat [flags] -- program [args...]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 || (o.title == "" && o.readyRows == 0 && o.idle == 0) {
		flag.Usage()
		os.Exit(2)
	}
	// The program runs in a process group of its own, so a Ctrl-C does not reach it: stop it.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		<-sigs
		if pid := int(childPid.Load()); pid > 0 {
			_ = syscall.Kill(-pid, syscall.SIGTERM)
			time.Sleep(time.Second)
			_ = syscall.Kill(-pid, syscall.SIGKILL)
		}
		os.Exit(130)
	}()
	res, err := run(o, flag.Args())
	if err != nil {
		res.set("error", strings.ReplaceAll(err.Error(), " ", "_"))
		fmt.Fprintln(os.Stderr, "procstat:", err)
	}
	fmt.Println(res.String())
	if err != nil {
		os.Exit(1)
	}
}

// result keeps key=value pairs in insertion order.
type result struct{ keys, vals []string }

func (r *result) set(k, v string) { r.keys, r.vals = append(r.keys, k), append(r.vals, v) }
func (r *result) ms(k string, d time.Duration) {
	r.set(k, strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64))
}
func (r *result) String() string {
	var b strings.Builder
	for i, k := range r.keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k + "=" + r.vals[i])
	}
	return b.String()
}

type stamp struct {
	at   time.Time
	rows int
}

func run(o options, argv []string) (res result, err error) {
	var x *xconn
	var mapped <-chan time.Time
	if o.title != "" {
		x, err = dialX(o.display)
		if err != nil {
			return res, fmt.Errorf("X display %q: %w", o.display, err)
		}
		defer x.c.Close()
		mapped = x.watch(o.title)
		// The pointer starts in the middle of the screen, over the window: hovering is not
		// idling. (This connection stays open, so Xvfb does not reset and re-centre it.)
		if err := x.warp(int16(x.width-1), int16(x.height-1)); err != nil {
			return res, fmt.Errorf("X display %q: %w", o.display, err)
		}
	}

	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var logw io.Writer = io.Discard
	if o.logPath != "" {
		f, err := os.Create(o.logPath)
		if err != nil {
			return res, err
		}
		defer f.Close()
		logw = f
	}
	var logMu sync.Mutex
	lw := writerFunc(func(p []byte) (int, error) { logMu.Lock(); defer logMu.Unlock(); return logw.Write(p) })
	cmd.Stdout = lw
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return res, err
	}
	ready := make(chan stamp, 16)

	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return res, err
	}
	pid := cmd.Process.Pid
	childPid.Store(int64(pid))
	res.set("pid", strconv.Itoa(pid))
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			now := time.Now()
			line := sc.Text()
			fmt.Fprintln(lw, line)
			if m := readyRE.FindStringSubmatch(line); m != nil {
				n, _ := strconv.Atoi(m[1])
				ready <- stamp{now, n}
			}
		}
		// Keep draining so the program never blocks on a full pipe.
		_, _ = io.Copy(lw, stderr)
	}()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	alive := true
	defer func() {
		if alive {
			stop(pid, exited)
		}
	}()

	// Wait for the window and the ready line.
	var mapAt, readyAt time.Time
	readyRows, firstRows := -1, -1
	needWindow := o.title != "" && o.wantWindow
	needReady := o.readyRows > 0
	windowTimeout := time.After(o.timeout)
	readyTimeout := time.After(o.readyTimeout)
	readyGaveUp := false
	for (needWindow && mapAt.IsZero()) || (needReady && readyAt.IsZero() && !readyGaveUp) {
		select {
		case t := <-mapped:
			if mapAt.IsZero() {
				mapAt = t
			}
		case s := <-ready:
			if firstRows < 0 {
				firstRows = s.rows
			}
			if s.rows >= o.readyRows && readyAt.IsZero() {
				readyAt, readyRows = s.at, s.rows
			}
		case <-readyTimeout:
			readyGaveUp = true
		case <-windowTimeout:
			return res, fmt.Errorf("no window %q mapped within %v", o.title, o.timeout)
		case err := <-exited:
			alive = false
			return res, fmt.Errorf("%s exited before it was ready (%v; see its log)", argv[0], exitText(err))
		}
	}
	if !mapAt.IsZero() {
		res.ms("map_ms", mapAt.Sub(t0))
	} else {
		res.set("map_ms", "NA")
	}
	if !readyAt.IsZero() {
		res.ms("ready_ms", readyAt.Sub(t0))
		res.set("rows", strconv.Itoa(readyRows))
	} else {
		res.set("ready_ms", "NA")
		if firstRows >= 0 {
			res.set("rows", strconv.Itoa(firstRows)) // a ready line, but with too few rows
		} else {
			res.set("rows", "NA")
		}
	}
	start, source := t0, "none"
	switch {
	case !readyAt.IsZero() && readyAt.After(mapAt):
		start, source = readyAt, "ready"
	case !mapAt.IsZero():
		start, source = mapAt, "map"
	}
	if needReady && readyAt.IsZero() {
		source += "-no-ready-line"
	}
	if source == "none" {
		res.set("start_ms", "NA")
	} else {
		res.ms("start_ms", start.Sub(t0))
	}
	res.set("source", source)

	if o.idle > 0 {
		if err := idle(&res, o, pid, start, exited, &alive); err != nil {
			return res, err
		}
	}
	// A window mapped after the wait (hidden mode: it should not be).
	windowMapped := !mapAt.IsZero()
	if !windowMapped && o.title != "" {
		select {
		case t := <-mapped:
			windowMapped = true
			res.ms("late_map_ms", t.Sub(t0))
		default:
		}
	}
	res.set("window_mapped", strconv.FormatBool(windowMapped))
	stop(pid, exited)
	alive = false
	return res, nil
}

func exitText(err error) string {
	if err == nil {
		return "exit status 0"
	}
	return err.Error()
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// idle sleeps until start+settle, then samples the process over o.idle.
func idle(res *result, o options, pid int, start time.Time, exited <-chan error, alive *bool) error {
	wait := func(d time.Duration) error {
		select {
		case err := <-exited:
			*alive = false
			return fmt.Errorf("the program exited while idle (%v; see its log)", exitText(err))
		case <-time.After(d):
			return nil
		}
	}
	if err := wait(time.Until(start.Add(o.settle))); err != nil {
		return err
	}
	cpu0, err := procCPU(pid)
	if err != nil {
		return err
	}
	busy0, err := machineCPU()
	if err != nil {
		return err
	}
	t1 := time.Now()
	end := t1.Add(o.idle)
	var rss []float64
	var series io.Writer = io.Discard
	if o.series != "" {
		f, err := os.Create(o.series)
		if err != nil {
			return err
		}
		defer f.Close()
		series = f
		fmt.Fprintln(f, "# seconds  cpu-ticks-since-last  machine-busy-ticks-since-last  VmRSS-KiB")
	}
	lastCPU, lastBusy := cpu0, busy0
	for {
		kb, err := procRSS(pid)
		if err != nil {
			return err
		}
		rss = append(rss, float64(kb)/1024)
		if o.series != "" {
			c, _ := procCPU(pid)
			m, _ := machineCPU()
			fmt.Fprintf(series, "%.1f %d %d %d\n", time.Since(t1).Seconds(), c-lastCPU, m-lastBusy, kb)
			lastCPU, lastBusy = c, m
		}
		left := time.Until(end)
		if left <= 0 {
			break
		}
		if err := wait(min(o.sample, left)); err != nil {
			return err
		}
	}
	cpu1, err := procCPU(pid)
	if err != nil {
		return err
	}
	busy1, err := machineCPU()
	if err != nil {
		return err
	}
	t2 := time.Now()
	if o.shot != "" {
		shot := exec.Command("import", "-display", o.display, "-window", "root", o.shot)
		if out, err := shot.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "procstat: screenshot: %v: %s\n", err, out)
		}
	}
	wall := t2.Sub(t1).Seconds()
	cpuS := float64(cpu1-cpu0) / o.clkTck
	res.set("idle_from", strconv.FormatFloat(float64(t1.UnixNano())/1e9, 'f', 3, 64))
	res.set("idle_to", strconv.FormatFloat(float64(t2.UnixNano())/1e9, 'f', 3, 64))
	res.set("wall_s", strconv.FormatFloat(wall, 'f', 2, 64))
	res.set("cpu_s", strconv.FormatFloat(cpuS, 'f', 2, 64))
	res.set("cpu_pct", strconv.FormatFloat(100*cpuS/wall, 'f', 2, 64))
	// Everything else the machine did meanwhile, in % of one core (2 cores busy = 200).
	others := float64(busy1-busy0)/o.clkTck - cpuS
	res.set("others_pct", strconv.FormatFloat(100*others/wall, 'f', 0, 64))
	sort.Float64s(rss)
	var sum float64
	for _, v := range rss {
		sum += v
	}
	res.set("rss_mib", strconv.FormatFloat(sum/float64(len(rss)), 'f', 1, 64))
	res.set("rss_mib_max", strconv.FormatFloat(rss[len(rss)-1], 'f', 1, 64))
	return nil
}

// stop ends the program's process group: SIGTERM, then SIGKILL after 3 s.
func stop(pid int, exited <-chan error) {
	_ = syscall.Kill(-pid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(3 * time.Second):
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		<-exited
	}
	// Helpers the program started in its group and left behind.
	_ = syscall.Kill(-pid, syscall.SIGKILL)
}

// --- /proc ------------------------------------------------------------------------------------

// procCPU returns utime+stime of pid (all its threads) in clock ticks.
func procCPU(pid int) (uint64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, errors.New("bad /proc/PID/stat")
	}
	f := strings.Fields(s[i+1:]) // f[0] is field 3 (state): utime is field 14, stime 15
	if len(f) < 13 {
		return 0, errors.New("short /proc/PID/stat")
	}
	u, err1 := strconv.ParseUint(f[11], 10, 64)
	st, err2 := strconv.ParseUint(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, errors.New("bad utime/stime in /proc/PID/stat")
	}
	return u + st, nil
}

// procRSS returns VmRSS of pid in kB.
func procRSS(pid int) (uint64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				return strconv.ParseUint(f[0], 10, 64)
			}
		}
	}
	return 0, errors.New("no VmRSS in /proc/PID/status")
}

// machineCPU returns the busy clock ticks of all CPUs together from /proc/stat.
func machineCPU() (busy uint64, err error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 8 || f[0] != "cpu" {
		return 0, errors.New("bad /proc/stat")
	}
	for i, s := range f[1:] {
		if i >= 8 { // guest time is already counted in user
			break
		}
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return 0, err
		}
		if i != 3 && i != 4 { // idle, iowait
			busy += v
		}
	}
	return busy, nil
}

// --- a minimal X11 client -----------------------------------------------------------------------

const (
	opChangeWindowAttributes = 2
	opGetProperty            = 20
	opWarpPointer            = 41
	cwEventMask              = 1 << 11
	substructureNotifyMask   = 1 << 19
	propertyChangeMask       = 1 << 22
	evMapNotify              = 19
	evPropertyNotify         = 28
	atomWMName               = 39
)

type xconn struct {
	c             net.Conn
	root          uint32
	width, height uint16 // of the first screen
	mu            sync.Mutex
	seq           uint16
}

// dialX connects to a local display (":N" or ":N.S") without authentication, which a plain
// Xvfb accepts from local clients.
func dialX(display string) (*xconn, error) {
	_, rest, ok := strings.Cut(display, ":")
	if !ok {
		return nil, errors.New("want a display like :31")
	}
	num, _, _ := strings.Cut(rest, ".")
	if _, err := strconv.Atoi(num); err != nil {
		return nil, errors.New("want a display like :31")
	}
	c, err := net.Dial("unix", "/tmp/.X11-unix/X"+num)
	if err != nil {
		return nil, err
	}
	// Byte order 'l' (little-endian), protocol 11.0, no authorization.
	if _, err := c.Write([]byte{'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0}); err != nil {
		c.Close()
		return nil, err
	}
	head := make([]byte, 8)
	if _, err := io.ReadFull(c, head); err != nil {
		c.Close()
		return nil, err
	}
	data := make([]byte, 4*int(binary.LittleEndian.Uint16(head[6:])))
	if _, err := io.ReadFull(c, data); err != nil {
		c.Close()
		return nil, err
	}
	if head[0] != 1 {
		c.Close()
		n := min(int(head[1]), len(data))
		return nil, fmt.Errorf("connection refused: %s", strings.TrimSpace(string(data[:n])))
	}
	vendorLen := int(binary.LittleEndian.Uint16(data[16:]))
	nFormats := int(data[21])
	off := 32 + (vendorLen+3)&^3 + 8*nFormats
	if len(data) < off+24 {
		c.Close()
		return nil, errors.New("short connection setup")
	}
	x := &xconn{c: c, root: binary.LittleEndian.Uint32(data[off:]),
		width: binary.LittleEndian.Uint16(data[off+20:]), height: binary.LittleEndian.Uint16(data[off+22:])}
	if err := x.selectInput(x.root, substructureNotifyMask); err != nil {
		c.Close()
		return nil, err
	}
	return x, nil
}

// request sends one request and returns its sequence number.
func (x *xconn) request(b []byte) (uint16, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.seq++
	_, err := x.c.Write(b)
	return x.seq, err
}

func (x *xconn) selectInput(win, mask uint32) error {
	b := make([]byte, 16)
	b[0] = opChangeWindowAttributes
	binary.LittleEndian.PutUint16(b[2:], 4)
	binary.LittleEndian.PutUint32(b[4:], win)
	binary.LittleEndian.PutUint32(b[8:], cwEventMask)
	binary.LittleEndian.PutUint32(b[12:], mask)
	_, err := x.request(b)
	return err
}

// warp moves the pointer to px, py on the root window.
func (x *xconn) warp(px, py int16) error {
	b := make([]byte, 24)
	b[0] = opWarpPointer
	binary.LittleEndian.PutUint16(b[2:], 6)
	binary.LittleEndian.PutUint32(b[4:], 0) // src-window None
	binary.LittleEndian.PutUint32(b[8:], x.root)
	binary.LittleEndian.PutUint16(b[20:], uint16(px))
	binary.LittleEndian.PutUint16(b[22:], uint16(py))
	_, err := x.request(b)
	return err
}

func (x *xconn) getName(win uint32) (uint16, error) {
	b := make([]byte, 24)
	b[0] = opGetProperty
	binary.LittleEndian.PutUint16(b[2:], 6)
	binary.LittleEndian.PutUint32(b[4:], win)
	binary.LittleEndian.PutUint32(b[8:], atomWMName)
	binary.LittleEndian.PutUint32(b[12:], 0) // AnyPropertyType
	binary.LittleEndian.PutUint32(b[16:], 0)
	binary.LittleEndian.PutUint32(b[20:], 256)
	return x.request(b)
}

// watch reports, on the returned channel, the time at which a top-level window named title
// was mapped (or, if it was mapped first and named later, the time it got the name).
func (x *xconn) watch(title string) <-chan time.Time {
	out := make(chan time.Time, 4)
	go func() {
		mappedAt := map[uint32]time.Time{} // mapped top-level windows
		pending := map[uint16]uint32{}     // GetProperty sequence -> window
		ask := func(win uint32) {
			seq, err := x.getName(win)
			if err == nil {
				x.mu.Lock()
				pending[seq] = win
				x.mu.Unlock()
			}
		}
		buf := make([]byte, 32)
		for {
			if _, err := io.ReadFull(x.c, buf); err != nil {
				return
			}
			now := time.Now()
			switch code := buf[0] & 0x7f; code {
			case 0: // error (e.g. BadWindow for a window already gone): ignore
			case 1: // reply
				seq := binary.LittleEndian.Uint16(buf[2:])
				extra := make([]byte, 4*int(binary.LittleEndian.Uint32(buf[4:])))
				if _, err := io.ReadFull(x.c, extra); err != nil {
					return
				}
				x.mu.Lock()
				win, ok := pending[seq]
				delete(pending, seq)
				x.mu.Unlock()
				if !ok {
					continue
				}
				format := int(buf[1])
				n := int(binary.LittleEndian.Uint32(buf[16:])) * format / 8
				if n <= len(extra) && string(extra[:n]) == title {
					at := mappedAt[win]
					delete(mappedAt, win)
					if !at.IsZero() {
						out <- at
					}
				}
			case evMapNotify:
				win := binary.LittleEndian.Uint32(buf[8:])
				mappedAt[win] = now
				_ = x.selectInput(win, propertyChangeMask)
				ask(win)
			case evPropertyNotify:
				win := binary.LittleEndian.Uint32(buf[4:])
				if binary.LittleEndian.Uint32(buf[8:]) == atomWMName {
					if _, ok := mappedAt[win]; ok {
						mappedAt[win] = now
						ask(win)
					}
				}
			}
		}
	}()
	return out
}
