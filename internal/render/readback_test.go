package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"formgen/internal/acroform"
	"formgen/internal/form"
	"formgen/internal/testtool"
)

// xfdfValues turns data, as a data file gives it, into the values an
// applicant types into the fields of form f: the other way round from
// acroform.Data.
func xfdfValues(t *testing.T, f *form.Form, raw map[string]any) map[string]string {
	t.Helper()
	out := map[string]string{}
	str := func(v any) string {
		switch v := v.(type) {
		case time.Time:
			return v.Format("02012006")
		case map[string]any: // a name: the Latin spelling is typed
			return fmt.Sprint(v["latin"])
		}
		return fmt.Sprint(v)
	}
	for _, s := range f.Sections {
		for _, fl := range s.Fields {
			v, ok := raw[fl.ID]
			if !ok {
				continue
			}
			switch fl.Type {
			case form.Checkbox:
				if v == true {
					out[fl.ID] = "Yes"
				}
			case form.Choice:
				if fl.Multiple {
					for _, o := range v.([]any) {
						out[fl.ID+"."+o.(string)] = "Yes"
					}
				} else {
					out[fl.ID] = v.(string)
				}
			case form.Table:
				for i, r := range v.([]map[string]any) {
					for k, c := range r {
						s := str(c)
						if d, ok := c.(time.Time); ok {
							s = d.Format("02.01.2006")
						}
						out[fmt.Sprintf("%s[%d].%s", fl.ID, i+1, k)] = s
					}
				}
			case form.Signature:
				m := v.(map[string]any)
				out[fl.ID+".place"] = str(m["place"])
				out[fl.ID+".date"] = m["date"].(time.Time).Format("02.01.2006")
			case form.Date: // typed into the day, month and year boxes
				d, ok := v.(time.Time)
				if !ok { // as a data file may write it, 15.06.2016
					var err error
					if d, err = time.Parse("02.01.2006", v.(string)); err != nil {
						t.Fatal(err)
					}
				}
				out[fl.ID+".day"] = d.Format("02")
				out[fl.ID+".month"] = d.Format("01")
				out[fl.ID+".year"] = d.Format("2006")
			default:
				out[fl.ID] = str(v)
			}
		}
	}
	return out
}

// TestReadBack fills a blank form with pdftk, an independent tool, reads
// the copy back, and renders a pre-filled copy from what came back: it is
// the same, byte for byte, as one rendered from the data typed in.
func TestReadBack(t *testing.T) {
	testtool.Need(t, "pdftk")
	e := shipped(t)
	f := e.Forms.Get("aufenthaltstitel")
	loc := e.Catalog.Get("ar")
	var raw map[string]any
	if _, err := toml.DecodeFile("../../testdata/data/aufenthaltstitel-haddad.toml", &raw); err != nil {
		t.Fatal(err)
	}
	// a field holds what is typed: names in Latin letters only
	for k, v := range raw {
		if m, ok := v.(map[string]any); ok && m["latin"] != nil {
			raw[k] = m["latin"]
		}
	}
	today := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	want, err := f.Prefill("typed", raw, today)
	if err != nil {
		t.Fatal(err)
	}

	blank, err := e.Form(f.ID, loc, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	blankPath := writePDF(t, dir, "blank.pdf", blank.PDF)
	var x bytes.Buffer
	x.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<xfdf xmlns="http://ns.adobe.com/xfdf/"><fields>` + "\n")
	for k, v := range xfdfValues(t, f, raw) {
		x.WriteString(`<field name="`)
		_ = xml.EscapeText(&x, []byte(k))
		x.WriteString(`"><value>`)
		_ = xml.EscapeText(&x, []byte(v))
		x.WriteString("</value></field>\n")
	}
	x.WriteString("</fields></xfdf>\n")
	xfdf := filepath.Join(dir, "data.xfdf")
	if err := os.WriteFile(xfdf, x.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	filledPath := filepath.Join(dir, "filled.pdf")
	testtool.Run(t, "pdftk", blankPath, "fill_form", xfdf, "output", filledPath)
	filled, err := os.ReadFile(filledPath)
	if err != nil {
		t.Fatal(err)
	}

	back, err := acroform.Read(filled)
	if err != nil {
		t.Fatal(err)
	}
	// the same file as a viewer that saves with object streams and a
	// cross-reference stream writes it
	packed := filepath.Join(dir, "packed.pdf")
	testtool.Run(t, "qpdf", "--object-streams=generate", filledPath, packed)
	if raw, err := os.ReadFile(packed); err != nil {
		t.Fatal(err)
	} else if b2, err := acroform.Read(raw); err != nil {
		t.Errorf("with object streams: %v", err)
	} else if !reflect.DeepEqual(b2, back) {
		t.Errorf("with object streams, read back %v, want %v", b2.Values, back.Values)
	}
	if back.Form != f.ID || back.Version != f.Version || back.Locale != "ar" {
		t.Errorf("read back as %s, want form %s, version %s, locale ar", back, f.ID, f.Version)
	}
	data := acroform.Data(f, back.Values)
	got, err := f.Prefill("read back", data, today)
	if err != nil {
		t.Fatalf("the data read back have problems: %v", err)
	}
	a, err := e.Form(f.ID, loc, want)
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.Form(f.ID, loc, got)
	if err != nil {
		t.Fatal(err)
	}
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
	if !bytes.Equal(a.PDF, b.PDF) {
		t.Error("the copy pre-filled from the data read back differs from the one pre-filled from the data typed in")
	}
	// and what a clerk gets: TOML that a data file may hold
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(data); err != nil {
		t.Fatal(err)
	}
	var again map[string]any
	if _, err := toml.Decode(buf.String(), &again); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Prefill("again", again, today); err != nil {
		t.Errorf("the TOML written does not read as data: %v\n%s", err, buf.String())
	}

	// an incomplete copy: every problem, by field path, without values
	partial := maps(back.Values)
	delete(partial, "family_name")
	partial["height"] = "1x8"
	_, err = f.Prefill("partial", acroform.Data(f, partial), today)
	if err == nil {
		t.Fatal("an incomplete copy passes the check")
	}
	for _, w := range []string{"family_name", "height"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("the problems do not name %s: %v", w, err)
		}
	}
	if strings.Contains(err.Error(), "1x8") {
		t.Errorf("a problem quotes the value: %v", err)
	}
}

func maps(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
