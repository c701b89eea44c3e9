//go:build !unix

package docker

// alive cannot tell here: every owner counts as alive (nothing is removed).
func alive(pid int) bool { return true }
