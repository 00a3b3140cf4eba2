package locale

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func catalog(t *testing.T, files map[string]string) *Catalog {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	c, ps, err := Load(fsys, "locales")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) > 0 {
		t.Fatalf("problems:\n%v", ps)
	}
	return c
}

var files = map[string]string{
	"de.toml": `
[language]
name = "Deutsch"
[form]
title = "Antrag"
note = "Nur auf Deutsch"
[common.page]
description = "footer"
other = "Seite {{.Page}} von {{.Pages}}"
[docs]
count.one = "{{.Count}} Dokument"
count.other = "{{.Count}} Dokumente"
`,
	"uk.toml": `
[language]
name = "Українська"
[form]
title = "Заява"
[common.page]
other = "Сторінка {{.Page}} з {{.Pages}}"
[docs.count]
one = "{{.Count}} документ"
few = "{{.Count}} документи"
many = "{{.Count}} документів"
other = "{{.Count}} документа"
`,
	"ar.toml": `
[form]
title = "طلب"
`,
	"fa-AF.toml": `
[form]
title = "درخواست"
`,
	"ku.toml": `
[form]
title = "Serlêdan"
`,
}

func TestMatch(t *testing.T) {
	c := catalog(t, files)
	tests := []struct {
		tag, want string
	}{
		{"de", "de"}, {"uk", "uk"}, {"UK", "uk"}, {"ar", "ar"},
		{"fa-AF", "fa-AF"}, {"fa-af", "fa-AF"}, {"prs", "fa-AF"}, {"kmr", "ku"}, {"ku", "ku"},
		// never a neighbour: no ru file, so no match even though uk is close
		{"ru", ""}, {"ckb", ""}, {"fa", ""}, {"de-DE", ""}, {"xx-invalid-", ""},
	}
	for _, tt := range tests {
		l, err := c.Match(tt.tag)
		switch {
		case tt.want == "":
			var ue *UnknownLocaleError
			if !errors.As(err, &ue) {
				t.Errorf("Match(%q) = %v, %v; want an UnknownLocaleError", tt.tag, l, err)
			} else if !strings.Contains(err.Error(), "de, ar, fa-AF, ku, uk") {
				t.Errorf("Match(%q) error %q does not list the tags", tt.tag, err)
			}
		case err != nil || l.Tag != tt.want:
			t.Errorf("Match(%q) = %v, %v; want %s", tt.tag, l, err, tt.want)
		}
	}
}

func TestLocaleFacts(t *testing.T) {
	c := catalog(t, files)
	for _, tt := range []struct {
		tag, name, script string
		rtl               bool
	}{
		{"de", "Deutsch", "Latn", false},
		{"uk", "Українська", "Cyrl", false},
		{"ar", "العربية", "Arab", true},
		{"fa-AF", "", "Arab", true},
		{"ku", "", "Latn", false},
	} {
		l := c.Get(tt.tag)
		if l.Script != tt.script || l.RTL != tt.rtl || (tt.name != "" && l.Name != tt.name) {
			t.Errorf("%s: name %q script %s rtl %v; want %q %s %v", tt.tag, l.Name, l.Script, l.RTL, tt.name, tt.script, tt.rtl)
		}
	}
	if got := c.Complete(c.Get("ar")); got <= 0 || got >= 1 {
		t.Errorf("Complete(ar) = %v, want a share between 0 and 1", got)
	}
}

func TestFallbackToGerman(t *testing.T) {
	c := catalog(t, files)
	tx := c.Texts(c.Get("ar"))
	got, err := tx.Translation("form.note", nil)
	if err != nil || got != "Nur auf Deutsch" {
		t.Errorf("Translation(form.note) in ar = %q, %v; want the German text", got, err)
	}
	got, _ = tx.Translation("form.title", nil)
	if got != "طلب" {
		t.Errorf("Translation(form.title) in ar = %q", got)
	}
	if m := tx.Missing(); len(m) != 1 || m[0] != "form.note" {
		t.Errorf("Missing() = %v, want [form.note]", m)
	}
	if _, err := tx.German("form.nothing", nil); err == nil || !strings.Contains(err.Error(), `"form.nothing" has no German text`) {
		t.Errorf("German(unknown id) err = %v", err)
	}
}

func TestPlaceholdersAndPlurals(t *testing.T) {
	c := catalog(t, files)
	uk := c.Texts(c.Get("uk"))
	got, err := uk.Translation("common.page", Data{"Page": "1", "Pages": "3"})
	if err != nil || got != "Сторінка 1 з 3" {
		t.Errorf("page = %q, %v", got, err)
	}
	for n, want := range map[int]string{1: "1 документ", 3: "3 документи", 5: "5 документів", 21: "21 документ"} {
		got, err := uk.TranslationCount("docs.count", n, Data{"Count": strconv.Itoa(n)})
		if err != nil || got != want {
			t.Errorf("TranslationCount(%d) = %q, %v; want %q", n, got, err, want)
		}
	}
	de, _ := uk.GermanCount("docs.count", 2, Data{"Count": "2"})
	if de != "2 Dokumente" {
		t.Errorf("GermanCount(2) = %q", de)
	}
	// data a message does not name is not printed
	got, _ = uk.German("form.title", Data{"Secret": "x"})
	if got != "Antrag" {
		t.Errorf("German(form.title) = %q", got)
	}
}

func TestLoadProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"de.toml": {Data: []byte("[a]\nb = \"x\"\n")},
		"uk.toml": {Data: []byte("[a]\nb = \n")},
		"1x.toml": {Data: []byte("")},
		"EN.toml": {Data: []byte("")},
		"ru.toml": {Data: []byte("[a.b]\ndescription = \"only a description\"\n")},
	}
	_, ps, err := Load(fsys, "locales")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Error())
	}
	want := []string{
		`locales/1x.toml: file name "1x" is not a BCP 47 language tag`,
		`locales/EN.toml: file name "EN" is not in canonical form: name it en.toml`,
		`locales/ru.toml:1: message "a.b" has no text (other)`,
		`locales/uk.toml:2:5: toml: `,
	}
	if len(got) != len(want) {
		t.Fatalf("problems =\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want prefix %q", i, got[i], want[i])
		}
	}
}

func TestPlurals(t *testing.T) {
	for tag, want := range map[string]string{
		"de": "one other",
		"en": "one other",
		"uk": "one few many other",
		"ru": "one few many other",
		"ar": "zero one two few many other",
		"fr": "one many other",
		"tr": "one other",
	} {
		if got := strings.Join(Plurals(tag), " "); got != want {
			t.Errorf("Plurals(%s) = %s, want %s", tag, got, want)
		}
	}
	if got := PluralExample("uk", "few"); got != "2" {
		t.Errorf("a count for uk few: %s", got)
	}
}

func TestSourceHash(t *testing.T) {
	base := &Entry{Description: "d", Forms: map[string]string{"one": "1 Datei", "other": "{{.N}} Dateien"}}
	h := SourceHash(base)
	for name, e := range map[string]*Entry{
		"one":         {Description: "d", Forms: map[string]string{"one": "eine Datei", "other": "{{.N}} Dateien"}},
		"other":       {Description: "d", Forms: map[string]string{"one": "1 Datei", "other": "{{.N}} Akten"}},
		"description": {Description: "e", Forms: map[string]string{"one": "1 Datei", "other": "{{.N}} Dateien"}},
		"a form more": {Description: "d", Forms: map[string]string{"zero": "", "one": "1 Datei", "other": "{{.N}} Dateien"}},
	} {
		if SourceHash(e) == h {
			t.Errorf("a change of %s keeps the hash", name)
		}
	}
	same := &Entry{Description: "d", Forms: map[string]string{"other": "{{.N}} Dateien", "one": "1 Datei"}}
	if SourceHash(same) != h {
		t.Error("the same message hashes differently")
	}
}

// TestLoadRefusesUnsafeMessages: a message may hold text and {{.name}}
// placeholders only, and only those its German has. Anything else is a
// problem with file and line, and the message is never run: the German
// is printed in its place.
func TestLoadRefusesUnsafeMessages(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"{{range 2000000}}ab {{end}}", "a message may only hold text and placeholders"},
		{"{{if .Page}}x{{end}}", "a message may only hold text and placeholders"},
		{"{{printf \"%0999999d\" 1}}", "a message may only hold text and placeholders"},
		{"{{.Page | len}}", "a message may only hold text and placeholders"},
		{"{{$x := .Page}}", "a message may only hold text and placeholders"},
		{"{{.Page.Sub}}", "a message may only hold text and placeholders"},
		{"{{template \"m\"}}", "a message may only hold text and placeholders"},
		{"{{define \"x\"}}y{{end}}", "a message may only hold text and placeholders"},
		{"Сторінка {{.Page", "invalid template"},
		{"Сторінка {{.Name}}", "prints {{.Name}}, which its German does not have (it has {{.Page}}, {{.Pages}})"},
		{strings.Repeat("а", MaxMessage+1), "longer than"},
	} {
		fsys := fstest.MapFS{
			"de.toml": {Data: []byte("[common.page]\nother = \"Seite {{.Page}} von {{.Pages}}\"\n")},
			"uk.toml": {Data: []byte("[common.page]\nother = " + strconv.Quote(c.text) + "\n")},
		}
		cat, ps, err := Load(fsys, "locales")
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 || ps[0].File != "locales/uk.toml" || ps[0].Line != 1 || !strings.Contains(ps[0].Msg, c.want) {
			t.Errorf("%.40q: problems %v, want one at locales/uk.toml:1 with %q", c.text, ps, c.want)
			continue
		}
		uk := cat.Get("uk")
		if uk.Entries["common.page"] != nil {
			t.Errorf("%.40q: the message was kept", c.text)
		}
		got, err := cat.Texts(uk).Translation("common.page", Data{"Page": "1", "Pages": "2"})
		if err != nil || got != "Seite 1 von 2" {
			t.Errorf("%.40q: Translation = %q, %v; want the German", c.text, got, err)
		}
	}
}

// TestTextsNoValue: a message is never printed with a placeholder it was
// given no value for ("<no value>").
func TestTextsNoValue(t *testing.T) {
	c := catalog(t, files)
	uk := c.Texts(c.Get("uk"))
	if s, err := uk.German("common.page", Data{"Page": "1"}); err == nil {
		t.Errorf("German without Pages = %q, want an error", s)
	}
	if s, err := uk.Translation("common.page", Data{"Pages": "1"}); err == nil || !strings.Contains(err.Error(), "{{.Page}}") {
		t.Errorf("Translation without Page = %q, %v; want an error naming {{.Page}}", s, err)
	}
	if s, err := uk.Translation("common.page", Data{"Page": "1", "Pages": "2"}); err != nil || strings.Contains(s, "no value") {
		t.Errorf("Translation = %q, %v", s, err)
	}
}
