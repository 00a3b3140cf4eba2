package render

import (
	"math"
	"regexp"
	"strings"
	"testing"

	"formgen/internal/data"
	"formgen/internal/letter"
	"formgen/internal/locale"
	"formgen/internal/testtool"
	"formgen/internal/text"
)

// literal splits a message text at its placeholders ({{.name}}) into the
// pieces of fixed text between them, each of which the PDF must show.
var placeholder = regexp.MustCompile(`\{\{[^}]*\}\}`)

func literals(s string) []string {
	var out []string
	for _, p := range placeholder.Split(s, -1) {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// letterMessages returns the ids of the messages a template prints for
// the data, read from the template (not from the renderer).
func letterMessages(tpl *letter.Template, rec data.Record) []string {
	ids := []string{letter.TitleID(tpl.ID)}
	for _, b := range tpl.Blocks {
		if !b.Applies(rec) {
			continue
		}
		switch b.Type {
		case letter.Paragraph, letter.Heading:
			ids = append(ids, tpl.MessageID(b))
		case letter.List:
			ids = append(ids, tpl.ID+"."+b.ID+".title")
			for _, it := range tpl.Items(b, rec) {
				ids = append(ids, tpl.ID+"."+b.ID+"."+it)
			}
		case letter.Table:
			ids = append(ids, tpl.ID+"."+b.ID+".title")
			for _, r := range b.Rows {
				ids = append(ids, tpl.ID+"."+b.ID+"."+r.ID)
			}
		}
	}
	return ids
}

// source returns the raw text of a message in a locale (German if the
// locale lacks it), before any value is put in.
func source(c *locale.Catalog, loc *locale.Locale, id string) string {
	if e := loc.Entries[id]; e != nil {
		return e.Forms["other"]
	}
	return c.Source().Entries[id].Forms["other"]
}

// TestEveryTemplateEndToEnd renders every template with its example data
// in every shipped locale, checks each PDF with qpdf, and finds in what
// pdftotext extracts every text the template prints, in German and in the
// translation, and the example's values: dates, times and amounts written
// the German way in the German letter and the locale's way in its
// translation.
func TestEveryTemplateEndToEnd(t *testing.T) {
	testtool.Need(t, "pdftotext", "qpdf")
	e := shipped(t)
	dir := t.TempDir()
	for _, loc := range e.Catalog.Locales {
		t.Run(loc.Tag, func(t *testing.T) {
			t.Parallel()
			tx := e.Catalog.Texts(loc)
			for _, tpl := range e.Templates.Templates {
				rec, res := exampleLetter(t, e, tpl, loc)
				path := writePDF(t, dir, loc.Tag+"-"+tpl.ID+".pdf", res.PDF)
				testtool.Check(t, path)
				all := testtool.Text(t, path)
				de, tr := all, all
				if tpl.Kind == letter.KindLetter && tx.Bilingual() {
					// the German letter, then its translation
					head := literals(source(e.Catalog, e.Catalog.Source(), letter.MsgTranslation))[0]
					i := strings.Index(all, strings.TrimSpace(head))
					if i < 0 {
						t.Fatalf("%s: no translation heading %q", tpl.ID, head)
					}
					// from the page it starts on: its follow-page header
					// gives file number and date
					if j := strings.LastIndex(all[:i], "\f"); j >= 0 {
						i = j
					}
					de, tr = all[:i], all[i:]
				}
				if tpl.Kind == letter.KindSheet && tx.Bilingual() {
					// German in the left column (poppler's reading order
					// mixes the two); the translation in the whole page:
					// poppler orders the lines of a right-to-left span by
					// the direction of all the text it reads, and the
					// translation's column alone reads right-to-left where
					// the page reads left-to-right (see internal/pdf)
					w, h := 595.0, 842.0
					de, tr = testtool.TextIn(t, path, 0, 0, w/2, h), all
				}
				deWords, trWords, allWords := words(de), words(tr), words(all)
				for _, id := range letterMessages(tpl, rec) {
					dw, tw := deWords, trWords
					if id == letter.TitleID(tpl.ID) {
						dw, tw = allWords, allWords // across the page
					}
					for _, lit := range literals(source(e.Catalog, e.Catalog.Source(), id)) {
						if !inOrder(dw, lit) {
							t.Errorf("%s: German %s: %q not found in order", tpl.ID, id, lit)
						}
					}
					if !tx.Bilingual() {
						continue
					}
					for _, lit := range literals(source(e.Catalog, loc, id)) {
						if !inOrder(tw, lit) {
							t.Errorf("%s: %s %s: %q not found in order", tpl.ID, loc.Tag, id, lit)
						}
					}
				}
				// the values, each language's way
				for _, f := range tpl.Fields {
					v := rec[f.Key]
					if v == nil {
						continue
					}
					for i, part := range []string{de, tr} {
						if i == 1 && (f.Key == "street" || f.Key == "postcode" || f.Key == "city") {
							continue // the address is in the German letter's window only
						}
						fm := tx.Formatter(i == 1)
						var want, short string
						var err error
						switch f.Type {
						case "date":
							// long in running text, in digits in the
							// information block: one of them
							if short, err = fm.ShortDate(v.Date); err != nil {
								t.Fatal(err)
							}
							want, err = fm.Date(v.Date)
						case "time":
							want, err = fm.Time(v.Minutes)
						case "amount":
							want, err = fm.Amount(v.Number)
						case "name", "text":
							want = v.Text
						default:
							continue
						}
						if err != nil {
							t.Fatal(err)
						}
						found := func(s string) bool { return inOrder(words(part), s) }
						if !found(want) && (short == "" || !found(short)) {
							t.Errorf("%s: %s: value %s %q not found", tpl.ID, []string{"German", loc.Tag}[i], f.Key, want)
						}
					}
				}
			}
		})
	}
}

// TestRightToLeftLetter checks where the words of the appointment letter's
// translation stand on its page in every right-to-left locale: values in
// Latin script (a name, a telephone number) keep their left-to-right
// order inside right-to-left lines, and a date in the locale's words and
// digits reads from the right.
func TestRightToLeftLetter(t *testing.T) {
	testtool.Need(t, "mutool")
	e := shipped(t)
	tpl := e.Templates.Get("einladung")
	rec, err := e.Templates.Example(tpl)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, loc := range e.Catalog.Locales {
		if !loc.RTL {
			continue
		}
		n++
		t.Run(loc.Tag, func(t *testing.T) {
			res, err := e.Letter(tpl.ID, loc, rec)
			if err != nil {
				t.Fatal(err)
			}
			// MuPDF's words and where they stand: poppler reads a
			// right-to-left line as one ActualText span
			ws := testtool.MuPDFWords(t, testtool.WritePDF(t, res.PDF))
			// the translation's pages follow the German letter's
			first := 0
			for _, w := range ws {
				if w.Text == "Übersetzung" {
					first = w.Page
					break
				}
			}
			if first == 0 {
				t.Fatal("no translation page")
			}
			var page []testtool.Word
			for _, w := range ws {
				if w.Page >= first {
					page = append(page, w)
				}
			}
			// find returns each place where the words of phrase stand on
			// one line, in the phrase's order, or fails if there is none
			is := func(w testtool.Word, p string) bool { return w.Text == p }
			find := func(phrase string) [][]testtool.Word {
				parts := strings.Fields(phrase)
				var found [][]testtool.Word
				for _, w := range page {
					if !is(w, parts[0]) {
						continue
					}
					got := []testtool.Word{w}
					for _, p := range parts[1:] {
						for _, o := range page {
							if is(o, p) && o.Page == w.Page && math.Abs(o.YMin-w.YMin) < 2 {
								got = append(got, o)
								break
							}
						}
					}
					if len(got) == len(parts) {
						found = append(found, got)
					}
				}
				if len(found) == 0 {
					t.Errorf("%q not found on one line of the translation", phrase)
				}
				return found
			}
			leftToRight := func(phrase string) {
				for _, lw := range find(phrase) {
					for i := 1; i < len(lw); i++ {
						if lw[i].XMin <= lw[i-1].XMax {
							t.Errorf("%q: %q stands left of %q (page %d)", phrase, lw[i].Text, lw[i-1].Text, lw[i].Page)
						}
					}
				}
			}
			leftToRight(rec["recipient"].Text)
			leftToRight(rec["clerk_phone"].Text)
			find(rec["clerk_email"].Text)
			// the appointment's date in the locale's words reads from the
			// right; its digits, each a word, from the left within
			date, err := e.Catalog.Texts(loc).Formatter(true).Date(rec["appointment_date"].Date)
			if err != nil {
				t.Fatal(err)
			}
			for _, dw := range find(date) {
				for i := 1; i < len(dw); i++ {
					if dw[i].XMax >= dw[i-1].XMin {
						t.Errorf("date %q: %q does not stand left of %q", date, dw[i].Text, dw[i-1].Text)
					}
				}
			}
		})
	}
	if n == 0 {
		t.Fatal("no right-to-left locale shipped")
	}
}

// TestValuesKeepTheirOrder lays out, on one long line, every paragraph of
// the appointment letter's translation in every right-to-left locale and
// checks that the values in it read left to right as given: a telephone
// number of two groups of digits, an e-mail address, a Latin name. (On the
// page a line break may fall inside a value; here none does.)
func TestValuesKeepTheirOrder(t *testing.T) {
	e := shipped(t)
	e.init()
	tpl := e.Templates.Get("einladung")
	rec, err := e.Templates.Example(tpl)
	if err != nil {
		t.Fatal(err)
	}
	sh := text.NewShaper(e.Fonts)
	values := []string{rec["clerk_phone"].Text, rec["clerk_email"].Text, rec["recipient"].Text}
	for _, loc := range e.Catalog.Locales {
		if !loc.RTL {
			continue
		}
		r := &resolver{t: e.Catalog.Texts(loc), fonts: e.Fonts}
		lr := &letterResolver{resolver: r, tpl: tpl, rec: rec}
		doc := lr.letter(e.Office)
		if r.err != nil {
			t.Fatal(r.err)
		}
		n := 0
		var paras []string
		for _, p := range doc.TR {
			// values keep together with no-break spaces
			paras = append(paras, strings.Split(strings.ReplaceAll(p.Text, "\u00a0", " "), "\n")...)
		}
		for _, p := range paras {
			lines, err := sh.Layout(p, text.Style{Weight: text.Regular, Size: 10, RTL: true, Lang: loc.Tag}, 1e6)
			if err != nil || len(lines) != 1 {
				t.Fatalf("%s: %q: %d lines, %v", loc.Tag, p, len(lines), err)
			}
			var b strings.Builder
			for _, run := range lines[0].Runs {
				for _, c := range run.Clusters {
					b.WriteString(c.Text)
				}
			}
			visual := strings.NewReplacer("\u2068", "", "\u2069", "").Replace(b.String())
			for _, v := range values {
				if strings.Contains(p, v) {
					n++
					if !strings.Contains(visual, v) {
						t.Errorf("%s: %q does not read %q left to right: %q", loc.Tag, p, v, visual)
					}
				}
			}
		}
		if n < len(values) {
			t.Errorf("%s: only %d of the values found in the letter's paragraphs", loc.Tag, n)
		}
	}
}

// TestDataFontsNamePathOnly: a value of the person's data that no font
// prints is refused before layout, naming the field path and the code
// points, never the value.
func TestDataFontsNamePathOnly(t *testing.T) {
	e := shipped(t)
	tpl := e.Templates.Get("einladung")
	rec, err := e.Templates.Example(tpl)
	if err != nil {
		t.Fatal(err)
	}
	rec["recipient"] = &data.Value{Text: "Wang Xiu", Original: "王秀"}
	rec["clerk"] = &data.Value{Text: "Frau 王"}
	uk := e.Catalog.Get("uk")
	_, err = e.Letter(tpl.ID, uk, rec)
	if err == nil {
		t.Fatal("a name no font covers was rendered")
	}
	want := "template einladung, locale uk: data: clerk: no font covers U+738B\ndata: recipient.original: no font covers U+738B, U+79C0"
	if err.Error() != want {
		t.Errorf("error\n%s\nwant\n%s", err, want)
	}
	if strings.ContainsAny(err.Error(), "王秀") || strings.Contains(err.Error(), "Wang") {
		t.Errorf("error quotes the data: %s", err)
	}
}
