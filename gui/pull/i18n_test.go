package pull

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/i18n"
)

// The pull dialog in Korean: its buttons, a layer's phase and a canceled pull.
func TestPullDialogInKorean(t *testing.T) {
	t.Cleanup(func() { i18n.Use("en") })
	i18n.Use("ko")
	if got, want := layerLine(engine.Layer{ID: "5e6ec7f28fb7", Status: engine.LayerDownloading, Current: 1200000, Total: 4000000}), "5e6ec7f28fb7: 내려받는 중 1.2MB/4MB"; got != want {
		t.Errorf("layer line = %q, want %q", got, want)
	}
	fake := enginetest.New(nil, nil)
	fake.ImagePullFunc = func(ctx context.Context, r string, progress func(engine.PullProgress)) error {
		progress(fakePullSteps(r, 4)[0])
		<-ctx.Done()
		return &engine.Error{Kind: engine.ErrCanceled, Ref: r, Err: ctx.Err()}
	}
	h := newTestHost(t)
	d, finished := openForTest(t, h, fake, "nginx")
	if d.PullButton.Text != "내려받기" {
		t.Errorf("pull button = %q", d.PullButton.Text)
	}
	test.Tap(d.PullButton)
	h.Until(t, "progress", func() bool { return d.Progress.applied > 0 })
	if d.CloseButton.Text != "취소" {
		t.Errorf("close button = %q while pulling", d.CloseButton.Text)
	}
	test.Tap(d.CloseButton)
	h.Until(t, "the pull to end", func() bool { return *finished > 0 })
	if got, want := d.Result(), "nginx 내려받기를 취소했습니다."; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if got, want := d.Progress.Title(), "nginx 내려받기를 취소했습니다"; got != want {
		t.Errorf("heading = %q, want %q", got, want)
	}
	if got := i18n.N("pull.layers", 3); got != "레이어 3개" {
		t.Errorf("layer count = %q", got)
	}
}
