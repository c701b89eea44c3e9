package present

import (
	"errors"
	"strings"
	"testing"

	"berth/engine"
)

// TestExplainReachingAnEngine: every way of failing to reach an engine has
// its own words, with what to do, never the generic "does not answer".
func TestExplainReachingAnEngine(t *testing.T) {
	ssh := "ssh://me@build.example:2222/run/docker.sock"
	tests := []struct {
		err  *engine.Error
		want []string
	}{
		{&engine.Error{Kind: engine.ErrPermission, Ref: "unix:///var/run/docker.sock"}, []string{"docker group", "usermod -aG docker"}},
		{&engine.Error{Kind: engine.ErrTLSUnknownAuthority, Ref: "tcp://h:2376"}, []string{"tcp://h:2376", "ca.pem"}},
		{&engine.Error{Kind: engine.ErrTLSWrongHost, Ref: "tcp://h:2376"}, []string{"not valid for the name", "host name"}},
		{&engine.Error{Kind: engine.ErrTLSClientRejected, Ref: "tcp://h:2376"}, []string{"client certificate", "cert.pem"}},
		{&engine.Error{Kind: engine.ErrTLSFiles, Ref: "tcp://h:2376", What: "CA"}, []string{"The TLS CA file", "DOCKER_CERT_PATH"}},
		{&engine.Error{Kind: engine.ErrTLSExpected, Ref: "tcp://h:2376"}, []string{"DOCKER_TLS_VERIFY=1"}},
		{&engine.Error{Kind: engine.ErrSSHHostKey, Ref: ssh, What: "unknown"}, []string{"not known yet", "ssh me@build.example:2222"}},
		{&engine.Error{Kind: engine.ErrSSHHostKey, Ref: ssh, What: "changed"}, []string{"has changed", "ssh-keygen -R"}},
		{&engine.Error{Kind: engine.ErrSSHAuth, Ref: ssh}, []string{"refused to log you in", "ssh-add"}},
		{&engine.Error{Kind: engine.ErrSSHNoDocker, Ref: ssh}, []string{"no docker command", "me@build.example:2222"}},
		{&engine.Error{Kind: engine.ErrSSHUnreachable, Ref: ssh}, []string{"does not answer", "sshd"}},
		{&engine.Error{Kind: engine.ErrAPITooOld, Ref: "tcp://h:2376", What: "1.38"}, []string{"API 1.38", engine.MinAPIVersion, "Upgrade"}},
		{&engine.Error{Kind: engine.ErrContextNotFound, Ref: "gone", What: engine.SourceConfig}, []string{`"gone"`, "docker context use default"}},
		{&engine.Error{Kind: engine.ErrContextNotFound, Ref: "gone", What: engine.SourceContextEnv}, []string{"DOCKER_CONTEXT", "Unset"}},
		{&engine.Error{Kind: engine.ErrRegistryInsecure, Ref: "127.0.0.1:5000/web:1"}, []string{"plain HTTP", "registries.conf", "daemon.json"}},
	}
	for _, tt := range tests {
		tt.err.Err = errors.New("the engine's own words")
		got := Explain(tt.err)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: Explain = %q, lacks %q", tt.err.Kind, got, w)
			}
		}
		if strings.Contains(got, "the engine's own words") || strings.Contains(got, "Start Docker") {
			t.Errorf("%s: Explain = %q", tt.err.Kind, got)
		}
	}
}
