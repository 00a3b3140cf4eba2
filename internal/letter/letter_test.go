package letter

import (
	"strings"
	"testing"
	"testing/fstest"

	"formgen/internal/data"
)

// good is a small letter template that uses every kind of block.
const good = `id = "brief"
version = "1"
date = 2026-01-01
kind = "letter"

[fields]
recipient = { type = "name", required = true }
street = { type = "text", required = true }
postcode = { type = "text", required = true, pattern = "[0-9]{5}" }
city = { type = "text", required = true }
file_number = { type = "text", required = true }
letter_date = { type = "date", required = true }
clerk = { type = "text", required = true }
day = { type = "date", required = true }
fee = { type = "amount" }
docs = { type = "options", options = ["passport", "photo"] }
status = { type = "option", options = ["single", "married"] }
interpreter = { type = "bool" }

[[block]]
id = "hello"

[[block]]
id = "when"
type = "table"
rows = [["day", "day"]]

[[block]]
id = "bring"
type = "list"
items = "docs"

[[block]]
id = "fee"
when = { field = "fee", given = true }

[[block]]
id = "spouse"
when = { field = "status", is = ["married"] }

[[block]]
id = "help"
type = "list"
static = ["a", "b"]
when = { field = "interpreter", checked = true }
`

func TestParseGood(t *testing.T) {
	tpl, ps := Parse("templates/brief.toml", []byte(good))
	if len(ps) > 0 {
		t.Fatalf("problems:\n%v", ps)
	}
	want := []string{"brief.title", "brief.hello", "brief.when.title", "brief.when.day", "brief.bring.title", "brief.bring.passport", "brief.bring.photo", "brief.fee", "brief.spouse", "brief.help.title", "brief.help.a", "brief.help.b"}
	if got := tpl.Messages(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Messages() =\n%v\nwant\n%v", got, want)
	}
}

func TestParseProblems(t *testing.T) {
	// each case replaces one line of the good template
	for _, c := range []struct {
		name, old, new, want string
	}{
		{"unknown key", `version = "1"`, "version = \"1\"\ncolour = \"red\"", `unknown key "colour"`},
		{"id and file name", `id = "brief"`, `id = "schreiben"`, `id "schreiben" does not match the file name (want "brief")`},
		{"kind", `kind = "letter"`, `kind = "memo"`, `kind "memo": want letter or sheet`},
		{"missing letter field", `clerk = { type = "text", required = true }`, ``, `a letter needs the field clerk (type text)`},
		{"letter field type", `letter_date = { type = "date", required = true }`, `letter_date = { type = "text", required = true }`, `must be of type date in a letter`},
		{"field type", `fee = { type = "amount" }`, `fee = { type = "money" }`, `type "money": want one of`},
		{"options without options", `docs = { type = "options", options = ["passport", "photo"] }`, `docs = { type = "options" }`, `an options field needs options`},
		{"bad pattern", `pattern = "[0-9]{5}"`, `pattern = "[0-9"`, `pattern "[0-9"`},
		{"field key", `fee = { type = "amount" }`, `Fee = { type = "amount" }`, `Fee`},
		{"block type", "id = \"hello\"\n", "id = \"hello\"\ntype = \"poem\"\n", `type "poem": want paragraph, heading, list or table`},
		{"duplicate block", `id = "fee"`, `id = "hello"`, `duplicate block id`},
		{"list of no field", `items = "docs"`, `items = "fee"`, `items: "fee" is not an options field of the template`},
		{"list needs items", `items = "docs"`, ``, `a list needs items`},
		{"table row field", `rows = [["day", "day"]]`, `rows = [["day", "night"]]`, `row "day" shows "night", which is not a field`},
		{"table row shape", `rows = [["day", "day"]]`, `rows = [["day"]]`, `a row is ["label", "field"]`},
		{"when unknown field", `when = { field = "fee", given = true }`, `when = { field = "cost", given = true }`, `when: no field "cost"`},
		{"when two tests", `when = { field = "fee", given = true }`, `when = { field = "fee", given = true, checked = true }`, `when: needs exactly one of given, checked, is and is_not`},
		{"checked needs bool", `when = { field = "interpreter", checked = true }`, `when = { field = "fee", checked = true }`, `when: checked needs a yes/no field; "fee" is of type amount`},
		{"is needs option", `when = { field = "status", is = ["married"] }`, `when = { field = "fee", is = ["married"] }`, `when: is and is_not need a field of options; "fee" is of type amount`},
		{"is not an option", `is = ["married"]`, `is = ["divorced"]`, `"divorced" is not an option of "status"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(good, c.old, c.new, 1)
			if src == good {
				t.Fatalf("case does not change the template")
			}
			tpl, ps := Parse("templates/brief.toml", []byte(src))
			if tpl != nil || len(ps) == 0 {
				t.Fatalf("no problem reported")
			}
			if !strings.Contains(ps.Error(), c.want) {
				t.Errorf("problems:\n%v\nwant one containing %q", ps, c.want)
			}
			if !strings.Contains(ps.Error(), "templates/brief.toml") {
				t.Errorf("problems do not name the file:\n%v", ps)
			}
		})
	}
}

func TestCheckPlaceholders(t *testing.T) {
	tpl, ps := Parse("templates/brief.toml", []byte(good))
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	for _, c := range []struct {
		name string
		msgs map[string][]string // message id: the values its German text prints
		want string              // "" for no problem
	}{
		{"required field", map[string][]string{"brief.hello": {"recipient"}}, ""},
		{"optional field in its own block", map[string][]string{"brief.fee": {"fee"}}, ""},
		{"not a field", map[string][]string{"brief.hello": {"nobody"}}, `message "brief.hello" prints {{.nobody}}, which is not a field`},
		{"optional field unguarded", map[string][]string{"brief.hello": {"fee"}}, `prints the optional field fee`},
		{"optional field guarded by another", map[string][]string{"brief.spouse": {"fee"}}, `prints the optional field fee`},
		{"list item", map[string][]string{"brief.bring.photo": {"city"}}, ""},
		{"title", map[string][]string{"brief.title": {"interpreter"}}, `prints the optional field interpreter`},
	} {
		t.Run(c.name, func(t *testing.T) {
			ps := tpl.CheckPlaceholders(func(id string) []string { return c.msgs[id] })
			switch {
			case c.want == "" && len(ps) > 0:
				t.Errorf("unexpected problems:\n%v", ps)
			case c.want != "" && !strings.Contains(ps.Error(), c.want):
				t.Errorf("problems:\n%v\nwant one containing %q", ps, c.want)
			}
		})
	}
}

func TestAppliesAndItems(t *testing.T) {
	tpl, _ := Parse("templates/brief.toml", []byte(good))
	block := func(id string) *Block {
		for _, b := range tpl.Blocks {
			if b.ID == id {
				return b
			}
		}
		t.Fatalf("no block %q", id)
		return nil
	}
	married := data.Record{"status": {Text: "married"}, "interpreter": {Bool: true}, "fee": {Number: 100}}
	single := data.Record{"status": {Text: "single"}, "interpreter": {Bool: false}}
	for _, c := range []struct {
		block string
		rec   data.Record
		want  bool
	}{
		{"hello", nil, true},
		{"fee", married, true},
		{"fee", single, false},
		{"spouse", married, true},
		{"spouse", single, false},
		{"spouse", data.Record{}, false},
		{"help", married, true},
		{"help", single, false},
		{"help", data.Record{}, false},
	} {
		if got := block(c.block).Applies(c.rec); got != c.want {
			t.Errorf("block %s applies to %v = %v, want %v", c.block, c.rec, got, c.want)
		}
	}
	// items in the template's order, whatever the data's order
	rec := data.Record{"docs": {Options: []string{"photo", "passport"}}}
	if got := tpl.Items(block("bring"), rec); strings.Join(got, ",") != "passport,photo" {
		t.Errorf("Items = %v", got)
	}
	if got := tpl.Items(block("bring"), data.Record{}); len(got) != 0 {
		t.Errorf("Items without data = %v", got)
	}
	if got := tpl.Items(block("help"), nil); strings.Join(got, ",") != "a,b" {
		t.Errorf("static Items = %v", got)
	}
}

func TestExample(t *testing.T) {
	fsys := fstest.MapFS{
		"brief.toml": {Data: []byte(good)},
		"examples/brief.toml": {Data: []byte(`recipient = "Omar Haddad"
street = "Collegienstraße 12"
postcode = "0688"
city = "Lutherstadt Wittenberg"
file_number = "AB 1"
letter_date = 2026-11-20
clerk = "Frau Schulze"
day = 2026-12-09
`)},
	}
	set, ps, err := LoadAll(fsys, "templates")
	if err != nil || len(ps) > 0 {
		t.Fatal(err, ps)
	}
	_, err = set.Example(set.Get("brief"))
	if err == nil || !strings.Contains(err.Error(), "templates/examples/brief.toml") || !strings.Contains(err.Error(), "postcode") {
		t.Errorf("example with a bad postcode: err = %v", err)
	}
	if strings.Contains(err.Error(), "0688") {
		t.Errorf("the error shows the value: %v", err)
	}
	fsys["examples/brief.toml"].Data = []byte(strings.Replace(string(fsys["examples/brief.toml"].Data), "0688", "06886", 1))
	rec, err := set.Example(set.Get("brief"))
	if err != nil || rec["postcode"].Text != "06886" {
		t.Errorf("Example = %v, %v", rec, err)
	}
	delete(fsys, "examples/brief.toml")
	if _, err := set.Example(set.Get("brief")); err == nil || !strings.Contains(err.Error(), "template brief: no example data") {
		t.Errorf("no example: err = %v", err)
	}
}
