package present

import (
	"berth/gui/i18n"
	"strings"
)

// Secret-looking names: an environment variable (or label) whose name
// holds one of these words has its value masked until the user reveals it,
// in the details view and in every command line Berth shows or copies.
var secretWords = strings.Fields("PASSWORD PASSWD PWD SECRET TOKEN KEY CREDENTIAL AUTH PRIVATE CERT SALT APIKEY ACCESS SESSION COOKIE DSN")

// notSecret are names that hold a secret word but are well known not to
// carry a secret.
var notSecret = wordSet(i18n.Code("PWD OLDPWD KEYBOARD"))

// wordSet is the set of the words of s.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// Mask is what a masked value shows.
const Mask = "••••••••"

// IsSecretName reports whether an environment variable named name looks
// like it holds a secret: *PASSWORD*, *SECRET*, *TOKEN*, *KEY*, ... in any
// case. PWD (the shell's working folder) is not one.
func IsSecretName(name string) bool {
	n := strings.ToUpper(name)
	if notSecret[n] {
		return false
	}
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// MaskEnv masks the value of KEY=value when KEY looks secret (and the
// value is not empty): "DB_PASSWORD=••••••••". Other pairs come back as
// they are.
func MaskEnv(kv string) string {
	k, v, ok := strings.Cut(kv, "=")
	if !ok || v == "" || !IsSecretName(k) {
		return kv
	}
	return k + "=" + Mask
}
