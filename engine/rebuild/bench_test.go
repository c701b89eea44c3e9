package rebuild

import "testing"

// The Recreate pane builds the command and the service on each load and on
// each Reveal toggle. Baseline: Quote of one word, in the same run.

func BenchmarkQuoteBaseline(b *testing.B) {
	for b.Loop() {
		_ = Quote("/srv/my data")
	}
}

func BenchmarkRunScript(b *testing.B) {
	d := many()
	o := Options{Secret: secret}
	for b.Loop() {
		_ = Run(d, webImage, o).Script()
	}
}

func BenchmarkService(b *testing.B) {
	d := many()
	o := Options{Secret: secret}
	for b.Loop() {
		if _, err := Service(d, webImage, o); err != nil {
			b.Fatal(err)
		}
	}
}
