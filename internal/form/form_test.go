package form

import (
	"strings"
	"testing"

	"formgen/internal/problem"
	"formgen/internal/testtool"
)

const good = `id = "demo"
version = "1.0"
date = 2026-01-31

[[section]]
id = "person"

  [[section.field]]
  id = "name"
  type = "text"
  width = 6
  required = true

  [[section.field]]
  id = "status"
  type = "choice"
  options = ["single", "married"]

  [[section.field]]
  id = "family"
  type = "table"
  rows = 3
  columns = [{ id = "name", width = 3 }, { id = "born", width = 2 }]
`

func TestParseGood(t *testing.T) {
	f, ps := Parse("forms/demo.toml", []byte(good))
	if len(ps) > 0 {
		t.Fatalf("Parse(good) problems:\n%v", ps)
	}
	if f.ID != "demo" || f.Version != "1.0" || f.Date.Format("2006-01-02") != "2026-01-31" {
		t.Errorf("header = %q %q %v", f.ID, f.Version, f.Date)
	}
	_, name := f.Field("name")
	if name == nil || name.Width != 6 || !name.Required || name.Type != Text {
		t.Errorf("field name = %+v", name)
	}
	_, fam := f.Field("family")
	if fam == nil || fam.Rows != 3 || len(fam.Columns) != 2 || fam.Columns[1].Width != 2 {
		t.Errorf("field family = %+v", fam)
	}
	var ids []string
	for _, m := range f.Messages() {
		ids = append(ids, m.ID)
	}
	want := []string{
		"demo.title", "demo.person.title", "demo.person.name.label",
		"demo.person.status.label", "demo.person.status.options.single", "demo.person.status.options.married",
		"demo.person.family.label", "demo.person.family.columns.name", "demo.person.family.columns.born",
	}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("Messages() =\n%v, want\n%v", ids, want)
	}
}

// TestParseProblems: every problem of a file is reported at once, with
// its line and column.
func TestParseProblems(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // "line:col: text" of each problem, in order
	}{
		{
			name: "syntax",
			src:  "id = \"demo\"\nversion = 1.0.0\n",
			want: []string{"2:"},
		},
		{
			name: "everything wrong at once",
			src: `id = "demo"
version = 2
date = "yesterday"
colour = "blue"

[[section]]
id = "person"

  [[section.field]]
  id = "name"
  type = "txt"

  [[section.field]]
  id = "name"
  type = "text"
  width = 13
  lines = 3

  [[section.field]]
  id = "status"
  type = "choice"

  [[section.field]]
  id = "Bad-Id"
  type = "checkbox"
  required = "yes"

[[section]]
id = "person"

  [[section.field]]
  id = "other"
  type = "table"
`,
			want: []string{
				`2:1: form: version must be a string, not an integer`,
				`3:1: form: date must be a date such as 2026-01-31, not a string`,
				`4:1: form: unknown key "colour"`,
				`11:3: section "person", field "name": unknown field type "txt"`,
				`14:3: section "person", field "name": duplicate field id`,
				`16:3: section "person", field "name": width is 13, must be from 1 to 12`,
				`17:3: section "person", field "name": unknown key "lines" for a text field`,
				`19:3: section "person", field "status": a choice needs options`,
				`24:3: section "person", field 4: id "Bad-Id" must be lower case`,
				`26:3: section "person", field 4: required must be true or false, not a string`,
				`29:1: section "person": duplicate section id (also section 1)`,
				`31:3: section "person", field 1: a table needs columns`,
				`32:3: section "person", field 1: id "other" is a word go-i18n reserves`,
			},
		},
		{
			name: "page-break rules",
			src: `id = "demo"
version = "1"
date = 2026-01-01

[[section]]
id = "person"

  [[section.field]]
  id = "details"
  type = "multiline"
  follows = ["nothing"]

  [[section.field]]
  id = "sign"
  type = "signature"

  [[section.field]]
  id = "sign2"
  type = "signature"
  confirms = "elsewhere"
`,
			want: []string{
				`11:3: section "person", field "details": follows: no other field "nothing" in this form`,
				`13:3: section "person", field "sign": confirms is missing`,
				`20:3: section "person", field "sign2": confirms: no section "elsewhere" in this form`,
			},
		},
		{
			name: "file name",
			src:  "id = \"other_form\"\nversion = \"1\"\ndate = 2026-01-01\n[[section]]\nid = \"s\"\n[[section.field]]\nid = \"x\"\ntype = \"text\"\n",
			want: []string{`1:1: form: id "other_form" does not match the file name (want "demo")`},
		},
		{
			name: "no sections",
			src:  "id = \"demo\"\nversion = \"1\"\ndate = 2026-01-01\n",
			want: []string{`form: no [[section]] given`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ps := Parse("forms/demo.toml", []byte(tt.src))
			if f != nil {
				t.Errorf("Parse returned a form despite problems")
			}
			if len(ps) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(ps), len(tt.want), ps)
			}
			for i, w := range tt.want {
				if got := ps[i].Error(); !strings.Contains(got, w) || !strings.HasPrefix(got, "forms/demo.toml") {
					t.Errorf("problem %d = %q, want it to contain %q", i, got, w)
				}
			}
		})
	}
}

// The convention was renamed once: a table field key in typeKeys not
// checked here would be accepted silently.
func TestTypeKeysCoverTypes(t *testing.T) {
	for _, ty := range Types {
		if _, ok := typeKeys[ty]; !ok {
			t.Errorf("type %s has no entry in typeKeys", ty)
		}
	}
}

func TestCheckMessages(t *testing.T) {
	f, ps := Parse("forms/demo.toml", []byte(good))
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	have := map[string]bool{"demo.title": true, "demo.person.title": true}
	probs := f.CheckMessages("locales/de.toml", func(id string) bool { return have[id] })
	if len(probs) != 7 {
		t.Fatalf("got %d problems, want 7:\n%v", len(probs), problem.Problems(probs))
	}
	if got := probs[0].Error(); got != `forms/demo.toml:8: section "person", field "name": message "demo.person.name.label" has no German text in locales/de.toml` {
		t.Errorf("first problem = %q", got)
	}
}

// TestShippedForms: the forms in forms/ are valid.
func TestShippedForms(t *testing.T) {
	set, ps, err := LoadAll(testtool.Shipped(t, "forms"), "forms")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) > 0 {
		t.Fatalf("shipped forms have problems:\n%v", ps)
	}
	if len(set.Forms) < 4 {
		t.Errorf("got %d forms, want at least 4", len(set.Forms))
	}
	f := set.Get("aufenthaltstitel")
	if f == nil {
		t.Fatal("no residence permit form")
	}
	fields := 0
	for _, s := range f.Sections {
		for _, fl := range s.Fields {
			if fl.Type != Paragraph && fl.Type != Heading {
				fields++
			}
		}
	}
	if len(f.Sections) < 6 || fields < 35 {
		t.Errorf("residence permit form has %d sections and %d fields, want at least 6 and 35", len(f.Sections), fields)
	}
}
