package tomlpos

import (
	"strings"
	"testing"
)

func TestScan(t *testing.T) {
	src := `# comment
id = "x" # trailing
text = """
multi [not a table]
line"""

[[section]]
id = "a"

  [[section.field]]
  id = "f1"
  columns = [ { id = "c1", width = 2 },
              { id = "c2" } ]

  [[section.field]]
  "quoted.key" = 'lit'

[[section]]
id = "b"
  [[section.field]]
  type = "text"

[aufenthalt.person.name.label]
other = "Name"
`
	ix := Scan(src)
	for path, want := range map[string]Pos{
		"id":                                 {2, 1},
		"text":                               {3, 1},
		"section.0":                          {7, 1},
		"section.0.id":                       {8, 1},
		"section.0.field.0":                  {10, 3},
		"section.0.field.0.id":               {11, 3},
		"section.0.field.0.columns.0":        {12, 15},
		"section.0.field.0.columns.0.width":  {12, 28},
		"section.0.field.0.columns.1.id":     {13, 17},
		"section.0.field.1.quoted.key":       {16, 3},
		"section.1.id":                       {19, 1},
		"section.1.field.0.type":             {21, 3},
		"aufenthalt.person.name.label.other": {24, 1},
	} {
		if got := ix[path]; got != want {
			t.Errorf("Scan()[%q] = %v, want %v", path, got, want)
		}
	}
	if got := ix.Lookup("section.1.field.0.type.nothing"); got != (Pos{21, 3}) {
		t.Errorf("Lookup of a missing child = %v, want its parent's position", got)
	}
	if got := ix.Lookup("nowhere"); got != (Pos{}) {
		t.Errorf("Lookup(nowhere) = %v, want zero", got)
	}
}

// TestScanMalformed feeds text the decoder would refuse: Scan must end
// (an array holding a stray "}" once looped forever) and index what it can.
func TestScanMalformed(t *testing.T) {
	for _, src := range []string{
		"x = [e }",
		"x = [}",
		"x = [ } ] ]",
		"x = [ { a = } ]",
		"x = {",
		"x = [",
		"x = \"",
		"x = '''",
		"[",
		"[[",
		"x = " + strings.Repeat("[", 100000),
		"x = " + strings.Repeat("{a=", 100000),
		"x = [e }\ny = 1",
	} {
		ix := Scan(src)
		if _, ok := ix["x"]; !ok && strings.HasPrefix(src, "x") {
			t.Errorf("Scan(%.20q) did not index x", src)
		}
	}
}
