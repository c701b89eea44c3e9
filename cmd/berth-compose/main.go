// Command berth-compose is Berth's compose helper: Docker's own compose
// code behind four subcommands that answer in JSON lines (see
// internal/composehelper). Berth starts it only when a compose file is used.
package main

import (
	"os"

	"berth/engine/docker/composehelper"
)

func main() { os.Exit(composehelper.Main(os.Args[1:], os.Stdout)) }
