package i18n

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// notWords are the packages under gui/ that show the user no words of
// their own; every other package (gui/ itself, each feature, packages added
// later) must take every user-visible string from the translation files.
var notWords = map[string]string{
	"kit/kittest":    "test helpers",
	"logs/linestore": "its errors are typed; gui/logs words them (patternProblem)",
	"i18n":           "environment names and paths; the languages' names are their own words",
}

// translated are the directories of the packages checked: gui/ and every
// package below it but notWords and testdata.
func translated(t *testing.T) []string {
	t.Helper()
	dirs := []string{".."}
	err := filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() || path == ".." {
			return err
		}
		rel, _ := filepath.Rel("..", path)
		if d.Name() == "testdata" || notWords[filepath.ToSlash(rel)] != "" {
			return filepath.SkipDir
		}
		if go_, _ := filepath.Glob(filepath.Join(path, "*.go")); len(go_) > 0 {
			dirs = append(dirs, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 20 {
		t.Fatalf("only %d packages under gui/: %v", len(dirs), dirs)
	}
	return dirs
}

// readFiles is every key of language code ("en", "ko"), from all its
// files; a key in two files fails.
func readFiles(t *testing.T, code string) map[string]any {
	t.Helper()
	all := map[string]any{}
	from := map[string]string{}
	for _, name := range languageFiles(code) {
		data, err := files.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k, v := range m {
			if f, dup := from[k]; dup {
				t.Errorf("key %q is in both %s and %s", k, f, name)
			}
			from[k] = name
			all[k] = v
		}
	}
	if len(all) == 0 {
		t.Fatalf("no translation files for %q", code)
	}
	return all
}

// TestSameKeys fails when a key of one language is missing from the other,
// or a plural lacks the forms its language needs (English: one and other;
// Korean: other).
func TestSameKeys(t *testing.T) {
	en, ko := readFiles(t, "en"), readFiles(t, "ko")
	for k, v := range en {
		kv, ok := ko[k]
		if !ok {
			t.Errorf("ko.json has no %q (en: %v)", k, v)
			continue
		}
		switch v := v.(type) {
		case string:
			if _, ok := kv.(string); !ok {
				t.Errorf("%q is a text in en.json but not in ko.json", k)
			}
			if v == "" {
				t.Errorf("en.json: %q is empty", k)
			}
		case map[string]any:
			km, ok := kv.(map[string]any)
			if !ok {
				t.Errorf("%q is a plural in en.json but not in ko.json", k)
				continue
			}
			if v["one"] == nil || v["other"] == nil {
				t.Errorf("en.json: plural %q needs one and other", k)
			}
			if km["other"] == nil {
				t.Errorf("ko.json: plural %q needs other", k)
			}
		}
	}
	for k := range ko {
		if _, ok := en[k]; !ok {
			t.Errorf("en.json has no %q", k)
		}
	}
}

func TestKoreanAndEnglish(t *testing.T) {
	t.Cleanup(func() { Use("en") })
	Use("en")
	if got := T("activity.what.stop", "Name", "webserver"); got != "Stopped webserver" {
		t.Errorf("en: %q", got)
	}
	if got := N("activity.count", 1); got != "1 action" {
		t.Errorf("en plural one: %q", got)
	}
	if got := N("activity.count", 3); got != "3 actions" {
		t.Errorf("en plural other: %q", got)
	}
	Use("ko")
	if Current() != "ko" {
		t.Fatalf("Current() = %q after Use(ko)", Current())
	}
	if got := T("activity.what.stop", "Name", "webserver"); got != "webserver 중지함" {
		t.Errorf("ko: %q", got)
	}
	if got := N("activity.count", 1); got != "작업 1개" {
		t.Errorf("ko plural: %q", got)
	}
	if got := T("activity.seconds.tenths", "N", 0.42); got != "0.4초" {
		t.Errorf("ko seconds: %q", got)
	}
	Use("en")
	if Current() != "en" {
		t.Fatalf("Current() = %q after Use(en)", Current())
	}
}

var verbs = regexp.MustCompile(`%[-+# 0-9.*]*[a-zA-Z]`)

// notShown are the calls whose string arguments are never shown: names of
// the environment, prefixes looked for, patterns, paths, addresses, time
// layouts. (A package's functions, or a method's name with "." before it.)
var notShown = map[string]bool{
	"os.Getenv": true, "os.LookupEnv": true, "os.Setenv": true, "os.Unsetenv": true,
	"strings.HasPrefix": true, "strings.HasSuffix": true, "strings.TrimPrefix": true,
	"strings.TrimSuffix": true, "strings.CutPrefix": true, "strings.CutSuffix": true,
	"strings.Contains": true, "strings.ContainsAny": true, "strings.Index": true,
	"strings.LastIndex": true, "strings.Split": true, "strings.SplitN": true, "strings.Cut": true,
	"strings.Fields": true, "strings.Trim": true, "strings.EqualFold": true, "strings.Count": true,
	"bytes.HasPrefix": true, "bytes.Contains": true,
	"regexp.MustCompile": true, "regexp.Compile": true, "regexp.MatchString": true,
	"filepath.Join": true, "filepath.Glob": true, "path.Join": true,
	"exec.Command": true, "exec.CommandContext": true, "exec.LookPath": true,
	"net.Listen": true, "net.ListenPacket": true, "net.Dial": true,
	"time.Parse": true, "time.ParseInLocation": true, ".Format": true,
	"fyne.MeasureText": true, "dbus.ObjectPath": true, "dbus.WithMatchSender": true,
	"dbus.WithMatchMember": true, "dbus.WithMatchInterface": true,
}

func noWords(fun ast.Expr) bool {
	sel, ok := fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if x, ok := sel.X.(*ast.Ident); ok && notShown[x.Name+"."+sel.Sel.Name] {
		return true
	}
	return notShown["."+sel.Sel.Name]
}

// isWords reports whether a string literal holds words a user could read
// (a letter outside format verbs).
func isWords(s string) bool {
	if utf8.RuneCountInString(s) < 2 || strings.HasPrefix(s, "\x1b") {
		return false // a key's letter, an escape sequence
	}
	s = verbs.ReplaceAllString(s, "")
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// TestNoUntranslatedStrings fails when a string literal with words in a
// translated package does not go through T, N, In (then its key must be in
// en.json) or Code. Literals that are only compared (switch labels, ==
// and !=), map keys looked up, the arguments of calls that never show them
// (notShown), single characters and escape sequences pass.
func TestNoUntranslatedStrings(t *testing.T) {
	en := readFiles(t, "en")
	for _, dir := range translated(t) {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		if len(paths) == 0 {
			if _, err := os.Stat(dir); err == nil {
				t.Errorf("%s has no Go files", dir)
			}
			continue
		}
		for _, p := range paths {
			if strings.HasSuffix(p, "_test.go") {
				continue
			}
			checkFile(t, p, en)
		}
	}
}

func checkFile(t *testing.T, path string, en map[string]any) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[*ast.BasicLit]bool{}
	for _, imp := range f.Imports {
		allowed[imp.Path] = true
	}
	self := f.Name.Name == "i18n"
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			if n.Tag != nil {
				allowed[n.Tag] = true
			}
		case *ast.IndexExpr:
			// A map's key looked up (a label's name), never shown.
			if lit, ok := n.Index.(*ast.BasicLit); ok {
				allowed[lit] = true
			}
		case *ast.CaseClause:
			// Switch labels are compared, never shown.
			for _, e := range n.List {
				if lit, ok := e.(*ast.BasicLit); ok {
					allowed[lit] = true
				}
			}
		case *ast.BinaryExpr:
			if n.Op == token.EQL || n.Op == token.NEQ {
				for _, e := range []ast.Expr{n.X, n.Y} {
					if lit, ok := e.(*ast.BasicLit); ok {
						allowed[lit] = true
					}
				}
			}
		case *ast.CallExpr:
			fn := ""
			switch f := n.Fun.(type) {
			case *ast.SelectorExpr:
				if x, ok := f.X.(*ast.Ident); ok && x.Name == "i18n" {
					fn = f.Sel.Name
				}
			case *ast.Ident:
				if self {
					fn = f.Name
				}
			}
			if noWords(n.Fun) {
				for _, a := range n.Args {
					if lit, ok := a.(*ast.BasicLit); ok {
						allowed[lit] = true
					}
				}
				return true
			}
			keyArg := 0 // T("key", ...), N("key", n, ...)
			switch fn {
			case "T", "N":
			case "In": // In("ko", "key")
				keyArg = 1
			case "Code":
				keyArg = -1
			default:
				return true
			}
			for i, a := range n.Args {
				lit, ok := a.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				allowed[lit] = true
				if i == keyArg {
					key, _ := strconv.Unquote(lit.Value)
					if _, ok := en[key]; !ok {
						t.Errorf("%s: key %q is not in en.json", fset.Position(lit.Pos()), key)
					}
				}
			}
		}
		return true
	})
	var bad []string
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING || allowed[lit] {
			return true
		}
		s, _ := strconv.Unquote(lit.Value)
		if isWords(s) {
			bad = append(bad, fmt.Sprintf("%s: %s", fset.Position(lit.Pos()), lit.Value))
		}
		return true
	})
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("not translated (use i18n.T, or i18n.Code for what is no language): %s", b)
	}
}
