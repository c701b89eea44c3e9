package testbed

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Test processes share one engine, and a TestMain that calls RemoveContainers must not remove
// the containers of another package's tests that are still running. So every process that
// calls Name records its names in a file of its own under os.TempDir()/berth-testbed-owners
// and holds a flock on that file until it exits: a file whose lock can be taken belongs to a
// process that is gone.

const ownersDirName = "berth-testbed-owners"

var owner struct {
	sync.Mutex
	f    *os.File // locked for the life of the process; never closed
	path string
	err  error
}

func ownersDir() string { return filepath.Join(os.TempDir(), ownersDirName) }

// own records name as this process's.
func own(name string) {
	owner.Lock()
	defer owner.Unlock()
	if owner.f == nil && owner.err == nil {
		othersNames("") // sweeps the files of processes that are gone
		owner.f, owner.path, owner.err = newOwnerFile()
	}
	if owner.f != nil {
		_, _ = fmt.Fprintln(owner.f, name)
	}
}

// newOwnerFile creates, locks and only then names the owner file, so that no other process
// ever sees it unlocked.
func newOwnerFile() (*os.File, string, error) {
	dir := ownersDir()
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, "", err
	}
	f, err := os.CreateTemp(dir, ".new-")
	if err != nil {
		return nil, "", err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, "", err
	}
	path := filepath.Join(dir, fmt.Sprintf("%d-%s", os.Getpid(), randomAlnum(6)))
	if err := os.Rename(f.Name(), path); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, "", err
	}
	return f, path, nil
}

// othersNames returns the names recorded by test processes that are still running, but for
// the owner file mine, and removes the files of those that are gone.
func othersNames(mine string) map[string]bool {
	names := map[string]bool{}
	entries, err := os.ReadDir(ownersDir())
	if err != nil {
		return names
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(ownersDir(), e.Name())
		if path == mine {
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			continue
		}
		if free, err := tryLockFile(f); err == nil && free {
			os.Remove(path) // its process is gone
			f.Close()
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			names[sc.Text()] = true
		}
		f.Close()
	}
	return names
}
