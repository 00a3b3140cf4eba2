package acroform

import (
	"fmt"
	"strings"

	"formgen/internal/form"
)

// Data turns the values of a filled-in copy of form fm into the data a
// pre-filled copy takes: the keys and shapes of a --data file, with what
// the applicant typed as written, for form.Prefill to check. Empty fields
// are left out; a number is kept as typed (text); a date typed into its
// eight digit boxes (TTMMJJJJ) is written as 12.03.1990.
func Data(fm *form.Form, values map[string]string) map[string]any {
	out := map[string]any{}
	get := func(name string) string { return trim(values[name]) }
	for _, s := range fm.Sections {
		for _, fl := range s.Fields {
			if v := fieldData(fl, get); v != nil {
				out[fl.ID] = v
			}
		}
	}
	return out
}

// fieldData returns the data of the field fl, whose boxes get reads by
// name; nil when nothing was filled in.
func fieldData(fl *form.Field, get func(name string) string) any {
	switch fl.Type {
	case form.Text, form.Multiline, form.Number:
		// a number as typed, as a data file may give it: a postcode
		// keeps its leading zero
		return orNil(get(fl.ID))
	case form.Date:
		return orNil(date(get(fl.ID)))
	case form.Checkbox:
		if on(get(fl.ID)) {
			return true
		}
	case form.Choice:
		return choiceData(fl, get)
	case form.Table:
		return tableData(fl, get)
	case form.Signature:
		sig := map[string]any{}
		if v := get(fl.ID + ".place"); v != "" {
			sig["place"] = v
		}
		if v := date(get(fl.ID + ".date")); v != "" {
			sig["date"] = v
		}
		if len(sig) > 0 {
			return sig
		}
	}
	return nil
}

// orNil returns s, or nil for "".
func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// choiceData returns the option chosen, or the list of options ticked.
func choiceData(fl *form.Field, get func(name string) string) any {
	if !fl.Multiple {
		if v := get(fl.ID); on(v) {
			return v
		}
		return nil
	}
	var chosen []any // as a data file decodes
	for _, o := range fl.Options {
		if on(get(fl.ID + "." + o)) {
			chosen = append(chosen, o)
		}
	}
	if len(chosen) == 0 {
		return nil
	}
	return chosen
}

// tableData returns the rows of a table that hold a value.
func tableData(fl *form.Field, get func(name string) string) any {
	var rows []any
	for r := 1; r <= fl.Rows; r++ {
		row := map[string]any{}
		for _, c := range fl.Columns {
			v := get(fmt.Sprintf("%s[%d].%s", fl.ID, r, c.ID))
			if v == "" {
				continue
			}
			if c.Type == form.Date {
				v = date(v)
			}
			row[c.ID] = v
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return rows
}

// on reports a ticked box or a chosen radio button.
func on(state string) bool { return state != "" && state != "Off" }

// date writes eight digits typed into date boxes as a German date; other
// text is left as typed.
func date(s string) string {
	if len(s) == 8 && strings.Trim(s, "0123456789") == "" {
		return s[:2] + "." + s[2:4] + "." + s[4:]
	}
	return s
}
