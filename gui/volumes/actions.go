package volumes

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// RemoveSelection asks, then removes the highlighted volume (Delete).
func (v *View) RemoveSelection() { v.list.WithCurrent(!v.offline, v.removeRow) }

// removeRow removes a volume after asking; one in use is refused up front,
// naming its users (Berth never forces).
func (v *View) removeRow(name string) {
	vol, ok := v.volume(name)
	if !ok || v.list.Pending[name] != "" {
		return
	}
	if !vol.Dangling() {
		v.h.Ask(kit.Question{Title: i18n.T("volumes.inUse.title"), Message: present.VolumeInUseText(vol), Choices: []kit.Choice{kit.OK()}})
		return
	}
	v.h.Ask(kit.Question{Title: i18n.T("volumes.remove.title"), Message: present.RemoveVolumeText(vol), Choices: []kit.Choice{
		kit.Cancel(),
		kit.RemoveChoice(i18n.T("volumes.remove"), func() { v.remove(vol) }),
	}})
}

func (v *View) remove(vol engine.Volume) {
	v.list.Act(vol.Name, i18n.T("volumes.removing"), func(ctx context.Context) error { return v.api.VolumeRemove(ctx, vol.Name) }, func(err error) {
		v.list.Report(v.named(err), i18n.T("volumes.removed", "Name", vol.Name), i18n.T("volumes.remove.failed", "Name", vol.Name))
	})
}

// named replaces the container IDs of an error's Users with their names, as the view knows them.
func (v *View) named(err error) error {
	e := engine.AsError(err)
	if e == nil || len(e.Users) == 0 {
		return err
	}
	cp := *e
	cp.Users = make([]string, len(e.Users))
	for i, u := range e.Users {
		cp.Users[i] = u
		for _, c := range v.snap.Containers {
			if c.ID == u || c.ShortID == u || strings.HasPrefix(c.ID, u) {
				cp.Users[i] = c.Name
			}
		}
	}
	return &cp
}

// Unused are the volumes the view shows as unused: what a prune removes.
func (v *View) Unused() []engine.Volume {
	return kit.Pick(v.entries, func(e *entry) bool { return e.vol.Dangling() }, func(e *entry) engine.Volume { return e.vol })
}

// askPrune shows exactly the unused volumes, then removes exactly those, by
// name (not the engine's prune, which would remove whatever is unused by
// then).
func (v *View) askPrune() {
	list := v.Unused()
	q := kit.Question{Title: i18n.T("volumes.prune.title"), Message: present.PruneVolumesText(list), Choices: []kit.Choice{kit.OK()}}
	if len(list) > 0 {
		q.Extra = kit.Lines(present.VolumeLines(list), 380)
		q.Choices = []kit.Choice{kit.Cancel(), kit.RemoveChoice(i18n.N("volumes.prune.remove", len(list)), func() { v.prune(list) })}
	}
	v.h.Ask(q)
}

func (v *View) prune(list []engine.Volume) {
	names := kit.Pick(list, nil, func(vol *engine.Volume) string { return vol.Name })
	v.list.ActAll(names, i18n.T("volumes.removing"), func(ctx context.Context, i int) error { return v.api.VolumeRemove(ctx, names[i]) }, func(errs []error) {
		var freed int64
		removed := 0
		for i, err := range errs {
			if err == nil {
				removed++
				freed += max(list[i].Size, 0)
			}
		}
		msg := i18n.N("volumes.pruned", removed)
		if freed > 0 {
			msg = i18n.N("volumes.pruned.freed", removed, "Size", present.HumanSize(freed))
		}
		v.list.Say(msg, widget.SuccessImportance)
		v.list.ReportFailures(i18n.T("volumes.prune.failed"), names, errs, func(err error) string { return present.Explain(v.named(err)) })
	})
}

// --- the helper image -----------------------------------------------------------------------

// localImages are the references of the images the engine has, for the helper.
func (v *View) localImages() []string {
	var out []string
	seen := map[string]bool{}
	for _, im := range v.snap.Images {
		if ref := im.Ref(); !seen[ref] {
			seen[ref] = true
			out = append(out, ref)
		}
	}
	return out
}

// HelperImage is the remembered helper image, if the engine still has it.
func (v *View) HelperImage() string {
	want := v.h.Preferences().String(PrefHelperImage)
	for _, ref := range v.localImages() {
		if ref == want {
			return want
		}
	}
	return ""
}

// withHelper runs fn with the image of the helper container. Reading a
// volume uses the remembered image without asking (the dialog says how it
// reads); writing one says so first, and picking an image always asks.
func (v *View) withHelper(readOnly bool, title, action string, fn func(image string)) {
	imgs := v.localImages()
	if len(imgs) == 0 {
		v.h.Ask(kit.Question{Title: title, Message: i18n.T("volumes.helper.none"), Choices: []kit.Choice{kit.OK()}})
		return
	}
	chosen := v.HelperImage()
	if chosen != "" && readOnly {
		fn(chosen)
		return
	}
	if chosen == "" {
		chosen = imgs[0]
	}
	note := kit.WrapLabel(present.HelperText(chosen, readOnly), widget.MediumImportance)
	sel := widget.NewSelect(imgs, func(s string) {
		chosen = s
		note.SetText(present.HelperText(s, readOnly))
	})
	sel.SetSelected(chosen)
	extra := container.New(kit.BoxWidth(460), note, widget.NewForm(widget.NewFormItem(i18n.T("volumes.helper.image"), sel)))
	v.h.Ask(kit.Question{Title: title, Message: "", Extra: extra, Choices: []kit.Choice{kit.Cancel(),
		{Text: action, Importance: widget.HighImportance, Run: func() {
			v.h.Preferences().SetString(PrefHelperImage, chosen)
			fn(chosen)
		}}}})
}

// --- create, clone, import ------------------------------------------------------------------

// nameForm is a small dialog: a volume name checked as it is typed (the
// message next to the field), optional more rows, and an action button
// that stays off while the name is wrong.
type nameForm struct {
	dlg    dialog.Dialog
	name   *kit.DialogEntry
	msg    *widget.Label
	err    *widget.Label
	ok     *widget.Button
	check  func(string) string
	onOK   func(f *nameForm)
	closed bool
}

func (v *View) newNameForm(title, okText, initial string, check func(string) string, more []*widget.FormItem, onOK func(f *nameForm)) *nameForm {
	f := &nameForm{check: check, onOK: onOK}
	f.name = kit.NewDialogEntry()
	f.name.SetText(initial)
	f.msg = kit.MessageLabel()
	f.err = kit.MessageLabel()
	f.ok = &widget.Button{Text: okText, Importance: widget.HighImportance, OnTapped: func() {
		if f.validate() {
			kit.Enable(f.ok, false)
			f.onOK(f)
		}
	}}
	f.name.OnChanged = func(string) { f.validate() }
	f.name.OnSubmitted = func(string) { f.ok.OnTapped() }
	items := append([]*widget.FormItem{widget.NewFormItem(i18n.T("volumes.form.name"), container.NewVBox(f.name, f.msg))}, more...)
	form := widget.NewForm(items...)
	cancel := kit.NewDialogButton(i18n.T("kit.cancel"), theme.CancelIcon(), func() { f.close() })
	content := container.NewBorder(nil, container.NewVBox(f.err, container.NewHBox(layout.NewSpacer(), cancel, f.ok)), nil, nil,
		container.New(kit.BoxWidth(460), form))
	f.dlg = dialog.NewCustomWithoutButtons(title, content, v.h.Window())
	f.validate()
	f.dlg.Show()
	v.h.Window().Canvas().Focus(f.name)
	return f
}

// validate shows what is wrong with the name next to the field.
func (f *nameForm) validate() bool {
	problem := f.check(strings.TrimSpace(f.name.Text))
	kit.ShowMessage(f.msg, problem, widget.DangerImportance)
	kit.Enable(f.ok, problem == "")
	return problem == ""
}

// fail shows an engine error in the dialog (next to the name when it is about the name).
func (f *nameForm) fail(err error) {
	kit.Enable(f.ok, true)
	if engine.IsKind(err, engine.ErrInvalidName) {
		kit.ShowMessage(f.msg, present.Explain(err), widget.DangerImportance)
		return
	}
	kit.ShowMessage(f.err, present.Explain(err), widget.DangerImportance)
}

func (f *nameForm) close() {
	if !f.closed {
		f.closed = true
		f.dlg.Hide()
	}
}

// Name is the name typed (tests).
func (f *nameForm) Name() string { return strings.TrimSpace(f.name.Text) }

// checkNew says what is wrong with the name of a new volume, "" if nothing.
func (v *View) checkNew(name string, required bool) string {
	if name == "" && !required {
		return ""
	}
	if err := engine.ValidateVolumeName(name); err != nil || name == "" {
		return present.ResourceNameProblem(i18n.Code("volume"), name, 2)
	}
	if _, ok := v.volume(name); ok {
		return i18n.T("volumes.exists", "Name", name)
	}
	return ""
}

// parseLabels reads KEY=value lines.
func parseLabels(text string) (map[string]string, string) {
	out := map[string]string{}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		k, val, ok := strings.Cut(line, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, i18n.T("volumes.labels.bad", "Line", strconv.Quote(line))
		}
		out[strings.TrimSpace(k)] = val
	}
	if len(out) == 0 {
		return nil, ""
	}
	return out, ""
}

// lastForm is the last name dialog opened (tests).
var lastForm *nameForm

// openCreate is Create…: name (optional: the engine picks one), driver, labels.
func (v *View) openCreate() {
	driver := kit.NewDialogEntry()
	driver.SetPlaceHolder(i18n.Code("local"))
	labels := widget.NewMultiLineEntry()
	labels.SetPlaceHolder(i18n.T("volumes.labels.hint"))
	labels.SetMinRowsVisible(3)
	labelMsg := kit.MessageLabel()
	var f *nameForm
	f = v.newNameForm(i18n.T("volumes.create.title"), i18n.T("volumes.create"), "", func(n string) string {
		if p := v.checkNew(n, false); p != "" {
			return p
		}
		_, p := parseLabels(labels.Text)
		kit.ShowMessage(labelMsg, p, widget.DangerImportance)
		if p != "" {
			return " "
		}
		return ""
	}, []*widget.FormItem{widget.NewFormItem(i18n.T("volumes.form.driver"), driver), widget.NewFormItem(i18n.T("volumes.form.labels"), container.NewVBox(labels, labelMsg))},
		func(f *nameForm) {
			lbls, _ := parseLabels(labels.Text)
			spec := engine.VolumeSpec{Name: f.Name(), Driver: strings.TrimSpace(driver.Text), Labels: lbls}
			ctx := v.h.Context()
			go func() {
				vol, err := v.api.VolumeCreate(ctx, spec)
				v.h.Do(func() {
					if err != nil {
						f.fail(err)
						return
					}
					f.close()
					v.list.Say(i18n.T("volumes.created", "Name", vol.Name), widget.SuccessImportance)
				})
			}()
		})
	labels.OnChanged = func(string) { f.validate() }
	lastForm = f
}

// openClone copies a volume's files into a new volume.
func (v *View) openClone(name string) {
	vol, ok := v.volume(name)
	if !ok {
		return
	}
	v.withHelper(false, i18n.T("volumes.clone.title", "Name", name), i18n.T("volumes.continue"), func(img string) {
		lastForm = v.newNameForm(i18n.T("volumes.clone.title", "Name", name), i18n.T("volumes.clone"), v.freeName(name+i18n.Code("-copy")), func(n string) string { return v.checkNew(n, true) }, nil,
			func(f *nameForm) {
				to := f.Name()
				f.close()
				v.list.Act(name, i18n.T("volumes.cloning"), func(ctx context.Context) error {
					_, err := engine.CloneVolume(ctx, v.api, vol, to, img)
					return err
				}, func(err error) {
					v.list.Report(err, i18n.T("volumes.cloned", "Name", name, "To", to), i18n.T("volumes.clone.failed", "Name", name))
				})
			})
	})
}

// freeName is base, or base-2, base-3…, whichever no volume has.
func (v *View) freeName(base string) string {
	name := base
	for i := 2; ; i++ {
		if _, ok := v.volume(name); !ok {
			return name
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
}

var notNameRune = regexp.MustCompile(`[^a-zA-Z0-9_.-]+`)

// nameFromFile makes a volume name of an archive's file name: data.tar.gz → data.
func nameFromFile(file string) string {
	base := path.Base(file)
	for _, ext := range []string{i18n.Code(".tar.gz"), i18n.Code(".tgz"), i18n.Code(".tar")} {
		base = strings.TrimSuffix(base, ext)
	}
	base = strings.Trim(notNameRune.ReplaceAllString(base, "-"), "-_.")
	if len(base) < 2 {
		base = i18n.Code("imported")
	}
	return base
}

// openExport writes a volume's files to a .tar.gz the user names.
func (v *View) openExport(name string) {
	v.withHelper(true, i18n.T("volumes.export.title", "Name", name), i18n.T("volumes.export"), func(img string) {
		v.files.Save(name+i18n.Code(".tar.gz"), func(w io.WriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			v.Export(name, img, w)
		})
	})
}

// Export writes the volume's files to w as a .tar.gz and closes w.
func (v *View) Export(name, img string, w io.WriteCloser) {
	cw := &countWriter{w: w}
	v.list.Act(name, i18n.T("volumes.exporting"), func(ctx context.Context) error {
		gz := gzip.NewWriter(cw)
		err := v.api.VolumeExport(ctx, name, img, "/", gz)
		if cerr := gz.Close(); err == nil {
			err = cerr
		}
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return err
	}, func(err error) {
		v.list.Report(err, i18n.T("volumes.exported", "Name", name, "Size", present.HumanSize(cw.n)), i18n.T("volumes.export.failed", "Name", name))
	})
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// openImport makes a new volume of a .tar.gz.
func (v *View) openImport() {
	v.files.Open(func(r io.ReadCloser, file string, err error) {
		if err != nil || r == nil {
			return
		}
		v.withHelper(false, i18n.T("volumes.import.title", "File", path.Base(file)), i18n.T("volumes.continue"), func(img string) {
			lastForm = v.newNameForm(i18n.T("volumes.importNew.title"), i18n.T("volumes.import"), v.freeName(nameFromFile(file)),
				func(n string) string { return v.checkNew(n, true) }, nil, func(f *nameForm) {
					to := f.Name()
					ctx := v.h.Context()
					go func() {
						_, err := v.api.VolumeCreate(ctx, engine.VolumeSpec{Name: to})
						if err == nil {
							err = v.api.VolumeImport(ctx, to, img, "/", r)
						}
						r.Close()
						v.h.Do(func() {
							if err != nil {
								f.fail(err)
								return
							}
							f.close()
							v.list.Say(i18n.T("volumes.importedNew", "File", path.Base(file), "Name", to), widget.SuccessImportance)
						})
					}()
				})
		})
	})
}

// openImportInto extracts a .tar.gz into an existing volume.
func (v *View) openImportInto(name string) {
	v.withHelper(false, i18n.T("volumes.importInto.title", "Name", name), i18n.T("volumes.chooseFile"), func(img string) {
		v.files.Open(func(r io.ReadCloser, file string, err error) {
			if err != nil || r == nil {
				return
			}
			v.Import(name, img, path.Base(file), r)
		})
	})
}

// Import extracts the archive r into the volume name and closes r.
func (v *View) Import(name, img, file string, r io.ReadCloser) {
	v.list.Act(name, i18n.T("volumes.importing"), func(ctx context.Context) error {
		err := v.api.VolumeImport(ctx, name, img, "/", r)
		r.Close()
		return err
	}, func(err error) {
		v.list.Report(err, i18n.T("volumes.imported", "File", file, "Name", name), i18n.T("volumes.import.failed", "Name", name))
	})
}

// defaultFiles are Fyne's file dialogs over the main window.
func defaultFiles(h Host) Files {
	return Files{
		Save: func(name string, done func(io.WriteCloser, error)) {
			d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
				if w == nil {
					done(nil, err)
					return
				}
				done(w, err)
			}, h.Window())
			d.SetFileName(name)
			d.Show()
		},
		Open: func(done func(io.ReadCloser, string, error)) {
			d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
				if r == nil {
					done(nil, "", err)
					return
				}
				done(r, r.URI().Name(), err)
			}, h.Window())
			d.SetFilter(storage.NewExtensionFileFilter([]string{i18n.Code(".gz"), i18n.Code(".tgz"), i18n.Code(".tar")}))
			d.Show()
		},
	}
}

// msgText is the message next to the name (tests).
func (f *nameForm) msgText() string { return kit.MessageText(f.msg) }
