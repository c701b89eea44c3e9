// Package i18n is Berth's words in the user's language: English and
// Korean, in go-i18n JSON files embedded in the binary and served through
// Fyne's lang package, so that Berth's words and Fyne's own (Cancel, OK)
// follow the same language. translations/en.json and ko.json hold the
// shared words; each feature keeps its own in translations/AREA.en.json and
// AREA.ko.json (keys prefixed "AREA."), and base.ko.json is Fyne's own in
// Korean. All the files of a language form one set of keys.
//
// The language is the system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as
// Fyne reads them) unless the user chose one in the settings. Fyne 2.7.1
// picks its translation from the environment whenever translations are
// added (Use sets LANGUAGE and adds them again) and cannot redraw built
// widgets in another language, so the shell builds its window again on a
// choice; other open windows keep their words until they open again.
//
// Every user-visible string of a package that uses it goes through T or N
// with a key of en.json; strings that are not words of a language (docker
// commands, preference keys) go through Code. i18n_test.go checks both
// files hold the same keys, and the packages' sources.
package i18n

import (
	"embed"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

//go:embed translations/*.json
var files embed.FS

// PrefKey is the preference that holds the chosen language ("" for the system's).
const PrefKey = "language"

// Language is one language Berth speaks.
type Language struct {
	Code string // "en", "ko"; "" for the system's
	Name string // in its own words
}

// Languages are the choices of the language setting, the system's first.
func Languages() []Language {
	return []Language{{"", T("settings.language.system")}, {"en", "English"}, {"ko", "한국어"}}
}

var (
	loadOnce sync.Once
	english  map[string]any // en.json, the fallback of T before Setup
	korean   atomic.Bool    // what Fyne's localizer speaks, read after each change
)

// detect notes which language Fyne's localizer chose (after load and Use,
// the only places Berth changes it), so that Current costs no lookup.
func detect() { korean.Store(lang.X("language.code", "en") == "ko") }

// load adds the translations to Fyne's bundle once.
func load() {
	loadOnce.Do(func() {
		english = map[string]any{}
		for _, name := range languageFiles("en") {
			data, _ := files.ReadFile(name)
			var m map[string]any
			if err := json.Unmarshal(data, &m); err != nil {
				fyne.LogError("reading "+name, err)
			}
			for k, v := range m {
				english[k] = v
			}
		}
		if err := lang.AddTranslationsFS(files, "translations"); err != nil {
			fyne.LogError("loading Berth's translations", err)
		}
		detect()
	})
}

// languageFiles are the paths of the translation files of language code
// ("en", "ko"): CODE.json and AREA.CODE.json under translations/, not
// base.CODE.json (Fyne's own words).
func languageFiles(code string) []string {
	entries, _ := files.ReadDir("translations")
	var names []string
	for _, e := range entries {
		n := e.Name()
		if n == code+".json" || strings.HasSuffix(n, "."+code+".json") && !strings.HasPrefix(n, "base.") {
			names = append(names, "translations/"+n)
		}
	}
	return names
}

// Setup chooses the language from the preference (the system's when unset)
// and loads the translations. Call it before building any widget.
func Setup(p fyne.Preferences) {
	code := ""
	if p != nil {
		code = p.String(PrefKey)
	}
	Use(code)
}

// Use switches to language code ("" for the system's): what T and N
// return from now on, and Fyne's own words. Widgets already built keep
// theirs.
func Use(code string) {
	load()
	if code != "" {
		forceLanguage(code)
	} else if saved, ok := os.LookupEnv("BERTH_SYSTEM_LANGUAGE"); ok {
		// Back to the system's after a choice earlier in this process (tests).
		os.Setenv("LANGUAGE", saved)
		os.Unsetenv("BERTH_SYSTEM_LANGUAGE")
	}
	// Adding translations is what makes Fyne choose its localizer again.
	data, _ := files.ReadFile("translations/en.json")
	_ = lang.AddTranslationsForLocale(data, "en")
	detect()
}

// forceLanguage makes Fyne's locale lookup (go-locale) answer code: it
// reads LANGUAGE unless the locale is C or POSIX.
func forceLanguage(code string) {
	if _, ok := os.LookupEnv("BERTH_SYSTEM_LANGUAGE"); !ok {
		os.Setenv("BERTH_SYSTEM_LANGUAGE", os.Getenv("LANGUAGE"))
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			if s == "C" || s == "POSIX" {
				os.Setenv(v, "C.UTF-8")
			}
			break
		}
	}
	os.Setenv("LANGUAGE", code)
}

// Current is the language T speaks now: "en" or "ko".
func Current() string {
	load()
	if korean.Load() {
		return "ko"
	}
	return "en"
}

// data makes go-i18n's template data from name, value pairs.
func data(args []any) map[string]any {
	if len(args) == 0 {
		return nil
	}
	m := make(map[string]any, len(args)/2+1)
	for i := 0; i+1 < len(args); i += 2 {
		if k, ok := args[i].(string); ok {
			m[k] = args[i+1]
		}
	}
	return m
}

// T is the text of key in the current language, filled from name, value
// pairs: T("activity.stopped", "Name", "webserver").
func T(key string, args ...any) string {
	load()
	fallback, _ := english[key].(string)
	if fallback == "" {
		fallback = key
	}
	d := data(args)
	if d == nil {
		return lang.X(key, fallback)
	}
	return lang.X(key, fallback, d)
}

// N is the plural text of key for count n ({{.Count}} in the text), filled
// from name, value pairs like T's.
func N(key string, n int, args ...any) string {
	load()
	fallback := key
	if m, ok := english[key].(map[string]any); ok {
		if s, ok := m["other"].(string); ok {
			fallback = s
		}
	}
	d := data(args)
	if d == nil {
		d = map[string]any{}
	}
	d["Count"] = n
	return lang.XN(key, fallback, n, d)
}

// Code marks s as not a word of any language (a docker command, a
// preference key): it is shown or used as it is.
func Code(s string) string { return s }

// Join joins words with the language's list separator.
func Join(words []string) string { return strings.Join(words, T("list.separator")) }

// In is the text of key in language code ("en", "ko") whatever the
// current language, as written in its files (no template filled): for
// files that carry every language at once (desktop entries). It is key
// when the language has no such text.
func In(code, key string) string {
	for _, name := range languageFiles(code) {
		data, _ := files.ReadFile(name)
		var m map[string]any
		if json.Unmarshal(data, &m) == nil {
			if s, ok := m[key].(string); ok {
				return s
			}
		}
	}
	return key
}
