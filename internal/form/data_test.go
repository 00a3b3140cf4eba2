package form

import (
	"errors"
	"strings"
	"testing"
	"time"

	"formgen/internal/data"
	"formgen/internal/problem"
)

const dataForm = `id = "demo"
version = "1"
date = 2026-01-01

[[section]]
id = "person"

  [[section.field]]
  id = "name"
  type = "text"
  data_required = true
  maxlength = 10

  [[section.field]]
  id = "passport"
  type = "text"
  pattern = "[A-Z0-9]{6,9}"

  [[section.field]]
  id = "born"
  type = "date"
  min = 1900-01-01
  max = "today"

  [[section.field]]
  id = "height"
  type = "number"
  digits = 3
  min = 50
  max = 250

  [[section.field]]
  id = "postcode"
  type = "number"
  digits = 5

  [[section.field]]
  id = "status"
  type = "choice"
  options = ["single", "married"]

  [[section.field]]
  id = "spouse"
  type = "text"
  data_required = true
  when = { field = "status", is = ["married"] }

  [[section.field]]
  id = "langs"
  type = "choice"
  multiple = true
  options = ["de", "ar", "en"]

  [[section.field]]
  id = "agree"
  type = "checkbox"

  [[section.field]]
  id = "kids"
  type = "table"
  rows = 2
  columns = [{ id = "name" }, { id = "born", type = "date" }]

  [[section.field]]
  id = "sign"
  type = "signature"
  confirms = "person"

[[section]]
id = "extra"
when = { field = "agree", checked = true }

  [[section.field]]
  id = "note"
  type = "multiline"
`

var today = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

func TestPrefill(t *testing.T) {
	f, ps := Parse("forms/demo.toml", []byte(dataForm))
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	tests := []struct {
		name string
		toml string
		want []string // "path: kind" of each problem, in order; none for good data
	}{
		{"minimal", `name = "Ali"`, nil},
		{"everything good", `
name = { latin = "Haddad", original = "حداد" }
passport = "N0123456"
born = 1990-03-12
height = 178
postcode = "06886"
status = "married"
spouse = "Haddad, Lina"
langs = ["ar", "de"]
agree = true
note = "Zwei Zeilen\nText"
sign = { place = "Wittenberg", date = "20.11.2026" }
kids = [{ name = "Adam", born = "2017-08-23" }, { name = "Maya" }]`, nil},
		{"required missing", `passport = "N0123456"`, []string{"name: required"}},
		{"empty counts as missing", `name = "  "`, []string{"name: required"}},
		{"unknown key", "name = \"A\"\nnickname = \"x\"", []string{"nickname: no such field"}},
		{"too long", `name = "Abcdefghijkl"`, []string{"name: longer than 10 characters"}},
		{"pattern", "name = \"A\"\npassport = \"n-123\"", []string{"passport: does not have the form"}},
		{"not Latin", `name = "عمر"`, []string{"name: not in Latin script"}},
		{"Latin with diacritics", `name = "Çağrı Ñúñ"`, nil},
		{"no such date", "name = \"A\"\nborn = \"31.02.1990\"", []string{"born: not a date that exists"}},
		{"not a date", "name = \"A\"\nborn = \"gestern\"", []string{"born: not a date (write"}},
		{"date too early", "name = \"A\"\nborn = 1850-01-01", []string{"born: before the earliest date"}},
		{"date in the future", "name = \"A\"\nborn = 2027-01-01", []string{"born: in the future"}},
		{"number range", "name = \"A\"\nheight = 12", []string{"height: less than 50"}},
		{"number not a number", "name = \"A\"\nheight = \"tall\"", []string{"height: not a whole number"}},
		{"too many digits", "name = \"A\"\npostcode = \"123456\"", []string{"postcode: does not fit in 5 digit boxes"}},
		{"not an option", "name = \"A\"\nstatus = \"widowed\"", []string{"status: not an option of this field (options: single, married)"}},
		{"not options", "name = \"A\"\nlangs = [\"de\", \"xx\"]", []string{"langs[2]: not an option"}},
		{"checkbox type", "name = \"A\"\nagree = \"yes\"", []string{"agree: must be true or false, not text"}},
		{"too many rows", "name = \"A\"\nkids = [{name = \"a\"}, {name = \"b\"}, {name = \"c\"}]", []string{"kids: 3 rows given, the form has room for 2"}},
		{"bad cell", "name = \"A\"\nkids = [{name = \"a\"}, {name = \"b\", born = \"2020-13-01\"}]", []string{"kids[2].born: not a date that exists"}},
		{"unknown column", "name = \"A\"\nkids = [{name = \"a\", age = 3}]", []string{"kids[1].age: no such field"}},
		{"condition hides a given field", "name = \"A\"\nstatus = \"single\"\nspouse = \"B\"", []string{"spouse: given, but the form leaves this field out for the answer to status"}},
		{"condition requires a field", "name = \"A\"\nstatus = \"married\"", []string{"spouse: required in a pre-filled copy"}},
		{"section hidden", "name = \"A\"\nnote = \"x\"", []string{"note: given, but the form leaves this field out for the answer to agree"}},
		{"all at once", "nickname = 1\nborn = \"31.02.1990\"\nheight = 300", []string{
			"born: not a date that exists", "height: more than 250", "name: required", "nickname: no such field"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := data.Decode("person.toml", strings.NewReader(tt.toml))
			if err != nil {
				t.Fatal(err)
			}
			rec, err := f.Prefill("person.toml", raw, today)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Prefill: %v", err)
				}
				if rec == nil {
					t.Fatal("no record")
				}
				return
			}
			var ps problem.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Prefill err = %v, want problem.Problems", err)
			}
			if len(ps) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(ps), len(tt.want), err)
			}
			for i, w := range tt.want {
				if got := ps[i].Field + ": " + ps[i].Msg; !strings.HasPrefix(got, w) {
					t.Errorf("problem %d = %q, want it to start with %q", i, got, w)
				}
			}
		})
	}
}

// TestPrefillKeepsDataOutOfErrors: problems name the field and the kind of
// problem, never the value given.
func TestPrefillKeepsDataOutOfErrors(t *testing.T) {
	f := parseDemo(t)
	secret := "Geheimname-Müller-Ahmadi"
	raw, err := data.Decode("p.toml", strings.NewReader(`name = "`+secret+`"
passport = "`+secret+`"
status = "`+secret+`"
born = "`+secret+`"
height = "`+secret+`"
agree = "`+secret+`"`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.Prefill("p.toml", raw, today)
	if err == nil {
		t.Fatal("no error")
	}
	if strings.Contains(err.Error(), "Geheimname") {
		t.Errorf("error shows the data:\n%v", err)
	}
	_, err = data.Decode("p.toml", strings.NewReader("name = \""+secret))
	if err == nil || strings.Contains(err.Error(), "Geheimname") {
		t.Errorf("TOML error %v shows the data or is missing", err)
	}
	_, err = data.Decode("p.json", strings.NewReader(`{"name": "`+secret+`", }`))
	if err == nil || strings.Contains(err.Error(), "Geheimname") || !strings.Contains(err.Error(), "p.json:1") {
		t.Errorf("JSON error %v shows the data or has no line", err)
	}
}

func TestPrefillJSON(t *testing.T) {
	f := parseDemo(t)
	raw, err := data.Decode("p.json", strings.NewReader(`{"name": "Ali", "height": 180, "born": "1990-03-12", "langs": ["de"], "kids": [{"name": "Adam"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := f.Prefill("p.json", raw, today)
	if err != nil {
		t.Fatal(err)
	}
	if rec["height"].Number != 180 || rec["born"].Date.Year() != 1990 || len(rec["kids"].Rows) != 1 {
		t.Errorf("record = %+v", rec)
	}
}

func TestShown(t *testing.T) {
	f := parseDemo(t)
	_, spouse := f.Field("spouse")
	married := data.Record{"status": {Text: "married"}}
	single := data.Record{"status": {Text: "single"}}
	if !f.Shown(spouse.When, nil) {
		t.Error("a blank form must show every part")
	}
	if !f.Shown(spouse.When, married) || f.Shown(spouse.When, single) || f.Shown(spouse.When, data.Record{}) {
		t.Error("spouse shown wrongly")
	}
	not := &data.Condition{Field: "status", Is: []string{"single"}, Not: true}
	if f.Shown(not, single) || !f.Shown(not, married) {
		t.Error("is_not wrong")
	}
}

func TestConditionProblems(t *testing.T) {
	src := strings.Replace(dataForm, `when = { field = "status", is = ["married"] }`, `when = { field = "status", is = ["divorced"] }`, 1)
	src = strings.Replace(src, `when = { field = "agree", checked = true }`, `when = { field = "status", checked = true }`, 1)
	_, ps := Parse("forms/demo.toml", []byte(src))
	got := ps.Error()
	for _, want := range []string{
		`field "spouse": when: "divorced" is not an option of "status"`,
		`section "extra": when: checked needs a yes/no field; "status" is a choice field`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
}

// parseDemo reads the demo form, which must have no problems.
func parseDemo(t *testing.T) *Form {
	t.Helper()
	f, ps := Parse("forms/demo.toml", []byte(dataForm))
	if f == nil || len(ps) > 0 {
		t.Fatalf("demo form: %v", ps)
	}
	return f
}
