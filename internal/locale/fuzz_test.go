package locale

import (
	"strings"
	"testing"
	"testing/fstest"
	"text/template"

	"formgen/internal/testtool"
)

const fuzzGerman = `[common.page]
other = "Seite {{.Page}} von {{.Pages}}"
[docs.count]
one = "{{.Count}} Dokument"
other = "{{.Count}} Dokumente"
[form.title]
other = "Antrag"
`

// FuzzLoad: any locale file beside a German one loads without a panic;
// every message kept prints, with the values its German takes, a text no
// longer than the message and its values, never "<no value>".
func FuzzLoad(f *testing.F) {
	for _, src := range testtool.Seeds(f, "../../locales/uk.toml", "../../locales/ar.toml") {
		f.Add(src)
	}
	f.Add([]byte("[common.page]\nother = \"{{range 2000000}}ab {{end}}\""))
	f.Add([]byte("[common.page]\nother = \"Сторінка {{.Name}}\""))
	f.Add([]byte("[docs.count]\none = \"{{.Count}} документ\"\nfew = \"{{.Count}}\"\nmany = \"x\"\nother = \"y\""))
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{"de.toml": {Data: []byte(fuzzGerman)}, "uk.toml": {Data: src}}
		c, ps, err := Load(fsys, "locales")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if p.File != "locales/uk.toml" {
				t.Fatalf("problem of the wrong file: %v", p)
			}
		}
		uk := c.Get("uk")
		if uk == nil {
			return
		}
		tx := c.Texts(uk)
		data := Data{"Page": "1", "Pages": "2", "Count": "3"}
		for _, id := range []string{"common.page", "docs.count", "form.title"} {
			for _, n := range []int{0, 1, 2, 5, 11} {
				var s string
				var err error
				if id == "docs.count" {
					s, err = tx.TranslationCount(id, n, data)
				} else {
					s, err = tx.Translation(id, data)
				}
				if err != nil && strings.Contains(err.Error(), "has no plural form") {
					continue // a plural form missing: check reports it
				}
				if err != nil {
					t.Fatalf("%s: %v", id, err)
				}
				longest := len(fuzzGerman)
				if e := uk.Entries[id]; e != nil {
					for _, form := range e.Forms {
						longest = max(longest, len(form))
					}
				}
				if strings.Contains(s, "<no value>") || len(s) > longest+len(data)*64 {
					t.Fatalf("%s: printed %.80q", id, s)
				}
			}
		}
	})
}

// FuzzCheckMessage: a message text CheckMessage accepts runs as a Go
// template (as go-i18n runs it) without error, in one pass: its output is
// the text with each placeholder replaced, no longer.
func FuzzCheckMessage(f *testing.F) {
	for _, s := range []string{"Seite {{.Page}} von {{.Pages}}", "{{range 2000000}}ab {{end}}", "{{.Page", "{{- .Page -}}", "{{/* c */}}", "{{if .A}}{{.B}}{{end}}", "{{.A.B}}", "{{printf \"%d\" 3}}", "{{define \"x\"}}{{end}}", "{{block \"b\" .}}x{{end}}", "{{.A}}{{$x := 1}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if CheckMessage(map[string]string{"other": src}) != "" {
			return
		}
		fields, err := TemplateFields(src)
		if err != nil {
			t.Fatalf("accepted, but TemplateFields fails: %v", err)
		}
		data := map[string]string{}
		for _, n := range fields {
			data[n] = "v"
		}
		tpl, err := template.New("m").Option("missingkey=error").Parse(src)
		if err != nil {
			t.Fatalf("accepted, but text/template refuses it: %v", err)
		}
		var b strings.Builder
		if err := tpl.Execute(&b, data); err != nil {
			t.Fatalf("accepted, but it does not run: %v", err)
		}
		if b.Len() > len(src)+len(fields)*len(src) {
			t.Fatalf("%d bytes out of a %d-byte message", b.Len(), len(src))
		}
	})
}
