package data

import (
	"fmt"
	"slices"
	"strings"
)

// Condition makes part of a document — a form's section or field, a
// letter's block — depend on the data. Forms and templates share it, and
// so every test: exactly one of Is, Checked and Given is set.
type Condition struct {
	Field   string   // the field tested
	Is      []string // an option of the field is chosen: one of these …
	Not     bool     // … or, with Not, none of them
	Checked *bool    // a yes/no field is ticked (true) or not (false)
	Given   *bool    // the field has a value (true) or not (false)
}

// The condition tests, as keys of a definition's when = { … }.
const (
	TestIs      = "is"
	TestIsNot   = "is_not"
	TestChecked = "checked"
	TestGiven   = "given"
)

// Holds reports whether c holds for rec; a nil condition always holds.
func (c *Condition) Holds(rec Record) bool {
	if c == nil {
		return true
	}
	v := rec[c.Field]
	switch {
	case c.Given != nil:
		return (v != nil) == *c.Given
	case c.Checked != nil:
		return (v != nil && v.Bool) == *c.Checked
	}
	chosen := v != nil && slices.ContainsFunc(c.Is, func(o string) bool {
		return v.Text == o || slices.Contains(v.Options, o)
	})
	return chosen != c.Not
}

// Check returns what is wrong with c among the fields a document takes:
// the field must exist and suit the test, and is/is_not must name its
// options. self is the field that carries the condition ("" for none);
// typeName names a field's type as the definition spells it.
func (c *Condition) Check(fields []Field, self string, typeName func(key string) string) []string {
	i := slices.IndexFunc(fields, func(f Field) bool { return f.Key == c.Field })
	switch {
	case c.Field == self:
		return []string{"a field cannot depend on itself"}
	case i < 0:
		return []string{fmt.Sprintf("no field %q", c.Field)}
	}
	f := fields[i]
	switch {
	case c.Checked != nil && f.Kind != KBool:
		return []string{fmt.Sprintf("checked needs a yes/no field; %q is %s", c.Field, typeName(c.Field))}
	case len(c.Is) > 0 && f.Kind != KOption && f.Kind != KOptions:
		return []string{fmt.Sprintf("is and is_not need a field of options; %q is %s", c.Field, typeName(c.Field))}
	}
	var out []string
	for _, v := range c.Is {
		if !slices.Contains(f.Options, v) {
			out = append(out, fmt.Sprintf("%q is not an option of %q (options: %s)", v, c.Field, strings.Join(f.Options, ", ")))
		}
	}
	return out
}
