package composehelper

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWireErrorFindsTheLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "compose.yaml")
	body := "services:\n  web:\n    image: nginx\n    imagee: typo\n    ports:\n      - \"8080:80\"\n      - 70000\n  db:\n    image: postgres\n"
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		msg  string
		line int
	}{
		{"validating " + p + ": services.web additional properties 'imagee' not allowed", 4},
		{"yaml: line 3: did not find expected key", 3},
		{"services.web.ports.1 must be a valid port", 7},
		{"services.db.image must be a string", 9},
		{"invalid hostPort: abc", 0},
	} {
		w := wireError(fileError{errors.New(c.msg)}, p)
		if w.File != p || w.Line != c.line {
			t.Errorf("%q: file %q line %d, want line %d", c.msg, w.File, w.Line, c.line)
		}
	}
	if w := wireError(errors.New("Cannot connect to the Docker daemon"), p); w.File != "" || w.Line != 0 {
		t.Errorf("an engine error is taken for the file's: %+v", w)
	}
}
