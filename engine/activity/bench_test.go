package activity

import (
	"context"
	"fmt"
	"testing"
	"time"

	"berth/engine"
	"berth/engine/enginetest"
)

// BenchmarkObserveStorm is one store batch of an event storm: 300
// containers stopped at once in a terminal (kill, die, stop each), while 8
// of Berth's own stops are in flight: what Follow adds to every change.
func BenchmarkObserveStorm(b *testing.B) {
	var evs []engine.Event
	for i := range 300 {
		id := fmt.Sprintf("%064x", i)
		for _, a := range []string{"kill", "die", "stop"} {
			evs = append(evs, engine.Event{Kind: engine.EventContainer, Action: a, ID: id, Name: fmt.Sprintf("storm-%d", i)})
		}
	}
	log := NewLog()
	f := enginetest.New(nil, nil)
	block := make(chan struct{})
	f.ContainerStopFunc = func(context.Context, string, *time.Duration) error { <-block; return nil }
	c := Wrap(f.Client(), log, nil)
	done := make(chan struct{})
	for i := range 8 {
		go func() {
			_ = c.Containers.ContainerStop(context.Background(), fmt.Sprintf("%064x", 1000+i), nil)
			done <- struct{}{}
		}()
	}
	for len(log.Entries()) < 8 {
		time.Sleep(time.Millisecond)
	}
	b.ReportAllocs()
	for b.Loop() {
		log.Observe(evs)
	}
	b.StopTimer()
	close(block)
	for range 8 {
		<-done
	}
}

// BenchmarkWrappedStop is the recorder's cost on one action (a fake engine
// that answers at once): begin, finish and one subscriber.
func BenchmarkWrappedStop(b *testing.B) {
	for _, wrapped := range []bool{false, true} {
		b.Run(fmt.Sprintf("wrapped=%v", wrapped), func(b *testing.B) {
			f := enginetest.New(nil, nil)
			c := f.Client()
			if wrapped {
				log := NewLog()
				log.Subscribe(func() {})
				c = Wrap(c, log, func(string) string { return "webserver" })
			}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				_ = c.Containers.ContainerStop(ctx, "5c17b6cbcddd", nil)
			}
		})
	}
}
