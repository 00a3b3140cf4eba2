package strict

import (
	"fmt"
	"strings"

	"formgen/internal/data"
)

// When reads a condition, when = { field = "status", is = ["married"] },
// the same way for forms and templates: field and exactly one test of
// those the document allows (data.TestIs, TestIsNot, TestChecked,
// TestGiven). It returns nil when there is no when.
func (d *Decoder) When(o *Table, where string, tests ...string) *data.Condition {
	v, ok := d.Get(o, "when")
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		d.Problem(o.Key("when"), where, "when must be a table such as { field = \"status\", %s }, not %s", example(tests[0]), TypeName(v))
		return nil
	}
	w := Table{M: m, Path: o.Key("when")}
	where += ", when"
	c := &data.Condition{Field: d.Str(&w, "field", where, true)}
	n := 0
	for _, test := range tests {
		if _, has := m[test]; !has {
			continue
		}
		n++
		switch test {
		case data.TestIs:
			c.Is = d.Strs(&w, test, where)
		case data.TestIsNot:
			c.Is, c.Not = d.Strs(&w, test, where), true
		case data.TestChecked:
			b := d.Bool(&w, test, where)
			c.Checked = &b
		case data.TestGiven:
			b := d.Bool(&w, test, where)
			c.Given = &b
		}
	}
	if n != 1 {
		d.Problem(w.Path, where, "needs exactly one of %s", orList(tests))
	}
	d.Unknown(&w, where, fmt.Sprintf(" (when has field and one of %s)", strings.Join(tests, ", ")))
	return c
}

func example(test string) string {
	switch test {
	case data.TestIs, data.TestIsNot:
		return test + ` = ["married"]`
	}
	return test + " = true"
}

// orList writes a, b and c.
func orList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
