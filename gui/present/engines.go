package present

import (
	"strconv"
	"strings"

	"berth/engine"
	"berth/gui/i18n"
)

// explainEngine words the errors of reaching an engine (issue 8): TLS,
// ssh, an old API, a missing context. ok is false for other kinds.
func explainEngine(e *engine.Error) (string, bool) {
	at := e.Ref
	if at == "" {
		at = i18n.T("present.engine.theAddress")
	}
	switch e.Kind {
	case engine.ErrTLSUnknownAuthority:
		return i18n.T("present.engine.tlsUnknownAuthority", "At", at), true
	case engine.ErrTLSWrongHost:
		return i18n.T("present.engine.tlsWrongHost", "At", at), true
	case engine.ErrTLSClientRejected:
		return i18n.T("present.engine.tlsClientRejected", "At", at), true
	case engine.ErrTLSFiles:
		switch e.What {
		case "":
			return i18n.T("present.engine.tlsFiles", "At", at), true
		case "CA":
			return i18n.T("present.engine.tlsFile.ca", "At", at), true
		case "certificate":
			return i18n.T("present.engine.tlsFile.cert", "At", at), true
		case "key":
			return i18n.T("present.engine.tlsFile.key", "At", at), true
		}
		return i18n.T("present.engine.tlsFile", "What", e.What, "At", at), true
	case engine.ErrTLSExpected:
		return i18n.T("present.engine.tlsExpected", "At", at), true
	case engine.ErrSSHHostKey:
		if e.What == "changed" {
			return i18n.T("present.engine.sshHostKeyChanged", "Host", sshHost(e.Ref)), true
		}
		return i18n.T("present.engine.sshHostKeyUnknown", "Host", sshHost(e.Ref)), true
	case engine.ErrSSHAuth:
		return i18n.T("present.engine.sshAuth", "Host", sshHost(e.Ref)), true
	case engine.ErrSSHNoDocker:
		return i18n.T("present.engine.sshNoDocker", "Host", sshHost(e.Ref)), true
	case engine.ErrSSHUnreachable:
		return i18n.T("present.engine.sshUnreachable", "Host", sshHost(e.Ref)), true
	case engine.ErrAPITooOld:
		if e.What == "" {
			return i18n.T("present.engine.apiTooOld.unknown", "At", at, "Min", engine.MinAPIVersion), true
		}
		return i18n.T("present.engine.apiTooOld", "At", at, "Version", e.What, "Min", engine.MinAPIVersion), true
	case engine.ErrRegistryInsecure:
		if e.Ref == "" {
			return i18n.T("present.engine.registryInsecure.noRef"), true
		}
		return i18n.T("present.engine.registryInsecure", "Ref", e.Ref), true
	case engine.ErrContextNotFound:
		q := strconv.Quote(e.Ref)
		switch e.What {
		case engine.SourceContextEnv:
			return i18n.T("present.engine.contextEnv", "Name", q), true
		case "":
			return i18n.T("present.engine.contextNone", "Name", q), true
		}
		return i18n.T("present.engine.contextCurrent", "Name", q), true
	}
	return "", false
}

// permissionText words a denied socket that is not Docker's system one,
// where the docker group does not help: Podman's root socket, another
// user's rootless socket.
func permissionText(ref string) (string, bool) {
	path := strings.TrimPrefix(ref, "unix://")
	switch {
	case strings.Contains(path, "podman"):
		return i18n.T("present.engine.podmanRootSocket", "Ref", ref), true
	case strings.HasPrefix(path, "/run/user/"):
		return i18n.T("present.engine.otherUserSocket", "Ref", ref), true
	}
	return "", false
}

// sshHost is the user@host of an ssh:// address, as one types it after ssh.
func sshHost(ref string) string {
	h := strings.TrimPrefix(ref, "ssh://")
	if i := strings.Index(h, "/"); i >= 0 {
		h = h[:i]
	}
	if h == "" {
		return i18n.T("present.engine.theHost")
	}
	return h
}
