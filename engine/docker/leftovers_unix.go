//go:build unix

package docker

import (
	"errors"
	"syscall"
)

// alive reports whether process pid exists (another user's counts).
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
