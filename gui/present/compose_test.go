package present

import (
	"errors"
	"strings"
	"testing"

	"berth/engine"
)

func TestComposeFileProblem(t *testing.T) {
	for _, c := range []struct {
		line      int
		raw, want string
	}{
		{4, "validating /home/me/demo/compose.yaml: services.web additional properties 'imagee' not allowed",
			"Line 4 of compose.yaml: services.web additional properties 'imagee' not allowed."},
		{3, "failed to parse /home/me/demo/compose.yaml: yaml: line 3: did not find expected ',' or ']'",
			"Line 3 of compose.yaml: did not find expected ',' or ']'."},
		{3, "yaml: line 3: did not find expected ',' or ']'", "Line 3 of compose.yaml: did not find expected ',' or ']'."},
		{0, "invalid hostPort: abc", "compose.yaml does not load: invalid hostPort: abc."},
	} {
		e := &engine.Error{Kind: engine.ErrComposeFile, Ref: "/home/me/demo/compose.yaml", Line: c.line, Err: errors.New(c.raw)}
		if got := Explain(e); got != c.want {
			t.Errorf("Explain(%q) = %q, want %q", c.raw, got, c.want)
		}
	}
}

func TestRemoveStackText(t *testing.T) {
	got := RemoveStackText(engine.ComposeResources{Project: "shop",
		Containers: []engine.ComposeContainer{{Name: "shop-db-1", State: engine.StateRunning}, {Name: "shop-web-1", State: engine.StateExited}},
		Networks:   []engine.ComposeNetwork{{Name: "shop_default"}}})
	want := "Remove the compose stack shop, as docker compose down does?\n2 containers: shop-db-1 and shop-web-1 (1 running: stopped first).\n1 network: shop_default.\nIts volumes and images are kept."
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := RemoveStackText(engine.ComposeResources{Project: "gone"}); !strings.Contains(got, "Nothing of it is left") {
		t.Errorf("an empty stack: %q", got)
	}
	if got := Explain(&engine.Error{Kind: engine.ErrNoComposeHelper, Ref: "/opt/berth"}); !strings.Contains(got, "berth-compose") || !strings.Contains(got, "in /opt/berth") {
		t.Errorf("no helper: %q", got)
	}
}
