package linestore

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

var (
	millionOnce sync.Once
	million     *Store
)

// aMillion is a store of 1,000,000 lines of about 90 bytes (the log of
// the figures), most of it in the spill file.
func aMillion(b *testing.B) *Store {
	millionOnce.Do(func() {
		million = New(Options{})
		fill(b, million, 1000000, func(i int) string {
			if i%1000 == 999 {
				return fmt.Sprintf("2026-12-02 02:00:00 ERROR worker %d: upstream timed out after 30 s (request %08x)", i%17, i)
			}
			return fmt.Sprintf("2026-12-02 02:00:00 INFO GET /api/v1/items/%d HTTP/1.1 200 %d bytes in %d µs", i, i*7%5000, i%997)
		})
	})
	return million
}

func benchSearch(b *testing.B, q Query, want int) {
	s := aMillion(b)
	m, err := Compile(q)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		n := 0
		s.Search(context.Background(), m, 0, s.Len(), func(int) { n++ })
		if want >= 0 && n != want {
			b.Fatalf("%d hits, want %d", n, want)
		}
	}
}

func BenchmarkSearch1MLiteral(b *testing.B) {
	benchSearch(b, Query{Pattern: "upstream timed out", Case: true}, 1000)
}
func BenchmarkSearch1MLiteralNoCase(b *testing.B) {
	benchSearch(b, Query{Pattern: "UPSTREAM timed out"}, 1000)
}
func BenchmarkSearch1MRegexp(b *testing.B) {
	benchSearch(b, Query{Pattern: `worker \d+: upstream`, Regexp: true, Case: true}, 1000)
}
func BenchmarkSearch1MRegexpNoPrefix(b *testing.B) {
	benchSearch(b, Query{Pattern: `items/\d*77 `, Regexp: true, Case: true}, -1)
}
