package render

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"formgen/internal/form"
	"formgen/internal/layout"
	"formgen/internal/testtool"
)

// wantField is a form field a blank form must have, derived from the
// form's definition.
type wantField struct {
	name   string
	typ    string // as pdftk names it: Text, Button, Signature
	maxLen int
	comb   bool
	states []string // a button's states, Off included
}

func wantFields(f *form.Form) []wantField {
	var out []wantField
	for _, s := range f.Sections {
		for _, fl := range s.Fields {
			switch fl.Type {
			case form.Text, form.Multiline:
				out = append(out, wantField{name: fl.ID, typ: "Text", maxLen: fl.MaxLength})
			case form.Date:
				// a comb over each group of boxes, under the date
				for i, n := range []int{2, 2, 4} {
					out = append(out, wantField{name: fl.ID + "." + layout.DateParts[i], typ: "Text", maxLen: n, comb: true})
				}
			case form.Number:
				out = append(out, wantField{name: fl.ID, typ: "Text", maxLen: fl.Digits, comb: fl.Digits > 0})
			case form.Checkbox:
				out = append(out, wantField{name: fl.ID, typ: "Button", states: []string{"Off", "Yes"}})
			case form.Choice:
				if fl.Multiple {
					for _, o := range fl.Options {
						out = append(out, wantField{name: fl.ID + "." + o, typ: "Button", states: []string{"Off", "Yes"}})
					}
				} else {
					out = append(out, wantField{name: fl.ID, typ: "Button", states: append([]string{"Off"}, fl.Options...)})
				}
			case form.Table:
				for r := 1; r <= fl.Rows; r++ {
					for _, c := range fl.Columns {
						w := wantField{name: fmt.Sprintf("%s[%d].%s", fl.ID, r, c.ID), typ: "Text"}
						if c.Type == form.Date {
							w.maxLen = 10
						}
						out = append(out, w)
					}
				}
			case form.Signature:
				out = append(out,
					wantField{name: fl.ID + ".place", typ: "Text"},
					wantField{name: fl.ID + ".date", typ: "Text", maxLen: 10},
					wantField{name: fl.ID, typ: "Signature"})
			}
		}
	}
	return out
}

// dumpFields parses pdftk's dump_data_fields_utf8.
func dumpFields(t *testing.T, path string) []map[string][]string {
	t.Helper()
	var out []map[string][]string
	for _, rec := range strings.Split(testtool.Run(t, "pdftk", path, "dump_data_fields_utf8"), "---\n") {
		m := map[string][]string{}
		for _, line := range strings.Split(rec, "\n") {
			k, v, ok := strings.Cut(line, ": ")
			if ok {
				m[k] = append(m[k], v)
			}
		}
		if len(m["FieldName"]) > 0 {
			out = append(out, m)
		}
	}
	return out
}

// TestFillableForms checks every shipped blank form as pdftk and pdf.js
// read it: one field per input of the form's definition, named by its data
// path, of the right type, with MaxLen and options; every widget in a
// Form element of the structure tree; pdftk fills them; --flat leaves
// them out.
func TestFillableForms(t *testing.T) {
	testtool.Need(t, "pdftk", "qpdf", "node")
	e := shipped(t)
	loc := e.Catalog.Get("ar")
	dir := t.TempDir()
	for _, f := range e.Forms.Forms {
		res, err := e.Form(f.ID, loc, nil)
		if err != nil {
			t.Fatal(err)
		}
		path := writePDF(t, dir, f.ID+".pdf", res.PDF)
		testtool.Check(t, path)
		meta := testtool.Run(t, "pdfinfo", "-meta", path)
		for _, w := range []string{"<formgen:form>" + f.ID + "<", "<formgen:version>" + f.Version + "<", "<formgen:locale>ar<"} {
			if !strings.Contains(meta, w) {
				t.Errorf("%s: the XMP metadata lacks %s, for reading a filled copy back", f.ID, w)
			}
		}
		want := wantFields(f)
		got := dumpFields(t, path)
		byName := map[string]map[string][]string{}
		for _, g := range got {
			byName[g["FieldName"][0]] = g
		}
		if len(got) != len(want) {
			t.Errorf("%s: pdftk lists %d fields, want %d", f.ID, len(got), len(want))
		}
		for _, w := range want {
			g := byName[w.name]
			if g == nil {
				t.Errorf("%s: no field %s", f.ID, w.name)
				continue
			}
			if g["FieldType"][0] != w.typ {
				t.Errorf("%s: field %s is a %s, want %s", f.ID, w.name, g["FieldType"][0], w.typ)
			}
			if ml := g["FieldMaxLength"]; w.maxLen > 0 && (len(ml) == 0 || ml[0] != strconv.Itoa(w.maxLen)) {
				t.Errorf("%s: field %s has MaxLen %v, want %d", f.ID, w.name, ml, w.maxLen)
			}
			if w.states != nil {
				states := slices.Sorted(slices.Values(g["FieldStateOption"]))
				if !slices.Equal(states, slices.Sorted(slices.Values(w.states))) {
					t.Errorf("%s: field %s has states %v, want %v", f.ID, w.name, states, w.states)
				}
			}
			if w.typ != "Button" && (len(g["FieldNameAlt"]) == 0 || !strings.Contains(g["FieldNameAlt"][0], " / ")) {
				t.Errorf("%s: field %s has no German and Arabic tooltip: %v", f.ID, w.name, g["FieldNameAlt"])
			}
		}

		js := testtool.ReadPDFJS(t, path)
		widgets := 0
		for _, w := range want {
			objs := js.Fields[w.name]
			if len(objs) == 0 {
				t.Errorf("%s: pdf.js finds no field %s", f.ID, w.name)
				continue
			}
			for _, o := range objs {
				if o.Page >= 0 && o.Type != "" {
					widgets++
				}
			}
			if w.typ == "Text" && w.maxLen > 0 && objs[0].CharLimit != w.maxLen {
				t.Errorf("%s: pdf.js reads %s's limit as %d, want %d", f.ID, w.name, objs[0].CharLimit, w.maxLen)
			}
			if w.typ == "Text" && objs[0].Comb != w.comb {
				t.Errorf("%s: pdf.js reads %s as comb %v, want %v", f.ID, w.name, objs[0].Comb, w.comb)
			}
		}
		forms := 0
		var walk func(n *testtool.StructNode)
		walk = func(n *testtool.StructNode) {
			if n.Role == "Form" && slices.ContainsFunc(n.Children, func(c *testtool.StructNode) bool { return c.Type == "annotation" }) {
				forms++
			}
			for _, c := range n.Children {
				walk(c)
			}
		}
		for _, pg := range js.Pages {
			if pg.Struct != nil {
				walk(pg.Struct)
			}
		}
		if forms != widgets {
			t.Errorf("%s: %d Form elements with a widget in the structure tree, want one per widget (%d)", f.ID, forms, widgets)
		}
	}

	// pdftk fills the fields
	f := e.Forms.Get("aufenthaltstitel")
	xfdf := filepath.Join(dir, "fill.xfdf")
	if err := os.WriteFile(xfdf, []byte(`<?xml version="1.0" encoding="UTF-8"?>
<xfdf xmlns="http://ns.adobe.com/xfdf/"><fields>
<field name="family_name"><value>HADDAD</value></field>
<field name="given_names"><value>ÇAĞLAR ŞİMŞEK, Łódź, Zoë-Chloé</value></field>
<field name="request_type"><value>extension</value></field>
<field name="birth_date"><field name="day"><value>12</value></field><field name="month"><value>03</value></field></field>
<field name="birth_date.year"><value>1990</value></field>
</fields></xfdf>`), 0o644); err != nil {
		t.Fatal(err)
	}
	filled := filepath.Join(dir, "filled.pdf")
	testtool.Run(t, "pdftk", filepath.Join(dir, f.ID+".pdf"), "fill_form", xfdf, "output", filled)
	vals := map[string]string{}
	for _, g := range dumpFields(t, filled) {
		if v := g["FieldValue"]; len(v) > 0 {
			vals[g["FieldName"][0]] = v[0]
		}
	}
	for k, v := range map[string]string{"family_name": "HADDAD", "request_type": "extension", "birth_date.day": "12", "birth_date.month": "03", "birth_date.year": "1990"} {
		if vals[k] != v {
			t.Errorf("filled with pdftk, %s is %q, want %q", k, vals[k], v)
		}
	}
	// every font embedded (PDF/UA), in the blank form and in the filled
	// copy, where pdftk drew the values in the fields' font; and the
	// letters beyond ASCII drawn as typed
	for _, p := range []string{filepath.Join(dir, f.ID+".pdf"), filled} {
		for _, r := range testtool.Fonts(t, p) {
			if len(r) < 6 || r[len(r)-5] != "yes" || r[len(r)-3] != "yes" { // emb, uni
				t.Errorf("%s: pdffonts lists a font not embedded or without ToUnicode: %v", filepath.Base(p), r)
			}
		}
	}
	flatFilled := filepath.Join(dir, "filled-flat.pdf")
	testtool.Run(t, "pdftk", filepath.Join(dir, f.ID+".pdf"), "fill_form", xfdf, "output", flatFilled, "flatten")
	if got := testtool.Text(t, flatFilled); !strings.Contains(got, "ÇAĞLAR ŞİMŞEK, Łódź, Zoë-Chloé") {
		t.Errorf("the value pdftk drew does not read ÇAĞLAR ŞİMŞEK, Łódź, Zoë-Chloé: the fields' font lacks letters")
	}

	// --flat: print-only
	flat := shipped(t)
	flat.Flat = true
	res, err := flat.Form(f.ID, loc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(res.PDF), "/AcroForm") || strings.Contains(string(res.PDF), "/Widget") {
		t.Error("a flat form has form fields")
	}
}

// TestDateDigitsInBoxes fills every date of a blank form with pdftk, which
// draws the typed digits as it sees fit, flattens the copy and finds the
// digits with pdftotext: each stands in the middle of its printed box, in
// a left-to-right form and in a right-to-left one, whose date boxes stand
// apart.
func TestDateDigitsInBoxes(t *testing.T) {
	testtool.Need(t, "pdftk", "pdftotext")
	e := shipped(t)
	f := e.Forms.Get("aufenthaltstitel")
	typed := [3]string{"12", "03", "1990"}
	for _, tag := range []string{"de", "ar"} {
		res, err := e.Form(f.ID, e.Catalog.Get(tag), nil)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		blank := writePDF(t, dir, "blank.pdf", res.PDF)
		var x strings.Builder
		x.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<xfdf xmlns="http://ns.adobe.com/xfdf/"><fields>` + "\n")
		dates := map[string]bool{}
		for _, s := range f.Sections {
			for _, fl := range s.Fields {
				if fl.Type != form.Date {
					continue
				}
				dates[fl.ID] = true
				for i, p := range layout.DateParts {
					fmt.Fprintf(&x, "<field name=%q><value>%s</value></field>\n", fl.ID+"."+p, typed[i])
				}
			}
		}
		x.WriteString("</fields></xfdf>\n")
		xfdf := filepath.Join(dir, "dates.xfdf")
		if err := os.WriteFile(xfdf, []byte(x.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		flat := filepath.Join(dir, "flat.pdf")
		testtool.Run(t, "pdftk", blank, "fill_form", xfdf, "output", flat, "flatten")
		words := testtool.Words(t, flat)
		groups := map[string]int{} // groups of boxes seen per date
		for p, pg := range res.Layout.Pages {
			for _, el := range pg.Elements {
				if el.Kind != layout.KindComb || !dates[el.Field] {
					continue
				}
				g := groups[el.Field]
				groups[el.Field]++
				if g >= 3 {
					t.Fatalf("%s: date %s has more than three groups of boxes", tag, el.Field)
				}
				for i, d := range typed[g] {
					cx := el.X + (float64(i)+0.5)*el.Cell
					if !slices.ContainsFunc(words, func(w testtool.Word) bool {
						mx, my := (w.XMin+w.XMax)/2, (w.YMin+w.YMax)/2
						return w.Page == p+1 && w.Text == string(d) && mx > cx-1 && mx < cx+1 && my > el.Y && my < el.Y+el.H
					}) {
						t.Errorf("%s: %s.%s: no digit %c in the middle of box %d (x %.1f, y %.1f on page %d)", tag, el.Field, layout.DateParts[g], d, i+1, cx, el.Y, p+1)
					}
				}
			}
		}
		if len(groups) != len(dates) {
			t.Errorf("%s: found the boxes of %d dates, want %d", tag, len(groups), len(dates))
		}
	}
}
