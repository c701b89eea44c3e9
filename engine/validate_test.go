package engine

import (
	"errors"
	"strings"
	"testing"
)

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
	if _, err := ValidateImage("Nginx:Latest"); !errors.Is(err, ErrUppercase) {
		t.Errorf("uppercase: %v", err)
	}
	if _, err := ValidateImage("nginx:Latest"); err != nil {
		t.Errorf("uppercase tags are fine: %v", err)
	}
}

func TestParsePorts(t *testing.T) {
	for _, ok := range []string{"80", "8080:80", "127.0.0.1:8080:80", "8080:80/udp", "8000-8001:80-81", "127.0.0.1::80", "80/sctp"} {
		if err := ValidatePorts(ok); err != nil {
			t.Errorf("ValidatePorts(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"http", "70000", "8080:", "8080:80/xyz", "1.2.3:80:80", "0:-1", "8000-7999:80"} {
		if err := ValidatePorts(bad); !IsKind(err, ErrInvalidPort) {
			t.Errorf("ValidatePorts(%q) = %v, want ErrInvalidPort", bad, err)
		}
	}
	clean, err := CleanPorts([]string{" 127.0.0.1:8080:80", "", "53/udp"})
	if err != nil || strings.Join(clean, ",") != "127.0.0.1:8080:80,53/udp" {
		t.Errorf("got %q, %v", clean, err)
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

func TestParseBind(t *testing.T) {
	b, err := ParseBind("/srv/site:/usr/share/nginx/html:ro")
	if err != nil || b != (Bind{HostPath: "/srv/site", ContainerPath: "/usr/share/nginx/html", ReadOnly: true}) {
		t.Errorf("got %+v, %v", b, err)
	}
	if b.Spec() != "/srv/site:/usr/share/nginx/html:ro" {
		t.Errorf("Spec() = %q", b.Spec())
	}
	for _, bad := range []string{"/only", "/a:/b:rx", "/a:/b:ro:x"} {
		if _, err := ParseBind(bad); err == nil {
			t.Errorf("ParseBind(%q) accepted", bad)
		}
	}
}

func TestPortURL(t *testing.T) {
	for _, tc := range []struct {
		p    PortBinding
		want string
	}{
		{PortBinding{HostIP: "0.0.0.0", HostPort: 80, ContainerPort: 80, Proto: "tcp"}, "http://localhost:80/"},
		{PortBinding{HostIP: "::", HostPort: 8080, ContainerPort: 80, Proto: "tcp"}, "http://localhost:8080/"},
		{PortBinding{HostIP: "", HostPort: 8080, ContainerPort: 80, Proto: "tcp"}, "http://localhost:8080/"},
		{PortBinding{HostIP: "127.0.0.1", HostPort: 8080, ContainerPort: 80, Proto: "tcp"}, "http://127.0.0.1:8080/"},
		{PortBinding{HostIP: "::1", HostPort: 8080, ContainerPort: 80, Proto: "tcp"}, "http://[::1]:8080/"},
		{PortBinding{ContainerPort: 80, Proto: "tcp"}, ""},
	} {
		if got := tc.p.URL(); got != tc.want {
			t.Errorf("%+v: URL() = %q, want %q", tc.p, got, tc.want)
		}
	}
}
