package run

import (
	"testing"

	"berth/engine/enginetest"
	"berth/gui/i18n"
)

// What a port row says of where it publishes, when nothing is wrong with
// it (English; everyAddress takes the host port).
const (
	notPublished = "Not published: type a host port (the container port is the image's)."
	everyAddress = "Publishes on port %s of every address of this machine: others on your network can reach it. Type 127.0.0.1 as host IP to keep it to this machine."
)

// The dialog in Korean: its field headings, a port row's validation
// message and a pasted command's error.
func TestRunDialogInKorean(t *testing.T) {
	t.Cleanup(func() { i18n.Use("en") })
	i18n.Use("ko")
	h := newTestHost(t, &staticState{})
	fake := enginetest.New(nil, nil)
	d, _ := openForTest(t, h, fake, fake, "")
	if got := d.RunButton().Text; got != "실행" {
		t.Errorf("Run button = %q", got)
	}
	typeIn(d.PortRows()[0].HostPort, "http")
	typeIn(d.PortRows()[0].ContainerPort, "80")
	if got, want := msgText(d.ports.Message(0)), `호스트 포트 "http"은(는) 숫자가 아닙니다.`; got != want {
		t.Errorf("port message = %q, want %q", got, want)
	}
	typeIn(d.PortRows()[0].HostPort, "70000")
	if got, want := msgText(d.ports.Message(0)), "호스트 포트 70000은(는) 범위를 벗어났습니다. 1에서 65535 사이로 입력하세요."; got != want {
		t.Errorf("port message = %q, want %q", got, want)
	}
	typeIn(d.pasteEntry, "docker run --privileged nginx")
	d.pasteTapped()
	if got, want := msgText(d.pasteMsg), "이 명령어로는 양식을 채울 수 없습니다: Berth의 실행 대화 상자는 --privileged 옵션을 지원하지 않습니다."; got != want {
		t.Errorf("paste message = %q, want %q", got, want)
	}
}
