package docker

import (
	"slices"
	"strings"

	"github.com/docker/docker/pkg/jsonmessage"

	"berth/engine"
)

// pullTracker folds the engine's pull message stream into an engine.PullProgress.
type pullTracker struct {
	ref    string
	order  []string
	layers map[string]*layerState
	status string
	done   bool
}

type layerState struct {
	engine.Layer
	size int64 // download size once known
}

func newPullTracker(ref string) *pullTracker {
	return &pullTracker{ref: ref, layers: map[string]*layerState{}}
}

// apply folds one message in and reports whether anything changed.
func (t *pullTracker) apply(m *jsonmessage.JSONMessage) bool {
	st := m.Status
	// Messages without an ID, or whose ID is the tag being pulled, are overall lines.
	if m.ID == "" || strings.HasPrefix(st, "Pulling from") || strings.HasPrefix(st, "Digest:") || strings.HasPrefix(st, "Status:") {
		if st == "" {
			return false
		}
		t.status = st
		return true
	}
	l := t.layers[m.ID]
	if l == nil {
		l = &layerState{Layer: engine.Layer{ID: m.ID}}
		t.layers[m.ID] = l
		t.order = append(t.order, m.ID)
	}
	var cur, total int64
	if m.Progress != nil {
		cur, total = m.Progress.Current, m.Progress.Total
	}
	switch {
	case st == "Pulling fs layer" || st == "Waiting":
		l.Status = engine.LayerWaiting
	case st == "Downloading":
		l.Status = engine.LayerDownloading
		if total > l.size {
			l.size = total
		}
	case st == "Verifying Checksum":
		l.Status = engine.LayerVerifying
	case st == "Download complete":
		l.Status = engine.LayerDownloaded
		cur, total = l.size, l.size
	case st == "Extracting":
		l.Status = engine.LayerExtracting
	case st == "Pull complete":
		l.Status = engine.LayerComplete
	case st == "Already exists":
		l.Status = engine.LayerExists
	default:
		// Retrying, Mounted from ..., etc.: keep the state, just note the text.
		return false
	}
	l.Current, l.Total = cur, total
	return true
}

// finish marks the pull done: every layer is complete (Podman leaves them
// at "Download complete" and sends no closing status).
func (t *pullTracker) finish() {
	t.done = true
	for _, l := range t.layers {
		if l.Status != engine.LayerExists && l.Status != engine.LayerComplete {
			l.Status, l.Current, l.Total = engine.LayerComplete, l.size, l.size
		}
	}
	if !strings.HasPrefix(t.status, "Status:") {
		t.status = "Status: Downloaded newer image for " + t.ref
	}
}

// drop forgets the layer id (Podman's config blob).
func (t *pullTracker) drop(id string) {
	if _, ok := t.layers[id]; !ok {
		return
	}
	delete(t.layers, id)
	t.order = slices.DeleteFunc(t.order, func(s string) bool { return s == id })
}

func (t *pullTracker) snapshot() engine.PullProgress {
	p := engine.PullProgress{Ref: t.ref, Status: t.status, Done: t.done, Layers: make([]engine.Layer, len(t.order))}
	var known, nKnown int64
	for _, id := range t.order {
		if s := t.layers[id].size; s > 0 {
			known += s
			nKnown++
		}
	}
	avg := int64(1)
	if nKnown > 0 {
		avg = known / nKnown
	}
	var sum, weights float64
	for i, id := range t.order {
		l := t.layers[id]
		p.Layers[i] = l.Layer
		w := l.size
		if w <= 0 {
			w = avg
		}
		sum += float64(w) * l.Fraction()
		weights += float64(w)
	}
	if weights > 0 {
		p.Fraction = sum / weights
	}
	if t.done {
		p.Fraction = 1
	}
	return p
}
