package present

import (
	"testing"
	"time"

	"berth/engine"
	"berth/gui/i18n"
)

// Status ages a status as engine.Container.StatusAt does, in English
// word for word.
func TestStatusInEnglishIsTheEngines(t *testing.T) {
	now := time.Date(2024, 1, 20, 12, 0, 0, 0, time.UTC)
	for _, st := range []string{"Up 9 minutes", "Up Less than a second", "Up About an hour", "Up 2 hours (Paused)",
		"Up 3 days (healthy)", "Up 5 seconds (health: starting)", "Exited (0) 2 minutes ago",
		"Exited (137) Less than a second ago", "Restarting (1) 5 seconds ago", "Created", "Dead", "Up 3 minutes (other)"} {
		for _, since := range []time.Duration{-1, 0, 1500 * time.Millisecond, 90 * time.Second, 3 * time.Hour, 100 * 24 * time.Hour} {
			c := engine.Container{Status: st}
			if since >= 0 {
				c.StateSince = now.Add(-since)
			}
			if got, want := Status(c, now), c.StatusAt(now); got != want {
				t.Errorf("Status(%q, since %v) = %q, want %q", st, since, got, want)
			}
		}
	}
}

func TestKorean(t *testing.T) {
	t.Cleanup(func() { i18n.Use("en") })
	i18n.Use("ko")
	now := time.Date(2024, 1, 20, 12, 0, 0, 0, time.UTC)
	ago := map[time.Duration]string{
		0:                   "방금",
		time.Second:         "1초 전",
		time.Minute:         "1분 전",
		3 * time.Minute:     "3분 전",
		3 * time.Hour:       "3시간 전",
		3 * 24 * time.Hour:  "3일 전",
		20 * 24 * time.Hour: "2주 전",
	}
	for d, want := range ago {
		if got := Ago(now.Add(-d), now); got != want {
			t.Errorf("Ago(-%v) = %q, want %q", d, got, want)
		}
	}
	status := map[string]string{
		"Up 3 minutes":                 "3분째 실행 중",
		"Up Less than a second":        "방금 시작됨",
		"Up 2 hours (Paused)":          "2시간째 실행 중 (일시 정지됨)",
		"Exited (0) 2 minutes ago":     "2분 전 종료됨 (0)",
		"Restarting (1) 5 seconds ago": "재시작 중 (1), 5초 전 종료됨",
		"Created":                      "생성됨",
	}
	for st, want := range status {
		if got := Status(engine.Container{Status: st}, now); got != want {
			t.Errorf("Status(%q) = %q, want %q", st, got, want)
		}
	}
	plurals := []struct{ got, want string }{
		{ImageUse(engine.Image{Containers: 1}), "컨테이너 1개"},
		{ImageUse(engine.Image{Containers: 3}), "컨테이너 3개"},
		{MatchCount(-1, 1204), "1,204줄"},
		{MatchCount(36, 1204), "37/1,204"},
		{CleanupCounts([]engine.CleanupItem{{Kind: engine.CleanContainers}, {Kind: engine.CleanContainers}, {Kind: engine.CleanDangling}}), "중지된 컨테이너 2개, 이미지 1개"},
		{RestartText(engine.RestartOnFailure, 3, 1), "on-failure (최대 3번), 1번 재시작됨"},
		{ListLabels([]string{"a", "b", "c"}), "a, b, c"},
	}
	for _, p := range plurals {
		if p.got != p.want {
			t.Errorf("got %q, want %q", p.got, p.want)
		}
	}
	errs := []struct {
		err  error
		want string
	}{
		{&engine.Error{Kind: engine.ErrPortAllocated, Port: "8080"},
			"호스트 포트 8080번은 이미 다른 컨테이너나 프로그램이 쓰고 있습니다. 다른 호스트 포트를 고르세요."},
		{&engine.Error{Kind: engine.ErrImageInUse, Ref: "nginx", Users: []string{"5c17b6cbcddd"}},
			"nginx 이미지를 컨테이너 5c17b6cbcddd에서 쓰고 있습니다. 먼저 컨테이너를 삭제하거나 강제로 삭제하세요."},
		{&engine.Error{Kind: engine.ErrNotFound, Ref: "web", What: "container"}, `이 엔진에 "web" 컨테이너가 없습니다.`},
		{engine.ValidateName("w"), "컨테이너 이름은 두 글자 이상이어야 합니다. " +
			"컨테이너 이름에는 영문자, 숫자와 _ . -(맨 앞 제외)를 쓸 수 있으며 두 글자 이상이어야 합니다."},
	}
	for _, e := range errs {
		if got := Explain(e.err); got != e.want {
			t.Errorf("Explain(%v) = %q, want %q", e.err, got, e.want)
		}
	}
	i18n.Use("en")
	if got := Ago(now.Add(-3*time.Minute), now); got != "3 minutes ago" {
		t.Errorf("back in English: %q", got)
	}
}
