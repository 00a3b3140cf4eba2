package render

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"formgen/internal/layout"

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

// stringsFound counts the texts whose words stand in got in their order,
// or in the reverse order (a viewer that does no bidi lists the words of
// a right-to-left line from the left).
func stringsFound(texts []string, got []string) int {
	n := 0
	for _, s := range texts {
		w := words(s)
		r := slices.Clone(w)
		slices.Reverse(r)
		if inOrderWords(got, w) || inOrderWords(got, r) {
			n++
		}
	}
	return n
}

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
// pdf.js (Firefox's viewer) and MuPDF and counts the words of the lines
// drawn that each gives back: every German word and every word of a
// left-to-right translation with all three, every word of an Arabic-script
// translation with poppler, and at least 91 % with pdf.js.
func TestTextLayerViewers(t *testing.T) {
	testtool.Need(t, "pdftotext", "mutool", "node")
	e := shipped(t)
	dir := t.TempDir()
	for _, tag := range []string{"de", "ar", "fa", "ps", "uk", "ti"} {
		loc := e.Catalog.Get(tag)
		res, err := e.Form("aufenthaltstitel", loc, nil)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, tag+".pdf")
		if err := os.WriteFile(path, res.PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		var de, tr, trTexts []string
		for _, l := range drawnLines(t, e, "aufenthaltstitel", tag) {
			if l.tr {
				tr = append(tr, words(l.text)...)
				trTexts = append(trTexts, l.text)
			} else {
				de = append(de, words(l.text)...)
			}
		}
		rtl := loc.RTL
		for _, v := range []struct {
			name string
			text string
		}{
			{"poppler", testtool.Text(t, path)},
			{"pdf.js", testtool.ReadPDFJS(t, path).Text()},
			{"mupdf", testtool.MuPDFText(t, path)},
		} {
			// a word hyphenated at a line end is one word, as a reader
			// (and poppler) takes it
			got := words(hyphenated.ReplaceAllString(v.text, "$1$2"))
			fd, td := recall(de, got)
			line := fmt.Sprintf("%s %-7s German words %d/%d", tag, v.name, fd, td)
			if fd < td {
				t.Errorf("%s: %s finds %d of %d German words", tag, v.name, fd, td)
			}
			if len(tr) > 0 {
				ft, tt := recall(tr, got)
				share := float64(ft) / float64(tt)
				line += fmt.Sprintf(", translated words %d/%d (%.0f %%), lines %d/%d", ft, tt, 100*share, stringsFound(trTexts, got), len(trTexts))
				switch {
				case !rtl && ft < tt:
					t.Errorf("%s: %s finds %d of %d translated words", tag, v.name, ft, tt)
				case rtl && v.name == "poppler" && ft < tt:
					t.Errorf("%s: poppler finds %d of %d translated words", tag, ft, tt)
				case rtl && v.name == "pdf.js" && share < 0.91:
					// Typst's share on a reference form
					t.Errorf("%s: pdf.js finds %.0f %% of the translated words, want at least 91 %%", tag, 100*share)
				}
				// MuPDF 1.21 does no bidi and ignores ActualText: it lists
				// a right-to-left line's letters from the left, so it finds
				// only words of one letter or that read the same backwards
				// (see internal/pdf's doc). Logged, not checked.
			}
			for _, r := range v.text {
				if r >= 0xE000 && r <= 0xF8FF {
					t.Errorf("%s: %s gives %U, a private-use character", tag, v.name, r)
					break
				}
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
			var runs []string
			for _, run := range tl.Line.Runs {
				var cls []string
				for _, cl := range run.Clusters {
					cls = append(cls, cl.Text)
				}
				if run.RTL {
					slices.Reverse(cls)
				}
				runs = append(runs, strings.Join(cls, ""))
			}
			if tl.Line.RTL {
				slices.Reverse(runs)
			}
			s := strings.Join(runs, "")
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
