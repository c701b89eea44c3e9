package run

import (
	"reflect"
	"strings"
	"testing"

	"berth/engine"
)

func TestParseRunCommandTable(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		want  runForm
		notes []string
		err   string // substring of the error, "" for none
	}{
		{
			name: "tutorial",
			line: "docker run --detach --publish=80:80 --name=webserver nginx",
			want: runForm{Image: "nginx", Name: "webserver", Ports: []runPort{{HostPort: "80", ContainerPort: "80", Proto: "tcp"}}},
		},
		{
			name: "short flags and separate values",
			line: "docker run -d -p 8080:80 --name web -e A=1 -v /srv:/data:ro --restart always nginx:1.25",
			want: runForm{Image: "nginx:1.25", Name: "web",
				Ports: []runPort{{HostPort: "8080", ContainerPort: "80", Proto: "tcp"}},
				Env:   []runEnv{{Key: "A", Value: "1"}},
				Binds: []engine.Bind{{HostPath: "/srv", ContainerPath: "/data", ReadOnly: true}}, Restart: engine.RestartAlways},
		},
		{
			name: "grouped short flags with a value",
			line: "docker run -dp 127.0.0.1:8080:80/udp nginx",
			want: runForm{Image: "nginx", Ports: []runPort{{HostIP: "127.0.0.1", HostPort: "8080", ContainerPort: "80", Proto: "udp"}}},
		},
		{
			name: "attached short values",
			line: "docker run -d -p8080:80 -p=9090:90 -eFOO=bar nginx",
			want: runForm{Image: "nginx", Ports: []runPort{{HostPort: "8080", ContainerPort: "80", Proto: "tcp"}, {HostPort: "9090", ContainerPort: "90", Proto: "tcp"}},
				Env: []runEnv{{Key: "FOO", Value: "bar"}}},
		},
		{
			name: "quoting",
			line: `docker run -e 'GREETING=hello world' -e "PATHS=/a:/b \"x\"" -e ESC=a\ b --name=web nginx sh -c 'echo it'\''s'`,
			want: runForm{Image: "nginx", Name: "web",
				Env: []runEnv{{Key: "GREETING", Value: "hello world"}, {Key: "PATHS", Value: `/a:/b "x"`}, {Key: "ESC", Value: "a b"}},
				Cmd: []string{"sh", "-c", "echo it's"}},
		},
		{
			name: "line continuations and sudo",
			line: "sudo docker run \\\n  --detach \\\n  --publish 80:80 \\\n  nginx",
			want: runForm{Image: "nginx", Ports: []runPort{{HostPort: "80", ContainerPort: "80", Proto: "tcp"}}},
		},
		{
			name: "docker container run, ipv6, ip without host port",
			line: "docker container run -p [::1]:8080:80 -p 127.0.0.1::53/udp nginx",
			want: runForm{Image: "nginx", Ports: []runPort{{HostIP: "::1", HostPort: "8080", ContainerPort: "80", Proto: "tcp"}, {HostIP: "127.0.0.1", ContainerPort: "53", Proto: "udp"}}},
		},
		{
			name: "flags after the image are the command",
			line: "docker run nginx nginx -g 'daemon off;'",
			want: runForm{Image: "nginx", Cmd: []string{"nginx", "-g", "daemon off;"}},
		},
		{
			name:  "rm and -it are noted",
			line:  "docker run --rm -it nginx",
			want:  runForm{Image: "nginx"},
			notes: []string{"--rm is not supported: the container is kept after it stops, so you can see it in the list.", "-i and -t are ignored: Berth runs the container in the background, without a terminal."},
		},
		{
			name:  "env without a value",
			line:  "docker run -e DEBUG nginx",
			want:  runForm{Image: "nginx", Env: []runEnv{{Key: "DEBUG"}}},
			notes: []string{"--env DEBUG has no value: it is set to an empty value."},
		},
		{
			name:  "on-failure count",
			line:  "docker run --restart=on-failure:3 nginx",
			want:  runForm{Image: "nginx", Restart: engine.RestartOnFailure},
			notes: []string{"--restart=on-failure:3: the retry count is not supported; it retries without limit."},
		},
		{name: "unknown long flag", line: "docker run --network host nginx", err: "--network is not supported"},
		{name: "unknown short flag", line: "docker run -w /tmp nginx", err: "-w is not supported"},
		{name: "not docker", line: "podman run nginx", err: "starts with docker run"},
		{name: "not run", line: "docker ps", err: "starts with docker run"},
		{name: "no image", line: "docker run -d -p 80:80", err: "no image"},
		{name: "missing value", line: "docker run nginx -p", want: runForm{Image: "nginx", Cmd: []string{"-p"}}},
		{name: "missing value before image", line: "docker run --name", err: "--name needs a value"},
		{name: "unclosed quote", line: "docker run -e 'A=1 nginx", err: "not closed"},
		{name: "two commands", line: "docker run nginx && docker ps", err: "one docker run command"},
		{name: "bad restart", line: "docker run --restart=sometimes nginx", err: "not a restart policy"},
		{name: "bad protocol", line: "docker run -p 80:80/http nginx", err: "tcp, udp or sctp"},
		{name: "bad volume option", line: "docker run -v /a:/b:z nginx", err: "supports only ro and rw"},
		{name: "anonymous volume", line: "docker run -v /data nginx", err: "HOST-PATH:CONTAINER-PATH"},
		{name: "bool flag with junk", line: "docker run --rm=maybe nginx", err: "takes no value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, notes, err := parseRunCommand(tt.line)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("parseRunCommand(%q) error = %v, want one containing %q", tt.line, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseRunCommand(%q): %v", tt.line, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseRunCommand(%q)\n got %#v\nwant %#v", tt.line, got, tt.want)
			}
			if !reflect.DeepEqual(notes, tt.notes) {
				t.Errorf("notes = %q, want %q", notes, tt.notes)
			}
		})
	}
}

func TestParseRunGenerateTable(t *testing.T) {
	tests := []struct {
		name string
		form runForm
		want string
	}{
		{"tutorial", runForm{Image: "nginx", Name: "webserver", Ports: []runPort{{HostPort: "80", ContainerPort: "80", Proto: "tcp"}}},
			"docker run --detach --publish=80:80 --name=webserver nginx"},
		{"empty rows left out", runForm{Image: "nginx", Ports: []runPort{{}, {HostPort: "8080", ContainerPort: "80"}}, Env: []runEnv{{}}, Binds: []engine.Bind{{}}, Restart: engine.RestartNo},
			"docker run --detach --publish=8080:80 nginx"},
		{"everything", runForm{Image: "localhost:5000/web:1", Name: "web",
			Ports:   []runPort{{HostIP: "127.0.0.1", HostPort: "8080", ContainerPort: "80", Proto: "tcp"}, {HostIP: "::1", ContainerPort: "53", Proto: "udp"}},
			Env:     []runEnv{{Key: "A", Value: "hello world"}, {Key: "B", Value: "it's"}},
			Binds:   []engine.Bind{{HostPath: "/srv/www", ContainerPath: "/usr/share/nginx/html", ReadOnly: true}},
			Restart: engine.RestartUnlessStopped, Cmd: []string{"sh", "-c", "echo $HOME"}},
			`docker run --detach --publish=127.0.0.1:8080:80 --publish='[::1]::53/udp' --name=web --env='A=hello world' --env='B=it'\''s' --volume=/srv/www:/usr/share/nginx/html:ro --restart=unless-stopped localhost:5000/web:1 sh -c 'echo $HOME'`},
		{"no image yet", runForm{Name: "web"}, "docker run --detach --name=web"},
		{"empty argument", runForm{Image: "busybox", Cmd: []string{"echo", ""}}, "docker run --detach busybox echo ''"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := generateRunCommand(tt.form)
			if got != tt.want {
				t.Fatalf("generateRunCommand\n got %s\nwant %s", got, tt.want)
			}
			if tt.form.Image == "" {
				return
			}
			// Round trip: generate(parse(generate(form))) == generate(form).
			back, _, err := parseRunCommand(got)
			if err != nil {
				t.Fatalf("parseRunCommand(%q): %v", got, err)
			}
			if again := generateRunCommand(back); again != got {
				t.Fatalf("round trip\n got %s\nwant %s", again, got)
			}
		})
	}
}

func TestParseRunCmdSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		err  bool
	}{
		{`a b  c`, []string{"a", "b", "c"}, false},
		{`'a b' "c d" e\ f`, []string{"a b", "c d", "e f"}, false},
		{`"a\"b\\c\d"`, []string{`a"b\c\d`}, false},
		{`'a'"b"c`, []string{"abc"}, false},
		{`''`, []string{""}, false},
		{"a \\\r\nb", []string{"a", "b"}, false},
		{`"a`, nil, true},
		{`a\`, nil, true},
		{`a | b`, nil, true},
		{`'a | b'`, []string{"a | b"}, false},
	}
	for _, tt := range tests {
		got, err := cmdSplit(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("cmdSplit(%q) error = %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if !tt.err && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("cmdSplit(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, w := range []string{"", "plain", "a b", "it's", `"q"`, "$HOME", "a\nb", "tab\there", "é"} {
		got, err := cmdSplit(cmdQuote(w))
		if err != nil || len(got) != 1 || got[0] != w {
			t.Errorf("cmdSplit(cmdQuote(%q)) = %q, %v", w, got, err)
		}
	}
}

func FuzzParseRunCommand(f *testing.F) {
	for _, s := range []string{
		"docker run --detach --publish=80:80 --name=webserver nginx",
		"docker run -dp 127.0.0.1:8080:80/udp -e A=1 -v /a:/b:ro --restart=on-failure:2 nginx sh -c 'x y'",
		`sudo docker container run -it --rm -e "X=a \"b\"" -p [::1]:1:2 -- -img arg`,
		"docker run \\\n -p 80 nginx",
		"docker run -e =x -v :: --name= img ''",
		"docker run -p [a]:1:2 -p x:y]:1:2 -p '[x:y:1:2' img",
		"$ docker run --detach=false busybox",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		form, _, err := parseRunCommand(line)
		if err != nil {
			return
		}
		gen := generateRunCommand(form)
		back, _, err := parseRunCommand(gen)
		if err != nil {
			t.Fatalf("parseRunCommand(generate) failed: %v\ninput: %q\ngenerated: %q", err, line, gen)
		}
		if again := generateRunCommand(back); again != gen {
			t.Fatalf("round trip changed the command\ninput: %q\nfirst:  %q\nsecond: %q", line, gen, again)
		}
	})
}
