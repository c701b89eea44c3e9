package gui

import (
	"os"
	"testing"
)

// afterTests runs once the package's tests have run (the e2e build removes
// the containers its tests made there).
var afterTests = func() {}

// TestMain gives the tests a config directory of their own (the autostart
// setting lives there).
func TestMain(m *testing.M) {
	cfg, err := os.MkdirTemp("", "berth-gui-test-config-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", cfg)
	code := m.Run()
	os.RemoveAll(cfg)
	afterTests()
	os.Exit(code)
}
