// Package letter reads the templates of letters and information sheets in
// templates/: the data a letter takes, its blocks of text, when each block
// applies, and the message ids of their texts (docs/templates.md). The
// texts themselves are messages of the locale files, like a form's.
package letter

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"formgen/internal/data"
	"formgen/internal/problem"
	"formgen/internal/strict"
)

// Kind is how a template is laid out.
type Kind string

// Template kinds.
const (
	// KindLetter is a letter after DIN 5008 form B, with the address where
	// a window envelope shows it: the German letter, then the same letter
	// in the reader's language on pages of its own.
	KindLetter Kind = "letter"
	// KindSheet is an information sheet: German and the translation side
	// by side in two columns, each paragraph level with its translation.
	KindSheet Kind = "sheet"
)

// ExamplesDir holds each template's example data, <id>.toml.
const ExamplesDir = "examples"

// Template is one letter or sheet template.
type Template struct {
	ID      string
	Version string
	Date    time.Time
	Kind    Kind
	Fields  []Field
	Blocks  []*Block
	File    string
}

// Field is a value a template takes, a placeholder of its messages.
type Field struct {
	Key      string
	Type     Type
	Required bool
	Options  []string
	Pattern  *regexp.Regexp
	Line     int
}

// Block types.
const (
	Paragraph = "paragraph"
	Heading   = "heading"
	List      = "list"
	Table     = "table"
)

// Block is a piece of a template's text.
type Block struct {
	ID   string
	Type string
	// Message, when set, is the id of an existing message to print instead
	// of <template>.<block> (an information sheet that repeats a form's
	// wording uses the form's messages).
	Message string
	Items   string          // list: the options field whose chosen options are the items
	Static  []string        // list: fixed items
	Rows    []Row           // table
	When    *data.Condition // printed only when this holds (given, checked, is, is_not)
	Line    int
}

// Row is a row of a table block: its label's id and the field it shows.
type Row struct {
	ID    string
	Field string
}

// Fields a letter must declare: the layout puts them in the address field
// and the information block.
var letterFields = map[string]Type{
	"recipient":   Name,
	"street":      Text,
	"postcode":    Text,
	"city":        Text,
	"file_number": Text,
	"letter_date": Date,
	"clerk":       Text,
}

// Type is the type of a template's field.
type Type string

// The field types.
const (
	Name    Type = "name"    // a person's name, in Latin script and, in a translation, their own
	Text    Type = "text"    // a line of text
	Date    Type = "date"    // a day, written in each language's way
	Time    Type = "time"    // a time of day
	Number  Type = "number"  // a whole number
	Amount  Type = "amount"  // money
	Bool    Type = "bool"    // yes or no, for when
	Option  Type = "option"  // one of the field's options
	Options Type = "options" // any of the field's options, for a list
)

// kinds are the field types in documentation order, with the kind of
// value each holds: a new type is added here.
var kinds = []struct {
	typ  Type
	kind data.Kind
}{
	{Name, data.KText}, {Text, data.KText}, {Date, data.KDate}, {Time, data.KTime}, {Number, data.KNumber},
	{Amount, data.KAmount}, {Bool, data.KBool}, {Option, data.KOption}, {Options, data.KOptions},
}

// Kind returns the kind of value a field of type t holds; ok is false
// for a type that does not exist.
func (t Type) Kind() (k data.Kind, ok bool) {
	for _, e := range kinds {
		if e.typ == t {
			return e.kind, true
		}
	}
	return 0, false
}

// typeNames lists the field types for a message.
func typeNames() string {
	names := make([]string, len(kinds))
	for i, e := range kinds {
		names[i] = string(e.typ)
	}
	return strings.Join(names, ", ")
}

// Set is the templates of a folder.
type Set struct {
	Templates []*Template
	fsys      fs.FS  // the folder, for the examples
	prefix    string // its name in messages
}

// Example reads and checks the example data of template t
// (examples/<id>.toml): the data formgen build fills it with.
func (s *Set) Example(t *Template) (data.Record, error) {
	name := path.Join(ExamplesDir, t.ID+".toml")
	file := path.Join(s.prefix, name)
	src, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		return nil, fmt.Errorf("template %s: no example data: %w", t.ID, err)
	}
	raw, err := data.Decode(file, bytes.NewReader(src))
	if err != nil {
		return nil, err
	}
	return t.Record(file, raw)
}

// Record checks the data of one letter, read from file, against the
// template's fields: the values, or every problem as one error.
func (t *Template) Record(file string, raw map[string]any) (data.Record, error) {
	rec, probs := data.Check(file, raw, t.DataFields())
	if err := data.Err(file, probs); err != nil {
		return nil, err
	}
	return rec, nil
}

// Get returns the template with id, or nil.
func (s *Set) Get(id string) *Template { return strict.Find(s.Templates, id, templateID) }

// IDs returns the ids of the templates.
func (s *Set) IDs() []string { return strict.IDs(s.Templates, templateID) }

func templateID(t *Template) string { return t.ID }

// LoadAll reads every *.toml template of fsys; prefix goes before file
// names in problems. Templates with problems are left out.
func LoadAll(fsys fs.FS, prefix string) (*Set, problem.Problems, error) {
	templates, probs, err := strict.ReadAll(fsys, prefix, nil, Parse)
	if err != nil {
		return nil, nil, err
	}
	return &Set{Templates: templates, fsys: fsys, prefix: prefix}, probs, nil
}

type decoder struct{ *strict.Decoder }

// Parse decodes and checks one template file.
func Parse(file string, src []byte) (*Template, problem.Problems) {
	sd, top, ps := strict.Parse(file, src)
	if ps != nil {
		return nil, ps
	}
	d := &decoder{sd}
	t := &Template{File: file}
	t.ID = d.ID(&top, "id", "template")
	if want := strings.TrimSuffix(path.Base(file), ".toml"); t.ID != "" && t.ID != want {
		d.Problem("id", "template", "id %q does not match the file name (want %q)", t.ID, want)
	}
	t.Version = d.Str(&top, "version", "template", true)
	t.Date = d.Date(&top, "date", "template")
	switch k := Kind(d.Str(&top, "kind", "template", true)); k {
	case KindLetter, KindSheet:
		t.Kind = k
	case "":
	default:
		d.Problem("kind", "template", "kind %q: want letter or sheet", k)
	}
	t.Fields = d.fields(&top)
	for i, bo := range d.Tables(&top, "block", "template", true) {
		t.Blocks = append(t.Blocks, d.block(bo, i))
	}
	d.Unknown(&top, "template", " (a template has id, version, date, kind, fields and [[block]])")
	d.check(t)
	if len(d.Probs) > 0 {
		d.Probs.Sort()
		return nil, d.Probs
	}
	return t, nil
}

func (d *decoder) fields(top *strict.Table) []Field {
	v, ok := d.Get(top, "fields")
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		d.Problem("fields", "template", "fields must be a table of field definitions")
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []Field
	for _, k := range keys {
		where := fmt.Sprintf("field %q", k)
		d.CheckID("fields."+k, where, "field", k)
		fm, ok := m[k].(map[string]any)
		if !ok {
			d.Problem("fields."+k, where, "must be a table such as { type = \"text\", required = true }")
			continue
		}
		ft := strict.Table{M: fm, Path: "fields." + k}
		f := Field{Key: k, Line: d.Line(ft.Path)}
		f.Type = Type(d.Str(&ft, "type", where, true))
		if _, ok := f.Type.Kind(); f.Type != "" && !ok {
			d.Problem(ft.Key("type"), where, "type %q: want one of %s", f.Type, typeNames())
		}
		f.Required = d.Bool(&ft, "required", where)
		if f.Type == Option || f.Type == Options {
			f.Options = d.Strs(&ft, "options", where)
			if len(f.Options) == 0 {
				d.Problem(ft.Path, where, "an %s field needs options", f.Type)
			}
			for i, o := range f.Options {
				d.CheckID(fmt.Sprintf("%s.options.%d", ft.Path, i), where, "option", o)
			}
		}
		if p := d.Str(&ft, "pattern", where, false); p != "" {
			re, err := regexp.Compile("^(?:" + p + ")$")
			if err != nil {
				d.Problem(ft.Key("pattern"), where, "pattern %q: %v", p, err)
			}
			f.Pattern = re
		}
		d.Unknown(&ft, where, " (a field has type, required, options and pattern)")
		out = append(out, f)
	}
	return out
}

func (d *decoder) block(o strict.Table, i int) *Block {
	where := fmt.Sprintf("block %d", i+1)
	b := &Block{Line: d.Line(o.Path), Type: Paragraph}
	b.ID = d.ID(&o, "id", where)
	if b.ID != "" {
		where = fmt.Sprintf("block %q", b.ID)
	}
	if t := d.Str(&o, "type", where, false); t != "" {
		b.Type = t
	}
	b.Message = d.Str(&o, "message", where, false)
	switch b.Type {
	case Paragraph, Heading:
	case List:
		b.Items = d.Str(&o, "items", where, false)
		b.Static = d.Strs(&o, "static", where)
		if (b.Items == "") == (len(b.Static) == 0) {
			d.Problem(o.Path, where, "a list needs items (an options field) or static (fixed items), one of them")
		}
		for j, s := range b.Static {
			d.CheckID(fmt.Sprintf("%s.static.%d", o.Path, j), where, "item", s)
		}
	case Table:
		v, _ := d.Get(&o, "rows")
		rows, ok := v.([]any)
		if !ok || len(rows) == 0 {
			d.Problem(o.Path, where, "a table needs rows = [[\"label\", \"field\"], …]")
		}
		for j, r := range rows {
			pair, ok := r.([]any)
			var id, field string
			if ok && len(pair) == 2 {
				id, _ = pair[0].(string)
				field, _ = pair[1].(string)
			}
			if id == "" || field == "" {
				d.Problem(fmt.Sprintf("%s.rows.%d", o.Path, j), where, "a row is [\"label\", \"field\"]")
				continue
			}
			d.CheckID(fmt.Sprintf("%s.rows.%d", o.Path, j), where, "row", id)
			b.Rows = append(b.Rows, Row{ID: id, Field: field})
		}
	default:
		d.Problem(o.Key("type"), where, "type %q: want paragraph, heading, list or table", b.Type)
	}
	b.When = d.When(&o, where, data.TestGiven, data.TestChecked, data.TestIs, data.TestIsNot)
	d.Unknown(&o, where, " (a block has id, type, message, items, static, rows and when)")
	return b
}

// check ties blocks to fields: conditions, list items and table rows must
// name declared fields of the right type, and a letter must declare the
// fields its address and information block print.
func (d *decoder) check(t *Template) {
	byKey := map[string]Field{}
	for _, f := range t.Fields {
		byKey[f.Key] = f
	}
	if t.Kind == KindLetter {
		d.checkLetterFields(byKey)
	}
	fields := t.DataFields()
	typeName := func(key string) string { return "of type " + string(byKey[key].Type) }
	ids := map[string]bool{}
	for _, b := range t.Blocks {
		where := fmt.Sprintf("block %q", b.ID)
		fail := func(format string, args ...any) {
			d.Probs = append(d.Probs, problem.Problem{File: d.File, Line: b.Line, Where: where, Msg: fmt.Sprintf(format, args...)})
		}
		if b.ID != "" && ids[b.ID] {
			fail("duplicate block id")
		}
		ids[b.ID] = true
		if f, ok := byKey[b.Items]; b.Items != "" && (!ok || f.Type != Options) {
			fail("items: %q is not an options field of the template", b.Items)
		}
		for _, r := range b.Rows {
			if _, ok := byKey[r.Field]; !ok {
				fail("row %q shows %q, which is not a field of the template", r.ID, r.Field)
			}
		}
		if b.When != nil {
			for _, msg := range b.When.Check(fields, "", typeName) {
				fail("when: %s", msg)
			}
		}
	}
}

// checkLetterFields reports the fields a letter's address and information
// block need that are missing or of another type.
func (d *decoder) checkLetterFields(byKey map[string]Field) {
	for _, k := range sortedKeys(letterFields) {
		f, ok := byKey[k]
		switch {
		case !ok:
			d.Problem("fields", "template", "a letter needs the field %s (type %s) for its address and information block", k, letterFields[k])
		case f.Type != letterFields[k]:
			d.Problem("fields."+k, fmt.Sprintf("field %q", k), "must be of type %s in a letter", letterFields[k])
		}
	}
}

func sortedKeys(m map[string]Type) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Message ids of a template's texts (docs/templates.md):
//
//	<template>.title               the letter's subject, the sheet's title
//	<template>.<block>             a paragraph or heading
//	<template>.<block>.title       a list's or table's heading
//	<template>.<block>.<item>      a list item (an option or a static item)
//	<template>.<block>.<row>       a table row's label

// Texts every letter prints, beside its own.
const (
	MsgFile        = "common.letter.file"       // label: file number
	MsgClerk       = "common.letter.clerk"      // label: clerk
	MsgPhone       = "common.letter.phone"      // label: telephone
	MsgEmail       = "common.letter.email"      // label: e-mail
	MsgDate        = "common.letter.date"       // label: date
	MsgTranslation = "common.letter.translated" // heading of the translation
	MsgEnclosure   = "common.letter.enclosure"  // the translation as an enclosure
)

// CommonMessages lists them.
var CommonMessages = []string{MsgFile, MsgClerk, MsgPhone, MsgEmail, MsgDate, MsgTranslation, MsgEnclosure}

// TitleID is the message id of a template's subject or title.
func TitleID(t string) string { return t + ".title" }

// MessageID is the id of a paragraph's or heading's text.
func (t *Template) MessageID(b *Block) string {
	if b.Message != "" {
		return b.Message
	}
	return t.ID + "." + b.ID
}

// Messages lists the ids of every message the template prints.
func (t *Template) Messages() []string {
	ids := []string{TitleID(t.ID)}
	for _, b := range t.Blocks {
		switch b.Type {
		case Paragraph, Heading:
			ids = append(ids, t.MessageID(b))
		case List:
			ids = append(ids, t.ID+"."+b.ID+".title")
			for _, it := range t.listItems(b) {
				ids = append(ids, t.ID+"."+b.ID+"."+it)
			}
		case Table:
			ids = append(ids, t.ID+"."+b.ID+".title")
			for _, r := range b.Rows {
				ids = append(ids, t.ID+"."+b.ID+"."+r.ID)
			}
		}
	}
	return ids
}

// listItems returns every item a list block may show.
func (t *Template) listItems(b *Block) []string {
	if len(b.Static) > 0 {
		return b.Static
	}
	for _, f := range t.Fields {
		if f.Key == b.Items {
			return f.Options
		}
	}
	return nil
}

// CheckMessages reports every message of t without German text in the
// German file source (e.g. "locales/de.toml").
func (t *Template) CheckMessages(source string, hasGerman func(string) bool) problem.Problems {
	var ps problem.Problems
	for _, id := range t.Messages() {
		if !hasGerman(id) {
			ps = append(ps, problem.Problem{File: t.File, ID: id, Msg: fmt.Sprintf("message %q has no German text in %s", id, source)})
		}
	}
	return ps
}

// CheckPlaceholders reports every value a German text of t prints
// ({{.name}}, as placeholders lists them) that is not a field of t, or
// that is an optional field in a block that does not depend on it being
// given: either would print as a blank in the letter.
func (t *Template) CheckPlaceholders(placeholders func(id string) []string) problem.Problems {
	fields := map[string]Field{}
	for _, f := range t.Fields {
		fields[f.Key] = f
	}
	var ps problem.Problems
	check := func(id string, line int, guard *data.Condition) {
		for _, name := range placeholders(id) {
			f, ok := fields[name]
			switch {
			case !ok:
				ps = append(ps, problem.Problem{File: t.File, Line: line, Msg: fmt.Sprintf("message %q prints {{.%s}}, which is not a field of the template", id, name)})
			case !f.Required && !(guard != nil && guard.Field == name && guard.Given != nil && *guard.Given):
				ps = append(ps, problem.Problem{File: t.File, Line: line, Msg: fmt.Sprintf("message %q prints the optional field %s: make it required, or give the block when = { field = %q, given = true }", id, name, name)})
			}
		}
	}
	check(TitleID(t.ID), 0, nil)
	for _, b := range t.Blocks {
		switch b.Type {
		case Paragraph, Heading:
			check(t.MessageID(b), b.Line, b.When)
		case List:
			check(t.ID+"."+b.ID+".title", b.Line, b.When)
			for _, it := range t.listItems(b) {
				check(t.ID+"."+b.ID+"."+it, b.Line, b.When)
			}
		case Table:
			check(t.ID+"."+b.ID+".title", b.Line, b.When)
			for _, r := range b.Rows {
				check(t.ID+"."+b.ID+"."+r.ID, b.Line, b.When)
			}
		}
	}
	return ps
}

// DataFields describes the data the template takes.
func (t *Template) DataFields() []data.Field {
	var out []data.Field
	for _, f := range t.Fields {
		df := data.Field{Key: f.Key, Required: f.Required, Options: f.Options}
		df.Kind, _ = f.Type.Kind()
		if p := f.Pattern; p != nil {
			df.Check = func(v *data.Value) string {
				if !p.MatchString(v.Text) {
					return "does not have the form this field asks for"
				}
				return ""
			}
		}
		out = append(out, df)
	}
	return out
}

// Applies reports whether block b is printed for the data.
func (b *Block) Applies(rec data.Record) bool { return b.When.Holds(rec) }

// Items returns the items a list block shows for the data.
func (t *Template) Items(b *Block, rec data.Record) []string {
	if len(b.Static) > 0 {
		return b.Static
	}
	if v := rec[b.Items]; v != nil {
		// in the order the template declares them
		var out []string
		for _, o := range t.listItems(b) {
			if slices.Contains(v.Options, o) {
				out = append(out, o)
			}
		}
		return out
	}
	return nil
}
