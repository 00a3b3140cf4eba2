package render

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"formgen/internal/layout"
	"formgen/internal/text"

	"formgen/internal/testtool"
)

// recall returns the share of the words of want found in got, counted
// with repetition: each word of got is used once.
func recall(want, got []string) (found, total int) {
	have := map[string]int{}
	for _, w := range got {
		have[w]++
	}
	for _, w := range want {
		total++
		if have[w] > 0 {
			have[w]--
			found++
		}
	}
	return found, total
}

// linesFound returns the texts whose words do not stand in got in their
// order.
func linesMissed(texts []string, got []string) []string {
	var out []string
	for _, s := range texts {
		if !inOrderWords(got, words(s)) {
			out = append(out, s)
		}
	}
	return out
}

// inOrderWords reports whether the words of want stand in got in their
// order, other words allowed between them.
func inOrderWords(got, want []string) bool {
	i := 0
	for _, w := range want {
		for i < len(got) && got[i] != w {
			i++
		}
		if i == len(got) {
			return false
		}
		i++
	}
	return true
}

// TestTextLayerViewers reads the residence permit form with poppler,
// pdf.js (Firefox's viewer), MuPDF and PDFium (Chrome's, Edge's and
// Android's) and checks that each gives back every word of the lines
// drawn, German and translated, and every translated line with its words
// in logical order. pdf.js leaves out the zero width non-joiner (U+200C)
// of Persian and Pashto words from any PDF (it drops every invisible
// format character): for pdf.js words are compared without it, and what
// that costs is logged. PDFium makes one line of all the text on one
// baseline, across columns, and orders it as a whole: its text is also
// checked line by line (checkPDFiumLines).
func TestTextLayerViewers(t *testing.T) {
	testtool.Need(t, "pdftotext", "mutool", "node")
	e := shipped(t)
	dir := t.TempDir()
	for _, tag := range []string{"de", "ar", "fa", "ps", "ckb", "uk", "ti"} {
		loc := e.Catalog.Get(tag)
		res, err := e.Form("aufenthaltstitel", loc, nil)
		if err != nil {
			t.Fatal(err)
		}
		path := writePDF(t, dir, tag+".pdf", res.PDF)
		var de, trTexts []string
		for _, l := range drawnLines(t, e, "aufenthaltstitel", tag) {
			if l.tr {
				trTexts = append(trTexts, l.text)
			} else {
				de = append(de, words(l.text)...)
			}
		}
		for _, v := range []struct {
			name string
			text string
		}{
			{"poppler", testtool.Text(t, path)},
			{"pdf.js", testtool.ReadPDFJS(t, path).Text()},
			{"mupdf", testtool.MuPDFText(t, path)},
			{"pdfium", testtool.PDFiumText(t, path)},
		} {
			for _, r := range v.text {
				if r >= 0xE000 && r <= 0xF8FF {
					t.Errorf("%s: %s gives %U, a private-use character", tag, v.name, r)
					break
				}
			}
			// a word hyphenated at a line end is one word, as a reader
			// (and poppler) takes it
			got := words(hyphenated.ReplaceAllString(v.text, "$1$2"))
			fd, td := recall(de, got)
			line := fmt.Sprintf("%s %-7s German words %d/%d", tag, v.name, fd, td)
			if fd < td {
				t.Errorf("%s: %s finds %d of %d German words", tag, v.name, fd, td)
			}
			if len(trTexts) == 0 {
				t.Log(line)
				continue
			}
			texts := trTexts
			if v.name == "pdf.js" {
				ft, tt := recall(words(strings.Join(texts, "\n")), got)
				line += fmt.Sprintf(", as written %d/%d", ft, tt)
				texts = make([]string, len(trTexts))
				for i, s := range trTexts {
					texts[i] = strings.ReplaceAll(s, "\u200c", "")
				}
				got = words(strings.ReplaceAll(hyphenated.ReplaceAllString(v.text, "$1$2"), "\u200c", ""))
			}
			ft, tt := recall(words(strings.Join(texts, "\n")), got)
			missed := linesMissed(texts, got)
			line += fmt.Sprintf(", translated words %d/%d, lines in logical order %d/%d", ft, tt, len(texts)-len(missed), len(texts))
			if ft < tt {
				t.Errorf("%s: %s finds %d of %d translated words", tag, v.name, ft, tt)
			}
			for _, s := range missed {
				t.Errorf("%s: %s does not give the words of %q in order", tag, v.name, s)
			}
			if v.name == "pdfium" {
				line += "; " + checkPDFiumLines(t, tag+" aufenthaltstitel", res.Layout, v.text)
			}
			t.Log(line)
		}
	}
}

// hyphenated finds a word broken with a hyphen at a line end.
var hyphenated = regexp.MustCompile(`(\p{Ll})-[ \t]*\r?\n\s*(\p{Ll})`)

type drawnLine struct {
	text string
	tr   bool // in the translation's script: a letter of another script than Latin
	line layout.TextLine
}

// drawnLines lays out a form as Form does and returns the text of every
// line drawn, in logical order as far as a line of one paragraph goes:
// the reference the viewers' text is compared with.
func drawnLines(t *testing.T, e *Engine, id, tag string) []drawnLine {
	t.Helper()
	loc := e.Catalog.Get(tag)
	r := &resolver{t: e.Catalog.Texts(loc), fonts: e.Fonts}
	doc, err := resolveForm(e.Forms.Get(id), r, e.Office, nil)
	if err != nil {
		t.Fatal(err)
	}
	laid, err := layout.Form(doc, e.shaper())
	if err != nil {
		t.Fatal(err)
	}
	var out []drawnLine
	joinNext := false
	for _, pg := range laid.Pages {
		for _, it := range pg.Items {
			tl, ok := it.(layout.TextLine)
			if !ok {
				continue
			}
			s := lineText(tl)
			other := strings.IndexFunc(s, func(r rune) bool {
				return unicode.IsLetter(r) && !unicode.In(r, unicode.Latin)
			}) >= 0
			if n := len(out); n > 0 && joinNext {
				// the rest of a word hyphenated at the line before
				out[n-1].text += s
			} else {
				out = append(out, drawnLine{s, other, tl})
			}
			joinNext = tl.Line.Hyphen
		}
	}
	return out
}

// lineText returns the text of a line as drawnLines takes it: its runs
// in the order the paragraph holds them (text.Run.Logical), each run's
// clusters in the order they are read.
func lineText(tl layout.TextLine) string {
	runs := slices.Clone(tl.Line.Runs)
	slices.SortFunc(runs, func(a, b text.Run) int { return cmp.Compare(a.Logical, b.Logical) })
	var b strings.Builder
	for _, run := range runs {
		cls := slices.Clone(run.Clusters)
		if run.RTL {
			slices.Reverse(cls)
		}
		for _, cl := range cls {
			b.WriteString(cl.Text)
		}
	}
	return b.String()
}

// TestTextLayerViewersLetters reads every template's letter or sheet with
// its example data, in the right-to-left locales, with MuPDF, pdf.js and
// PDFium: each must give every word of Arabic script that poppler gives
// (pdf.js without zero width non-joiners, see TestTextLayerViewers),
// where labels and values stand on one baseline and sheets in two
// columns; and PDFium, which reads such a baseline as one line, each
// line drawn with its words in logical order (checkPDFiumLines).
func TestTextLayerViewersLetters(t *testing.T) {
	testtool.Need(t, "pdftotext", "mutool", "node")
	e := shipped(t)
	dir := t.TempDir()
	arabic := func(s string) []string {
		var out []string
		for _, w := range words(strings.ReplaceAll(s, "\u200c", "")) {
			if strings.IndexFunc(w, func(r rune) bool { return unicode.In(r, unicode.Arabic) && unicode.IsLetter(r) }) >= 0 {
				out = append(out, w)
			}
		}
		return out
	}
	for _, tag := range []string{"ar", "fa", "ps", "ckb"} {
		loc := e.Catalog.Get(tag)
		for _, tpl := range e.Templates.Templates {
			_, res := exampleLetter(t, e, tpl, loc)
			path := writePDF(t, dir, tag+"-"+tpl.ID+".pdf", res.PDF)
			want := arabic(testtool.Text(t, path))
			if len(want) == 0 {
				t.Errorf("%s %s: poppler gives no word of Arabic script", tag, tpl.ID)
			}
			for _, v := range []struct{ name, text string }{
				{"pdf.js", testtool.ReadPDFJS(t, path).Text()},
				{"mupdf", testtool.MuPDFText(t, path)},
			} {
				if f, n := recall(want, arabic(v.text)); f < n {
					t.Errorf("%s %s: %s finds %d of the %d words of Arabic script poppler gives", tag, tpl.ID, v.name, f, n)
				}
			}
			pdfium := testtool.PDFiumText(t, path)
			if f, n := recall(want, arabic(pdfium)); f < n {
				t.Errorf("%s %s: pdfium finds %d of the %d words of Arabic script poppler gives", tag, tpl.ID, f, n)
			}
			t.Logf("%s %s: pdfium %s", tag, tpl.ID, checkPDFiumLines(t, tag+" "+tpl.ID, res.Layout, pdfium))
		}
	}
}
