package activity

import (
	"context"
	"strings"
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

// Tag and push from the image window are Berth's own, and the engine's tag
// event of it is not listed again as done outside Berth.
func TestTagAndPushAreOwnActions(t *testing.T) {
	f := enginetest.New(nil, nil)
	log, _ := newTestLog()
	c := Wrap(f.Client(), log, names)
	f.ImageTagFunc = func(context.Context, string, string) error {
		log.Observe([]engine.Event{ev(engine.EventImage, "tag", "sha256:42b4762643dc42b4762643dc", "localhost:5000/web:1")})
		return nil
	}
	ctx := context.Background()
	_ = c.ImageDetails.ImageTag(ctx, "nginx:latest", "localhost:5000/web:1")
	_ = c.ImageDetails.ImagePush(ctx, "localhost:5000/web:1", nil)
	var got []string
	for _, e := range log.Entries() {
		got = append(got, e.What()+" | "+e.Command)
		if e.External {
			t.Errorf("external: %+v", e)
		}
	}
	want := "Tagged localhost:5000/web:1 | docker image tag nginx:latest localhost:5000/web:1\nPushed localhost:5000/web:1 | docker image push localhost:5000/web:1"
	if strings.Join(got, "\n") != want {
		t.Errorf("entries\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}
