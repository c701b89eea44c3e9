package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestSettingsAutostartWritesAndRemoves(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	path := filepath.Join(dir, "autostart", "io.github.berth.desktop")
	a := newAutostart()
	if a.path != path {
		t.Fatalf("entry path %q, want %q", a.path, path)
	}
	if a.Enabled() {
		t.Fatal("enabled before anything was written")
	}

	if err := a.Set(true); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	entry := string(b)
	exe, _ := os.Executable()
	exe, _ = filepath.EvalSymlinks(exe)
	for _, want := range []string{"[Desktop Entry]\n", "\nType=Application\n", "\nName=Berth\n",
		"\nExec=" + desktopExecQuote(exe) + " --hidden\n", "\nIcon=io.github.berth\n", "\nX-GNOME-Autostart-enabled=true\n"} {
		if !strings.Contains(entry, want) {
			t.Errorf("entry lacks %q:\n%s", want, entry)
		}
	}
	if !a.Enabled() {
		t.Error("not enabled after Set(true)")
	}
	if err := a.Set(true); err != nil { // again: overwrites
		t.Fatal(err)
	}

	if err := a.Set(false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("entry still there after Set(false): %v", err)
	}
	if err := a.Set(false); err != nil {
		t.Errorf("Set(false) without an entry: %v", err)
	}
	if left, _ := os.ReadDir(filepath.Dir(path)); len(left) != 0 {
		t.Errorf("files left in the autostart directory: %v", left)
	}
}

func TestSettingsAutostartPath(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	if got, want := autostartPath(), filepath.Join(home, ".config", "autostart", "io.github.berth.desktop"); got != want {
		t.Errorf("without XDG_CONFIG_HOME: %q, want %q", got, want)
	}
	t.Setenv("XDG_CONFIG_HOME", "relative/config") // the spec says: ignore it
	if got, want := autostartPath(), filepath.Join(home, ".config", "autostart", "io.github.berth.desktop"); got != want {
		t.Errorf("relative XDG_CONFIG_HOME: %q, want %q", got, want)
	}
	t.Setenv("XDG_CONFIG_HOME", "/somewhere/else")
	if got, want := autostartPath(), "/somewhere/else/autostart/io.github.berth.desktop"; got != want {
		t.Errorf("XDG_CONFIG_HOME=/somewhere/else: %q, want %q", got, want)
	}
}

// A desktop's own startup settings switch an entry off without removing it.
func TestSettingsAutostartSwitchedOff(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	a := newAutostart()
	for _, off := range []string{"Hidden=true", "X-GNOME-Autostart-enabled=false"} {
		if err := os.MkdirAll(filepath.Dir(a.path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(a.path, []byte("[Desktop Entry]\nType=Application\nExec=berth\n"+off+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if a.Enabled() {
			t.Errorf("enabled with %s", off)
		}
	}
}

func TestSettingsDesktopExecQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/usr/local/bin/berth":          "/usr/local/bin/berth",
		"/home/ann/My Apps/berth":       `"/home/ann/My Apps/berth"`,
		"/opt/100%/berth":               "/opt/100%%/berth",
		`/home/x/"q"$b/berth`:           `"/home/x/\"q\"\$b/berth"`,
		"/home/x/back\\slash/berth":     `"/home/x/back\\slash/berth"`,
		"/home/x/semi;colon/berth":      `"/home/x/semi;colon/berth"`,
		"/home/x/tick`/berth":           "\"/home/x/tick\\`/berth\"",
		"/home/x/no-special_chars.1/b2": "/home/x/no-special_chars.1/b2",
	} {
		if got := desktopExecQuote(in); got != want {
			t.Errorf("desktopExecQuote(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSettingsAutostartCheck(t *testing.T) {
	e := newTrayEnv(t, &fakeTrayHost{bus: true, present: true})
	path := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "autostart", "io.github.berth.desktop")
	check := e.u.status.autostart
	if check.Checked || check.Text != "Start Berth at login" {
		t.Fatalf("check %q checked %v", check.Text, check.Checked)
	}
	test.Tap(check)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("checking did not write the entry: %v", err)
	}
	if !trayItem(t, e.tray.items(), "Start at login").Checked {
		t.Error("the tray item did not follow the check")
	}
	test.Tap(check)
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("unchecking did not remove the entry: %v", err)
	}
}

// When the entry cannot be written the check goes back and says why.
func TestSettingsAutostartCheckError(t *testing.T) {
	e := newTrayEnv(t, &fakeTrayHost{bus: true, present: true})
	blocker := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "autostart")
	if err := os.WriteFile(blocker, []byte("a file where the directory should be"), 0o644); err != nil {
		t.Fatal(err)
	}
	check := e.u.status.autostart
	test.Tap(check)
	if check.Checked {
		t.Error("the check stayed on although the entry could not be written")
	}
	if trayItem(t, e.tray.items(), "Start at login").Checked {
		t.Error("the tray item is checked although the entry could not be written")
	}
	if len(e.u.Window().Canvas().Overlays().List()) == 0 {
		t.Error("no error dialog")
	}
}
