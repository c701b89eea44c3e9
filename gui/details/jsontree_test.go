package details

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"berth/engine"
)

func TestJSONTreeKeepsOrderAndRendersBack(t *testing.T) {
	doc := `{
    "b": 1,
    "a": [],
    "c": {},
    "d": [
        "x",
        {
            "e": null,
            "f": true
        }
    ],
    "g": "q\"uote"
}`
	tr, err := parseJSON([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	id := func(n *jnode) string { return n.value }
	tr.render(id)
	if got := strings.Join(tr.lines, "\n"); got != doc {
		t.Fatalf("rendered:\n%s", got)
	}
	if got := tr.nodes["$"].children; strings.Join(got, ",") != "$.b,$.a,$.c,$.d,$.g" {
		t.Fatalf("order %v", got)
	}
	if tr.parent("$.d[1].f") != "$.d[1]" || tr.nodes["$.d"].summary() != "[2 items]" || tr.nodes["$.c"].summary() != "{0 keys}" {
		t.Fatal("parent or summary")
	}
	if got := tr.text("$.g", id); got != `q"uote` {
		t.Fatalf("scalar copy %q", got)
	}
	if got := tr.text("$.d[1]", id); got != "{\n    \"e\": null,\n    \"f\": true\n}" {
		t.Fatalf("branch copy %q", got)
	}
	if _, err := parseJSON([]byte(`{"a": 1} x`)); err == nil {
		t.Fatal("trailing data accepted")
	}
}

func TestIsBinary(t *testing.T) {
	if isBinary([]byte("héllo\nworld\n")) || !isBinary([]byte("a\x00b")) || !isBinary([]byte("\xff\xfe\xfd\xfc\xfb")) {
		t.Fatal("isBinary")
	}
}

// Open brings an open window forward with the asked tab; a drop uploads.
func TestOpenTwiceAndDrop(t *testing.T) {
	f := newFixture(t)
	f.v.Close() // the fixture's own view; Open makes a window
	v := Open(f.h, API{Inspect: f.eng, Files: f.eng}, webContainer(), "inspect")
	v.ask = f.h.asked.Ask
	if v.Selected() != TabInspect {
		t.Fatalf("tab %q", v.Selected())
	}
	if again := Open(f.h, API{Inspect: f.eng, Files: f.eng}, webContainer(), "files"); again != v || v.Selected() != TabFiles {
		t.Fatalf("a second window, or tab %q", v.Selected())
	}
	f.h.Until(t, "the root", func() bool { return v.files.complete("/") })
	local := t.TempDir() + "/dropped.txt"
	if err := writeFile(local, "dropped"); err != nil {
		t.Fatal(err)
	}
	v.Select(TabOverview)
	v.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(local)})
	if v.Selected() != TabFiles {
		t.Fatal("a drop did not show the files")
	}
	f.h.Until(t, "the upload", func() bool { _, ok := f.eng.File(webID, "/dropped.txt"); return ok && !v.files.xfer.running() })
	v.win.Close()
	windows.Lock()
	n := len(windows.byID)
	windows.Unlock()
	if n != 0 {
		t.Fatalf("%d windows remembered after closing", n)
	}
	_ = test.NewTempApp
	_ = engine.StateRunning
}
