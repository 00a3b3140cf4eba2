// Package pdf writes laid-out documents as PDF through fpdf, and is the only
// package that imports it.
//
// fpdf cannot shape text, so it never sees any: the text layer hands over
// positioned glyphs, and this package
//
//   - builds, per document and weight, one TrueType font holding exactly the
//     glyphs used, merged from every face of the stack (Latin, Arabic,
//     Ethiopic …), embedded under a subset name (ABCDEF+NotoSans-Regular,
//     the faces' PostScript names joined by "_" when several are merged);
//   - gives every use of a glyph (a glyph standing for one text) a
//     character code: the character itself where the glyph is the font's
//     own glyph for it, else a code of the Private Use Area; a glyph that
//     stands for two texts gets two codes;
//   - writes the font's ToUnicode map, which tells every reader the text of
//     each code: a joined Arabic form its letter, a ligature all its
//     letters, a mark its mark, a space a space;
//   - draws glyphs in the order they are read (the encoding below), one
//     text object per stretch at one height: fpdf's Text where the font's
//     own advances reproduce the positions, else TextTJ (a patch), whose
//     TJ numbers move the pen, back in a right-to-left run;
//   - wraps in an ActualText span what the map and the drawing order cannot
//     say to poppler: each line that holds right-to-left text, and in
//     other lines a cluster whose glyphs the map cannot share its text
//     among.
//
// # The text layer: what each viewer reads
//
// The four viewers tested (TestTextLayerViewers in internal/render,
// TestTextLayerPDFJS here) read text differently. MuPDF 1.21 (mutool
// draw -F txt) lists the characters in the order they are drawn and does
// no bidi; it ignores ActualText. pdf.js (Firefox's viewer) ignores
// ActualText too and joins glyphs into pieces of text while the pen moves
// forward; a piece that holds right-to-left letters it reverses (its bidi
// step), and it starts a new piece, with no space, where the pen moves
// back more than a fifth of an em; a glyph whose text begins with a space
// it passes over without noting where it ends, and it drops every glyph
// whose text ends in an invisible format character (U+200C, the
// zero width non-joiner of Persian, among them). poppler (pdftotext,
// Evince, Okular) places glyphs by where they stand, not by drawing
// order, reads an ActualText span as the text of the place its glyphs
// cover, from the left, and then orders each line by a rule of its own
// (popplerOrder) that depends on whether the text it reads is mostly
// left-to-right. PDFium (the engine of Chrome's, Edge's and Android's
// viewers) reads the glyphs of a text object in drawing order and
// takes them for characters standing from the left; it reads an
// ActualText span (of any tag, the innermost) as the text of the first
// text object it covers, also as standing from the left, joins all text
// on one baseline into one line and orders it by its own rule
// (pdfiumOrder). So:
//
//   - a right-to-left run is drawn from its right, cluster by cluster, and
//     a line's runs in the order they are read: MuPDF reads the text in
//     logical order; pdf.js makes each glyph a piece of its own (the pen
//     moves back), which gives the same order;
//   - the space between right-to-left words has the text U+200B U+0020
//     (a zero width space, then the space): pdf.js then notes where it
//     ends and sets a space before the next word; MuPDF and pdf.js give
//     the zero width space in the text (words are split there as at a
//     space);
//   - a vowel mark of a right-to-left run is set with fpdf's TextScaled (a
//     patch): in twice the font size, scaled back by the text matrix, so
//     the page is the same; pdf.js, which adds a mark to the piece of text
//     before it (and would reverse the two), starts a piece of text of its
//     own where the font size changes, and reads the mark after its
//     letter;
//   - a glyph of several letters (a ligature, the Allah ligature) in a
//     right-to-left run stands for its first letter, and an empty glyph of
//     no advance (the face's zero width space glyph, the carrier) drawn
//     after it for each further letter, left of where pdf.js would join
//     it to the ligature, so that MuPDF and pdf.js read the letters in
//     order; a face without such a glyph gets the letters reversed (pdf.js
//     reverses them back);
//   - a line that holds right-to-left text is one ActualText span, whose
//     text is the line's logical text put in the order poppler's rule
//     turns back into it (popplerOrder), for the direction of the page's
//     text as poppler counts it (pageLR). The line ends with a carrier
//     standing for a zero width space and a space, at its end edge, so
//     that MuPDF and pdf.js do not join its last word to a text on the
//     same baseline (a value beside its label) and the span ends in the
//     line's main font size (else poppler splits a paragraph into
//     blocks); a line that begins with a stretch against its paragraph's
//     direction gets a carrier (a zero width space) at its start edge too,
//     so that the span covers the line.
//     Only spaces and punctuation next to digits and Latin words may
//     change places;
//   - where PDFium's rule would not turn poppler's text back (a slash, a
//     full stop or a Latin word between right-to-left words), an inner
//     span "/BidiText <</ActualText …>> BDC", which poppler does not read
//     (it reads ActualText in a Span only), gives PDFium the line's text
//     in the order its rule turns back. Neither span can be in logical
//     order: poppler and PDFium both read a logical span reversed (44 of
//     802 Arabic words of the residence permit form, each). Readers that
//     take a span's text as written (Acrobat, as the standard describes
//     it; untested here) would get a right-to-left line reversed;
//     pdfinfo -struct-text reads the glyphs and gives each line in
//     logical order;
//   - PDFium reads lines drawn one after another on one baseline (a
//     label and its value, a German heading and its translation beside
//     it) as one line and orders them together, so where PDFium surely
//     joins them (baselines less than a tenth of an em apart, see
//     baseline.go) they are ordered together (pageSpans): the lines in
//     the order a reader of the joined line meets them (from the right
//     where PDFium counts it right-to-left, else from the left), in
//     pdfiumOrder, cut where the spaces between the lines land; a line
//     whose part is not what PDFium reads of it anyway gets a /BidiText
//     with it, a line without right-to-left text (a Latin value, a
//     German heading) too, and the space between two lines goes into
//     one of them (PDFium makes none after a line's end carrier). Lines
//     with a vowel mark off the baseline are ordered alone unless they
//     are drawn from the left: PDFium then reads them out of order.
//
// Measured on the residence permit form (ar, fa, ps, ckb, uk, ti): poppler,
// pdf.js and MuPDF each give every German and every translated word and
// every translated line with its words in logical order; pdf.js gives
// Persian words without their zero width non-joiners (804 of 850 fa words
// as written). PDFium gives every word, and, line by line, every
// translated line with its words together and in logical order (ar
// 192/192, fa 184/184, ps 190/190, ckb 199/199) and every other line but
// 1 of 210 in ar and 2 of 201 in fa, German options beside a translation
// with vowel marks off the baseline. With lines ordered each alone it
// gave 191/192 ar, 184/184 fa, 189/190 ps and 198/199 ckb translated
// lines and 198/210, 184/201, 187/202 and 196/208 others (before the
// inner spans: 164/192 ar lines). In the letters and sheets
// (belehrung_info, datenschutz, einladung) PDFium gives every line,
// translated or not, in logical order in all four locales (ordered each
// alone: 57/64 translated lines of the Arabic data protection sheet,
// 67/72 Persian, 77/78 Pashto, 66/71 Sorani; a Latin value beside its
// Arabic label in reverse). Poppler gives every text of every shipped
// form and letter
// in every locale in logical order (TestEveryLocaleEndToEnd,
// TestEveryTemplateEndToEnd) when it reads whole pages; a crop of a
// right-to-left column alone (pdftotext -x) reads as mostly right-to-left
// and gets a line's stretches in visual order. Encodings measured before
// this one (words of
// the form, ar/fa/ps, poppler · pdf.js · MuPDF): runs drawn as they look
// with ActualText per word that needs it: 100 · 98/94/100 · 5/7/16 %,
// 167/161/162 of 192/184/190 translated lines in logical order with
// poppler; runs drawn from their right, nothing else changed: 89/92/98 ·
// 18/15/13 · 100 %;
// words as they look, each from its right: 100 · 100/94/99 · 100 %, words
// in visual order with pdf.js and MuPDF.
//
// fpdf then subsets and embeds those small fonts as usual; small patches
// (third_party/fpdf/PATCHES.md) let it take the subset name and the
// ToUnicode map, and write a TJ.
//
// # Tags
//
// Every document is a tagged PDF (PDF/UA-1 in intent). The layout says of
// each line of text what it is (layout.Role: H1, H2, H3, P, or header,
// footer and other furniture), its language and which paragraph it is
// of; the rest of the page (rules, boxes, circles) is furniture. While the
// pages are drawn, the tagger wraps
//
//   - each line of content in a marked-content sequence
//     "/P <</MCID n>> BDC … EMC" whose tag is its element's role, with
//     MCIDs counted per page; the lines of one paragraph are the kids of
//     one structure element, which carries the /Lang of the text (de, or
//     the translation's tag). Where a right-to-left word needs an
//     ActualText span, the line's sequence is split there and the span is
//     a sequence of the same element with its own MCID and /ActualText,
//     tagged /Span (the only tag whose ActualText poppler reads), not
//     nested in it (poppler ends an element's content at the first EMC);
//   - each stretch of furniture in "/Artifact BMC … EMC", header and
//     footer as pagination artifacts
//     ("/Artifact <</Type /Pagination /Subtype /Footer>> BDC").
//
// The elements form a tree under a Document element (/Lang de): a title
// (H1) and paragraphs, then one Sect per section, opened by the section's
// heading in German and its translation. A table's column titles (role
// TH) open a Table with a header row of TH cells (/Scope /Column), each
// holding the German title and its translation as a Span; its fields'
// rows (layout.Field.Row) follow as TR of TD cells, each holding the
// field's Form element. The texts of a list's items (role LI) form an L
// (/ListNumbering /Disc) of LI elements, each an LBody holding the German
// item's P and the translation's after it. Reading order is content order:
// the German text, then its translation, item by item. When fpdf writes
// the pages, the structure tree is added through the patch's
// SetExtraObjects: the StructTreeRoot, the ParentTree (per page, the
// element of each MCID; each page has /StructParents and /Tabs /S) and one
// object per element, with /Pg and its kids (MCIDs on the element's first
// page, MCR dictionaries on later ones). The catalog gets /MarkInfo
// <</Marked true>>, /StructTreeRoot, /Lang (de), /ViewerPreferences
// <</DisplayDocTitle true>> and /Version /1.7 (fpdf's header says 1.3;
// what is written here is PDF 1.7's, on which PDF/UA-1 rests); XMP metadata (dc:title, pdfuaid:part 1, the
// dates of the document information) goes through fpdf's
// SetXmpMetadata.
//
// # Form fields
//
// A blank form's layout puts a layout.Field over each place to fill in;
// unless Options.Flat, each becomes an AcroForm field, written with the
// structure tree through SetExtraObjects:
//
//   - a text field (/FT /Tx; /Ff Multiline for several lines, Comb and
//     DoNotScroll with /MaxLen for digit boxes and dates), a check box
//     (/FT /Btn, on state /Yes) or a signature field (/FT /Sig) is one
//     object, field and widget annotation merged; a single choice is a
//     radio group (/Ff Radio NoToggleToOff) whose kids are the widgets,
//     one per option, the option's id as on state; a date is a field
//     whose kids are comb fields (field and widget merged) named day,
//     month and year, each exactly over its group of boxes with /MaxLen
//     its boxes, so that a viewer sets each digit in its box
//     (birth_date.day, layout.Field.Parent);
//   - /T is the field's data path (birth_date, family[2].birth_date,
//     signature.place; a box of a multiple choice adds the option:
//     purpose.employment), /TU the label in German and translation, /Ff
//     Required for required fields, /Rect the box the page draws;
//   - every widget has appearance streams: empty ones for text (the page
//     draws the box), and for check boxes and radio buttons the cross and
//     dot a pre-filled copy prints, in its colour; typed text is set in
//     Noto Sans, embedded (/DA, /DR in the /AcroForm dictionary; the
//     empty text appearances name it too): a simple TrueType font of 255
//     Latin characters, WinAnsiEncoding with /Differences for the letters
//     of Latin Extended-A, since pdftk fills fields with simple fonts
//     only (fieldfont.go says which letters);
//   - each widget has /StructParent, and sits in a Form structure element
//     (an OBJR kid) at its place in the reading order; the page lists the
//     widgets in /Annots, with /Tabs /S.
package pdf

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"formgen/internal/layout"
	"formgen/internal/text"
)

// Fonts holds the font files parsed for subsetting; share one across all
// documents of a process so that each font is parsed once.
type Fonts struct {
	mu     sync.Mutex
	parsed map[*text.Face]*sfnt
	field  map[*text.Face]*fieldFont // the form fields' font, made from a face
}

// NewFonts returns an empty font cache.
func NewFonts() *Fonts { return &Fonts{parsed: make(map[*text.Face]*sfnt)} }

func (fs *Fonts) get(f *text.Face) (*sfnt, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if s, ok := fs.parsed[f]; ok {
		return s, nil
	}
	data, err := f.Bytes()
	if err != nil {
		return nil, err
	}
	s, err := parseSFNT(f.File, data)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", f.File, err)
	}
	fs.parsed[f] = s
	return s, nil
}

// Options control what does not come from the layout.
type Options struct {
	// Date is written as the creation and modification date, so that the
	// same inputs give the same bytes.
	Date time.Time
	// Producer names the program in the document information.
	Producer string
	// Flat leaves out the form fields: a blank form to print, not to fill
	// in on a screen.
	Flat bool
}

// firstPUA and lastPUA bound the codes given to glyphs that stand for no
// single character.
const (
	firstPUA = 0xE000
	lastPUA  = 0xF8FF
)

// Write renders doc as PDF to w. Nothing is written to w when an error is
// returned.
func Write(w io.Writer, doc *layout.Document, fonts *Fonts, opt Options) error {
	pl, err := planFonts(doc, fonts)
	if err != nil {
		return err
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: doc.Width, Ht: doc.Height},
	})
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	if !opt.Date.IsZero() {
		pdf.SetCreationDate(opt.Date)
		pdf.SetModificationDate(opt.Date)
	}
	setInfo(pdf, doc.Info, opt)
	if err := embedFonts(pdf, pl); err != nil {
		return err
	}

	tags := newTagger(pdf, doc.Height)
	e := emitter{pdf: pdf, plan: pl, tags: tags}
	for _, page := range doc.Pages {
		pdf.AddPage()
		tags.startPage()
		e.font, e.size = nil, 0
		spans := pageSpans(page.Items, pageLR(page.Items))
		for i, it := range page.Items {
			e.item(it, spans[i], opt)
		}
		tags.end()
	}
	if len(tags.fields.widgets) > 0 {
		faces := make([]*text.Face, 0, len(pl.faces))
		for f := range pl.faces {
			faces = append(faces, f)
		}
		if tags.fields.font, err = fieldFontFor(faces, fonts); err != nil {
			return err
		}
	}
	pdf.SetExtraObjects(tags.objects)
	pdf.SetXmpMetadata(xmp(doc.Info, opt))
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// setInfo writes the document information and the document's language.
func setInfo(pdf *fpdf.Fpdf, info layout.Info, opt Options) {
	pdf.SetTitle(info.Title, true)
	pdf.SetSubject(info.Subject, true)
	pdf.SetAuthor(info.Author, true)
	pdf.SetCreator(info.Creator, true)
	pdf.SetKeywords(info.Keywords, true)
	if opt.Producer != "" {
		pdf.SetProducer(opt.Producer, true)
	}
	if info.Lang != "" {
		pdf.SetLang(info.Lang)
	}
}

// embedFonts embeds the subset of each font of the plan pl, in a fixed
// order: same inputs, same bytes.
func embedFonts(pdf *fpdf.Fpdf, pl *plan) error {
	keys := make([]fontKey, 0, len(pl.fonts))
	for k := range pl.fonts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].weight != keys[j].weight {
			return keys[i].weight < keys[j].weight
		}
		return keys[i].upem < keys[j].upem
	})
	for _, k := range keys {
		pf := pl.fonts[k]
		base := pf.baseFont()
		ttf, err := buildSubset(base[7:], pf.glyph)
		if err != nil {
			return fmt.Errorf("font subset %s: %w", pf.name, err)
		}
		pdf.AddUTF8FontFromBytes(pf.name, "", ttf)
		pdf.SetUTF8FontNames(pf.name, "", base, pf.toUnicode())
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("font subset %s: %w", pf.name, err)
		}
	}
	return nil
}

// item draws one item of a page, tagging it; a line of text under the
// spans sp.
func (e *emitter) item(it layout.Item, sp spanTexts, opt Options) {
	tags := e.tags
	switch it := it.(type) {
	case layout.TextLine:
		actual, visual := sp.poppler, sp.pdfium
		tags.text(it, actual)
		raw := actual != "" && tags.open != "content"
		if raw {
			// furniture: the span goes inside the artifact
			e.pdf.RawWriteStr("/Span <</ActualText <" + utf16Hex(actual) + ">>> BDC")
		}
		if visual != "" {
			e.pdf.RawWriteStr("/BidiText <</ActualText <" + utf16Hex(visual) + ">>> BDC")
		}
		e.textLine(it, actual)
		if visual != "" {
			e.pdf.RawWriteStr("EMC")
		}
		if raw {
			e.pdf.RawWriteStr("EMC")
		}
		if it.Role.Content() {
			tags.end()
		}
	case layout.Rect:
		tags.artifact("")
		e.rect(it)
	case layout.Rule:
		tags.artifact("")
		e.rule(it)
	case layout.Field:
		if !opt.Flat {
			tags.field(it)
		}
	case layout.Circle:
		tags.artifact("")
		e.circle(it)
	}
}

// circle draws a circle, filled or stroked.
func (e *emitter) circle(it layout.Circle) {
	if it.Fill != nil {
		e.pdf.SetFillColor(int(it.Fill.R), int(it.Fill.G), int(it.Fill.B))
		e.pdf.Circle(it.X, it.Y, it.R, "F")
		return
	}
	e.pdf.SetDrawColor(int(it.Stroke.R), int(it.Stroke.G), int(it.Stroke.B))
	e.pdf.SetLineWidth(it.Width)
	e.pdf.Circle(it.X, it.Y, it.R, "D")
}

func (e *emitter) rect(r layout.Rect) {
	style := ""
	if r.Fill != nil {
		e.pdf.SetFillColor(int(r.Fill.R), int(r.Fill.G), int(r.Fill.B))
		style += "F"
	}
	if r.Stroke != nil {
		e.pdf.SetDrawColor(int(r.Stroke.R), int(r.Stroke.G), int(r.Stroke.B))
		e.pdf.SetLineWidth(r.LineWidth)
		style += "D"
	}
	if style != "" {
		e.pdf.Rect(r.X, r.Y, r.W, r.H, style)
	}
}

func (e *emitter) rule(r layout.Rule) {
	e.pdf.SetDrawColor(int(r.Color.R), int(r.Color.G), int(r.Color.B))
	e.pdf.SetLineWidth(r.Width)
	if r.Dashed {
		e.pdf.SetDashPattern([]float64{1.5, 1.5}, 0)
	}
	e.pdf.Line(r.X1, r.Y1, r.X2, r.Y2)
	if r.Dashed {
		e.pdf.SetDashPattern(nil, 0)
	}
}

// utf16Hex encodes s as a PDF text string in hexadecimal: UTF-16BE with a
// byte order mark.
func utf16Hex(s string) string {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2, 2+2*len(u))
	b[0], b[1] = 0xFE, 0xFF
	for _, c := range u {
		b = append(b, byte(c>>8), byte(c))
	}
	return strings.ToUpper(hex.EncodeToString(b))
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// drawOrder returns the order to draw a cluster's glyphs in: glyphs that
// advance (the base letters) before those that do not (marks), the order
// they are read in. The page looks the same.
func drawOrder(glyphs []text.Glyph) []int {
	if len(glyphs) == 1 {
		return single
	}
	order := make([]int, 0, len(glyphs))
	for _, marks := range []bool{false, true} {
		for i, g := range glyphs {
			if (g.Advance == 0) == marks {
				order = append(order, i)
			}
		}
	}
	return order
}

var single = []int{0}
