package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"formgen/internal/layout"
)

// elem is a structure element of the tagged PDF.
type elem struct {
	role   string
	attrs  string // more entries of its dictionary
	lang   string
	parent *elem
	kids   []kid
	page   int // page of its first content, from 1; 0 for none
	num    int // object number, given when written
}

// kid is a child of an element: another element, or a marked-content
// sequence (page, MCID) of a page's content.
type kid struct {
	el         *elem
	w          *widget // a form field's widget annotation
	page, mcid int
}

// tagger builds the structure tree while the pages are drawn: every text
// the layout says is content becomes a marked-content sequence with an
// MCID, in an element for its paragraph; everything else (rules, boxes,
// header, footer, the legend) is marked as an artifact.
type tagger struct {
	pdf   *fpdf.Fpdf
	doc   *elem
	sect  *elem         // the section being filled, or nil
	paras map[int]*elem // by layout paragraph
	page  int
	// parents lists, per page (from 0), the element of each MCID
	parents [][]*elem
	open    string // the sequence open: "content", "artifact KIND", or "" for none
	cur     *elem  // the element of the content open
	fields  fields
	height  float64 // of the pages
	// the table being filled, its current row and that row's number (0
	// for the header row)
	table, row *elem
	rowNum     int
}

func newTagger(pdf *fpdf.Fpdf, height float64) *tagger {
	return &tagger{pdf: pdf, doc: &elem{role: "Document"}, paras: map[int]*elem{}, height: height}
}

// field adds a form field at the current place of the reading order: a
// Form element that holds its widget annotation.
func (t *tagger) field(f layout.Field) {
	t.end()
	w := t.fields.add(f, t.page)
	el := &elem{role: "Form", page: t.page, kids: []kid{{w: w}}}
	w.form = el
	if f.Row > 0 && t.table != nil {
		// a table's cell: a TD of its row
		if f.Row != t.rowNum {
			t.row, t.rowNum = &elem{role: "TR"}, f.Row
			t.add(t.table, t.row)
		}
		td := &elem{role: "TD"}
		t.add(t.row, td)
		t.add(td, el)
		return
	}
	t.table = nil
	t.add(t.parent(), el)
}

// parent is the element new content goes into: the open section, or the
// document.
func (t *tagger) parent() *elem {
	if t.sect != nil {
		return t.sect
	}
	return t.doc
}

func (t *tagger) add(parent, el *elem) {
	el.parent = parent
	parent.kids = append(parent.kids, kid{el: el})
}

// onlyHeadings reports whether the open section holds nothing but its
// headings so far.
func (t *tagger) onlyHeadings() bool {
	if t.sect == nil {
		return false
	}
	for _, k := range t.sect.kids {
		if k.el == nil || k.el.role != string(layout.RoleH2) {
			return false
		}
	}
	return true
}

// startPage begins the next page.
func (t *tagger) startPage() {
	t.page++
	t.parents = append(t.parents, nil)
}

// artifact opens a sequence of page furniture of the given kind
// ("Header", "Footer", or "" for other furniture), closing what is open.
func (t *tagger) artifact(kind string) {
	if t.open == "artifact "+kind {
		return
	}
	t.end()
	switch kind {
	case "":
		t.pdf.RawWriteStr("/Artifact BMC")
	default:
		t.pdf.RawWriteStr("/Artifact <</Type /Pagination /Subtype /" + kind + ">> BDC")
	}
	t.open = "artifact " + kind
}

// end closes the artifact sequence open, if any.
func (t *tagger) end() {
	if t.open != "" {
		t.pdf.RawWriteStr("EMC")
		t.open = ""
	}
}

// text begins the marked content of a line of text, with an ActualText
// span over it when actual is not ""; the caller draws it and calls end.
// A line of page furniture is an artifact (and the caller writes its
// span).
func (t *tagger) text(tl layout.TextLine, actual string) {
	switch tl.Role {
	case layout.RoleHeader, layout.RoleFooter:
		t.artifact(string(tl.Role))
		return
	case layout.RoleArtifact, "":
		t.artifact("")
		return
	}
	t.end()
	props := ""
	if actual != "" {
		props = "/ActualText <" + utf16Hex(actual) + ">"
	}
	t.content(t.element(tl), props)
}

// element returns the structure element of a line of content, made on
// the paragraph's first line.
func (t *tagger) element(tl layout.TextLine) *elem {
	el := t.paras[tl.Para]
	if el == nil || tl.Para == 0 {
		el = &elem{role: string(tl.Role), lang: tl.Lang}
		if tl.Role != layout.RoleTH {
			t.table = nil
		}
		switch tl.Role {
		case layout.RoleTH:
			t.headerCell(el, tl.Lang)
		case layout.RoleH2:
			// a section's title opens its section; its translation
			// follows it there
			if !t.onlyHeadings() {
				t.sect = &elem{role: "Sect"}
				t.add(t.doc, t.sect)
			}
			t.add(t.sect, el)
		case layout.RoleH1:
			t.sect = nil
			t.add(t.doc, el)
		case layout.RoleLI:
			t.item(el)
		default:
			if t.sect != nil {
				t.add(t.sect, el)
			} else {
				t.add(t.doc, el)
			}
		}
		t.paras[tl.Para] = el
	}
	return el
}

// headerCell places the column header el, in language lang: a column
// header opens a table, with its header row.
func (t *tagger) headerCell(el *elem, lang string) {
	if t.table == nil {
		t.table = &elem{role: "Table"}
		t.add(t.parent(), t.table)
		t.row, t.rowNum = &elem{role: "TR"}, 0
		t.add(t.table, t.row)
	}
	// one header cell per column: the translation of the German title
	// goes into its cell, as a Span in its language
	if n := len(t.row.kids); n > 0 {
		if last := t.row.kids[n-1].el; last != nil && last.role == "TH" && last.lang == "de" && lang != "de" && len(last.kids) > 0 && last.kids[len(last.kids)-1].el == nil {
			el.role = "Span"
			t.add(last, el)
			return
		}
	}
	el.attrs = "/A <</O /Table /Scope /Column>>"
	t.add(t.row, el)
}

// item puts el, a paragraph of a list item's text, into the list: L, LI,
// LBody, P. A list goes on while its items follow each other in the
// reading order; the translation of an item that follows its German goes
// into the German's LBody, so that a screen reader reads each item in
// German and then in the reader's language.
func (t *tagger) item(el *elem) {
	el.role = string(layout.RoleP)
	parent := t.parent()
	var list *elem
	if n := len(parent.kids); n > 0 && parent.kids[n-1].el != nil && parent.kids[n-1].el.role == "L" {
		list = parent.kids[n-1].el
	} else {
		list = &elem{role: "L", attrs: "/A <</O /List /ListNumbering /Disc>>"}
		t.add(parent, list)
	}
	if n := len(list.kids); n > 0 && el.lang != "de" {
		body := list.kids[n-1].el.kids[0].el
		if len(body.kids) == 1 && body.kids[0].el.lang == "de" {
			t.add(body, el)
			return
		}
	}
	li, body := &elem{role: "LI"}, &elem{role: "LBody"}
	t.add(list, li)
	t.add(li, body)
	t.add(body, el)
}

// content opens a marked-content sequence of element el, with more
// entries for its properties (an ActualText).
func (t *tagger) content(el *elem, props string) {
	if el.page == 0 {
		el.page = t.page
	}
	mcid := len(t.parents[t.page-1])
	t.parents[t.page-1] = append(t.parents[t.page-1], el)
	el.kids = append(el.kids, kid{page: t.page, mcid: mcid})
	tag := el.role
	if props != "" {
		// poppler reads an ActualText only in a Span
		tag, props = "Span", " "+props
	}
	t.pdf.RawWriteStr("/" + tag + " <</MCID " + strconv.Itoa(mcid) + props + ">> BDC")
	t.open = "content"
	t.cur = el
}

// split ends the marked content open and opens the next of the same
// element, with more properties.
func (t *tagger) split(props string) {
	t.pdf.RawWriteStr("EMC")
	t.content(t.cur, props)
}

// objects returns the structure tree as PDF objects numbered from first
// on, with the catalog's and the pages' entries for it.
func (t *tagger) objects(page func(int) int, first int) fpdf.ExtraObjects {
	var all []*elem
	var number func(el *elem)
	number = func(el *elem) {
		el.num = first + 2 + len(all) // after the root and the parent tree
		all = append(all, el)
		for _, k := range el.kids {
			if k.el != nil {
				number(k.el)
			}
		}
	}
	t.doc.lang = "de"
	number(t.doc)
	root, tree := first, first+1
	for i, w := range t.fields.widgets {
		w.key = len(t.parents) + i
	}
	next := first + 2 + len(all)
	formObjs, acroForm, annots := t.fields.objects(page, &next, t.height)
	out := fpdf.ExtraObjects{Pages: map[int]string{}}
	out.Objects = append(out.Objects,
		fmt.Sprintf("<</Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R /ParentTreeNextKey %d>>", t.doc.num, tree, len(t.parents)+len(t.fields.widgets)))
	out.Objects = append(out.Objects, t.parentTree(annots, out.Pages))
	for _, el := range all {
		out.Objects = append(out.Objects, elemObject(el, root, page))
	}
	out.Objects = append(out.Objects, formObjs...)
	// fpdf writes the header of PDF 1.3; tags, form fields and metadata
	// as written here are PDF 1.7's (ISO 32000-1), on which PDF/UA-1
	// rests: the catalog's /Version says so
	out.Catalog = fmt.Sprintf("/Version /1.7 /MarkInfo <</Marked true>> /StructTreeRoot %d 0 R /ViewerPreferences <</DisplayDocTitle true>>", root)
	if acroForm != "" {
		out.Catalog += " " + acroForm
	}
	return out
}

// parentTree returns the parent tree: the elements of each page's marked
// content, and each widget's field; it sets each page's entries in pages,
// with the annotations annots of each page.
func (t *tagger) parentTree(annots map[int][]int, pages map[int]string) string {
	nums := make([]byte, 0, 64+16*len(t.fields.widgets))
	nums = append(nums, "<</Nums ["...)
	var entries []byte
	for i, els := range t.parents {
		nums = strconv.AppendInt(nums, int64(i), 10)
		nums = append(nums, " ["...)
		for j, el := range els {
			if j > 0 {
				nums = append(nums, ' ')
			}
			nums = appendRef(nums, el.num)
		}
		nums = append(nums, "] "...)
		entries = append(entries[:0], "/StructParents "...)
		entries = strconv.AppendInt(entries, int64(i), 10)
		entries = append(entries, " /Tabs /S"...)
		if ns := annots[i+1]; len(ns) > 0 {
			entries = append(entries, " /Annots ["...)
			for j, n := range ns {
				if j > 0 {
					entries = append(entries, ' ')
				}
				entries = appendRef(entries, n)
			}
			entries = append(entries, ']')
		}
		pages[i+1] = string(entries)
	}
	for _, w := range t.fields.widgets {
		nums = strconv.AppendInt(nums, int64(w.key), 10)
		nums = append(nums, ' ')
		nums = appendRef(nums, w.form.num)
		nums = append(nums, ' ')
	}
	nums = append(nums, "]>>"...)
	return string(nums)
}

// appendRef appends a reference to object n, "n 0 R".
func appendRef(b []byte, n int) []byte {
	b = strconv.AppendInt(b, int64(n), 10)
	return append(b, " 0 R"...)
}

// elemObject returns the object of a structure element; root is the
// structure tree root's object number, page that of a page by number. A
// form has a thousand elements: written without fmt.
func elemObject(el *elem, root int, page func(int) int) string {
	b := make([]byte, 0, 64+12*len(el.kids))
	// /Type /StructElem is optional, and a language is given where it
	// differs from the parent's: both inherit
	b = append(b, "<</S /"...)
	b = append(b, el.role...)
	b = append(b, " /P "...)
	if el.parent != nil {
		b = appendRef(b, el.parent.num)
	} else {
		b = appendRef(b, root)
	}
	if el.page > 0 {
		b = append(b, " /Pg "...)
		b = appendRef(b, page(el.page))
	}
	if el.attrs != "" {
		b = append(b, ' ')
		b = append(b, el.attrs...)
	}
	if el.lang != "" && el.lang != inheritedLang(el.parent) {
		b = append(b, " /Lang "...)
		b = append(b, pdfString(el.lang)...)
	}
	b = append(b, " /K "...)
	if len(el.kids) != 1 {
		b = append(b, '[')
	}
	for i, k := range el.kids {
		if i > 0 {
			b = append(b, ' ')
		}
		switch {
		case k.el != nil:
			b = appendRef(b, k.el.num)
		case k.w != nil:
			// the page is the element's, unless it says otherwise
			b = append(b, "<</Type /OBJR /Obj "...)
			b = appendRef(b, k.w.num)
			if k.w.page != el.page {
				b = append(b, " /Pg "...)
				b = appendRef(b, page(k.w.page))
			}
			b = append(b, ">>"...)
		case k.page == el.page:
			b = strconv.AppendInt(b, int64(k.mcid), 10)
		default:
			b = append(b, "<</Type /MCR /Pg "...)
			b = appendRef(b, page(k.page))
			b = append(b, " /MCID "...)
			b = strconv.AppendInt(b, int64(k.mcid), 10)
			b = append(b, ">>"...)
		}
	}
	if len(el.kids) != 1 {
		b = append(b, ']')
	}
	b = append(b, ">>"...)
	return string(b)
}

// pdfString writes s as a PDF literal string: its ASCII characters as
// they are, other text as UTF-16 with a byte order mark, its bytes written
// raw (half the size of hexadecimal), with the bytes a literal string
// cannot hold as they are escaped.
func pdfString(s string) string {
	raw := s
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			u := utf16.Encode([]rune(s))
			b := make([]byte, 2, 2+2*len(u))
			b[0], b[1] = 0xFE, 0xFF
			for _, c := range u {
				b = append(b, byte(c>>8), byte(c))
			}
			raw = string(b)
			break
		}
	}
	var out strings.Builder
	out.WriteByte('(')
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '(', ')', '\\':
			out.WriteByte('\\')
			out.WriteByte(c)
		case '\r':
			out.WriteString(`\r`)
		case '\n':
			out.WriteString(`\n`)
		default:
			out.WriteByte(c)
		}
	}
	out.WriteByte(')')
	return out.String()
}

// inheritedLang is the language an element's kids inherit from it.
func inheritedLang(el *elem) string {
	for ; el != nil; el = el.parent {
		if el.lang != "" {
			return el.lang
		}
	}
	return ""
}
