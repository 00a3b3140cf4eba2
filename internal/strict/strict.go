// Package strict reads TOML files strictly: it decodes them into a generic
// tree and walks it by hand, so that every wrong type, unknown key and bad
// value of a file is reported at once, each with its line and column
// (tomlpos finds them). Forms and letter templates are read with it.
package strict

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"formgen/internal/locale"
	"formgen/internal/problem"
	"formgen/internal/tomlpos"
)

// idPattern is what ids look like.
var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Reserved are words go-i18n reads as parts of a message, so they cannot
// be the last part of a message id nor stand between its dots.
var Reserved = append([]string{"id", "description", "hash", "leftdelim", "rightdelim"}, locale.PluralCategories...)

// Parse decodes src and returns a decoder for it and its top table, or the
// syntax error as a problem.
func Parse(file string, src []byte) (*Decoder, Table, problem.Problems) {
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, Table{}, problem.Problems{{File: file, Line: pe.Position.Line, Col: pe.Position.Col, Msg: "toml: " + pe.Message}}
		}
		return nil, Table{}, problem.Problems{{File: file, Msg: err.Error()}}
	}
	return &Decoder{File: file, ix: tomlpos.Scan(string(src))}, Table{M: raw}, nil
}

// Line returns the line of a key path.
func (d *Decoder) Line(keyPath string) int { return d.ix.Lookup(keyPath).Line }

// Decoder walks a decoded TOML tree by hand rather than into structs, so
// that wrong types are reported all together, with their positions.
type Decoder struct {
	File  string
	ix    tomlpos.Index
	Probs problem.Problems
}

// Table is a TOML table being read; Path is its key path, for positions.
type Table struct {
	M    map[string]any
	Path string
	used []string
}

// Key returns the key path of key k of the table.
func (o *Table) Key(k string) string {
	if o.Path == "" {
		return k
	}
	return o.Path + "." + k
}

// Problem records a problem at the position of keyPath.
func (d *Decoder) Problem(keyPath, where, format string, args ...any) {
	p := d.ix.Lookup(keyPath)
	d.Probs = append(d.Probs, problem.Problem{File: d.File, Line: p.Line, Col: p.Col, Where: where, Msg: fmt.Sprintf(format, args...)})
}

// Get returns the value of key k and marks it read.
func (d *Decoder) Get(o *Table, k string) (any, bool) {
	o.used = append(o.used, k)
	v, ok := o.M[k]
	return v, ok
}

// TypeName describes the TOML type of a value for a message.
func TypeName(v any) string {
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

// Str reads a string; a missing required one is a problem.
func (d *Decoder) Str(o *Table, k, where string, required bool) string {
	v, ok := d.Get(o, k)
	if !ok {
		if required {
			d.Problem(o.Path, where, "%s is missing", k)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		d.Problem(o.Key(k), where, "%s must be a string, not %s", k, TypeName(v))
	}
	return s
}

// ID reads an identifier; it returns "" when it is missing or invalid.
func (d *Decoder) ID(o *Table, k, where string) string {
	s := d.Str(o, k, where, true)
	if s != "" && !d.CheckID(o.Key(k), where, k, s) {
		return ""
	}
	return s
}

// CheckID reports an identifier that is not lower case or is reserved.
func (d *Decoder) CheckID(keyPath, where, what, s string) bool {
	switch {
	case !idPattern.MatchString(s):
		d.Problem(keyPath, where, "%s %q must be lower case letters, digits and _, starting with a letter", what, s)
	case slices.Contains(Reserved, s):
		d.Problem(keyPath, where, "%s %q is a word go-i18n reserves (%s); choose another", what, s, strings.Join(Reserved, ", "))
	default:
		return true
	}
	return false
}

// Int reads an integer from lo to hi, def when missing.
func (d *Decoder) Int(o *Table, k, where string, def, lo, hi int) int {
	v, ok := d.Get(o, k)
	if !ok {
		return def
	}
	n, ok := v.(int64)
	if !ok {
		d.Problem(o.Key(k), where, "%s must be an integer, not %s", k, TypeName(v))
		return def
	}
	if n < int64(lo) || n > int64(hi) {
		d.Problem(o.Key(k), where, "%s is %d, must be from %d to %d", k, n, lo, hi)
		return def
	}
	return int(n)
}

// Bool reads true or false.
func (d *Decoder) Bool(o *Table, k, where string) bool {
	v, ok := d.Get(o, k)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		d.Problem(o.Key(k), where, "%s must be true or false, not %s", k, TypeName(v))
	}
	return b
}

// Date reads a required date.
func (d *Decoder) Date(o *Table, k, where string) time.Time {
	v, ok := d.Get(o, k)
	if !ok {
		d.Problem(o.Path, where, "%s is missing (a date such as 2026-01-31)", k)
		return time.Time{}
	}
	switch t := v.(type) {
	case time.Time:
		// a local date comes in the machine's zone: keep its calendar day
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	d.Problem(o.Key(k), where, "%s must be a date such as 2026-01-31, not %s", k, TypeName(v))
	return time.Time{}
}

// Tables reads an array of tables.
func (d *Decoder) Tables(o *Table, k, where string, required bool) []Table {
	v, ok := d.Get(o, k)
	if !ok {
		if required {
			d.Problem(o.Path, where, "no [[%s]] given", strings.TrimPrefix(o.Key(k), ""))
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
				d.Problem(o.Key(k)+"."+strconv.Itoa(i), where, "%s must hold tables, not %s", k, TypeName(e))
				return nil
			}
			list = append(list, m)
		}
	default:
		d.Problem(o.Key(k), where, "%s must be an array of tables, not %s", k, TypeName(v))
		return nil
	}
	out := make([]Table, len(list))
	for i, m := range list {
		out[i] = Table{M: m, Path: o.Key(k) + "." + strconv.Itoa(i)}
	}
	return out
}

// Strs reads an array of strings.
func (d *Decoder) Strs(o *Table, k, where string) []string {
	v, ok := d.Get(o, k)
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		d.Problem(o.Key(k), where, "%s must be an array of strings, not %s", k, TypeName(v))
		return nil
	}
	out := make([]string, 0, len(list))
	for i, e := range list {
		s, ok := e.(string)
		if !ok {
			d.Problem(o.Key(k)+"."+strconv.Itoa(i), where, "%s must hold strings, not %s", k, TypeName(e))
			continue
		}
		out = append(out, s)
	}
	return out
}

// Unknown reports keys of o that nothing read.
func (d *Decoder) Unknown(o *Table, where, hint string) {
	keys := make([]string, 0, len(o.M))
	for k := range o.M {
		if !slices.Contains(o.used, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		d.Problem(o.Key(k), where, "unknown key %q%s", k, hint)
	}
}

// ReadAll parses every *.toml file of fsys but those skip names, in the
// order of their names, with parse; prefix goes before file names in
// problems. It returns what parsed without problems and the problems of
// the rest; an error only when the folder cannot be read.
func ReadAll[T any](fsys fs.FS, prefix string, skip func(name string) bool, parse func(file string, src []byte) (T, problem.Problems)) ([]T, problem.Problems, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(names)
	var out []T
	var probs problem.Problems
	for _, name := range names {
		if skip != nil && skip(name) {
			continue
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, nil, err
		}
		v, ps := parse(path.Join(prefix, name), src)
		if len(ps) > 0 {
			probs = append(probs, ps...)
			continue
		}
		out = append(out, v)
	}
	probs.Sort()
	return out, probs, nil
}
