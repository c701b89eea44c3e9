package docker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/pkg/jsonmessage"

	"berth/engine"
)

var _ engine.ImageDetailAPI = (*Client)(nil)

// ImageHistory implements engine.ImageDetailAPI.
func (d *Client) ImageHistory(ctx context.Context, ref string) ([]engine.HistoryLayer, error) {
	hist, err := d.cli.ImageHistory(ctx, strings.TrimSpace(ref))
	if err != nil {
		return nil, d.classify(err, ref)
	}
	out := make([]engine.HistoryLayer, len(hist))
	for i, h := range hist {
		out[i] = engine.HistoryLayer{ID: h.ID, Created: time.Unix(h.Created, 0), CreatedBy: h.CreatedBy, Size: h.Size,
			Comment: h.Comment, Tags: h.Tags}
	}
	return out, nil
}

// ImageConfig implements engine.ImageDetailAPI.
func (d *Client) ImageConfig(ctx context.Context, ref string) (engine.ImageConfig, error) {
	ins, err := d.cli.ImageInspect(ctx, strings.TrimSpace(ref))
	if err != nil {
		return engine.ImageConfig{}, d.classify(err, ref)
	}
	out := engine.ImageConfig{ID: ins.ID, RepoTags: ins.RepoTags, RepoDigests: ins.RepoDigests, Size: ins.Size,
		OS: ins.Os, Architecture: ins.Architecture, Layers: len(ins.RootFS.Layers)}
	if t, err := time.Parse(time.RFC3339Nano, ins.Created); err == nil {
		out.Created = t
	}
	if c := ins.Config; c != nil {
		out.Entrypoint, out.Cmd, out.Env = c.Entrypoint, c.Cmd, c.Env
		out.WorkingDir, out.User, out.Labels, out.StopSignal = c.WorkingDir, c.User, c.Labels, c.StopSignal
		for p := range c.ExposedPorts {
			out.ExposedPorts = append(out.ExposedPorts, p)
		}
		for v := range c.Volumes {
			out.Volumes = append(out.Volumes, v)
		}
	}
	sort.Strings(out.ExposedPorts)
	sort.Strings(out.Volumes)
	return out, nil
}

// ImageTag implements engine.ImageDetailAPI.
func (d *Client) ImageTag(ctx context.Context, src, target string) error {
	norm, err := engine.ValidateImage(target)
	if err != nil {
		return err
	}
	if err := d.cli.ImageTag(ctx, strings.TrimSpace(src), norm); err != nil {
		return d.classify(err, src)
	}
	return nil
}

// registryAuth is an empty auth config ({} in base64): the header some
// engines want even for a registry without auth.
const registryAuth = "e30="

// ImagePush implements engine.ImageDetailAPI.
func (d *Client) ImagePush(ctx context.Context, ref string, progress func(engine.PullProgress)) error {
	norm, err := engine.ValidateImage(ref)
	if err != nil {
		return err
	}
	rc, err := d.cli.ImagePush(ctx, norm, image.PushOptions{RegistryAuth: registryAuth})
	if err != nil {
		return d.pullError(ctx, err, ref)
	}
	defer rc.Close()
	t := newPushTracker(ref)
	if err := d.readProgress(ctx, rc, ref, t.apply, t.snapshot, progress); err != nil {
		return err
	}
	t.done = true
	if progress != nil {
		progress(t.snapshot())
	}
	return nil
}

// pushTracker folds the engine's push messages into an engine.PullProgress.
type pushTracker struct {
	ref    string
	order  []string
	layers map[string]*engine.Layer
	size   map[string]int64
	status string
	done   bool
}

func newPushTracker(ref string) *pushTracker {
	return &pushTracker{ref: ref, layers: map[string]*engine.Layer{}, size: map[string]int64{}}
}

// apply folds one message in and reports whether anything changed.
func (t *pushTracker) apply(m *jsonmessage.JSONMessage) bool {
	st := m.Status
	if m.ID == "" || strings.Contains(st, "digest: ") || strings.HasPrefix(st, "The push refers to") {
		if st == "" {
			return false
		}
		t.status = st
		return true
	}
	l := t.layers[m.ID]
	if l == nil {
		l = &engine.Layer{ID: m.ID}
		t.layers[m.ID] = l
		t.order = append(t.order, m.ID)
	}
	switch {
	case st == "Preparing" || st == "Waiting":
		l.Status = engine.LayerPreparing
	case st == "Pushing":
		l.Status = engine.LayerPushing
		if m.Progress != nil {
			l.Current, l.Total = m.Progress.Current, m.Progress.Total
			if l.Total > t.size[m.ID] {
				t.size[m.ID] = l.Total
			}
		}
	case st == "Pushed":
		l.Status = engine.LayerPushed
		l.Current, l.Total = t.size[m.ID], t.size[m.ID]
	case st == "Layer already exists":
		l.Status = engine.LayerInRepo
	case strings.HasPrefix(st, "Mounted from"):
		l.Status = engine.LayerMounted
	default:
		return false
	}
	return true
}

func (t *pushTracker) snapshot() engine.PullProgress {
	p := engine.PullProgress{Ref: t.ref, Status: t.status, Done: t.done, Layers: make([]engine.Layer, len(t.order))}
	var sum, weights float64
	for i, id := range t.order {
		l := *t.layers[id]
		p.Layers[i] = l
		w := float64(max(t.size[id], 1))
		sum += w * engine.PushFraction(l)
		weights += w
	}
	if weights > 0 {
		p.Fraction = sum / weights
	}
	if t.done {
		p.Fraction = 1
	}
	return p
}

// registryHTTP asks registries (the catalog); engine calls do not use it.
var registryHTTP = &http.Client{Timeout: 30 * time.Second}

// RegistrySearch implements engine.ImageDetailAPI over the registry v2 API.
// A registry on this machine (localhost, 127.0.0.1, ::1) is asked over
// plain HTTP, as the engine treats it; others over HTTPS.
func (d *Client) RegistrySearch(ctx context.Context, registry, query string) ([]engine.RegistryRepo, error) {
	registry = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(registry), "https://"), "http://"), "/")
	if registry == "" {
		return nil, &engine.Error{Kind: engine.ErrInvalidImage, Err: errors.New("no registry given")}
	}
	base := "https://" + registry
	if host, _, err := net.SplitHostPort(registry); (err == nil && isLocalHost(host)) || isLocalHost(registry) {
		base = "http://" + registry
	}
	var names []string
	next := base + "/v2/_catalog?n=1000"
	for next != "" {
		var page struct {
			Repositories []string `json:"repositories"`
		}
		link, err := getJSON(ctx, next, &page)
		if err != nil {
			return nil, d.classify(err, registry)
		}
		names = append(names, page.Repositories...)
		next = ""
		if link != "" {
			if u, err := url.Parse(base); err == nil {
				if r, err := u.Parse(link); err == nil {
					next = r.String()
				}
			}
		}
	}
	q := strings.ToLower(strings.TrimSpace(query))
	var out []engine.RegistryRepo
	for _, n := range names {
		if q != "" && !strings.Contains(strings.ToLower(n), q) {
			continue
		}
		var tags struct {
			Tags []string `json:"tags"`
		}
		if _, err := getJSON(ctx, base+"/v2/"+n+"/tags/list", &tags); err != nil {
			if ctx.Err() != nil {
				return nil, d.classify(err, registry)
			}
			// A repository whose tags were all deleted answers 404: list it without tags.
		}
		sort.Strings(tags.Tags)
		out = append(out, engine.RegistryRepo{Registry: registry, Name: n, Tags: tags.Tags})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func isLocalHost(h string) bool {
	h = strings.Trim(h, "[]")
	return h == "localhost" || h == "127.0.0.1" || h == "::1"
}

// getJSON GETs u into v and returns the next page's link (the Link header's <…>), if any.
func getJSON(ctx context.Context, u string, v any) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", err
	}
	resp, err := registryHTTP.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return "", fmt.Errorf("registry %s: %s: %s", u, resp.Status, strings.TrimSpace(string(body)))
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return "", fmt.Errorf("registry %s: %w", u, err)
	}
	link := resp.Header.Get("Link")
	if i, j := strings.IndexByte(link, '<'), strings.IndexByte(link, '>'); i >= 0 && j > i {
		return link[i+1 : j], nil
	}
	return "", nil
}

func (u unusable) ImageHistory(context.Context, string) ([]engine.HistoryLayer, error) {
	return nil, u.err
}

func (u unusable) ImageConfig(context.Context, string) (engine.ImageConfig, error) {
	return engine.ImageConfig{}, u.err
}

func (u unusable) ImageTag(context.Context, string, string) error                     { return u.err }
func (u unusable) ImagePush(context.Context, string, func(engine.PullProgress)) error { return u.err }

func (u unusable) RegistrySearch(context.Context, string, string) ([]engine.RegistryRepo, error) {
	return nil, u.err
}
