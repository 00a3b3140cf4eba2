package strict

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"formgen/internal/problem"
)

const doc = `id = "antrag"
version = 3
flag = "yes"
date = 2026-01-31
bad_id = "Not An Id"
reserved = "other"
count = 99
names = ["a", 2]
extra = 1

[[section]]
id = "a"

[[section]]
id = 7
`

// TestDecoder: every wrong type, bad value and unknown key is reported,
// each at its line and column, all at once.
func TestDecoder(t *testing.T) {
	d, top, ps := Parse("forms/antrag.toml", []byte(doc))
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	if got := d.ID(&top, "id", ""); got != "antrag" {
		t.Errorf("ID = %q", got)
	}
	if got := d.Str(&top, "version", "", true); got != "" {
		t.Errorf("Str of an integer = %q", got)
	}
	if d.Bool(&top, "flag", "") {
		t.Error("Bool of a string is true")
	}
	if got := d.Date(&top, "date", ""); got.Day() != 31 || got.Location().String() != "UTC" {
		t.Errorf("Date = %v", got)
	}
	if got := d.ID(&top, "bad_id", ""); got != "" {
		t.Errorf("ID of a bad id = %q", got)
	}
	d.ID(&top, "reserved", "")
	if got := d.Int(&top, "count", "", 5, 1, 10); got != 5 {
		t.Errorf("Int out of range = %d, want the default", got)
	}
	if got := d.Strs(&top, "names", ""); len(got) != 1 || got[0] != "a" {
		t.Errorf("Strs = %v", got)
	}
	secs := d.Tables(&top, "section", "", true)
	if len(secs) != 2 || secs[1].Path != "section.1" {
		t.Fatalf("Tables = %+v", secs)
	}
	d.ID(&secs[1], "id", `section 2`)
	d.Str(&top, "missing", "", true)
	d.Tables(&top, "nothing", "", true)
	d.Unknown(&top, "", " (see docs)")

	want := []string{
		`forms/antrag.toml: missing is missing`,
		`forms/antrag.toml: no [[nothing]] given`,
		`forms/antrag.toml:2:1: version must be a string, not an integer`,
		`forms/antrag.toml:3:1: flag must be true or false, not a string`,
		`forms/antrag.toml:5:1: bad_id "Not An Id" must be lower case letters`,
		`forms/antrag.toml:6:1: reserved "other" is a word go-i18n reserves`,
		`forms/antrag.toml:7:1: count is 99, must be from 1 to 10`,
		`forms/antrag.toml:8:15: names must hold strings, not an integer`,
		`forms/antrag.toml:9:1: unknown key "extra" (see docs)`,
		`forms/antrag.toml:15:1: section 2: id must be a string, not an integer`,
	}
	d.Probs.Sort()
	if len(d.Probs) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(d.Probs), len(want), d.Probs)
	}
	for i, w := range want {
		if i < len(d.Probs) && !strings.HasPrefix(d.Probs[i].Error(), w) {
			t.Errorf("problem %d = %q, want %q…", i, d.Probs[i].Error(), w)
		}
	}
}

func TestParseSyntaxError(t *testing.T) {
	_, _, ps := Parse("forms/x.toml", []byte("id = \"a\"\nid = \"b\"\n"))
	if len(ps) != 1 || ps[0].Line != 2 || !strings.HasPrefix(ps[0].Msg, "toml: ") {
		t.Errorf("problems = %v, want one at line 2", ps)
	}
}

// TestReadAll: files in name order, skipped ones left out, problems of a
// file keep it out, an unreadable file is an error.
func TestReadAll(t *testing.T) {
	fsys := fstest.MapFS{
		"b.toml":      {Data: []byte("id = \"b\"")},
		"a.toml":      {Data: []byte("id = \"a\"")},
		"bad.toml":    {Data: []byte("id = 1")},
		"office.toml": {Data: []byte("name = \"x\"")},
		"notes.txt":   {Data: []byte("x")},
	}
	parse := func(file string, src []byte) (string, problem.Problems) {
		d, top, ps := Parse(file, src)
		if len(ps) > 0 {
			return "", ps
		}
		id := d.ID(&top, "id", "")
		return id, d.Probs
	}
	got, ps, err := ReadAll(fsys, "forms", func(n string) bool { return n == "office.toml" }, parse)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != "a,b" || len(ps) != 1 || ps[0].File != "forms/bad.toml" {
		t.Errorf("ReadAll = %v, %v", got, ps)
	}
	fsys["c.toml"] = &fstest.MapFile{Data: []byte("id = \"c\"")}
	if _, _, err := ReadAll(errFS{fsys}, "forms", nil, parse); err == nil {
		t.Error("an unreadable file gave no error")
	}
}

// errFS cannot read c.toml.
type errFS struct{ fstest.MapFS }

func (e errFS) ReadFile(name string) ([]byte, error) {
	if name == "c.toml" {
		return nil, errors.New("unreadable")
	}
	return e.MapFS.ReadFile(name)
}
