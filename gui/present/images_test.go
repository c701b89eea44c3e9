package present

import (
	"strings"
	"testing"

	"berth/engine"
)

func TestImageWording(t *testing.T) {
	nginx := engine.Image{ID: "sha256:42b4762643dc", ShortID: "42b4762643dc", Repository: "nginx", Tag: "latest", Containers: 2}
	dangling := engine.Image{ShortID: "0d0e0a0d0b0e", Repository: "<none>", Tag: "<none>", Dangling: true}
	if got := ImageLabel(nginx); got != "nginx:latest (42b4762643dc)" {
		t.Errorf("ImageLabel = %q", got)
	}
	if got := ImageLabel(dangling); got != "0d0e0a0d0b0e" {
		t.Errorf("ImageLabel(dangling) = %q", got)
	}
	for im, want := range map[*engine.Image]string{&nginx: "2 containers", &dangling: "Dangling (no tag)", {}: "Not used", {Containers: -1}: "Unknown"} {
		if got := ImageUse(*im); got != want {
			t.Errorf("ImageUse(%+v) = %q, want %q", *im, got, want)
		}
	}
	if got := RemoveImageText(nginx); !strings.HasPrefix(got, "Remove image nginx:latest (42b4762643dc)? If no other tag") || !strings.HasSuffix(got, "used by 2 containers, so the engine will refuse unless those go first.") {
		t.Errorf("RemoveImageText = %q", got)
	}
	web := engine.Container{ShortID: "5c17b6cbcddd", Name: "webserver"}
	one := ImageConflictText(nginx, []engine.Container{web}, false)
	for _, want := range []string{"container webserver (5c17b6cbcddd) still uses it.", "Berth stops and removes it,", "the container keeps running", "until it is gone"} {
		if !strings.Contains(one, want) {
			t.Errorf("conflict with one user lacks %q:\n%s", want, one)
		}
	}
	two := ImageConflictText(nginx, []engine.Container{web, {ShortID: "e6d5c4b3a291"}}, true)
	for _, want := range []string{"containers webserver (5c17b6cbcddd) and e6d5c4b3a291 still use it.", "Remove the containers first: Berth stops and removes them", "cannot force"} {
		if !strings.Contains(two, want) {
			t.Errorf("conflict with two users lacks %q:\n%s", want, two)
		}
	}
	if strings.Contains(two, "Force remove") {
		t.Errorf("offers to force what cannot be forced:\n%s", two)
	}
	if RemoveUsersChoice(1) != "Remove the container first" || RemoveUsersChoice(2) != "Remove the containers first" {
		t.Error("RemoveUsersChoice")
	}
}
