package engine

import "context"

// Compose stacks: a compose file brought up or down by Docker's own compose
// code (github.com/docker/compose/v2's pkg/compose, run by engine/compose in
// a helper program), and the projects already on the engine, found by
// their com.docker.compose.project labels.

// ComposeFile names a compose project: its file, or (Path "") a project
// that is on the engine, by its name alone, as `docker compose -p NAME` does.
type ComposeFile struct {
	Path    string // compose.yaml, docker-compose.yml; "" for a project by name
	Project string // the project name; "" for the file's own (its name:, else its folder's)
}

// ComposeService is one service of a compose file, as its dialog shows it.
type ComposeService struct {
	Name      string
	Image     string   // "" when the service is only built
	Build     bool     // it has a build: section (Berth does not build: the image must exist)
	Ports     []string // published ports, as the CLI writes them: 8080:80/tcp
	DependsOn []string
}

// ComposeConfig is a compose file as compose's loader read it.
type ComposeConfig struct {
	Project    string
	WorkingDir string
	Files      []string
	Services   []ComposeService // sorted by name
	Networks   []string         // the project's networks by their engine names: demo_default
	Volumes    []string         // named volumes by their engine names
}

// ComposeStepState says how far one step of an up or down is.
type ComposeStepState string

// The states of a step.
const (
	StepWorking ComposeStepState = "working"
	StepDone    ComposeStepState = "done"
	StepWarning ComposeStepState = "warning"
	StepError   ComposeStepState = "error"
)

// ComposeStep is compose's progress on one resource: "Container
// demo-web-1" "Started", "Network demo_default" "Created", "Image
// localhost:5000/web:1" "Pulling" 40%.
type ComposeStep struct {
	ID      string // "Container demo-web-1"
	Parent  string // a pull's image for its layers, else ""
	Text    string
	Status  string // compose's word: Creating, Created, Starting, Started, Removed…
	State   ComposeStepState
	Current int64
	Total   int64
	Percent int
}

// ComposeResources are what `docker compose down -p NAME` would remove:
// the project's containers and networks, by their labels.
type ComposeResources struct {
	Project    string
	Containers []ComposeContainer
	Networks   []ComposeNetwork
}

// ComposeContainer is one container of a project.
type ComposeContainer struct {
	ID      string
	Name    string
	Service string
	State   ContainerState
}

// ComposeNetwork is one network of a project.
type ComposeNetwork struct {
	ID   string
	Name string // its engine name: demo_default
}

// ComposeAPI brings compose projects up and down. Every error is an *Error;
// a compose file that does not load is of kind ErrComposeFile, with Ref the
// file and Line where the loader said it went wrong.
type ComposeAPI interface {
	// ComposeConfig loads a compose file (nothing is changed on the engine).
	ComposeConfig(ctx context.Context, f ComposeFile) (ComposeConfig, error)
	// ComposeUp is `docker compose up --detach`, reporting each resource's progress.
	ComposeUp(ctx context.Context, f ComposeFile, progress func(ComposeStep)) error
	// ComposeDown is `docker compose down`: the project's containers and the
	// networks it created (volumes and images stay). f.Path "" takes the
	// project by name, from the engine's labels.
	ComposeDown(ctx context.Context, f ComposeFile, progress func(ComposeStep)) error
	// ComposeResources lists a project's containers and networks by their labels.
	ComposeResources(ctx context.Context, project string) (ComposeResources, error)
}
