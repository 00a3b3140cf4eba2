package layout

// block is an unbreakable piece of a page's flow: a row of fields, a line
// of a paragraph, a table row.
type block struct {
	h    float64 // height
	gap  float64 // space before it, dropped at the top of a page
	keep bool    // keep on the same page as the next block
	// tie keeps it on the same page as the next block as long as the
	// blocks so tied fit on a page: a signature's declaration, a
	// follow-up's question. A tied chain longer than a page falls back to
	// keep alone.
	tie bool
	// head is drawn first when this block starts a page: a table's label
	// and header row above its continued rows.
	head *block
	draw func(p *Page, y float64)
}

// frame is the part of a page the flow fills.
type frame struct {
	top, bottom float64
}

// paginate places blocks on pages. A chain of blocks tied by keep (and
// tie) moves to the next page together when it does not fit. A chain
// longer than a page ends on a page of its own with as much of it as fits
// there (the end of a declaration with its signature), starting where keep
// allows; before that, its blocks flow as keep alone allows.
func paginate(blocks []*block, first, rest frame) []*Page {
	p := &pager{rest: rest, full: rest.bottom - rest.top, loose: -1, breakAt: -1}
	p.start(first)
	for i, b := range blocks {
		if i == p.breakAt && !p.atTop() {
			p.start(rest)
		}
		gap := b.gap
		if p.atTop() {
			gap = 0
		}
		if p.breaksBefore(b, gap, p.chain(blocks, i, gap)) {
			p.start(rest)
			gap = 0
		}
		p.place(b, gap)
	}
	return p.pages
}

// pager is the state of paginate: the page being filled and how far.
type pager struct {
	pages []*Page
	page  *Page
	fr    frame   // the page's frame
	rest  frame   // the frame of every page but the first
	full  float64 // the height of rest
	y     float64 // where the next block goes
	// blocks up to index loose are in a tied chain too long for a page,
	// and the page breaks before the one at breakAt
	loose, breakAt int
}

// start starts a new page with frame fr.
func (p *pager) start(fr frame) {
	p.page = &Page{}
	p.pages = append(p.pages, p.page)
	p.fr = fr
	p.y = fr.top
}

// atTop reports whether nothing has been placed on the page yet.
func (p *pager) atTop() bool { return p.y == p.fr.top }

// chain returns the height of the chain of blocks starting at i, gap
// before it. A chain tied by tie that is too long for a page even alone
// counts as tied by keep only: its blocks break as keep allows, not at
// the first that fits on a page of its own, and its end goes on a page
// of its own from breakAt on.
func (p *pager) chain(blocks []*block, i int, gap float64) float64 {
	if i <= p.loose {
		return chainHeight(blocks, i, gap, false)
	}
	h := chainHeight(blocks, i, gap, true)
	if h <= p.full {
		return h
	}
	p.loose = tiedEnd(blocks, i)
	p.breakAt = tail(blocks, i, p.loose, p.full)
	return chainHeight(blocks, i, gap, false)
}

// breaksBefore reports whether block b, gap before it, goes to the next
// page because the chain it starts, chain high, does not fit on this one:
// not at the top of a page, and for a chain longer than a page only when
// b itself does not fit.
func (p *pager) breaksBefore(b *block, gap, chain float64) bool {
	if p.y+chain <= p.fr.bottom || p.atTop() {
		return false
	}
	return chain <= p.full || p.y+gap+b.h > p.fr.bottom
}

// place draws block b gap below what the page holds, under its head if
// it starts the page.
func (p *pager) place(b *block, gap float64) {
	if p.atTop() && b.head != nil {
		b.head.draw(p.page, p.y)
		p.y += b.head.h
	}
	p.y += gap
	b.draw(p.page, p.y)
	p.y += b.h
}

// chainHeight is the height of blocks[i] with gap before it and of the
// blocks that follow it tied by keep, or when tied is set by keep or tie.
func chainHeight(blocks []*block, i int, gap float64, tied bool) float64 {
	chain := gap + blocks[i].h
	for j := i; j < len(blocks)-1 && (blocks[j].keep || tied && blocks[j].tie); j++ {
		chain += blocks[j+1].gap + blocks[j+1].h
	}
	return chain
}

// tiedEnd returns the index of the last block of the chain tied by keep
// or tie that starts at i.
func tiedEnd(blocks []*block, i int) int {
	for i < len(blocks)-1 && (blocks[i].keep || blocks[i].tie) {
		i++
	}
	return i
}

// tail returns the first block k of blocks[from:to+1] from which on the
// rest fits on a page and before which keep allows a break; -1 if none.
func tail(blocks []*block, from, to int, full float64) int {
	best := -1
	h := 0.0
	for k := to; k > from; k-- {
		h += blocks[k].h
		if h > full {
			break
		}
		if !blocks[k-1].keep {
			best = k
		}
		h += blocks[k].gap
	}
	return best
}
