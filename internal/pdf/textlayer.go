package pdf

import (
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"formgen/internal/layout"
	"formgen/internal/text"
)

// pdfFont is one embedded font of a document: the glyphs of every face of
// one weight (and one em size).
type pdfFont struct {
	name  string // fpdf's family name of the font
	upem  uint16
	used  map[uint16]bool // character codes given out
	glyph []subsetGlyph
	pua   uint16            // next Private Use Area code to try
	text  map[uint16]string // the text of each code, for the ToUnicode map
	faces []*sfnt           // the faces merged, in order of first use
}

// faceGlyphs is what a document does with the glyphs of one face, by
// glyph id.
type faceGlyphs struct {
	pf      *pdfFont
	src     *sfnt
	seen    []bool
	advance []int32 // advance in font units where every use agrees, else -1
	natural []rune  // the one character the glyph stands for, or -1
}

// use is one glyph standing for one text: the unit a character code is
// given to. A glyph that stands for different texts in different places
// (the final form of Farsi yeh and of alef maksura, a space glyph shared
// by two spaces) gets one code for each, so that the ToUnicode map can
// tell each its text.
type use struct {
	fg   *faceGlyphs
	id   uint16
	text string
}

type fontKey struct {
	weight text.Weight
	upem   uint16
}

// plan is the fonts of a document and the character code of every use.
type plan struct {
	fonts map[fontKey]*pdfFont
	faces map[*text.Face]*faceGlyphs
	codes map[use]uint16
}

// planFonts gives every use of a glyph in the document its font and
// character code.
func planFonts(doc *layout.Document, fonts *Fonts) (*plan, error) {
	p := &plan{fonts: map[fontKey]*pdfFont{}, faces: map[*text.Face]*faceGlyphs{}, codes: map[use]uint16{}}
	var order []use // in order of first use, for stable codes
	var texts []string
	for _, page := range doc.Pages {
		for _, it := range page.Items {
			tl, ok := it.(layout.TextLine)
			if !ok {
				continue
			}
			for _, run := range tl.Line.Runs {
				fg, err := p.face(run.Face, fonts)
				if err != nil {
					return nil, err
				}
				unit := run.Face.Upem() / run.Size
				first := 0
				for _, cl := range run.Clusters {
					glyphs := run.Glyphs[first : first+cl.Glyphs]
					first += cl.Glyphs
					texts, _ = glyphTexts(glyphs, cl.Text, run.RTL, texts)
					for i, g := range glyphs {
						if err := p.useGlyph(fg, g, unit, texts[i], &order); err != nil {
							return nil, fmt.Errorf("font %s %w", run.Face.File, err)
						}
					}
				}
			}
		}
	}
	if err := p.assignCodes(order); err != nil {
		return nil, err
	}
	return p, nil
}

// useGlyph records a use of the glyph g of fg standing for the text s, drawn
// at unit font units a point, adding it to order on its first use.
func (p *plan) useGlyph(fg *faceGlyphs, g text.Glyph, unit float64, s string, order *[]use) error {
	if int(g.ID) >= len(fg.seen) {
		return fmt.Errorf("has no glyph %d", g.ID)
	}
	adv := int32(math.Round(g.Advance * unit))
	if !fg.seen[g.ID] {
		fg.seen[g.ID], fg.advance[g.ID], fg.natural[g.ID] = true, adv, -1
	} else if fg.advance[g.ID] != adv {
		// A glyph keeps one advance in the PDF: where the shaper gave it
		// the same advance in every use (zero for every mark, say), the
		// subset font says so, so that a reader measures it as it is
		// drawn.
		fg.advance[g.ID] = -1
	}
	if g.Char != 0 && fg.natural[g.ID] < 0 {
		fg.natural[g.ID] = g.Char
	}
	u := use{fg, g.ID, s}
	if _, ok := p.codes[u]; !ok {
		p.codes[u] = 0
		*order = append(*order, u)
	}
	return nil
}

// assignCodes gives each use of a glyph, in order of first use, its code.
// Natural codes first: a glyph that is the font's own glyph for the one
// character it stands for gets that character as its code, so that even a
// reader that ignores the ToUnicode map reads plain text. The rest get
// codes of the Private Use Area, which the map explains.
func (p *plan) assignCodes(order []use) error {
	for pass := range 2 {
		for _, u := range order {
			pf := u.fg.pf
			if pass == 1 && p.codes[u] != 0 {
				continue
			}
			var code uint16
			r, size := utf8.DecodeRuneInString(u.text)
			switch {
			case pass == 0 && size == len(u.text) && r == u.fg.natural[u.id] && r >= 0x20 && r < firstPUA && !pf.used[uint16(r)]:
				code = uint16(r)
			case pass == 0:
				continue
			default:
				var err error
				if code, err = pf.nextPUA(); err != nil {
					return err
				}
			}
			p.codes[u] = code
			pf.used[code] = true
			pf.text[code] = u.text
			pf.glyph = append(pf.glyph, subsetGlyph{src: u.fg.src, id: u.id, code: code, advance: int(u.fg.advance[u.id])})
		}
	}
	return nil
}

// nextPUA returns the next unused code of the Private Use Area.
func (pf *pdfFont) nextPUA() (uint16, error) {
	for pf.used[pf.pua] && pf.pua <= lastPUA {
		pf.pua++
	}
	if pf.pua > lastPUA {
		return 0, fmt.Errorf("document needs more than %d glyphs that stand for no single character", lastPUA-firstPUA+1)
	}
	return pf.pua, nil
}

// face returns what the document does with face f, adding it to the font
// of its weight on first use.
func (p *plan) face(f *text.Face, fonts *Fonts) (*faceGlyphs, error) {
	if fg := p.faces[f]; fg != nil {
		return fg, nil
	}
	s, err := fonts.get(f)
	if err != nil {
		return nil, err
	}
	k := fontKey{f.Weight, s.upem}
	pf := p.fonts[k]
	if pf == nil {
		pf = &pdfFont{
			name: fmt.Sprintf("F%d%s", len(p.fonts), strings.ToUpper(f.Weight.String()[:1])),
			upem: s.upem,
			used: map[uint16]bool{},
			pua:  firstPUA,
			text: map[uint16]string{},
		}
		p.fonts[k] = pf
	}
	pf.faces = append(pf.faces, s)
	fg := &faceGlyphs{pf: pf, src: s,
		seen:    make([]bool, s.numGlyphs),
		advance: make([]int32, s.numGlyphs),
		natural: make([]rune, s.numGlyphs)}
	p.faces[f] = fg
	return fg, nil
}

// glyphTexts is clusterTexts for a cluster of a run, with each glyph's
// text reversed in a right-to-left run: a viewer joins the glyphs' texts
// in the order they are drawn, from the left, and then reverses a
// right-to-left line as a whole, so a ligature's letters must come to it
// reversed to come out as written.
func glyphTexts(glyphs []text.Glyph, s string, rtl bool, out []string) ([]string, bool) {
	out, ok := clusterTexts(glyphs, s, out)
	if rtl {
		for i, t := range out {
			if len(t) > 1 && utf8.RuneCountInString(t) > 1 {
				out[i] = reverse(t)
			}
		}
	}
	return out, ok
}

// clusterTexts splits the text of a cluster among its glyphs (in the
// run's visual order), into out: a glyph that is the font's own glyph for
// one of the cluster's characters (a vowel mark, say) stands for that
// character, a mark glyph that is not (shadda and fatha drawn as one) for
// the remaining marks, and the base, the first glyph that advances, for
// the rest (a joined Arabic form for its letter, a ligature for all its
// letters). It reports false when a glyph is left with no text (a letter
// the shaper draws in two pieces): only an ActualText span can explain
// that cluster.
func clusterTexts(glyphs []text.Glyph, s string, out []string) ([]string, bool) {
	out = out[:0]
	if len(glyphs) == 1 {
		return append(out, s), s != ""
	}
	for range glyphs {
		out = append(out, "")
	}
	taken := ownTexts(glyphs, s, out)
	// the rest: marks to a mark glyph left without text (shadda and fatha
	// drawn as one), letters to the base
	var letters, marks strings.Builder
	ri := 0
	for _, r := range s {
		if ri >= 64 || taken&(1<<ri) == 0 {
			if unicode.Is(unicode.Mn, r) {
				marks.WriteRune(r)
			} else {
				letters.WriteRune(r)
			}
		}
		ri++
	}
	mark := -1
	for i, g := range glyphs {
		if out[i] == "" && g.Advance == 0 {
			mark = i
			break
		}
	}
	if mark >= 0 && marks.Len() > 0 {
		out[mark] = marks.String()
	} else {
		letters.WriteString(marks.String())
	}
	if rest := letters.String(); rest != "" {
		giveRest(glyphs, out, rest)
	}
	return out, !slices.Contains(out, "")
}

// ownTexts gives each glyph that stands for a character of s (the
// cluster's text) that character, in out, and returns the runes of s
// given, as bits (for clusters up to 64 runes).
func ownTexts(glyphs []text.Glyph, s string, out []string) uint64 {
	var taken uint64
	for i, g := range glyphs {
		if g.Char == 0 {
			continue
		}
		ri := 0
		for _, r := range s {
			if ri < 64 && taken&(1<<ri) == 0 && r == g.Char {
				taken |= 1 << ri
				out[i] = string(r)
				break
			}
			ri++
		}
	}
	return taken
}

// giveRest gives the text rest of a cluster to its base glyph: the first
// without text, one that advances before one that does not.
func giveRest(glyphs []text.Glyph, out []string, rest string) {
	base := -1
	for i, g := range glyphs {
		if out[i] == "" && (base < 0 || g.Advance != 0 && glyphs[base].Advance == 0) {
			base = i
		}
	}
	if base >= 0 {
		out[base] = rest
		return
	}
	// every glyph has its text: the rest (a joiner, say) goes with the
	// first that advances
	base = 0
	for i, g := range glyphs {
		if g.Advance != 0 {
			base = i
			break
		}
	}
	out[base] += rest
}

// baseFont returns the name a font is embedded under: a subset tag of six
// capital letters, derived from the glyphs it holds, and the PostScript
// names of the faces merged into it.
func (pf *pdfFont) baseFont() string {
	h := fnv.New64a()
	for _, g := range pf.glyph {
		fmt.Fprintf(h, "%s/%d/%d;", g.src.name, g.id, g.code)
	}
	sum := h.Sum64()
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + byte(sum%26)
		sum /= 26
	}
	var names []string
	for _, f := range pf.faces {
		n := f.psName
		if n == "" {
			n = strings.TrimSuffix(f.name[strings.LastIndexByte(f.name, '/')+1:], ".ttf")
		}
		names = append(names, psSafe(n))
	}
	return string(tag[:]) + "+" + strings.Join(names, "_")
}

// psSafe keeps the characters a PDF name and a PostScript font name
// allow.
func psSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' || strings.ContainsRune("[](){}<>/%#+", r) {
			return -1
		}
		return r
	}, s)
}

// toUnicode writes the font's ToUnicode CMap: the text of every code.
func (pf *pdfFont) toUnicode() string {
	codes := make([]int, 0, len(pf.text))
	for c := range pf.text {
		codes = append(codes, int(c))
	}
	sort.Ints(codes)
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(codes) > 0 {
		n := min(len(codes), 100) // a block holds at most 100 entries
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, c := range codes[:n] {
			if pf.text[uint16(c)] == "" {
				// a glyph whose cluster only an ActualText span explains
				fmt.Fprintf(&b, "<%04X> <200B>\n", c)
				continue
			}
			fmt.Fprintf(&b, "<%04X> <%s>\n", c, utf16Hex(pf.text[uint16(c)])[4:])
		}
		b.WriteString("endbfchar\n")
		codes = codes[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.String()
}

// emitter draws items on the current page, remembering the font state.
type emitter struct {
	pdf   *fpdf.Fpdf
	tags  *tagger // nil for untagged output
	plan  *plan
	font  *pdfFont
	size  float64
	texts []string

	// the stretch of glyphs waiting for one Text call
	buf            []rune
	startX, startY float64
	nextX          float64
	pens           []float64
}

func (e *emitter) setFont(pf *pdfFont, size float64) {
	if e.font != pf || e.size != size {
		e.pdf.SetFont(pf.name, "", size)
		e.font, e.size = pf, size
	}
}

// textLine draws one line. Each run is cut into stretches that one Text
// call can draw: glyphs that follow each other by their own advance, at the
// same vertical offset. The ToUnicode map gives each glyph its text; only
// a cluster whose text the map cannot split among its glyphs is wrapped in
// an ActualText span.
func (e *emitter) textLine(tl layout.TextLine) {
	e.pdf.SetTextColor(int(tl.Color.R), int(tl.Color.G), int(tl.Color.B))
	for _, run := range tl.Line.Runs {
		fg := e.plan.faces[run.Face]
		pf := fg.pf
		e.flush()
		e.setFont(pf, run.Size)
		e.pens = e.pens[:0]
		pen := tl.X + run.X
		for _, g := range run.Glyphs {
			e.pens = append(e.pens, pen)
			pen += g.Advance
		}
		first := 0
		span := -1 // the cluster where the open word span ends
		for c, cl := range run.Clusters {
			glyphs := run.Glyphs[first : first+cl.Glyphs]
			pens := e.pens[first : first+cl.Glyphs]
			first += cl.Glyphs
			var ok bool
			e.texts, ok = glyphTexts(glyphs, cl.Text, run.RTL, e.texts)
			if span < 0 && run.RTL {
				if end, actual := rtlWord(run, c); actual != "" {
					e.flush()
					e.span(actual)
					span = end
				}
			}
			if !ok && span < 0 {
				e.flush()
				e.span(cl.Text)
				span = c
			}
			for _, i := range drawOrder(glyphs, run.RTL) {
				g := glyphs[i]
				e.glyph(fg, g, pens[i]+g.XOffset, tl.Y-g.YOffset, e.texts[i], run.Size)
			}
			if span == c {
				e.flush()
				e.endSpan()
				span = -1
			}
		}
		e.flush()
	}
}

// glyph adds the glyph g of fg, standing for the text s, at x, y in size to the
// text being written, starting a new one where the PDF reader would not
// place it there by itself.
func (e *emitter) glyph(fg *faceGlyphs, g text.Glyph, x, y float64, s string, size float64) {
	if len(e.buf) > 0 && (math.Abs(x-e.nextX) > 0.005 || math.Abs(y-e.startY) > 0.005) {
		e.flush()
	}
	if len(e.buf) == 0 {
		e.startX, e.startY = x, y
	}
	e.buf = append(e.buf, rune(e.plan.codes[use{fg, g.ID, s}]))
	// the advance the PDF reader will use: fpdf writes widths in
	// thousandths of an em
	adv := int(fg.advance[g.ID])
	if adv < 0 {
		a, _ := fg.src.hmetric(g.ID)
		adv = int(a)
	}
	e.nextX = x + math.Round(float64(adv)*1000/float64(fg.pf.upem))/1000*size
}

// rtlWord looks at the word of a right-to-left run that starts at cluster
// c (in visual order, so at the word's end): if the ToUnicode map alone
// would not give it back as written, because it holds a ligature or a
// mark, it returns the last cluster of the word and the text for its
// ActualText span, else "". The span's text is reversed: poppler spreads
// a span's characters from left to right over its glyphs, then reads a
// right-to-left line from the right. pdf.js and MuPDF ignore the span and
// read the map, which they order themselves.
func rtlWord(run text.Run, c int) (int, string) {
	if isSpace(run.Clusters[c].Text) {
		return 0, ""
	}
	need := false
	end := c
	for ; end < len(run.Clusters) && !isSpace(run.Clusters[end].Text); end++ {
		cl := run.Clusters[end]
		if cl.Glyphs > 1 || utf8.RuneCountInString(cl.Text) > 1 {
			need = true
		}
	}
	if !need {
		return 0, ""
	}
	var b strings.Builder
	for _, cl := range run.Clusters[c:end] {
		b.WriteString(reverse(cl.Text))
	}
	actual := b.String()
	// A mark that leads the word, seen from the left, would not count as
	// right-to-left and stay behind: an Arabic letter mark (U+061C,
	// invisible) before it keeps it with its letter.
	if r, _ := utf8.DecodeRuneInString(actual); unicode.Is(unicode.Mn, r) {
		actual = "\u061c" + actual
	}
	return end - 1, actual
}

func isSpace(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	return size == len(s) && unicode.IsSpace(r)
}

// span opens an ActualText span. Inside a structure element's marked
// content, the span is a marked-content sequence of the element of its
// own, not nested: poppler ends an element's content at the first EMC.
func (e *emitter) span(actual string) {
	if e.tags != nil && e.tags.open == "content" {
		e.tags.split(`/ActualText <` + utf16Hex(actual) + `>`)
		return
	}
	e.pdf.RawWriteStr("/Span <</ActualText <" + utf16Hex(actual) + ">>> BDC")
}

func (e *emitter) endSpan() {
	if e.tags != nil && e.tags.open == "content" {
		e.tags.split("")
		return
	}
	e.pdf.RawWriteStr("EMC")
}

func (e *emitter) flush() {
	if len(e.buf) == 0 {
		return
	}
	e.pdf.Text(e.startX, e.startY, string(e.buf))
	e.buf = e.buf[:0]
}
