package present

import (
	"testing"

	"berth/engine"
)

func TestContainerTexts(t *testing.T) {
	web := engine.Container{Name: "webserver", ShortID: "5c17b6cbcddd", State: engine.StateRunning}
	db := engine.Container{Name: "db", ShortID: "b2c3d4e5f6a1", State: engine.StateRunning}
	old := engine.Container{Name: "awesome_mclaren", ShortID: "e6d5c4b3a291", State: engine.StateExited}
	for _, tt := range []struct{ got, want string }{
		{ContainerLabel(engine.Container{ShortID: "5c17b6cbcddd"}), "5c17b6cbcddd"},
		{ListLabels([]string{"a", "b", "c"}), "a, b and c"},
		{ContainerLabels([]engine.Container{web, old}), "webserver (5c17b6cbcddd) and awesome_mclaren (e6d5c4b3a291)"},
		{RemoveContainersText([]engine.Container{old}), "Remove container awesome_mclaren (e6d5c4b3a291)? Its anonymous volumes are kept."},
		{RemoveContainersText([]engine.Container{web}), "Remove container webserver (5c17b6cbcddd)? Its anonymous volumes are kept. It is running: Berth will ask once more before it stops it."},
		{RemoveContainersText([]engine.Container{web, db, old}), "Remove 3 containers: webserver (5c17b6cbcddd), db (b2c3d4e5f6a1) and awesome_mclaren (e6d5c4b3a291)? " +
			"Their anonymous volumes are kept. webserver (5c17b6cbcddd) and db (b2c3d4e5f6a1) are running: Berth will ask once more before it stops them."},
		{StopAndRemoveText([]engine.Container{web}), "Container webserver (5c17b6cbcddd) is running. Stop it and remove it? What it is doing ends now; its anonymous volumes are kept."},
		{GroupSummary(2, 1), "2 running, 1 paused"},
		{GroupSummary(0, 0), "0 running"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
