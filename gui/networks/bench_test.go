package networks

import (
	"fmt"
	"testing"

	"berth/engine"
)

// BenchmarkNetworksApplyBigBridge: the tab applies a change of a bridge
// network with 300 containers attached (an event storm's connects), as the
// UI goroutine does.
func BenchmarkNetworksApplyBigBridge(b *testing.B) {
	e := start(b)
	nets := testNetworks()
	for i := 0; i < 300; i++ {
		nets[0].Attached = append(nets[0].Attached, engine.Attachment{ContainerID: fmt.Sprintf("c%063d", i),
			Name: fmt.Sprintf("storm-container-%d", i), IPv4: fmt.Sprintf("172.17.%d.%d/16", i/250, i%250+2)})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.v.Apply(engine.Snapshot{Reachable: true, Networks: nets, Seq: uint64(i + 2)}, engine.Change{Networks: true})
	}
}
