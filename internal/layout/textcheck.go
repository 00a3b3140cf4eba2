package layout

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"formgen/internal/text"
)

// TextCheckers are the checks of the text of every document, form, letter
// or sheet (and part of Checkers): no protected run (an e-mail address, a
// telephone or file number, a date, a legal citation) is broken across
// lines, and no word is cut where it has no hyphenation point.
var TextCheckers = []Checker{
	{"protected-run", checkProtectedRuns},
	{"cut-word", checkCutWords},
	{"translation-colour", checkTranslationColour},
}

// SheetCheckers are the checks of a two-column sheet: each column has one
// line spacing, and a list item starts level with its translation and is
// not split across pages.
var SheetCheckers = []Checker{
	{"line-spacing", checkLineSpacing},
	{"list-item", checkListItems},
	{"type-size", checkSheetSizes},
}

// paraPage returns the page (from 1) with the first line of paragraph
// para, or 0.
func paraPage(d *Document, para int) int {
	for i, p := range d.Pages {
		for _, it := range p.Items {
			if tl, ok := it.(TextLine); ok && tl.Para == para {
				return i + 1
			}
		}
	}
	return 0
}

func checkProtectedRuns(d *Document) []Problem {
	var out []Problem
	for _, b := range d.Boxes {
		for _, r := range text.BrokenRuns(b.Text, b.Starts) {
			out = append(out, Problem{Page: paraPage(d, b.Para), Element: fmt.Sprintf("%.60q", b.Text), Detail: fmt.Sprintf("%q broken across lines (box %.0f pt)", r, b.Width)})
		}
	}
	return out
}

func checkCutWords(d *Document) []Problem {
	var out []Problem
	for _, b := range d.Boxes {
		if b.Split {
			out = append(out, Problem{Page: paraPage(d, b.Para), Element: fmt.Sprintf("%.60q", b.Text), Detail: fmt.Sprintf("a word cut without a hyphenation point (box %.0f pt)", b.Width)})
		}
	}
	return out
}

// checkTranslationColour finds a line of the translation printed in the
// German's black: the translation has one visual code in every document
// (Ink), so that the binding German is told apart at a glance.
func checkTranslationColour(d *Document) []Problem {
	var out []Problem
	for i, p := range d.Pages {
		for _, it := range p.Items {
			tl, ok := it.(TextLine)
			if ok && tl.Lang != "" && tl.Lang != "de" && tl.Color == Black {
				out = append(out, Problem{Page: i + 1, Element: fmt.Sprintf("%.60q", lineText(tl.Line)), Detail: "a translated line in the German's black"})
			}
		}
	}
	return out
}

// checkSheetSizes finds running text of a sheet (paragraphs, list items,
// sub-headings) set smaller than MinBodySize, in any script.
func checkSheetSizes(d *Document) []Problem {
	var out []Problem
	for i, p := range d.Pages {
		for _, it := range p.Items {
			tl, ok := it.(TextLine)
			if !ok || !(tl.Role.Body() || tl.Role == RoleH3) {
				continue
			}
			for _, r := range tl.Line.Runs {
				if r.Size < MinBodySize-0.01 {
					out = append(out, Problem{Page: i + 1, Element: fmt.Sprintf("%.60q", lineText(tl.Line)), Detail: fmt.Sprintf("type %.1f pt, want at least %.1f pt", r.Size, MinBodySize)})
					break
				}
			}
		}
	}
	return out
}

// sheetColumn returns the column (0 German at the left, 1 the
// translation at the right) a line of a two-column sheet stands in, or
// false for a line across both (the title, the binding notice) or in the
// other column's language.
func sheetColumn(d *Document, tl TextLine) (int, bool) {
	mid := d.Width / 2
	c := 0
	switch {
	case tl.X >= mid:
		c = 1
	case tl.X+tl.Line.Width > mid:
		return 0, false
	}
	return c, (c == 1) == (tl.Lang != "de")
}

// checkLineSpacing finds the baselines of two lines of a paragraph that
// follow each other on a page, in each column: the distance must be the
// same throughout the column.
func checkLineSpacing(d *Document) []Problem {
	type first struct {
		d    float64
		page int
		text string
	}
	seen := map[int]*first{}
	var out []Problem
	for pi, pg := range d.Pages {
		last := map[int]TextLine{}
		for _, it := range pg.Items {
			tl, ok := it.(TextLine)
			if !ok || !tl.Role.Body() {
				continue
			}
			c, ok := sheetColumn(d, tl)
			if !ok {
				continue
			}
			if prev, ok := last[tl.Para]; ok {
				dy := tl.Y - prev.Y
				switch f := seen[c]; {
				case f == nil:
					seen[c] = &first{dy, pi + 1, lineText(tl.Line)}
				case dy-f.d > 0.01 || f.d-dy > 0.01:
					out = append(out, Problem{Page: pi + 1, Element: fmt.Sprintf("%.60q", lineText(tl.Line)), Detail: fmt.Sprintf("%.2f pt under the line before, but %.2f pt under %.40q (page %d) in the same column", dy, f.d, f.text, f.page)})
				}
			}
			last[tl.Para] = tl
		}
	}
	return out
}

// checkListItems finds each list item by its bullet: its lines are all on
// one page, and in a two-column sheet the other column has a bullet at
// the same height.
func checkListItems(d *Document) []Problem {
	var out []Problem
	lists := listItems{first: map[int]string{}, pages: map[int][]int{}}
	bilingual := translated(d)
	for pi, pg := range d.Pages {
		bullets := lists.read(d, pg, pi+1)
		if bilingual {
			out = append(out, unmatchedBullets(bullets, pi+1)...)
		}
	}
	return append(out, lists.split()...)
}

// translated reports whether d has a line in a language other than
// German.
func translated(d *Document) bool {
	for _, pg := range d.Pages {
		for _, it := range pg.Items {
			if tl, ok := it.(TextLine); ok && tl.Lang != "" && tl.Lang != "de" {
				return true
			}
		}
	}
	return false
}

// listItems are the list items of a sheet, found by their bullets, and
// the pages every paragraph has lines on.
type listItems struct {
	first map[int]string // paragraphs that are list items: their first line
	pages map[int][]int  // the pages each paragraph has lines on, in order
}

// bullet is where a bullet stands: its column (0 left, 1 right) and its
// baseline in hundredths of a point.
type bullet [2]int

// read records the list items and paragraphs of page pg, page number n,
// and returns the bullets on it.
func (l listItems) read(d *Document, pg *Page, n int) map[bullet]bool {
	bullets := map[bullet]bool{}
	for _, it := range pg.Items {
		tl, ok := it.(TextLine)
		if !ok {
			continue
		}
		if tl.Role == RoleArtifact && lineText(tl.Line) == "•" {
			col := half(d, tl.X)
			bullets[bullet{col, int(tl.Y*100 + 0.5)}] = true
			l.itemAt(d, pg, col, tl.Y)
			continue
		}
		if ps := l.pages[tl.Para]; len(ps) == 0 || ps[len(ps)-1] != n {
			l.pages[tl.Para] = append(ps, n)
		}
	}
	return bullets
}

// itemAt records the body text of page pg level with a bullet at y in
// column col as a list item.
func (l listItems) itemAt(d *Document, pg *Page, col int, y float64) {
	for _, o := range pg.Items {
		if ol, ok := o.(TextLine); ok && ol.Role.Body() && ol.Y == y && half(d, ol.X) == col {
			l.first[ol.Para] = lineText(ol.Line)
		}
	}
}

// half is the half of d's width (0 left, 1 right) x lies in.
func half(d *Document, x float64) int {
	if x >= d.Width/2 {
		return 1
	}
	return 0
}

// unmatchedBullets finds the bullets of page n with no bullet level with
// them in the other column.
func unmatchedBullets(bullets map[bullet]bool, n int) []Problem {
	var out []Problem
	// in the order they stand on the page, so that a report reads the
	// same every time
	keys := slices.SortedFunc(maps.Keys(bullets), func(a, b bullet) int {
		return cmp.Or(cmp.Compare(a[1], b[1]), cmp.Compare(a[0], b[0]))
	})
	for _, k := range keys {
		if !bullets[bullet{1 - k[0], k[1]}] {
			out = append(out, Problem{Page: n, Element: fmt.Sprintf("bullet at %.1f pt", float64(k[1])/100), Detail: "no bullet level with it in the other column"})
		}
	}
	return out
}

// split finds the list items whose lines are on more than one page.
func (l listItems) split() []Problem {
	var out []Problem
	for _, p := range slices.Sorted(maps.Keys(l.first)) {
		if first := l.first[p]; len(l.pages[p]) > 1 {
			out = append(out, Problem{Page: l.pages[p][0], Element: fmt.Sprintf("%.60q", first), Detail: fmt.Sprintf("a list item runs over pages %v", l.pages[p])})
		}
	}
	return out
}
