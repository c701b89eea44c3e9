package compose

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
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit/kittest"
)

// testHost is the shell as the dialog sees it; its UI work runs on the test's queue.
type testHost struct {
	kittest.Queue
	kittest.Questions
	win fyne.Window
	ctx context.Context
}

func newTestHost(t *testing.T) *testHost {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	ctx, cancel := context.WithCancel(context.Background())
	h := &testHost{win: a.NewWindow("Berth"), ctx: ctx}
	h.Timeout = time.Minute
	h.win.Resize(fyne.NewSize(1100, 860))
	t.Cleanup(func() {
		cancel()
		h.win.Close()
	})
	return h
}

func (h *testHost) Window() fyne.Window      { return h.win }
func (h *testHost) Context() context.Context { return h.ctx }

// demo is a two-service file as compose's loader reads it.
func demo(project string) engine.ComposeConfig {
	return engine.ComposeConfig{Project: project, WorkingDir: "/home/me/demo", Files: []string{"/home/me/demo/compose.yaml"},
		Services: []engine.ComposeService{
			{Name: "api", Image: "localhost:5000/berthtest/web:1", DependsOn: []string{"web"}},
			{Name: "web", Image: "localhost:5000/berthtest/web:1", Ports: []string{"127.0.0.1:8080:80/tcp"}},
		},
		Networks: []string{project + "_default"}}
}

// upSteps are the steps compose reports while it brings demo up.
func upSteps(project string) []engine.ComposeStep {
	var out []engine.ComposeStep
	for _, s := range [][2]string{{"Network " + project + "_default", "Creating"}, {"Network " + project + "_default", "Created"},
		{"Container " + project + "-web-1", "Creating"}, {"Container " + project + "-web-1", "Created"},
		{"Container " + project + "-api-1", "Creating"}, {"Container " + project + "-api-1", "Created"},
		{"Container " + project + "-web-1", "Starting"}, {"Container " + project + "-web-1", "Started"},
		{"Container " + project + "-api-1", "Starting"}, {"Container " + project + "-api-1", "Started"}} {
		st := engine.StepDone
		if strings.HasSuffix(s[1], "ing") {
			st = engine.StepWorking
		}
		out = append(out, engine.ComposeStep{ID: s[0], Status: s[1], State: st})
	}
	return out
}

func fakeCompose() *enginetest.Compose {
	return &enginetest.Compose{
		ConfigFunc: func(_ context.Context, f engine.ComposeFile) (engine.ComposeConfig, error) {
			p := f.Project
			if p == "" {
				p = "demo"
			}
			return demo(p), nil
		},
		UpFunc: func(_ context.Context, f engine.ComposeFile, progress func(engine.ComposeStep)) error {
			for _, s := range upSteps(f.Project) {
				progress(s)
			}
			return nil
		},
	}
}

// open opens the dialog and counts what ended.
func open(t *testing.T, h *testHost, api engine.ComposeAPI, path string) (*Dialog, map[string]int) {
	t.Helper()
	d := Open(h, api, path)
	ended := map[string]int{}
	d.SetOnAsync(func(what string) { ended[what]++ })
	t.Cleanup(d.closeDialog)
	return d, ended
}

func TestComposeDialogShowsTheFilesServices(t *testing.T) {
	h := newTestHost(t)
	api := fakeCompose()
	d, ended := open(t, h, api, "/home/me/demo/compose.yaml")
	h.Until(t, "the file loaded", func() bool { return ended["config"] == 1 })
	if d.Project.Text != "demo" {
		t.Errorf("project %q, want the file's own name", d.Project.Text)
	}
	var lines []string
	for _, s := range d.Config().Services {
		lines = append(lines, s.Name)
	}
	if !slices.Equal(lines, []string{"api", "web"}) {
		t.Errorf("services %q", lines)
	}
	drawn := drawnTexts(d.content)
	for _, want := range []string{"web · localhost:5000/berthtest/web:1 · 127.0.0.1:8080:80/tcp", "api · localhost:5000/berthtest/web:1 · after web",
		"2 services · 1 network: demo_default"} {
		if !slices.Contains(drawn, want) {
			t.Errorf("the dialog does not show %q (shows %q)", want, drawn)
		}
	}
	if d.Up.Disabled() || d.Down.Disabled() {
		t.Error("Up and Down are disabled after a good file loaded")
	}
}

func TestComposeDialogBringsTheFileUpAndShowsEachStep(t *testing.T) {
	h := newTestHost(t)
	api := fakeCompose()
	d, ended := open(t, h, api, "/home/me/demo/compose.yaml")
	h.Until(t, "the file loaded", func() bool { return ended["config"] == 1 })
	d.Project.SetText("demox")
	if d.Project.Text != "demox" {
		t.Fatalf("project %q", d.Project.Text)
	}
	test.Tap(d.Up)
	h.Until(t, "up ended", func() bool { return ended["up"] == 1 })
	if got := api.Calls(); !slices.Contains(got, "up /home/me/demo/compose.yaml demox") {
		t.Errorf("calls %q: up wants the file and the typed project", got)
	}
	var rows []string
	for _, s := range d.Steps() {
		rows = append(rows, s.ID+" "+s.Status)
	}
	want := []string{"Network demox_default Created", "Container demox-web-1 Started", "Container demox-api-1 Started"}
	if !slices.Equal(rows, want) {
		t.Errorf("steps %q, want one row per resource with its last word %q", rows, want)
	}
	if r := d.Result(); !strings.Contains(r, "demox is up") || !strings.Contains(r, "Containers tab") {
		t.Errorf("result %q", r)
	}
	if d.Working() || d.Up.Disabled() {
		t.Error("still working after up ended")
	}
}

func TestComposeDialogFileErrorNamesTheLine(t *testing.T) {
	h := newTestHost(t)
	api := &enginetest.Compose{ConfigFunc: func(_ context.Context, f engine.ComposeFile) (engine.ComposeConfig, error) {
		return engine.ComposeConfig{}, &engine.Error{Kind: engine.ErrComposeFile, Ref: f.Path, Line: 4,
			Err: errorString("validating /home/me/demo/compose.yaml: services.web additional properties 'imagee' not allowed")}
	}}
	d, ended := open(t, h, api, "/home/me/demo/compose.yaml")
	h.Until(t, "the file loaded", func() bool { return ended["config"] == 1 })
	if got, want := d.FileProblem(), "Line 4 of compose.yaml: services.web additional properties 'imagee' not allowed."; got != want {
		t.Errorf("file problem %q, want %q", got, want)
	}
	if !d.Up.Disabled() || !d.Down.Disabled() {
		t.Error("Up or Down is enabled for a file that does not load")
	}
}

func TestComposeDialogRefusesABadProjectName(t *testing.T) {
	h := newTestHost(t)
	d, ended := open(t, h, fakeCompose(), "/home/me/demo/compose.yaml")
	h.Until(t, "the file loaded", func() bool { return ended["config"] == 1 })
	d.Project.SetText("My Stack")
	if !d.Up.Disabled() {
		t.Error("Up is enabled for the project name \"My Stack\"")
	}
	if got := kittestMessage(d); !strings.Contains(got, "lowercase") {
		t.Errorf("project message %q", got)
	}
	d.Project.SetText("my-stack")
	if d.Up.Disabled() || kittestMessage(d) != "" {
		t.Errorf("a good name is refused: %q", kittestMessage(d))
	}
}

func TestComposeDialogDownAsksFirstAndNamesWhatGoes(t *testing.T) {
	h := newTestHost(t)
	api := fakeCompose()
	d, ended := open(t, h, api, "/home/me/demo/compose.yaml")
	h.Until(t, "the file loaded", func() bool { return ended["config"] == 1 })
	test.Tap(d.Down)
	q := h.Last(t)
	for _, want := range []string{"demo", "2 services: api and web", "network demo_default", "volumes and images are kept"} {
		if !strings.Contains(q.Message, want) {
			t.Errorf("question %q does not say %q", q.Message, want)
		}
	}
	if slices.ContainsFunc(api.Calls(), func(c string) bool { return strings.HasPrefix(c, "down") }) {
		t.Fatal("down ran before the answer")
	}
	h.Answer(t, q, "Down")
	h.Until(t, "down ended", func() bool { return ended["down"] == 1 })
	if !slices.Contains(api.Calls(), "down /home/me/demo/compose.yaml demo") {
		t.Errorf("calls %q", api.Calls())
	}
	if r := d.Result(); !strings.Contains(r, "demo is down") {
		t.Errorf("result %q", r)
	}
}

func TestComposeDialogCancelStopsCompose(t *testing.T) {
	h := newTestHost(t)
	api := fakeCompose()
	api.UpFunc = func(ctx context.Context, _ engine.ComposeFile, progress func(engine.ComposeStep)) error {
		progress(engine.ComposeStep{ID: "Image localhost:5000/big:1", Status: "Pulling", State: engine.StepWorking, Percent: 40})
		<-ctx.Done()
		return &engine.Error{Kind: engine.ErrCanceled, Err: ctx.Err()}
	}
	d, ended := open(t, h, api, "/home/me/demo/compose.yaml")
	h.Until(t, "the file loaded", func() bool { return ended["config"] == 1 })
	test.Tap(d.Up)
	h.Until(t, "a step", func() bool { return len(d.Steps()) == 1 })
	if d.Close.Text != "Cancel" {
		t.Fatalf("while compose works the close button says %q", d.Close.Text)
	}
	test.Tap(d.Close)
	h.Until(t, "up ended", func() bool { return ended["up"] == 1 })
	if r := d.Result(); !strings.Contains(r, "Canceled") || d.Closed() {
		t.Errorf("after Cancel: result %q, closed %v", r, d.Closed())
	}
}

// TestComposeDialogScreenshot renders the dialog after an up, into
// $BERTH_SCREENSHOTS/compose-up.png when that is set.
func TestComposeDialogScreenshot(t *testing.T) {
	h := newTestHost(t)
	api := fakeCompose()
	d, ended := open(t, h, api, "/home/me/demo/compose.yaml")
	h.Until(t, "the file loaded", func() bool { return ended["config"] == 1 })
	test.Tap(d.Up)
	h.Until(t, "up ended", func() bool { return ended["up"] == 1 })
	dir := os.Getenv("BERTH_SCREENSHOTS")
	if dir == "" {
		t.Skip("BERTH_SCREENSHOTS is not set")
	}
	img := h.win.Canvas().Capture()
	f, err := os.Create(filepath.Join(dir, "compose-up.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }

func kittestMessage(d *Dialog) string {
	if !d.projectMsg.Visible() {
		return ""
	}
	return d.projectMsg.Text
}

// drawnTexts are the texts of the labels drawn under o.
func drawnTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, c := range kittest.Walk(o) {
		if l, ok := c.(interface{ Visible() bool }); ok && !l.Visible() {
			continue
		}
		switch w := c.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		}
	}
	return out
}

func TestComposeDialogDownUnderAnotherNameNamesItsNetworks(t *testing.T) {
	h := newTestHost(t)
	d, ended := open(t, h, fakeCompose(), "/home/me/demo/compose.yaml")
	h.Until(t, "the file loaded", func() bool { return ended["config"] == 1 })
	d.Project.SetText("other")
	test.Tap(d.Down)
	if q := h.Last(t); !strings.Contains(q.Message, "of other") || !strings.Contains(q.Message, "network other_default") {
		t.Errorf("question %q", q.Message)
	}
}
