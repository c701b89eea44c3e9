package gui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"berth/gui/i18n"
	"berth/gui/kit"
)

// autostartName is the XDG autostart entry: the app ID plus .desktop.
var autostartName = i18n.Code("io.github.berth.desktop")

// HiddenFlag is the argument the login entry starts Berth with: main should
// then call StartInTray instead of ShowMain.
var HiddenFlag = i18n.Code("--hidden")

// autostart is the "Start Berth at login" setting: an XDG autostart entry,
// $XDG_CONFIG_HOME/autostart/io.github.berth.desktop (~/.config by default).
// The file is the setting; nothing else remembers it.
type autostart struct {
	path string // the entry; "" when there is no home to put it in
	exec string // the command line the entry starts
}

func newAutostart() *autostart {
	a := &autostart{path: autostartPath()}
	exe, err := os.Executable()
	if err == nil {
		if p, err := filepath.EvalSymlinks(exe); err == nil {
			exe = p
		}
	} else {
		exe = i18n.Code("berth")
	}
	a.exec = desktopExecQuote(exe) + " " + HiddenFlag
	return a
}

// autostartPath is where the entry goes, following the XDG base directory
// spec: $XDG_CONFIG_HOME if it is an absolute path, else ~/.config. It is
// "" where there is no XDG autostart.
func autostartPath() string {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios", "js":
		return "" // no XDG autostart there (yet)
	}
	dir := os.Getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil || home == "" {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "autostart", autostartName)
}

// Supported reports whether this system has a place for the entry.
func (a *autostart) Supported() bool { return a.path != "" }

// Enabled reports whether the entry exists and is not switched off in it
// (Hidden=true, or X-GNOME-Autostart-enabled=false, as desktop settings tools write).
func (a *autostart) Enabled() bool {
	if a.path == "" {
		return false
	}
	b, err := os.ReadFile(a.path)
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(b), "\n") {
		switch strings.ReplaceAll(strings.TrimSpace(line), " ", "") {
		case "Hidden=true", "X-GNOME-Autostart-enabled=false":
			return false
		}
	}
	return true
}

// Set writes or removes the entry.
func (a *autostart) Set(on bool) error {
	if a.path == "" {
		return errors.New(i18n.T("shell.autostart.unsupported"))
	}
	var err error
	if on {
		if err = os.MkdirAll(filepath.Dir(a.path), 0o755); err == nil {
			err = writeFileAtomic(a.path, []byte(a.entry()))
		}
	} else if err = os.Remove(a.path); errors.Is(err, fs.ErrNotExist) {
		err = nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", i18n.T("shell.autostart.failed", "Path", a.path), err)
	}
	return nil
}

// entry is the desktop entry's text, in English and Korean whatever the
// language Berth speaks now (the desktop picks its own).
func (a *autostart) entry() string {
	return i18n.Code(`[Desktop Entry]
Type=Application
Name=Berth
GenericName=`) + i18n.In("en", "shell.desktop.genericName") + i18n.Code(`
GenericName[ko]=`) + i18n.In("ko", "shell.desktop.genericName") + i18n.Code(`
Comment=`) + i18n.In("en", "shell.autostart.comment") + i18n.Code(`
Comment[ko]=`) + i18n.In("ko", "shell.autostart.comment") + i18n.Code(`
Exec=`) + a.exec + i18n.Code(`
Icon=io.github.berth
Terminal=false
Categories=Development;
X-GNOME-Autostart-enabled=true
`)
}

// desktopExecQuote quotes a program path for a desktop entry's Exec key.
func desktopExecQuote(s string) string {
	s = strings.ReplaceAll(s, "%", "%%")
	if !strings.ContainsAny(s, " \t\"'\\><~|&;$*?#()`") {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "`", "\\`", `$`, `\$`)
	return `"` + r.Replace(s) + `"`
}

func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), i18n.Code(".berth-*"))
	if err != nil {
		return err
	}
	if _, err = f.Write(data); err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// newAutostartCheck is the "Start Berth at login" check of the status line.
// It stays in step with the tray's "Start at login" item.
func (u *UI) newAutostartCheck() *kit.Check {
	a := u.autostart
	c := kit.NewCheck(i18n.T("shell.setting.autostart"), nil)
	c.Checked = a.Enabled()
	if !a.Supported() {
		c.Disable()
	}
	c.OnChanged = func(on bool) {
		if on == a.Enabled() {
			return
		}
		if err := u.setAutostart(on); err != nil {
			c.SetChecked(!on)
			dialog.ShowError(err, u.win)
		}
	}
	u.status.autostart = c
	return c
}

// setAutostart changes the setting, then shows it in the check and the tray.
func (u *UI) setAutostart(on bool) error {
	if err := u.autostart.Set(on); err != nil {
		return err
	}
	if c := u.status.autostart; c != nil && c.Checked != on {
		c.SetChecked(on)
	}
	if u.tray != nil {
		u.tray.autostartChanged()
	}
	return nil
}
