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
	var pages []*Page
	page := &Page{}
	pages = append(pages, page)
	fr := first
	y := fr.top
	newPage := func() {
		page = &Page{}
		pages = append(pages, page)
		fr = rest
		y = fr.top
	}
	atTop := func() bool { return y == fr.top }
	loose := -1   // blocks up to this index are in a tied chain too long for a page
	breakAt := -1 // … and the page breaks before this one
	for i, b := range blocks {
		if i == breakAt && !atTop() {
			newPage()
		}
		gap := b.gap
		if atTop() {
			gap = 0
		}
		// height of the chain starting here
		length := func(tied bool) float64 {
			chain := gap + b.h
			for j := i; j < len(blocks)-1 && (blocks[j].keep || tied && blocks[j].tie); j++ {
				chain += blocks[j+1].gap + blocks[j+1].h
			}
			return chain
		}
		full := rest.bottom - rest.top
		chain := length(true)
		if i <= loose {
			chain = length(false)
		} else if chain > full {
			// too long for a page even alone: its blocks break as keep
			// allows, not at the first that fits on a page of its own
			chain = length(false)
			for loose = i; loose < len(blocks)-1 && (blocks[loose].keep || blocks[loose].tie); loose++ {
			}
			breakAt = tail(blocks, i, loose, full)
		}
		if y+chain > fr.bottom && !atTop() && (chain <= full || y+gap+b.h > fr.bottom) {
			newPage()
			gap = 0
		}
		if atTop() && b.head != nil {
			b.head.draw(page, y)
			y += b.head.h
		}
		y += gap
		b.draw(page, y)
		y += b.h
	}
	return pages
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
