package present

import (
	"testing"
	"time"

	"berth/gui/i18n"
)

// The Created and Status columns word a time for every visible row on
// each tick, on the UI goroutine.
func BenchmarkAgo(b *testing.B) {
	for _, code := range []string{"en", "ko"} {
		b.Run(code, func(b *testing.B) {
			i18n.Use(code)
			defer i18n.Use("")
			now := time.Now()
			for i := range b.N {
				_ = Ago(now.Add(-time.Duration(i%5000)*time.Minute), now)
			}
		})
	}
}
