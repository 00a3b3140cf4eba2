// Package acroform reads back a filled-in copy of a fillable form that
// formgen wrote: which form, version and locale it is (from the XMP
// metadata, see internal/pdf), and the values of its fields, turned into
// the data a pre-filled copy takes (the same keys and shapes as a --data
// file). It reads PDFs itself, tolerantly, as far as form fields need: any
// tool may have filled the copy (pdftk, a browser, Acrobat).
package acroform

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Filled is what a filled-in copy holds.
type Filled struct {
	Form, Version, Locale string
	// Values are the fields' values by field name: a text field's text, a
	// button's state ("Off" when not ticked).
	Values map[string]string
}

// Namespaces are the XML namespaces of the XMP properties that name the
// form, its version and its locale (formgen:form …): the one
// internal/pdf writes (pdf.FormgenNS), and the placeholder forms used
// before it, which copies handed out still carry.
var Namespaces = []string{
	"urn:uuid:aa1c8789-d801-4b2a-bdc6-c37657441b87#",
	"https://formgen.invalid/ns/form/1.0/",
}

// Read reads a filled-in copy.
func Read(data []byte) (*Filled, error) {
	f, err := parse(data)
	if err != nil {
		return nil, err
	}
	out := &Filled{Values: map[string]string{}}
	if s, ok := f.get(f.root["Metadata"]).(*stream); ok {
		if x, err := f.decode(s); err == nil {
			xmpProps(x, out)
		}
	}
	if out.Form == "" {
		return nil, errors.New("not a form made by formgen: its metadata names no form (formgen:form)")
	}
	af := f.dict(f.root["AcroForm"])
	if af == nil {
		return nil, errors.New("the PDF has no form fields (was it made with --flat, or printed to PDF?)")
	}
	fields, _ := f.get(af["Fields"]).([]any)
	seen := map[int]bool{}
	for _, fl := range fields {
		if err := f.field(fl, "", out.Values, seen, 0); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// xmpProps reads the form, version and locale from an XMP packet x into
// out: as elements (<formgen:form>…) or, as some tools rewrite the packet,
// attributes of rdf:Description, under any prefix bound to one of the
// Namespaces. A damaged packet gives what was read before the damage.
func xmpProps(x []byte, out *Filled) {
	d := xml.NewDecoder(bytes.NewReader(x))
	d.Strict = false
	var open *xml.Name // a property element being read
	var val strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			for _, a := range t.Attr {
				out.setProp(a.Name, a.Value)
			}
			n := t.Name
			open = &n
			val.Reset()
		case xml.CharData:
			if open != nil {
				val.Write(t)
			}
		case xml.EndElement:
			if open != nil && *open == t.Name {
				out.setProp(t.Name, strings.TrimSpace(val.String()))
			}
			open = nil
		}
	}
}

// setProp records the XMP property n of one of the Namespaces: the form,
// version or locale; any other name is not formgen's and is passed over.
func (out *Filled) setProp(n xml.Name, v string) {
	if !slices.Contains(Namespaces, n.Space) {
		return
	}
	switch n.Local {
	case "form":
		out.Form = v
	case "version":
		out.Version = v
	case "locale":
		out.Locale = v
	}
}

// field reads a field and its kids, prefix being its parent's full name.
func (f *file) field(v any, prefix string, out map[string]string, seen map[int]bool, depth int) error {
	if r, ok := v.(ref); ok {
		if seen[r.num] {
			return nil
		}
		seen[r.num] = true
	}
	if depth > 32 {
		return errors.New("form fields nested too deep")
	}
	d := f.dict(v)
	if d == nil {
		return nil
	}
	full := prefix
	if t := text(f.get(d["T"])); t != "" {
		if full != "" {
			full += "."
		}
		full += t
	}
	kids, _ := f.get(d["Kids"]).([]any)
	named := false
	for _, k := range kids {
		if kd := f.dict(k); kd != nil && kd["T"] != nil {
			named = true
		}
	}
	if named {
		for _, k := range kids {
			if err := f.field(k, full, out, seen, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if full == "" {
		return nil
	}
	out[full] = f.value(d, kids)
	return nil
}

// value returns the value of the field d, whose widgets are kids.
func (f *file) value(d dict, kids []any) string {
	switch val := f.get(d["V"]).(type) {
	case string:
		return lineFeeds(text(val))
	case name:
		return string(val)
	}
	if ft := f.inherited(d, "FT"); ft != name("Btn") {
		return ""
	}
	// a button without a value: its widget's state, if any says on
	state := "Off"
	for _, w := range append([]any{d}, kids...) {
		if as, ok := f.get(f.dict(w)["AS"]).(name); ok && as != "Off" {
			state = string(as)
		}
	}
	return state
}

// lineFeeds turns the line breaks of a text into line feeds, as data
// files have them: a PDF viewer may end a line of a multiline field with
// CR LF (PDFium, the engine of Chrome's viewer, does) or CR, which the
// data check would take for characters no register accepts.
func lineFeeds(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// inherited returns an entry of a field or of its nearest ancestor.
func (f *file) inherited(d dict, key name) any {
	for range 32 {
		if d == nil {
			return nil
		}
		if v, ok := d[key]; ok {
			return f.get(v)
		}
		d = f.dict(d["Parent"])
	}
	return nil
}

// String names the form, version and locale of the copy.
func (r *Filled) String() string {
	return fmt.Sprintf("form %s, version %s, locale %s", r.Form, r.Version, r.Locale)
}

func trim(s string) string { return strings.TrimSpace(s) }
