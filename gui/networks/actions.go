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
	"berth/gui/kit"
	"berth/gui/present"
)

// RemoveSelection asks, then removes the highlighted network (Delete).
func (v *View) RemoveSelection() {
	if !v.offline && v.list.Current() != "" {
		v.removeRow(v.list.Current())
	}
}

// removeRow removes a network after asking; one with containers attached
// is refused up front, naming them.
func (v *View) removeRow(id string) {
	n, ok := v.network(id)
	if !ok || v.list.Pending[id] != "" || n.Predefined() {
		return
	}
	if len(n.Attached) > 0 {
		v.h.Ask(kit.Question{Title: "Network in use", Message: present.NetworkInUseText(n), Choices: []kit.Choice{kit.OK()}})
		return
	}
	if len(n.UsedBy) > 0 {
		v.h.Ask(kit.Question{Title: "Network in use", Message: present.NetworkStoppedUsersText(n), Choices: []kit.Choice{kit.OK()}})
		return
	}
	v.h.Ask(kit.Question{Title: "Remove network", Message: "Remove the network " + n.Name + " (" + n.ShortID() + ")?", Choices: []kit.Choice{
		kit.Cancel(),
		kit.RemoveChoice("Remove", func() { v.remove(n) }),
	}})
}

func (v *View) remove(n engine.Network) {
	v.list.Act(n.ID, "Removing…", func(ctx context.Context) error { return v.api.NetworkRemove(ctx, n.ID) }, func(err error) {
		v.list.Report(err, "Removed the network "+n.Name+".", "Could not remove "+n.Name)
	})
}

// Unused are the networks a prune removes: not the engine's own, nothing attached.
func (v *View) Unused() []engine.Network {
	return kit.Pick(v.entries, func(e *entry) bool { return e.net.Unused() }, func(e *entry) engine.Network { return e.net })
}

// askPrune shows exactly the unused networks, then removes exactly those by ID.
func (v *View) askPrune() {
	list := v.Unused()
	q := kit.Question{Title: "Remove unused networks", Message: present.PruneNetworksText(list), Choices: []kit.Choice{kit.OK()}}
	if len(list) > 0 {
		q.Extra = kit.Lines(kit.Pick(list, nil, func(n *engine.Network) string {
			return n.Name + "  " + n.ShortID() + "  " + present.NetworkSubnets(*n)
		}), 420)
		q.Choices = []kit.Choice{kit.Cancel(), kit.RemoveChoice("Remove "+present.Plural(len(list), "network", "networks"), func() { v.prune(list) })}
	}
	v.h.Ask(q)
}

func (v *View) prune(list []engine.Network) {
	ids := kit.Pick(list, nil, func(n *engine.Network) string { return n.ID })
	names := kit.Pick(list, nil, func(n *engine.Network) string { return n.Name })
	v.list.ActAll(ids, "Removing…", func(ctx context.Context, i int) error { return v.api.NetworkRemove(ctx, ids[i]) }, func(errs []error) {
		removed := 0
		for _, err := range errs {
			if err == nil {
				removed++
			}
		}
		v.list.Say("Removed "+present.Plural(removed, "unused network", "unused networks")+".", widget.SuccessImportance)
		v.list.ReportFailures("Some networks were not removed", names, errs, present.Explain)
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
		Internal: widget.NewCheck("Internal: no access to outside networks", nil),
		nameMsg:  kit.MessageLabel(), subMsg: kit.MessageLabel(), errMsg: kit.MessageLabel()}
	f.Subnet.SetPlaceHolder("optional, e.g. 10.10.0.0/24")
	f.Gateway.SetPlaceHolder("optional, e.g. 10.10.0.1")
	f.OK = &widget.Button{Text: "Create", Importance: widget.HighImportance, OnTapped: f.submit}
	for _, e := range []*kit.DialogEntry{f.Name, f.Subnet, f.Gateway} {
		e.OnChanged = func(string) { f.check() }
		e.OnSubmitted = func(string) { f.submit() }
	}
	form := widget.NewForm(
		widget.NewFormItem("Name", container.NewVBox(f.Name, f.nameMsg)),
		widget.NewFormItem("Driver", widget.NewLabel("bridge")),
		widget.NewFormItem("Subnet", container.NewVBox(f.Subnet, f.subMsg)),
		widget.NewFormItem("Gateway", f.Gateway),
		widget.NewFormItem("", f.Internal),
	)
	cancel := kit.NewDialogButton("Cancel", theme.CancelIcon(), func() { f.dlg.Hide() })
	content := container.NewBorder(nil, container.NewVBox(f.errMsg, container.NewHBox(layout.NewSpacer(), cancel, f.OK)), nil, nil,
		container.New(kit.BoxWidth(460), form))
	f.dlg = dialog.NewCustomWithoutButtons("Create a network", content, v.h.Window())
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
		nameMsg = present.ResourceNameProblem("network", s.Name, 1)
	} else {
		for _, e := range f.v.entries {
			if e.net.Name == s.Name {
				nameMsg = "There is a network " + s.Name + " already. Choose another name."
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
				v.list.Say("Created the network "+s.Name+".", widget.SuccessImportance)
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
	lastPicker = pick(v.h, "Connect a container to "+n.Name, "Container", opts, "Connect", func(name string, done func(error)) {
		ctx := v.h.Context()
		go func() {
			err := v.api.NetworkConnect(ctx, n.ID, ids[name])
			v.h.Do(func() {
				done(err)
				if err == nil {
					v.list.Say("Connected "+name+" to "+n.Name+".", widget.SuccessImportance)
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
	lastPicker = pick(v.h, "Disconnect a container from "+n.Name, "Container", opts, "Disconnect", func(name string, done func(error)) {
		ctx := v.h.Context()
		go func() {
			err := v.api.NetworkDisconnect(ctx, n.ID, ids[name])
			v.h.Do(func() {
				done(err)
				if err == nil {
					v.list.Say("Disconnected "+name+" from "+n.Name+".", widget.SuccessImportance)
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
	return pick(h, "Connect "+name+" to a network", "Network", opts, "Connect", func(net string, done func(error)) {
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
	p.Select.PlaceHolder = "Choose…"
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
		kit.ShowMessage(p.msg, "There is nothing to choose from.", widget.MediumImportance)
	}
	cancel := kit.NewDialogButton("Cancel", theme.CancelIcon(), func() { p.dlg.Hide() })
	content := container.NewVBox(container.New(kit.BoxWidth(420), widget.NewForm(widget.NewFormItem(label, p.Select))), p.msg,
		container.NewHBox(layout.NewSpacer(), cancel, p.OK))
	p.dlg = dialog.NewCustomWithoutButtons(title, content, h.Window())
	p.dlg.Show()
	return p
}

// Message is the picker's message (tests).
func (p *Picker) Message() string { return kit.MessageText(p.msg) }
