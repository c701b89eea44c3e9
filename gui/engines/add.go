package engines

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// contextName is the docker CLI's rule for a context's name
// (cli/context/store: restrictedNamePattern).
var contextName = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$`)

// AddDialog is "Add engine…": a name, an ssh:// or tcp:// address and TLS
// files, tested before it is saved as a docker context in the CLI's store.
type AddDialog struct {
	v   *View
	dlg *dialog.CustomDialog

	Name, Address, Description *kit.DialogEntry
	CA, Cert, Key              *kit.DialogEntry
	TLS, Verify                *kit.DialogCheck
	tlsBox                     *fyne.Container

	nameMsg, addrMsg, tlsMsg *widget.Label
	Result                   *widget.Label
	Details                  *kit.DetailsToggle
	TestButton, SaveButton   *kit.DialogButton
	Testing                  *widget.Activity

	// tested is the endpoint last tested and whether it answered; saving an
	// engine that did not asks for a second click ("Save anyway").
	tested   *engine.Endpoint
	testedOK bool
	cancel   context.CancelFunc
}

func (v *View) openAdd() { v.OpenAdd() }

// OpenAdd opens the add-engine dialog over the window.
func (v *View) OpenAdd() *AddDialog {
	d := v.newAdd()
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("engines.add.title"), d.content(), v.h.Window())
	cancel := kit.NewDialogButton(i18n.T("engines.add.cancel"), theme.CancelIcon(), func() { d.dlg.Hide() })
	d.dlg.SetButtons([]fyne.CanvasObject{cancel, d.TestButton, d.SaveButton})
	endEscape := kit.CloseOnEscape(v.h.Window(), func() { d.dlg.Hide() })
	d.dlg.SetOnClosed(func() {
		endEscape()
		if d.cancel != nil {
			d.cancel()
		}
	})
	d.dlg.Resize(fyne.NewSize(680, 0))
	d.dlg.Show()
	v.h.Window().Canvas().Focus(d.Name)
	return d
}

func (v *View) newAdd() *AddDialog {
	d := &AddDialog{v: v}
	entry := func(placeholder string) *kit.DialogEntry {
		e := kit.NewDialogEntry()
		e.PlaceHolder = placeholder
		e.OnChanged = func(string) { d.changed() }
		return e
	}
	d.Name = entry(i18n.T("engines.add.name.placeholder"))
	d.Address = entry(i18n.T("engines.add.address.placeholder"))
	d.Description = entry(i18n.T("engines.add.description.placeholder"))
	d.CA, d.Cert, d.Key = entry(i18n.Code("ca.pem")), entry(i18n.Code("cert.pem")), entry(i18n.Code("key.pem"))
	d.nameMsg, d.addrMsg, d.tlsMsg = kit.MessageLabel(), kit.MessageLabel(), kit.MessageLabel()
	d.Result = kit.MessageLabel()
	d.Details = kit.NewDetailsToggle()
	d.Testing = widget.NewActivity()
	d.Testing.Hide()
	d.Verify = kit.NewDialogCheck(i18n.T("engines.add.verify"), true, func(bool) { d.changed() })
	d.tlsBox = container.NewVBox(
		d.fileRow(i18n.T("engines.add.ca"), d.CA),
		d.fileRow(i18n.T("engines.add.cert"), d.Cert),
		d.fileRow(i18n.T("engines.add.key"), d.Key),
		d.Verify, d.tlsMsg)
	d.tlsBox.Hide()
	d.TLS = kit.NewDialogCheck(i18n.T("engines.add.tls"), false, func(on bool) {
		kit.Show(d.tlsBox, on)
		d.changed()
	})
	d.TestButton = kit.NewDialogButton(i18n.T("engines.add.test"), theme.ViewRefreshIcon(), d.test)
	d.SaveButton = kit.NewDialogButton(i18n.T("engines.add.save"), theme.DocumentSaveIcon(), d.save)
	d.SaveButton.Importance = widget.HighImportance
	return d
}

func (d *AddDialog) content() fyne.CanvasObject {
	label := func(s string) fyne.CanvasObject {
		return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}}
	}
	form := container.New(kitFormLayout{},
		label(i18n.T("engines.add.name")), container.NewVBox(d.Name, d.nameMsg),
		label(i18n.T("engines.add.address")), container.NewVBox(d.Address, d.addrMsg),
		label(i18n.T("engines.add.description")), d.Description,
	)
	intro := kit.WrapLabel(i18n.T("engines.add.intro"), widget.LowImportance)
	return container.NewVBox(intro, form, d.TLS, d.tlsBox,
		container.NewBorder(nil, nil, d.Testing, nil, d.Result), d.Details.Content())
}

// fileRow is a TLS file's entry with a Browse… button.
func (d *AddDialog) fileRow(title string, e *kit.DialogEntry) fyne.CanvasObject {
	browse := widget.NewButton(i18n.T("engines.add.browse"), func() {
		fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			defer r.Close()
			e.SetText(r.URI().Path())
		}, d.v.h.Window())
		fd.Show()
	})
	return container.NewBorder(nil, nil, container.New(kit.BoxWidth(140), widget.NewLabel(title)), browse, e)
}

// kitFormLayout is a two-column form: labels as wide as the widest, fields the rest.
type kitFormLayout struct{}

func (kitFormLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	lw, fw, h := labelWidth(objs), float32(0), float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		fw = max(fw, objs[i+1].MinSize().Width)
		h += max(objs[i].MinSize().Height, objs[i+1].MinSize().Height) + theme.Padding()
	}
	return fyne.NewSize(lw+theme.Padding()+fw, h)
}

func (kitFormLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	lw, y := labelWidth(objs), float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		h := max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(lw, objs[i].MinSize().Height))
		objs[i+1].Move(fyne.NewPos(lw+theme.Padding(), y))
		objs[i+1].Resize(fyne.NewSize(size.Width-lw-theme.Padding(), h))
		y += h + theme.Padding()
	}
}

func labelWidth(objs []fyne.CanvasObject) float32 {
	var w float32
	for i := 0; i < len(objs); i += 2 {
		w = max(w, objs[i].MinSize().Width)
	}
	return w
}

// changed forgets the last test and any stale message (a field changed).
func (d *AddDialog) changed() {
	d.tested = nil
	d.SaveButton.SetText(i18n.T("engines.add.save"))
	kit.ShowMessage(d.Result, "", widget.MediumImportance)
	d.Details.SetText("")
	d.check()
}

// check validates the fields, each message next to its field, and returns
// the endpoint when they are right.
func (d *AddDialog) check() (engine.Endpoint, bool) {
	ep := engine.Endpoint{Name: strings.TrimSpace(d.Name.Text), Host: strings.TrimSpace(d.Address.Text), Source: i18n.Code("context")}
	nameErr := NameProblem(ep.Name, d.v.entries)
	addrErr := AddressProblem(ep.Host)
	var tlsErr string
	if d.TLS.Checked {
		if !strings.HasPrefix(ep.Host, "tcp://") && addrErr == "" && ep.Host != "" {
			tlsErr = i18n.T("engines.add.tlsNotTCP")
		}
		ep.TLS = &engine.TLSFiles{CAFile: strings.TrimSpace(d.CA.Text), CertFile: strings.TrimSpace(d.Cert.Text),
			KeyFile: strings.TrimSpace(d.Key.Text), Verify: d.Verify.Checked}
		if tlsErr == "" {
			tlsErr = TLSProblem(*ep.TLS)
		}
	}
	kit.ShowMessage(d.nameMsg, nameErr, widget.DangerImportance)
	kit.ShowMessage(d.addrMsg, addrErr, widget.DangerImportance)
	kit.ShowMessage(d.tlsMsg, tlsErr, widget.DangerImportance)
	return ep, nameErr == "" && addrErr == "" && tlsErr == "" && ep.Name != "" && ep.Host != ""
}

// NameProblem says what is wrong with a new context's name, "" if nothing
// (or nothing typed yet).
func NameProblem(name string, existing []engine.EngineEntry) string {
	switch {
	case name == "":
		return ""
	case name == "default":
		return i18n.T("engines.name.default")
	case strings.ContainsAny(name, " \t"):
		return i18n.T("engines.name.spaces")
	case len(name) < 2:
		return i18n.T("engines.name.short")
	case !contextName.MatchString(name):
		return i18n.T("engines.name.chars")
	}
	for _, e := range existing {
		if e.Endpoint.Name == name {
			return i18n.T("engines.name.taken", "Name", strconv.Quote(name))
		}
	}
	return ""
}

// AddressProblem says what is wrong with an engine's address, "" if nothing.
func AddressProblem(addr string) string {
	if addr == "" {
		return ""
	}
	u, err := url.Parse(addr)
	if err != nil || u.Scheme == "" || !strings.Contains(addr, "://") {
		return i18n.T("engines.address.scheme")
	}
	switch u.Scheme {
	case "ssh":
		if u.Hostname() == "" {
			return i18n.T("engines.address.sshHost")
		}
	case "tcp":
		if u.Hostname() == "" || u.Port() == "" {
			return i18n.T("engines.address.tcpHostPort")
		}
	case "unix":
		if u.Path == "" {
			return i18n.T("engines.address.unixPath")
		}
	default:
		return i18n.T("engines.address.unknown", "Scheme", u.Scheme)
	}
	return ""
}

// TLSProblem says what is missing from the TLS files.
func TLSProblem(t engine.TLSFiles) string {
	switch {
	case t.Verify && t.CAFile == "":
		return i18n.T("engines.tls.needCA")
	case (t.CertFile == "") != (t.KeyFile == ""):
		return i18n.T("engines.tls.pair")
	}
	return ""
}

// test checks the engine of the fields, off the UI goroutine.
func (d *AddDialog) test() { d.run(false) }

// save tests, then saves the context; an engine that did not answer is
// saved only on a second click.
func (d *AddDialog) save() {
	ep, ok := d.check()
	if !ok {
		if ep.Name == "" {
			kit.ShowMessage(d.nameMsg, i18n.T("engines.add.needName"), widget.DangerImportance)
		}
		if ep.Host == "" {
			kit.ShowMessage(d.addrMsg, i18n.T("engines.add.needAddress"), widget.DangerImportance)
		}
		return
	}
	if d.tested != nil && !d.testedOK {
		d.store(ep) // "Save anyway"
		return
	}
	d.run(true)
}

// run tests the engine; with save, it saves it when it answered.
func (d *AddDialog) run(save bool) {
	ep, ok := d.check()
	if !ok {
		return
	}
	if d.cancel != nil {
		d.cancel()
	}
	ctx, cancel := context.WithTimeout(d.v.h.Context(), probeTimeout)
	d.cancel = cancel
	d.Testing.Show()
	d.Testing.Start()
	kit.ShowMessage(d.Result, i18n.T("engines.add.checking", "Address", ep.Host), widget.MediumImportance)
	d.TestButton.Disable()
	go func() {
		info, err := d.v.h.Probe(ctx, ep)
		cancel()
		d.v.h.Do(func() {
			d.Testing.Stop()
			d.Testing.Hide()
			d.TestButton.Enable()
			d.tested, d.testedOK = &ep, err == nil
			if err != nil {
				kit.ShowMessage(d.Result, present.Explain(err), widget.DangerImportance)
				d.Details.SetText(engine.Raw(err))
				d.SaveButton.SetText(i18n.T("engines.add.saveAnyway"))
				return
			}
			kit.ShowMessage(d.Result, i18n.T("engines.add.answers", "Info", InfoText(info)), widget.SuccessImportance)
			d.Details.SetText("")
			if save {
				d.store(ep)
			}
		})
	}()
}

// store saves the context and closes the dialog (or says why it could not).
func (d *AddDialog) store(ep engine.Endpoint) {
	desc := strings.TrimSpace(d.Description.Text)
	st := d.v.store
	go func() {
		err := st.Add(ep, desc)
		d.v.h.Do(func() {
			if err != nil {
				kit.ShowMessage(d.Result, i18n.T("engines.add.saveFailed", "Why", present.Explain(err)), widget.DangerImportance)
				d.Details.SetText(engine.Raw(err))
				return
			}
			d.dlg.Hide()
			d.v.Refresh()
		})
	}()
}
