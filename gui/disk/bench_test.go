package disk

import (
	"testing"

	"berth/engine"
)

// BenchmarkApplyHidden is what an event costs the Disk usage tab while it is
// not shown: it only notes that the numbers are stale (no engine call).
func BenchmarkApplyHidden(b *testing.B) {
	e := start(b)
	snap := engine.Snapshot{Reachable: true, Seq: 1}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		snap.Seq++
		e.v.Apply(snap, engine.Change{})
	}
	b.StopTimer()
	if n := e.diskCalls(); n != 0 {
		b.Fatalf("%d engine calls while hidden", n)
	}
}
