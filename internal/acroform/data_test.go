package acroform

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"formgen/internal/form"
)

// TestDates: a date's day, month and year fields are joined into the date
// a data file gives; a copy of an older form holds the date in one field;
// a date left partly empty is a problem that names the date, never a
// panic.
func TestDates(t *testing.T) {
	fm := &form.Form{ID: "f", Sections: []*form.Section{{ID: "s", Fields: []*form.Field{
		{ID: "birth_date", Type: form.Date},
		{ID: "family", Type: form.Table, Rows: 2, Columns: []form.Column{{ID: "birth_date", Type: form.Date}}},
	}}}}
	today := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name   string
		values map[string]string
		want   any    // birth_date's data
		prob   string // a problem the check reports, "" for none
	}{
		{"day, month, year", map[string]string{"birth_date.day": "12", "birth_date.month": "03", "birth_date.year": "1990"}, "12.03.1990", ""},
		{"one digit", map[string]string{"birth_date.day": "1", "birth_date.month": " 3", "birth_date.year": "1990"}, "1.3.1990", ""},
		{"empty", map[string]string{"birth_date.day": "", "birth_date.month": " "}, nil, ""},
		{"no month", map[string]string{"birth_date.day": "12", "birth_date.year": "1990"}, "12..1990", "birth_date"},
		{"only a year", map[string]string{"birth_date.year": "1990"}, "..1990", "birth_date"},
		{"no such day", map[string]string{"birth_date.day": "31", "birth_date.month": "02", "birth_date.year": "1990"}, "31.02.1990", "birth_date"},
		{"letters", map[string]string{"birth_date.day": "ab", "birth_date.month": "02", "birth_date.year": "1990"}, "ab.02.1990", "birth_date"},
		{"in the future", map[string]string{"birth_date.day": "01", "birth_date.month": "01", "birth_date.year": "2030"}, "01.01.2030", ""},
		{"older copy, eight digits", map[string]string{"birth_date": "12031990"}, "12.03.1990", ""},
		{"older copy, typed", map[string]string{"birth_date": "12.03.1990"}, "12.03.1990", ""},
	} {
		data := Data(fm, c.values)
		if got := data["birth_date"]; !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: birth_date is %#v, want %#v", c.name, got, c.want)
		}
		_, err := fm.Prefill("copy.pdf", data, today)
		switch {
		case c.prob == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.prob != "" && (err == nil || !strings.Contains(err.Error(), c.prob)):
			t.Errorf("%s: got %v, want a problem naming %s", c.name, err, c.prob)
		}
	}
	// a table's date is one text field, typed as written
	data := Data(fm, map[string]string{"family[2].birth_date": "01.05.1992"})
	want := []any{map[string]any{"birth_date": "01.05.1992"}}
	if !reflect.DeepEqual(data["family"], want) {
		t.Errorf("family is %#v, want %#v", data["family"], want)
	}
}
