package run

// The three row kinds of the dialog (port mappings, environment variables,
// bind mounts), each a kit.RowEditor configured with its widgets and its
// check.

import (
	"net"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
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
		Add:     i18n.T("run.port.add"),
		Headers: []string{i18n.T("run.port.hostIP"), i18n.T("run.port.hostPort"), i18n.T("run.port.containerPort"), i18n.T("run.port.protocol")},
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
	ip, host, ctr := entry(i18n.T("run.port.hostIPPlaceholder"), p.HostIP, r.changed), entry(i18n.T("run.port.hostPortPlaceholder"), p.HostPort, r.changed), entry(i18n.T("run.port.containerPortPlaceholder"), p.ContainerPort, r.changed)
	proto := kit.NewDialogSelect([]string{i18n.Code("tcp"), i18n.Code("udp"), i18n.Code("sctp")}, p.proto(), r.changed)
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
	d.async(i18n.Code("port"))
}

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
		msg = i18n.T("run.port.badIP", "IP", strconv.Quote(p.HostIP))
	case portFieldError(true, p.HostPort) != "":
		msg = portFieldError(true, p.HostPort)
	case portFieldError(false, p.ContainerPort) != "":
		msg = portFieldError(false, p.ContainerPort)
	case engine.ValidatePorts(p.String()) != nil:
		msg = present.Explain(engine.ValidatePorts(p.String()))
	case p.HostPort != "":
		k := p.HostPort + "/" + p.proto()
		for _, other := range seen[k] {
			if engine.AnyAddress(other) || engine.AnyAddress(ip) || other == ip {
				msg = i18n.T("run.port.duplicate", "Port", p.HostPort)
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
		m = kit.RowMessage{Text: i18n.T("run.port.inUseBy", "Port", p.HostPort, "Container", c.By), Importance: widget.WarningImportance}
	case c.InUse:
		m = kit.RowMessage{Text: i18n.T("run.port.inUse", "Port", p.HostPort), Importance: widget.WarningImportance}
	case !p.published():
		m = kit.RowMessage{Text: i18n.T("run.port.notPublished"), Importance: widget.WarningImportance}
	case ip == "":
		m = kit.RowMessage{Text: i18n.T("run.port.everyAddress", "Port", p.HostPort), Importance: widget.LowImportance}
	}
	if c.InUse && c.Next > 0 {
		m.Action = i18n.T("run.port.use", "Port", c.Next)
	}
	return m
}

// portFieldError checks a port or port range as typed, the host port (may
// be empty) or the container port; "" when it is fine.
func portFieldError(host bool, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		if host {
			return ""
		}
		return i18n.T("run.port.container.missing")
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
			if host {
				return i18n.T("run.port.host.notNumber", "Value", strconv.Quote(s))
			}
			return i18n.T("run.port.container.notNumber", "Value", strconv.Quote(s))
		}
		if n < 1 || n > 65535 {
			if host {
				return i18n.T("run.port.host.outOfRange", "Port", n)
			}
			return i18n.T("run.port.container.outOfRange", "Port", n)
		}
		nums = append(nums, n)
	}
	if isRange && nums[0] > nums[1] {
		if host {
			return i18n.T("run.port.host.backwards", "Range", s)
		}
		return i18n.T("run.port.container.backwards", "Range", s)
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
		Add: i18n.T("run.env.add"),
		New: func() *envRow { return d.newEnvRow(runEnv{}) },
		Fields: func(r *envRow) (fields, after []fyne.CanvasObject) {
			return []fyne.CanvasObject{r.key, r.value}, nil
		},
		Changed: func() { d.anyChanged("") },
	})
}

func (d *Dialog) newEnvRow(e runEnv) *envRow {
	return &envRow{key: entry(i18n.T("run.env.keyPlaceholder"), e.Key, d.anyChanged), value: entry(i18n.T("run.env.valuePlaceholder"), e.Value, d.anyChanged)}
}

func envMessage(r *envRow) kit.RowMessage {
	k, v := r.key.Text, r.value.Text
	msg := ""
	switch {
	case k == "" && v == "":
	case strings.TrimSpace(k) == "":
		msg = i18n.T("run.env.noName")
	case strings.Contains(k, "="):
		msg = i18n.T("run.env.equals")
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
		Add: i18n.T("run.bind.add"),
		New: func() *bindRow { return d.newBindRow(engine.Bind{}) },
		Fields: func(r *bindRow) (fields, after []fyne.CanvasObject) {
			return []fyne.CanvasObject{r.host, r.ctr}, []fyne.CanvasObject{r.readOnly}
		},
		Changed: func() { d.anyChanged("") },
	})
}

func (d *Dialog) newBindRow(b engine.Bind) *bindRow {
	r := &bindRow{host: newVolumeField(d, b.HostPath), ctr: entry(i18n.T("run.bind.containerPlaceholder"), b.ContainerPath, d.anyChanged)}
	r.readOnly = kit.NewDialogCheck(i18n.T("run.bind.readOnly"), b.ReadOnly, func(bool) { d.anyChanged("") })
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
		msg = i18n.T("run.bind.noHost")
	case b.IsVolume():
		return d.volumeMessage(b)
	case b.ContainerPath == "":
		msg = i18n.T("run.bind.noContainer")
	case strings.Contains(b.HostPath, ":") || strings.Contains(b.ContainerPath, ":"):
		msg = i18n.T("run.bind.colon")
	case !strings.HasPrefix(b.ContainerPath, "/"):
		msg = i18n.T("run.bind.absolute")
	}
	return kit.RowMessage{Text: msg, Importance: widget.DangerImportance, Invalid: msg != ""}
}
