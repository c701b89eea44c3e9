package present

import (
	"errors"
	"strings"
	"testing"

	"berth/engine"
)

func TestContainerTexts(t *testing.T) {
	web := engine.Container{Name: "webserver", ShortID: "5c17b6cbcddd", State: engine.StateRunning}
	db := engine.Container{Name: "db", ShortID: "b2c3d4e5f6a1", State: engine.StateRunning}
	old := engine.Container{Name: "awesome_mclaren", ShortID: "e6d5c4b3a291", State: engine.StateExited}
	many := []engine.Container{web, old, db, old}
	for _, tt := range []struct{ got, want string }{
		{ContainerLabel(engine.Container{ShortID: "5c17b6cbcddd"}), "5c17b6cbcddd"},
		{ListLabels([]string{"a", "b", "c"}), "a, b and c"},
		{ContainerLabels([]engine.Container{web, old}), "webserver (5c17b6cbcddd) and awesome_mclaren (e6d5c4b3a291)"},
		{RemoveContainersText([]engine.Container{old}), "Remove container awesome_mclaren (e6d5c4b3a291)? Its anonymous volumes are kept."},
		{RemoveContainersText([]engine.Container{web}), "Remove container webserver (5c17b6cbcddd)? Its anonymous volumes are kept. It is running: Berth will ask once more before it stops it."},
		{RemoveContainersText([]engine.Container{web, db, old}), "Remove 3 containers: webserver (5c17b6cbcddd), db (b2c3d4e5f6a1) and awesome_mclaren (e6d5c4b3a291)? " +
			"Their anonymous volumes are kept. webserver (5c17b6cbcddd) and db (b2c3d4e5f6a1) are running: Berth will ask once more before it stops them."},
		{StopAndRemoveText([]engine.Container{web}), "Container webserver (5c17b6cbcddd) is running. Stop it and remove it? What it is doing ends now; its anonymous volumes are kept."},
		{RemoveContainersText(many), "Remove 4 containers? Their anonymous volumes are kept. 2 of them are running: Berth will ask once more before it stops them."},
		{RemoveContainersText([]engine.Container{web, db, web, db}), "Remove 4 containers? Their anonymous volumes are kept. They are all running: Berth will ask once more before it stops them."},
		{StopAndRemoveText([]engine.Container{web, db, web, db}), "4 containers are running. Stop them and remove them? What they are doing ends now; their anonymous volumes are kept."},
		{strings.Join(ContainerLines([]engine.Container{web, old}), "|"), "webserver (5c17b6cbcddd) – running|awesome_mclaren (e6d5c4b3a291)"},
		{FailuresText([]string{"No port.", "No port.", "Gone."}), "No port.\nGone."},
		{FailuresText([]string{"a", "b", "c", "d"}), "They failed for different reasons; the list says why for each."},
		{BulkProgress("Stopping…", 120, 300), "Stopping 120 of 300"},
		{NoBrowserText(errors.New(`exec: "xdg-open": executable file not found in $PATH`)),
			`Berth found no web browser to open it in (exec: "xdg-open": executable file not found in $PATH). Copy the address and paste it into a browser.`},
		{GroupSummary(2, 1), "2 running, 1 paused"},
		{GroupSummary(0, 0), "0 running"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
