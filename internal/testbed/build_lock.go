package testbed

import (
	"os"
	"path/filepath"
)

// withBuildLock runs fn while holding an exclusive flock on os.TempDir()/berth-testbed.lock,
// so that test processes building or pushing the same tags take turns.
func withBuildLock(fn func() error) error {
	f, err := os.OpenFile(filepath.Join(os.TempDir(), "berth-testbed.lock"), os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := lockFile(f); err != nil {
		return err
	}
	return fn()
}
