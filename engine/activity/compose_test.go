package activity

import (
	"context"
	"testing"
	"time"

	"berth/engine"
	"berth/engine/enginetest"
)

// Compose up and down are Berth's own actions, as their compose commands;
// the events of the project's containers and networks meanwhile are not
// listed as done outside Berth, another container's are.
func TestComposeUpAndDownAreOwnActions(t *testing.T) {
	log, clk := newTestLog()
	fake := &enginetest.Compose{ConfigFunc: func(context.Context, engine.ComposeFile) (engine.ComposeConfig, error) {
		return engine.ComposeConfig{Project: "shop"}, nil
	}}
	project := func(action, id, name string) engine.Event {
		return engine.Event{Kind: engine.EventContainer, Action: action, ID: id, Name: name, Project: "shop"}
	}
	fake.UpFunc = func(context.Context, engine.ComposeFile, func(engine.ComposeStep)) error {
		log.Observe([]engine.Event{{Kind: engine.EventNetwork, Action: "create", ID: "n1", Name: "shop_default", Project: "shop"},
			project("create", "c1", "shop-web-1"), project("start", "c1", "shop-web-1"),
			ev(engine.EventContainer, "start", webID, "webserver")})
		return nil
	}
	api := WrapCompose(fake, log)
	ctx := context.Background()
	if err := api.ComposeUp(ctx, engine.ComposeFile{Path: "/home/me/shop/compose.yaml"}, nil); err != nil {
		t.Fatal(err)
	}
	log.Observe([]engine.Event{project("start", "c2", "shop-db-1")}) // a moment late
	clk.add(time.Minute)
	if err := api.ComposeDown(ctx, engine.ComposeFile{Project: "shop"}, nil); err != nil {
		t.Fatal(err)
	}
	log.Observe([]engine.Event{project("destroy", "c1", "shop-web-1")})
	var got []string
	for _, e := range log.Entries() {
		got = append(got, e.What()+" | "+e.Command)
		if e.External != (e.Object == "webserver") {
			t.Errorf("external: %+v", e)
		}
	}
	want := []string{
		"Brought up shop | docker compose --file /home/me/shop/compose.yaml up --detach",
		"Started webserver | docker container start webserver",
		"Took down shop | docker compose --project-name shop down",
	}
	if len(got) != len(want) {
		t.Fatalf("entries %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d %q, want %q", i, got[i], want[i])
		}
	}
}
