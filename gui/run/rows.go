package run

// The three row kinds of the dialog (port mappings, environment variables,
// bind mounts), each a kit.RowEditor configured with its widgets and its
// check.

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/kit"
	"berth/gui/present"
)

// entry is a form field that tells the dialog of every edit.
func entry(placeholder, text string, changed func(string)) *kit.DialogEntry {
	e := kit.NewDialogEntry()
	e.PlaceHolder, e.Text, e.OnChanged = placeholder, text, changed
	return e
}

// --- port rows -----------------------------------------------------------------------------

// PortRow is one port mapping: host IP, host port, container port, protocol.
type PortRow struct {
	HostIP        *widget.Entry
	HostPort      *widget.Entry
	ContainerPort *widget.Entry
	Proto         *widget.Select

	fields    []fyne.CanvasObject // the dialog widgets behind the four above
	d         *Dialog
	check     portCheck
	checked   string // the row values check is about
	seq       int    // bumped by every new check: older results are dropped
	timer     *time.Timer
	engineErr string // the engine's word on the row, until it is edited
}

func (d *Dialog) newPortEditor() *kit.RowEditor[*PortRow] {
	return kit.NewRowEditor(kit.RowKind[*PortRow]{
		Add:     "Add port",
		Headers: []string{"Host IP", "Host port", "Container port", "Protocol"},
		New:     func() *PortRow { return d.newPortRow(runPort{}) },
		Fields:  func(r *PortRow) (fields, after []fyne.CanvasObject) { return r.fields, nil },
		Action:  (*PortRow).fixTapped,
		Changed: func() {
			d.portsTouched = true
			d.anyChanged("")
			for _, r := range d.ports.Rows() {
				r.scheduleCheck() // a duplicate may be gone
			}
		},
		Removed: (*PortRow).stop,
	})
}

func (d *Dialog) newPortRow(p runPort) *PortRow {
	r := &PortRow{d: d}
	ip, host, ctr := entry("all", p.HostIP, r.changed), entry("e.g. 8080", p.HostPort, r.changed), entry("e.g. 80", p.ContainerPort, r.changed)
	proto := kit.NewDialogSelect([]string{"tcp", "udp", "sctp"}, p.proto(), r.changed)
	r.HostIP, r.HostPort, r.ContainerPort, r.Proto = &ip.Entry, &host.Entry, &ctr.Entry, &proto.Select
	r.fields = []fyne.CanvasObject{ip, host, ctr, proto}
	return r
}

// setPorts replaces the port rows with rows showing ports.
func (d *Dialog) setPorts(ports []runPort) {
	rows := make([]*PortRow, len(ports))
	for i, p := range ports {
		rows[i] = d.newPortRow(p)
	}
	d.ports.Set(rows)
}

func (r *PortRow) value() runPort {
	return runPort{HostIP: strings.TrimSpace(r.HostIP.Text), HostPort: strings.TrimSpace(r.HostPort.Text),
		ContainerPort: strings.TrimSpace(r.ContainerPort.Text), Proto: r.Proto.Selected}
}

func (r *PortRow) changed(s string) {
	if r.d.filling {
		return
	}
	r.d.portsTouched = true
	r.engineErr = ""
	r.d.anyChanged(s)
	r.scheduleCheck()
}

func (r *PortRow) fixTapped() {
	if r.check.Next > 0 {
		r.HostPort.SetText(strconv.Itoa(r.check.Next))
	}
}

func (r *PortRow) stop() {
	r.seq++
	if r.timer != nil {
		r.timer.Stop()
	}
}

// key names the values a port check is about.
func (r *PortRow) key() string {
	p := r.value()
	return p.HostIP + "|" + p.HostPort + "|" + p.proto()
}

// portResult is a port check done off the UI goroutine, for the row it was about.
type portResult struct {
	row   *PortRow
	seq   int
	key   string
	check portCheck
}

// scheduleCheck checks, after a pause in typing and off the UI goroutine,
// whether the row's host port is free on this machine and among the
// engine's containers.
func (r *PortRow) scheduleCheck() {
	r.stop()
	d := r.d
	p := r.value()
	port, err := strconv.Atoi(p.HostPort)
	if err != nil || port < 1 || port > 65535 || d.closed {
		r.check, r.checked = portCheck{}, ""
		return
	}
	seq, key := r.seq, r.key()
	skip := map[int]bool{}
	for _, x := range d.ports.Rows() {
		if n, err := strconv.Atoi(strings.TrimSpace(x.HostPort.Text)); err == nil {
			skip[n] = true
		}
	}
	ip, proto, local := strings.Trim(p.HostIP, "[]"), p.proto(), d.local
	r.timer = time.AfterFunc(d.debounce, func() {
		if d.ctx.Err() != nil {
			return
		}
		res := checkHostPort(d.h.State().Snapshot(), local, ip, port, proto, skip)
		d.portResults.Post([]portResult{{row: r, seq: seq, key: key, check: res}})
	})
}

// applyPortResults shows the port checks that are still about their rows.
func (d *Dialog) applyPortResults(results []portResult) {
	if d.closed {
		return
	}
	for _, res := range results {
		if res.seq == res.row.seq {
			res.row.check, res.row.checked = res.check, res.key
		}
	}
	d.validate()
	d.async("port")
}

// What a port row says of where it publishes, when nothing is wrong with it.
const (
	notPublished = "Not published: type a host port (the container port is the image's)."
	everyAddress = "Publishes on port %s of every address of this machine: others on your network can reach it. Type 127.0.0.1 as host IP to keep it to this machine."
)

// portMessage checks a row; seen collects host ports (by protocol) to find
// the same port mapped twice.
func (d *Dialog) portMessage(r *PortRow, seen map[string][]string) kit.RowMessage {
	p := r.value()
	if p.empty() {
		return kit.RowMessage{}
	}
	msg := ""
	ip := strings.Trim(p.HostIP, "[]")
	switch {
	case ip != "" && net.ParseIP(ip) == nil:
		msg = fmt.Sprintf("Host IP %q is not an IP address; leave it empty for all addresses.", p.HostIP)
	case portFieldError("Host port", p.HostPort, true) != "":
		msg = portFieldError("Host port", p.HostPort, true)
	case portFieldError("Container port", p.ContainerPort, false) != "":
		msg = portFieldError("Container port", p.ContainerPort, false)
	case engine.ValidatePorts(p.String()) != nil:
		msg = present.Explain(engine.ValidatePorts(p.String()))
	case p.HostPort != "":
		k := p.HostPort + "/" + p.proto()
		for _, other := range seen[k] {
			if engine.AnyAddress(other) || engine.AnyAddress(ip) || other == ip {
				msg = fmt.Sprintf("Host port %s is already mapped in another row.", p.HostPort)
				break
			}
		}
		seen[k] = append(seen[k], ip)
	}
	if msg != "" {
		return kit.RowMessage{Text: msg, Importance: widget.DangerImportance, Invalid: true}
	}
	c := portCheck{}
	if r.checked == r.key() {
		c = r.check
	}
	var m kit.RowMessage
	switch {
	case r.engineErr != "":
		m = kit.RowMessage{Text: r.engineErr, Importance: widget.DangerImportance}
	case c.InUse && c.By != "":
		m = kit.RowMessage{Text: fmt.Sprintf("Port %s is in use by container %s.", p.HostPort, c.By), Importance: widget.WarningImportance}
	case c.InUse:
		m = kit.RowMessage{Text: fmt.Sprintf("Port %s is in use.", p.HostPort), Importance: widget.WarningImportance}
	case !p.published():
		m = kit.RowMessage{Text: notPublished, Importance: widget.WarningImportance}
	case ip == "":
		m = kit.RowMessage{Text: fmt.Sprintf(everyAddress, p.HostPort), Importance: widget.LowImportance}
	}
	if c.InUse && c.Next > 0 {
		m.Action = fmt.Sprintf("Use %d", c.Next)
	}
	return m
}

// portFieldError checks a port or port range as typed; "" when it is fine.
func portFieldError(what, s string, optional bool) string {
	s = strings.TrimSpace(s)
	if s == "" {
		if optional {
			return ""
		}
		return "Type the " + strings.ToLower(what) + ", for example 80."
	}
	lo, hi, isRange := strings.Cut(s, "-")
	parts := []string{lo}
	if isRange {
		parts = append(parts, hi)
	}
	var nums []int
	for _, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || strings.HasPrefix(p, "+") {
			return fmt.Sprintf("%s %q is not a number.", what, s)
		}
		if n < 1 || n > 65535 {
			return fmt.Sprintf("%s %d is out of range: use 1 to 65535.", what, n)
		}
		nums = append(nums, n)
	}
	if isRange && nums[0] > nums[1] {
		return fmt.Sprintf("%s range %s goes backwards.", what, s)
	}
	return ""
}

// portRowsFor picks the port rows an error about host port hostPort
// ("8080", "127.0.0.1:8080", "" if unknown) is about: the rows whose host
// port (or range) holds it, else every row with a host port.
func (d *Dialog) portRowsFor(hostPort string) []*PortRow {
	if i := strings.LastIndexByte(hostPort, ':'); i >= 0 {
		hostPort = hostPort[i+1:]
	}
	want, _ := strconv.Atoi(hostPort)
	var named, withHost []*PortRow
	for _, r := range d.ports.Rows() {
		hp := strings.TrimSpace(r.HostPort.Text)
		if hp == "" {
			continue
		}
		withHost = append(withHost, r)
		lo, hi, isRange := strings.Cut(hp, "-")
		a, _ := strconv.Atoi(lo)
		b := a
		if isRange {
			b, _ = strconv.Atoi(hi)
		}
		if want != 0 && want >= a && want <= b {
			named = append(named, r)
		}
	}
	if len(named) > 0 {
		return named
	}
	return withHost
}

// --- environment rows ----------------------------------------------------------------------

// envRow is one KEY=value environment variable.
type envRow struct {
	key, value *kit.DialogEntry
}

func (d *Dialog) newEnvEditor() *kit.RowEditor[*envRow] {
	return kit.NewRowEditor(kit.RowKind[*envRow]{
		Add: "Add variable",
		New: func() *envRow { return d.newEnvRow(runEnv{}) },
		Fields: func(r *envRow) (fields, after []fyne.CanvasObject) {
			return []fyne.CanvasObject{r.key, r.value}, nil
		},
		Changed: func() { d.anyChanged("") },
	})
}

func (d *Dialog) newEnvRow(e runEnv) *envRow {
	return &envRow{key: entry("KEY", e.Key, d.anyChanged), value: entry("value", e.Value, d.anyChanged)}
}

func envMessage(r *envRow) kit.RowMessage {
	k, v := r.key.Text, r.value.Text
	msg := ""
	switch {
	case k == "" && v == "":
	case strings.TrimSpace(k) == "":
		msg = "The variable needs a name: KEY=value."
	case strings.Contains(k, "="):
		msg = "A variable name cannot contain \"=\"."
	}
	return kit.RowMessage{Text: msg, Importance: widget.DangerImportance, Invalid: msg != ""}
}

// --- bind mount rows -----------------------------------------------------------------------

// bindRow is one bind mount: a host path or a volume (one of the engine's,
// from the drop-down, or a new one by name), container path, read-only.
type bindRow struct {
	host     *imageField
	ctr      *kit.DialogEntry
	readOnly *kit.DialogCheck
}

func (d *Dialog) newBindEditor() *kit.RowEditor[*bindRow] {
	return kit.NewRowEditor(kit.RowKind[*bindRow]{
		Add: "Add volume",
		New: func() *bindRow { return d.newBindRow(engine.Bind{}) },
		Fields: func(r *bindRow) (fields, after []fyne.CanvasObject) {
			return []fyne.CanvasObject{r.host, r.ctr}, []fyne.CanvasObject{r.readOnly}
		},
		Changed: func() { d.anyChanged("") },
	})
}

func (d *Dialog) newBindRow(b engine.Bind) *bindRow {
	r := &bindRow{host: newVolumeField(d, b.HostPath), ctr: entry("Container path, e.g. /data", b.ContainerPath, d.anyChanged)}
	r.readOnly = kit.NewDialogCheck("read-only", b.ReadOnly, func(bool) { d.anyChanged("") })
	return r
}

func (r *bindRow) value() engine.Bind {
	return engine.Bind{HostPath: strings.TrimSpace(r.host.Text), ContainerPath: strings.TrimSpace(r.ctr.Text), ReadOnly: r.readOnly.Checked}
}

func (d *Dialog) bindMessage(r *bindRow) kit.RowMessage {
	b := r.value()
	msg := ""
	switch {
	case b.HostPath == "" && b.ContainerPath == "":
	case b.HostPath == "":
		msg = "Type a host path, for example /srv/www, or a volume's name (pick one, or name a new one)."
	case b.IsVolume():
		return d.volumeMessage(b)
	case b.ContainerPath == "":
		msg = "Type the path inside the container, for example /data."
	case strings.Contains(b.HostPath, ":") || strings.Contains(b.ContainerPath, ":"):
		msg = "A path cannot contain \":\"."
	case !strings.HasPrefix(b.ContainerPath, "/"):
		msg = "The container path must be absolute: start it with /."
	}
	return kit.RowMessage{Text: msg, Importance: widget.DangerImportance, Invalid: msg != ""}
}
