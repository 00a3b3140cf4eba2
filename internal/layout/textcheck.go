package layout

import (
	"fmt"

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
	items := map[int]string{} // paragraphs that are list items
	pages := map[int][]int{}  // the pages each paragraph has lines on
	bilingual := false
	for _, pg := range d.Pages {
		for _, it := range pg.Items {
			if tl, ok := it.(TextLine); ok && tl.Lang != "" && tl.Lang != "de" {
				bilingual = true
			}
		}
	}
	for pi, pg := range d.Pages {
		bullets := map[[2]int]bool{} // (column, height)
		for _, it := range pg.Items {
			tl, ok := it.(TextLine)
			if !ok {
				continue
			}
			col := 0
			if tl.X >= d.Width/2 {
				col = 1
			}
			if tl.Role == RoleArtifact && lineText(tl.Line) == "•" {
				bullets[[2]int{col, int(tl.Y*100 + 0.5)}] = true
				for _, o := range pg.Items {
					if ol, ok := o.(TextLine); ok && ol.Role.Body() && ol.Y == tl.Y && (ol.X >= d.Width/2) == (col == 1) {
						items[ol.Para] = lineText(ol.Line)
					}
				}
				continue
			}
			if ps := pages[tl.Para]; len(ps) == 0 || ps[len(ps)-1] != pi+1 {
				pages[tl.Para] = append(ps, pi+1)
			}
		}
		if !bilingual {
			continue
		}
		for k := range bullets {
			if !bullets[[2]int{1 - k[0], k[1]}] {
				out = append(out, Problem{Page: pi + 1, Element: fmt.Sprintf("bullet at %.1f pt", float64(k[1])/100), Detail: "no bullet level with it in the other column"})
			}
		}
	}
	for p, first := range items {
		if len(pages[p]) > 1 {
			out = append(out, Problem{Page: pages[p][0], Element: fmt.Sprintf("%.60q", first), Detail: fmt.Sprintf("a list item runs over pages %v", pages[p])})
		}
	}
	return out
}
