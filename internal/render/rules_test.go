package render

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"formgen/internal/data"
	"formgen/internal/layout"
	"formgen/internal/letter"
	"formgen/internal/locale"
	"formgen/internal/testtool"
	"formgen/internal/text"
)

// templateDocs lays out every template with its example data in every
// shipped locale and calls fn with each.
func templateDocs(t *testing.T, fn func(t *testing.T, id, tag string, doc *layout.Document)) {
	t.Helper()
	eachTemplate(t, func(e *Engine, tpl *letter.Template, loc *locale.Locale, rec data.Record, doc *layout.Document) {
		fn(t, tpl.ID, loc.Tag, doc)
	})
}

// eachTemplate lays out every template with its example data in every
// shipped locale and calls fn with each.
func eachTemplate(t *testing.T, fn func(e *Engine, tpl *letter.Template, loc *locale.Locale, rec data.Record, doc *layout.Document)) {
	t.Helper()
	e := shipped(t)
	for _, loc := range e.Catalog.Locales {
		for _, tpl := range e.Templates.Templates {
			rec, err := e.Templates.Example(tpl)
			if err != nil {
				t.Fatal(err)
			}
			doc, _, _, err := e.layLetter(tpl.ID, loc, rec)
			if err != nil {
				t.Fatal(err)
			}
			fn(e, tpl, loc, rec, doc)
		}
	}
}

// TestDocumentsKeepProtectedRunsAndWords: in every form and template ×
// locale no e-mail address, telephone or file number, date or legal
// citation is broken across lines, and no word is cut without a hyphen at
// a valid point.
func TestDocumentsKeepProtectedRunsAndWords(t *testing.T) {
	report := func(id, tag string, doc *layout.Document) {
		for _, p := range layout.Check(doc, layout.TextCheckers...) {
			t.Errorf("%s, %s, %s", id, tag, p)
		}
	}
	templateDocs(t, func(t *testing.T, id, tag string, doc *layout.Document) { report(id, tag, doc) })
	e := shipped(t)
	for _, loc := range e.Catalog.Locales {
		for _, f := range e.Forms.Forms {
			res, err := e.Form(f.ID, loc, nil)
			if err != nil {
				t.Fatal(err)
			}
			report(f.ID, loc.Tag, res.Layout)
		}
	}
}

// letterDocs is templateDocs for the letters, with their PDF.
func letterDocs(t *testing.T, fn func(t *testing.T, tpl *letter.Template, loc *locale.Locale, doc *layout.Document, pdf string)) {
	t.Helper()
	testtool.Need(t, "pdftotext")
	eachTemplate(t, func(e *Engine, tpl *letter.Template, loc *locale.Locale, rec data.Record, doc *layout.Document) {
		if tpl.Kind != letter.KindLetter {
			return
		}
		res, err := e.Letter(tpl.ID, loc, rec)
		if err != nil {
			t.Fatal(err)
		}
		fn(t, tpl, loc, doc, testtool.WritePDF(t, res.PDF))
	})
}

// TestLetterDigitPolicy: in the translation of every letter, every digit
// is in the locale's digit system (format.digits), except those of file
// and telephone numbers, e-mail addresses and URLs, which stay European.
func TestLetterDigitPolicy(t *testing.T) {
	e := shipped(t)
	letterDocs(t, func(t *testing.T, tpl *letter.Template, loc *locale.Locale, doc *layout.Document, _ string) {
		set := "0123456789"
		if d, err := e.Catalog.Texts(loc).Formatter(true).Digits("0123456789"); err == nil {
			set = d
		} else {
			t.Fatal(err)
		}
		checked := 0
		for _, b := range doc.Boxes {
			if !b.TR {
				continue
			}
			runes := []rune(norm.NFC.String(b.Text))
			ident := make([]bool, len(runes))
			for _, r := range text.Protected(string(runes)) {
				for i := r.Start; i < r.End && r.Kind.Identifier(); i++ {
					ident[i] = true
				}
			}
			for i, r := range runes {
				if !unicode.IsDigit(r) {
					continue
				}
				checked++
				if ident[i] && (r < '0' || r > '9') {
					t.Errorf("%s, %s: identifier digit %q not European in %q", tpl.ID, loc.Tag, r, b.Text)
				}
				if !ident[i] && !strings.ContainsRune(set, r) {
					t.Errorf("%s, %s: digit %q not in the locale's digits %s: %q", tpl.ID, loc.Tag, r, set, b.Text)
				}
			}
		}
		if loc.Tag != "de" && checked == 0 {
			t.Errorf("%s, %s: no digit in the translation", tpl.ID, loc.Tag)
		}
	})
}

// TestLetterPages: every letter × locale names its translation as an
// enclosure in German (the language's German name), heads every page
// after the first with file number, date and page, leaves at least 15 mm
// for the signature, and has a footer for the reader (the office's
// address), not the template's id and version.
func TestLetterPages(t *testing.T) {
	e := shipped(t)
	letterDocs(t, func(t *testing.T, tpl *letter.Template, loc *locale.Locale, doc *layout.Document, path string) {
		pages := strings.Split(strings.TrimRight(testtool.Text(t, path), "\f"), "\f")
		if len(pages) != len(doc.Pages) {
			t.Fatalf("%s, %s: pdftotext gives %d pages, the layout %d", tpl.ID, loc.Tag, len(pages), len(doc.Pages))
		}
		rec, _ := e.Templates.Example(tpl)
		file, date := rec["file_number"].Text, rec["letter_date"].Date.Format("02.01.2006")
		german := len(pages)
		for i, p := range pages {
			if strings.Contains(p, "Übersetzung des Schreibens") {
				german = min(german, i)
			}
			if strings.Contains(p, tpl.ID+" ·") || strings.Contains(p, "Version") {
				t.Errorf("%s, %s, page %d: the footer shows the template's id or version", tpl.ID, loc.Tag, i+1)
			}
			if !strings.Contains(p, "Breitscheidstraße 3") {
				t.Errorf("%s, %s, page %d: no office address in the footer", tpl.ID, loc.Tag, i+1)
			}
			head := fmt.Sprintf("Aktenzeichen %s · Datum %s · Seite %d von %d", file, date, i+1, len(pages))
			if has := strings.Contains(p, head); has != (i > 0) {
				t.Errorf("%s, %s, page %d: follow-page header %q present %v, want %v", tpl.ID, loc.Tag, i+1, head, has, i > 0)
			}
		}
		enc := "Anlage: Übersetzung (" + germanName(loc.Tag) + "), nicht rechtsverbindlich"
		if loc.Tag != "de" && !strings.Contains(strings.Join(strings.Fields(strings.Join(pages[:german], " ")), " "), enc) {
			t.Errorf("%s, %s: the German letter has no enclosure line %q", tpl.ID, loc.Tag, enc)
		}
		if loc.Tag == "de" && strings.Contains(strings.Join(pages, ""), "Anlage:") {
			t.Errorf("%s, de: a German-only letter lists an enclosure", tpl.ID)
		}
		// the signer's name stands 15 mm or more under the closing
		// (the lowest line with the signer's name on a page: the
		// information block names the clerk too)
		signer := rec["clerk"].Text
		n := 0
		for pi, pg := range doc.Pages {
			var sig *layout.TextLine
			for _, it := range pg.Items {
				if tl, ok := it.(layout.TextLine); ok && visualText(tl.Line) == signer && (sig == nil || tl.Y > sig.Y) {
					sig = &tl
				}
			}
			if sig == nil || pi != german-1 && pi != len(pages)-1 {
				continue
			}
			n++
			top := sig.Y - sig.Line.Ascent
			above, what := -1.0, ""
			for _, o := range pg.Items {
				ol, ok := o.(layout.TextLine)
				if ok && ol.Y < sig.Y && ol.X < sig.X+sig.Line.Width && sig.X < ol.X+ol.Line.Width && ol.Y+ol.Line.Descent > above {
					above, what = ol.Y+ol.Line.Descent, visualText(ol.Line)
				}
			}
			if room := (top - above) / (72 / 25.4); above < 0 || room < 15 {
				t.Errorf("%s, %s, page %d: %.1f mm for the signature between %q and %q, want 15 mm or more", tpl.ID, loc.Tag, pi+1, room, what, signer)
			}
		}
		if want := 2; loc.Tag == "de" && n != 1 || loc.Tag != "de" && n != want {
			t.Errorf("%s, %s: the signer is under %d closings", tpl.ID, loc.Tag, n)
		}
	})
}

// visualText is a line's text in drawing order.
func visualText(l text.Line) string {
	var b strings.Builder
	for _, r := range l.Runs {
		for _, c := range r.Clusters {
			b.WriteString(c.Text)
		}
	}
	return b.String()
}

// TestSheetRules: in every sheet × locale each column has one line
// spacing (the baselines of a paragraph's lines are the same distance
// apart everywhere in the column, whatever stands in the other column),
// and each list item starts level with its translation and is never
// split across pages (layout.SheetCheckers).
func TestSheetRules(t *testing.T) {
	items := 0
	templateDocs(t, func(t *testing.T, id, tag string, doc *layout.Document) {
		if id == "einladung" {
			return
		}
		for _, p := range layout.Check(doc, layout.SheetCheckers...) {
			t.Errorf("%s, %s, %s", id, tag, p)
		}
		for _, pg := range doc.Pages {
			for _, it := range pg.Items {
				if tl, ok := it.(layout.TextLine); ok && tl.Role == layout.RoleArtifact && visualText(tl.Line) == "•" {
					items++
				}
			}
		}
	})
	if items == 0 {
		t.Error("no list item in any sheet: the list-item rule looked at nothing")
	}
}

// TestPageNumberDigits: the footer's "Seite 2 von 7" of forms, letters
// and sheets keeps European digits in German and has the locale's digits
// in the translation, as its dates do.
func TestPageNumberDigits(t *testing.T) {
	e := shipped(t)
	for _, tag := range e.Catalog.Tags() {
		loc := e.Catalog.Get(tag)
		texts := e.Catalog.Texts(loc)
		want, err := texts.Formatter(true).Digits("27")
		if err != nil {
			t.Fatal(err)
		}
		r := &resolver{t: texts, fonts: e.Fonts}
		b, err := r.pageNumbers()(2, 7)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.DE, "2") || !strings.Contains(b.DE, "7") {
			t.Errorf("%s: German page number %q", loc.Tag, b.DE)
		}
		if loc.Tag == "de" {
			continue
		}
		w := []rune(want)
		if !strings.ContainsRune(b.TR, w[0]) || !strings.ContainsRune(b.TR, w[1]) || (want != "27" && strings.ContainsAny(b.TR, "0123456789")) {
			t.Errorf("%s: translated page number %q, want the digits %q", loc.Tag, b.TR, want)
		}
	}
}
