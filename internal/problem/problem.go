// Package problem is formgen's one list of what is wrong in its inputs:
// forms, templates, locale files, the office, a person's data. Each problem
// names the file, line and column, the element (a form's field, a message
// id, a data field path) and its severity; a list of them is one error,
// printed one way and written as JSON for editors and CI.
package problem

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Severity tells an error, which fails a run, from a warning.
type Severity int

// Severities.
const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Problem is one thing wrong in an input file, with where it is.
type Problem struct {
	File  string // path as the user knows it, e.g. "forms/vollmacht.toml"
	Line  int    // 1-based; 0 when unknown
	Col   int    // 1-based; 0 when unknown
	Where string // the element, e.g. `section "person", field "name"`
	ID    string // the message the problem is about, when it is about one
	Field string // the data field path, e.g. "family[2].birth_date", in a data file
	Msg   string
	// Severity is Error unless the problem is only a warning.
	Severity Severity
}

// element is what the problem is in: the element, else the data field.
func (p Problem) element() string {
	return cmp.Or(p.Where, p.Field)
}

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	b.WriteString(": ")
	if el := p.element(); el != "" {
		b.WriteString(el)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// MarshalJSON writes a problem as an object with lower-case keys; empty
// parts are left out.
func (p Problem) MarshalJSON() ([]byte, error) {
	type out struct {
		File     string `json:"file"`
		Line     int    `json:"line,omitempty"`
		Col      int    `json:"column,omitempty"`
		Where    string `json:"where,omitempty"`
		ID       string `json:"id,omitempty"`
		Field    string `json:"field,omitempty"`
		Severity string `json:"severity"`
		Msg      string `json:"message"`
	}
	return json.Marshal(out{p.File, p.Line, p.Col, p.Where, p.ID, p.Field, p.Severity.String(), p.Msg})
}

// Problems is a list of problems; as an error it lists them all, one per
// line, in file and line order.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Sort orders problems by file, line, column, field and message.
func (ps Problems) Sort() {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), cmp.Compare(a.Field, b.Field))
	})
}

// Err returns ps as an error, or nil when it is empty.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	ps.Sort()
	return ps
}

// Split returns the errors and the warnings of ps, each in order.
func (ps Problems) Split() (errs, warns Problems) {
	for _, p := range ps {
		if p.Severity == Warning {
			warns = append(warns, p)
		} else {
			errs = append(errs, p)
		}
	}
	errs.Sort()
	warns.Sort()
	return errs, warns
}
