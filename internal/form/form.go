// Package form reads form definitions: it decodes the TOML of forms/,
// checks it strictly (every problem at once, each with file, line and
// column) and names the messages each element needs, following the one
// convention documented in docs/forms.md.
package form

import (
	"regexp"
	"slices"
	"time"

	"formgen/internal/data"
)

// Type is the kind of a field.
type Type string

// The field types.
const (
	Text      Type = "text"      // one line to write on
	Multiline Type = "multiline" // several lines
	Date      Type = "date"      // day, month and year boxes
	Number    Type = "number"    // a number, optionally in digit boxes
	Checkbox  Type = "checkbox"  // one box to tick, with its label beside it
	Choice    Type = "choice"    // options to tick, one or several
	Table     Type = "table"     // columns × empty rows, e.g. family members
	Signature Type = "signature" // place, date and signature line
	Paragraph Type = "paragraph" // static text
	Heading   Type = "heading"   // a sub-heading inside a section
)

// Types lists every field type in documentation order.
var Types = []Type{Text, Multiline, Date, Number, Checkbox, Choice, Table, Signature, Paragraph, Heading}

// Grid is the number of columns a form row is divided into.
const Grid = 12

// Form is one form definition.
type Form struct {
	ID       string
	Version  string
	Date     time.Time // date of this version
	Intro    bool      // the form has an introduction text
	Sections []*Section
	File     string // where it was read from, for messages
}

// Section is a numbered part of a form.
type Section struct {
	ID     string
	Intro  bool
	When   *data.Condition // shown only when this holds (is, is_not, checked)
	Fields []*Field
	Line   int
}

// Field is one element of a section.
type Field struct {
	ID       string
	Type     Type
	Width    int // columns of the grid, 1 to Grid
	Required bool
	Hint     bool // the field has a hint message
	Lines    int  // multiline: lines to write on
	Digits   int  // number: digit boxes (0: one plain box)
	Multiple bool // choice: several options may be ticked
	Options  []string
	Columns  []Column // table
	Rows     int      // table: empty rows to fill in
	Line     int

	// Checks of pre-filled data (see docs/forms.md).
	DataRequired bool            // a pre-filled copy must give a value
	MaxLength    int             // text, multiline: characters; 0 no limit
	Pattern      *regexp.Regexp  // text: the whole value must match
	MinDate      DateBound       // date
	MaxDate      DateBound       // date
	Min, Max     *int64          // number
	When         *data.Condition // shown only when this holds (is, is_not, checked)

	// Page-break rules (see docs/forms.md).
	Follows  []string // ids of the questions this field follows up: kept on their page
	Confirms string   // signature: id of the section whose declaration it signs
	keys     map[string]string
}

// Column is a column of a table field.
type Column struct {
	ID    string
	Width int  // relative width
	Type  Type // Text (default), Date or Number: how a value is checked
}

// DateBound is a limit for a date: a fixed day, or today.
type DateBound struct {
	Day   time.Time // zero: no bound
	Today bool
}

// Resolve returns the bound's day on the given day, and whether there is
// a bound.
func (b DateBound) Resolve(today time.Time) (time.Time, bool) {
	switch {
	case b.Today:
		return today, true
	case !b.Day.IsZero():
		return b.Day, true
	}
	return time.Time{}, false
}

// HasLabel reports whether the field's type carries a label message.
func (t Type) HasLabel() bool {
	return t != Paragraph && t != Heading
}

// Section returns the section with the given id, or nil.
func (f *Form) Section(id string) *Section {
	for _, s := range f.Sections {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Declaration returns the ids of the fields a signature field signs: the
// fields of the section it confirms, but signatures and headings.
func (f *Form) Declaration(fl *Field) []string {
	s := f.Section(fl.Confirms)
	if s == nil {
		return nil
	}
	var ids []string
	for _, x := range s.Fields {
		if x.Type != Signature && x.Type != Heading {
			ids = append(ids, x.ID)
		}
	}
	return ids
}

// FollowsUp returns the ids of the questions a field follows up: those it
// names, and the field its condition depends on.
func (f *Form) FollowsUp(fl *Field) []string {
	ids := append([]string(nil), fl.Follows...)
	if fl.When != nil && !slices.Contains(ids, fl.When.Field) {
		ids = append(ids, fl.When.Field)
	}
	return ids
}

// Field returns the field with the given id, or nil.
func (f *Form) Field(id string) (*Section, *Field) {
	for _, s := range f.Sections {
		for _, fl := range s.Fields {
			if fl.ID == id {
				return s, fl
			}
		}
	}
	return nil, nil
}
