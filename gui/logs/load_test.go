package logs

import (
	"testing"
	"time"

	"berth/gui/logs/linestore"
)

// One source's lines keep the engine's order even where their times do not
// (stdout and stderr are read apart); between sources, time order.
func TestInTimeOrderKeepsEachSourcesOrder(t *testing.T) {
	at := func(ms int) time.Time { return time.Unix(0, int64(ms)*int64(time.Millisecond)) }
	line := func(src uint16, text string, ms int) linestore.Line {
		return linestore.Line{Text: []byte(text), Time: at(ms), Source: src}
	}
	one := []linestore.Line{line(0, "a", 1), line(0, "c", 3), line(0, "b", 2)}
	if got := texts(inTimeOrder(one)); got != "acb" {
		t.Errorf("one source: %s", got)
	}
	two := []linestore.Line{line(0, "a", 1), line(1, "x", 2), line(0, "c", 4), line(0, "b", 3), line(1, "y", 3), line(1, "z", 5)}
	if got := texts(inTimeOrder(two)); got != "axcbyz" && got != "axycbz" {
		t.Errorf("two sources: %s", got)
	}
}

func texts(lines []linestore.Line) string {
	var s string
	for _, l := range lines {
		s += string(l.Text)
	}
	return s
}
