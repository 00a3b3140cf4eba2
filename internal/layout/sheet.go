package layout

import (
	"fmt"

	"formgen/internal/text"
)

// SheetDoc is an information sheet: German and the translation side by
// side, each paragraph level with its translation.
type SheetDoc struct {
	Reader
	Office    string
	Authority Bi
	Title     Bi
	Binding   Bi
	DE, TR    []Part // the same parts in both languages; TR empty for German only
	FooterID  string
	Page      func(page, pages int) (Bi, error)
}

// Sheet lays out an information sheet in two columns, German at the left
// and the translation at the right (German alone takes the whole width).
// Each heading, paragraph and list item starts level in both columns, each
// column keeps one line spacing, and a long text breaks across pages in
// both columns at once (sheetBlocks).
func Sheet(doc *SheetDoc, sh *text.Shaper) (*Document, error) {
	s := &setter{sh: sh, lang: doc.Lang, rtl: doc.RTL, german: doc.Untranslated}
	fb := &formBuilder{s: s, doc: &FormDoc{Office: doc.Office, Authority: doc.Authority, FooterID: doc.FooterID, Page: doc.Page}}
	// title and binding notice as on a form
	fb.doc.Title, fb.doc.Binding = doc.Title, doc.Binding
	t := s.pair(doc.Title, titleDE, titleTR, contentWidth)
	t.gap = 2
	fb.add(&block{h: t.height(), keep: true, draw: func(pg *Page, y float64) { t.draw(pg, marginLeft, y, contentWidth) }})
	if doc.Binding.DE != "" {
		p := s.pair(doc.Binding, bodyDE, bodyTR, contentWidth-12)
		h := p.height() + 8
		fb.add(&block{h: h, gap: 7, draw: func(pg *Page, y float64) {
			pg.Items = append(pg.Items, Rect{X: marginLeft, Y: y, W: contentWidth, H: h, Fill: &Fill})
			p.draw(pg, marginLeft+6, y+4, contentWidth-12)
		}})
	}
	cols := columns{x: []float64{marginLeft}, w: []float64{contentWidth}}
	if len(doc.TR) > 0 {
		w := (contentWidth - 18) / 2
		cols = columns{x: []float64{marginLeft, marginLeft + w + 18}, w: []float64{w, w}}
		if len(doc.TR) != len(doc.DE) {
			return nil, fmt.Errorf("sheet: %d German parts, %d translated", len(doc.DE), len(doc.TR))
		}
	}
	var units []sheetUnit
	for i := range doc.DE {
		parts := []Part{doc.DE[i]}
		if len(doc.TR) > 0 {
			parts = append(parts, doc.TR[i])
		}
		units = append(units, fb.sheetUnits(cols, parts)...)
	}
	fb.sheetBlocks(units, len(cols.x))
	if s.err != nil {
		return nil, s.err
	}
	pages, err := fb.pages()
	if err != nil {
		return nil, err
	}
	return s.document(doc.Reader, doc.Title, doc.FooterID, doc.Office, pages)
}

// columns are the sheet's column positions: German first.
type columns struct{ x, w []float64 }

// sheetCell is one column's lines of one row of a sheet.
type sheetCell struct {
	line  *text.Line
	rtl   bool
	color Color
	x, w  float64
	mark  string // a list item's bullet, drawn on its first line
	of    para   // the paragraph the line is of
}

// sheetUnit is a piece of a sheet set in every column, starting level in
// all of them: a heading, a paragraph, a list's title or one list item.
type sheetUnit struct {
	cells    [][]sheetCell // per column, its lines
	gap      float64       // space before it
	whole    bool          // never broken across pages: a list item
	keepNext bool          // on the page of the next unit: a heading, a list's title
}

// sheetUnits sets one part in every column: its heading, paragraph, or
// list title and items, each a unit of its own, so that every list item
// starts level with its translation.
func (b *formBuilder) sheetUnits(cols columns, parts []Part) []sheetUnit {
	const indent = 11
	var units []sheetUnit
	// unit sets the texts of one unit, one per column (mark: a bullet)
	unit := func(texts []string, st style, mark string) sheetUnit {
		var u sheetUnit
		for c, s := range texts {
			tr := c == 1
			x, w := cols.x[c], cols.w[c]
			if mark != "" {
				w -= indent
				if !(tr && b.s.rtl) {
					x += indent
				}
			}
			pp := b.s.set(s, st, w, tr)
			if tr {
				pp.color = Ink // the translation's colour, as on a form
			}
			var cells []sheetCell
			for i := range pp.lines {
				cell := sheetCell{line: &pp.lines[i], rtl: pp.rtl, color: pp.color, x: x, w: w, of: pp}
				if i == 0 {
					cell.mark = mark
				}
				cells = append(cells, cell)
			}
			u.cells = append(u.cells, cells)
		}
		return u
	}
	of := func(f func(p Part) string) []string {
		var out []string
		for _, p := range parts {
			out = append(out, f(p))
		}
		return out
	}
	switch p := parts[0]; p.Kind {
	case PartHeading:
		u := unit(of(func(p Part) string { return p.Text }), headDE, "")
		u.gap, u.keepNext = 10, true
		units = append(units, u)
	case PartParagraph:
		u := unit(of(func(p Part) string { return p.Text }), bodyDE, "")
		u.gap = 5
		units = append(units, u)
	case PartList:
		gap := 5.0
		if p.Text != "" {
			u := unit(of(func(p Part) string { return p.Text }), bodyDE, "")
			u.gap, u.keepNext = gap, true
			units = append(units, u)
			gap = 2
		}
		for i := range p.Items {
			u := unit(of(func(p Part) string {
				if i < len(p.Items) {
					return p.Items[i]
				}
				return ""
			}), itemDE, "•")
			u.gap, u.whole = gap, true
			units = append(units, u)
			gap = 2
		}
	default:
		b.s.err = fmt.Errorf("sheet part %q", p.Kind)
	}
	return units
}

// sheetBlocks adds the units as blocks. Each column has one line pitch,
// the same for all its lines (the tallest line of the column sets it), so
// that the German beside Arabic script keeps an even spacing. Where the
// columns' pitches differ, a units' lines go into slices of a German lines
// and b translated ones whose heights agree (a × German pitch = b ×
// translated pitch, each stretched by the least): a page may break
// between slices, and every slice but a unit's last is full, so the
// spacing stays even across them.
func (b *formBuilder) sheetBlocks(units []sheetUnit, ncols int) {
	pitch := make([]float64, ncols)
	desc := make([]float64, ncols)
	asc := 0.0 // the first baselines of a unit are level in all columns
	for _, u := range units {
		for c, cells := range u.cells {
			for _, cell := range cells {
				pitch[c] = max(pitch[c], cell.line.Ascent+cell.line.Descent)
				desc[c] = max(desc[c], cell.line.Descent)
				asc = max(asc, cell.line.Ascent)
			}
		}
	}
	per, slice := slicing(pitch)
	for c := range pitch {
		pitch[c] = slice / float64(per[c])
	}
	for _, u := range units {
		k := 1
		for c, cells := range u.cells {
			k = max(k, (len(cells)+per[c]-1)/per[c])
		}
		for j := range k {
			h := slice
			var rows []sheetCell
			var ys []float64
			last := 0.0
			for c, cells := range u.cells {
				from, to := min(j*per[c], len(cells)), min((j+1)*per[c], len(cells))
				for i := from; i < to; i++ {
					rows = append(rows, cells[i])
					ys = append(ys, float64(i-from)*pitch[c]+asc)
				}
				if to > from {
					last = max(last, float64(to-from-1)*pitch[c]+asc+desc[c])
				}
			}
			if j == k-1 {
				h = last
			}
			g := 0.0
			if j == 0 {
				g = u.gap
			}
			keep := u.whole && j < k-1 || j == 0 && k > 1 || j == k-2 || u.keepNext && j == k-1
			b.add(&block{h: h, gap: g, keep: keep, draw: func(pg *Page, y float64) {
				for i, c := range rows {
					b.drawSheetCell(pg, c, y+ys[i])
				}
			}})
		}
	}
}

// slicing finds how many lines of each column make a slice, and the
// slice's height: for one column one line; for two, the counts a and b
// (up to 6) whose heights a×pitch[0] and b×pitch[1] lie closest, the
// slice as tall as the taller of them.
func slicing(pitch []float64) ([]int, float64) {
	if len(pitch) == 1 {
		return []int{1}, pitch[0]
	}
	best, per, slice := 1e9, []int{1, 1}, max(pitch[0], pitch[1])
	for a := 1; a <= 6; a++ {
		for c := 1; c <= 6; c++ {
			s := max(float64(a)*pitch[0], float64(c)*pitch[1])
			// the stretch of both columns, and a little for a taller
			// slice: the page breaks between slices
			cost := s/float64(a)/pitch[0] + s/float64(c)/pitch[1] - 2 + 0.004*float64(a+c)
			if cost < best-1e-9 {
				best, per, slice = cost, []int{a, c}, s
			}
		}
	}
	return per, slice
}

// drawSheetCell draws one line of a sheet with its baseline at y, and a
// list item's bullet at its start.
func (b *formBuilder) drawSheetCell(pg *Page, c sheetCell, y float64) {
	lx := c.x
	if c.rtl {
		lx = c.x + c.w - c.line.Width
	}
	pg.Items = append(pg.Items, TextLine{X: lx, Y: y, Line: *c.line, Color: c.color, Lang: c.of.lang, Role: c.of.role, Para: c.of.id})
	if c.mark == "" {
		return
	}
	dot := b.s.set(c.mark, bodyDE, 10, false)
	mx := c.x - 9
	if c.rtl {
		mx = c.x + c.w + 9 - dot.width()
	}
	if len(dot.lines) == 1 {
		pg.Items = append(pg.Items, TextLine{X: mx, Y: y, Line: dot.lines[0], Color: c.color, Role: RoleArtifact})
	}
}
