// Package form reads form definitions: it decodes the TOML of forms/,
// checks it strictly (every problem at once, each with file, line and
// column) and names the messages each element needs, following the one
// convention documented in docs/forms.md.
package form

import (
	"time"
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
}

// Column is a column of a table field.
type Column struct {
	ID    string
	Width int // relative width
}

// HasLabel reports whether the field's type carries a label message.
func (t Type) HasLabel() bool {
	return t != Paragraph && t != Heading
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
