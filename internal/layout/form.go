package layout

import (
	"fmt"
	"math"
	"strconv"

	"formgen/internal/form"
	"formgen/internal/text"
)

// A4 in points, and the page's margins.
const (
	PageWidth    = 595.28
	PageHeight   = 841.89
	marginLeft   = 42
	marginRight  = 42
	marginTop    = 30
	marginBottom = 34
	gutter       = 8 // between grid columns
	contentWidth = PageWidth - marginLeft - marginRight
)

// Field geometry.
const (
	boxHeight   = 19   // one line to write on
	lineHeight  = 17   // each line of a multiline field
	cellSize    = 12.5 // a digit box
	tickSize    = 8.5  // a check box
	rowGap      = 7    // between rows of fields
	labelGap    = 2    // between a label and its box
	sectionGap  = 11   // before a section heading
	tableRow    = 19
	signHeight  = 30 // space to sign above the line
	strokeWidth = 0.6
	optionGap   = 10 // between columns of options
)

// Form lays out a form. sh must not be used by another goroutine meanwhile.
func Form(doc *FormDoc, sh *text.Shaper) (*Document, error) {
	s := &setter{sh: sh, lang: doc.Lang, rtl: doc.RTL, german: doc.Untranslated}
	b := &formBuilder{s: s, doc: doc}
	b.build()
	if s.err != nil {
		return nil, s.err
	}
	pages, err := b.pages()
	if err != nil {
		return nil, err
	}
	return s.document(doc.Reader, doc.Title, doc.FooterID, doc.Office, pages)
}

// pages paginates the blocks under the header on every page, with the
// footer.
func (b *formBuilder) pages() ([]*Page, error) {
	header, headerH := b.header()
	footerTop := PageHeight - marginBottom
	fr := frame{top: marginTop + headerH, bottom: footerTop - 6}
	pages := paginate(b.blocks, fr, fr)
	for i, p := range pages {
		p.Items = append(append([]Item{}, header...), p.Items...)
		if err := b.footer(p, i+1, len(pages), footerTop); err != nil {
			return nil, err
		}
	}
	return pages, nil
}

// document makes the laid-out document: its metadata, pages and boxes.
func (s *setter) document(r Reader, title Bi, subject, author string, pages []*Page) (*Document, error) {
	if s.err != nil {
		return nil, s.err
	}
	t := title.DE
	if title.TR != "" {
		t += " / " + title.TR
	}
	// the document's language is German, the binding text; each text of
	// the translation carries its own (TextLine.Lang)
	return &Document{
		Info:      Info{Title: t, Subject: subject, Author: author, Creator: "formgen", Lang: "de"},
		Width:     PageWidth,
		Height:    PageHeight,
		Pages:     pages,
		Boxes:     s.boxes,
		Continued: s.continued,
	}, nil
}

type formBuilder struct {
	s      *setter
	doc    *FormDoc
	blocks []*block
}

func (b *formBuilder) add(bl *block) { b.blocks = append(b.blocks, bl) }

// colX returns the left edge and width of a span of grid columns.
func colX(start, span int) (x, w float64) {
	col := (contentWidth - gutter*(form.Grid-1)) / form.Grid
	return marginLeft + float64(start)*(col+gutter), float64(span)*col + float64(span-1)*gutter
}

// header is drawn on every page: the office's name and, in a translated
// document, what kind of office it is in the reader's language.
func (b *formBuilder) header() ([]Item, float64) {
	pg := &Page{}
	p := b.s.set(b.doc.Office, officeDE, contentWidth, false)
	y := p.draw(pg, marginLeft, marginTop, contentWidth)
	if a := b.doc.Authority.TR; a != "" {
		y = b.s.set(a, officeTR, contentWidth, true).draw(pg, marginLeft, y, contentWidth)
	}
	y += 4
	pg.Items = append(pg.Items, Rule{X1: marginLeft, Y1: y, X2: PageWidth - marginRight, Y2: y, Color: Edge, Width: 0.8})
	return pg.Items, y + 10 - marginTop
}

// footer is the form id and version at the left and the page number.
func (b *formBuilder) footer(pg *Page, n, total int, top float64) error {
	pg.Items = append(pg.Items, Rule{X1: marginLeft, Y1: top, X2: PageWidth - marginRight, Y2: top, Color: Edge, Width: 0.5})
	id := b.s.set(b.doc.FooterID, smallDE, contentWidth/2, false)
	id.draw(pg, marginLeft, top+3, contentWidth/2)
	num, err := b.doc.Page(n, total)
	if err != nil {
		return err
	}
	w := contentWidth / 2
	for i, s := range []string{num.DE, num.TR} {
		if s == "" {
			continue
		}
		p := b.s.set(s, smallDE, w, i == 1)
		lw := p.width()
		x := PageWidth - marginRight - lw
		y := top + 3
		if i == 1 {
			y += 8.5
		}
		p.rtl = false // right-aligned either way
		p.draw(pg, x, y, lw)
	}
	return b.s.err
}

func (b *formBuilder) build() {
	d := b.doc
	// title block
	t := b.s.pair(d.Title, titleDE, titleTR, contentWidth)
	t.gap = 2
	b.add(&block{h: t.height(), keep: true, draw: func(pg *Page, y float64) { t.draw(pg, marginLeft, y, contentWidth) }})
	if d.Binding.DE != "" || d.Binding.TR != "" {
		p := b.s.pair(d.Binding, bodyDE, bodyTR, contentWidth-12)
		h := p.height() + 8
		b.add(&block{h: h, gap: 7, keep: true, draw: func(pg *Page, y float64) {
			pg.Items = append(pg.Items, Rect{X: marginLeft, Y: y, W: contentWidth, H: h, Fill: &Fill})
			p.draw(pg, marginLeft+6, y+4, contentWidth-12)
		}})
	}
	for _, in := range d.Intro {
		b.paragraph(in, bodyDE, bodyTR, marginLeft, contentWidth, 6)
	}
	if len(d.Legend) > 0 {
		b.legend(d.Legend)
	}
	for _, s := range d.Sections {
		b.section(s)
	}
}

// legend explains the marks of the form, in up to four columns: each mark
// drawn as in the fields, its meaning beside it.
func (b *formBuilder) legend(items []LegendItem) {
	b.s.furniture = RoleArtifact
	defer func() { b.s.furniture = "" }()
	const markW = 3*cellSize + 4
	cols := len(items)
	var cw float64
	var texts []pair
	for ; cols >= 1; cols-- {
		cw = (contentWidth - float64(cols-1)*optionGap) / float64(cols)
		texts = texts[:0]
		fits := true
		for _, it := range items {
			p := b.s.pair(it.Text, hintDE, hintTR, cw-markW)
			if len(p.de.lines) > 2 || len(p.tr.lines) > 2 {
				fits = false
			}
			texts = append(texts, p)
		}
		if fits || cols == 1 {
			break
		}
	}
	var rows []float64
	for i, t := range texts {
		if i%cols == 0 {
			rows = append(rows, 0)
		}
		rows[len(rows)-1] = max(rows[len(rows)-1], t.height(), tickSize+2)
	}
	h := 0.0
	for _, r := range rows {
		h += r + 3
	}
	b.add(&block{h: h, gap: 6, keep: true, draw: func(pg *Page, y float64) {
		for i, it := range items {
			x := marginLeft + float64(i%cols)*(cw+optionGap)
			ry := y
			for _, r := range rows[:i/cols] {
				ry += r + 3
			}
			switch it.Mark { // the required mark, *, is in its text
			case MarkOne:
				pg.Items = append(pg.Items, Circle{X: x + tickSize/2, Y: ry + 1 + tickSize/2, R: tickSize / 2, Stroke: Edge, Width: strokeWidth})
			case MarkMany:
				pg.Items = append(pg.Items, Rect{X: x, Y: ry + 1, W: tickSize, H: tickSize, Stroke: &Edge, LineWidth: strokeWidth})
			case MarkDate:
				pg.Items = append(pg.Items, Rect{X: x, Y: ry, W: 3 * cellSize * 0.8, H: tickSize + 2, Stroke: &Edge, LineWidth: strokeWidth})
				for k := 1; k < 3; k++ {
					cx := x + float64(k)*cellSize*0.8
					pg.Items = append(pg.Items, Rule{X1: cx, Y1: ry + (tickSize+2)*0.45, X2: cx, Y2: ry + tickSize + 2, Color: Edge, Width: 0.4})
				}
			}
			texts[i].draw(pg, x+markW, ry, texts[i].boxWidth(cw-markW))
		}
	}})
}

// paragraph adds a bilingual text, one block per line so that it may
// break across pages, without leaving a single line behind or ahead.
func (b *formBuilder) paragraph(t Bi, de, tr style, x, w, gap float64) {
	p := b.s.pair(t, de, tr, w)
	for k, part := range []para{p.de, p.tr} {
		n := len(part.lines)
		for i, l := range part.lines {
			one := part.line(i)
			g := 0.0
			switch {
			case i == 0 && k == 0:
				g = gap
			case i == 0:
				g = p.gap + 1.5
			}
			b.add(&block{
				h:    l.Ascent + l.Descent,
				gap:  g,
				keep: i == 0 || i == n-2 || (k == 0 && i == n-1 && len(p.tr.lines) > 0),
				draw: func(pg *Page, y float64) {
					one.draw(pg, x, y, w)
				},
			})
		}
	}
}

func (b *formBuilder) section(s SectionDoc) {
	num := strconv.Itoa(s.Number) + "  "
	title := Bi{DE: num + s.Title.DE, TR: s.Title.TR}
	p := b.s.pair(title, sectionDE, sectionTR, contentWidth-10)
	h := p.height() + 7
	b.add(&block{h: h, gap: sectionGap, keep: true, draw: func(pg *Page, y float64) {
		pg.Items = append(pg.Items, Rect{X: marginLeft, Y: y, W: contentWidth, H: h, Fill: &Fill})
		p.draw(pg, marginLeft+5, y+3.5, contentWidth-10)
	}})
	if w := b.when(s.When, contentWidth); w.height() > 0 {
		b.add(&block{h: w.height(), gap: 4, keep: true, draw: func(pg *Page, y float64) { w.draw(pg, marginLeft, y, contentWidth) }})
	}
	for _, in := range s.Intro {
		b.paragraph(in, bodyDE, bodyTR, marginLeft, contentWidth, 5)
	}
	// pack fields into rows of the grid
	var row []FieldDoc
	used := 0
	flush := func() {
		if len(row) > 0 {
			b.row(row)
		}
		row, used = nil, 0
	}
	for _, f := range s.Fields {
		switch f.Type {
		case form.Table, form.Paragraph, form.Heading, form.Signature:
			flush()
			b.wide(f)
			continue
		}
		if used+f.Width > form.Grid {
			flush()
		}
		row = append(row, f)
		used += f.Width
	}
	flush()
	// the last block of a section need not stay with the next heading
	if n := len(b.blocks); n > 0 {
		b.blocks[n-1].keep = false
	}
}

// cell is one field of a row: its label above, its input below.
type cell struct {
	x, w   float64
	when   pair // for which answers the field applies (blank forms)
	label  pair
	hint   pair
	inputH float64
	input  func(pg *Page, x, y, w float64)
}

func (b *formBuilder) row(fields []FieldDoc) {
	var cells []cell
	start := 0
	labelH, inputH := 0.0, 0.0
	for _, f := range fields {
		x, w := colX(start, f.Width)
		start += f.Width
		c := b.cell(f, x, w)
		lh := c.label.height()
		if h := c.when.height(); h > 0 {
			lh += h + 1
		}
		if h := c.hint.height(); h > 0 {
			lh += 1 + h
		}
		if lh > 0 {
			lh += labelGap
		}
		labelH = max(labelH, lh)
		inputH = max(inputH, c.inputH)
		cells = append(cells, c)
	}
	b.add(&block{h: labelH + inputH, gap: rowGap, draw: func(pg *Page, y float64) {
		for _, c := range cells {
			ly := y
			if c.when.height() > 0 {
				ly = c.when.draw(pg, c.x, ly, c.w) + 1
			}
			ly = c.label.draw(pg, c.x, ly, c.w)
			if c.hint.height() > 0 {
				c.hint.draw(pg, c.x, ly+1, c.w)
			}
			c.input(pg, c.x, y+labelH, c.w)
		}
	}})
}

func (b *formBuilder) label(f FieldDoc, w float64) pair {
	l := f.Label
	if f.Required && l.DE != "" {
		l.DE += " *"
	}
	return b.s.pair(l, labelDE, labelTR, w)
}

func (b *formBuilder) cell(f FieldDoc, x, w float64) cell {
	c := cell{x: x, w: w, label: b.label(f, w), when: b.when(f.When, w)}
	if f.Hint.DE != "" {
		c.hint = b.s.pair(f.Hint, hintDE, hintTR, w)
	}
	v := f.Value
	switch f.Type {
	case form.Text:
		c.inputH = boxHeight
		var val para
		if v != nil {
			val = b.value(f.ID, v.Text, w-6, 1)
		}
		c.input = func(pg *Page, x, y, w float64) {
			box(pg, x, y, w, boxHeight)
			val.draw(pg, x+3, y+(boxHeight-val.height())/2, w-6)
			b.field(pg, f, FieldText, x, y, w, boxHeight, 0)
		}
	case form.Multiline:
		n := max(f.Lines, 1)
		c.inputH = float64(n) * lineHeight
		var val para
		if v != nil {
			val = b.value(f.ID, v.Text, w-8, n)
		}
		c.input = func(pg *Page, x, y, w float64) {
			box(pg, x, y, w, float64(n)*lineHeight)
			b.field(pg, f, FieldLines, x, y, w, float64(n)*lineHeight, 0)
			for i := 1; i < n; i++ {
				ly := y + float64(i)*lineHeight
				pg.Items = append(pg.Items, Rule{X1: x + 4, Y1: ly, X2: x + w - 4, Y2: ly, Color: Pale, Width: 0.4, Dashed: true})
			}
			// one value line per ruled line
			for i, l := range val.lines {
				ly := y + float64(i)*lineHeight + (lineHeight-l.Ascent-l.Descent)/2
				one := val.line(i)
				one.rtl = false
				one.draw(pg, x+4, ly, w-8)
			}
		}
	case form.Date:
		c.inputH = boxHeight
		ph := b.s.set("TTMMJJJJ", placeDE, 100, false)
		if v != nil {
			ph = b.s.set(v.Text, valueDE, 200, false)
		}
		c.input = func(pg *Page, x, y, _ float64) {
			w := b.dateBoxes(pg, ph, x, y) // the boxes' own width
			b.field(pg, f, FieldComb, x, y, w, boxHeight, len("TTMMJJJJ"))
		}
	case form.Number:
		c.inputH = boxHeight
		n := f.Digits
		var val para
		if v != nil {
			val = b.value(f.ID, v.Text, w-6, 1)
			if n > 0 {
				val = b.s.set(v.Text, valueDE, 200, false)
			}
		}
		c.input = func(pg *Page, x, y, w float64) {
			if n == 0 {
				box(pg, x, y, w, boxHeight)
				val.draw(pg, x+3, y+(boxHeight-val.height())/2, w-6)
				b.field(pg, f, FieldText, x, y, w, boxHeight, 0)
				return
			}
			b.field(pg, f, FieldComb, x, y, comb(pg, x, y, n), boxHeight, n)
			if len(val.lines) == 1 {
				// digits fill the boxes from the right
				digits := splitLine(val.lines[0])
				for i, d := range digits {
					cx := x + float64(n-len(digits)+i)*cellSize
					pg.Items = append(pg.Items, TextLine{X: cx + (cellSize-d.Width)/2, Y: y + boxHeight - 5, Line: d, Color: Data, Lang: val.lang, Role: val.role, Para: val.id})
				}
			}
		}
	case form.Checkbox:
		c.label = pair{}
		opt := b.option(f.Label, f.Required, w, false)
		opt.ticked = v != nil && v.Checked
		if v == nil {
			opt.field = &Field{Name: f.ID, Kind: FieldCheck, Export: "Yes", Label: f.Label, Required: f.Required}
		}
		c.inputH = opt.h
		c.input = func(pg *Page, x, y, w float64) { opt.draw(pg, x, y) }
	case form.Choice:
		opts, h := b.options(f, w)
		if v != nil {
			for i := range opts {
				opts[i].ticked = i < len(v.Chosen) && v.Chosen[i]
			}
		} else {
			for i := range opts {
				id := fmt.Sprint(i + 1)
				if i < len(f.OptionIDs) {
					id = f.OptionIDs[i]
				}
				fl := &Field{Name: f.ID, Kind: FieldRadio, Export: id, Label: f.Label, Required: f.Required}
				if f.Multiple {
					fl.Name, fl.Kind, fl.Export = f.ID+"."+id, FieldCheck, "Yes"
				}
				opts[i].field = fl
			}
		}
		c.inputH = h
		c.input = func(pg *Page, x, y, w float64) {
			for _, o := range opts {
				o.draw(pg, x+o.x, y+o.y)
			}
		}
	default:
		b.s.err = fmt.Errorf("field %q: type %s cannot stand in a row", f.ID, f.Type)
		c.input = func(*Page, float64, float64, float64) {}
	}
	return c
}

// when sets the instruction that says for which answers a part applies.
func (b *formBuilder) when(t Bi, w float64) pair {
	if t.DE == "" {
		return pair{}
	}
	return b.s.pair(t, whenDE, whenTR, w)
}

// value sets a pre-filled value for a box w wide with room for lines
// lines: at the normal size if it fits, smaller down to 6.5 points if it
// must. A value that does not fit even then is an error: it would be cut.
func (b *formBuilder) value(id, s string, w float64, lines int) para {
	if s == "" {
		return para{}
	}
	if p, ok := b.s.fit(s, valueDE, 6.5, w, lines); ok {
		return p
	}
	if b.s.err == nil {
		b.s.err = fmt.Errorf("field %q: the value is too long for its box", id)
	}
	return para{}
}

// field puts the form field of a blank form's field f over its box, with
// room for maxLen characters (0: as the form says); not on a pre-filled
// copy.
func (b *formBuilder) field(pg *Page, f FieldDoc, kind FieldKind, x, y, w, h float64, maxLen int) {
	if f.Value != nil {
		return
	}
	if maxLen == 0 {
		maxLen = f.MaxLength
	}
	pg.Items = append(pg.Items, Field{Name: f.ID, Kind: kind, X: x, Y: y, W: w, H: h, MaxLen: maxLen, Label: f.Label, Required: f.Required})
}

// box draws an empty rectangle to write in.
func box(pg *Page, x, y, w, h float64) {
	pg.Items = append(pg.Items, Rect{X: x, Y: y, W: w, H: h, Stroke: &Edge, LineWidth: strokeWidth})
}

// comb draws n digit boxes side by side and returns their width.
func comb(pg *Page, x, y float64, n int) float64 {
	box(pg, x, y, float64(n)*cellSize, boxHeight)
	for i := 1; i < n; i++ {
		cx := x + float64(i)*cellSize
		pg.Items = append(pg.Items, Rule{X1: cx, Y1: y + boxHeight*0.45, X2: cx, Y2: y + boxHeight, Color: Edge, Width: 0.4})
	}
	return float64(n) * cellSize
}

// dateBoxes draws day, month and year digit boxes with faint placeholders.
func (b *formBuilder) dateBoxes(pg *Page, ph para, x, y float64) float64 {
	x0 := x
	groups := []int{2, 2, 4}
	var letters []text.Line
	if len(ph.lines) == 1 {
		letters = splitLine(ph.lines[0])
	}
	k := 0
	for _, n := range groups {
		w := comb(pg, x, y, n)
		for i := 0; i < n && k < len(letters); i++ {
			l := letters[k]
			k++
			pg.Items = append(pg.Items, TextLine{X: x + float64(i)*cellSize + (cellSize-l.Width)/2, Y: y + boxHeight - 4, Line: l, Color: ph.color, Lang: ph.lang, Role: ph.role, Para: ph.id})
		}
		x += w + 5
	}
	return x - 5 - x0
}

// splitLine cuts a one-run line into one line per cluster.
func splitLine(l text.Line) []text.Line {
	var out []text.Line
	for _, r := range l.Runs {
		gi := 0
		for _, c := range r.Clusters {
			g := r.Glyphs[gi : gi+c.Glyphs]
			gi += c.Glyphs
			w := 0.0
			for _, x := range g {
				w += x.Advance
			}
			run := r
			run.X, run.Width, run.Glyphs, run.Clusters = 0, w, g, []text.Cluster{c}
			out = append(out, text.Line{Runs: []text.Run{run}, Width: w, Ascent: l.Ascent, Descent: l.Descent})
		}
	}
	return out
}

// option is a tick box with its bilingual label.
type option struct {
	x, y   float64
	h      float64
	w      float64
	lbl    pair
	circ   bool
	tw     float64 // width of the label text
	ticked bool    // a pre-filled copy marks it
	field  *Field  // on a blank form, the form field at its box
}

func (o option) draw(pg *Page, x, y float64) {
	ty := y + 1
	if o.circ {
		cx, cy := x+tickSize/2, ty+tickSize/2
		pg.Items = append(pg.Items, Circle{X: cx, Y: cy, R: tickSize / 2, Stroke: Edge, Width: strokeWidth})
		if o.ticked {
			pg.Items = append(pg.Items, Circle{X: cx, Y: cy, R: tickSize/2 - 2, Fill: &Data})
		}
	} else {
		pg.Items = append(pg.Items, Rect{X: x, Y: ty, W: tickSize, H: tickSize, Stroke: &Edge, LineWidth: strokeWidth})
		if o.ticked {
			pg.Items = append(pg.Items,
				Rule{X1: x + 1.6, Y1: ty + 1.6, X2: x + tickSize - 1.6, Y2: ty + tickSize - 1.6, Color: Data, Width: 1.1},
				Rule{X1: x + 1.6, Y1: ty + tickSize - 1.6, X2: x + tickSize - 1.6, Y2: ty + 1.6, Color: Data, Width: 1.1})
		}
	}
	o.lbl.draw(pg, x+tickSize+4, y, o.tw)
	if o.field != nil {
		fl := *o.field
		fl.X, fl.Y, fl.W, fl.H = x, ty, tickSize, tickSize
		pg.Items = append(pg.Items, fl)
	}
}

func (b *formBuilder) option(l Bi, required bool, w float64, circle bool) option {
	if required && l.DE != "" {
		l.DE += " *"
	}
	tw := w - tickSize - 4
	p := b.s.pair(l, bodyDE, bodyTR, tw)
	return option{lbl: p, h: max(p.height(), tickSize+2), w: w, circ: circle, tw: p.boxWidth(tw)}
}

// options arranges a choice's options in the number of columns (one to
// four) that takes the least height, filling each row from the start.
func (b *formBuilder) options(f FieldDoc, w float64) ([]option, float64) {
	var best []option
	bestH := math.Inf(1)
	// only the boxes of the arrangement chosen are the options' boxes
	start := len(b.s.boxes)
	var bestBoxes []Box
	for cols := 1; cols <= min(4, len(f.Options)); cols++ {
		b.s.boxes = b.s.boxes[:start]
		cw := (w - float64(cols-1)*optionGap) / float64(cols)
		if cols > 1 && cw < 70 {
			break
		}
		var opts []option
		y, rowH := 0.0, 0.0
		split := false
		for i, l := range f.Options {
			if i > 0 && i%cols == 0 {
				y += rowH + 3
				rowH = 0
			}
			o := b.option(l, false, cw, !f.Multiple)
			split = split || o.lbl.de.split() || o.lbl.tr.split()
			o.x = float64(i%cols) * (cw + optionGap)
			o.y = y
			rowH = max(rowH, o.h)
			opts = append(opts, o)
		}
		// fewer columns rather than words cut in two
		if h := y + rowH; best == nil || !split && h < bestH-0.5 {
			best, bestH = opts, h
			bestBoxes = append([]Box(nil), b.s.boxes[start:]...)
		}
	}
	b.s.boxes = append(b.s.boxes[:start], bestBoxes...)
	return best, bestH
}

// wide lays out the fields that take the whole width and may break across
// pages: tables, paragraphs, headings, signatures.
func (b *formBuilder) wide(f FieldDoc) {
	if w := b.when(f.When, contentWidth); w.height() > 0 {
		b.add(&block{h: w.height(), gap: rowGap, keep: true, draw: func(pg *Page, y float64) { w.draw(pg, marginLeft, y, contentWidth) }})
	}
	switch f.Type {
	case form.Paragraph:
		b.paragraph(f.Text, bodyDE, bodyTR, marginLeft, contentWidth, rowGap)
	case form.Heading:
		p := b.s.pair(f.Text, headDE, headTR, contentWidth)
		b.add(&block{h: p.height(), gap: rowGap + 2, keep: true, draw: func(pg *Page, y float64) { p.draw(pg, marginLeft, y, contentWidth) }})
	case form.Table:
		b.table(f)
	case form.Signature:
		b.signature(f)
	}
}

func (b *formBuilder) table(f FieldDoc) {
	lbl := b.label(f, contentWidth)
	if f.Hint.DE != "" {
		h := b.s.pair(f.Hint, hintDE, hintTR, contentWidth)
		lh := lbl.height()
		b.add(&block{h: lh + 1 + h.height() + labelGap, gap: rowGap, keep: true, draw: func(pg *Page, y float64) {
			y = lbl.draw(pg, marginLeft, y, contentWidth)
			h.draw(pg, marginLeft, y+1, contentWidth)
		}})
	} else {
		b.add(&block{h: lbl.height() + labelGap, gap: rowGap, keep: true, draw: func(pg *Page, y float64) { lbl.draw(pg, marginLeft, y, contentWidth) }})
	}
	total := 0
	for _, c := range f.Columns {
		total += c.Width
	}
	xs := make([]float64, len(f.Columns)+1)
	xs[0] = marginLeft
	for i, c := range f.Columns {
		xs[i+1] = xs[i] + contentWidth*float64(c.Width)/float64(total)
	}
	heads := make([]pair, len(f.Columns))
	hh := 0.0
	b.s.furniture = RoleTH
	for i, c := range f.Columns {
		heads[i] = b.s.pair(c.Title, labelDE, labelTR, xs[i+1]-xs[i]-6)
		hh = max(hh, heads[i].height())
	}
	b.s.furniture = ""
	hh += 6
	head := &block{h: hh, keep: true, draw: func(pg *Page, y float64) {
		pg.Items = append(pg.Items, Rect{X: marginLeft, Y: y, W: contentWidth, H: hh, Fill: &Fill, Stroke: &Edge, LineWidth: strokeWidth})
		for i := range heads {
			if i > 0 {
				pg.Items = append(pg.Items, Rule{X1: xs[i], Y1: y, X2: xs[i], Y2: y + hh, Color: Edge, Width: strokeWidth})
			}
			heads[i].draw(pg, xs[i]+3, y+3, xs[i+1]-xs[i]-6)
		}
	}}
	b.add(head)
	// on a following page the rows go under the table's label, marked as
	// continued, and its header again
	b.s.furniture = RoleArtifact // repeated, as the header is
	cont := b.s.pair(Bi{DE: f.Label.DE + " " + b.doc.Continued.DE, TR: join(f.Label.TR, b.doc.Continued.TR)}, hintDE, hintTR, contentWidth)
	b.s.furniture = ""
	ch := cont.height() + labelGap
	repeat := &block{h: ch + hh, draw: func(pg *Page, y float64) {
		b.s.continued = true
		cont.draw(pg, marginLeft, y, contentWidth)
		head.draw(pg, y+ch)
	}}
	for r := 0; r < f.Rows; r++ {
		r := r
		// a pre-filled row: one value per column
		var vals []para
		if f.Value != nil && r < len(f.Value.Rows) {
			for i, t := range f.Value.Rows[r] {
				if i+1 < len(xs) {
					vals = append(vals, b.value(fmt.Sprintf("%s[%d]", f.ID, r+1), t, xs[i+1]-xs[i]-6, 1))
				}
			}
		}
		b.add(&block{h: tableRow, head: repeat, keep: r == 0, draw: func(pg *Page, y float64) {
			pg.Items = append(pg.Items, Rect{X: marginLeft, Y: y, W: contentWidth, H: tableRow, Stroke: &Edge, LineWidth: strokeWidth})
			for i := 1; i < len(xs)-1; i++ {
				pg.Items = append(pg.Items, Rule{X1: xs[i], Y1: y, X2: xs[i], Y2: y + tableRow, Color: Edge, Width: strokeWidth})
			}
			for i, v := range vals {
				v.draw(pg, xs[i]+3, y+(tableRow-v.height())/2, xs[i+1]-xs[i]-6)
			}
			if f.Value == nil {
				for i, c := range f.Columns {
					pg.Items = append(pg.Items, Field{Name: fmt.Sprintf("%s[%d].%s", f.ID, r+1, c.ID), Kind: FieldText,
						X: xs[i], Y: y, W: xs[i+1] - xs[i], H: tableRow, MaxLen: c.MaxLen, Row: r + 1,
						Label: Bi{DE: f.Label.DE + ", " + c.Title.DE, TR: join(f.Label.TR, c.Title.TR)}})
				}
			}
		}})
	}
}

// join puts two texts of one language together with a space, either may
// be empty.
func join(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + " " + b
}

func (b *formBuilder) signature(f FieldDoc) {
	lbl := b.label(f, contentWidth)
	parts := []struct {
		start, span int
	}{{0, 4}, {4, 3}, {7, 5}}
	var caps [3]pair
	capH := 0.0
	for i, p := range parts {
		_, w := colX(p.start, p.span)
		caps[i] = b.s.pair(f.Sign[i], hintDE, hintTR, w)
		capH = max(capH, caps[i].height())
	}
	// a pre-filled copy gives place and date; the signature is by hand
	var vals [2]para
	if v := f.Value; v != nil {
		for i, t := range []string{v.Place, v.Date} {
			_, w := colX(parts[i].start, parts[i].span)
			vals[i] = b.value(f.ID, t, w, 1)
		}
	}
	lh := lbl.height()
	h := lh + signHeight + 2 + capH
	b.add(&block{h: h, gap: rowGap + 4, draw: func(pg *Page, y float64) {
		lbl.draw(pg, marginLeft, y, contentWidth)
		ly := y + lh + signHeight
		for i, p := range parts {
			x, w := colX(p.start, p.span)
			pg.Items = append(pg.Items, Rule{X1: x, Y1: ly, X2: x + w, Y2: ly, Color: Black, Width: 0.7})
			caps[i].draw(pg, x, ly+2, w)
			if i < len(vals) {
				vals[i].draw(pg, x+2, ly-2-vals[i].height(), w)
			}
			if f.Value == nil {
				fl := Field{Name: f.ID, Kind: FieldSignature, X: x, Y: ly - signHeight, W: w, H: signHeight, Label: Bi{DE: f.Label.DE + ", " + f.Sign[i].DE, TR: join(f.Label.TR, f.Sign[i].TR)}}
				switch i {
				case 0:
					fl.Name, fl.Kind = f.ID+".place", FieldText
				case 1:
					fl.Name, fl.Kind, fl.MaxLen = f.ID+".date", FieldText, len("TT.MM.JJJJ")
				}
				fl.Y, fl.H = ly-min(signHeight, boxHeight+4), min(signHeight, boxHeight+4)
				if i == 2 {
					fl.Y, fl.H = ly-signHeight, signHeight
				}
				pg.Items = append(pg.Items, fl)
			}
		}
	}})
}
