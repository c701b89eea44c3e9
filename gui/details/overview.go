package details

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// overview is the Overview tab: what the container is and how it runs, as
// a form of sections, rebuilt on each inspect.
// NetworkHost is what a shell offers to connect the container to networks
// and disconnect it (the Networks feature); without it the Overview only
// lists them.
type NetworkHost interface {
	ConnectNetwork(c engine.Container)
	DisconnectNetwork(c engine.Container, network string)
}

type overview struct {
	v       *View
	form    *fyne.Container
	scroll  *container.Scroll
	sizeBtn *widget.Button
	size    *widget.Label
	sized   string // the size text, kept across rebuilds
}

func newOverview(v *View) *overview {
	o := &overview{v: v, form: container.NewVBox(widget.NewLabel(i18n.T("details.loading")))}
	o.size = widget.NewLabel("")
	o.sizeBtn = &widget.Button{Text: i18n.T("details.size.compute"), Icon: theme.StorageIcon(), OnTapped: o.computeSize}
	o.scroll = container.NewVScroll(container.NewPadded(o.form))
	return o
}

func (o *overview) Content() fyne.CanvasObject { return o.scroll }
func (o *overview) Shown()                     {}
func (o *overview) Hidden()                    {}
func (o *overview) Close()                     {}

func (o *overview) failed(err error) {
	o.form.Objects = []fyne.CanvasObject{kit.WrapLabel(i18n.T("details.inspectFailed", "Why", present.Explain(err)), widget.DangerImportance)}
	o.form.Refresh()
}

// text is a selectable, wrapping value.
func text(s string) *widget.Label {
	l := &widget.Label{Text: s, Wrapping: fyne.TextWrapWord, Selectable: true}
	return l
}

func heading(s string) fyne.CanvasObject {
	return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.HighImportance}
}

// section is a titled form of rows.
type section struct {
	title string
	rows  []fyne.CanvasObject
}

func (s *section) add(key string, value fyne.CanvasObject) {
	s.rows = append(s.rows, &widget.Label{Text: key, Importance: widget.LowImportance}, value)
}

func (s *section) addText(key, value string) {
	if value != "" {
		s.add(key, text(value))
	}
}

// column is one form of sections, their keys aligned.
func column(secs ...*section) fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, s := range secs {
		if len(s.rows) > 0 {
			rows = append(rows, heading(s.title), widget.NewLabel(""))
			rows = append(rows, s.rows...)
		}
	}
	return container.New(layout.NewFormLayout(), rows...)
}

// show fills the form from d.
func (o *overview) show(d engine.ContainerDetails) {
	now := o.v.h.Now()
	main := &section{title: i18n.T("details.section.container")}
	main.addText(i18n.T("details.field.name"), d.Name)
	main.addText(i18n.T("details.field.id"), d.ID)
	main.addText(i18n.T("details.field.image"), d.Image)
	main.addText(i18n.T("details.field.imageID"), d.ImageID)
	main.addText(i18n.T("details.field.entrypoint"), present.Argv(d.Entrypoint))
	main.addText(i18n.T("details.field.command"), present.Argv(d.Cmd))
	main.addText(i18n.T("details.field.workdir"), d.WorkingDir)
	main.addText(i18n.T("details.field.user"), d.User)
	main.addText(i18n.T("details.field.hostname"), d.Hostname)
	main.addText(i18n.T("details.field.created"), present.When(d.Created, now))

	state := &section{title: i18n.T("details.section.state")}
	st := string(d.State)
	if d.Pid > 0 {
		st = i18n.T("details.state.process", "State", st, "Pid", d.Pid)
	}
	state.addText(i18n.T("details.field.state"), st)
	state.addText(i18n.T("details.field.started"), present.When(d.Started, now))
	if !d.Running() {
		if !d.Finished.IsZero() {
			state.addText(i18n.T("details.field.finished"), present.When(d.Finished, now))
		}
		exit := strconv.Itoa(d.ExitCode)
		if d.OOMKilled {
			exit = i18n.T("details.exit.oom", "Code", exit)
		}
		state.addText(i18n.T("details.field.exitCode"), exit)
	}
	state.addText(i18n.T("details.field.error"), d.Error)
	state.addText(i18n.T("details.field.restart"), present.RestartText(d.Restart, d.MaxRetries, d.Restarts))
	if h := d.Health; h != nil {
		hs := h.Status
		if h.FailingStreak > 0 {
			hs = i18n.N("details.health.failing", h.FailingStreak, "Status", hs)
		}
		state.addText(i18n.T("details.field.health"), hs)
		for i := len(h.Log) - 1; i >= 0 && i >= len(h.Log)-5; i-- {
			state.add(i18n.T("details.field.check"), text(present.HealthLine(h.Log[i])))
		}
	}
	o.size.SetText(o.sized)
	state.add(i18n.T("details.field.writable"), container.NewHBox(o.sizeBtn, o.size))

	ports := &section{title: i18n.T("details.section.ports")}
	for _, p := range d.Ports {
		ports.add(strconv.Itoa(int(p.ContainerPort))+"/"+p.Proto, o.portValue(p))
	}

	mounts := &section{title: i18n.T("details.section.mounts")}
	for _, m := range d.Mounts {
		mounts.add(m.Destination, text(present.MountText(m)))
	}

	nets := &section{title: i18n.T("details.section.networks")}
	for _, n := range d.Networks {
		parts := []string{}
		for _, s := range []string{n.IPAddress, n.IPv6} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		if n.Gateway != "" {
			parts = append(parts, i18n.T("details.net.gateway", "Gateway", n.Gateway))
		}
		if len(n.Aliases) > 0 {
			parts = append(parts, i18n.T("details.net.aliases", "Aliases", i18n.Join(n.Aliases)))
		}
		if len(parts) == 0 {
			parts = append(parts, i18n.T("details.net.noAddress"))
		}
		value := fyne.CanvasObject(text(strings.Join(parts, " · ")))
		if nh, ok := o.v.h.(NetworkHost); ok {
			name := n.Name
			value = container.NewBorder(nil, nil, nil,
				kit.NewTipButton(theme.ContentRemoveIcon(), i18n.T("details.net.disconnect", "Network", name), func() { nh.DisconnectNetwork(o.v.c, name) }), value)
		}
		nets.add(n.Name, value)
	}
	if nh, ok := o.v.h.(NetworkHost); ok {
		nets.add("", container.NewHBox(&widget.Button{Text: i18n.T("details.net.connect"), Icon: theme.ContentAddIcon(),
			OnTapped: func() { nh.ConnectNetwork(o.v.c) }}))
	}

	labels := &section{title: i18n.T("details.section.labels")}
	keys := make([]string, 0, len(d.Labels))
	for k := range d.Labels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		labels.add(k, text(d.Labels[k]))
	}

	o.form.Objects = []fyne.CanvasObject{container.NewGridWithColumns(2,
		container.NewVBox(column(main, state)), container.NewVBox(column(ports, mounts, nets, labels)))}
	o.form.Refresh()
}

// portValue is a published port as a link to its address, else its words.
func (o *overview) portValue(p engine.PortBinding) fyne.CanvasObject {
	raw := p.URL()
	if raw == "" || p.Proto != "tcp" {
		if p.HostPort != 0 {
			return text(i18n.T("details.port.host", "Address", p.HostIP+":"+strconv.Itoa(int(p.HostPort))))
		}
		return text(i18n.T("details.port.exposed"))
	}
	u, err := url.Parse(raw)
	if err != nil {
		return text(raw)
	}
	link := widget.NewHyperlink(raw, u)
	link.OnTapped = func() {
		if err := o.v.h.OpenURL(u); err != nil {
			o.v.ask(kit.Question{Title: i18n.T("details.port.openFailed", "Address", raw), Message: present.NoBrowserText(err), Choices: []kit.Choice{
				{Text: i18n.T("details.port.copy"), Icon: theme.ContentCopyIcon(), Run: func() { o.v.h.App().Clipboard().SetContent(raw) }},
				kit.OK(),
			}})
		}
	}
	return link
}

// computeSize asks the engine for the writable layer's size (slow: only on request).
func (o *overview) computeSize() {
	o.sizeBtn.Disable()
	o.size.SetText(i18n.T("details.size.computing"))
	id := o.v.c.ID
	go func() {
		s, err := o.v.api.Inspect.ContainerSize(o.v.ctx, id)
		o.v.h.Do(func() {
			o.sizeBtn.Enable()
			if err != nil {
				o.sized = i18n.T("details.size.failed", "Why", present.Explain(err))
			} else {
				o.sized = i18n.T("details.size.value", "Written", present.HumanSize(s.RW), "Total", present.HumanSize(s.RootFS))
			}
			o.size.SetText(o.sized)
		})
	}()
}
