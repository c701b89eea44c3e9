package networks

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit/kittest"
)

type testHost struct {
	kittest.Queue
	kittest.Questions
	win   fyne.Window
	ctx   context.Context
	state *fakeState
}

func (h *testHost) Now() time.Time              { return kittest.Now }
func (h *testHost) Window() fyne.Window         { return h.win }
func (h *testHost) Context() context.Context    { return h.ctx }
func (h *testHost) Shortcut(fyne.Shortcut) bool { return false }
func (h *testHost) State() engine.State         { return h.state }

type fakeState struct{ snap engine.Snapshot }

func (s *fakeState) Snapshot() engine.Snapshot                             { return s.snap }
func (s *fakeState) Subscribe(func(engine.Snapshot, engine.Change)) func() { return func() {} }
func (s *fakeState) Reconnect()                                            {}

func testNetworks() []engine.Network {
	return []engine.Network{
		{ID: "b1" + strings.Repeat("0", 62), Name: "bridge", Driver: "bridge", Scope: "local",
			Subnets:  []engine.Subnet{{Subnet: "172.17.0.0/16", Gateway: "172.17.0.1"}},
			Attached: []engine.Attachment{{ContainerID: kittest.Webserver, Name: "webserver", IPv4: "172.17.0.2/16"}}},
		{ID: "h1" + strings.Repeat("0", 62), Name: "host", Driver: "host", Scope: "local"},
		{ID: "n1" + strings.Repeat("0", 62), Name: "none", Driver: "null", Scope: "local"},
		{ID: "s1" + strings.Repeat("0", 62), Name: "shop_default", Driver: "bridge", Scope: "local",
			Subnets: []engine.Subnet{{Subnet: "172.18.0.0/16", Gateway: "172.18.0.1"}},
			Attached: []engine.Attachment{{ContainerID: kittest.ShopDB, Name: "shop-db-1", IPv4: "172.18.0.3/16"},
				{ContainerID: kittest.ShopWeb, Name: "shop-web-1", IPv4: "172.18.0.2/16"}}},
		{ID: "u1" + strings.Repeat("0", 62), Name: "backend", Driver: "bridge", Scope: "local", Internal: true,
			Subnets: []engine.Subnet{{Subnet: "10.10.0.0/24", Gateway: "10.10.0.1"}}},
		{ID: "u2" + strings.Repeat("0", 62), Name: "old_default", Driver: "bridge", Scope: "local",
			Subnets: []engine.Subnet{{Subnet: "172.19.0.0/16", Gateway: "172.19.0.1"}}},
		{ID: "x1" + strings.Repeat("0", 62), Name: "batch_default", Driver: "bridge", Scope: "local",
			Subnets: []engine.Subnet{{Subnet: "172.20.0.0/16", Gateway: "172.20.0.1"}}, UsedBy: []string{"batch-job-1"}},
	}
}

type env struct {
	t    testing.TB
	fake *enginetest.Engine
	h    *testHost
	v    *View
}

func start(t testing.TB) *env {
	t.Helper()
	a := test.NewTempApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	fake := enginetest.New(kittest.Tutorial(), kittest.TutorialImages())
	fake.SetNetworks(testNetworks())
	snap := engine.Snapshot{Reachable: true, Containers: kittest.Tutorial(), Networks: testNetworks(), Seq: 1}
	h := &testHost{win: a.NewWindow("Berth"), ctx: ctx, state: &fakeState{snap: snap}}
	e := &env{t: t, fake: fake, h: h, v: New(h, fake)}
	h.win.SetContent(e.v.Content())
	h.win.Resize(fyne.NewSize(1280, 520))
	t.Cleanup(func() {
		cancel()
		h.win.Close()
	})
	e.v.Apply(snap, engine.Change{Full: true})
	return e
}

func (e *env) text(name string, col int) string {
	e.t.Helper()
	var n engine.Network
	for _, x := range e.v.entries {
		if x.net.Name == name {
			n = x.net
		}
	}
	c := e.v.table.Columns[col].Create()
	e.v.table.Columns[col].Update(&entry{net: n}, c)
	return c.(*cell).label.Text
}

func TestNetworksListShowsSubnetsAndAttachedAddresses(t *testing.T) {
	e := start(t)
	if got := e.v.Rows(); !slices.Equal(got, []string{"bridge", "host", "none", "shop_default", "backend", "old_default", "batch_default"}) {
		t.Errorf("rows %v", got)
	}
	if s := e.text("shop_default", colAttached); s != "shop-db-1 172.18.0.3, shop-web-1 172.18.0.2" {
		t.Errorf("attached %q", s)
	}
	if s := e.text("bridge", colSubnet); s != "172.17.0.0/16 via 172.17.0.1" {
		t.Errorf("subnet %q", s)
	}
	if s := e.text("backend", colInternal); s != "internal" {
		t.Errorf("internal %q", s)
	}
	test.Type(e.v.filter, "shop-web")
	if got := e.v.Rows(); !slices.Equal(got, []string{"shop_default"}) {
		t.Errorf("filter %v", got)
	}
}

func TestNetworksRemoveAttachedIsRefusedNamingThem(t *testing.T) {
	e := start(t)
	e.v.removeRow(testNetworks()[3].ID)
	q := e.h.Last(t)
	if q.Title != "Network in use" || !strings.Contains(q.Message, "shop-db-1 172.18.0.3, shop-web-1 172.18.0.2") {
		t.Errorf("%q: %q", q.Title, q.Message)
	}
	// Used by a stopped container only: refused too, naming it.
	e.v.removeRow(testNetworks()[6].ID)
	if q := e.h.Last(t); q.Title != "Network in use" || !strings.Contains(q.Message, "batch-job-1 (not running)") {
		t.Errorf("%q: %q", q.Title, q.Message)
	}
	if len(e.fake.CallsWith("NetworkRemove")) > 0 {
		t.Error("removed")
	}
}

func TestNetworksPruneRemovesExactlyTheListShownByID(t *testing.T) {
	e := start(t)
	e.v.askPrune()
	q := e.h.Last(t)
	if !strings.Contains(q.Message, "2 unused networks") {
		t.Errorf("message %q", q.Message)
	}
	e.h.Answer(t, q, "Remove 2 networks")
	e.h.Until(t, "pruned", func() bool { return e.v.Note() == "Removed 2 unused networks." })
	want := []string{"NetworkRemove " + testNetworks()[4].ID, "NetworkRemove " + testNetworks()[5].ID}
	if got := e.fake.CallsWith("NetworkRemove"); !slices.Equal(got, want) {
		t.Errorf("calls %v", got)
	}
}

func TestNetworksCreateChecksFieldsAndSaysOverlap(t *testing.T) {
	e := start(t)
	e.v.openCreate()
	f := lastCreate
	test.Type(f.Name, "bad name")
	if !strings.Contains(f.NameMessage(), "cannot contain spaces") || !f.OK.Disabled() {
		t.Errorf("name message %q", f.NameMessage())
	}
	f.Name.SetText("front")
	f.Subnet.SetText("10.1.0.5/24")
	if !strings.Contains(f.SubnetMessage(), "not a subnet") || !f.OK.Disabled() {
		t.Errorf("subnet message %q", f.SubnetMessage())
	}
	f.Subnet.SetText("172.18.0.0/16")
	if f.SubnetMessage() != "" || f.OK.Disabled() {
		t.Errorf("subnet message %q", f.SubnetMessage())
	}
	e.fake.NetworkCreateFunc = func(_ context.Context, s engine.NetworkSpec) (string, error) {
		return "", &engine.Error{Kind: engine.ErrSubnetOverlap, Ref: s.Subnet}
	}
	test.Tap(f.OK)
	e.h.Until(t, "the overlap", func() bool { return f.SubnetMessage() != "" })
	if !strings.Contains(f.SubnetMessage(), "The subnet 172.18.0.0/16 overlaps the addresses of another network") {
		t.Errorf("overlap message %q", f.SubnetMessage())
	}
	e.fake.NetworkCreateFunc = nil
	f.Subnet.SetText("10.1.0.0/24")
	test.Tap(f.OK)
	e.h.Until(t, "created", func() bool { return e.v.Note() == "Created the network front." })
}

func TestNetworksConnectAndDisconnect(t *testing.T) {
	e := start(t)
	e.v.openConnect(testNetworks()[4].ID)
	p := lastPicker
	if !slices.Contains(p.Select.Options, "webserver") {
		t.Fatalf("options %v", p.Select.Options)
	}
	p.Select.SetSelected("webserver")
	test.Tap(p.OK)
	e.h.Until(t, "connected", func() bool { return e.v.Note() == "Connected webserver to backend." })
	if got := e.fake.CallsWith("NetworkConnect"); !slices.Equal(got, []string{"NetworkConnect " + testNetworks()[4].ID + " " + kittest.Webserver}) {
		t.Errorf("calls %v", got)
	}
	e.v.openDisconnect(testNetworks()[3].ID)
	p = lastPicker
	if !slices.Equal(p.Select.Options, []string{"shop-db-1", "shop-web-1"}) {
		t.Fatalf("options %v", p.Select.Options)
	}
	e.fake.NetworkDisconnectFunc = func(context.Context, string, string) error {
		return &engine.Error{Kind: engine.ErrNotFound, Ref: "x", What: "container"}
	}
	p.Select.SetSelected("shop-db-1")
	test.Tap(p.OK)
	e.h.Until(t, "the error", func() bool { return p.Message() != "" })

	// From a container's details: the networks it is not on.
	p = ConnectDialog(e.h, e.fake, kittest.Webserver)
	if !slices.Equal(p.Select.Options, []string{"shop_default", "backend", "old_default", "batch_default"}) {
		t.Errorf("networks offered %v", p.Select.Options)
	}
}

// TestNetworksScreenshot renders the tab; BERTH_SCREENSHOTS=1 writes docs/screenshots/networks.png.
func TestNetworksScreenshot(t *testing.T) {
	e := start(t)
	writeShot(t, e.h.win, "networks.png")
}

func writeShot(t *testing.T, win fyne.Window, name string) {
	kittest.Relayout(win)
	img := win.Canvas().Capture()
	if os.Getenv("BERTH_SCREENSHOTS") == "" {
		return
	}
	f, err := os.Create(filepath.Join("..", "..", "docs", "screenshots", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
