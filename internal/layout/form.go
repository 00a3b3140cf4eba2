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
// Every box is large enough to write in by hand (the Min sizes of
// check.go); a row's gap is wider than the gap between a label and its
// box, so that a label is seen with the box under it.
const (
	boxHeight   = 23   // one line to write on, 8.1 mm
	lineHeight  = 23   // each line of a multiline field
	cellSize    = 14.5 // a digit box, 5.1 mm
	tickSize    = 10.5 // a box to tick, 3.7 mm
	rowGap      = 10   // between rows of fields
	labelGap    = 2    // between a label and its box
	sectionGap  = 12   // before a section heading
	tableRow    = 23
	signHeight  = 44 // room to sign above the line, 15.5 mm
	strokeWidth = 0.6
	optionGap   = 14  // between columns of options, a rule in its middle
	tickGap     = 4   // between a box to tick and its labels
	transBar    = 1.2 // the rule beside a translated paragraph
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
	d, err := s.document(doc.Reader, doc.Title, doc.FooterID, doc.Office, pages)
	if d != nil {
		d.Frame = b.frame.bottom - b.frame.top
	}
	return d, err
}

// pages paginates the blocks under the header on every page, with the
// footer.
func (b *formBuilder) pages() ([]*Page, error) {
	header, headerH := b.header()
	footerTop := PageHeight - marginBottom
	fr := frame{top: marginTop + headerH, bottom: footerTop - 6}
	b.frame = fr
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
	// section is the id of the section being built; follows the
	// questions each follow-up field follows up
	sectionID string
	follows   map[string][]string
	// first is the index of each field's first block
	first map[string]int
	frame frame // where the flow goes on a page
}

// keepWith ties a field's blocks, which start at index at, to those of the
// fields it depends on: a follow-up to its questions, a signature to its
// declaration. Every block from the first of those fields on keeps with
// the next, so that all of them go to the next page together when they do
// not fit (unless together they are longer than a page).
func (b *formBuilder) keepWith(at int, ids []string) {
	from := at
	for _, id := range ids {
		if i, ok := b.first[id]; ok {
			from = min(from, i)
		}
	}
	for i := from; i < at; i++ {
		b.blocks[i].tie = true
	}
}

// starts records that the fields start at the next block.
func (b *formBuilder) starts(fields ...FieldDoc) {
	if b.first == nil {
		b.first = map[string]int{}
	}
	for _, f := range fields {
		b.first[f.ID] = len(b.blocks)
	}
}

// add appends a block whose elements get the current section and, for a
// follow-up's widgets, the questions it follows up.
func (b *formBuilder) add(bl *block) {
	if draw, sec, follows := bl.draw, b.sectionID, b.follows; sec != "" || len(follows) > 0 {
		bl.draw = func(pg *Page, y float64) {
			n := len(pg.Elements)
			draw(pg, y)
			for i := n; i < len(pg.Elements); i++ {
				e := &pg.Elements[i]
				e.Section = sec
				if e.Use == UseWidget {
					e.Follows = follows[e.Field]
				}
			}
		}
	}
	b.blocks = append(b.blocks, bl)
}

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
	b.add(&block{h: t.height(), keep: true, draw: func(pg *Page, y float64) { t.tag(pg, marginLeft, y, contentWidth, Element{Use: UseHeading}) }})
	if d.Binding.DE != "" || d.Binding.TR != "" {
		p := b.s.pair(d.Binding, formDE, formTR, contentWidth-12)
		h := p.height() + 8
		b.add(&block{h: h, gap: 7, keep: true, draw: func(pg *Page, y float64) {
			pg.Items = append(pg.Items, Rect{X: marginLeft, Y: y, W: contentWidth, H: h, Fill: &Fill})
			p.tag(pg, marginLeft+6, y+4, contentWidth-12, Element{Use: UseText})
		}})
	}
	for _, in := range d.Intro {
		b.paragraph(in, Element{Use: UseText}, formDE, formTR, marginLeft, contentWidth, 6)
	}
	if len(d.Legend) > 0 {
		b.legend(d.Legend)
	}
	for _, s := range d.Sections {
		b.section(s)
	}
}

// legendMarkW is the room of a mark in the legend, before its meaning.
const legendMarkW = 3*cellSize + 4

// legend explains the marks of the form, in up to four columns: each mark
// drawn as in the fields, its meaning beside it.
func (b *formBuilder) legend(items []LegendItem) {
	b.s.furniture = RoleArtifact
	defer func() { b.s.furniture = "" }()
	cols, cw, texts := b.legendColumns(items)
	rows := legendRows(texts, cols)
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
			drawMark(pg, it.Mark, x, ry)
			texts[i].tag(pg, x+legendMarkW, ry, texts[i].boxWidth(cw-legendMarkW), Element{Use: UseHint})
		}
	}})
}

// legendColumns sets the legend's texts in as many columns as there are
// items, or fewer until no text takes more than two lines, and returns the
// columns, their width and the texts.
func (b *formBuilder) legendColumns(items []LegendItem) (cols int, cw float64, texts []pair) {
	start := len(b.s.boxes) // only the boxes of the columns chosen count
	for cols = len(items); ; cols-- {
		b.s.boxes = b.s.boxes[:start]
		cw = (contentWidth - float64(cols-1)*optionGap) / float64(cols)
		texts = texts[:0]
		fits := true
		for _, it := range items {
			p := b.s.pair(it.Text, hintDE, hintTR, cw-legendMarkW)
			fits = fits && len(p.de.lines) <= 2 && len(p.tr.lines) <= 2
			texts = append(texts, p)
		}
		if fits || cols <= 1 {
			return cols, cw, texts
		}
	}
}

// legendRows returns the height of each row of the legend's texts set in
// cols columns: the tallest text, and at least a box to tick.
func legendRows(texts []pair, cols int) []float64 {
	var rows []float64
	for i, t := range texts {
		if i%cols == 0 {
			rows = append(rows, 0)
		}
		rows[len(rows)-1] = max(rows[len(rows)-1], t.height(), tickSize+2)
	}
	return rows
}

// drawMark draws a mark of the legend at x, y as the fields show it. The
// required mark, *, is in its text.
func drawMark(pg *Page, m Mark, x, y float64) {
	switch m {
	case MarkOne:
		pg.Items = append(pg.Items, Circle{X: x + tickSize/2, Y: y + 1 + tickSize/2, R: tickSize / 2, Stroke: Edge, Width: strokeWidth})
	case MarkMany:
		pg.Items = append(pg.Items, Rect{X: x, Y: y + 1, W: tickSize, H: tickSize, Stroke: &Edge, LineWidth: strokeWidth})
	case MarkTranslation:
		pg.Items = append(pg.Items,
			Rule{X1: x + 1, Y1: y + 1, X2: x + 1, Y2: y + tickSize + 1, Color: Ink, Width: transBar},
			Rect{X: x + 5, Y: y + 1, W: tickSize * 2, H: tickSize, Fill: &Ink})
	case MarkDate:
		pg.Items = append(pg.Items, Rect{X: x, Y: y, W: 3 * cellSize * 0.8, H: tickSize + 2, Stroke: &Edge, LineWidth: strokeWidth})
		for k := 1; k < 3; k++ {
			cx := x + float64(k)*cellSize*0.8
			pg.Items = append(pg.Items, Rule{X1: cx, Y1: y + (tickSize+2)*0.45, X2: cx, Y2: y + tickSize + 2, Color: Edge, Width: 0.4})
		}
	}
}

// paragraph adds a bilingual text, one block per line so that it may
// break across pages, without leaving a single line behind or ahead.
func (b *formBuilder) paragraph(t Bi, e Element, de, tr style, x, w, gap float64) {
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
					el := e
					el.TR = k == 1
					if el.TR {
						// the translation's mark: a rule at its start
						bx := x - 5
						if one.rtl {
							bx = x + w + 5
						}
						pg.Items = append(pg.Items, Rule{X1: bx, Y1: y, X2: bx, Y2: y + l.Ascent + l.Descent, Color: Ink, Width: transBar})
					}
					one.tag(pg, x, y, w, el)
					pg.Elements[len(pg.Elements)-1].First = i == 0
				},
			})
		}
	}
}

func (b *formBuilder) section(s SectionDoc) {
	b.sectionID = s.ID
	defer func() { b.sectionID = "" }()
	for _, f := range s.Fields {
		if len(f.Follows) > 0 {
			if b.follows == nil {
				b.follows = map[string][]string{}
			}
			b.follows[f.ID] = f.Follows
		}
	}
	num := strconv.Itoa(s.Number) + "  "
	title := Bi{DE: num + s.Title.DE, TR: s.Title.TR}
	p := b.s.pair(title, sectionDE, sectionTR, contentWidth-10)
	h := p.height() + 7
	b.add(&block{h: h, gap: sectionGap, keep: true, draw: func(pg *Page, y float64) {
		pg.Items = append(pg.Items, Rect{X: marginLeft, Y: y, W: contentWidth, H: h, Fill: &Fill})
		p.tag(pg, marginLeft+5, y+3.5, contentWidth-10, Element{Use: UseHeading})
	}})
	if w := b.when(s.When, contentWidth); w.height() > 0 {
		b.add(&block{h: w.height(), gap: 4, keep: true, draw: func(pg *Page, y float64) {
			w.tag(pg, marginLeft, y, contentWidth, Element{Use: UseIntro, Kind: KindCondition})
		}})
	}
	for _, in := range s.Intro {
		b.paragraph(in, Element{Use: UseIntro}, formDE, formTR, marginLeft, contentWidth, 5)
		// a lead-in stays with what it introduces
		b.blocks[len(b.blocks)-1].keep = true
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
	id     string
	x, w   float64
	labelW float64 // the label's width, if not w
	// ownLabel is set by an input that sets the label itself, or has
	// none (a check box's label stands beside it)
	ownLabel bool
	when     pair // for which answers the field applies (blank forms)
	label    pair
	hint     pair
	inputH   float64
	input    func(pg *Page, x, y, w float64)
}

func (b *formBuilder) row(fields []FieldDoc) {
	at := len(b.blocks)
	b.starts(fields...)
	for _, f := range fields {
		b.keepWith(at, f.Follows)
	}
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
			own := Element{Use: UseHint, Field: c.id, Owner: c.id}
			if c.when.height() > 0 {
				ly = c.when.tag(pg, c.x, ly, c.w, own) + 1
			}
			lbl := own
			lbl.Use = UseLabel
			lw := c.w
			if c.labelW > 0 {
				lw = c.labelW
			}
			ly = c.label.tag(pg, c.x, ly, lw, lbl)
			if c.hint.height() > 0 {
				c.hint.tag(pg, c.x, ly+1, c.w, own)
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

// cell lays out field f in a cell of a row at x, w wide: the label, and
// the condition and hint, above the input its type has.
func (b *formBuilder) cell(f FieldDoc, x, w float64) cell {
	c := cell{id: f.ID, x: x, w: w, when: b.when(f.When, w)}
	if f.Hint.DE != "" {
		c.hint = b.s.pair(f.Hint, hintDE, hintTR, w)
	}
	input, ok := rowInputs[f.Type]
	if !ok {
		b.s.err = fmt.Errorf("field %q: type %s cannot stand in a row", f.ID, f.Type)
		c.input = func(*Page, float64, float64, float64) {}
		return c
	}
	input(b, &c, f)
	if !c.ownLabel {
		c.label = b.label(f, w)
	}
	return c
}

// rowInputs set the input of each type of field that stands in a row:
// the cell's input and its height, and where the input changes it, the
// label (ownLabel; else the cell gets the field's label over its width).
var rowInputs = map[form.Type]func(b *formBuilder, c *cell, f FieldDoc){
	form.Text:      (*formBuilder).textInput,
	form.Multiline: (*formBuilder).linesInput,
	form.Date:      (*formBuilder).dateInput,
	form.Number:    (*formBuilder).numberInput,
	form.Checkbox:  (*formBuilder).checkboxInput,
	form.Choice:    (*formBuilder).choiceInput,
}

// textInput is a box to write one line in.
func (b *formBuilder) textInput(c *cell, f FieldDoc) {
	c.inputH = boxHeight
	var val para
	if f.Value != nil {
		val = b.value(f.ID, f.Value.Text, c.w-6, 1)
	}
	c.input = func(pg *Page, x, y, w float64) { b.lineBox(pg, f, val, x, y, w) }
}

// lineBox draws a box to write one line in, with a pre-filled value or
// the form field of a blank form.
func (b *formBuilder) lineBox(pg *Page, f FieldDoc, val para, x, y, w float64) {
	box(pg, x, y, w, boxHeight)
	widget(pg, f.ID, f.ID, KindBox, x, y, w, boxHeight)
	val.draw(pg, x+3, y+(boxHeight-val.height())/2, w-6)
	b.field(pg, f, FieldText, x, y, w, boxHeight, 0)
}

// linesInput is a box of ruled lines to write in, at least one.
func (b *formBuilder) linesInput(c *cell, f FieldDoc) {
	n := max(f.Lines, 1)
	c.inputH = float64(n) * lineHeight
	var val para
	if f.Value != nil {
		val = b.value(f.ID, f.Value.Text, c.w-8, n)
	}
	c.input = func(pg *Page, x, y, w float64) {
		box(pg, x, y, w, float64(n)*lineHeight)
		b.field(pg, f, FieldLines, x, y, w, float64(n)*lineHeight, 0)
		widget(pg, f.ID, f.ID, KindLines, x, y, w, float64(n)*lineHeight)
		pg.Elements[len(pg.Elements)-1].Lines = n
		ruleLines(pg, x, y, w, n)
		drawOnLines(pg, val, x, y, w)
	}
}

// ruleLines draws the dashed rules between n lines to write on in a box
// at x, y, w wide.
func ruleLines(pg *Page, x, y, w float64, n int) {
	for i := 1; i < n; i++ {
		ly := y + float64(i)*lineHeight
		pg.Items = append(pg.Items, Rule{X1: x + 4, Y1: ly, X2: x + w - 4, Y2: ly, Color: Pale, Width: 0.4, Dashed: true})
	}
}

// drawOnLines draws a pre-filled value in a box of ruled lines at x, y,
// w wide: one line of the value on each ruled line.
func drawOnLines(pg *Page, val para, x, y, w float64) {
	for i, l := range val.lines {
		ly := y + float64(i)*lineHeight + (lineHeight-l.Ascent-l.Descent)/2
		one := val.line(i)
		one.rtl = false
		one.draw(pg, x+4, ly, w-8)
	}
}

// dateInput is the digit boxes of a date, day, month and year, each group
// with its caption under it.
func (b *formBuilder) dateInput(c *cell, f FieldDoc) {
	var val para
	if f.Value != nil {
		val = b.s.set(f.Value.Text, valueDE, 200, false)
	}
	caps, capH := b.dateCaptions()
	c.inputH = boxHeight + 1 + capH
	c.input = func(pg *Page, x, y, w float64) {
		xs := b.dateBoxes(pg, f.ID, val, caps, x, y, w)
		if f.Value != nil {
			return
		}
		// a comb field over each group of boxes, so that typed digits
		// stand in them wherever the groups are
		for i, n := range dateGroups {
			pg.Items = append(pg.Items, Field{Name: f.ID + "." + DateParts[i], Parent: f.ID, Kind: FieldComb,
				X: xs[i], Y: y, W: float64(n) * cellSize, H: boxHeight, MaxLen: n, Required: f.Required,
				Label: Bi{DE: f.Label.DE + ", " + b.doc.DateParts[i].DE, TR: join(f.Label.TR, b.doc.DateParts[i].TR)}})
		}
	}
}

// dateCaptions sets the captions under a date's groups of boxes (day,
// month, year) and returns them with the height of the tallest.
func (b *formBuilder) dateCaptions() ([3]pair, float64) {
	var caps [3]pair
	capH := 0.0
	for i, n := range dateGroups {
		caps[i] = b.s.pair(b.doc.DateParts[i], placeDE, hintTR, float64(n)*cellSize)
		capH = max(capH, caps[i].height())
	}
	return caps, capH
}

// numberInput is a box to write a number in or, where the form gives its
// digits, one digit box per digit.
func (b *formBuilder) numberInput(c *cell, f FieldDoc) {
	c.inputH = boxHeight
	n := f.Digits
	var val para
	switch v := f.Value; {
	case v == nil:
	case n > 0:
		// in digit boxes a value is set at its size, to be cut into
		// digits (the data check has made sure there are boxes enough)
		val = b.s.set(v.Text, valueDE, 200, false)
	default:
		// a value must fit the cell's box
		val = b.value(f.ID, v.Text, c.w-6, 1)
	}
	if n == 0 {
		c.input = func(pg *Page, x, y, w float64) { b.lineBox(pg, f, val, x, y, w) }
		return
	}
	c.input = func(pg *Page, x, y, w float64) { b.digitBoxes(pg, f, val, x, y, w) }
}

// digitBoxes draws the f.Digits digit boxes of a number, a pre-filled
// number's digits filling them from the right, or the form field of a
// blank form. Where labels start at either end, the boxes span the cell,
// w wide, so that both labels start over them.
func (b *formBuilder) digitBoxes(pg *Page, f FieldDoc, val para, x, y, w float64) {
	n := f.Digits
	cw := cellSize
	if b.s.rtl {
		cw = max(cellSize, w/float64(n))
	}
	b.field(pg, f, FieldComb, x, y, combWidget(pg, f.ID, x, y, cw, n), boxHeight, n)
	if len(val.lines) != 1 {
		return
	}
	digits := splitLine(val.lines[0])
	for i, d := range digits {
		drawDigit(pg, val, d, x+float64(n-len(digits)+i)*cw, y, cw)
	}
}

// drawDigit draws digit d of a pre-filled value val in the middle of the
// digit box at x, y, cw wide.
func drawDigit(pg *Page, val para, d text.Line, x, y, cw float64) {
	pg.Items = append(pg.Items, TextLine{X: x + (cw-d.Width)/2, Y: y + boxHeight - 6, Line: d, Color: Data, Lang: val.lang, Role: val.role, Para: val.id})
}

// checkboxInput is one box to tick with the field's label beside it, not
// above.
func (b *formBuilder) checkboxInput(c *cell, f FieldDoc) {
	v := f.Value
	c.ownLabel = true
	opt := b.option(f.Label, f.Required, c.w, false, 0)
	opt.fid, opt.owner = f.ID, f.ID
	opt.ticked = v != nil && v.Checked
	if v == nil {
		opt.field = &Field{Name: f.ID, Kind: FieldCheck, Export: "Yes", Label: f.Label, Required: f.Required}
	}
	c.inputH = opt.h
	c.input = func(pg *Page, x, y, w float64) { opt.draw(pg, x, y) }
}

// choiceInput is a choice's options, each a box to tick with its labels.
func (b *formBuilder) choiceInput(c *cell, f FieldDoc) {
	opts, h := b.options(f, c.w)
	for i := range opts {
		bindOption(&opts[i], f, i)
	}
	c.inputH = h
	if len(opts) > 0 && opts[0].mirror {
		// the question ends where its options do, so that a label
		// read from the right starts over them
		if used := mirroredWidth(opts); used < c.w-1 {
			c.label, c.labelW, c.ownLabel = b.label(f, used), used, true
		}
	}
	c.input = func(pg *Page, x, y, w float64) { drawOptions(pg, opts, x, y) }
}

// bindOption makes o option i of choice f: its owner, whether a
// pre-filled copy ticks it, and on a blank form its form field.
func bindOption(o *option, f FieldDoc, i int) {
	v := f.Value
	o.fid, o.owner = f.ID, fmt.Sprintf("%s/%d", f.ID, i+1)
	o.ticked = v != nil && i < len(v.Chosen) && v.Chosen[i]
	if v == nil {
		o.field = optionField(f, i)
	}
}

// optionField is the form field of option i of choice f: a radio button
// of the choice's group, or for a choice of several options a check box
// of its own.
func optionField(f FieldDoc, i int) *Field {
	id := fmt.Sprint(i + 1)
	if i < len(f.OptionIDs) {
		id = f.OptionIDs[i]
	}
	fl := &Field{Name: f.ID, Kind: FieldRadio, Export: id, Label: f.Label, Required: f.Required}
	if f.Multiple {
		fl.Name, fl.Kind, fl.Export = f.ID+"."+id, FieldCheck, "Yes"
	}
	return fl
}

// mirroredWidth is the width mirrored options take: up to the end of the
// widest German label.
func mirroredWidth(opts []option) float64 {
	used := 0.0
	for _, o := range opts {
		used = max(used, o.x+o.trW+tickSize+2*tickGap+o.lbl.de.width())
	}
	return used
}

// drawOptions draws options arranged by formBuilder.options at x, y, with
// a rule in the gutter before each column but the first.
func drawOptions(pg *Page, opts []option, x, y float64) {
	for _, o := range opts {
		o.draw(pg, x+o.x, y+o.y)
		if o.x > 0 {
			gx := x + o.x - optionGap/2
			pg.Items = append(pg.Items, Rule{X1: gx, Y1: y + o.y, X2: gx, Y2: y + o.y + o.h, Color: Pale, Width: 0.4})
		}
	}
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

// comb draws n digit boxes, each cw wide, side by side and returns their
// width.
func comb(pg *Page, x, y, cw float64, n int) float64 {
	box(pg, x, y, float64(n)*cw, boxHeight)
	for i := 1; i < n; i++ {
		cx := x + float64(i)*cw
		pg.Items = append(pg.Items, Rule{X1: cx, Y1: y + boxHeight*0.45, X2: cx, Y2: y + boxHeight, Color: Edge, Width: 0.4})
	}
	return float64(n) * cw
}

// combWidget draws a comb and records it as a widget of field id.
func combWidget(pg *Page, id string, x, y, cw float64, n int) float64 {
	w := comb(pg, x, y, cw, n)
	widget(pg, id, id, KindComb, x, y, w, boxHeight)
	pg.Elements[len(pg.Elements)-1].Cell = cw
	return w
}

// dateGroups are the digit boxes of a date: day, month, year.
var dateGroups = [3]int{2, 2, 4}

// DateParts name the form fields of a date's groups of boxes, under the
// date's own: birth_date.day, birth_date.month, birth_date.year.
var DateParts = [3]string{"day", "month", "year"}

// dateBoxes draws the day, month and year boxes of a date, a caption in
// both languages under each (day, month, year: the same words as the
// legend's), and a pre-filled date's digits in them, and returns where
// each group starts. Where labels start at either end (a right-to-left
// translation) the groups spread over the cell's width w, so that both
// labels start over a box of the date.
func (b *formBuilder) dateBoxes(pg *Page, id string, val para, caps [3]pair, x, y, w float64) (xs [3]float64) {
	var digits []text.Line
	if len(val.lines) == 1 {
		digits = splitLine(val.lines[0])
	}
	const gap = 6.0
	total := float64(dateGroups[0]+dateGroups[1]+dateGroups[2]) * cellSize
	step := gap
	if b.s.rtl && w > total+2*gap {
		step = (w - total) / 2
	}
	k := 0
	for g, n := range dateGroups {
		xs[g] = x
		gw := combWidget(pg, id, x, y, cellSize, n)
		for i := 0; i < n && k < len(digits); i++ {
			drawDigit(pg, val, digits[k], x+float64(i)*cellSize, y, cellSize)
			k++
		}
		caps[g].tag(pg, x, y+boxHeight+1, gw, Element{Use: UseHint, Field: id, Owner: id})
		x += gw + step
	}
	return xs
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

// option is a box to tick with its labels. In a left-to-right document
// the box stands at the start of both labels, the translation under the
// German. Where the translation runs right to left, the box stands between
// them: the translation ends at its left side, the German starts at its
// right, so that each label starts at the box (docs/forms.md).
type option struct {
	x, y   float64
	h      float64
	w      float64
	lbl    pair
	circ   bool
	tw     float64 // width of the label text (mirrored: of the German)
	trW    float64 // mirrored: width of the translation's box left of the box
	mirror bool
	ticked bool   // a pre-filled copy marks it
	field  *Field // on a blank form, the form field at its box
	fid    string // the field's id
	owner  string // the box's owner (Element.Owner)
}

// draw places the option at (x, y), its box level with the middle of its
// labels: each label, however many lines it takes, starts beside the box.
func (o option) draw(pg *Page, x, y float64) {
	ty := y + (o.h-tickSize)/2
	bx := x
	if o.mirror {
		bx = x + o.trW + tickGap
	}
	if o.circ {
		cx, cy := bx+tickSize/2, ty+tickSize/2
		pg.Items = append(pg.Items, Circle{X: cx, Y: cy, R: tickSize / 2, Stroke: Edge, Width: strokeWidth})
		widget(pg, o.fid, o.owner, KindRadio, bx, ty, tickSize, tickSize)
		if o.ticked {
			pg.Items = append(pg.Items, Circle{X: cx, Y: cy, R: tickSize/2 - 2.2, Fill: &Data})
		}
	} else {
		pg.Items = append(pg.Items, Rect{X: bx, Y: ty, W: tickSize, H: tickSize, Stroke: &Edge, LineWidth: strokeWidth})
		widget(pg, o.fid, o.owner, KindCheck, bx, ty, tickSize, tickSize)
		if o.ticked {
			pg.Items = append(pg.Items,
				Rule{X1: bx + 1.8, Y1: ty + 1.8, X2: bx + tickSize - 1.8, Y2: ty + tickSize - 1.8, Color: Data, Width: 1.2},
				Rule{X1: bx + 1.8, Y1: ty + tickSize - 1.8, X2: bx + tickSize - 1.8, Y2: ty + 1.8, Color: Data, Width: 1.2})
		}
	}
	if o.field != nil {
		fl := *o.field
		fl.X, fl.Y, fl.W, fl.H = bx, ty, tickSize, tickSize
		pg.Items = append(pg.Items, fl)
	}
	e := Element{Use: UseLabel, Field: o.fid, Owner: o.owner}
	if !o.mirror {
		o.lbl.tag(pg, bx+tickSize+tickGap, y, o.tw, e)
		return
	}
	o.lbl.de.tag(pg, bx+tickSize+tickGap, y, o.tw, e)
	e.TR = true
	o.lbl.tr.tag(pg, x, y, o.trW, e)
}

// option sets a box's labels in width w. trW is the room for a right-to-
// left translation before the box (0: as much as it needs, up to half).
func (b *formBuilder) option(l Bi, required bool, w float64, circle bool, trW float64) option {
	if required && l.DE != "" {
		l.DE += " *"
	}
	tw := w - tickSize - tickGap
	if b.mirrored(l) {
		// the box between the translation and the German
		if trW <= 0 {
			trW = b.trRoom([]Bi{l}, w)
		}
		deW := w - trW - tickSize - 2*tickGap
		p := pair{de: b.s.set(l.DE, formDE, deW, false), tr: b.s.set(l.TR, formTR, trW, true)}
		h := max(p.de.height(), p.tr.height(), tickSize+2)
		return option{lbl: p, h: h, w: w, circ: circle, tw: deW, trW: trW, mirror: true}
	}
	p := b.s.pair(l, formDE, formTR, tw)
	return option{lbl: p, h: max(p.height(), tickSize+2), w: w, circ: circle, tw: p.boxWidth(tw)}
}

// mirrored reports whether l's box stands between its labels: its
// translation runs right to left.
func (b *formBuilder) mirrored(l Bi) bool {
	return b.s.rtl && l.TR != "" && !b.s.german[l.TR]
}

// trRoom is the room before the box for the translations of labels in a
// column w wide: what the widest needs, at most half of what is left
// beside the box.
func (b *formBuilder) trRoom(ls []Bi, w float64) float64 {
	half := (w - tickSize - 2*tickGap) / 2
	need := 0.0
	for _, l := range ls {
		need = max(need, b.s.measure(Bi{TR: l.TR}, formDE, formTR))
	}
	return min(half, need+1)
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
		least := 70.0
		if b.s.rtl {
			least = 150 // two labels beside the box
		}
		if cols > 1 && cw < least {
			break
		}
		var opts []option
		// one room for the translations of all options: the boxes of a
		// column stand one under the other
		trW := b.trRoom(f.Options, cw)
		y, rowH := 0.0, 0.0
		split := false
		for i, l := range f.Options {
			if i > 0 && i%cols == 0 {
				y += rowH + 3
				rowH = 0
			}
			o := b.option(l, false, cw, !f.Multiple, trW)
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
	at := len(b.blocks)
	b.starts(f)
	b.keepWith(at, f.Follows)
	if len(f.Confirms) > 0 {
		b.keepWith(at, f.Confirms)
		// a signature is never alone: whatever happens to a declaration
		// too long for a page, it stays with the end of it
		if at > 0 {
			b.blocks[at-1].keep = true
		}
	}
	if w := b.when(f.When, contentWidth); w.height() > 0 {
		b.add(&block{h: w.height(), gap: rowGap, keep: true, draw: func(pg *Page, y float64) {
			w.tag(pg, marginLeft, y, contentWidth, Element{Use: UseHint, Field: f.ID, Owner: f.ID})
		}})
	}
	switch f.Type {
	case form.Paragraph:
		b.paragraph(f.Text, Element{Use: UseText, Field: f.ID}, formDE, formTR, marginLeft, contentWidth, rowGap)
	case form.Heading:
		p := b.s.pair(f.Text, formHeadDE, formHeadTR, contentWidth)
		b.add(&block{h: p.height(), gap: rowGap + 2, keep: true, draw: func(pg *Page, y float64) {
			p.tag(pg, marginLeft, y, contentWidth, Element{Use: UseHeading, Field: f.ID})
		}})
	case form.Table:
		b.table(f)
	case form.Signature:
		b.signature(f)
	}
}

// table lays out a table field: its label and hint, the header row and
// f.Rows rows to write in. On a following page the rows go under the
// table's label, marked as continued, and its header again.
func (b *formBuilder) table(f FieldDoc) {
	own := Element{Use: UseLabel, Field: f.ID, Owner: f.ID}
	hint := own
	hint.Use = UseHint
	b.tableLabel(f, own, hint)
	xs := columnEdges(f.Columns)
	head := b.tableHead(f, xs, hint)
	b.add(head)
	repeat := b.tableContinued(f, own, head)
	for r := 0; r < f.Rows; r++ {
		vals := b.rowValues(f, r, xs)
		b.add(&block{h: tableRow, head: repeat, keep: r == 0, draw: func(pg *Page, y float64) {
			drawTableRow(pg, f, r, xs, vals, y)
		}})
	}
}

// tableLabel adds the block of a table's label and hint, own and hint
// the elements they make.
func (b *formBuilder) tableLabel(f FieldDoc, own, hint Element) {
	lbl := b.label(f, contentWidth)
	if f.Hint.DE == "" {
		b.add(&block{h: lbl.height() + labelGap, gap: rowGap, keep: true, draw: func(pg *Page, y float64) { lbl.tag(pg, marginLeft, y, contentWidth, own) }})
		return
	}
	h := b.s.pair(f.Hint, hintDE, hintTR, contentWidth)
	lh := lbl.height()
	b.add(&block{h: lh + 1 + h.height() + labelGap, gap: rowGap, keep: true, draw: func(pg *Page, y float64) {
		y = lbl.tag(pg, marginLeft, y, contentWidth, own)
		h.tag(pg, marginLeft, y+1, contentWidth, hint)
	}})
}

// columnEdges returns the left edges of a table's columns across the
// content width, in proportion to their widths, and the table's right
// edge.
func columnEdges(cols []ColumnDoc) []float64 {
	total := 0
	for _, c := range cols {
		total += c.Width
	}
	xs := make([]float64, len(cols)+1)
	xs[0] = marginLeft
	for i, c := range cols {
		xs[i+1] = xs[i] + contentWidth*float64(c.Width)/float64(total)
	}
	return xs
}

// tableHead is the block of a table's header row: the column titles
// between the column edges xs, as the header cells of the table.
func (b *formBuilder) tableHead(f FieldDoc, xs []float64, hint Element) *block {
	heads := make([]pair, len(f.Columns))
	hh := 0.0
	b.s.furniture = RoleTH
	for i, c := range f.Columns {
		heads[i] = b.s.pair(c.Title, columnDE, columnTR, xs[i+1]-xs[i]-6)
		hh = max(hh, heads[i].height())
	}
	b.s.furniture = ""
	hh += 6
	return &block{h: hh, keep: true, draw: func(pg *Page, y float64) {
		pg.Items = append(pg.Items, Rect{X: marginLeft, Y: y, W: contentWidth, H: hh, Fill: &Fill, Stroke: &Edge, LineWidth: strokeWidth})
		for i := range heads {
			if i > 0 {
				pg.Items = append(pg.Items, Rule{X1: xs[i], Y1: y, X2: xs[i], Y2: y + hh, Color: Edge, Width: strokeWidth})
			}
			heads[i].tag(pg, xs[i]+3, y+3, xs[i+1]-xs[i]-6, hint)
		}
	}}
}

// tableContinued is what a page that continues a table starts with: the
// table's label marked as continued, and its header row.
func (b *formBuilder) tableContinued(f FieldDoc, own Element, head *block) *block {
	b.s.furniture = RoleArtifact // repeated, as the header is
	cont := b.s.pair(Bi{DE: f.Label.DE + " " + b.doc.Continued.DE, TR: join(f.Label.TR, b.doc.Continued.TR)}, labelDE, labelTR, contentWidth)
	b.s.furniture = ""
	ch := cont.height() + labelGap
	return &block{h: ch + head.h, draw: func(pg *Page, y float64) {
		b.s.continued = true
		cont.tag(pg, marginLeft, y, contentWidth, own)
		head.draw(pg, y+ch)
	}}
}

// rowValues sets the values of a pre-filled table's row r, one per
// column between the edges xs.
func (b *formBuilder) rowValues(f FieldDoc, r int, xs []float64) []para {
	if f.Value == nil || r >= len(f.Value.Rows) {
		return nil
	}
	var vals []para
	for i, t := range f.Value.Rows[r] {
		if i+1 < len(xs) {
			vals = append(vals, b.value(fmt.Sprintf("%s[%d]", f.ID, r+1), t, xs[i+1]-xs[i]-6, 1))
		}
	}
	return vals
}

// drawTableRow draws row r of table f at y, its columns between the
// edges xs: the pre-filled values vals or, on a blank form, a form field
// in each cell.
func drawTableRow(pg *Page, f FieldDoc, r int, xs []float64, vals []para, y float64) {
	pg.Items = append(pg.Items, Rect{X: marginLeft, Y: y, W: contentWidth, H: tableRow, Stroke: &Edge, LineWidth: strokeWidth})
	widget(pg, f.ID, f.ID, KindRow, marginLeft, y, contentWidth, tableRow)
	for i := 1; i < len(xs)-1; i++ {
		pg.Items = append(pg.Items, Rule{X1: xs[i], Y1: y, X2: xs[i], Y2: y + tableRow, Color: Edge, Width: strokeWidth})
	}
	for i, v := range vals {
		v.draw(pg, xs[i]+3, y+(tableRow-v.height())/2, xs[i+1]-xs[i]-6)
	}
	if f.Value != nil {
		return
	}
	for i, c := range f.Columns {
		pg.Items = append(pg.Items, Field{Name: fmt.Sprintf("%s[%d].%s", f.ID, r+1, c.ID), Kind: FieldText,
			X: xs[i], Y: y, W: xs[i+1] - xs[i], H: tableRow, MaxLen: c.MaxLen, Row: r + 1,
			Label: Bi{DE: f.Label.DE + ", " + c.Title.DE, TR: join(f.Label.TR, c.Title.TR)}})
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
		pg.Elements = append(pg.Elements, Element{Use: UseSignature, Field: f.ID, Owner: f.ID, X: marginLeft, Y: y, W: contentWidth, H: h, Confirms: f.Confirms})
		lbl.tag(pg, marginLeft, y, contentWidth, Element{Use: UseLabel, Field: f.ID, Owner: f.ID})
		ly := y + lh + signHeight
		for i, p := range parts {
			x, w := colX(p.start, p.span)
			pg.Items = append(pg.Items, Rule{X1: x, Y1: ly, X2: x + w, Y2: ly, Color: Black, Width: 0.7})
			widget(pg, f.ID, f.ID, KindSign, x, ly-signHeight, w, signHeight)
			caps[i].tag(pg, x, ly+2, w, Element{Use: UseHint, Field: f.ID, Owner: f.ID})
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
