package engine

import (
	"sort"
	"strings"
)

// The docker CLI command lines Berth shows for what it does: the run
// dialog's preview, the Activity panel, the tutorial. Pure functions, in
// one place so that every view words a command the same way.

// RunCommand is the `docker run` command line s stands for, in the
// tutorial's own form:
//
//	docker run --detach --publish=80:80 --name=webserver nginx
func RunCommand(s RunSpec) string {
	words := []string{"docker", "run", "--detach"}
	for _, p := range s.Ports {
		words = append(words, "--publish="+Quote(p))
	}
	if s.Name != "" {
		words = append(words, "--name="+Quote(s.Name))
	}
	for _, e := range s.Env {
		words = append(words, "--env="+Quote(e))
	}
	for _, b := range s.Binds {
		words = append(words, "--volume="+Quote(b.Spec()))
	}
	if s.Restart != "" && s.Restart != RestartNo {
		words = append(words, "--restart="+Quote(string(s.Restart)))
	}
	if s.Image != "" {
		if strings.HasPrefix(s.Image, "-") {
			words = append(words, "--")
		}
		words = append(words, Quote(s.Image))
		for _, a := range s.Cmd {
			words = append(words, Quote(a))
		}
	}
	return strings.Join(words, " ")
}

// shellSafe reports whether c needs no quoting in a POSIX shell word.
func shellSafe(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("_@%+=:,./-", c)
}

// Quote quotes s for a POSIX shell, only when it needs it; a single quote
// inside becomes quote, backslash, quote, quote:
//
//	it's  ->  'it'\''s'
func Quote(s string) string {
	if s == "" {
		return "''"
	}
	for _, c := range s {
		if !shellSafe(c) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}

// JoinCommand quotes and joins words into one command line.
func JoinCommand(words ...string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = Quote(w)
	}
	return strings.Join(q, " ")
}

// VolumeCreateCommand is the `docker volume create` command line of s
// (labels sorted; no name when the engine is to pick one).
func VolumeCreateCommand(s VolumeSpec) string {
	cmd := "docker volume create"
	if s.Driver != "" {
		cmd += " --driver " + Quote(s.Driver)
	}
	cmd += labelFlags(s.Labels)
	if s.Name != "" {
		cmd += " " + Quote(s.Name)
	}
	return cmd
}

// NetworkCreateCommand is the `docker network create` command line of s
// (bridge, the default driver, left out; labels sorted).
func NetworkCreateCommand(s NetworkSpec) string {
	cmd := "docker network create"
	if s.Driver != "" && s.Driver != "bridge" {
		cmd += " --driver " + Quote(s.Driver)
	}
	if s.Subnet != "" {
		cmd += " --subnet " + Quote(s.Subnet)
	}
	if s.Gateway != "" {
		cmd += " --gateway " + Quote(s.Gateway)
	}
	if s.Internal {
		cmd += " --internal"
	}
	return cmd + labelFlags(s.Labels) + " " + Quote(s.Name)
}

// ComposeCommand is the docker compose command line of verb on f:
// docker compose --file FILE [--project-name NAME] up --detach, or for a
// project by name alone docker compose --project-name NAME down.
func ComposeCommand(f ComposeFile, verb string) string {
	cmd := "docker compose"
	if f.Path != "" {
		cmd += " --file " + Quote(f.Path)
	}
	if f.Project != "" {
		cmd += " --project-name " + Quote(f.Project)
	}
	return cmd + " " + verb
}

// labelFlags are --label flags for labels, sorted by key.
func labelFlags(labels map[string]string) string {
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := ""
	for _, k := range keys {
		s += " --label " + Quote(k+"="+labels[k])
	}
	return s
}
