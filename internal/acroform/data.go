package acroform

import (
	"fmt"
	"strings"

	"formgen/internal/form"
	"formgen/internal/layout"
)

// Data turns the values of a filled-in copy of form fm into the data a
// pre-filled copy takes: the keys and shapes of a --data file, with what
// the applicant typed as written, for form.Prefill to check. Empty fields
// are left out; a number is kept as typed (text); a date's day, month and
// year (birth_date.day, .month, .year: the fields over its boxes) are
// joined as 12.03.1990, and a date left partly empty becomes text that is
// no date (12..1990), which the check reports by the date's path. Copies
// of forms written before the date had a field per group of boxes hold
// the date in one field: eight digits (TTMMJJJJ) or as typed.
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
		return orNil(dateParts(fl.ID, get))
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

// dateParts returns the date the fields of date id hold: its day, month
// and year joined as a German date, "" when all are empty. A copy of a
// form that had one field for the date holds it under id.
func dateParts(id string, get func(name string) string) string {
	var parts [3]string
	empty := true
	for i, p := range layout.DateParts {
		parts[i] = get(id + "." + p)
		empty = empty && parts[i] == ""
	}
	if empty {
		return date(get(id))
	}
	return strings.Join(parts[:], ".")
}

// date writes eight digits typed into date boxes as a German date; other
// text is left as typed.
func date(s string) string {
	if len(s) == 8 && strings.Trim(s, "0123456789") == "" {
		return s[:2] + "." + s[2:4] + "." + s[4:]
	}
	return s
}
