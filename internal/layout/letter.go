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
	// Enclosure lists what goes with the letter ("Anlage: Übersetzung
	// (Arabisch), nicht rechtsverbindlich"), under the signer, in German
	// and in the translation.
	Enclosure Bi
	// TranslationHead introduces the translation on its own page; Binding
	// says that only the German letter is binding.
	TranslationHead Bi
	Binding         Bi
	// FooterID names the template and its version: the PDF's metadata,
	// not the page. Footer is what the reader finds at the foot of every
	// page: the office's address.
	FooterID string
	Footer   string
	Page     func(page, pages int) (Bi, error)
	// FollowHead heads every page after the first: file number, date and
	// page, in German and, on the translation's pages, translated.
	FollowHead func(page, pages int) (Bi, error)
}

// InfoRow is one line of a letter's information block.
type InfoRow struct {
	Label, Value string
	// Wide puts the value on a line of its own under the label, across
	// the whole block: an e-mail address, which must not break.
	Wide bool
}

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
	infoWidth     = 75 * mm // DIN 5008: the information block is 75 mm wide
	infoLabel     = 22 * mm // label column of the information block
	infoValue     = infoWidth - infoLabel
	signatureRoom = 15 * mm // between the closing and the signer's name
	subjectY      = 103.4 * mm
	foldMark1     = 105 * mm
	foldMark2     = 210 * mm
	punchMark     = 148.5 * mm
	letterTextTop = 25 * mm
	letterBottom  = 21 * mm // above the footer
	followTop     = 12 * mm // the follow-page header
)

// Letter type sizes.
var (
	letterBody      = style{text.Regular, 10, Black, RoleP}
	letterItem      = style{text.Regular, 10, Black, RoleLI}
	letterBold      = style{text.Bold, 10, Black, RoleP}
	letterSmall     = style{text.Regular, 7, Gray, RoleP}
	letterHead      = style{text.Bold, 11, Black, RoleH2}
	letterInfo      = style{text.Regular, 9.5, Black, RoleP} // values of the information block
	letterFollow    = style{text.Regular, 8, Gray, RoleHeader}
	letterEnclosure = style{text.Regular, 9, Black, RoleP}
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
	rest := frame{top: letterTextTop + 14, bottom: PageHeight - letterBottom}
	pages := paginate(lb.blocks, frame{top: subjectY - 10, bottom: PageHeight - letterBottom}, rest)
	pages[0].Items = append(first, pages[0].Items...)
	german := len(pages)
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
		lb.add(&block{h: subj.height(), gap: 12, keep: true, draw: func(pg *Page, y float64) { subj.draw(pg, letterLeft, y, letterWidth) }})
		// the reader needs the file number and whom to reach
		lb.table(doc.InfoTR, true, false)
		lb.parts(doc.TR, true)
		pages = append(pages, paginate(lb.blocks, rest, rest)...)
	}
	if s.err != nil {
		return nil, s.err
	}
	for i, p := range pages {
		if i > 0 {
			if err := lb.followHead(p, i+1, len(pages), i >= german); err != nil {
				return nil, err
			}
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
		if r.Wide {
			// an e-mail address: the label, and under it the address on a
			// line of its own across the whole block, never broken
			y = lbl.draw(pg, infoX, y+1.5, infoWidth)
			val, ok := b.s.fit(r.Value, letterInfo, 8, infoWidth, 1)
			if !ok {
				val = b.s.set(r.Value, letterInfo, infoWidth, false)
			}
			y = val.draw(pg, infoX, y, infoWidth) + 1
			continue
		}
		// smaller type, or two lines, rather than a word cut in two
		val, ok := b.s.fit(r.Value, letterInfo, 8, infoValue, 1)
		if !ok {
			val, ok = b.s.fit(r.Value, letterInfo, 8, infoValue, 2)
		}
		if !ok {
			val = b.s.set(r.Value, letterInfo, infoValue, false)
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

// followHead heads page n of every page but the first (DIN 5008's
// follow-page header): the sender, then file number, date and page, in
// German and, on a page of the translation, under it in the reader's
// language; a rule under them.
func (b *letterBuilder) followHead(pg *Page, n, total int, translation bool) error {
	tmp := &Page{}
	b.s.furniture = RoleHeader
	defer func() { b.s.furniture = "" }()
	office := b.s.set(b.officeName(), letterSmall, letterWidth, false)
	y := office.draw(tmp, letterLeft, followTop, letterWidth)
	if b.doc.FollowHead != nil {
		head, err := b.doc.FollowHead(n, total)
		if err != nil {
			return err
		}
		y = b.s.set(head.DE, letterFollow, letterWidth, false).draw(tmp, letterLeft, y+1, letterWidth)
		if translation && head.TR != "" {
			y = b.s.set(head.TR, letterFollow, letterWidth, true).draw(tmp, letterLeft, y+1, letterWidth)
		}
	}
	tmp.Items = append(tmp.Items, Rule{X1: letterLeft, Y1: y + 2, X2: letterLeft + letterWidth, Y2: y + 2, Color: Pale, Width: 0.4})
	pg.Items = append(tmp.Items, pg.Items...)
	return b.s.err
}

func (b *letterBuilder) footer(pg *Page, n, total int) error {
	num, err := b.doc.Page(n, total)
	if err != nil {
		return err
	}
	top := PageHeight - 18*mm
	id := b.s.set(b.doc.Footer, smallDE, letterWidth*2/3, false)
	id.draw(pg, letterLeft, top, letterWidth*2/3)
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
	for _, p := range parts {
		switch p.Kind {
		case PartHeading:
			h := b.s.set(p.Text, letterBold, letterWidth, tr)
			b.add(&block{h: h.height(), gap: 12, keep: true, draw: func(pg *Page, y float64) { h.draw(pg, letterLeft, y, letterWidth) }})
		case PartParagraph:
			b.lines(b.s.set(p.Text, letterBody, letterWidth, tr), letterLeft, letterWidth, 6, false)
		case PartClosing:
			// the closing, room for a handwritten signature and the
			// signer stay together (and may start a page: holding the
			// last lines of the text with them moved 45 mm to a page of
			// its own)
			n := len(b.blocks)
			b.lines(b.s.set(p.Text, letterBody, letterWidth, tr), letterLeft, letterWidth, 6, b.doc.Signer != "")
			if enc := b.enclosure(tr); enc != nil && len(b.blocks) > n {
				first := b.blocks[n]
				draw := first.draw
				first.draw = func(pg *Page, y float64) { draw(pg, y); enc(pg, y) }
			}
			if b.doc.Signer != "" {
				sig := b.s.set(b.doc.Signer, letterBody, letterWidth, false)
				if tr {
					sig.rtl = b.doc.RTL
				}
				b.add(&block{h: sig.height(), gap: signatureRoom, draw: func(pg *Page, y float64) { sig.draw(pg, letterLeft, y, letterWidth) }})
			}
		case PartList:
			if p.Text != "" {
				b.lines(b.s.set(p.Text, letterBody, letterWidth, tr), letterLeft, letterWidth, 6, true)
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

// enclosure returns how to draw the enclosure note beside the closing,
// where DIN 5008 allows it (from 125 mm, level with the closing's first
// line; in a right-to-left translation mirrored, at the left), or nil.
func (b *letterBuilder) enclosure(tr bool) func(pg *Page, y float64) {
	str := b.doc.Enclosure.DE
	if tr {
		str = b.doc.Enclosure.TR
	}
	if str == "" {
		return nil
	}
	w := PageWidth - infoX - letterRight
	enc := b.s.set(str, letterEnclosure, w, tr)
	x := infoX
	if enc.rtl {
		x = letterLeft
	}
	return func(pg *Page, y float64) { enc.draw(pg, x, y, w) }
}

// lines adds a paragraph one line per block, so that it may break across
// pages, never leaving one line alone; with keep, the whole paragraph
// stays with what follows.
func (b *letterBuilder) lines(p para, x, w, gap float64, keep bool) {
	n := len(p.lines)
	for i, l := range p.lines {
		one := p.line(i)
		g := 0.0
		if i == 0 {
			g = gap
		}
		b.add(&block{h: l.Ascent + l.Descent, gap: g, keep: keep || i == 0 || i == n-2, draw: func(pg *Page, y float64) { one.draw(pg, x, y, w) }})
	}
}

// bullet adds a list item: a bullet at the start of the reading
// direction, the text indented beside it.
func (b *letterBuilder) bullet(item string, tr, first bool) {
	const indent = 14
	p := b.s.set(item, letterItem, letterWidth-indent, tr)
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
