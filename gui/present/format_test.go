package present

import (
	"testing"
	"time"

	"berth/engine"
)

func TestFormatPorts(t *testing.T) {
	tests := []struct {
		name  string
		ports []engine.PortBinding
		want  string
	}{
		{"none", nil, ""},
		{"exposed only", []engine.PortBinding{{ContainerPort: 80, Proto: "tcp"}}, "80/tcp"},
		{"tutorial", []engine.PortBinding{{HostIP: "0.0.0.0", HostPort: 80, ContainerPort: 80, Proto: "tcp"}}, "0.0.0.0:80->80/tcp"},
		{"different host port", []engine.PortBinding{{HostIP: "127.0.0.1", HostPort: 8080, ContainerPort: 80, Proto: "tcp"}}, "127.0.0.1:8080->80/tcp"},
		{"exposed range grouped", []engine.PortBinding{
			{ContainerPort: 81, Proto: "tcp"}, {ContainerPort: 80, Proto: "tcp"}, {ContainerPort: 82, Proto: "tcp"},
		}, "80-82/tcp"},
		{"published range grouped", []engine.PortBinding{
			{HostIP: "0.0.0.0", HostPort: 8001, ContainerPort: 8001, Proto: "tcp"},
			{HostIP: "0.0.0.0", HostPort: 8000, ContainerPort: 8000, Proto: "tcp"},
		}, "0.0.0.0:8000-8001->8000-8001/tcp"},
		{"udp and tcp", []engine.PortBinding{
			{ContainerPort: 53, Proto: "udp"}, {ContainerPort: 53, Proto: "tcp"},
		}, "53/tcp, 53/udp"},
		{"ipv4 and ipv6", []engine.PortBinding{
			{HostIP: "0.0.0.0", HostPort: 80, ContainerPort: 80, Proto: "tcp"},
			{HostIP: "::", HostPort: 80, ContainerPort: 80, Proto: "tcp"},
		}, "0.0.0.0:80->80/tcp, [::]:80->80/tcp"}, // as docker CLI 25+ prints it
		{"gap breaks range", []engine.PortBinding{
			{ContainerPort: 80, Proto: "tcp"}, {ContainerPort: 81, Proto: "tcp"}, {ContainerPort: 443, Proto: "tcp"},
		}, "80-81/tcp, 443/tcp"},
		{"mapping and exposed", []engine.PortBinding{
			{HostIP: "0.0.0.0", HostPort: 1234, ContainerPort: 9876, Proto: "tcp"},
			{HostIP: "0.0.0.0", HostPort: 4321, ContainerPort: 7890, Proto: "tcp"},
		}, "0.0.0.0:4321->7890/tcp, 0.0.0.0:1234->9876/tcp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatPorts(tt.ports); got != tt.want {
				t.Errorf("FormatPorts() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFormatCommand(t *testing.T) {
	tests := map[string]string{
		"nginx -g 'daemon off;'": `"nginx -g 'daemon of…"`,
		"/web":                   `"/web"`,
		"":                       `""`,
		"12345678901234567890":   `"12345678901234567890"`,
		"123456789012345678901":  `"1234567890123456789…"`,
	}
	for in, want := range tests {
		if got := FormatCommand(in); got != want {
			t.Errorf("FormatCommand(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestAgoAndSize(t *testing.T) {
	now := time.Date(2019, 1, 20, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		d    time.Duration
		want string
	}{
		{9 * time.Minute, "9 minutes ago"},
		{2 * time.Minute, "2 minutes ago"},
		{3 * 24 * time.Hour, "3 days ago"},
		{5 * 24 * time.Hour, "5 days ago"},
		{30 * time.Second, "30 seconds ago"},
	}
	for _, tt := range tests {
		if got := Ago(now.Add(-tt.d), now); got != tt.want {
			t.Errorf("Ago(-%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
	if got := Ago(time.Time{}, now); got != "" {
		t.Errorf("Ago(zero) = %q", got)
	}
	sizes := map[int64]string{109_000_000: "109MB", 1_840: "1.84kB", 4_190_000: "4.19MB", 0: "0B"}
	for n, want := range sizes {
		if got := HumanSize(n); got != want {
			t.Errorf("HumanSize(%d) = %q, want %q", n, got, want)
		}
	}
}
