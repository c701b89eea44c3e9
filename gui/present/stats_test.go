package present

import "testing"

// The expected strings are what `docker stats --no-stream` printed for the same figures.
func TestStatsWords(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Percent(46.3612), "46.36%"},
		{MemUsage(331776, 25275990016), "324KiB / 23.54GiB"},
		{IOBytes(1180), "1.18kB"},
		{IOBytes(0), "0B"},
		{Rate(2500), "2.5kB/s"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
