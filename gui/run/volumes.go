package run

import (
	"strings"

	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// newVolumeField is the source of a volume row: a host path, or a volume
// name with a drop-down of the engine's volumes.
func newVolumeField(d *Dialog, text string) *imageField {
	f := newImageField()
	f.PlaceHolder = i18n.T("run.bind.hostPlaceholder")
	f.SetText(text)
	f.OnChanged = d.anyChanged
	f.SetOptions(volumeNames(d.h.State().Snapshot()))
	return f
}

func volumeNames(snap engine.Snapshot) []string {
	out := make([]string, len(snap.Volumes))
	for i, v := range snap.Volumes {
		out[i] = v.Name
	}
	return out
}

// volumeMessage checks a row that names a volume: a bad name is wrong; a
// name the engine does not have yet is fine (the engine creates it), and
// the row says so.
func (d *Dialog) volumeMessage(b engine.Bind) kit.RowMessage {
	switch {
	case strings.Contains(b.HostPath, ":") || strings.Contains(b.ContainerPath, ":"):
		return kit.RowMessage{Text: i18n.T("run.bind.colon"), Importance: widget.DangerImportance, Invalid: true}
	case engine.ValidateVolumeName(b.HostPath) != nil:
		msg := i18n.T("run.bind.badVolume", "Problem", present.ResourceNameProblem(i18n.Code("volume"), b.HostPath, 2))
		return kit.RowMessage{Text: msg, Importance: widget.DangerImportance, Invalid: true}
	case b.ContainerPath == "":
		return kit.RowMessage{Text: i18n.T("run.bind.noContainer"), Importance: widget.DangerImportance, Invalid: true}
	case !strings.HasPrefix(b.ContainerPath, "/"):
		return kit.RowMessage{Text: i18n.T("run.bind.absolute"), Importance: widget.DangerImportance, Invalid: true}
	}
	for _, v := range d.h.State().Snapshot().Volumes {
		if v.Name == b.HostPath {
			return kit.RowMessage{}
		}
	}
	return kit.RowMessage{Text: i18n.T("run.bind.newVolume", "Name", b.HostPath), Importance: widget.MediumImportance}
}

// refreshVolumeOptions offers the engine's current volumes in every volume row.
func (d *Dialog) refreshVolumeOptions() {
	names := volumeNames(d.h.State().Snapshot())
	for _, r := range d.binds.Rows() {
		r.host.SetOptions(names)
	}
}
