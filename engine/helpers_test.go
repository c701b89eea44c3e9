package engine_test

import (
	"fmt"
	"net"

	"github.com/docker/docker/client"
)

type netListen struct{}

func (netListen) listen(port int) (net.Listener, error) {
	return net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
}

func newCleanupClient() (*client.Client, error) {
	return client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
}
