package engine

import (
	"context"
	"time"
)

// ImageDetailAPI is an image's history and config, tagging, pushing and a registry's catalog (issue 11).
type ImageDetailAPI interface {
	// ImageHistory is `docker history`: the image's layers, newest first.
	ImageHistory(ctx context.Context, ref string) ([]HistoryLayer, error)
	// ImageConfig is what `docker image inspect` says of the image's config.
	ImageConfig(ctx context.Context, ref string) (ImageConfig, error)
	// ImageTag is `docker tag SRC TARGET`; target is checked with ValidateImage first.
	ImageTag(ctx context.Context, src, target string) error
	// ImagePush is `docker push`, reporting per-layer progress (the layers'
	// Status is one of the Layer…Push statuses below); the last progress is
	// Done and its Status is the registry's "TAG: digest: sha256:… size: N".
	ImagePush(ctx context.Context, ref string, progress func(PullProgress)) error
	// RegistrySearch lists a registry's repositories (registry v2 API,
	// /v2/_catalog) whose name contains query ("" for all), each with its
	// tags (/v2/NAME/tags/list). registry is a host[:port] ("localhost:5000").
	RegistrySearch(ctx context.Context, registry, query string) ([]RegistryRepo, error)
}

// HistoryLayer is one line of `docker history`.
type HistoryLayer struct {
	ID        string // the image ID of the step, "<missing>" when built elsewhere
	Created   time.Time
	CreatedBy string // the Dockerfile step: "/bin/sh -c #(nop)  EXPOSE 80"
	Size      int64
	Comment   string
	Tags      []string
}

// ImageConfig is an image's config as `docker image inspect` shows it.
type ImageConfig struct {
	ID           string
	RepoTags     []string
	RepoDigests  []string
	Created      time.Time
	Size         int64
	OS           string
	Architecture string
	Entrypoint   []string
	Cmd          []string
	Env          []string // KEY=value, in order
	ExposedPorts []string // "80/tcp", sorted
	WorkingDir   string
	User         string
	Labels       map[string]string
	Volumes      []string
	StopSignal   string
	Layers       int // layers of the root file system
}

// The phases of a layer during a push (Layer.Status), as `docker push` words them.
const (
	LayerPreparing LayerStatus = "preparing"
	LayerPushing   LayerStatus = "pushing"
	LayerPushed    LayerStatus = "pushed"
	LayerInRepo    LayerStatus = "already exists" // the registry has it
	LayerMounted   LayerStatus = "mounted"        // mounted from another repository of the registry
)

// PushFraction is how far a layer of a push has come, 0..1.
func PushFraction(l Layer) float64 {
	switch l.Status {
	case LayerPushing:
		if l.Total <= 0 {
			return 0
		}
		return min(float64(l.Current)/float64(l.Total), 1)
	case LayerPushed, LayerInRepo, LayerMounted:
		return 1
	}
	return 0
}

// RegistryRepo is one repository of a registry's catalog.
type RegistryRepo struct {
	Registry string   // host[:port]
	Name     string   // "berthtest/web"
	Tags     []string // sorted
}

// Ref is the reference of one of the repository's tags: localhost:5000/berthtest/web:1.
func (r RegistryRepo) Ref(tag string) string { return r.Registry + "/" + r.Name + ":" + tag }
