package docker

import (
	"slices"
	"testing"

	"berth/engine"
)

// Volume and network answers, recorded against the test bed's dockerd.
var recordedVolNet = []recorded{
	// docker volume rm <mounted by a container>
	{engine: docker2010, status: 409, ref: "berthtest-vol-a-3p2oj9",
		msg:  `remove berthtest-vol-a-3p2oj9: volume is in use - [e33485f6c96185bb0a827eabc6d02cbf1080f2e354efa2165a37bed4e7cd00a0]`,
		want: engine.Error{Kind: engine.ErrVolumeInUse, Ref: "berthtest-vol-a-3p2oj9", What: "volume", Users: []string{"e33485f6c961"}}},
	// docker volume create "bad name"
	{engine: docker2010, status: 400, ref: "bad name",
		msg:  `create bad name: "bad name" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
		want: engine.Error{Kind: engine.ErrInvalidName, Ref: "bad name", What: "volume"}},
	// docker volume rm <none>
	{engine: docker2010, status: 404, ref: "berthtest-nosuchvol",
		msg:  `get berthtest-nosuchvol: no such volume`,
		want: engine.Error{Kind: engine.ErrNotFound, Ref: "berthtest-nosuchvol", What: "volume"}},
	// docker network rm <a running container attached>
	{engine: docker2010, status: 403, ref: "6d4de9f4f4d0",
		msg:  `error while removing network: network berthtest-net-a-uhutrh id 6d4de9f4f4d0df4219cc56fd307a2a3f9d5d630c48045b44d0a226eff6a24d68 has active endpoints`,
		want: engine.Error{Kind: engine.ErrNetworkInUse, Ref: "6d4de9f4f4d0", What: "network"}},
	// docker network create --subnet <another network's>
	{engine: docker2010, status: 403, ref: "10.213.161.0/24",
		msg:  `Pool overlaps with other one on this address space`,
		want: engine.Error{Kind: engine.ErrSubnetOverlap, Ref: "10.213.161.0/24"}},
	// docker network create --subnet 10.99.x.0/24
	{engine: docker2010, status: 400, ref: "10.99.x.0/24",
		msg:  `Invalid subnet 10.99.x.0/24 : invalid CIDR address: 10.99.x.0/24`,
		want: engine.Error{Kind: engine.ErrInvalidSubnet, Ref: "10.99.x.0/24", What: "subnet"}},
	// docker network rm <none>
	{engine: docker2010, status: 404, ref: "berthtest-nosuchnet",
		msg:  `network berthtest-nosuchnet not found`,
		want: engine.Error{Kind: engine.ErrNotFound, Ref: "berthtest-nosuchnet", What: "network"}},
}

func TestClassifyVolumeAndNetworkMessages(t *testing.T) {
	for _, r := range recordedVolNet {
		t.Run(r.msg, func(t *testing.T) {
			e := engine.AsError(classify(daemonError(t, r.status, r.msg), r.ref, "unix:///var/run/docker.sock"))
			if e == nil {
				t.Fatal("not an *engine.Error")
			}
			if e.Kind != r.want.Kind || e.Ref != r.want.Ref || e.What != r.want.What || !slices.Equal(e.Users, r.want.Users) {
				t.Errorf("classified as %s %+v, want %s %+v", e.Kind, *e, r.want.Kind, r.want)
			}
		})
	}
}
