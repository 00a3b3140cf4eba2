package layout

// block is an unbreakable piece of a page's flow: a row of fields, a line
// of a paragraph, a table row.
type block struct {
	h    float64 // height
	gap  float64 // space before it, dropped at the top of a page
	keep bool    // keep on the same page as the next block
	// head is drawn first when this block starts a page: a table's label
	// and header row above its continued rows.
	head *block
	draw func(p *Page, y float64)
}

// frame is the part of a page the flow fills.
type frame struct {
	top, bottom float64
}

// paginate places blocks on pages. A chain of blocks tied by keep moves
// to the next page together when it does not fit, unless the chain is
// longer than a page, in which case it breaks where it must.
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
	for i, b := range blocks {
		gap := b.gap
		if atTop() {
			gap = 0
		}
		// height of the chain starting here
		chain := gap + b.h
		for j := i; j < len(blocks)-1 && blocks[j].keep; j++ {
			chain += blocks[j+1].gap + blocks[j+1].h
		}
		full := rest.bottom - rest.top
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
