package containers

import (
	"testing"

	"fyne.io/fyne/v2/widget"
)

// A click on a container's name opens its details, a second click again.
func TestContainersNameOpensDetails(t *testing.T) {
	e := start(t, newFake())
	r := e.v.rowOf(webserver)
	e.v.table.Select(widget.TableCellID{Row: r, Col: colName})
	e.v.table.Select(widget.TableCellID{Row: r, Col: colName})
	if len(e.h.details) != 2 || e.h.details[0] != webserver+" " {
		t.Fatalf("details opened %q", e.h.details)
	}
	if e.v.current != webserver {
		t.Errorf("the current row is %q", e.v.current)
	}
	e.v.table.Select(widget.TableCellID{Row: r, Col: colImage})
	if len(e.h.details) != 2 {
		t.Errorf("a click on the image opened the details: %q", e.h.details)
	}
}
