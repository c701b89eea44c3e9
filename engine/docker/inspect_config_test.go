package docker

import (
	"fmt"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/go-connections/nat"

	"berth/engine"
)

// TestConvertDetailsKeepsThePortConfig: what -p asked for (HostConfig), kept
// for a stopped container whose NetworkSettings publish nothing, and the
// network mode.
func TestConvertDetailsKeepsThePortConfig(t *testing.T) {
	ins := container.InspectResponse{
		ContainerJSONBase: &container.ContainerJSONBase{ID: "abc", Name: "/web", HostConfig: &container.HostConfig{
			NetworkMode: "shop",
			PortBindings: nat.PortMap{
				"80/tcp":   {{HostIP: "127.0.0.1", HostPort: "8080"}},
				"53/udp":   {{HostPort: "5353"}},
				"9000/tcp": {{}},
			}}},
		Config: &container.Config{Image: "web"},
	}
	d := convertDetails(ins)
	want := []engine.PortBinding{{HostPort: 5353, ContainerPort: 53, Proto: "udp"}, {HostIP: "127.0.0.1", HostPort: 8080, ContainerPort: 80, Proto: "tcp"},
		{ContainerPort: 9000, Proto: "tcp"}}
	if fmt.Sprint(d.PortConfig) != fmt.Sprint(want) || d.NetworkMode != "shop" || len(d.Ports) != 0 {
		t.Errorf("port config %+v, network mode %q, ports %+v", d.PortConfig, d.NetworkMode, d.Ports)
	}
}
