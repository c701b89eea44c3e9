package run

import (
	"strings"

	"berth/engine"
)

// OpenSpec opens the run dialog over the main window filled from spec
// ("Run a copy…" of a container): image, name, ports, env, volumes,
// restart policy and command, all editable before Run.
func OpenSpec(h Host, containers engine.ContainerAPI, images engine.ImageAPI, spec engine.RunSpec) *Dialog {
	d := newSpecDialog(h, containers, images, spec)
	d.show()
	return d
}

// newSpecDialog builds the dialog filled from spec without showing it.
func newSpecDialog(h Host, containers engine.ContainerAPI, images engine.ImageAPI, spec engine.RunSpec) *Dialog {
	d := newDialog(h, containers, images, spec.Image)
	d.fill(specForm(spec))
	return d
}

// specForm is spec as the dialog's form; a port spec the form cannot hold
// is left out (the engine's own specs always fit).
func specForm(s engine.RunSpec) runForm {
	f := runForm{Image: s.Image, Name: s.Name, Binds: s.Binds, Restart: s.Restart, Cmd: s.Cmd}
	for _, p := range s.Ports {
		if rp, err := parseRunPort(p); err == nil {
			f.Ports = append(f.Ports, rp)
		}
	}
	for _, kv := range s.Env {
		k, v, _ := strings.Cut(kv, "=")
		f.Env = append(f.Env, runEnv{Key: k, Value: v})
	}
	return f
}
