package form

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"formgen/internal/data"
	"formgen/internal/problem"
	"formgen/internal/strict"
)

// Set is the forms of a folder, sorted by id.
type Set struct {
	Forms []*Form
}

// Get returns the form with id, or nil.
func (s *Set) Get(id string) *Form { return strict.Find(s.Forms, id, formID) }

// IDs returns the ids of the forms.
func (s *Set) IDs() []string { return strict.IDs(s.Forms, formID) }

func formID(f *Form) string { return f.ID }

// LoadAll reads every *.toml form of fsys (but office.toml). prefix is put
// before file names in problems, e.g. "forms". It returns the forms that are
// valid and the problems of those that are not.
func LoadAll(fsys fs.FS, prefix string) (*Set, problem.Problems, error) {
	forms, probs, err := strict.ReadAll(fsys, prefix, func(name string) bool { return name == OfficeFile }, Parse)
	if err != nil {
		return nil, nil, err
	}
	return &Set{Forms: forms}, probs, nil
}

// Parse decodes and checks one form file. file is the name used in
// problems; the form id must equal its base name without .toml.
func Parse(file string, src []byte) (*Form, problem.Problems) {
	sd, top, ps := strict.Parse(file, src)
	if ps != nil {
		return nil, ps
	}
	d := &decoder{sd}
	f := d.form(top)
	if want := strings.TrimSuffix(path.Base(file), ".toml"); f.ID != "" && f.ID != want {
		d.Problem("id", "form", "id %q does not match the file name (want %q)", f.ID, want)
	}
	if len(d.Probs) > 0 {
		d.Probs.Sort()
		return nil, d.Probs
	}
	return f, nil
}

// decoder reads a form.
type decoder struct{ *strict.Decoder }

func (d *decoder) form(o strict.Table) *Form {
	f := &Form{File: d.File}
	f.ID = d.ID(&o, "id", "form")
	f.Version = d.Str(&o, "version", "form", true)
	f.Date = d.Date(&o, "date", "form")
	f.Intro = d.Bool(&o, "intro", "form")
	seen := map[string]int{}
	fields := map[string]string{}
	for i, so := range d.Tables(&o, "section", "form", true) {
		where := fmt.Sprintf("section %d", i+1)
		s := &Section{Line: d.Line(so.Path)}
		s.ID = d.ID(&so, "id", where)
		if s.ID != "" {
			where = fmt.Sprintf("section %q", s.ID)
			if prev, dup := seen[s.ID]; dup {
				d.Problem(so.Key("id"), where, "duplicate section id (also section %d)", prev)
			}
			seen[s.ID] = i + 1
		}
		s.Intro = d.Bool(&so, "intro", where)
		s.When = d.when(&so, where)
		for j, fo := range d.Tables(&so, "field", where, true) {
			fl := d.field(fo, where, j)
			if fl.ID != "" {
				if prev, dup := fields[fl.ID]; dup {
					d.Problem(fo.Key("id"), fmt.Sprintf("%s, field %q", where, fl.ID), "duplicate field id (also in %s); field ids are the keys of pre-filled data and must be unique in the form", prev)
				}
				fields[fl.ID] = where
			}
			s.Fields = append(s.Fields, fl)
		}
		d.Unknown(&so, where, " (a section has id, intro, when and [[section.field]])")
		f.Sections = append(f.Sections, s)
	}
	d.Unknown(&o, "form", " (a form has id, version, date, intro and [[section]])")
	d.checkConditions(f)
	return f
}

// checkConditions makes sure every condition names a choice or checkbox of
// the form and, for a choice, its options.
func (d *decoder) checkConditions(f *Form) {
	fields := f.DataFields()
	typeName := func(id string) string {
		_, fl := f.Field(id)
		return "a " + string(fl.Type) + " field"
	}
	check := func(c *data.Condition, self, where string, line int) {
		if c == nil {
			return
		}
		for _, msg := range c.Check(fields, self, typeName) {
			d.Probs = append(d.Probs, problem.Problem{File: d.File, Line: line, Where: where, Msg: "when: " + msg})
		}
	}
	for _, s := range f.Sections {
		check(s.When, "", fmt.Sprintf("section %q", s.ID), s.Line)
		for _, fl := range s.Fields {
			where := fmt.Sprintf("section %q, field %q", s.ID, fl.ID)
			check(fl.When, fl.ID, where, fl.Line)
			for _, q := range fl.Follows {
				if _, target := f.Field(q); target == nil || q == fl.ID {
					d.Problem(fl.keys["follows"], where, "follows: no other field %q in this form", q)
				}
			}
			if fl.Confirms != "" && f.Section(fl.Confirms) == nil {
				d.Problem(fl.keys["confirms"], where, "confirms: no section %q in this form", fl.Confirms)
			}
		}
	}
}

// when reads a condition: a form's parts depend on a choice (is, is_not)
// or a checkbox (checked).
func (d *decoder) when(o *strict.Table, where string) *data.Condition {
	return d.When(o, where, data.TestIs, data.TestIsNot, data.TestChecked)
}

// dateBound reads a date limit: a date, or "today".
func (d *decoder) dateBound(o *strict.Table, k, where string) DateBound {
	v, ok := d.Get(o, k)
	if !ok {
		return DateBound{}
	}
	switch t := v.(type) {
	case string:
		if t == "today" {
			return DateBound{Today: true}
		}
	case time.Time:
		return DateBound{Day: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
	}
	d.Problem(o.Key(k), where, "%s must be a date such as 1900-01-01 or \"today\"", k)
	return DateBound{}
}

func (d *decoder) int64p(o *strict.Table, k, where string) *int64 {
	v, ok := d.Get(o, k)
	if !ok {
		return nil
	}
	n, ok := v.(int64)
	if !ok {
		d.Problem(o.Key(k), where, "%s must be an integer, not %s", k, strict.TypeName(v))
		return nil
	}
	return &n
}

// typeKeys are the keys each field type accepts besides id, type, width,
// hint and when (and required and data_required, where unknownKeys says).
var typeKeys = map[Type][]string{
	Text:      {"maxlength", "pattern"},
	Multiline: {"lines", "maxlength"},
	Date:      {"min", "max"},
	Number:    {"digits", "min", "max"},
	Checkbox:  {},
	Choice:    {"options", "multiple"},
	Table:     {"columns", "rows"},
	Signature: {"confirms"},
	Paragraph: {},
	Heading:   {},
}

func (d *decoder) field(o strict.Table, section string, j int) *Field {
	where := fmt.Sprintf("%s, field %d", section, j+1)
	fl := &Field{Line: d.Line(o.Path)}
	fl.ID = d.ID(&o, "id", where)
	if fl.ID != "" {
		where = fmt.Sprintf("%s, field %q", section, fl.ID)
	}
	t := d.Str(&o, "type", where, true)
	fl.Type = Type(t)
	keys, known := typeKeys[fl.Type]
	if t != "" && !known {
		names := make([]string, len(Types))
		for i, t := range Types {
			names[i] = string(t)
		}
		d.Problem(o.Key("type"), where, "unknown field type %q (want one of %s)", t, strings.Join(names, ", "))
	}
	fl.Width = d.Int(&o, "width", where, Grid, 1, Grid)
	if fl.Type != Paragraph && fl.Type != Heading {
		fl.Required = d.Bool(&o, "required", where)
	}
	fl.Hint = d.Bool(&o, "hint", where)
	if fl.Type.HasLabel() && fl.Type != Signature {
		fl.DataRequired = d.Bool(&o, "data_required", where)
	}
	fl.When = d.when(&o, where)
	has := func(k string) bool { return slices.Contains(keys, k) }
	fl.Follows = d.Strs(&o, "follows", where)
	fl.keys = map[string]string{"follows": o.Key("follows"), "confirms": o.Key("confirms")}
	if has("confirms") {
		fl.Confirms = d.Str(&o, "confirms", where, true)
	}
	d.dataChecks(&o, fl, where, has)
	d.layoutKeys(&o, fl, where, has)
	if has("options") {
		fl.Options = d.options(&o, where)
	}
	if has("columns") {
		fl.Rows = d.Int(&o, "rows", where, 4, 1, 40)
		fl.Columns = d.columns(&o, where)
	}
	if known {
		d.unknownKeys(&o, fl, where, keys)
	}
	// an unknown type was reported; its keys are not worth a word more
	return fl
}

// dataChecks reads the checks of pre-filled data a field's type takes.
func (d *decoder) dataChecks(o *strict.Table, fl *Field, where string, has func(string) bool) {
	if has("maxlength") {
		fl.MaxLength = d.Int(o, "maxlength", where, 0, 1, 10000)
	}
	if has("pattern") {
		if p := d.Str(o, "pattern", where, false); p != "" {
			re, err := regexp.Compile("^(?:" + p + ")$")
			if err != nil {
				d.Problem(o.Key("pattern"), where, "pattern %q: %v", p, err)
			}
			fl.Pattern = re
		}
	}
	switch fl.Type {
	case Date:
		fl.MinDate = d.dateBound(o, "min", where)
		fl.MaxDate = d.dateBound(o, "max", where)
	case Number:
		fl.Min = d.int64p(o, "min", where)
		fl.Max = d.int64p(o, "max", where)
	}
}

// layoutKeys reads how a field is drawn: lines, digit boxes, multiple.
func (d *decoder) layoutKeys(o *strict.Table, fl *Field, where string, has func(string) bool) {
	if has("lines") {
		fl.Lines = d.Int(o, "lines", where, 3, 1, 30)
	}
	if has("digits") {
		fl.Digits = d.Int(o, "digits", where, 0, 0, 20)
	}
	if has("multiple") {
		fl.Multiple = d.Bool(o, "multiple", where)
	}
}

// options reads a choice's options: ids, each once.
func (d *decoder) options(o *strict.Table, where string) []string {
	opts := d.Strs(o, "options", where)
	if len(opts) == 0 {
		d.Problem(o.Key("options"), where, "a choice needs options (options = [\"a\", \"b\"])")
	}
	seen := map[string]bool{}
	for i, opt := range opts {
		d.CheckID(o.Key("options")+"."+strconv.Itoa(i), where, "option", opt)
		if seen[opt] {
			d.Problem(o.Key("options")+"."+strconv.Itoa(i), where, "duplicate option %q", opt)
		}
		seen[opt] = true
	}
	return opts
}

// columns reads a table's columns.
func (d *decoder) columns(o *strict.Table, where string) []Column {
	cols := d.Tables(o, "columns", where, false)
	if len(cols) == 0 {
		d.Problem(o.Path, where, "a table needs columns (columns = [{ id = \"name\", width = 3 }, …])")
	}
	var out []Column
	seen := map[string]bool{}
	for i, co := range cols {
		cw := fmt.Sprintf("%s, column %d", where, i+1)
		c := Column{ID: d.ID(&co, "id", cw), Width: d.Int(&co, "width", cw, 1, 1, Grid), Type: Text}
		if t := d.Str(&co, "type", cw, false); t != "" {
			c.Type = Type(t)
			if c.Type != Text && c.Type != Date && c.Type != Number {
				d.Problem(co.Key("type"), cw, "column type %q: want text, date or number", t)
			}
		}
		if c.ID != "" && seen[c.ID] {
			d.Problem(co.Key("id"), cw, "duplicate column id %q", c.ID)
		}
		seen[c.ID] = true
		d.Unknown(&co, cw, " (a column has id, width and type)")
		out = append(out, c)
	}
	return out
}

// unknownKeys reports the keys a field of a known type does not take.
func (d *decoder) unknownKeys(o *strict.Table, fl *Field, where string, keys []string) {
	allowed := append([]string{"id", "type", "width", "hint", "when", "follows"}, keys...)
	if fl.Type != Paragraph && fl.Type != Heading {
		allowed = append(allowed, "required")
	}
	if fl.Type.HasLabel() && fl.Type != Signature {
		allowed = append(allowed, "data_required")
	}
	d.Unknown(o, where, fmt.Sprintf(" for a %s field (it takes %s)", fl.Type, strings.Join(allowed, ", ")))
}
