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

// textRuleViolations lists every text of doc that breaks a protected run
// across lines, and every word cut without a valid hyphenation point.
func textRuleViolations(doc *layout.Document) (broken, cut []string) {
	for _, b := range doc.Boxes {
		for _, r := range text.BrokenRuns(b.Text, b.Starts) {
			broken = append(broken, fmt.Sprintf("%q in %q (box %.0fpt)", r, b.Text, b.Width))
		}
		if b.Split {
			cut = append(cut, fmt.Sprintf("%q (box %.0fpt)", b.Text, b.Width))
		}
	}
	return broken, cut
}

// TestDocumentsKeepProtectedRunsAndWords: in every form and template ×
// locale no e-mail address, telephone or file number, date or legal
// citation is broken across lines, and no word is cut without a hyphen at
// a valid point.
func TestDocumentsKeepProtectedRunsAndWords(t *testing.T) {
	report := func(id, tag string, broken, cut []string) {
		for _, b := range broken {
			t.Errorf("%s, %s: protected run broken: %s", id, tag, b)
		}
		for _, c := range cut {
			t.Errorf("%s, %s: word cut without a hyphenation point: %s", id, tag, c)
		}
	}
	templateDocs(t, func(t *testing.T, id, tag string, doc *layout.Document) {
		broken, cut := textRuleViolations(doc)
		report(id, tag, broken, cut)
	})
	e := shipped(t)
	for _, loc := range e.Catalog.Locales {
		for _, f := range e.Forms.Forms {
			res, err := e.Form(f.ID, loc, nil)
			if err != nil {
				t.Fatal(err)
			}
			doc := &layout.Document{}
			for _, b := range res.Boxes {
				doc.Boxes = append(doc.Boxes, b.Box)
			}
			broken, cut := textRuleViolations(doc)
			report(f.ID, loc.Tag, broken, cut)
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

// lineSpacing returns, for each column of a two-column sheet (German at
// the left, translation at the right),
// the smallest and largest distance between the baselines of two lines
// of one paragraph that follow each other on a page.
func lineSpacing(doc *layout.Document) (lo, hi [2]float64) {
	lo, hi = [2]float64{1e9, 1e9}, [2]float64{0, 0}
	for _, pg := range doc.Pages {
		last := map[int]layout.TextLine{}
		for _, it := range pg.Items {
			tl, ok := it.(layout.TextLine)
			if !ok || tl.Role != layout.RoleP {
				continue
			}
			// a line of a column lies in its half of the page, in its
			// language (not the title or the binding notice across both)
			mid := doc.Width / 2
			c := 0
			switch {
			case tl.X >= mid:
				c = 1
			case tl.X+tl.Line.Width > mid:
				continue
			}
			if (c == 1) != (tl.Lang != "de") {
				continue
			}
			if prev, ok := last[tl.Para]; ok {
				d := tl.Y - prev.Y
				lo[c], hi[c] = min(lo[c], d), max(hi[c], d)
			}
			last[tl.Para] = tl
		}
	}
	return lo, hi
}

// TestSheetLineSpacing: in every sheet × locale each column has one line
// spacing: the baselines of a paragraph's lines are the same distance
// apart everywhere in the column, whatever stands in the other column.
func TestSheetLineSpacing(t *testing.T) {
	templateDocs(t, func(t *testing.T, id, tag string, doc *layout.Document) {
		if id == "einladung" {
			return
		}
		lo, hi := lineSpacing(doc)
		for c, name := range []string{"German", "translation"} {
			if hi[c] == 0 {
				continue
			}
			if hi[c]-lo[c] > 0.01 {
				t.Errorf("%s, %s: the %s column's line spacing varies from %.2f to %.2f pt", id, tag, name, lo[c], hi[c])
			}
		}
	})
}

// TestSheetItemsTogether: in every sheet × locale a list item is never
// broken across pages, and its German and its translation start level
// (their bullets at the same height), so that no bullet continues beside
// an empty cell or on the next page.
func TestSheetItemsTogether(t *testing.T) {
	found := 0
	templateDocs(t, func(t *testing.T, id, tag string, doc *layout.Document) {
		if id == "einladung" {
			return
		}
		mid := doc.Width / 2
		items := map[int]bool{}  // paragraphs that are list items
		pages := map[int][]int{} // pages each paragraph has lines on
		for pi, pg := range doc.Pages {
			bullets := map[[2]int]int{} // (column, height) → bullets
			for _, it := range pg.Items {
				tl, ok := it.(layout.TextLine)
				if !ok {
					continue
				}
				col := 0
				if tl.X >= mid {
					col = 1
				}
				if tl.Role == layout.RoleArtifact && visualText(tl.Line) == "•" {
					bullets[[2]int{col, int(tl.Y*100 + 0.5)}]++
					for _, o := range pg.Items {
						if ol, ok := o.(layout.TextLine); ok && ol.Role == layout.RoleP && ol.Y == tl.Y && (ol.X >= mid) == (col == 1) {
							items[ol.Para] = true
						}
					}
					continue
				}
				if ps := pages[tl.Para]; len(ps) == 0 || ps[len(ps)-1] != pi {
					pages[tl.Para] = append(ps, pi)
				}
			}
			if tag == "de" {
				continue
			}
			for k := range bullets {
				if bullets[[2]int{1 - k[0], k[1]}] == 0 {
					t.Errorf("%s, %s, page %d: a bullet at %.1f pt in one column only", id, tag, pi+1, float64(k[1])/100)
				}
			}
		}
		for p := range items {
			if len(pages[p]) > 1 {
				t.Errorf("%s, %s: a list item runs over pages %v", id, tag, pages[p])
			}
		}
		found += len(items)
	})
	if found == 0 {
		t.Error("no list item found in any sheet: the test looks at nothing")
	}
}
