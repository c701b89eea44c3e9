package i18n

import (
	"bufio"
	"encoding/xml"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
)

// The desktop entry's and the AppStream metainfo's words are the keys
// shell.desktop.* and shell.metainfo.* of the translation files, in both
// languages, so that they cannot drift from the app's own.

func TestDesktopEntryIsTranslated(t *testing.T) {
	// English: FyneApp.toml, from which `fyne package` writes the entry.
	toml, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	value := func(key string) string {
		m := regexp.MustCompile(`(?m)^\s*` + key + `\s*=\s*(.*)$`).FindSubmatch(toml)
		if m == nil {
			t.Fatalf("FyneApp.toml has no %s", key)
		}
		return strings.TrimSpace(string(m[1]))
	}
	if got, want := value("GenericName"), `"`+In("en", "shell.desktop.genericName")+`"`; got != want {
		t.Errorf("FyneApp.toml GenericName = %s, want %s (shell.desktop.genericName)", got, want)
	}
	if got, want := value("Comment"), `"`+In("en", "shell.desktop.comment")+`"`; got != want {
		t.Errorf("FyneApp.toml Comment = %s, want %s (shell.desktop.comment)", got, want)
	}
	kw := regexp.MustCompile(`"([^"]*)"`).FindAllStringSubmatch(value("Keywords"), -1)
	var words []string
	for _, m := range kw {
		words = append(words, m[1])
	}
	if got, want := strings.Join(words, ";")+";", In("en", "shell.desktop.keywords"); got != want {
		t.Errorf("FyneApp.toml Keywords = %s, want %s (shell.desktop.keywords)", got, want)
	}

	// Korean: the lines scripts/package.sh adds to the entry.
	f, err := os.Open("../../packaging/linux/io.github.berth.desktop.ko")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]string{
		"Name[ko]":        In("ko", "shell.app"),
		"GenericName[ko]": In("ko", "shell.desktop.genericName"),
		"Comment[ko]":     In("ko", "shell.desktop.comment"),
		"Keywords[ko]":    In("ko", "shell.desktop.keywords"),
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if !ok {
			t.Errorf("not a key=value line: %q", sc.Text())
			continue
		}
		w, known := want[k]
		if !known {
			t.Errorf("unexpected key %s", k)
			continue
		}
		seen[k] = true
		if v != w {
			t.Errorf("%s=%s, want %s", k, v, w)
		}
	}
	for k := range want {
		if !seen[k] {
			t.Errorf("io.github.berth.desktop.ko has no %s", k)
		}
	}
}

func TestMetainfoIsTranslated(t *testing.T) {
	f, err := os.Open("../../packaging/linux/io.github.berth.metainfo.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// The texts of summary, p and li in document order, per language.
	texts := map[string][]string{}
	d := xml.NewDecoder(f)
	var lang, text string
	in := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "summary", "p", "li":
				in, lang, text = true, "en", ""
				for _, a := range tok.Attr {
					if a.Name.Local == "lang" {
						lang = a.Value
					}
				}
			}
		case xml.CharData:
			if in {
				text += string(tok)
			}
		case xml.EndElement:
			if in {
				texts[lang] = append(texts[lang], strings.Join(strings.Fields(text), " "))
				in = false
			}
		}
	}
	keys := []string{"shell.metainfo.summary", "shell.metainfo.intro", "shell.metainfo.features",
		"shell.metainfo.feature1", "shell.metainfo.feature2", "shell.metainfo.feature3",
		"shell.metainfo.feature4", "shell.metainfo.feature5", "shell.metainfo.release"}
	for _, code := range []string{"en", "ko"} {
		got := texts[code]
		if len(got) != len(keys) {
			t.Errorf("%s: %d texts in the metainfo, want %d: %q", code, len(got), len(keys), got)
			continue
		}
		for i, k := range keys {
			if want := In(code, k); got[i] != want {
				t.Errorf("%s: metainfo text %d is %q, want %q (%s)", code, i, got[i], want, k)
			}
		}
	}
	if len(texts) != 2 {
		t.Errorf("languages in the metainfo: %d, want en and ko", len(texts))
	}
}
