package render

import (
	"regexp"
	"strings"
	"testing"

	"formgen/internal/testtool"
)

// structHyphen finds a word hyphenated at a line end in the text of
// pdfinfo -struct-text, which quotes each line.
var structHyphen = regexp.MustCompile(`(\p{Ll})-"\s*\n\s*"(\p{Ll})`)

// TestTaggedForm checks the structure of a tagged form as poppler and
// pdf.js read it: every German word of the content is in the structure
// tree, every translated line's words in logical order, and no word of
// the page furniture, headings and paragraphs carry
// their language, the catalog says German and that the file is marked.
func TestTaggedForm(t *testing.T) {
	testtool.Need(t, "pdfinfo", "qpdf", "node")
	e := shipped(t)
	dir := t.TempDir()
	for _, tag := range []string{"de", "ar", "uk"} {
		loc := e.Catalog.Get(tag)
		res, err := e.Form("aufenthaltstitel", loc, nil)
		if err != nil {
			t.Fatal(err)
		}
		path := writePDF(t, dir, tag+".pdf", res.PDF)
		testtool.Check(t, path)
		st := testtool.Run(t, "pdfinfo", "-struct-text", path)
		if !strings.HasPrefix(st, "Document\n") {
			t.Fatalf("%s: pdfinfo -struct-text does not start with the Document element:\n%.300s", tag, st)
		}
		for _, role := range []string{"H1 (block)", "H2 (block)", "P (block)", "Sect", "Table (block)", "  TR\n", "TH:\n           /Scope /Column", "  TD\n", "  Form\n"} {
			if !strings.Contains(st, role) {
				t.Errorf("%s: no %s element in the structure", tag, role)
			}
		}
		var content, furniture, translated []string
		for _, l := range drawnLines(t, e, "aufenthaltstitel", tag) {
			if l.line.Lang == "" && l.line.Role.Content() {
				t.Errorf("%s: line %q has no language", tag, l.text)
			}
			if l.tr {
				if l.line.Role.Content() {
					translated = append(translated, l.text)
				}
				continue
			}
			if l.line.Role.Content() {
				content = append(content, words(l.text)...)
			} else {
				furniture = append(furniture, l.text)
			}
		}
		// a word hyphenated at a line end ("Lebenspartner-" "schaft") is
		// one word, as drawnLines gives it
		got := words(structHyphen.ReplaceAllString(st, "$1$2"))
		if f, n := recall(content, got); f < n {
			t.Errorf("%s: the structure tree holds %d of the %d German words of the content", tag, f, n)
		}
		// the translation's lines in logical order, right-to-left ones
		// too: poppler reads the glyphs, drawn in the order they are read
		for _, l := range linesMissed(translated, got) {
			t.Errorf("%s: the structure tree does not give the words of %q in order", tag, l)
		}
		for _, f := range furniture {
			if len(f) > 12 && strings.Contains(st, f) {
				t.Errorf("%s: page furniture %q is in the structure tree", tag, f)
			}
		}

		js := testtool.ReadPDFJS(t, path)
		if js.Lang != "de" {
			t.Errorf("%s: the catalog's language is %q, want de", tag, js.Lang)
		}
		if js.Marked == nil || !js.Marked.Marked {
			t.Errorf("%s: MarkInfo does not say Marked", tag)
		}
		langs := map[string]int{}
		var walk func(n *testtool.StructNode, lang string)
		walk = func(n *testtool.StructNode, lang string) {
			if n.Lang != "" {
				lang = n.Lang
			}
			switch n.Role {
			case "H1", "H2", "P":
				langs[lang]++
			}
			for _, c := range n.Children {
				walk(c, lang)
			}
		}
		for _, pg := range js.Pages {
			if pg.Struct == nil {
				t.Fatalf("%s: pdf.js finds no structure tree", tag)
			}
			walk(pg.Struct, "")
		}
		if langs["de"] == 0 || tag != "de" && langs[tag] == 0 {
			t.Errorf("%s: elements by language %v, want German and %s", tag, langs, tag)
		}
		for l := range langs {
			if l != "de" && l != tag {
				t.Errorf("%s: %d elements in language %q", tag, langs[l], l)
			}
		}
		for _, want := range []string{"/DisplayDocTitle true", "pdfuaid:part>1<", "/StructTreeRoot"} {
			if !strings.Contains(string(res.PDF), want) {
				t.Errorf("%s: the PDF lacks %s", tag, want)
			}
		}
	}
}

// TestTaggedLettersAndSheets checks that letters and information sheets
// are tagged too, with the translation in its language.
func TestTaggedLettersAndSheets(t *testing.T) {
	testtool.Need(t, "pdfinfo", "qpdf")
	e := shipped(t)
	for _, c := range []struct {
		id, tag string
		lists   bool // the sheet has lists
	}{{"datenschutz", "fa", true}, {"belehrung_info", "ti", false}} {
		res, err := e.Letter(c.id, e.Catalog.Get(c.tag), nil)
		if err != nil {
			t.Fatal(err)
		}
		path := testtool.WritePDF(t, res.PDF)
		testtool.Check(t, path)
		st := testtool.Run(t, "pdfinfo", "-struct-text", path)
		if !strings.HasPrefix(st, "Document\n") || !strings.Contains(st, "H1 (block)") || !strings.Contains(st, "P (block)") {
			t.Errorf("%s %s: structure is\n%.400s", c.id, c.tag, st)
		}
		if !strings.Contains(string(res.PDF), "/Lang ("+c.tag+")") {
			t.Errorf("%s %s: no element in language %s", c.id, c.tag, c.tag)
		}
		// a list is L, LI, LBody; each item's body holds the German and
		// then the translation
		if !c.lists {
			continue
		}
		if !regexp.MustCompile(`(?m)^ +L \(block\):\n.*/ListNumbering /Disc\n +LI \(block\)\n +LBody \(block\)\n +P \(block\)\n`).MatchString(st) {
			t.Errorf("%s %s: no list of items: structure is\n%.2000s", c.id, c.tag, st)
		}
		if n, m := strings.Count(st, "LBody (block)"), strings.Count(st, "LI (block)"); n == 0 || n != m {
			t.Errorf("%s %s: %d LBody in %d LI", c.id, c.tag, n, m)
		}
	}
}
