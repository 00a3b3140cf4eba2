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
// Each part starts level in both columns and flows on, line by line, so a
// long text breaks across pages in both columns at once.
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
	for i := range doc.DE {
		parts := []Part{doc.DE[i]}
		if len(doc.TR) > 0 {
			parts = append(parts, doc.TR[i])
		}
		fb.sheetPart(cols, parts)
	}
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

// sheetPart adds one part in every column as rows of lines: row i holds
// line i of each column, so the columns start level and flow together.
func (b *formBuilder) sheetPart(cols columns, parts []Part) {
	var texts [][]sheetCell // per column, its lines
	gap := 5.0
	keepFirst := false
	for c, p := range parts {
		tr := c == 1
		x, w := cols.x[c], cols.w[c]
		var cells []sheetCell
		addPara := func(s string, st style, mark string) {
			const indent = 11
			ix, iw := x, w
			if mark != "" {
				iw -= indent
				if !(tr && b.s.rtl) {
					ix += indent
				}
			}
			pp := b.s.set(s, st, iw, tr)
			for i := range pp.lines {
				cell := sheetCell{line: &pp.lines[i], rtl: pp.rtl, color: pp.color, x: ix, w: iw, of: pp}
				if i == 0 {
					cell.mark = mark
				}
				cells = append(cells, cell)
			}
		}
		switch p.Kind {
		case PartHeading:
			addPara(p.Text, headDE, "")
			gap, keepFirst = 10, true
		case PartParagraph:
			addPara(p.Text, bodyDE, "")
		case PartList:
			if p.Text != "" {
				addPara(p.Text, bodyDE, "")
			}
			for _, it := range p.Items {
				addPara(it, bodyDE, "•")
			}
		default:
			b.s.err = fmt.Errorf("sheet part %q", p.Kind)
		}
		texts = append(texts, cells)
	}
	n := 0
	for _, t := range texts {
		n = max(n, len(t))
	}
	for i := range n {
		var row []sheetCell
		asc, desc := 0.0, 0.0
		for _, t := range texts {
			if i < len(t) {
				row = append(row, t[i])
				asc = max(asc, t[i].line.Ascent)
				desc = max(desc, t[i].line.Descent)
			}
		}
		g := 0.0
		if i == 0 {
			g = gap
		}
		b.add(&block{
			h:    asc + desc,
			gap:  g,
			keep: keepFirst || i == 0 || i == n-2,
			draw: func(pg *Page, y float64) {
				for _, c := range row {
					lx := c.x
					if c.rtl {
						lx = c.x + c.w - c.line.Width
					}
					pg.Items = append(pg.Items, TextLine{X: lx, Y: y + asc, Line: *c.line, Color: c.color, Lang: c.of.lang, Role: c.of.role, Para: c.of.id})
					if c.mark != "" {
						dot := b.s.set(c.mark, bodyDE, 10, false)
						mx := c.x - 9
						if c.rtl {
							mx = c.x + c.w + 9 - dot.width()
						}
						if len(dot.lines) == 1 {
							pg.Items = append(pg.Items, TextLine{X: mx, Y: y + asc, Line: dot.lines[0], Color: c.color, Role: RoleArtifact})
						}
					}
				}
			},
		})
	}
}
