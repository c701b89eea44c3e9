package present

import (
	"testing"

	"berth/engine"
)

func TestExplainVolumesAndNetworks(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&engine.Error{Kind: engine.ErrVolumeInUse, Ref: "pgdata", Users: []string{"shop-db-1"}},
			"The volume pgdata is used by container shop-db-1. Remove that container first: Berth never removes a volume in use."},
		{&engine.Error{Kind: engine.ErrNetworkInUse, Ref: "front"}, "The network front still has containers attached. Disconnect them first."},
		{&engine.Error{Kind: engine.ErrSubnetOverlap, Ref: "10.1.0.0/24"},
			"The subnet 10.1.0.0/24 overlaps the addresses of another network. Choose another subnet, or leave it empty and the engine picks a free one."},
		{&engine.Error{Kind: engine.ErrInvalidName, Ref: "bad name", What: "volume"},
			"A volume name cannot contain spaces. A volume name uses letters, digits and _ . - (not first), at least 2 characters."},
		{&engine.Error{Kind: engine.ErrNameInUse, Ref: "front", What: "network"}, "There is a network front already. Choose another name."},
		{&engine.Error{Kind: engine.ErrNotFound, Ref: "x", What: "volume"}, `There is no volume "x" on this engine.`},
	} {
		if got := Explain(c.err); got != c.want {
			t.Errorf("Explain(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}

func TestNetworkAttachedNamesTheFirstFew(t *testing.T) {
	n := engine.Network{}
	for _, name := range []string{"a", "b", "c", "d", "e", "f"} {
		n.Attached = append(n.Attached, engine.Attachment{Name: name, IPv4: "10.0.0.1/24"})
	}
	if got := NetworkAttached(n); got != "a 10.0.0.1, b 10.0.0.1, c 10.0.0.1, d 10.0.0.1, and 2 more" {
		t.Errorf("%q", got)
	}
}
