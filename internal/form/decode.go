package form

import (
	"errors"
	"fmt"
	"formgen/internal/problem"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"formgen/internal/tomlpos"
)

// OfficeFile is the file in forms/ that describes the office, not a form.
const OfficeFile = "office.toml"

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// reserved are words go-i18n reads as parts of a message, so they cannot
// be the last part of a message id nor stand between its dots.
var reserved = []string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other"}

// Set is the forms of a folder, sorted by id.
type Set struct {
	Forms []*Form
}

// Get returns the form with id, or nil.
func (s *Set) Get(id string) *Form {
	for _, f := range s.Forms {
		if f.ID == id {
			return f
		}
	}
	return nil
}

// IDs returns the ids of the forms.
func (s *Set) IDs() []string {
	ids := make([]string, len(s.Forms))
	for i, f := range s.Forms {
		ids[i] = f.ID
	}
	return ids
}

// LoadAll reads every *.toml form of fsys (but office.toml). prefix is put
// before file names in problems, e.g. "forms". It returns the forms that are
// valid and the problems of those that are not.
func LoadAll(fsys fs.FS, prefix string) (*Set, problem.Problems, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(names)
	set := &Set{}
	var probs problem.Problems
	for _, name := range names {
		if name == OfficeFile {
			continue
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, nil, err
		}
		f, ps := Parse(path.Join(prefix, name), src)
		if len(ps) > 0 {
			probs = append(probs, ps...)
			continue
		}
		set.Forms = append(set.Forms, f)
	}
	probs.Sort()
	return set, probs, nil
}

// Parse decodes and checks one form file. file is the name used in
// problems; the form id must equal its base name without .toml.
func Parse(file string, src []byte) (*Form, problem.Problems) {
	d := &decoder{file: file}
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, problem.Problems{{File: file, Line: pe.Position.Line, Col: pe.Position.Col, Msg: "toml: " + pe.Message}}
		}
		return nil, problem.Problems{{File: file, Msg: err.Error()}}
	}
	d.ix = tomlpos.Scan(string(src))
	f := d.form(obj{m: raw})
	if want := strings.TrimSuffix(path.Base(file), ".toml"); f.ID != "" && f.ID != want {
		d.problem("id", "form", "id %q does not match the file name (want %q)", f.ID, want)
	}
	if len(d.probs) > 0 {
		d.probs.Sort()
		return nil, d.probs
	}
	return f, nil
}

// decoder walks the decoded TOML tree by hand rather than into structs, so
// that wrong types are reported all together, with their positions.
type decoder struct {
	file  string
	ix    tomlpos.Index
	probs problem.Problems
}

type obj struct {
	m    map[string]any
	path string // key path of the table, for positions
	used []string
}

func (o *obj) key(k string) string {
	if o.path == "" {
		return k
	}
	return o.path + "." + k
}

func (d *decoder) problem(keyPath, where, format string, args ...any) {
	p := d.ix.Lookup(keyPath)
	d.probs = append(d.probs, problem.Problem{File: d.file, Line: p.Line, Col: p.Col, Where: where, Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) get(o *obj, k string) (any, bool) {
	o.used = append(o.used, k)
	v, ok := o.m[k]
	return v, ok
}

func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case []map[string]any:
		return "an array of tables"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date or time"
	}
	return fmt.Sprintf("%T", v)
}

func (d *decoder) str(o *obj, k, where string, required bool) string {
	v, ok := d.get(o, k)
	if !ok {
		if required {
			d.problem(o.path, where, "%s is missing", k)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		d.problem(o.key(k), where, "%s must be a string, not %s", k, tomlType(v))
	}
	return s
}

// id reads an identifier; it returns "" when it is missing or invalid.
func (d *decoder) id(o *obj, k, where string) string {
	s := d.str(o, k, where, true)
	if s != "" && !d.checkID(o.key(k), where, k, s) {
		return ""
	}
	return s
}

func (d *decoder) checkID(keyPath, where, what, s string) bool {
	switch {
	case !idPattern.MatchString(s):
		d.problem(keyPath, where, "%s %q must be lower case letters, digits and _, starting with a letter", what, s)
	case slices.Contains(reserved, s):
		d.problem(keyPath, where, "%s %q is a word go-i18n reserves (%s); choose another", what, s, strings.Join(reserved, ", "))
	default:
		return true
	}
	return false
}

func (d *decoder) int(o *obj, k, where string, def, lo, hi int) int {
	v, ok := d.get(o, k)
	if !ok {
		return def
	}
	n, ok := v.(int64)
	if !ok {
		d.problem(o.key(k), where, "%s must be an integer, not %s", k, tomlType(v))
		return def
	}
	if n < int64(lo) || n > int64(hi) {
		d.problem(o.key(k), where, "%s is %d, must be from %d to %d", k, n, lo, hi)
		return def
	}
	return int(n)
}

func (d *decoder) bool(o *obj, k, where string) bool {
	v, ok := d.get(o, k)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		d.problem(o.key(k), where, "%s must be true or false, not %s", k, tomlType(v))
	}
	return b
}

func (d *decoder) date(o *obj, k, where string) time.Time {
	v, ok := d.get(o, k)
	if !ok {
		d.problem(o.path, where, "%s is missing (a date such as 2026-01-31)", k)
		return time.Time{}
	}
	switch t := v.(type) {
	case time.Time:
		// a local date comes in the machine's zone: keep its calendar day
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	d.problem(o.key(k), where, "%s must be a date such as 2026-01-31, not %s", k, tomlType(v))
	return time.Time{}
}

func (d *decoder) tables(o *obj, k, where string, required bool) []obj {
	v, ok := d.get(o, k)
	if !ok {
		if required {
			d.problem(o.path, where, "no [[%s]] given", strings.TrimPrefix(o.key(k), ""))
		}
		return nil
	}
	var list []map[string]any
	switch t := v.(type) {
	case []map[string]any:
		list = t
	case []any:
		for i, e := range t {
			m, ok := e.(map[string]any)
			if !ok {
				d.problem(o.key(k)+"."+strconv.Itoa(i), where, "%s must hold tables, not %s", k, tomlType(e))
				return nil
			}
			list = append(list, m)
		}
	default:
		d.problem(o.key(k), where, "%s must be an array of tables, not %s", k, tomlType(v))
		return nil
	}
	out := make([]obj, len(list))
	for i, m := range list {
		out[i] = obj{m: m, path: o.key(k) + "." + strconv.Itoa(i)}
	}
	return out
}

func (d *decoder) strs(o *obj, k, where string) []string {
	v, ok := d.get(o, k)
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		d.problem(o.key(k), where, "%s must be an array of strings, not %s", k, tomlType(v))
		return nil
	}
	out := make([]string, 0, len(list))
	for i, e := range list {
		s, ok := e.(string)
		if !ok {
			d.problem(o.key(k)+"."+strconv.Itoa(i), where, "%s must hold strings, not %s", k, tomlType(e))
			continue
		}
		out = append(out, s)
	}
	return out
}

// unknown reports keys of o that nothing read.
func (d *decoder) unknown(o *obj, where, hint string) {
	keys := make([]string, 0, len(o.m))
	for k := range o.m {
		if !slices.Contains(o.used, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		d.problem(o.key(k), where, "unknown key %q%s", k, hint)
	}
}

func (d *decoder) form(o obj) *Form {
	f := &Form{File: d.file}
	f.ID = d.id(&o, "id", "form")
	f.Version = d.str(&o, "version", "form", true)
	f.Date = d.date(&o, "date", "form")
	f.Intro = d.bool(&o, "intro", "form")
	seen := map[string]int{}
	fields := map[string]string{}
	for i, so := range d.tables(&o, "section", "form", true) {
		where := fmt.Sprintf("section %d", i+1)
		s := &Section{Line: d.ix.Lookup(so.path).Line}
		s.ID = d.id(&so, "id", where)
		if s.ID != "" {
			where = fmt.Sprintf("section %q", s.ID)
			if prev, dup := seen[s.ID]; dup {
				d.problem(so.key("id"), where, "duplicate section id (also section %d)", prev)
			}
			seen[s.ID] = i + 1
		}
		s.Intro = d.bool(&so, "intro", where)
		s.When = d.when(&so, where)
		for j, fo := range d.tables(&so, "field", where, true) {
			fl := d.field(fo, where, j)
			if fl.ID != "" {
				if prev, dup := fields[fl.ID]; dup {
					d.problem(fo.key("id"), fmt.Sprintf("%s, field %q", where, fl.ID), "duplicate field id (also in %s); field ids are the keys of pre-filled data and must be unique in the form", prev)
				}
				fields[fl.ID] = where
			}
			s.Fields = append(s.Fields, fl)
		}
		d.unknown(&so, where, " (a section has id, intro, when and [[section.field]])")
		f.Sections = append(f.Sections, s)
	}
	d.unknown(&o, "form", " (a form has id, version, date, intro and [[section]])")
	d.checkConditions(f)
	return f
}

// checkConditions makes sure every condition names a choice or checkbox of
// the form and, for a choice, its options.
func (d *decoder) checkConditions(f *Form) {
	check := func(c *Condition, self, where string, line int) {
		if c == nil {
			return
		}
		pos := tomlpos.Pos{Line: line}
		fail := func(format string, args ...any) {
			d.probs = append(d.probs, problem.Problem{File: d.file, Line: pos.Line, Where: where, Msg: "when: " + fmt.Sprintf(format, args...)})
		}
		_, target := f.Field(c.Field)
		switch {
		case c.Field == self:
			fail("a field cannot depend on itself")
		case target == nil:
			fail("no field %q in this form", c.Field)
		case c.Checked != nil && target.Type != Checkbox:
			fail("checked needs a checkbox; %q is a %s field", c.Field, target.Type)
		case c.Checked == nil && target.Type != Choice:
			fail("is and is_not need a choice; %q is a %s field", c.Field, target.Type)
		case c.Checked == nil:
			for _, v := range c.Is {
				if !slices.Contains(target.Options, v) {
					fail("%q is not an option of %q (options: %s)", v, c.Field, strings.Join(target.Options, ", "))
				}
			}
		}
	}
	for _, s := range f.Sections {
		check(s.When, "", fmt.Sprintf("section %q", s.ID), s.Line)
		for _, fl := range s.Fields {
			check(fl.When, fl.ID, fmt.Sprintf("section %q, field %q", s.ID, fl.ID), fl.Line)
		}
	}
}

// when reads a condition: when = { field = "x", is = ["a"] }, is_not, or
// checked = true.
func (d *decoder) when(o *obj, where string) *Condition {
	v, ok := d.get(o, "when")
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		d.problem(o.key("when"), where, "when must be a table such as { field = \"status\", is = [\"married\"] }, not %s", tomlType(v))
		return nil
	}
	w := obj{m: m, path: o.key("when")}
	c := &Condition{Field: d.str(&w, "field", where+", when", true)}
	is, isNot := d.strs(&w, "is", where), d.strs(&w, "is_not", where)
	if _, has := m["checked"]; has {
		b := d.bool(&w, "checked", where)
		c.Checked = &b
	}
	n := 0
	for _, set := range []bool{len(is) > 0, len(isNot) > 0, c.Checked != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		d.problem(o.key("when"), where, "when needs exactly one of is, is_not and checked")
	}
	c.Is = is
	if len(isNot) > 0 {
		c.Is, c.Not = isNot, true
	}
	d.unknown(&w, where+", when", " (when has field and one of is, is_not, checked)")
	return c
}

// dateBound reads a date limit: a date, or "today".
func (d *decoder) dateBound(o *obj, k, where string) DateBound {
	v, ok := d.get(o, k)
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
	d.problem(o.key(k), where, "%s must be a date such as 1900-01-01 or \"today\"", k)
	return DateBound{}
}

func (d *decoder) int64p(o *obj, k, where string) *int64 {
	v, ok := d.get(o, k)
	if !ok {
		return nil
	}
	n, ok := v.(int64)
	if !ok {
		d.problem(o.key(k), where, "%s must be an integer, not %s", k, tomlType(v))
		return nil
	}
	return &n
}

// typeKeys are the keys each field type accepts besides id, type, width,
// required and hint.
var typeKeys = map[Type][]string{
	Text:      {"maxlength", "pattern"},
	Multiline: {"lines", "maxlength"},
	Date:      {"min", "max"},
	Number:    {"digits", "min", "max"},
	Checkbox:  {},
	Choice:    {"options", "multiple"},
	Table:     {"columns", "rows"},
	Signature: {},
	Paragraph: {},
	Heading:   {},
}

func (d *decoder) field(o obj, section string, j int) *Field {
	where := fmt.Sprintf("%s, field %d", section, j+1)
	fl := &Field{Line: d.ix.Lookup(o.path).Line}
	fl.ID = d.id(&o, "id", where)
	if fl.ID != "" {
		where = fmt.Sprintf("%s, field %q", section, fl.ID)
	}
	t := d.str(&o, "type", where, true)
	fl.Type = Type(t)
	keys, known := typeKeys[fl.Type]
	if t != "" && !known {
		names := make([]string, len(Types))
		for i, t := range Types {
			names[i] = string(t)
		}
		d.problem(o.key("type"), where, "unknown field type %q (want one of %s)", t, strings.Join(names, ", "))
	}
	fl.Width = d.int(&o, "width", where, Grid, 1, Grid)
	if fl.Type != Paragraph && fl.Type != Heading {
		fl.Required = d.bool(&o, "required", where)
	}
	fl.Hint = d.bool(&o, "hint", where)
	has := func(k string) bool { return slices.Contains(keys, k) }
	if fl.Type.HasLabel() && fl.Type != Signature {
		fl.DataRequired = d.bool(&o, "data_required", where)
	}
	fl.When = d.when(&o, where)
	if has("maxlength") {
		fl.MaxLength = d.int(&o, "maxlength", where, 0, 1, 10000)
	}
	if has("pattern") {
		if p := d.str(&o, "pattern", where, false); p != "" {
			re, err := regexp.Compile("^(?:" + p + ")$")
			if err != nil {
				d.problem(o.key("pattern"), where, "pattern %q: %v", p, err)
			}
			fl.Pattern = re
		}
	}
	if fl.Type == Date {
		fl.MinDate = d.dateBound(&o, "min", where)
		fl.MaxDate = d.dateBound(&o, "max", where)
	}
	if fl.Type == Number {
		fl.Min = d.int64p(&o, "min", where)
		fl.Max = d.int64p(&o, "max", where)
	}
	if has("lines") {
		fl.Lines = d.int(&o, "lines", where, 3, 1, 30)
	}
	if has("digits") {
		fl.Digits = d.int(&o, "digits", where, 0, 0, 20)
	}
	if has("multiple") {
		fl.Multiple = d.bool(&o, "multiple", where)
	}
	if has("options") {
		fl.Options = d.strs(&o, "options", where)
		if len(fl.Options) == 0 {
			d.problem(o.key("options"), where, "a choice needs options (options = [\"a\", \"b\"])")
		}
		seen := map[string]bool{}
		for i, opt := range fl.Options {
			d.checkID(o.key("options")+"."+strconv.Itoa(i), where, "option", opt)
			if seen[opt] {
				d.problem(o.key("options")+"."+strconv.Itoa(i), where, "duplicate option %q", opt)
			}
			seen[opt] = true
		}
	}
	if has("columns") {
		fl.Rows = d.int(&o, "rows", where, 4, 1, 40)
		cols := d.tables(&o, "columns", where, false)
		if len(cols) == 0 {
			d.problem(o.path, where, "a table needs columns (columns = [{ id = \"name\", width = 3 }, …])")
		}
		seen := map[string]bool{}
		for i, co := range cols {
			cw := fmt.Sprintf("%s, column %d", where, i+1)
			c := Column{ID: d.id(&co, "id", cw), Width: d.int(&co, "width", cw, 1, 1, Grid), Type: Text}
			if t := d.str(&co, "type", cw, false); t != "" {
				c.Type = Type(t)
				if c.Type != Text && c.Type != Date && c.Type != Number {
					d.problem(co.key("type"), cw, "column type %q: want text, date or number", t)
				}
			}
			if c.ID != "" && seen[c.ID] {
				d.problem(co.key("id"), cw, "duplicate column id %q", c.ID)
			}
			seen[c.ID] = true
			d.unknown(&co, cw, " (a column has id, width and type)")
			fl.Columns = append(fl.Columns, c)
		}
	}
	if known {
		allowed := append([]string{"id", "type", "width", "hint", "when"}, keys...)
		if fl.Type != Paragraph && fl.Type != Heading {
			allowed = append(allowed, "required")
		}
		if fl.Type.HasLabel() && fl.Type != Signature {
			allowed = append(allowed, "data_required")
		}
		d.unknown(&o, where, fmt.Sprintf(" for a %s field (it takes %s)", fl.Type, strings.Join(allowed, ", ")))
	} else {
		o.used = slices.Collect(func(yield func(string) bool) {
			for k := range o.m {
				if !yield(k) {
					return
				}
			}
		})
	}
	return fl
}
