package terminal

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// keySequence is what xterm sends for a special key; app is DECCKM
// (application cursor keys, set by full-screen programs such as vi). Keys
// that type a character come through TypedRune instead: "".
func keySequence(k fyne.KeyName, app bool) string {
	cursor := func(c string) string {
		if app {
			return "\x1bO" + c
		}
		return "\x1b[" + c
	}
	switch k {
	case fyne.KeyReturn, fyne.KeyEnter:
		return "\r"
	case fyne.KeyBackspace:
		return "\x7f"
	case fyne.KeyTab:
		return "\t"
	case fyne.KeyEscape:
		return "\x1b"
	case fyne.KeyUp:
		return cursor("A")
	case fyne.KeyDown:
		return cursor("B")
	case fyne.KeyRight:
		return cursor("C")
	case fyne.KeyLeft:
		return cursor("D")
	case fyne.KeyHome:
		return cursor("H")
	case fyne.KeyEnd:
		return cursor("F")
	case fyne.KeyInsert:
		return "\x1b[2~"
	case fyne.KeyDelete:
		return "\x1b[3~"
	case fyne.KeyPageUp:
		return "\x1b[5~"
	case fyne.KeyPageDown:
		return "\x1b[6~"
	case fyne.KeyF1:
		return "\x1bOP"
	case fyne.KeyF2:
		return "\x1bOQ"
	case fyne.KeyF3:
		return "\x1bOR"
	case fyne.KeyF4:
		return "\x1bOS"
	case fyne.KeyF5:
		return "\x1b[15~"
	case fyne.KeyF6:
		return "\x1b[17~"
	case fyne.KeyF7:
		return "\x1b[18~"
	case fyne.KeyF8:
		return "\x1b[19~"
	case fyne.KeyF9:
		return "\x1b[20~"
	case fyne.KeyF10:
		return "\x1b[21~"
	case fyne.KeyF11:
		return "\x1b[23~"
	case fyne.KeyF12:
		return "\x1b[24~"
	}
	return ""
}

// shortcutSequence is the control character of a Ctrl+key the driver
// reports as a shortcut. Fyne turns Ctrl+C, Ctrl+V, Ctrl+X, Ctrl+A, Ctrl+Z
// into its own shortcuts; in a terminal they are ^C, ^V, ... for the program.
func shortcutSequence(s fyne.Shortcut) (string, bool) {
	switch s := s.(type) {
	case *fyne.ShortcutCopy:
		return "\x03", true
	case *fyne.ShortcutPaste:
		return "\x16", true
	case *fyne.ShortcutCut:
		return "\x18", true
	case *fyne.ShortcutSelectAll:
		return "\x01", true
	case *fyne.ShortcutUndo:
		return "\x1a", true
	case *fyne.ShortcutRedo:
		return "\x19", true
	case *desktop.CustomShortcut:
		if s.Modifier != fyne.KeyModifierControl {
			return "", false
		}
		return ctrlKey(s.KeyName)
	}
	return "", false
}

// ctrlKey is Ctrl+key as a C0 control character.
func ctrlKey(k fyne.KeyName) (string, bool) {
	if len(k) == 1 {
		c := k[0]
		switch {
		case c >= 'A' && c <= 'Z':
			return string(rune(c - 'A' + 1)), true
		case c >= 'a' && c <= 'z':
			return string(rune(c - 'a' + 1)), true
		}
	}
	switch k {
	case fyne.KeySpace:
		return "\x00", true
	case fyne.KeyLeftBracket:
		return "\x1b", true
	case fyne.KeyBackslash:
		return "\x1c", true
	case fyne.KeyRightBracket:
		return "\x1d", true
	}
	return "", false
}
