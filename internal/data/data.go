// Package data reads a person's data for a pre-filled form or a letter —
// TOML or JSON keyed by field id — and checks it against the fields before
// anything is written; Encode writes such data back (formgen read). Data is personal: problems name the field path and
// the kind of problem, never the value.
package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"formgen/internal/limitfs"
	"formgen/internal/problem"
)

// Kind is the type of a field's value.
type Kind int

// Value kinds.
const (
	KText    Kind = iota // a line of text (a name may carry its original spelling)
	KLines               // several lines of text
	KDate                // a day
	KTime                // a time of day
	KNumber              // a whole number
	KAmount              // money, in cents
	KBool                // ticked or not
	KOption              // one of the field's options
	KOptions             // any of the field's options
	KRows                // rows of a table, each a record
	KPlace               // a signature's place and date
)

// Field describes what a data key may hold.
type Field struct {
	Key      string
	Kind     Kind
	Required bool     // a value must be given
	Options  []string // KOption, KOptions
	Columns  []Field  // KRows: the columns of a row
	MaxRows  int      // KRows: 0 for no limit
	Check    func(v *Value) string
}

// Value is one checked value.
type Value struct {
	Text     string    // KText, KLines (Latin script), KOption; KNumber's digits as given
	Original string    // KText: the spelling in the person's own script
	Date     time.Time // KDate; KPlace's date
	Minutes  int       // KTime: minutes after midnight
	Number   int64     // KNumber; KAmount in cents
	Bool     bool      // KBool
	Options  []string  // KOptions
	Rows     []Record  // KRows
}

// Record is checked data: field key to value. Keys that were not given
// are absent.
type Record map[string]*Value

// fileError is the problems of a data file: their number, then each with
// its field path, never a value.
type fileError struct {
	file string
	ps   problem.Problems
}

func (e *fileError) Error() string {
	s := "s"
	if len(e.ps) == 1 {
		s = ""
	}
	return fmt.Sprintf("%s: %d problem%s\n%s", e.file, len(e.ps), s, e.ps.Error())
}

func (e *fileError) Unwrap() error { return e.ps }

// Err returns the problems of data file file as one error, sorted by
// field path (errors.As finds the problem.Problems); nil when there are
// none.
func Err(file string, ps problem.Problems) error {
	if len(ps) == 0 {
		return nil
	}
	ps.Sort()
	return &fileError{file, ps}
}

// ReadFile reads the data file at path, which must be a regular file of
// at most limitfs.MaxData bytes (a FIFO or a device would block or never
// end); name is how messages name it and decides the format, as for
// Decode.
func ReadFile(path, name string) (map[string]any, error) {
	src, err := limitfs.ReadFile(path, limitfs.MaxData)
	if err != nil {
		return nil, err
	}
	return Decode(name, bytes.NewReader(src))
}

// Decode reads data from r; name decides the format (.json is JSON,
// anything else, and "-", TOML). It returns the raw tree, keyed by field id.
func Decode(name string, r io.Reader) (map[string]any, error) {
	src, err := limitfs.ReadAll(r, name, limitfs.MaxData)
	if err != nil {
		return nil, err
	}
	raw := map[string]any{}
	if strings.EqualFold(filepath.Ext(name), ".json") {
		dec := json.NewDecoder(bytes.NewReader(src))
		dec.UseNumber()
		err := dec.Decode(&raw)
		if err == nil {
			if _, extra := dec.Token(); extra != io.EOF {
				return nil, fmt.Errorf("%s:%d: not valid JSON: more after the object of field values", name, lineAt(src, dec.InputOffset()))
			}
		}
		if err != nil {
			// the decoder's messages quote the input (a character, a
			// value): keep only where it is and what kind of error it is
			var se *json.SyntaxError
			var te *json.UnmarshalTypeError
			switch {
			case errors.As(err, &se):
				return nil, fmt.Errorf("%s:%d: not valid JSON", name, lineAt(src, se.Offset))
			case errors.As(err, &te):
				return nil, fmt.Errorf("%s:%d: not a JSON object of field values", name, lineAt(src, te.Offset))
			case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
				return nil, fmt.Errorf("%s: not valid JSON: it ends too soon", name)
			}
			return nil, fmt.Errorf("%s: not valid JSON", name)
		}
		return raw, nil
	}
	if _, err := toml.Decode(string(src), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			// the message of a TOML error may quote the input: keep
			// only where it is and what kind of error it is
			return nil, fmt.Errorf("%s:%d:%d: not valid TOML", name, pe.Position.Line, pe.Position.Col)
		}
		return nil, fmt.Errorf("%s: not valid TOML", name)
	}
	return raw, nil
}

// lineAt is the 1-based line of byte offset off of src.
func lineAt(src []byte, off int64) int {
	return 1 + bytes.Count(src[:min(max(int(off), 0), len(src))], []byte("\n"))
}

// Check checks raw data against fields. It returns the values that are
// valid, and all problems, each with file and field path (nil when there
// are none); Err makes them one error.
func Check(file string, raw map[string]any, fields []Field) (Record, problem.Problems) {
	c := &checker{file: file}
	rec := c.record("", raw, fields)
	return rec, c.probs
}

type checker struct {
	file  string
	probs problem.Problems
}

func (c *checker) fail(path, format string, args ...any) {
	c.probs = append(c.probs, problem.Problem{File: c.file, Field: path, Msg: fmt.Sprintf(format, args...)})
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func (c *checker) record(prefix string, raw map[string]any, fields []Field) Record {
	rec := Record{}
	known := map[string]bool{}
	for _, f := range fields {
		known[f.Key] = true
		path := join(prefix, f.Key)
		v, ok := raw[f.Key]
		if !ok || isEmpty(v) {
			if f.Required {
				c.fail(path, "required, but no value given")
			}
			continue
		}
		if val := c.value(path, v, f); val != nil {
			if f.Check != nil {
				if msg := f.Check(val); msg != "" {
					c.fail(path, "%s", msg)
					continue
				}
			}
			rec[f.Key] = val
		}
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		if !known[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		name := k
		if strings.TrimSpace(k) == "" {
			name = strconv.Quote(k) // an empty key still has a place in the message
		}
		c.fail(join(prefix, name), "no such field")
	}
	return rec
}

func isEmpty(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(t) == ""
	case []any:
		return len(t) == 0
	case []map[string]any:
		return len(t) == 0
	}
	return false
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case bool:
		return "true or false"
	case int64, float64, json.Number:
		return "a number"
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

func (c *checker) value(path string, v any, f Field) *Value {
	switch f.Kind {
	case KText, KLines:
		return c.text(path, v, f.Kind == KLines)
	case KDate:
		d, ok := c.date(path, v)
		if !ok {
			return nil
		}
		return &Value{Date: d}
	case KTime:
		return c.timeValue(path, v)
	case KNumber:
		return c.numberValue(path, v)
	case KAmount:
		cents, msg := amount(v)
		if msg != "" {
			c.fail(path, "%s", msg)
			return nil
		}
		return &Value{Number: cents}
	case KBool:
		b, ok := v.(bool)
		if !ok {
			c.fail(path, "must be true or false, not %s", typeName(v))
			return nil
		}
		return &Value{Bool: b}
	case KOption:
		return c.option(path, v, f)
	case KOptions:
		return c.options(path, v, f)
	case KRows:
		return c.rows(path, v, f)
	case KPlace:
		return c.place(path, v)
	}
	c.fail(path, "cannot be pre-filled")
	return nil
}

// timeValue reads a time of day, such as 09:30.
func (c *checker) timeValue(path string, v any) *Value {
	s, ok := v.(string)
	h, m, err := parseTime(s)
	if !ok || err != nil {
		c.fail(path, "not a time of day such as 09:30")
		return nil
	}
	return &Value{Minutes: h*60 + m}
}

// numberValue reads a whole number, keeping the digits as given.
func (c *checker) numberValue(path string, v any) *Value {
	n, ok := number(v)
	if !ok {
		c.fail(path, "not a whole number")
		return nil
	}
	// the digits as given: a postcode keeps its leading zero
	text := strconv.FormatInt(n, 10)
	if s, isStr := v.(string); isStr {
		text = strings.TrimSpace(s)
	}
	return &Value{Number: n, Text: text}
}

// option reads one of the options of f.
func (c *checker) option(path string, v any, f Field) *Value {
	s, ok := v.(string)
	if !ok {
		c.fail(path, "must be one option (%s), not %s", strings.Join(f.Options, ", "), typeName(v))
		return nil
	}
	if !contains(f.Options, s) {
		c.fail(path, "not an option of this field (options: %s)", strings.Join(f.Options, ", "))
		return nil
	}
	return &Value{Text: s}
}

// options reads a list of options of f (or one option as a string).
func (c *checker) options(path string, v any, f Field) *Value {
	list, ok := v.([]any)
	if !ok {
		if s, isStr := v.(string); isStr {
			list, ok = []any{s}, true
		}
	}
	if !ok {
		c.fail(path, "must be a list of options (%s)", strings.Join(f.Options, ", "))
		return nil
	}
	val := &Value{}
	for i, e := range list {
		s, ok := e.(string)
		if !ok || !contains(f.Options, s) {
			c.fail(fmt.Sprintf("%s[%d]", path, i+1), "not an option of this field (options: %s)", strings.Join(f.Options, ", "))
			continue
		}
		if !contains(val.Options, s) {
			val.Options = append(val.Options, s)
		}
	}
	return val
}

// rows reads the rows of a table, each a record of the columns of f.
func (c *checker) rows(path string, v any, f Field) *Value {
	var rows []map[string]any
	switch t := v.(type) {
	case []map[string]any:
		rows = t
	case []any:
		for i, e := range t {
			m, ok := e.(map[string]any)
			if !ok {
				c.fail(fmt.Sprintf("%s[%d]", path, i+1), "a row must be a table of column values, not %s", typeName(e))
				continue
			}
			rows = append(rows, m)
		}
	default:
		c.fail(path, "must be a list of rows, not %s", typeName(v))
		return nil
	}
	if f.MaxRows > 0 && len(rows) > f.MaxRows {
		c.fail(path, "%d rows given, the form has room for %d", len(rows), f.MaxRows)
	}
	val := &Value{}
	for i, r := range rows {
		val.Rows = append(val.Rows, c.record(fmt.Sprintf("%s[%d]", path, i+1), r, f.Columns))
	}
	return val
}

// place reads the place and date of a signature.
func (c *checker) place(path string, v any) *Value {
	m, ok := v.(map[string]any)
	if !ok {
		c.fail(path, "must be a table with place and date")
		return nil
	}
	val := &Value{}
	sub := c.record(path, m, []Field{{Key: "place", Kind: KText}, {Key: "date", Kind: KDate}})
	if p := sub["place"]; p != nil {
		val.Text = p.Text
	}
	if d := sub["date"]; d != nil {
		val.Date = d.Date
	}
	return val
}

// text reads a line of text: a string, or for a name a table with the
// Latin spelling and the original one.
func (c *checker) text(path string, v any, lines bool) *Value {
	val := &Value{}
	switch t := v.(type) {
	case string:
		val.Text = t
	case map[string]any:
		latin, _ := t["latin"].(string)
		orig, _ := t["original"].(string)
		for k := range t {
			if k != "latin" && k != "original" {
				c.fail(path+"."+k, "no such part (a name has latin and original)")
			}
		}
		if latin == "" {
			c.fail(path+".latin", "required: the spelling in Latin script")
			return nil
		}
		val.Text, val.Original = latin, orig
	case int64, json.Number, float64:
		val.Text = fmt.Sprint(t)
	default:
		c.fail(path, "must be text, not %s", typeName(v))
		return nil
	}
	val.Text = strings.TrimSpace(val.Text)
	if !lines && strings.ContainsAny(val.Text, "\n\r") {
		c.fail(path, "must be one line")
		return nil
	}
	if _, ok := notLatin(val.Text); !ok {
		// which character is not said: it would show part of the data
		c.fail(path, "not in Latin script: data fields are written in Latin letters; give the original spelling as { latin = …, original = … }")
		return nil
	}
	return val
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func number(v any) (int64, bool) {
	switch t := v.(type) {
	case int64:
		return t, true
	case json.Number:
		n, err := t.Int64()
		return n, err == nil
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(t), 10, 64)
		return n, err == nil
	}
	return 0, false
}

// MaxAmount is the largest amount of money a data file may give, in
// cents: 10.000.000,00 €. It keeps every amount exact (a TOML float below
// it has at most 15 significant digits) and far from int64 overflow.
const MaxAmount = 10_000_000_00

// amount reads euros, always as a decimal, never through a float: a TOML
// or JSON number (100, 100.5), or text in the German way ("1.250,00",
// "1.250", "100,50") or the plain one ("1250.00"). It returns the cents,
// or what is wrong (never the value itself).
func amount(v any) (int64, string) {
	switch t := v.(type) {
	case int64:
		if t < 0 {
			return 0, "must not be negative"
		}
		if t > MaxAmount/100 {
			return 0, "more than the largest amount formgen takes (10.000.000,00 €)"
		}
		return t * 100, ""
	case float64:
		if math.IsInf(t, 0) || math.IsNaN(t) {
			return 0, "not an amount of euros such as 100 or 100.50"
		}
		// the shortest decimal that reads back as this float: what was
		// written, for every amount up to the maximum
		return decimalAmount(strconv.FormatFloat(t, 'f', -1, 64))
	case json.Number:
		return decimalAmount(t.String())
	case string:
		return textAmount(strings.TrimSpace(t))
	}
	return 0, "not an amount of euros such as 100 or 100.50"
}

// textAmount reads an amount written as text. A separator followed by
// exactly three digits groups thousands in the German way ("1.250"); a
// comma is the German decimal separator. "1,250" could be English
// thousands or German decimals and is refused, as is English grouping.
func textAmount(s string) (int64, string) {
	const how = "not an amount of euros: write 1.250,00 or 1250.00"
	if strings.HasPrefix(s, "-") {
		return 0, "must not be negative"
	}
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	switch {
	case commas > 1:
		return 0, "ambiguous amount: write 1.250,00 (German) or 1250.00"
	case commas == 1:
		whole, frac, _ := strings.Cut(s, ",")
		if len(frac) == 3 && dots == 0 {
			return 0, "ambiguous amount (thousands or decimals?): write 1.250,00 (German) or 1250.00"
		}
		if strings.Contains(frac, ".") {
			return 0, "ambiguous amount: write 1.250,00 (German) or 1250.00"
		}
		digits, ok := ungroup(whole)
		if !ok {
			return 0, how
		}
		return decimalAmount(digits + "." + frac)
	case dots == 1:
		if _, frac, _ := strings.Cut(s, "."); len(frac) != 3 {
			return decimalAmount(s) // plain: 1250.00, 1250.5
		}
	}
	digits, ok := ungroup(s)
	if !ok {
		return 0, how
	}
	return decimalAmount(digits)
}

// ungroup removes German thousands dots from whole euros; groups after the
// first must have three digits.
func ungroup(s string) (string, bool) {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		if p == "" || (i > 0 && len(p) != 3) || (i == 0 && len(parts) > 1 && len(p) > 3) {
			return "", false
		}
	}
	return strings.Join(parts, ""), true
}

// decimalAmount reads digits with an optional decimal point and at most
// two decimals that are not zero, and checks the range.
func decimalAmount(s string) (int64, string) {
	const how = "not an amount of euros such as 100 or 100.50"
	if strings.HasPrefix(s, "-") {
		return 0, "must not be negative"
	}
	whole, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	if whole == "" || len(frac) > 2 || !allDigits(whole) || !allDigits(frac) {
		if len(frac) > 2 && allDigits(frac) && allDigits(whole) && whole != "" {
			return 0, "more than two decimals: an amount is whole cents"
		}
		return 0, how
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 8 {
		return 0, "more than the largest amount formgen takes (10.000.000,00 €)"
	}
	var cents int64
	for _, c := range whole + (frac + "00")[:2] {
		cents = cents*10 + int64(c-'0')
	}
	if cents > MaxAmount {
		return 0, "more than the largest amount formgen takes (10.000.000,00 €)"
	}
	return cents, ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// date reads a day: a TOML date, or text as 2026-03-12 or 12.03.2026.
func (c *checker) date(path string, v any) (time.Time, bool) {
	switch t := v.(type) {
	case time.Time:
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
	case string:
		s := strings.TrimSpace(t)
		for _, layout := range []string{"2006-01-02", "02.01.2006", "2.1.2006"} {
			if d, err := time.Parse(layout, s); err == nil {
				return d, true
			}
		}
		if looksLikeDate(s) {
			c.fail(path, "not a date that exists")
		} else {
			c.fail(path, "not a date (write 2026-03-12 or 12.03.2026)")
		}
		return time.Time{}, false
	}
	c.fail(path, "must be a date, not %s", typeName(v))
	return time.Time{}, false
}

// looksLikeDate reports text shaped like a date (a date that does not
// exist, like 31.02.2026, is a different mistake from a name in a date
// field).
func looksLikeDate(s string) bool {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '-' })
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			return false
		}
	}
	return true
}

func parseTime(s string) (h, m int, err error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, 0, err
	}
	return t.Hour(), t.Minute(), nil
}
