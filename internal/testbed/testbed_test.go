package testbed

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestClientSaysWhatToRun(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix://"+filepath.Join(t.TempDir(), "no-engine.sock"))
	_, err := newClient()
	if err == nil || !strings.Contains(err.Error(), "run scripts/testenv.sh") {
		t.Fatalf("newClient with no engine: %v, want an error that says to run scripts/testenv.sh", err)
	}
}

func TestSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"web":                          "web",
		"TestRun/Sub_case #2":          "testrun-sub-case-2",
		"--.__":                        "x",
		strings.Repeat("a", 50):        strings.Repeat("a", 40),
		strings.Repeat("a", 39) + "/b": strings.Repeat("a", 39),
		"Big Image: copy (pull)...":    "big-image-copy-pull",
	} {
		if got := sanitize(in); got != want {
			t.Errorf("sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}
