package render

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"

	"formgen/internal/layout"
)

// pdfiumLine is a line drawn, as checkPDFiumLines looks for it.
type pdfiumLine struct {
	page  int
	words []string // without the parts of a word broken at either end
	text  string
	tr    bool // holds a letter of another script than Latin
	// beside is true for a line on a baseline with a line of
	// right-to-left text that has glyphs above or below it (vowel marks):
	// PDFium may read such a pair out of order (internal/pdf's
	// groupable), and a line of Latin script there is excused
	beside bool
}

// checkPDFiumLines checks PDFium's text of a document (its pages ended by
// form feeds) line by line. PDFium gives the text of a page a line at a
// time, in the order the lines are drawn, lines on one baseline joined
// into one: each line drawn must have its words together and in order
// on the first line of PDFium's text, from the one where the line before
// was found on, that holds all of them (or on the line after it, where
// the words of a line recur in the line before). A line of a word or
// two found nowhere after that may stand earlier (PDFium meets it
// first). Every translated line must pass; a Latin line beside vowel
// marks (pdfiumLine.beside) is excused. It returns the figures, for the
// log.
func checkPDFiumLines(t *testing.T, what string, laid *layout.Document, text string) string {
	t.Helper()
	pages := strings.Split(text, "\f")
	var tr, lat, trOK, latOK int
	var excused []string
	var outs [][]string
	from, page := 0, -1
	for _, l := range pdfiumLines(laid) {
		if l.page != page {
			page, from, outs = l.page, 0, nil
			for _, s := range strings.Split(pages[l.page], "\n") {
				outs = append(outs, words(hyphenated.ReplaceAllString(s, "$1$2")))
			}
		}
		var ok bool
		ok, from = foundInOrder(outs, from, l.words)
		switch {
		case l.tr:
			tr++
			if ok {
				trOK++
			} else {
				t.Errorf("%s: pdfium does not give the words of the line %q together and in order", what, l.text)
			}
		case ok:
			lat++
			latOK++
		case l.beside:
			lat++
			excused = append(excused, l.text)
		default:
			lat++
			t.Errorf("%s: pdfium does not give the words of the line %q together and in order", what, l.text)
		}
	}
	return fmt.Sprintf("line by line: translated %d/%d, other %d/%d in logical order (excused beside vowel marks: %q)", trOK, tr, latOK, lat, excused)
}

// foundInOrder reports whether want stands together in a line of outs
// as checkPDFiumLines asks, and the line to look on from for the next.
func foundInOrder(outs [][]string, from int, want []string) (bool, int) {
	for k := from; k < len(outs); k++ {
		if inRow(outs[k], want) {
			return true, k
		}
		if !holds(outs[k], want) {
			continue
		}
		if k+1 < len(outs) && inRow(outs[k+1], want) {
			return true, k + 1
		}
		return false, k
	}
	for k := range from {
		if inRow(outs[k], want) {
			return true, from
		}
	}
	return false, from
}

// inRow reports whether want stands in got word after word.
func inRow(got, want []string) bool {
	for i := 0; i+len(want) <= len(got); i++ {
		if slices.Equal(got[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

// holds reports whether got has every word of want (each as often).
func holds(got, want []string) bool {
	n := map[string]int{}
	for _, w := range got {
		n[w]++
	}
	for _, w := range want {
		if n[w] == 0 {
			return false
		}
		n[w]--
	}
	return true
}

// pdfiumLines returns the lines of a document that have words, in the
// order they are drawn, without the parts of a word broken at a line's
// end (by the line's hyphen or at a hyphen of the word).
func pdfiumLines(laid *layout.Document) []pdfiumLine {
	var out []pdfiumLine
	broken := false
	for pi, pg := range laid.Pages {
		for _, it := range pg.Items {
			tl, ok := it.(layout.TextLine)
			if !ok {
				continue
			}
			s := lineText(tl)
			w := words(s)
			if broken && len(w) > 0 {
				w = w[1:]
			}
			broken = tl.Line.Hyphen || strings.HasSuffix(s, "-")
			if broken && len(w) > 0 {
				w = w[:len(w)-1]
			}
			if len(w) == 0 {
				continue
			}
			tr := strings.IndexFunc(s, func(r rune) bool {
				return unicode.IsLetter(r) && !unicode.In(r, unicode.Latin)
			}) >= 0
			out = append(out, pdfiumLine{pi, w, s, tr, besideMarks(tl, pg.Items)})
		}
	}
	return out
}

// besideMarks reports whether a line shares its baseline (within a
// tenth of its height) with a line of right-to-left text that has a glyph
// above or below the baseline.
func besideMarks(tl layout.TextLine, items []layout.Item) bool {
	size := tl.Line.Ascent + tl.Line.Descent
	for _, it := range items {
		o, ok := it.(layout.TextLine)
		if !ok || math.Abs(o.Y-tl.Y) > size/10 {
			continue
		}
		for _, run := range o.Line.Runs {
			for _, g := range run.Glyphs {
				if run.RTL && g.YOffset != 0 {
					return true
				}
			}
		}
	}
	return false
}
