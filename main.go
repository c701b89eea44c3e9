package main
import (
	_ "fyne.io/fyne/v2/app"
	_ "github.com/docker/docker/client"
	_ "github.com/docker/go-connections/nat"
	_ "github.com/containerd/errdefs"
	_ "github.com/docker/go-units"
	_ "github.com/distribution/reference"
	_ "github.com/docker/docker/pkg/jsonmessage"
	_ "github.com/docker/docker/pkg/stdcopy"
)
func main(){}
