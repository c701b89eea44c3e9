// Package tutorial is the "Getting started" page: the steps of the
// tutorial Berth exists for ("Docker 시작하기": check the version, run nginx
// with a published port, see it, open it, list, stop, start, remove it,
// list and remove the image), each with the command the tutorial types and
// the button that does it here. Each step ticks itself from the engine's
// state and events, however it was done: in Berth or in a terminal.
package tutorial

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Host is what the page needs from the shell.
type Host interface {
	Do(func())                // run on the UI goroutine
	Context() context.Context // canceled when the UI closes
	State() engine.State      // the live state the steps tick from
	Ask(q kit.Question)       // ask before removing
	OpenURL(u *url.URL) error // open the web server in the browser
	ShowTab(title string)     // bring a tab of the main window to the front ("Containers", "Images")
}

// Options choose the tutorial's container; zero values are the tutorial's own.
type Options struct {
	Name     string // the container's name: webserver
	Image    string // the image: nginx (from Docker Hub)
	HostPort int    // the host port to publish: the first free one from 8080
}

// Step names, in the tutorial's order.
const (
	StepVersion = iota
	StepRun
	StepSee
	StepBrowse
	StepListAll
	StepStop
	StepStart
	StepRemove
	StepImages
	StepRemoveImage
	stepCount
)

// step is one step on the page.
type step struct {
	title   string
	text    string
	command string // what the tutorial types
	button  *widget.Button
	tick    *widget.Icon
	here    *widget.Label // the command Berth runs, when it differs
	msg     *widget.Label // what happened: an error in plain words, a note
	done    bool
}

// Page is the "Getting started" page.
type Page struct {
	h    Host
	api  *engine.Client
	ask  func(kit.Question)
	opts Options

	steps   [stepCount]*step
	content fyne.CanvasObject
	intro   *widget.Label
	// fallback offers local images that serve on a port, when the tutorial's cannot be pulled.
	fallback       *fyne.Container
	fallbackText   *widget.Label
	fallbackSelect *widget.Select
	fallbackPorts  map[string]string // image -> its first exposed TCP port

	unsub   func()
	ctx     context.Context // ends when the page closes (or the UI does)
	cancel  context.CancelFunc
	updates *kit.Coalescer[engine.Snapshot]

	// What the page knows (UI goroutine only).
	snap        engine.Snapshot
	ctrPort     string // the container port to publish: 80, or the fallback image's
	cid         string // the tutorial container's ID, once it exists
	seenRunning bool
	seenImage   bool
	probing     bool
	answered    string // the URL that answered
	busy        bool
}

// DefaultName and DefaultImage are the tutorial's.
var (
	DefaultName  = i18n.Code("webserver")
	DefaultImage = i18n.Code("nginx")
)

// New makes the page; it follows the engine's state until Close.
func New(h Host, api *engine.Client, opts Options) *Page {
	if opts.Name == "" {
		opts.Name = DefaultName
	}
	if opts.Image == "" {
		opts.Image = DefaultImage
	}
	if opts.HostPort == 0 {
		opts.HostPort = freePort(8080)
	}
	p := &Page{h: h, api: api, ask: h.Ask, opts: opts, ctrPort: "80"}
	p.ctx, p.cancel = context.WithCancel(h.Context())
	p.build()
	p.updates = kit.NewCoalescer(h.Do, nil, p.apply)
	p.unsub = h.State().Subscribe(func(s engine.Snapshot, _ engine.Change) { p.updates.Post(s) })
	p.apply(h.State().Snapshot())
	if opts.Image != DefaultImage {
		p.useImage(opts.Image, true)
	}
	return p
}

// Content is the page.
func (p *Page) Content() fyne.CanvasObject { return p.content }

// Close stops following the engine and ends what the page asked of it.
func (p *Page) Close() {
	p.unsub()
	p.cancel()
}

// Done reports whether step i has ticked (tests).
func (p *Page) Done(i int) bool { return p.steps[i].done }

// Button is step i's button (tests tap it).
func (p *Page) Button(i int) *widget.Button { return p.steps[i].button }

// Message is what step i says happened, "" for nothing (tests).
func (p *Page) Message(i int) string { return p.steps[i].msg.Text }

// FallbackImages are the local images offered when the tutorial's cannot
// be pulled, nil while none is offered (tests).
func (p *Page) FallbackImages() []string {
	if !p.fallback.Visible() {
		return nil
	}
	return p.fallbackSelect.Options
}

// ChooseFallback picks a local image from the offer (tests; the select does it).
func (p *Page) ChooseFallback(image string) { p.fallbackSelect.SetSelected(image) }

// Image is the image the tutorial runs now.
func (p *Page) Image() string { return p.opts.Image }

func (p *Page) build() {
	o := p.opts
	mk := func(i int, title, text, command, button string, icon fyne.Resource, tapped func()) {
		s := &step{title: title, text: text, command: command}
		s.button = &widget.Button{Text: button, Icon: icon, OnTapped: tapped}
		s.tick = widget.NewIcon(theme.RadioButtonIcon())
		s.here = kit.WrapLabel("", widget.LowImportance)
		s.here.Hide()
		s.msg = kit.WrapLabel("", widget.MediumImportance)
		s.msg.Hide()
		p.steps[i] = s
	}
	name := o.Name
	mk(StepVersion, i18n.T("tutorial.version.title"), i18n.T("tutorial.version.text"), i18n.Code("docker --version"),
		i18n.T("tutorial.version.button"), theme.InfoIcon(), p.version)
	mk(StepRun, i18n.T("tutorial.run.title"), i18n.T("tutorial.run.text"), i18n.Code("docker run --detach --publish=80:80 --name=webserver nginx"),
		i18n.T("tutorial.run.button"), theme.MediaPlayIcon(), p.run)
	mk(StepSee, i18n.T("tutorial.see.title"), i18n.T("tutorial.see.text"), i18n.Code("docker ps"),
		i18n.T("tutorial.see.button"), theme.ListIcon(), func() { p.h.ShowTab(i18n.Code("Containers")) })
	mk(StepBrowse, i18n.T("tutorial.browse.title"), i18n.T("tutorial.browse.text"), i18n.Code("http://localhost/"),
		i18n.T("tutorial.browse.button"), theme.ComputerIcon(), p.browse)
	mk(StepListAll, i18n.T("tutorial.listAll.title"), i18n.T("tutorial.listAll.text"), i18n.Code("docker container ls -a"),
		i18n.T("tutorial.listAll.button"), theme.ListIcon(), func() { p.h.ShowTab(i18n.Code("Containers")) })
	mk(StepStop, i18n.T("tutorial.stop.title"), i18n.T("tutorial.stop.text"), i18n.Code("docker container stop webserver"),
		i18n.T("tutorial.stop.button", "Name", name), theme.MediaStopIcon(), p.stop)
	mk(StepStart, i18n.T("tutorial.start.title"), i18n.T("tutorial.start.text"), i18n.Code("docker container start webserver"),
		i18n.T("tutorial.start.button", "Name", name), theme.MediaPlayIcon(), p.start)
	mk(StepRemove, i18n.T("tutorial.remove.title"), i18n.T("tutorial.remove.text"), i18n.Code("docker container rm webserver"),
		i18n.T("tutorial.remove.button", "Name", name), theme.DeleteIcon(), p.remove)
	mk(StepImages, i18n.T("tutorial.images.title"), i18n.T("tutorial.images.text"), i18n.Code("docker images"),
		i18n.T("tutorial.images.button"), theme.StorageIcon(), func() { p.h.ShowTab(i18n.Code("Images")) })
	mk(StepRemoveImage, i18n.T("tutorial.removeImage.title"), i18n.T("tutorial.removeImage.text"), i18n.Code("docker image rm nginx"),
		i18n.T("tutorial.removeImage.button"), theme.DeleteIcon(), p.removeImage)

	p.fallbackText = kit.WrapLabel("", widget.WarningImportance)
	p.fallbackSelect = widget.NewSelect(nil, func(img string) {
		if img != "" {
			p.useImage(img, false)
		}
	})
	p.fallbackSelect.PlaceHolder = i18n.T("tutorial.fallback.choose")
	p.fallback = container.NewVBox(p.fallbackText, p.fallbackSelect)
	p.fallback.Hide()

	p.intro = kit.WrapLabel(i18n.T("tutorial.intro"), widget.MediumImportance)
	rows := container.NewVBox(p.intro)
	for i, s := range p.steps {
		title := widget.NewLabelWithStyle(i18n.T("tutorial.step", "N", i+1, "Title", s.title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		// The command alone in the monospace face: Hangul beside it would not fit its line height.
		where := i18n.T("tutorial.terminal")
		if i == StepBrowse {
			where = i18n.T("tutorial.browser")
		}
		cmd := container.NewHBox(widget.NewLabel(where),
			widget.NewLabelWithStyle(s.command, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}))
		body := container.NewVBox(title, kit.WrapLabel(s.text, widget.MediumImportance),
			container.NewBorder(nil, nil, nil, container.NewVBox(s.button), container.NewVBox(cmd, s.here)), s.msg)
		if i == StepRun {
			body.Add(p.fallback)
		}
		rows.Add(container.NewBorder(nil, nil, container.NewVBox(s.tick), nil, body))
		rows.Add(widget.NewSeparator())
	}
	p.content = container.NewVScroll(container.NewPadded(rows))
	p.updateHere()
}

// spec is what the run step runs.
func (p *Page) spec() engine.RunSpec {
	return engine.RunSpec{Image: p.opts.Image, Name: p.opts.Name,
		Ports: []string{strconv.Itoa(p.opts.HostPort) + ":" + p.ctrPort}}
}

// updateHere shows the commands as Berth runs them, where they differ from the tutorial's.
func (p *Page) updateHere() {
	q := engine.Quote(p.opts.Name)
	here := map[int]string{
		StepRun:         engine.RunCommand(p.spec()),
		StepStop:        i18n.Code("docker container stop ") + q,
		StepStart:       i18n.Code("docker container start ") + q,
		StepRemove:      i18n.Code("docker container rm ") + q,
		StepRemoveImage: i18n.Code("docker image rm ") + engine.Quote(p.opts.Image),
		StepBrowse:      i18n.Code("http://localhost:") + strconv.Itoa(p.opts.HostPort) + "/",
	}
	for i, s := range p.steps {
		h, ok := here[i]
		if !ok || h == s.command {
			s.here.Hide()
			continue
		}
		kit.SetLabel(s.here, i18n.T("tutorial.here", "Command", h), fyne.TextStyle{}, widget.LowImportance)
		s.here.Show()
	}
}

// say shows a message under step i ("" hides it).
func (p *Page) say(i int, text string, imp widget.Importance) {
	s := p.steps[i]
	kit.SetLabel(s.msg, text, fyne.TextStyle{}, imp)
	kit.Show(s.msg, text != "")
}

// apply ticks the steps from a snapshot (UI goroutine).
func (p *Page) apply(snap engine.Snapshot) {
	if snap.Seq != 0 && snap.Seq < p.snap.Seq {
		return
	}
	p.snap = snap
	if snap.Info.Version != "" {
		p.tick(StepVersion)
		p.say(StepVersion, i18n.T("tutorial.version.result", "Version", snap.Info.Version, "API", snap.Info.APIVersion,
			"OS", snap.Info.OS, "Arch", snap.Info.Arch), widget.SuccessImportance)
	}
	c, ok := p.container()
	switch {
	case ok:
		p.cid = c.ID
		if c.Running() {
			if p.steps[StepStop].done {
				p.tick(StepStart)
			}
			if len(published(c)) > 0 {
				p.seenRunning = true
				p.tick(StepRun)
				p.tick(StepSee)
				p.tick(StepListAll)
				p.probe(c)
			}
		} else if p.seenRunning {
			p.tick(StepStop)
		}
	case p.cid != "" && snap.Reachable:
		// It was here and is gone.
		if p.steps[StepRun].done {
			p.tick(StepRemove)
		}
		p.cid = ""
	}
	if p.hasImage() {
		p.seenImage = true
		p.tick(StepImages)
	} else if p.seenImage && snap.Reachable {
		p.tick(StepRemoveImage)
	}
	p.enable()
}

func (p *Page) tick(i int) {
	s := p.steps[i]
	if s.done {
		return
	}
	s.done = true
	s.tick.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
}

// enable enables the buttons that can act now.
func (p *Page) enable() {
	c, ok := p.container()
	reach := p.snap.Reachable
	kit.Enable(p.steps[StepRun].button, reach && !ok && !p.busy)
	kit.Enable(p.steps[StepBrowse].button, ok && c.Running())
	kit.Enable(p.steps[StepStop].button, reach && ok && c.Running() && !p.busy)
	kit.Enable(p.steps[StepStart].button, reach && ok && !c.Running() && !p.busy)
	kit.Enable(p.steps[StepRemove].button, reach && ok && !p.busy)
	kit.Enable(p.steps[StepRemoveImage].button, reach && p.hasImage() && !p.busy)
}

// container is the tutorial's container in the snapshot.
func (p *Page) container() (engine.Container, bool) {
	for _, c := range p.snap.Containers {
		if c.Name == p.opts.Name {
			return c, true
		}
	}
	return engine.Container{}, false
}

// hasImage reports whether the tutorial's image is here.
func (p *Page) hasImage() bool {
	want := withTag(p.opts.Image)
	for _, im := range p.snap.Images {
		if im.Ref() == want || im.ID == p.opts.Image {
			return true
		}
	}
	return false
}

// withTag adds :latest to a reference without a tag or digest.
func withTag(ref string) string {
	last := ref[strings.LastIndexByte(ref, '/')+1:]
	if strings.ContainsAny(last, ":@") {
		return ref
	}
	return ref + i18n.Code(":latest")
}

// published are the container's published TCP ports.
func published(c engine.Container) []engine.PortBinding {
	var out []engine.PortBinding
	for _, pb := range c.Ports {
		if pb.HostPort != 0 && (pb.Proto == "tcp" || pb.Proto == "") {
			out = append(out, pb)
		}
	}
	return out
}

// url is where the container answers, "" if it publishes no TCP port.
func (p *Page) url(c engine.Container) string {
	ps := published(c)
	if len(ps) == 0 {
		return ""
	}
	return ps[0].URL()
}

// probe asks the web server once (off the UI goroutine): an answer ticks "open it".
func (p *Page) probe(c engine.Container) {
	u := p.url(c)
	if p.steps[StepBrowse].done || p.probing || u == "" {
		return
	}
	p.probing = true
	ctx := p.ctx
	go func() {
		ok := false
		for try := 0; try < 20 && !ok && ctx.Err() == nil; try++ {
			ok = answers(ctx, u)
			if !ok {
				time.Sleep(250 * time.Millisecond)
			}
		}
		p.h.Do(func() {
			p.probing = false
			if ok {
				p.answered = u
				p.tick(StepBrowse)
				p.say(StepBrowse, i18n.T("tutorial.browse.answers", "URL", u), widget.SuccessImportance)
			}
		})
	}()
}

// answers reports whether an HTTP server answers at u.
func answers(ctx context.Context, u string) bool {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return true
}

// freePort is the first port from p up that nothing on this machine holds.
func freePort(p int) int {
	for port := p; port < p+100; port++ {
		l, err := net.Listen("tcp", net.JoinHostPort("", strconv.Itoa(port)))
		if err == nil {
			l.Close()
			return port
		}
	}
	return p
}

// act runs an engine call beside the UI goroutine and shows how it went under step i.
func (p *Page) act(i int, call func(ctx context.Context) error, after func(err error)) {
	p.busy = true
	p.enable()
	p.say(i, i18n.T("tutorial.working"), widget.MediumImportance)
	ctx := p.ctx
	go func() {
		err := call(ctx)
		p.h.Do(func() {
			p.busy = false
			p.say(i, "", widget.MediumImportance)
			if err != nil {
				p.say(i, present.Explain(err), widget.DangerImportance)
			}
			if after != nil {
				after(err)
			}
			p.enable()
		})
	}()
}

func (p *Page) version() {
	p.act(StepVersion, func(ctx context.Context) error {
		in, err := p.api.System.Info(ctx)
		if err == nil {
			p.h.Do(func() {
				p.tick(StepVersion)
				p.say(StepVersion, i18n.T("tutorial.version.result", "Version", in.Version, "API", in.APIVersion,
					"OS", in.OS, "Arch", in.Arch), widget.SuccessImportance)
			})
		}
		return err
	}, nil)
}

func (p *Page) run() {
	spec := p.spec()
	p.act(StepRun, func(ctx context.Context) error {
		_, err := p.api.Containers.ContainerRun(ctx, spec, nil)
		return err
	}, func(err error) {
		if err == nil {
			return
		}
		switch engine.KindOf(err) {
		case engine.ErrRegistryUnreachable, engine.ErrImageNotInRegistry, engine.ErrUnreachable, engine.ErrOther:
			if !p.hasImage() {
				p.offerLocal(err)
			}
		}
	})
}

// offerLocal offers the local images that expose a TCP port, since the
// tutorial's image cannot be pulled.
func (p *Page) offerLocal(why error) {
	images := p.snap.Images
	ctx := p.ctx
	failed := p.opts.Image
	go func() {
		ports := map[string]string{}
		var refs []string
		for _, im := range images {
			if len(refs) >= 30 {
				break
			}
			ref := im.Ref()
			if im.Dangling {
				continue
			}
			exp, err := p.api.Images.ImageExposedPorts(ctx, ref)
			if err != nil {
				continue
			}
			for _, e := range exp {
				if port, proto, _ := strings.Cut(e, "/"); proto == "tcp" || proto == "" {
					ports[ref] = port
					refs = append(refs, ref)
					break
				}
			}
		}
		p.h.Do(func() {
			p.fallbackPorts = ports
			if len(refs) == 0 {
				p.fallbackText.SetText(i18n.T("tutorial.fallback.none", "Image", failed, "Why", present.Explain(why)))
				p.fallbackSelect.Hide()
			} else {
				p.fallbackText.SetText(i18n.T("tutorial.fallback.offer", "Image", failed, "Why", present.Explain(why)))
				p.fallbackSelect.SetOptions(refs)
				p.fallbackSelect.Show()
			}
			p.fallback.Show()
		})
	}()
}

// useImage makes the tutorial run img; given says the user chose it in
// Options (its port is asked then).
func (p *Page) useImage(img string, given bool) {
	p.opts.Image = img
	if port, ok := p.fallbackPorts[img]; ok {
		p.ctrPort = port
		p.say(StepRun, i18n.T("tutorial.fallback.using", "Image", img, "Port", port), widget.MediumImportance)
	} else if given {
		ctx := p.ctx
		go func() {
			exp, err := p.api.Images.ImageExposedPorts(ctx, img)
			if err != nil || len(exp) == 0 {
				return
			}
			port, _, _ := strings.Cut(exp[0], "/")
			p.h.Do(func() { p.ctrPort = port; p.updateHere() })
		}()
	}
	p.steps[StepRemoveImage].button.SetText(i18n.T("tutorial.removeImage.buttonNamed", "Image", img))
	p.updateHere()
	p.apply(p.snap)
}

func (p *Page) browse() {
	c, ok := p.container()
	if !ok {
		return
	}
	u, err := url.Parse(p.url(c))
	if err != nil || u.Host == "" {
		return
	}
	if err := p.h.OpenURL(u); err != nil {
		p.say(StepBrowse, present.Explain(err), widget.DangerImportance)
	}
	p.probe(c)
}

func (p *Page) stop() {
	id := p.cid
	p.act(StepStop, func(ctx context.Context) error { return p.api.Containers.ContainerStop(ctx, id, nil) }, nil)
}

func (p *Page) start() {
	id := p.cid
	p.act(StepStart, func(ctx context.Context) error { return p.api.Containers.ContainerStart(ctx, id) }, nil)
}

// remove asks first, then removes the container without force: a running
// one the engine refuses, which is the tutorial's lesson.
func (p *Page) remove() {
	id, name := p.cid, p.opts.Name
	p.ask(kit.Question{
		Title:   i18n.T("tutorial.remove.ask.title", "Name", name),
		Message: i18n.T("tutorial.remove.ask.text", "Name", name),
		Choices: []kit.Choice{{Text: i18n.T("tutorial.cancel"), Icon: theme.CancelIcon()},
			{Text: i18n.T("tutorial.remove.ask.yes"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, Run: func() {
				p.act(StepRemove, func(ctx context.Context) error {
					return p.api.Containers.ContainerRemove(ctx, id, engine.RemoveOptions{})
				}, nil)
			}}},
	})
}

// removeImage asks first, then removes the image without force: while a
// container uses it the engine refuses (the conflict the tutorial shows).
func (p *Page) removeImage() {
	img := p.opts.Image
	p.ask(kit.Question{
		Title:   i18n.T("tutorial.removeImage.ask.title", "Image", img),
		Message: i18n.T("tutorial.removeImage.ask.text", "Image", img),
		Choices: []kit.Choice{{Text: i18n.T("tutorial.cancel"), Icon: theme.CancelIcon()},
			{Text: i18n.T("tutorial.removeImage.ask.yes"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, Run: func() {
				p.act(StepRemoveImage, func(ctx context.Context) error {
					_, err := p.api.Images.ImageRemove(ctx, img, false)
					return err
				}, func(err error) {
					if engine.IsKind(err, engine.ErrImageInUse) {
						p.say(StepRemoveImage, i18n.T("tutorial.removeImage.conflict", "Why", present.Explain(err),
							"Raw", engine.Raw(err)), widget.WarningImportance)
					}
				})
			}}},
	})
}
