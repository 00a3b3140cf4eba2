package pdf

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"golang.org/x/text/unicode/bidi"

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
	index   int // in the document's order of first use
	pf      *pdfFont
	src     *sfnt
	seen    []bool
	advance []int32 // advance in font units where every use agrees, else -1
	natural []rune  // the one character the glyph stands for, or -1
	// carrier is an empty glyph of no advance (the face's zero width
	// space), or -1: it carries the second and later letters of a
	// ligature in a right-to-left run (see textLine)
	carrier int32
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

// codeTable holds the character code of every use: a use whose text is
// one character (most) under a number made of its face, glyph and
// character, so that a look-up hashes eight bytes, not a string; the
// others by their text.
type codeTable struct {
	one  map[uint64]uint16
	more map[use]uint16
}

func newCodeTable() codeTable {
	return codeTable{one: map[uint64]uint16{}, more: map[use]uint16{}}
}

// key returns the number of a use whose text is one character, and
// whether it is one.
func (t codeTable) key(u use) (uint64, bool) {
	r, size := utf8.DecodeRuneInString(u.text)
	if size != len(u.text) || size == 0 {
		return 0, false
	}
	return uint64(u.fg.index)<<48 | uint64(u.id)<<32 | uint64(uint32(r)), true
}

// lookup returns the code of u, and whether u has one.
func (t codeTable) lookup(u use) (uint16, bool) {
	if k, ok := t.key(u); ok {
		c, ok := t.one[k]
		return c, ok
	}
	c, ok := t.more[u]
	return c, ok
}

// code returns the code of u (0 for none).
func (t codeTable) code(u use) uint16 {
	c, _ := t.lookup(u)
	return c
}

// set gives u the code c.
func (t codeTable) set(u use, c uint16) {
	if k, ok := t.key(u); ok {
		t.one[k] = c
		return
	}
	t.more[u] = c
}

type fontKey struct {
	weight text.Weight
	upem   uint16
}

// plan is the fonts of a document and the character code of every use.
type plan struct {
	fonts map[fontKey]*pdfFont
	faces map[*text.Face]*faceGlyphs
	codes codeTable
}

// planFonts gives every use of a glyph in the document its font and
// character code.
func planFonts(doc *layout.Document, fonts *Fonts) (*plan, error) {
	p := &plan{fonts: map[fontKey]*pdfFont{}, faces: map[*text.Face]*faceGlyphs{}, codes: newCodeTable()}
	var order []use // in order of first use, for stable codes
	var texts []string
	for _, page := range doc.Pages {
		for _, it := range page.Items {
			tl, ok := it.(layout.TextLine)
			if !ok {
				continue
			}
			for _, run := range tl.Line.Runs {
				var err error
				if texts, err = p.planRun(run, fonts, texts, &order); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := p.assignCodes(order); err != nil {
		return nil, err
	}
	return p, nil
}

// planRun records the uses of the glyphs of one run: in a right-to-left
// run, the carriers that stand for its edges, and each further letter of
// a ligature on a carrier of its own. texts is scratch space, returned
// for reuse.
func (p *plan) planRun(run text.Run, fonts *Fonts, texts []string, order *[]use) ([]string, error) {
	fg, err := p.face(run.Face, fonts)
	if err != nil {
		return texts, err
	}
	carriers := run.RTL && fg.carrier >= 0
	if carriers {
		// for the line's edges
		if err := p.useTexts(fg, fg.carrierGlyph(), 1, order, "\u200b", "\u200b "); err != nil {
			return texts, fmt.Errorf("font %s %w", run.Face.File, err)
		}
	}
	unit := run.Face.Upem() / run.Size
	first := 0
	for _, cl := range run.Clusters {
		glyphs := run.Glyphs[first : first+cl.Glyphs]
		first += cl.Glyphs
		split := carriers && !isSpace(cl.Text)
		texts, _ = glyphTexts(glyphs, cl.Text, run.RTL, split, texts)
		for i, g := range glyphs {
			if err := p.useCluster(fg, g, unit, texts[i], split, order); err != nil {
				return texts, fmt.Errorf("font %s %w", run.Face.File, err)
			}
		}
	}
	return texts, nil
}

// useCluster records glyph g standing for the text t; with split, g
// stands for t's first character only and each further one goes on a
// carrier glyph.
func (p *plan) useCluster(fg *faceGlyphs, g text.Glyph, unit float64, t string, split bool, order *[]use) error {
	rest := ""
	if split {
		t, rest = firstRune(t)
	}
	if err := p.useGlyph(fg, g, unit, t, order); err != nil {
		return err
	}
	for _, r := range rest {
		if err := p.useGlyph(fg, fg.carrierGlyph(), unit, string(r), order); err != nil {
			return err
		}
	}
	return nil
}

// useTexts records uses of glyph g standing for each of texts.
func (p *plan) useTexts(fg *faceGlyphs, g text.Glyph, unit float64, order *[]use, texts ...string) error {
	for _, t := range texts {
		if err := p.useGlyph(fg, g, unit, t, order); err != nil {
			return err
		}
	}
	return nil
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
	if _, ok := p.codes.lookup(u); !ok {
		p.codes.set(u, 0)
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
			if pass == 1 && p.codes.code(u) != 0 {
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
			p.codes.set(u, code)
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
	fg := &faceGlyphs{index: len(p.faces), pf: pf, src: s,
		seen:    make([]bool, s.numGlyphs),
		advance: make([]int32, s.numGlyphs),
		natural: make([]rune, s.numGlyphs),
		carrier: -1}
	if id, ok := f.NominalGlyph(0x200B); ok && int(id) < int(s.numGlyphs) && len(s.glyph(id)) == 0 {
		if adv, _ := s.hmetric(id); adv == 0 {
			fg.carrier = int32(id)
		}
	}
	p.faces[f] = fg
	return fg, nil
}

// carrierGlyph returns the face's carrier as a glyph drawn.
func (fg *faceGlyphs) carrierGlyph() text.Glyph {
	return text.Glyph{ID: uint16(fg.carrier)}
}

// firstRune splits s after its first character.
func firstRune(s string) (string, string) {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n], s[n:]
}

// glyphTexts is clusterTexts for a cluster of a run. In a right-to-left
// run, unless the caller splits a ligature's letters among the ligature
// and carriers (split), each glyph's text is reversed: pdf.js makes each
// glyph of a right-to-left run (drawn from the right) a piece of text of
// its own, which its bidi step reverses, so a ligature's letters must
// come to it reversed to come out as written (MuPDF then reads them
// reversed).
func glyphTexts(glyphs []text.Glyph, s string, rtl, split bool, out []string) ([]string, bool) {
	out, ok := clusterTexts(glyphs, s, out)
	if rtl {
		for i, t := range out {
			if !split && len(t) > 1 && utf8.RuneCountInString(t) > 1 {
				out[i] = reverse(t)
			}
		}
		if len(out) == 1 && isSpace(s) {
			// pdf.js passes over a glyph whose text begins with a space
			// without noting where it ends; led by a zero width space,
			// the space between two words drawn from their right gives
			// pdf.js the gap it needs to set a space there
			out[0] = "\u200b" + s
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
	var names []string
	for _, f := range pf.faces {
		n := f.psName
		if n == "" {
			n = strings.TrimSuffix(f.name[strings.LastIndexByte(f.name, '/')+1:], ".ttf")
		}
		names = append(names, psSafe(n))
	}
	return subsetTag(h.Sum64()) + "+" + strings.Join(names, "_")
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

	// the glyphs waiting for one Text call: from startX, startY, the
	// PDF reader's pen at pen; the parts of a TJ before buf[cut:], each
	// followed by its number
	buf            []rune
	startX, startY float64
	pen            float64
	parts          []string
	adjust         []int
	cut            int
	pens           []float64
	starts         []int // the first glyph of each cluster of a run
	order          []int // the order to draw a run's clusters in
	runs           []int // the order to draw a line's runs in
}

func (e *emitter) setFont(pf *pdfFont, size float64) {
	if e.font != pf || e.size != size {
		e.pdf.SetFont(pf.name, "", size)
		e.font, e.size = pf, size
	}
}

// textLine draws one line. Each run is cut into stretches that one Text
// call can draw: glyphs that follow each other by their own advance, at the
// same vertical offset. A right-to-left run is drawn word by word from the
// left, each word's clusters from its right, so in the order they are
// read (see the package doc). When actual is not "", the caller has
// opened an ActualText span over the whole line with that text (a line
// that holds right-to-left text); else the ToUnicode map gives each glyph
// its text, and only a cluster whose text the map cannot split among its
// glyphs is wrapped in a span of its own.
func (e *emitter) textLine(tl layout.TextLine, actual string) {
	e.pdf.SetTextColor(int(tl.Color.R), int(tl.Color.G), int(tl.Color.B))
	e.runs = runOrder(tl.Line, e.runs)
	if actual != "" {
		if first := tl.Line.Runs[e.runs[0]]; first.RTL != tl.Line.RTL {
			if big, fg := e.mainRun(tl.Line); fg.carrier >= 0 {
				e.edge(tl, fg, big.Size, tl.Line.RTL, "\u200b", false)
			}
		}
	}
	for _, ri := range e.runs {
		e.run(tl, tl.Line.Runs[ri], actual)
	}
	if actual != "" {
		e.lineEnd(tl)
	}
}

// run draws one run of line tl, its clusters in the order they are read.
func (e *emitter) run(tl layout.TextLine, run text.Run, actual string) {
	fg := e.plan.faces[run.Face]
	e.flush()
	e.setFont(fg.pf, run.Size)
	e.pens = e.pens[:0]
	pen := tl.X + run.X
	for _, g := range run.Glyphs {
		e.pens = append(e.pens, pen)
		pen += g.Advance
	}
	e.starts = e.starts[:0]
	first := 0
	for _, cl := range run.Clusters {
		e.starts = append(e.starts, first)
		first += cl.Glyphs
	}
	e.order = clusterOrder(run, e.order)
	for _, c := range e.order {
		e.cluster(tl, run, fg, c, actual)
	}
	e.flush()
}

// cluster draws cluster c of a run of line tl, in an ActualText span of
// its own when the ToUnicode map cannot split its text among its glyphs
// and no span over the line (actual) says it.
func (e *emitter) cluster(tl layout.TextLine, run text.Run, fg *faceGlyphs, c int, actual string) {
	cl := run.Clusters[c]
	first := e.starts[c]
	glyphs := run.Glyphs[first : first+cl.Glyphs]
	pens := e.pens[first : first+cl.Glyphs]
	var ok bool
	split := run.RTL && fg.carrier >= 0 && !isSpace(cl.Text)
	e.texts, ok = glyphTexts(glyphs, cl.Text, run.RTL, split, e.texts)
	span := !ok && actual == ""
	if span {
		e.flush()
		e.span(cl.Text)
	}
	for _, i := range drawOrder(glyphs) {
		g := glyphs[i]
		t, rest := e.texts[i], ""
		if split {
			t, rest = firstRune(t)
		}
		e.clusterGlyph(run, fg, g, pens[i]+g.XOffset, tl.Y-g.YOffset, t, rest)
	}
	if span {
		e.flush()
		e.endSpan()
	}
}

// clusterGlyph draws glyph g of a run at x, y standing for the text t,
// and on carriers after it the further letters rest of a ligature.
func (e *emitter) clusterGlyph(run text.Run, fg *faceGlyphs, g text.Glyph, x, y float64, t, rest string) {
	if r, _ := utf8.DecodeRuneInString(t); run.RTL && unicode.Is(unicode.Mn, r) {
		// pdf.js adds a mark to the piece of text of the glyph before
		// it, which it then reverses, putting the mark first; it starts
		// a piece of its own for a glyph set in another font size, which
		// TextScaled gives the mark without changing the page
		e.flush()
		e.pdf.TextScaled(x, y, string(rune(e.plan.codes.code(use{fg, g.ID, t}))))
	} else {
		e.glyph(fg, g, x, y, t, run.Size)
	}
	// A glyph of several letters (a ligature) in a right-to-left run
	// stands for its first: empty glyphs after it carry the others, each
	// where pdf.js takes it for a piece of text of its own (more than a
	// fifth of an em left of where the ligature ends)
	cx := min(x, x+g.Advance-0.3*run.Size)
	for _, r := range rest {
		e.glyph(fg, fg.carrierGlyph(), cx, y, string(r), run.Size)
	}
}

// lineEnd ends a line in an ActualText span with a carrier standing for
// a zero width space and a space, at its end: MuPDF and pdf.js, which add
// no space of their own after right-to-left text, then do not join its
// last word to what stands on the same baseline (a value beside its
// label). poppler gives a span's text the font size in use when the span
// ends: the carrier's, that of the line's main run, so that the lines of a
// paragraph have the same size however they end (else poppler may take
// them for blocks of their own). It takes up a size only when text is
// shown: an empty string, where there is no carrier.
func (e *emitter) lineEnd(tl layout.TextLine) {
	big, fg := e.mainRun(tl.Line)
	switch {
	case fg.carrier >= 0:
		e.edge(tl, fg, big.Size, !tl.Line.RTL, "\u200b ", true)
	case e.font != fg.pf || e.size != big.Size:
		e.setFont(fg.pf, big.Size)
		e.pdf.RawWriteStr("BT () Tj ET")
	}
}

// mainRun returns the largest right-to-left run of a line that holds
// one (the script's face rather than a neutral's), and its face.
func (e *emitter) mainRun(l text.Line) (*text.Run, *faceGlyphs) {
	var big *text.Run
	for i, run := range l.Runs {
		if run.RTL && (big == nil || run.Size > big.Size) {
			big = &l.Runs[i]
		}
	}
	return big, e.plan.faces[big.Face]
}

// edge draws the carrier of fg, standing for the text s, at the right or
// left edge of a line in an ActualText span: poppler places the span's
// text from where its first glyph is drawn to where its last ends, and a
// line that begins with a stretch against its paragraph's direction
// begins that stretch inside the line. The carrier at a line's end is set
// with TextScaled: pdf.js then takes it for a piece of text of its own,
// not for part of the last letter's, which it would reverse.
func (e *emitter) edge(tl layout.TextLine, fg *faceGlyphs, size float64, right bool, s string, end bool) {
	x := tl.X
	if right {
		x += tl.Line.Width
	}
	e.flush()
	e.setFont(fg.pf, size)
	if end {
		e.pdf.TextScaled(x, tl.Y, string(rune(e.plan.codes.code(use{fg, uint16(fg.carrier), s}))))
		return
	}
	e.glyph(fg, fg.carrierGlyph(), x, tl.Y, s, size)
	e.flush()
}

// clusterOrder returns, into order, the order to draw the clusters of a
// run in: the order they are read in, so from the right in a
// right-to-left run.
func clusterOrder(run text.Run, order []int) []int {
	order = order[:0]
	for c := range run.Clusters {
		if run.RTL {
			c = len(run.Clusters) - 1 - c
		}
		order = append(order, c)
	}
	return order
}

// glyph adds the glyph g of fg, standing for the text s, at x, y in size to the
// text being written: where the PDF reader's pen would not stand there,
// a TJ number moves it; at another height, a new text begins.
func (e *emitter) glyph(fg *faceGlyphs, g text.Glyph, x, y float64, s string, size float64) {
	if len(e.buf) > 0 && math.Abs(y-e.startY) > 0.005 {
		e.flush()
	}
	switch {
	case len(e.buf) == 0:
		e.startX, e.startY, e.pen = x, y, x
	case math.Abs(x-e.pen) > 0.005:
		// the number moves the pen back by thousandths of the size
		adj := int(math.Round((e.pen - x) * 1000 / size))
		e.parts = append(e.parts, string(e.buf[e.cut:]))
		e.adjust = append(e.adjust, adj)
		e.cut = len(e.buf)
		e.pen -= float64(adj) * size / 1000
	}
	e.buf = append(e.buf, rune(e.plan.codes.code(use{fg, g.ID, s})))
	// the advance the PDF reader will use: fpdf writes widths in
	// thousandths of an em
	adv := int(fg.advance[g.ID])
	if adv < 0 {
		a, _ := fg.src.hmetric(g.ID)
		adv = int(a)
	}
	e.pen += math.Round(float64(adv)*1000/float64(fg.pf.upem)) / 1000 * size
}

// spanTexts are the texts of the ActualText spans over a line: the
// /Span poppler reads ("" for a line without right-to-left text) and,
// inside it or alone, the /BidiText only PDFium reads ("" where PDFium
// gets the line right from the /Span, or from the glyphs of a line
// without one).
type spanTexts struct{ poppler, pdfium string }

// lineTexts returns a line's logical text and the texts of its spans,
// for the line alone (pageSpans looks at lines that share a baseline).
// A line that holds right-to-left text gets a /Span and, where needed, a
// /BidiText: both are its logical text ordered for readers that take a
// span's text for characters standing from the left and turn each line
// back into logical order by a rule of their own: poppler's
// (popplerOrder), on a page whose text is mostly left-to-right (lr) or
// not, and PDFium's (pdfiumOrder, PDFium being the engine of Chrome's,
// Edge's and Android's viewers). The rules differ where a slash, a full
// stop or a Latin word stands between right-to-left words. The logical
// text of a line with right-to-left text has its spaces of other widths
// as spaces, as its spans give them; for another line it is nil (what its
// glyphs give, logicalText, is needed only beside right-to-left text).
func lineTexts(l text.Line, lr bool) ([]rune, spanTexts) {
	rtl := false
	for _, run := range l.Runs {
		rtl = rtl || run.RTL
	}
	if !rtl {
		return nil, spanTexts{}
	}
	logical := []rune(logicalText(l, nil))
	// a space of another width (a no-break space between a value's
	// words) as a space: as poppler gives it for a space glyph
	for i, r := range logical {
		if r != ' ' && unicode.Is(unicode.Zs, r) {
			logical[i] = ' '
		}
	}
	sp := spanTexts{poppler: popplerOrder(logical, lr)}
	if sp.pdfium = pdfiumOrder(logical); sp.pdfium == sp.poppler {
		sp.pdfium = ""
	}
	return logical, sp
}

// pdfiumOrder orders the logical text r of a line for PDFium, which cuts
// a line into segments of one direction (pdfiumDir): left-to-right
// letters; numbers, their separators and marks (weak); right-to-left
// letters; and the rest (neutral). When the line has right-to-left
// segments and at least as many as left-to-right ones, it reverses their
// order. Then, segment by segment, it reverses (and mirrors) a
// right-to-left one, and a neutral one read while the direction is
// right-to-left, and keeps the rest as they are. pdfiumOrder does the
// reverse, so that PDFium gives r back.
func pdfiumOrder(r []rune) string {
	out, _ := pdfiumPlace(r)
	return string(out)
}

// segment is a stretch r[a:b] of a line's characters.
type segment struct{ a, b int }

// pdfiumSegments cuts r into PDFium's segments of one direction
// (pdfiumDir) and reports whether PDFium reverses their order: when
// there are right-to-left ones and at least as many as left-to-right
// ones.
func pdfiumSegments(r []rune) ([]segment, bool) {
	var segs []segment
	nr, nl := 0, 0
	for i := 0; i < len(r); {
		d := pdfiumDir(r[i])
		j := i + 1
		for j < len(r) && pdfiumDir(r[j]) == d {
			j++
		}
		segs = append(segs, segment{i, j})
		switch d {
		case 'R':
			nr++
		case 'L':
			nl++
		}
		i = j
	}
	return segs, nr > 0 && nr >= nl
}

// pdfiumPlace is pdfiumOrder's work: it returns the text PDFium must
// read to give r, and where in it each character of r stands.
func pdfiumPlace(r []rune) (out []rune, at []int) {
	segs, rtl := pdfiumSegments(r)
	cur := byte('L')
	if rtl {
		cur = 'R'
	}
	out, at = make([]rune, len(r)), make([]int, len(r))
	for _, sg := range segs {
		// a segment's place: the same, or mirrored when PDFium reverses
		// the segments' order
		start := sg.a
		if rtl {
			start = len(r) - sg.b
		}
		d := pdfiumDir(r[sg.a])
		back := d == 'R' || d == 'N' && cur == 'R'
		switch {
		case back:
			cur = 'R'
			mirrorReverse(out[start:start+sg.b-sg.a], r[sg.a:sg.b])
		case d == 'L':
			cur = 'L'
		}
		for i := sg.a; i < sg.b; i++ {
			at[i] = start + i - sg.a
			if back {
				at[i] = start + sg.b - 1 - i
			} else {
				out[at[i]] = r[i]
			}
		}
	}
	return out, at
}

// pdfiumDir is the direction PDFium gives a character when it orders a
// line: 'L' left-to-right, 'R' right-to-left, 'W' weak (numbers, their
// separators, marks), 'N' neutral.
func pdfiumDir(r rune) byte {
	p, _ := bidi.LookupRune(r)
	switch p.Class() {
	case bidi.L:
		return 'L'
	case bidi.R, bidi.AL:
		return 'R'
	case bidi.AN, bidi.EN, bidi.NSM, bidi.CS, bidi.ES, bidi.ET, bidi.BN:
		return 'W'
	}
	return 'N'
}

// mirrorReverse writes the runes r into out reversed, each that has a
// mirror image in right-to-left text (brackets, guillemets) replaced by
// it.
func mirrorReverse(out, r []rune) {
	for i, c := range r {
		if m, ok := mirrors[c]; ok {
			c = m
		}
		out[len(r)-1-i] = c
	}
}

// mirrors pairs the mirrored characters formgen's texts use (of Unicode's
// Bidi_Mirroring_Glyph).
var mirrors = map[rune]rune{
	'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{',
	'<': '>', '>': '<', '«': '»', '»': '«', '‹': '›', '›': '‹',
}

// logicalText returns the text of a line in logical order: its runs in
// runOrder, each run's clusters in clusterOrder.
func logicalText(l text.Line, order []int) string {
	var b strings.Builder
	for _, i := range runOrder(l, order) {
		run := l.Runs[i]
		for k := range run.Clusters {
			c := k
			if run.RTL {
				c = len(run.Clusters) - 1 - k
			}
			b.WriteString(run.Clusters[c].Text)
		}
	}
	return b.String()
}

// runOrder returns, into order, the runs of a line in logical order (the
// runs stand in visual order; each knows its logical place).
func runOrder(l text.Line, order []int) []int {
	order = order[:0]
	for i := range l.Runs {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(l.Runs[a].Logical, l.Runs[b].Logical) })
	return order
}

// popplerOrder orders the logical text s of a line for poppler, which
// takes an ActualText span's text as written from the left (like the
// glyphs it stands for) and then reorders each line by a simple rule: on
// a page of mostly left-to-right text (lr) it reverses each stretch that
// starts with a right-to-left letter and goes on over neutral characters
// up to a left-to-right letter or a number (digits and . , / : - count as
// numbers), and leaves the rest; on a page of mostly right-to-left text
// it reverses the line but keeps each such left-to-right stretch as it
// is. popplerOrder does the reverse, so that poppler gives s back: its
// words in order, only spaces and punctuation between a right-to-left
// stretch and a number may change places.
func popplerOrder(r []rune, lr bool) string {
	if lr {
		return popplerLR(r)
	}
	return popplerRL(r)
}

// popplerLR orders a line for a page of mostly left-to-right text: each
// stretch from a right-to-left letter to the last one before the next
// left-to-right letter or number, reversed.
func popplerLR(r []rune) string {
	var out []rune
	for i := 0; i < len(r); {
		if popplerType(r[i]) != 'R' {
			out = append(out, r[i])
			i++
			continue
		}
		end := rtlStretchEnd(r, i)
		seg := slices.Clone(r[i : end+1])
		if unicode.Is(unicode.Mn, seg[len(seg)-1]) {
			// a mark ending the stretch would lead it once reversed,
			// count as neutral and stay behind: an Arabic letter mark
			// (U+061C, invisible) keeps it with its letter
			seg = append(seg, '\u061c')
		}
		slices.Reverse(seg)
		out = append(out, seg...)
		i = end + 1
	}
	return string(out)
}

// rtlStretchEnd returns the index of the last right-to-left letter or mark
// of the stretch that starts at r[i], before the next left-to-right letter
// or number.
func rtlStretchEnd(r []rune, i int) int {
	end := i
	for j := i; j < len(r); j++ {
		t := popplerType(r[j])
		if t == 'L' || t == '#' {
			break
		}
		if t == 'R' || unicode.Is(unicode.Mn, r[j]) {
			end = j
		}
	}
	return end
}

// popplerRL orders a line for a page of mostly right-to-left text: the
// line reversed, but each stretch from a left-to-right letter or number to
// the last one before the next right-to-left letter kept as it is.
func popplerRL(r []rune) string {
	type unit struct{ a, b int }
	var units []unit
	for i := 0; i < len(r); {
		if t := popplerType(r[i]); t != 'L' && t != '#' {
			units = append(units, unit{i, i + 1})
			i++
			continue
		}
		end := i
		for j := i; j < len(r) && popplerType(r[j]) != 'R'; j++ {
			if t := popplerType(r[j]); t == 'L' || t == '#' {
				end = j
			}
		}
		units = append(units, unit{i, end + 1})
		i = end + 1
	}
	var out []rune
	for k := len(units) - 1; k >= 0; k-- {
		out = append(out, r[units[k].a:units[k].b]...)
	}
	return string(out)
}

// popplerType is the class poppler gives a character when it orders a
// line: 'L' left-to-right, 'R' right-to-left, '#' a number (digits and
// the separators and terminators of numbers), 'N' neutral.
func popplerType(r rune) byte {
	p, _ := bidi.LookupRune(r)
	switch p.Class() {
	case bidi.L:
		return 'L'
	case bidi.R, bidi.AL:
		return 'R'
	case bidi.EN, bidi.AN, bidi.ES, bidi.ET, bidi.CS:
		if r == '\u202f' {
			return 'N' // poppler's table is older: neutral there
		}
		return '#'
	}
	return 'N'
}

// pageLR reports whether poppler will find the text of a page mostly
// left-to-right: more left-to-right than right-to-left letters.
func pageLR(items []layout.Item) bool {
	n := 0
	for _, it := range items {
		tl, ok := it.(layout.TextLine)
		if !ok {
			continue
		}
		for _, run := range tl.Line.Runs {
			for _, cl := range run.Clusters {
				for _, r := range cl.Text {
					switch popplerType(r) {
					case 'L':
						n++
					case 'R':
						n--
					}
				}
			}
		}
	}
	return n >= 0
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

// flush writes the text waiting: one Text call, or one TJ where the pen
// moves between its glyphs.
func (e *emitter) flush() {
	if len(e.buf) == 0 {
		return
	}
	if len(e.parts) == 0 {
		e.pdf.Text(e.startX, e.startY, string(e.buf))
	} else {
		e.parts = append(e.parts, string(e.buf[e.cut:]))
		e.pdf.TextTJ(e.startX, e.startY, e.parts, e.adjust)
	}
	e.buf, e.parts, e.adjust, e.cut = e.buf[:0], e.parts[:0], e.adjust[:0], 0
}
