// Command hangul measures what Hangul costs in memory: Fyne's test driver
// draws a label in Latin letters, then in Hangul, then in bold Hangul, and
// prints the resident memory and the Go heap after each (after a GC). Fyne
// 2.7.1 has no Hangul in its bundled font and falls back to the system's
// (go-text fontscan): on Debian, Noto Sans CJK from fonts-noto-cjk.
//
//	go run ./bench/hangul                  # English locale
//	LANG=ko_KR.UTF-8 go run ./bench/hangul # Korean locale
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func rss() string {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

func main() {
	test.NewApp()
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(400, 100))
	for _, step := range []struct {
		what string
		text string
		bold bool
	}{
		{"latin", "Containers Images Activity", false},
		{"latin bold", "Containers Images Activity", true},
		{"hangul", "컨테이너 이미지 활동", false},
		{"hangul bold", "컨테이너 이미지 활동", true},
	} {
		w.SetContent(widget.NewLabelWithStyle(step.text, fyne.TextAlignLeading, fyne.TextStyle{Bold: step.bold}))
		w.Canvas().Capture()
		runtime.GC()
		debug.FreeOSMemory()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Printf("%-12s rss %s, heap %d KB\n", step.what, rss(), ms.HeapAlloc/1024)
	}
}
