package present

import (
	"fmt"
	"strings"

	"berth/engine"
)

// explainEngine words the errors of reaching an engine (issue 8): TLS,
// ssh, an old API, a missing context. ok is false for other kinds.
func explainEngine(e *engine.Error) (string, bool) {
	at := orThe(e.Ref, "the engine's address")
	switch e.Kind {
	case engine.ErrTLSUnknownAuthority:
		return fmt.Sprintf("The engine at %s shows a certificate from an authority Berth was not told to trust. Check that the CA file (ca.pem) is the one that signed the engine's certificate.", at), true
	case engine.ErrTLSWrongHost:
		return fmt.Sprintf("The engine's certificate is not valid for the name in %s. Use the host name the certificate was made for, or make a certificate for this name.", at), true
	case engine.ErrTLSClientRejected:
		return fmt.Sprintf("The engine at %s refused Berth's client certificate (or wants one). Use a certificate (cert.pem and key.pem) signed by the CA the engine trusts.", at), true
	case engine.ErrTLSFiles:
		files := "The TLS files"
		if e.What != "" {
			files = "The TLS " + e.What + " file"
		}
		return fmt.Sprintf("%s for %s cannot be used: missing, unreadable or not PEM. Check DOCKER_CERT_PATH or the context's files (ca.pem, cert.pem, key.pem).", files, at), true
	case engine.ErrTLSExpected:
		return fmt.Sprintf("The engine at %s speaks TLS, and Berth spoke plain HTTP to it. Set DOCKER_TLS_VERIFY=1 (with DOCKER_CERT_PATH), or use a context with its TLS files.", at), true
	case engine.ErrSSHHostKey:
		if e.What == "changed" {
			return fmt.Sprintf("The ssh host key of %s has changed since you last connected. Someone may be in between, or the host was reinstalled: check with its owner, then remove the old key from known_hosts (ssh-keygen -R HOST).", sshHost(e.Ref)), true
		}
		return fmt.Sprintf("The ssh host key of %s is not known yet. Connect once with ssh %s in a terminal and accept the key, then try again.", sshHost(e.Ref), sshHost(e.Ref)), true
	case engine.ErrSSHAuth:
		return fmt.Sprintf("The ssh server of %s refused to log you in. Check the user name, and that your key is loaded (ssh-add) and in the server's authorized_keys.", sshHost(e.Ref)), true
	case engine.ErrSSHNoDocker:
		return fmt.Sprintf("Berth logged in to %s over ssh, but there is no docker command there. Install the docker CLI on that host (or put it in the PATH of non-interactive ssh sessions).", sshHost(e.Ref)), true
	case engine.ErrSSHUnreachable:
		return fmt.Sprintf("The ssh server of %s does not answer (connection refused, no route or no such host). Check the host name and port, and that sshd runs there.", sshHost(e.Ref)), true
	case engine.ErrAPITooOld:
		return fmt.Sprintf("The engine at %s speaks API %s, older than Berth supports (%s or newer). Upgrade the engine.", at, orThe(e.What, "an old version"), engine.MinAPIVersion), true
	case engine.ErrRegistryInsecure:
		return fmt.Sprintf("The registry of %s speaks plain HTTP, and the engine only trusts it over HTTPS. Add the registry as insecure: insecure-registries in Docker's daemon.json, or an insecure [[registry]] in Podman's registries.conf.", orThe(e.Ref, "the image")), true
	case engine.ErrContextNotFound:
		from := "The docker CLI's current context"
		switch e.What {
		case engine.SourceContextEnv:
			from = "DOCKER_CONTEXT names a context that"
			return fmt.Sprintf("%s (%q) does not exist. Unset DOCKER_CONTEXT, or create the context (docker context create).", from, e.Ref), true
		case "":
			return fmt.Sprintf("There is no docker context %q.", e.Ref), true
		}
		return fmt.Sprintf("%s, %q, does not exist. Choose another engine, or run docker context use default.", from, e.Ref), true
	}
	return "", false
}

// sshHost is the user@host of an ssh:// address, as one types it after ssh.
func sshHost(ref string) string {
	h := strings.TrimPrefix(ref, "ssh://")
	if i := strings.Index(h, "/"); i >= 0 {
		h = h[:i]
	}
	return orThe(h, "the host")
}
