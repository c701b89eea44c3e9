//go:build e2e

package networks

// The Networks tab against the REAL engine, live through the store: create
// from the dialog (an overlapping subnet said next to the field), connect a
// running container from the row (its address from the engine shows),
// removal refused while attached, disconnect, remove.

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/store"
	"berth/internal/testbed"
)

func TestNetworksTabRealEngine(t *testing.T) {
	cli := testbed.Client(t)
	img := testbed.WebImage(t)
	n1, n2 := testbed.NetworkName(t, "tab-a"), testbed.NetworkName(t, "tab-b")
	user := testbed.Name(t, "tab-net-user")
	c := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { _ = c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	id, err := c.Containers.ContainerRun(ctx, engine.RunSpec{Image: img, Name: user}, nil)
	if err != nil {
		t.Fatal(err)
	}

	a := test.NewTempApp(t)
	st := store.New(c, store.Options{})
	h := &testHost{win: a.NewWindow("Berth"), ctx: ctx}
	h.Timeout = 30 * time.Second // the engine is shared with other tests: lists can be slow
	v := New(h, c.Networks)
	h.win.SetContent(v.Content())
	h.win.Resize(fyne.NewSize(1280, 520))
	st.Subscribe(func(s engine.Snapshot, ch engine.Change) {
		h.Do(func() {
			h.state = &fakeState{snap: s}
			v.Apply(s, ch)
		})
	})
	go st.Run(ctx)
	t.Cleanup(func() { h.win.Close() })
	row := func(name string) (engine.Network, bool) {
		for _, e := range v.entries {
			if e.net.Name == name {
				return e.net, true
			}
		}
		return engine.Network{}, false
	}
	h.Until(t, "the engine's networks", func() bool { _, ok := row("bridge"); return ok && h.state != nil })

	subnet := fmt.Sprintf("10.214.%d.0/24", rand.IntN(250))
	v.openCreate()
	f := lastCreate
	f.Name.SetText(n1)
	f.Subnet.SetText(subnet)
	test.Tap(f.OK)
	h.Until(t, "the new row, by events", func() bool { _, ok := row(n1); return ok })
	if n, _ := row(n1); len(n.Subnets) != 1 || n.Subnets[0].Subnet != subnet || n.Driver != "bridge" {
		t.Errorf("created %+v", n)
	}
	// The same subnet again: refused next to the field.
	v.openCreate()
	f = lastCreate
	f.Name.SetText(n2)
	f.Subnet.SetText(subnet)
	test.Tap(f.OK)
	h.Until(t, "the overlap", func() bool { return f.SubnetMessage() != "" })
	if !strings.Contains(f.SubnetMessage(), "overlaps the addresses of another network") {
		t.Errorf("overlap message %q", f.SubnetMessage())
	}
	f.dlg.Hide()

	// Connect the running container from the row.
	net1, _ := row(n1)
	v.openConnect(net1.ID)
	lastPicker.Select.SetSelected(user)
	test.Tap(lastPicker.OK)
	h.Until(t, "the attachment, by events", func() bool { n, _ := row(n1); return len(n.Attached) == 1 })
	insp, err := cli.ContainerInspect(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	ip := insp.NetworkSettings.Networks[n1].IPAddress
	if n, _ := row(n1); ip == "" || !strings.Contains(strings.Join([]string{n.Attached[0].IPv4}, ""), ip+"/") {
		t.Errorf("row shows %+v, the engine says %q", n.Attached, ip)
	}
	v.removeRow(net1.ID)
	if q := h.Last(t); q.Title != "Network in use" || !strings.Contains(q.Message, user+" "+ip) {
		t.Errorf("remove attached: %q %q", q.Title, q.Message)
	}

	// Disconnect, then remove.
	v.openDisconnect(net1.ID)
	lastPicker.Select.SetSelected(user)
	test.Tap(lastPicker.OK)
	h.Until(t, "detached, by events", func() bool {
		if m := lastPicker.Message(); m != "" {
			t.Fatalf("disconnect: %s", m)
		}
		n, _ := row(n1)
		return len(n.Attached) == 0 && len(n.UsedBy) == 0
	})
	insp, _ = cli.ContainerInspect(ctx, id)
	if _, ok := insp.NetworkSettings.Networks[n1]; ok {
		t.Error("the engine still has the container on the network")
	}
	v.removeRow(net1.ID)
	h.Answer(t, h.Last(t), "Remove")
	h.Until(t, "gone", func() bool { _, ok := row(n1); return !ok })
}
