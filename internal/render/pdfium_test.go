package render

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"formgen/internal/acroform"
	"formgen/internal/form"
	"formgen/internal/layout"
	"formgen/internal/testtool"
)

// pdfiumType is the type PDFium gives a field pdftk lists with type typ
// (Text, Button, Signature) and flags ff.
func pdfiumType(typ string, ff int) string {
	switch typ {
	case "Text":
		return "textfield"
	case "Signature":
		return "signature"
	case "Button":
		if ff&(1<<15) != 0 {
			return "radiobutton"
		}
		return "checkbox"
	}
	return "unknown " + typ
}

// pdfjsType is the type pdf.js's getFieldObjects gives a field PDFium
// names typ.
var pdfjsType = map[string]string{"textfield": "text", "checkbox": "checkbox", "radiobutton": "radiobutton", "signature": "signature"}

// TestPDFiumFields renders every shipped form blank in German and in
// Persian (right to left), and the residence permit form in Arabic, and
// reads its fields with PDFium, the engine of the PDF viewers of Chrome,
// Edge and Android, through its form-fill API: PDFium sees exactly the
// fields pdftk (dump_data_fields) and pdf.js (getFieldObjects) see, with
// the same types, flags, MaxLen, tooltips, states and widget rectangles;
// the form's definition agrees (wantFields); a date is a parent whose
// kids are the comb fields day, month and year; the tooltip is the German
// one (read from the German form) and the translation.
func TestPDFiumFields(t *testing.T) {
	testtool.Need(t, "pdftk", "node")
	e := shipped(t)
	dir := t.TempDir()
	for _, f := range e.Forms.Forms {
		german := map[string]string{} // tooltip by field name, from the German form
		tags := []string{"de", "fa"}
		if f.ID == "aufenthaltstitel" {
			tags = append(tags, "ar")
		}
		for _, tag := range tags {
			res, err := e.Form(f.ID, e.Catalog.Get(tag), nil)
			if err != nil {
				t.Fatal(err)
			}
			path := writePDF(t, dir, f.ID+"-"+tag+".pdf", res.PDF)
			pf := testtool.PDFiumFields(t, path)
			byName := map[string][]testtool.PDFiumWidget{}
			for _, w := range pf.Widgets {
				byName[w.Name] = append(byName[w.Name], w)
			}
			label := f.ID + "/" + tag
			t.Logf("%s: PDFium sees %d fields, %d widgets on %d pages", label, len(byName), len(pf.Widgets), pf.Pages)
			pdfiumVsPdftk(t, label, path, byName)
			pdfiumVsPDFJS(t, label, path, byName)
			pdfiumVsForm(t, label, f, byName)
			for _, w := range pf.Widgets {
				if w.Drawn != "" {
					t.Errorf("%s: PDFium shows %q in the blank field %s", label, w.Drawn, w.Name)
				}
			}
			for name, ws := range byName {
				alt := ws[0].AlternateName
				switch {
				case alt == "":
					t.Errorf("%s: PDFium reads no tooltip for %s", label, name)
				case tag == "de":
					german[name] = alt
				case !strings.HasPrefix(alt, german[name]+" / ") || len(alt) == len(german[name])+3:
					t.Errorf("%s: PDFium reads %s's tooltip as %q, want the German %q, \" / \" and the translation", label, name, alt, german[name])
				}
			}
		}
	}
}

// pdfiumVsPdftk compares the fields PDFium sees (byName, its widgets by
// full name) with those pdftk lists: the same names, and for each its
// type, flags, MaxLen, tooltip (where pdftk gives one) and, for a
// button, its states.
func pdfiumVsPdftk(t *testing.T, label, path string, byName map[string][]testtool.PDFiumWidget) {
	t.Helper()
	got := dumpFields(t, path)
	if len(got) != len(byName) {
		t.Errorf("%s: pdftk lists %d fields, PDFium %d", label, len(got), len(byName))
	}
	for _, g := range got {
		name := g["FieldName"][0]
		ws := byName[name]
		if len(ws) == 0 {
			t.Errorf("%s: PDFium sees no field %s, which pdftk lists", label, name)
			continue
		}
		ff, _ := strconv.Atoi(first(g["FieldFlags"]))
		maxLen, _ := strconv.Atoi(first(g["FieldMaxLength"]))
		states := []string{}
		for _, w := range ws {
			if w.Type == "checkbox" || w.Type == "radiobutton" {
				states = append(states, w.ExportValue)
			}
			if w.ControlCount != len(ws) {
				t.Errorf("%s: PDFium counts %d widgets of %s, and lists %d", label, w.ControlCount, name, len(ws))
			}
		}
		w := ws[0]
		if want := pdfiumType(g["FieldType"][0], ff); w.Type != want {
			t.Errorf("%s: PDFium reads %s as %s, pdftk as %s", label, name, w.Type, want)
		}
		if w.Flags != ff || w.MaxLen != maxLen {
			t.Errorf("%s: PDFium reads %s's flags as %d and MaxLen as %d, pdftk as %d and %d", label, name, w.Flags, w.MaxLen, ff, maxLen)
		}
		if alt := first(g["FieldNameAlt"]); alt != "" && w.AlternateName != alt {
			t.Errorf("%s: PDFium reads %s's tooltip as %q, pdftk as %q", label, name, w.AlternateName, alt)
		}
		if len(states) > 0 {
			states = append(states, "Off")
			slices.Sort(states)
			if want := slices.Sorted(slices.Values(g["FieldStateOption"])); !slices.Equal(states, want) {
				t.Errorf("%s: PDFium reads %s's states as %v, pdftk as %v", label, name, states, want)
			}
		}
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// pdfiumVsPDFJS compares the widgets PDFium sees with those pdf.js reads:
// the same fields, each widget of the same type on the same page in the
// same rectangle, a text field's limit, comb and multiline flags alike.
func pdfiumVsPDFJS(t *testing.T, label, path string, byName map[string][]testtool.PDFiumWidget) {
	t.Helper()
	js := testtool.ReadPDFJS(t, path)
	fields := 0
	for name, objs := range js.Fields {
		var widgets []testtool.PDFJSField
		for _, o := range objs {
			if o.Page >= 0 && o.Type != "" {
				widgets = append(widgets, o)
			}
		}
		if len(widgets) == 0 {
			continue // a parent field: a date, a radio group
		}
		fields++
		ws := byName[name]
		if len(ws) != len(widgets) {
			t.Errorf("%s: %s has %d widgets in pdf.js, %d in PDFium", label, name, len(widgets), len(ws))
			continue
		}
		for _, o := range widgets {
			// pdf.js gives a signature field no rectangle
			i := slices.IndexFunc(ws, func(w testtool.PDFiumWidget) bool {
				return w.Page == o.Page && (sameRect(w.Rect, o.Rect) || len(o.Rect) == 0 && o.Type == "signature")
			})
			if i < 0 {
				t.Errorf("%s: PDFium has no widget of %s on page %d at %v, where pdf.js has one", label, name, o.Page+1, o.Rect)
				continue
			}
			w := ws[i]
			if pdfjsType[w.Type] != o.Type {
				t.Errorf("%s: PDFium reads %s as %s, pdf.js as %s", label, name, w.Type, o.Type)
			}
			if o.Type == "text" && (o.CharLimit != w.MaxLen || o.Comb != w.Has("comb") || o.Multiline != w.Has("multiline")) {
				t.Errorf("%s: %s: PDFium reads MaxLen %d, flags %v; pdf.js limit %d, comb %v, multiline %v",
					label, name, w.MaxLen, w.FlagNames, o.CharLimit, o.Comb, o.Multiline)
			}
		}
	}
	if fields != len(byName) {
		t.Errorf("%s: pdf.js reads %d fields with widgets, PDFium %d", label, fields, len(byName))
	}
}

// sameRect reports whether a PDFium rectangle (left, bottom, right, top,
// as 32-bit floats) and a pdf.js one are the same to a hundredth of a
// point.
func sameRect(a, b []float64) bool {
	if len(a) != 4 || len(b) != 4 {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 0.01 {
			return false
		}
	}
	return true
}

// pdfiumVsForm checks the fields PDFium sees against the form's
// definition: every field wantFields derives from it, of its type, with
// its MaxLen and comb flag; a date's parts the kids day, month and year of
// a field named by the date.
func pdfiumVsForm(t *testing.T, label string, f *form.Form, byName map[string][]testtool.PDFiumWidget) {
	t.Helper()
	types := map[string][]string{"Text": {"textfield"}, "Button": {"checkbox", "radiobutton"}, "Signature": {"signature"}}
	for _, want := range wantFields(f) {
		ws := byName[want.name]
		if len(ws) == 0 {
			t.Errorf("%s: PDFium sees no field %s", label, want.name)
			continue
		}
		w := ws[0]
		if !slices.Contains(types[want.typ], w.Type) {
			t.Errorf("%s: PDFium reads %s as %s, want a %s", label, want.name, w.Type, want.typ)
		}
		if want.maxLen > 0 && w.MaxLen != want.maxLen {
			t.Errorf("%s: PDFium reads %s's MaxLen as %d, want %d", label, want.name, w.MaxLen, want.maxLen)
		}
		if want.typ == "Text" && w.Has("comb") != want.comb {
			t.Errorf("%s: PDFium reads %s as comb %v, want %v", label, want.name, w.Has("comb"), want.comb)
		}
	}
	for _, s := range f.Sections {
		for _, fl := range s.Fields {
			if fl.Type != form.Date {
				continue
			}
			for _, part := range layout.DateParts {
				ws := byName[fl.ID+"."+part]
				if len(ws) != 1 || ws[0].PartialName != part || !ws[0].Has("comb") {
					t.Errorf("%s: PDFium does not read %s.%s as the comb kid %q of %s: %+v", label, fl.ID, part, part, fl.ID, ws)
				}
			}
		}
	}
}

// TestPDFiumFillReadBack fills a blank right-to-left form with PDFium, a
// filler independent of pdftk, as a person at Chrome's viewer does (text
// typed into each field, buttons clicked), saves the copy with PDFium and
// reads it back as formgen read does: the data that come back are those
// typed in, names with Turkish and Polish letters and a text of two lines
// included. A date part takes no more digits than its boxes. What PDFium
// draws in the fields is checked by pdfiumDrawn.
func TestPDFiumFillReadBack(t *testing.T) {
	testtool.Need(t, "node")
	e := shipped(t)
	f := e.Forms.Get("aufenthaltstitel")
	var raw map[string]any
	if _, err := toml.DecodeFile("../../testdata/data/aufenthaltstitel-haddad.toml", &raw); err != nil {
		t.Fatal(err)
	}
	raw["family_name"] = "ŞİMŞEK"
	raw["given_names"] = "ÇAĞLAR, Łódź, Zoë-Chloé"
	raw["purpose_details"] = "Beschäftigung als Pflegefachmann seit 2021.\nZusammenleben mit meiner Ehefrau."
	today := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	want, err := f.Prefill("typed", raw, today)
	if err != nil {
		t.Fatal(err)
	}
	blank, err := e.Form(f.ID, e.Catalog.Get("ar"), nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	blankPath := writePDF(t, dir, "blank.pdf", blank.PDF)
	typed := xfdfValues(t, f, raw)
	filledPath := filepath.Join(dir, "filled.pdf")
	pf := testtool.PDFiumFill(t, blankPath, typed, filledPath)
	if len(pf.NotFilled) > 0 {
		t.Errorf("PDFium found no widget for %v", pf.NotFilled)
	}
	// PDFium itself reads back each text as typed (a line break as CR LF)
	for _, w := range pf.Widgets {
		v, ok := typed[w.Name]
		if ok && w.Type == "textfield" && strings.ReplaceAll(w.Value, "\r\n", "\n") != v {
			t.Errorf("PDFium reads %s back as %q, typed %q", w.Name, w.Value, v)
		}
	}
	pdfiumDrawn(t, pf, typed)
	filled, err := os.ReadFile(filledPath)
	if err != nil {
		t.Fatal(err)
	}
	back, err := acroform.Read(filled)
	if err != nil {
		t.Fatal(err)
	}
	if back.Form != f.ID || back.Version != f.Version || back.Locale != "ar" {
		t.Errorf("read back as %s, want form %s, version %s, locale ar", back, f.ID, f.Version)
	}
	got, err := f.Prefill("read back", acroform.Data(f, back.Values), today)
	if err != nil {
		t.Fatalf("the data read back from PDFium's copy have problems: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		for k := range want {
			if !reflect.DeepEqual(want[k], got[k]) {
				t.Errorf("%s: typed %+v, read back %+v", k, want[k], got[k])
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("%s: read back but not typed", k)
			}
		}
	}

	// more digits than boxes: PDFium keeps as many as MaxLen allows
	over := testtool.PDFiumFill(t, blankPath, map[string]string{"birth_date.day": "123", "birth_date.year": "19901"}, filepath.Join(dir, "over.pdf"))
	for _, w := range over.Widgets {
		if v, ok := map[string]string{"birth_date.day": "12", "birth_date.year": "1990"}[w.Name]; ok && w.Value != v {
			t.Errorf("typed too many digits into %s (MaxLen %d), PDFium keeps %q, want %q", w.Name, w.MaxLen, w.Value, v)
		}
	}
}

// pdfiumDrawn checks what PDFium drew in the text fields it filled with
// the values typed: a value of Latin-1 letters (German, French, Turkish
// ç ö ü …) as typed in formgen's field font, embedded. PDFium draws other
// letters (Latin Extended-A: Turkish ğ ı İ ş, Polish ł ź) in fonts of its
// own, not embedded, or not at all: what it draws of such a value is
// logged, and must be letters of the value in their order.
func pdfiumDrawn(t *testing.T, pf *testtool.PDFiumForm, typed map[string]string) {
	t.Helper()
	checked := 0
	for _, w := range pf.Widgets {
		v, ok := typed[w.Name]
		if !ok || w.Type != "textfield" {
			continue
		}
		want := strings.Join(strings.Fields(v), "")
		latin1 := !strings.ContainsFunc(v, func(r rune) bool { return r > 0xFF })
		switch {
		case latin1 && (w.Drawn != want || len(w.Fonts) != 1 || !w.Fonts[0].Embedded):
			t.Errorf("PDFium draws %s as %q in %+v, want %q in the embedded field font", w.Name, w.Drawn, w.Fonts, want)
		case latin1:
			checked++
		case !lettersInOrder(w.Drawn, want):
			t.Errorf("PDFium draws %s as %q, which are not letters of %q in their order", w.Name, w.Drawn, want)
		default:
			t.Logf("PDFium draws %s, typed %q, as %q in %+v", w.Name, want, w.Drawn, w.Fonts)
		}
	}
	if checked == 0 {
		t.Error("no field of Latin-1 letters filled")
	}
	t.Logf("PDFium draws %d fields of Latin-1 letters as typed, in the embedded field font", checked)
}

// lettersInOrder reports whether the characters of sub are characters of s in
// the same order.
func lettersInOrder(sub, s string) bool {
	rs := []rune(s)
	i := 0
	for _, r := range sub {
		for i < len(rs) && rs[i] != r {
			i++
		}
		if i == len(rs) {
			return false
		}
		i++
	}
	return true
}
