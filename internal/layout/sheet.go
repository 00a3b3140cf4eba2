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

// itemIndent is how far a list item's text stands in from its column's
// start, where its bullet goes.
const itemIndent = 11

// sheetUnits sets one part in every column: its heading, paragraph, or
// list title and items, each a unit of its own, so that every list item
// starts level with its translation.
func (b *formBuilder) sheetUnits(cols columns, parts []Part) []sheetUnit {
	switch parts[0].Kind {
	case PartHeading:
		u := b.sheetUnit(cols, partTexts(parts), headDE, "")
		u.gap, u.keepNext = 10, true
		return []sheetUnit{u}
	case PartParagraph:
		u := b.sheetUnit(cols, partTexts(parts), bodyDE, "")
		u.gap = 5
		return []sheetUnit{u}
	case PartList:
		return b.listUnits(cols, parts)
	}
	b.s.err = fmt.Errorf("sheet part %q", parts[0].Kind)
	return nil
}

// listUnits sets a list in every column: its title, if it has one, kept
// with the first item, and each item a unit never broken across pages.
func (b *formBuilder) listUnits(cols columns, parts []Part) []sheetUnit {
	var units []sheetUnit
	gap := 5.0
	if parts[0].Text != "" {
		u := b.sheetUnit(cols, partTexts(parts), bodyDE, "")
		u.gap, u.keepNext = gap, true
		units = append(units, u)
		gap = 2
	}
	for i := range parts[0].Items {
		u := b.sheetUnit(cols, itemTexts(parts, i), itemDE, "•")
		u.gap, u.whole = gap, true
		units = append(units, u)
		gap = 2
	}
	return units
}

// partTexts returns the text of each language's part.
func partTexts(parts []Part) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p.Text)
	}
	return out
}

// itemTexts returns item i of each language's list, "" where a list has
// fewer items.
func itemTexts(parts []Part, i int) []string {
	var out []string
	for _, p := range parts {
		item := ""
		if i < len(p.Items) {
			item = p.Items[i]
		}
		out = append(out, item)
	}
	return out
}

// sheetUnit sets the texts of one unit in st, one per column, German
// first; mark is a list item's bullet, drawn before its first line.
func (b *formBuilder) sheetUnit(cols columns, texts []string, st style, mark string) sheetUnit {
	var u sheetUnit
	for c, s := range texts {
		tr := c == 1
		x, w := cols.x[c], cols.w[c]
		if mark != "" {
			// room for the bullet at the start: the right of a
			// right-to-left translation, else the left
			w -= itemIndent
			if !(tr && b.s.rtl) {
				x += itemIndent
			}
		}
		pp := b.s.set(s, st, w, tr)
		if tr {
			pp.color = Ink // the translation's colour, as on a form
		}
		u.cells = append(u.cells, lineCells(pp, x, w, mark))
	}
	return u
}

// lineCells returns the lines of pp as the cells of a column at x, w
// wide, mark on the first.
func lineCells(pp para, x, w float64, mark string) []sheetCell {
	var cells []sheetCell
	for i := range pp.lines {
		cell := sheetCell{line: &pp.lines[i], rtl: pp.rtl, color: pp.color, x: x, w: w, of: pp}
		if i == 0 {
			cell.mark = mark
		}
		cells = append(cells, cell)
	}
	return cells
}

// sheetBlocks adds the units as blocks. Each column has one line pitch,
// the same for all its lines (the tallest line of the column sets it), so
// that the German beside Arabic script keeps an even spacing. Where the
// columns' pitches differ, a unit's lines go into slices of a German lines
// and b translated ones whose heights agree (a × German pitch = b ×
// translated pitch, each stretched by the least): a page may break
// between slices, and every slice but a unit's last is full, so the
// spacing stays even across them.
func (b *formBuilder) sheetBlocks(units []sheetUnit, ncols int) {
	g := newSheetGrid(units, ncols)
	for _, u := range units {
		k := g.slices(u)
		for j := range k {
			rows, ys, last := g.lines(u, j)
			h := g.slice
			if j == k-1 {
				h = last
			}
			gap := 0.0
			if j == 0 {
				gap = u.gap
			}
			b.add(&block{h: h, gap: gap, keep: u.keepSlice(j, k), draw: func(pg *Page, y float64) {
				for i, c := range rows {
					b.drawSheetCell(pg, c, y+ys[i])
				}
			}})
		}
	}
}

// sheetGrid is the line grid of a sheet's columns (sheetBlocks).
type sheetGrid struct {
	per   []int     // lines of each column in a slice
	pitch []float64 // line pitch of each column
	desc  []float64 // the deepest descent of each column's lines
	asc   float64   // the tallest ascent of all lines: the first baselines of a unit are level
	slice float64   // height of a full slice
}

// newSheetGrid finds the grid of the units' lines in ncols columns.
func newSheetGrid(units []sheetUnit, ncols int) sheetGrid {
	g := sheetGrid{pitch: make([]float64, ncols), desc: make([]float64, ncols)}
	for _, u := range units {
		for c, cells := range u.cells {
			for _, cell := range cells {
				g.pitch[c] = max(g.pitch[c], cell.line.Ascent+cell.line.Descent)
				g.desc[c] = max(g.desc[c], cell.line.Descent)
				g.asc = max(g.asc, cell.line.Ascent)
			}
		}
	}
	g.per, g.slice = slicing(g.pitch)
	for c := range g.pitch {
		g.pitch[c] = g.slice / float64(g.per[c])
	}
	return g
}

// slices is the number of slices unit u takes: at least one, and as many
// as its longest column needs.
func (g sheetGrid) slices(u sheetUnit) int {
	k := 1
	for c, cells := range u.cells {
		k = max(k, (len(cells)+g.per[c]-1)/g.per[c])
	}
	return k
}

// lines returns the lines of slice j of unit u in every column, with
// their baselines below the slice's top, and the height down to the
// lowest descent among them.
func (g sheetGrid) lines(u sheetUnit, j int) (rows []sheetCell, ys []float64, last float64) {
	for c, cells := range u.cells {
		from, to := min(j*g.per[c], len(cells)), min((j+1)*g.per[c], len(cells))
		for i := from; i < to; i++ {
			rows = append(rows, cells[i])
			ys = append(ys, float64(i-from)*g.pitch[c]+g.asc)
		}
		if to > from {
			last = max(last, float64(to-from-1)*g.pitch[c]+g.asc+g.desc[c])
		}
	}
	return rows, ys, last
}

// keepSlice reports whether slice j of the k slices of unit u stays on
// the page of the next block: every slice of a list item but its last;
// the first slice with the second and the last but one with the last, so
// that no slice is alone at either end of a page; the last slice of a
// heading or a list's title with the next unit.
func (u sheetUnit) keepSlice(j, k int) bool {
	return u.whole && j < k-1 || j == 0 && k > 1 || j == k-2 || u.keepNext && j == k-1
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
