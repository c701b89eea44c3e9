package stats

import (
	"context"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// TopEvery is how often the Processes pane asks the engine again while shown.
const TopEvery = 3 * time.Second

// Process is one row of the Processes pane.
type Process struct {
	PID, User, Time, Command string
}

// Processes is the Processes pane of one container: `docker top`, again
// every TopEvery while the pane is shown.
type Processes struct {
	h   Host
	api engine.StatsAPI
	c   engine.Container

	table   *kit.Table[Process]
	status  *widget.Label
	content fyne.CanvasObject

	// UI goroutine only.
	rows   []Process
	cancel context.CancelFunc
	closed bool
	asked  int // answers received, for tests
}

// NewProcesses makes the Processes pane of container c.
func NewProcesses(h Host, api engine.StatsAPI, c engine.Container) *Processes {
	p := &Processes{h: h, api: api, c: c, status: widget.NewLabel("")}
	p.status.Wrapping = fyne.TextWrapWord
	p.status.Hide()
	text := func(get func(*Process) string) func(*Process, fyne.CanvasObject) {
		return func(r *Process, o fyne.CanvasObject) { o.(*widget.Label).SetText(get(r)) }
	}
	num := func(a, b *Process) int { x, _ := strconv.Atoi(a.PID); y, _ := strconv.Atoi(b.PID); return x - y }
	cols := []kit.Column[Process]{
		{Title: i18n.T("stats.col.pid"), Width: 80, Create: cellLabel, Update: text(func(r *Process) string { return r.PID }), Compare: num},
		{Title: i18n.T("stats.col.user"), Width: 100, Create: cellLabel, Update: text(func(r *Process) string { return r.User })},
		{Title: i18n.T("stats.col.time"), Width: 100, Create: cellLabel, Update: text(func(r *Process) string { return r.Time })},
		{Title: i18n.T("stats.col.command"), Width: 300, Fill: true, Create: cellLabel, Update: text(func(r *Process) string { return r.Command })},
	}
	p.table = kit.NewTable(cols, func() int { return len(p.rows) }, func(i int) *Process {
		if i < len(p.rows) {
			return &p.rows[i]
		}
		return nil
	})
	p.table.OnSort = func() {
		slices.SortStableFunc(p.rows, func(a, b Process) int { return p.table.Compare(&a, &b) })
	}
	p.content = container.NewBorder(p.status, nil, nil, nil, p.table)
	return p
}

func cellLabel() fyne.CanvasObject {
	l := kit.CellLabel()
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// Content is the pane.
func (p *Processes) Content() fyne.CanvasObject { return p.content }

// Shown asks the engine now and every TopEvery until Hidden.
func (p *Processes) Shown() {
	if p.closed || p.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(p.h.Context())
	p.cancel = cancel
	go p.poll(ctx)
}

// Hidden stops asking.
func (p *Processes) Hidden() {
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
}

// Close stops for good.
func (p *Processes) Close() { p.Hidden(); p.closed = true }

func (p *Processes) poll(ctx context.Context) {
	tick := time.NewTicker(TopEvery)
	defer tick.Stop()
	for {
		top, err := p.api.ContainerTop(ctx, p.c.ID)
		if ctx.Err() != nil {
			return
		}
		p.h.Do(func() {
			if ctx.Err() == nil {
				p.show(top, err)
			}
		})
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (p *Processes) show(top engine.Processes, err error) {
	p.asked++
	if err != nil {
		if engine.IsKind(err, engine.ErrNotRunning) {
			p.status.SetText(i18n.T("stats.processes.notRunning", "Name", p.c.Name))
		} else {
			p.status.SetText(i18n.T("stats.processes.failed", "Why", present.Explain(err)))
		}
		p.status.Show()
		p.rows = p.rows[:0]
		p.table.Refresh()
		return
	}
	p.status.Hide()
	p.rows = RowsOf(top, p.rows[:0])
	slices.SortStableFunc(p.rows, func(a, b Process) int { return p.table.Compare(&a, &b) })
	p.table.Refresh()
}

// RowsOf picks PID, user, CPU time and command out of `docker top`'s
// columns (ps -ef's by default: UID PID PPID C STIME TTY TIME CMD), appended to rows.
func RowsOf(top engine.Processes, rows []Process) []Process {
	pid, user := top.Column(i18n.Code("PID")), top.Column(i18n.Code("UID"), i18n.Code("USER"))
	tm, cmd := top.Column(i18n.Code("TIME")), top.Column(i18n.Code("CMD"), i18n.Code("COMMAND"))
	at := func(r []string, i int) string {
		if i >= 0 && i < len(r) {
			return r[i]
		}
		return ""
	}
	for _, r := range top.Rows {
		rows = append(rows, Process{PID: at(r, pid), User: at(r, user), Time: at(r, tm), Command: at(r, cmd)})
	}
	return rows
}

// Rows are the rows shown (for tests).
func (p *Processes) Rows() []Process { return p.rows }

// Status is the line over the table ("" when hidden).
func (p *Processes) Status() string {
	if !p.status.Visible() {
		return ""
	}
	return p.status.Text
}
