package present

import (
	"errors"
	"strings"
	"testing"

	"berth/engine"
)

func TestNameProblemSaysWhatIsWrong(t *testing.T) {
	const rule = "A container name uses letters, digits and _ . - (not first), at least two characters."
	tests := []struct{ name, want string }{
		{"web server", "A container name cannot contain spaces. " + rule},
		{"café", `A container name cannot contain 'é': only plain letters (a-z, A-Z). ` + rule},
		{"w", "A container name needs at least two characters. " + rule},
		{".web", `A container name cannot start with ".". ` + rule},
		{"/.web", `A container name cannot start with ".". ` + rule},
		{"web$1", `A container name cannot contain '$'. ` + rule},
	}
	for _, tt := range tests {
		if got := NameProblem(tt.name); got != tt.want {
			t.Errorf("NameProblem(%q) = %q, want %q", tt.name, got, tt.want)
		}
		if got := Explain(engine.ValidateName(tt.name)); got != tt.want {
			t.Errorf("Explain(ValidateName(%q)) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// The engine's raw words get plain words and the next step.
func TestExplainEngineWords(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want []string
	}{
		{"registry unreachable", &engine.Error{Kind: engine.ErrRegistryUnreachable, Ref: "nginx",
			Err: errors.New(`Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host`)},
			[]string{"no network, or the registry is unreachable", "Check the connection"}},
		{"command not found", &engine.Error{Kind: engine.ErrCommandNotFound, Ref: "nginxx",
			Err: errors.New(`failed to create task for container: OCI runtime create failed: runc create failed: unable to start container process: exec: "nginxx": executable file not found in $PATH: unknown`)},
			[]string{"The command nginxx is not in the image", "Command field"}},
		{"no command", &engine.Error{Kind: engine.ErrNoCommand, Ref: "scratchy", Err: errors.New("No command specified")},
			[]string{"has no command to run", "Command field"}},
	}
	for _, tt := range tests {
		got := Explain(tt.err)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: Explain = %q, lacks %q", tt.name, got, w)
			}
		}
		if strings.Contains(got, engine.Raw(tt.err)) {
			t.Errorf("%s: Explain = %q shows the engine's raw words", tt.name, got)
		}
	}
}
