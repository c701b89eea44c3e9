package run

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
)

// TestOpenSpecFillsTheFormAndRunsIt: "Run a copy…" opens the dialog filled
// from a RunSpec, whose command line is the spec's, and Run runs that spec.
func TestOpenSpecFillsTheFormAndRunsIt(t *testing.T) {
	eng := enginetest.New(nil, nil)
	var got engine.RunSpec
	eng.ContainerRunFunc = func(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
		got = spec
		return "5c17b6cbcddd0123456789abcdef0123456789abcdef0123456789abcdef0123", nil
	}
	h := newTestHost(t, &staticState{})
	spec := engine.RunSpec{Image: "nginx", Name: "webserver-copy", Ports: []string{"127.0.0.1:8081:80", "5353:53/udp"},
		Env:     []string{"GREETING=hi there", "DB_PASSWORD=hunter2"},
		Binds:   []engine.Bind{{HostPath: "/srv/www", ContainerPath: "/usr/share/nginx/html", ReadOnly: true}, {HostPath: "webdata", ContainerPath: "/data"}},
		Restart: engine.RestartUnlessStopped, Cmd: []string{"nginx", "-g", "daemon off;"}}
	ev := &events{seen: map[string]int{}}
	d := OpenSpec(h, eng, eng, spec)
	d.onAsync = ev.record
	t.Cleanup(d.Close)
	if d.NameEntry().Text != "webserver-copy" || d.ImageEntry().Text != "nginx" || len(d.PortRows()) != 2 {
		t.Fatalf("name %q, image %q, %d port rows", d.NameEntry().Text, d.ImageEntry().Text, len(d.PortRows()))
	}
	const want = "docker run --detach --publish=127.0.0.1:8081:80 --publish=5353:53/udp --name=webserver-copy " +
		"--env='GREETING=hi there' --env=DB_PASSWORD=hunter2 --volume=/srv/www:/usr/share/nginx/html:ro --volume=webdata:/data " +
		"--restart=unless-stopped nginx nginx -g 'daemon off;'"
	if d.CommandLine() != want {
		t.Fatalf("command line\n got %s\nwant %s", d.CommandLine(), want)
	}
	if d.RunButton().Disabled() {
		t.Fatalf("Run is disabled: %s", d.ErrorText())
	}
	test.Tap(d.RunButton())
	h.q.Until(t, "the run to finish", func() bool { return ev.seen["run"] > 0 })
	if fmt.Sprint(got) != fmt.Sprint(spec) {
		t.Errorf("ran\n %+v\nwant %+v", got, spec)
	}
}
