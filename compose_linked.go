//go:build composelinked

package main

// Built with -tags composelinked, Berth links Docker's compose code (what
// berth-compose runs) into its own binary: the variant bench/compose.sh
// measures against the plain Berth, to show what linking it would cost
// (docs/PERFORMANCE.md, "Compose"). Never shipped.

import (
	"os"

	"berth/engine/docker/composehelper"
)

func init() {
	// Reachable, so that the linker keeps compose's code as an in-process
	// compose would; BERTH_COMPOSE_INPROCESS is never set.
	if args := os.Getenv("BERTH_COMPOSE_INPROCESS"); args != "" {
		os.Exit(composehelper.Main([]string{args}, os.Stdout))
	}
}
