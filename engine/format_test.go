package engine

import (
	"testing"
	"time"
)

func TestFormatPorts(t *testing.T) {
	tests := []struct {
		name  string
		ports []PortBinding
		want  string
	}{
		{"none", nil, ""},
		{"exposed only", []PortBinding{{ContainerPort: 80, Proto: "tcp"}}, "80/tcp"},
		{"tutorial", []PortBinding{{HostIP: "0.0.0.0", HostPort: 80, ContainerPort: 80, Proto: "tcp"}}, "0.0.0.0:80->80/tcp"},
		{"different host port", []PortBinding{{HostIP: "127.0.0.1", HostPort: 8080, ContainerPort: 80, Proto: "tcp"}}, "127.0.0.1:8080->80/tcp"},
		{"exposed range grouped", []PortBinding{
			{ContainerPort: 81, Proto: "tcp"}, {ContainerPort: 80, Proto: "tcp"}, {ContainerPort: 82, Proto: "tcp"},
		}, "80-82/tcp"},
		{"published range grouped", []PortBinding{
			{HostIP: "0.0.0.0", HostPort: 8001, ContainerPort: 8001, Proto: "tcp"},
			{HostIP: "0.0.0.0", HostPort: 8000, ContainerPort: 8000, Proto: "tcp"},
		}, "0.0.0.0:8000-8001->8000-8001/tcp"},
		{"udp and tcp", []PortBinding{
			{ContainerPort: 53, Proto: "udp"}, {ContainerPort: 53, Proto: "tcp"},
		}, "53/tcp, 53/udp"},
		{"ipv4 and ipv6", []PortBinding{
			{HostIP: "0.0.0.0", HostPort: 80, ContainerPort: 80, Proto: "tcp"},
			{HostIP: "::", HostPort: 80, ContainerPort: 80, Proto: "tcp"},
		}, "0.0.0.0:80->80/tcp, [::]:80->80/tcp"}, // as docker CLI 25+ prints it
		{"gap breaks range", []PortBinding{
			{ContainerPort: 80, Proto: "tcp"}, {ContainerPort: 81, Proto: "tcp"}, {ContainerPort: 443, Proto: "tcp"},
		}, "80-81/tcp, 443/tcp"},
		{"mapping and exposed", []PortBinding{
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

func TestShortID(t *testing.T) {
	if got := ShortID("sha256:42b4762643dcc9bf492b08064b55fef64942f055f0da91289a8abf93c6d6b43c"); got != "42b4762643dc" {
		t.Errorf("got %q", got)
	}
	if got := ShortID("5c17b6cbcddd00112233"); got != "5c17b6cbcddd" {
		t.Errorf("got %q", got)
	}
	if got := ShortID("abc"); got != "abc" {
		t.Errorf("got %q", got)
	}
}

func TestValidateName(t *testing.T) {
	for _, ok := range []string{"", "webserver", "web_server-1.0", "ab", "/webserver"} {
		if err := ValidateName(ok); err != nil {
			t.Errorf("ValidateName(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{"a", "-web", "web server", "wéb", "web/1", "_x"} {
		if err := ValidateName(bad); !IsKind(err, ErrInvalidName) {
			t.Errorf("ValidateName(%q) = %v, want ErrInvalidName", bad, err)
		}
	}
}

func TestValidateImage(t *testing.T) {
	good := map[string]string{
		"nginx":                "docker.io/library/nginx:latest",
		"nginx:1.25":           "docker.io/library/nginx:1.25",
		"localhost:5000/web:1": "localhost:5000/web:1",
		" localhost:5000/web ": "localhost:5000/web:latest",
		"ghcr.io/org/app@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef": "ghcr.io/org/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	}
	for in, want := range good {
		got, err := ValidateImage(in)
		if err != nil || got != want {
			t.Errorf("ValidateImage(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "Nginx", "nginx:", "ngi nx", "nginx::1", "-nginx"} {
		if _, err := ValidateImage(bad); !IsKind(err, ErrInvalidImage) {
			t.Errorf("ValidateImage(%q) = %v, want ErrInvalidImage", bad, err)
		}
	}
	if _, err := ValidateImage("Nginx:Latest"); Explain(err) != "Image names must be lowercase" {
		t.Errorf("uppercase: %q", Explain(err))
	}
	if _, err := ValidateImage("nginx:Latest"); err != nil {
		t.Errorf("uppercase tags are fine: %v", err)
	}
}

func TestParsePorts(t *testing.T) {
	for _, ok := range []string{"80", "8080:80", "127.0.0.1:8080:80", "8080:80/udp", "8000-8001:80-81", "127.0.0.1::80", "80/sctp"} {
		if err := ValidatePortSpec(ok); err != nil {
			t.Errorf("ValidatePortSpec(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"http", "70000", "8080:", "8080:80/xyz", "1.2.3:80:80", "0:-1", "8000-7999:80"} {
		if err := ValidatePortSpec(bad); !IsKind(err, ErrInvalidPort) {
			t.Errorf("ValidatePortSpec(%q) = %v, want ErrInvalidPort", bad, err)
		}
	}
	exposed, bindings, err := ParsePorts([]string{"127.0.0.1:8080:80", "", "53/udp"})
	if err != nil {
		t.Fatal(err)
	}
	if len(exposed) != 2 || bindings["80/tcp"][0].HostPort != "8080" || bindings["80/tcp"][0].HostIP != "127.0.0.1" {
		t.Errorf("got %v %v", exposed, bindings)
	}
}

func TestImageRef(t *testing.T) {
	if got := (Image{Repository: "nginx", Tag: "latest"}).Ref(); got != "nginx:latest" {
		t.Error(got)
	}
	if got := (Image{Repository: "<none>", Tag: "<none>", ShortID: "42b4762643dc", Dangling: true}).Ref(); got != "42b4762643dc" {
		t.Error(got)
	}
}
