package form

import (
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"formgen/internal/data"
	"formgen/internal/problem"
)

// DataFields describes the data a pre-filled copy of the form takes: one
// key per field that can hold a value.
func (f *Form) DataFields() []data.Field {
	var out []data.Field
	for _, s := range f.Sections {
		for _, fl := range s.Fields {
			if df, ok := fl.dataField(); ok {
				out = append(out, df)
			}
		}
	}
	return out
}

// kinds are the kinds of value the field types that hold one take: a new
// type that holds data is added here.
var kinds = map[Type]data.Kind{
	Text: data.KText, Multiline: data.KLines, Date: data.KDate, Number: data.KNumber,
	Checkbox: data.KBool, Choice: data.KOption, Table: data.KRows, Signature: data.KPlace,
}

func (fl *Field) dataField() (data.Field, bool) {
	kind, ok := kinds[fl.Type]
	if !ok {
		return data.Field{}, false
	}
	df := data.Field{Key: fl.ID, Kind: kind}
	switch fl.Type {
	case Text, Multiline:
		df.Check = fl.checkText
	case Number:
		df.Check = fl.checkNumber
	case Choice:
		df.Options = fl.Options
		if fl.Multiple {
			df.Kind = data.KOptions
		}
	case Table:
		df.MaxRows = fl.Rows
		for _, c := range fl.Columns {
			cf := data.Field{Key: c.ID, Kind: data.KText}
			if k, ok := kinds[c.Type]; ok && (c.Type == Date || c.Type == Number) {
				cf.Kind = k
			}
			df.Columns = append(df.Columns, cf)
		}
	}
	return df, true
}

// checkText checks a text's length and form.
func (fl *Field) checkText(v *data.Value) string {
	if fl.MaxLength > 0 && utf8.RuneCountInString(v.Text) > fl.MaxLength {
		return fmt.Sprintf("longer than %d characters", fl.MaxLength)
	}
	if fl.Pattern != nil && !fl.Pattern.MatchString(v.Text) {
		return "does not have the form this field asks for"
	}
	return ""
}

// checkNumber checks a number's bounds and that it fits its digit boxes.
func (fl *Field) checkNumber(v *data.Value) string {
	switch {
	case fl.Min != nil && v.Number < *fl.Min:
		return fmt.Sprintf("less than %d", *fl.Min)
	case fl.Max != nil && v.Number > *fl.Max:
		return fmt.Sprintf("more than %d", *fl.Max)
	case fl.Digits > 0 && (v.Number < 0 || len(strconv.FormatInt(v.Number, 10)) > fl.Digits):
		return fmt.Sprintf("does not fit in %d digit boxes", fl.Digits)
	}
	return ""
}

// Prefill checks a person's data for the form: every value against its
// field, dates against their bounds (today is the day of the check), and
// the form's conditions: a field the data hides may not have a value, and
// a field that must be pre-filled (data_required) must, unless hidden.
// All problems come back together, each with its field path.
func (f *Form) Prefill(file string, raw map[string]any, today time.Time) (data.Record, error) {
	fields := f.DataFields()
	for i := range fields {
		_, fl := f.Field(fields[i].Key)
		if fl.Type == Date {
			fields[i].Check = dateCheck(fl, today)
		}
	}
	// values with problems are left out; conditions are judged on what
	// is valid
	rec, probs := data.Check(file, raw, fields)
	for _, s := range f.Sections {
		sectionShown := f.Shown(s.When, rec)
		for _, fl := range s.Fields {
			shown := sectionShown && f.Shown(fl.When, rec)
			_, given := raw[fl.ID]
			switch {
			case !shown && given:
				probs = append(probs, problem.Problem{File: file, Field: fl.ID, Msg: "given, but the form leaves this field out for the answer to " + f.hiddenBy(s, fl, rec)})
			case shown && fl.DataRequired && rec[fl.ID] == nil && !failed(probs, fl.ID):
				probs = append(probs, problem.Problem{File: file, Field: fl.ID, Msg: "required in a pre-filled copy, but no value given"})
			}
		}
	}
	if err := data.Err(file, probs); err != nil {
		return nil, err
	}
	return rec, nil
}

func failed(ps problem.Problems, path string) bool {
	for _, p := range ps {
		if p.Field == path {
			return true
		}
	}
	return false
}

// hiddenBy names the field whose answer hides fl.
func (f *Form) hiddenBy(s *Section, fl *Field, rec data.Record) string {
	if fl.When != nil && !f.Shown(fl.When, rec) {
		return fl.When.Field
	}
	return s.When.Field
}

func dateCheck(fl *Field, today time.Time) func(*data.Value) string {
	return func(v *data.Value) string {
		if lo, ok := fl.MinDate.Resolve(today); ok && v.Date.Before(lo) {
			return "before the earliest date this field allows"
		}
		if hi, ok := fl.MaxDate.Resolve(today); ok && v.Date.After(hi) {
			if fl.MaxDate.Today {
				return "in the future"
			}
			return "after the latest date this field allows"
		}
		return ""
	}
}

// Shown reports whether a part with condition c is shown for the data;
// with no data (a blank form) every part is shown.
func (f *Form) Shown(c *data.Condition, rec data.Record) bool {
	return rec == nil || c.Holds(rec)
}
