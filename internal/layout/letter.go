package layout

import (
	"fmt"

	"formgen/internal/text"
)

// LetterDoc is a letter with its texts resolved: the German letter after
// DIN 5008 form B, and the same letter in the reader's language.
type LetterDoc struct {
	Reader
	Office  []string  // sender: name, department, street, postcode and city
	Return  string    // return address, above the recipient in the window
	Address []string  // recipient, as the envelope window shows it
	Info    []InfoRow // information block: file number, clerk, date …
	// InfoTR is the information block in the translation: label and value
	InfoTR  [][2]string
	Subject Bi
	DE, TR  []Part // the letter's body in German and in the translation
	Signer  string // who signs, under the closing
	// TranslationHead introduces the translation on its own page; Binding
	// says that only the German letter is binding.
	TranslationHead Bi
	Binding         Bi
	FooterID        string
	Page            func(page, pages int) (Bi, error)
}

// InfoRow is one line of a letter's information block.
type InfoRow struct{ Label, Value string }

// Part kinds.
const (
	PartParagraph = "paragraph"
	PartHeading   = "heading"
	PartList      = "list"
	PartTable     = "table"
	PartClosing   = "closing" // the closing formula, with the signer under it
)

// Part is a piece of a letter's or sheet's body in one language.
type Part struct {
	Kind  string
	Text  string      // paragraph, heading, closing; a list's or table's heading
	Items []string    // list
	Rows  [][2]string // table: label and value
}

// DIN 5008 form B, in points.
const (
	mm            = 72 / 25.4
	letterLeft    = 25 * mm
	letterRight   = 20 * mm
	letterWidth   = PageWidth - letterLeft - letterRight
	windowX       = 20 * mm
	windowY       = 45 * mm
	windowW       = 85 * mm
	addressY      = 62.7 * mm // the address zone under the endorsement zone
	infoX         = 125 * mm
	infoY         = 50 * mm
	infoLabel     = 22 * mm // label column of the information block
	infoValue     = PageWidth - infoX - letterRight - infoLabel
	subjectY      = 103.4 * mm
	foldMark1     = 105 * mm
	foldMark2     = 210 * mm
	punchMark     = 148.5 * mm
	letterTextTop = 25 * mm
	letterBottom  = 21 * mm // above the footer
)

// Letter type sizes.
var (
	letterBody  = style{text.Regular, 10, Black, RoleP}
	letterBold  = style{text.Bold, 10, Black, RoleP}
	letterSmall = style{text.Regular, 7, Gray, RoleP}
	letterHead  = style{text.Bold, 11, Black, RoleH2}
)

// Letter lays out a letter.
func Letter(doc *LetterDoc, sh *text.Shaper) (*Document, error) {
	s := &setter{sh: sh, lang: doc.Lang, rtl: doc.RTL, german: doc.Untranslated}
	lb := &letterBuilder{s: s, doc: doc}
	first := lb.firstPage()
	// the German letter
	subject := s.set(doc.Subject.DE, letterBold, letterWidth, false)
	lb.add(&block{h: subject.height(), keep: true, draw: func(pg *Page, y float64) { subject.draw(pg, letterLeft, y, letterWidth) }})
	lb.parts(doc.DE, false)
	pages := paginate(lb.blocks, frame{top: subjectY - 10, bottom: PageHeight - letterBottom}, frame{top: letterTextTop + 12, bottom: PageHeight - letterBottom})
	pages[0].Items = append(first, pages[0].Items...)
	// the translation, on pages of its own
	if len(doc.TR) > 0 {
		lb.blocks = nil
		head := s.pair(doc.TranslationHead, letterBold, letterHead, letterWidth)
		lb.add(&block{h: head.height(), keep: true, draw: func(pg *Page, y float64) { head.draw(pg, letterLeft, y, letterWidth) }})
		if doc.Binding.DE != "" {
			p := s.pair(doc.Binding, bodyDE, bodyTR, letterWidth-12)
			h := p.height() + 8
			lb.add(&block{h: h, gap: 6, keep: true, draw: func(pg *Page, y float64) {
				pg.Items = append(pg.Items, Rect{X: letterLeft, Y: y, W: letterWidth, H: h, Fill: &Fill})
				p.draw(pg, letterLeft+6, y+4, letterWidth-12)
			}})
		}
		subj := s.set(doc.Subject.TR, letterBold, letterWidth, true)
		lb.add(&block{h: subj.height(), gap: 16, keep: true, draw: func(pg *Page, y float64) { subj.draw(pg, letterLeft, y, letterWidth) }})
		// the reader needs the file number and whom to reach
		lb.table(doc.InfoTR, true, false)
		lb.parts(doc.TR, true)
		fr := frame{top: letterTextTop + 12, bottom: PageHeight - letterBottom}
		pages = append(pages, paginate(lb.blocks, fr, fr)...)
	}
	if s.err != nil {
		return nil, s.err
	}
	for i, p := range pages {
		if i > 0 {
			lb.runningHead(p)
		}
		if err := lb.footer(p, i+1, len(pages)); err != nil {
			return nil, err
		}
	}
	return s.document(doc.Reader, doc.Subject, doc.FooterID, lb.officeName(), pages)
}

type letterBuilder struct {
	s      *setter
	doc    *LetterDoc
	blocks []*block
}

func (b *letterBuilder) add(bl *block) { b.blocks = append(b.blocks, bl) }

func (b *letterBuilder) officeName() string {
	if len(b.doc.Office) > 0 {
		return b.doc.Office[0]
	}
	return ""
}

// firstPage draws what DIN 5008 form B puts on a letter's first page:
// letterhead, return address and recipient in the window, information
// block, fold and punch marks.
func (b *letterBuilder) firstPage() []Item {
	pg := &Page{}
	y := 15 * mm
	for i, l := range b.doc.Office {
		st := letterBody
		if i == 0 {
			st = letterHead
		}
		y = b.s.set(l, st, PageWidth-infoX-letterRight, false).draw(pg, infoX, y, PageWidth-infoX-letterRight)
	}
	// the return address on one line if it fits in smaller type
	ret, ok := b.s.fit(b.doc.Return, letterSmall, 5.5, windowW-5*mm, 1)
	if !ok {
		ret = b.s.set(b.doc.Return, letterSmall, windowW-5*mm, false)
	}
	ret.draw(pg, windowX+5*mm, addressY-2-ret.height(), windowW-5*mm)
	pg.Items = append(pg.Items, Rule{X1: windowX + 5*mm, Y1: addressY - 1, X2: windowX + windowW, Y2: addressY - 1, Color: Pale, Width: 0.3})
	y = addressY + 2
	for _, l := range b.doc.Address {
		y = b.s.set(l, letterBody, windowW-5*mm, false).draw(pg, windowX+5*mm, y, windowW-5*mm)
	}
	y = infoY
	for _, r := range b.doc.Info {
		lbl := b.s.set(r.Label, letterSmall, infoLabel, false)
		// smaller type, or two lines, rather than a word cut in two
		val, ok := b.s.fit(r.Value, letterBody, 7.5, infoValue, 1)
		if !ok {
			val, ok = b.s.fit(r.Value, letterBody, 7, infoValue, 2)
		}
		if !ok {
			val = b.s.set(r.Value, letterBody, infoValue, false)
		}
		lbl.draw(pg, infoX, y+1.5, infoLabel)
		y = max(y+lbl.height(), val.draw(pg, infoX+infoLabel, y, infoValue)) + 1
	}
	for _, m := range []float64{foldMark1, foldMark2} {
		pg.Items = append(pg.Items, Rule{X1: 4 * mm, Y1: m, X2: 8 * mm, Y2: m, Color: Gray, Width: 0.4})
	}
	pg.Items = append(pg.Items, Rule{X1: 4 * mm, Y1: punchMark, X2: 10 * mm, Y2: punchMark, Color: Gray, Width: 0.4})
	return pg.Items
}

// runningHead names the sender at the top of every page but the first.
func (b *letterBuilder) runningHead(pg *Page) {
	p := b.s.set(b.officeName(), letterSmall, letterWidth, false)
	items := []Item{}
	tmp := &Page{}
	p.draw(tmp, letterLeft, letterTextTop-8, letterWidth)
	items = append(items, tmp.Items...)
	pg.Items = append(items, pg.Items...)
}

func (b *letterBuilder) footer(pg *Page, n, total int) error {
	num, err := b.doc.Page(n, total)
	if err != nil {
		return err
	}
	top := PageHeight - 18*mm
	id := b.s.set(b.doc.FooterID, smallDE, letterWidth/2, false)
	id.draw(pg, letterLeft, top, letterWidth/2)
	y := top
	for i, s := range []string{num.DE, num.TR} {
		if s == "" {
			continue
		}
		p := b.s.set(s, smallDE, letterWidth/2, i == 1)
		w := p.width()
		p.rtl = false
		y = p.draw(pg, PageWidth-letterRight-w, y, w)
	}
	return b.s.err
}

// parts adds a body's parts as blocks, line by line, in one language.
func (b *letterBuilder) parts(parts []Part, tr bool) {
	for i, p := range parts {
		switch p.Kind {
		case PartHeading:
			h := b.s.set(p.Text, letterBold, letterWidth, tr)
			b.add(&block{h: h.height(), gap: 12, keep: true, draw: func(pg *Page, y float64) { h.draw(pg, letterLeft, y, letterWidth) }})
		case PartParagraph:
			// the closing never starts a page alone: the last lines
			// before it go with it
			beforeClosing := i+1 < len(parts) && parts[i+1].Kind == PartClosing
			b.lines(b.s.set(p.Text, letterBody, letterWidth, tr), letterLeft, letterWidth, 8, false, beforeClosing)
		case PartClosing:
			// the closing and the signer stay together
			b.lines(b.s.set(p.Text, letterBody, letterWidth, tr), letterLeft, letterWidth, 8, b.doc.Signer != "", false)
			if b.doc.Signer != "" {
				sig := b.s.set(b.doc.Signer, letterBody, letterWidth, false)
				if tr {
					sig.rtl = b.doc.RTL
				}
				b.add(&block{h: sig.height(), gap: 20, draw: func(pg *Page, y float64) { sig.draw(pg, letterLeft, y, letterWidth) }})
			}
		case PartList:
			if p.Text != "" {
				b.lines(b.s.set(p.Text, letterBody, letterWidth, tr), letterLeft, letterWidth, 8, true, false)
			}
			for i, it := range p.Items {
				b.bullet(it, tr, i == 0)
			}
		case PartTable:
			if p.Text != "" {
				h := b.s.set(p.Text, letterBold, letterWidth, tr)
				b.add(&block{h: h.height(), gap: 10, keep: true, draw: func(pg *Page, y float64) { h.draw(pg, letterLeft, y, letterWidth) }})
			}
			b.table(p.Rows, tr, true)
		default:
			b.s.err = fmt.Errorf("letter part %q", p.Kind)
		}
	}
}

// lines adds a paragraph one line per block, so that it may break across
// pages, never leaving one line alone; with keep, the whole paragraph
// stays with what follows, with keepEnd its last two lines do.
func (b *letterBuilder) lines(p para, x, w, gap float64, keep, keepEnd bool) {
	n := len(p.lines)
	for i, l := range p.lines {
		one := p.line(i)
		g := 0.0
		if i == 0 {
			g = gap
		}
		b.add(&block{h: l.Ascent + l.Descent, gap: g, keep: keep || i == 0 || i == n-2 || keepEnd && i == n-1, draw: func(pg *Page, y float64) { one.draw(pg, x, y, w) }})
	}
}

// bullet adds a list item: a bullet at the start of the reading
// direction, the text indented beside it.
func (b *letterBuilder) bullet(item string, tr, first bool) {
	const indent = 14
	p := b.s.set(item, letterBody, letterWidth-indent, tr)
	rtl := p.rtl
	dot := b.s.set("•", letterBody, indent, false)
	gap := 2.0
	if first {
		gap = 4
	}
	for i, l := range p.lines {
		one := p.line(i)
		first := i == 0
		g := 0.0
		if first {
			g = gap
		}
		b.add(&block{h: l.Ascent + l.Descent, gap: g, keep: i+1 < len(p.lines), draw: func(pg *Page, y float64) {
			x := letterLeft + indent
			if rtl {
				x = letterLeft
			}
			one.draw(pg, x, y, letterWidth-indent)
			if first {
				dx := letterLeft + 4
				if rtl {
					dx = letterLeft + letterWidth - 4 - dot.width()
				}
				dot.draw(pg, dx, y, dot.width())
			}
		}})
	}
}

// table adds label and value rows, the labels in a column of a third of
// the width, the values bold or not; in a right-to-left translation the
// label column is at the right.
func (b *letterBuilder) table(rows [][2]string, tr, bold bool) {
	valStyle, pad := letterBody, 3.0
	if bold {
		valStyle, pad = letterBold, 5
	}
	rtl := tr && b.doc.RTL
	lw := letterWidth / 3
	for i, r := range rows {
		lbl := b.s.set(r[0], letterBody, lw-8, tr)
		val := b.s.set(r[1], valStyle, letterWidth-lw-8, tr)
		h := max(lbl.height(), val.height()) + pad
		g := 0.0
		if i == 0 {
			g = 4
		}
		b.add(&block{h: h, gap: g, keep: i+1 < len(rows), draw: func(pg *Page, y float64) {
			pg.Items = append(pg.Items, Rule{X1: letterLeft, Y1: y + h, X2: letterLeft + letterWidth, Y2: y + h, Color: Pale, Width: 0.4})
			lx, vx := letterLeft+4, letterLeft+lw+4
			if rtl {
				lx, vx = letterLeft+letterWidth-lw+4, letterLeft+4
			}
			lbl.draw(pg, lx, y+pad/2, lw-8)
			val.draw(pg, vx, y+pad/2, letterWidth-lw-8)
		}})
	}
}
