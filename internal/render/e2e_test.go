package render

import (
	"testing"
	"unicode"

	"formgen/internal/testtool"
)

// words splits a text into words (runs of letters and joiners) and
// numbers, leaving out punctuation and vowel marks. Marks are left out
// because poppler sometimes files a mark that ends a right-to-left run
// under the next word; the pdf package tests that marks survive.
func words(s string) []string {
	var out []string
	var cur []rune
	kind := 0 // 1 Arabic letters, 2 digits, 3 other letters: poppler may glue neighbours of two scripts
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
		}
		cur, kind = cur[:0], 0
	}
	for _, r := range s {
		// digits compare by value: a translation may print them in its
		// own script (٣٥ for 35)
		switch {
		case r >= '٠' && r <= '٩':
			r = '0' + r - '٠'
		case r >= '۰' && r <= '۹':
			r = '0' + r - '۰'
		}
		k := 0
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '-' && kind == 3:
			// pdftotext joins a word broken at its hyphen at a line end
			// (long-|term gives longterm): join it everywhere. Not in
			// right-to-left text, where poppler may put the hyphen
			// elsewhere
			continue
		case unicode.IsDigit(r): // before Arabic: the Arabic-Indic digits are of that script
			k = 2
		case unicode.In(r, unicode.Arabic) || r == '\u200c' || r == '\u200d':
			k = 1
		case unicode.IsLetter(r) || unicode.Is(unicode.Mc, r):
			k = 3
		}
		if k != kind {
			flush()
		}
		if k != 0 {
			cur = append(cur, r)
			kind = k
		}
	}
	flush()
	return out
}

// inOrder reports whether the words of want appear in got in the same
// order (other words may stand between them: a label's lines can be
// interleaved with a neighbouring column's).
func inOrder(got []string, want string) bool {
	return inOrderWords(got, words(want))
}

// TestEveryLocaleEndToEnd renders every shipped form in every shipped
// locale, checks each PDF with qpdf and finds every text of the locale, as
// written in its file, in what pdftotext extracts: its words in logical
// order, in right-to-left locales too, where a text mixes Arabic script
// with digits, Latin words and punctuation (internal/pdf's ActualText
// spans).
func TestEveryLocaleEndToEnd(t *testing.T) {
	testtool.Need(t, "pdftotext", "qpdf")
	e := shipped(t)
	dir := t.TempDir()
	for _, loc := range e.Catalog.Locales {
		t.Run(loc.Tag, func(t *testing.T) {
			t.Parallel()
			tx := e.Catalog.Texts(loc)
			for _, f := range e.Forms.Forms {
				res, err := e.Form(f.ID, loc, nil)
				if err != nil {
					t.Fatal(err)
				}
				path := writePDF(t, dir, loc.Tag+"-"+f.ID+".pdf", res.PDF)
				testtool.Check(t, path)
				got := words(testtool.Text(t, path))
				for _, m := range f.Messages() {
					want, err := tx.Translation(m.ID, nil)
					if err != nil {
						t.Fatal(err)
					}
					if !inOrder(got, want) {
						t.Errorf("%s, %s: %q not found in order", f.ID, m.ID, want)
					}
				}
			}
		})
	}
}
