package engine

import "testing"

func TestEndpointString(t *testing.T) {
	for _, c := range []struct {
		ep   Endpoint
		want string
	}{
		{Endpoint{Name: "default", Host: "unix:///var/run/docker.sock", Source: SourceDefault}, "unix:///var/run/docker.sock"},
		{Endpoint{Name: "rootless", Host: "unix:///run/user/1000/docker.sock", Source: SourceConfig}, "rootless · unix:///run/user/1000/docker.sock"},
		{Endpoint{Host: "unix:///run/podman/podman.sock", Source: SourcePodmanSystem}, "Podman system socket · unix:///run/podman/podman.sock"},
		{Endpoint{Host: "tcp://h:2376", Source: SourceHost}, "tcp://h:2376"},
	} {
		if got := c.ep.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.ep, got, c.want)
		}
	}
}
