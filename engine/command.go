package engine

import (
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
