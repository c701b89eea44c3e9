package networks

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// RemoveSelection asks, then removes the highlighted network (Delete).
func (v *View) RemoveSelection() { v.list.WithCurrent(!v.offline, v.removeRow) }

// removeRow removes a network after asking; one with containers attached
// is refused up front, naming them.
func (v *View) removeRow(id string) {
	n, ok := v.network(id)
	if !ok || v.list.Pending[id] != "" || n.Predefined() {
		return
	}
	if len(n.Attached) > 0 {
		v.h.Ask(kit.Question{Title: i18n.T("networks.inUse.title"), Message: present.NetworkInUseText(n), Choices: []kit.Choice{kit.OK()}})
		return
	}
	if len(n.UsedBy) > 0 {
		v.h.Ask(kit.Question{Title: i18n.T("networks.inUse.title"), Message: present.NetworkStoppedUsersText(n), Choices: []kit.Choice{kit.OK()}})
		return
	}
	v.h.Ask(kit.Question{Title: i18n.T("networks.remove.title"), Message: i18n.T("networks.remove.ask", "Name", n.Name, "ID", n.ShortID()), Choices: []kit.Choice{
		kit.Cancel(),
		kit.RemoveChoice(i18n.T("networks.remove"), func() { v.remove(n) }),
	}})
}

func (v *View) remove(n engine.Network) {
	v.list.Act(n.ID, i18n.T("networks.removing"), func(ctx context.Context) error { return v.api.NetworkRemove(ctx, n.ID) }, func(err error) {
		v.list.Report(err, i18n.T("networks.removed", "Name", n.Name), i18n.T("networks.remove.failed", "Name", n.Name))
	})
}

// Unused are the networks a prune removes: not the engine's own, nothing attached.
func (v *View) Unused() []engine.Network {
	return kit.Pick(v.entries, func(e *entry) bool { return e.net.Unused() }, func(e *entry) engine.Network { return e.net })
}

// askPrune shows exactly the unused networks, then removes exactly those by ID.
func (v *View) askPrune() {
	list := v.Unused()
	q := kit.Question{Title: i18n.T("networks.prune.title"), Message: present.PruneNetworksText(list), Choices: []kit.Choice{kit.OK()}}
	if len(list) > 0 {
		q.Extra = kit.Lines(kit.Pick(list, nil, func(n *engine.Network) string {
			return i18n.T("networks.prune.line", "Name", n.Name, "ID", n.ShortID(), "Subnets", present.NetworkSubnets(*n))
		}), 420)
		q.Choices = []kit.Choice{kit.Cancel(), kit.RemoveChoice(i18n.N("networks.prune.remove", len(list)), func() { v.prune(list) })}
	}
	v.h.Ask(q)
}

func (v *View) prune(list []engine.Network) {
	ids := kit.Pick(list, nil, func(n *engine.Network) string { return n.ID })
	names := kit.Pick(list, nil, func(n *engine.Network) string { return n.Name })
	v.list.ActAll(ids, i18n.T("networks.removing"), func(ctx context.Context, i int) error { return v.api.NetworkRemove(ctx, ids[i]) }, func(errs []error) {
		removed := 0
		for _, err := range errs {
			if err == nil {
				removed++
			}
		}
		v.list.Say(i18n.N("networks.pruned", removed), widget.SuccessImportance)
		v.list.ReportFailures(i18n.T("networks.prune.failed"), names, errs, present.Explain)
	})
}

// CreateForm is the dialog of Create…: name, subnet, gateway, internal,
// each checked as it is typed, the engine's refusals shown next to the field.
type CreateForm struct {
	v                       *View
	dlg                     dialog.Dialog
	Name, Subnet, Gateway   *kit.DialogEntry
	Internal                *widget.Check
	nameMsg, subMsg, errMsg *widget.Label
	OK                      *widget.Button
}

// lastCreate is the last create dialog opened (tests).
var lastCreate *CreateForm

func (v *View) openCreate() {
	f := &CreateForm{v: v, Name: kit.NewDialogEntry(), Subnet: kit.NewDialogEntry(), Gateway: kit.NewDialogEntry(),
		Internal: widget.NewCheck(i18n.T("networks.create.internal"), nil),
		nameMsg:  kit.MessageLabel(), subMsg: kit.MessageLabel(), errMsg: kit.MessageLabel()}
	f.Subnet.SetPlaceHolder(i18n.T("networks.create.subnetHint"))
	f.Gateway.SetPlaceHolder(i18n.T("networks.create.gatewayHint"))
	f.OK = &widget.Button{Text: i18n.T("networks.create"), Importance: widget.HighImportance, OnTapped: f.submit}
	for _, e := range []*kit.DialogEntry{f.Name, f.Subnet, f.Gateway} {
		e.OnChanged = func(string) { f.check() }
		e.OnSubmitted = func(string) { f.submit() }
	}
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("networks.create.name"), container.NewVBox(f.Name, f.nameMsg)),
		widget.NewFormItem(i18n.T("networks.create.driver"), widget.NewLabel(i18n.Code("bridge"))),
		widget.NewFormItem(i18n.T("networks.create.subnet"), container.NewVBox(f.Subnet, f.subMsg)),
		widget.NewFormItem(i18n.T("networks.create.gateway"), f.Gateway),
		widget.NewFormItem("", f.Internal),
	)
	cancel := kit.NewDialogButton(i18n.T("kit.cancel"), theme.CancelIcon(), func() { f.dlg.Hide() })
	content := container.NewBorder(nil, container.NewVBox(f.errMsg, container.NewHBox(layout.NewSpacer(), cancel, f.OK)), nil, nil,
		container.New(kit.BoxWidth(460), form))
	f.dlg = dialog.NewCustomWithoutButtons(i18n.T("networks.create.title"), content, v.h.Window())
	f.check()
	f.dlg.Show()
	v.h.Window().Canvas().Focus(f.Name)
	lastCreate = f
}

func (f *CreateForm) spec() engine.NetworkSpec {
	return engine.NetworkSpec{Name: strings.TrimSpace(f.Name.Text), Subnet: strings.TrimSpace(f.Subnet.Text),
		Gateway: strings.TrimSpace(f.Gateway.Text), Internal: f.Internal.Checked}
}

// check shows what is wrong next to the fields, and reports whether all is well.
func (f *CreateForm) check() bool {
	s := f.spec()
	nameMsg := ""
	if err := engine.ValidateNetworkName(s.Name); err != nil {
		nameMsg = present.ResourceNameProblem(i18n.Code("network"), s.Name, 1)
	} else {
		for _, e := range f.v.entries {
			if e.net.Name == s.Name {
				nameMsg = i18n.T("networks.create.exists", "Name", s.Name)
			}
		}
	}
	if s.Name == "" {
		nameMsg = "" // not yet typed: the button says it
	}
	subMsg := ""
	if err := engine.ValidateSubnet(s.Subnet, s.Gateway); err != nil {
		subMsg = present.Explain(err)
	}
	kit.ShowMessage(f.nameMsg, nameMsg, widget.DangerImportance)
	kit.ShowMessage(f.subMsg, subMsg, widget.DangerImportance)
	ok := nameMsg == "" && subMsg == "" && s.Name != ""
	kit.Enable(f.OK, ok)
	return ok
}

func (f *CreateForm) submit() {
	if !f.check() {
		return
	}
	kit.Enable(f.OK, false)
	s, v := f.spec(), f.v
	ctx := v.h.Context()
	go func() {
		_, err := v.api.NetworkCreate(ctx, s)
		v.h.Do(func() {
			kit.Enable(f.OK, true)
			switch {
			case err == nil:
				f.dlg.Hide()
				v.list.Say(i18n.T("networks.created", "Name", s.Name), widget.SuccessImportance)
			case engine.IsKind(err, engine.ErrSubnetOverlap), engine.IsKind(err, engine.ErrInvalidSubnet):
				kit.ShowMessage(f.subMsg, present.Explain(err), widget.DangerImportance)
			case engine.IsKind(err, engine.ErrInvalidName), engine.IsKind(err, engine.ErrNameInUse):
				kit.ShowMessage(f.nameMsg, present.Explain(err), widget.DangerImportance)
			default:
				kit.ShowMessage(f.errMsg, present.Explain(err), widget.DangerImportance)
			}
		})
	}()
}

// SubnetMessage and NameMessage are the messages next to those fields (tests).
func (f *CreateForm) SubnetMessage() string { return kit.MessageText(f.subMsg) }

// NameMessage is the message next to the name.
func (f *CreateForm) NameMessage() string { return kit.MessageText(f.nameMsg) }

// --- connect and disconnect -----------------------------------------------------------------

// Picker is a connect or disconnect dialog: one choice and a button.
type Picker struct {
	Select *widget.Select
	OK     *widget.Button
	msg    *widget.Label
	dlg    dialog.Dialog
}

// lastPicker is the last connect or disconnect dialog opened (tests).
var lastPicker *Picker

func (v *View) openConnect(id string) {
	n, ok := v.network(id)
	if !ok {
		return
	}
	attached := map[string]bool{}
	for _, a := range n.Attached {
		attached[a.ContainerID] = true
	}
	var opts []string
	ids := map[string]string{}
	for _, c := range v.h.State().Snapshot().Containers {
		if !attached[c.ID] {
			opts = append(opts, c.Name)
			ids[c.Name] = c.ID
		}
	}
	lastPicker = pick(v.h, i18n.T("networks.connect.title", "Network", n.Name), i18n.T("networks.connect.container"), opts, i18n.T("networks.connect"), func(name string, done func(error)) {
		ctx := v.h.Context()
		go func() {
			err := v.api.NetworkConnect(ctx, n.ID, ids[name])
			v.h.Do(func() {
				done(err)
				if err == nil {
					v.list.Say(i18n.T("networks.connected", "Container", name, "Network", n.Name), widget.SuccessImportance)
				}
			})
		}()
	})
}

func (v *View) openDisconnect(id string) {
	n, ok := v.network(id)
	if !ok || len(n.Attached) == 0 {
		return
	}
	var opts []string
	ids := map[string]string{}
	for _, a := range n.Attached {
		opts = append(opts, a.Name)
		ids[a.Name] = a.ContainerID
	}
	lastPicker = pick(v.h, i18n.T("networks.disconnect.title", "Network", n.Name), i18n.T("networks.connect.container"), opts, i18n.T("networks.disconnect"), func(name string, done func(error)) {
		ctx := v.h.Context()
		go func() {
			err := v.api.NetworkDisconnect(ctx, n.ID, ids[name])
			v.h.Do(func() {
				done(err)
				if err == nil {
					v.list.Say(i18n.T("networks.disconnected", "Container", name, "Network", n.Name), widget.SuccessImportance)
				}
			})
		}()
	})
}

// ConnectDialog connects the container with full ID containerID to a
// network it is not attached to, chosen in a dialog: for the container's
// details view.
func ConnectDialog(h Host, api engine.NetworkAPI, containerID string) *Picker {
	snap := h.State().Snapshot()
	var opts []string
	ids := map[string]string{}
	for _, n := range snap.Networks {
		if n.Name == "host" || n.Name == "none" || slicesContainsAttached(n, containerID) {
			continue
		}
		opts = append(opts, n.Name)
		ids[n.Name] = n.ID
	}
	name := containerID
	if c, ok := snap.Container(containerID); ok {
		name = c.Name
	}
	return pick(h, i18n.T("networks.connectTo.title", "Container", name), i18n.T("networks.connectTo.network"), opts, i18n.T("networks.connect"), func(net string, done func(error)) {
		ctx := h.Context()
		go func() {
			err := api.NetworkConnect(ctx, ids[net], containerID)
			h.Do(func() { done(err) })
		}()
	})
}

func slicesContainsAttached(n engine.Network, id string) bool {
	for _, a := range n.Attached {
		if a.ContainerID == id {
			return true
		}
	}
	return false
}

// pick shows a dialog with one choice among opts; run acts on the choice
// and calls done with the result (the dialog closes on success, else says why).
func pick(h Host, title, label string, opts []string, action string, run func(choice string, done func(error))) *Picker {
	p := &Picker{msg: kit.MessageLabel()}
	p.Select = widget.NewSelect(opts, func(string) { kit.Enable(p.OK, true) })
	p.Select.PlaceHolder = i18n.T("networks.choose")
	p.OK = &widget.Button{Text: action, Importance: widget.HighImportance}
	p.OK.OnTapped = func() {
		if p.Select.Selected == "" {
			return
		}
		kit.Enable(p.OK, false)
		run(p.Select.Selected, func(err error) {
			if err == nil {
				p.dlg.Hide()
				return
			}
			kit.Enable(p.OK, true)
			kit.ShowMessage(p.msg, present.Explain(err), widget.DangerImportance)
		})
	}
	kit.Enable(p.OK, false)
	if len(opts) == 0 {
		kit.ShowMessage(p.msg, i18n.T("networks.nothingToChoose"), widget.MediumImportance)
	}
	cancel := kit.NewDialogButton(i18n.T("kit.cancel"), theme.CancelIcon(), func() { p.dlg.Hide() })
	content := container.NewVBox(container.New(kit.BoxWidth(420), widget.NewForm(widget.NewFormItem(label, p.Select))), p.msg,
		container.NewHBox(layout.NewSpacer(), cancel, p.OK))
	p.dlg = dialog.NewCustomWithoutButtons(title, content, h.Window())
	p.dlg.Show()
	return p
}

// Message is the picker's message (tests).
func (p *Picker) Message() string { return kit.MessageText(p.msg) }
