package text

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// Style says how a paragraph is set.
type Style struct {
	Weight Weight
	Size   float64 // points
	RTL    bool    // paragraph direction: right to left
	Lang   string  // BCP 47 tag of the text, for language-specific forms
}

// Shaper shapes and breaks text. It keeps per-goroutine state (HarfBuzz
// buffers, glyph caches) and a cache of shaped paragraphs, so it is not safe
// for concurrent use: give each goroutine its own, over one shared FontSet.
type Shaper struct {
	fonts *FontSet
	hb    shaping.HarfbuzzShaper
	seg   shaping.Segmenter
	para  bidi.Paragraph
	faces map[*Face]*font.Face
	back  map[*font.Face]*Face
	fmap  fontmap
	// recent and older hold shaped paragraphs: a lookup in older moves
	// the paragraph to recent, and when recent is full it becomes older
	// and older is dropped. Texts every document repeats (German labels)
	// stay; texts used once pass through.
	recent, older map[cacheKey]*Paragraph
}

type cacheKey struct {
	text   string
	weight Weight
	rtl    bool
	lang   string
}

// maxCache bounds the paragraph cache: room for the German and common
// texts every document of a build repeats, while each locale's own texts
// pass through.
const maxCache = 2048

// NewShaper returns a shaper over fonts.
func NewShaper(fonts *FontSet) *Shaper {
	s := &Shaper{
		fonts:  fonts,
		faces:  make(map[*Face]*font.Face),
		back:   make(map[*font.Face]*Face),
		recent: make(map[cacheKey]*Paragraph),
	}
	s.fmap.s = s
	return s
}

// Fonts returns the font stack the shaper uses.
func (s *Shaper) Fonts() *FontSet { return s.fonts }

func (s *Shaper) face(f *Face) *font.Face {
	if ff, ok := s.faces[f]; ok {
		return ff
	}
	ff := font.NewFace(f.font)
	s.faces[f] = ff
	s.back[ff] = f
	return ff
}

// fontmap resolves a face per rune for go-text's segmenter, following the
// declared stack, and remembers runes that no face covers.
type fontmap struct {
	s       *Shaper
	weight  Weight
	script  language.Script
	missing []rune
}

func (m *fontmap) SetScript(sc language.Script) { m.script = sc }

func (m *fontmap) ResolveFace(r rune) *font.Face {
	f, ok := m.s.fonts.Resolve(r, m.script, m.weight)
	if !ok {
		if !needsNoGlyph(r) && !slices.Contains(m.missing, r) {
			m.missing = append(m.missing, r)
		}
		f = m.s.fonts.Primary(m.weight)
	}
	return m.s.face(f)
}

// needsNoGlyph reports characters that are not drawn: controls, joiners,
// bidi marks and other default-ignorable code points.
func needsNoGlyph(r rune) bool {
	return unicode.IsControl(r) || harfbuzz.IsDefaultIgnorable(r)
}

// bidiControl reports whether r is a bidi mark, embedding or isolate
// (UAX #9): it steers the order of the text around it and is then gone,
// with no glyph to draw and nothing to copy.
func bidiControl(r rune) bool {
	switch {
	case r == '\u061c', r == '\u200e', r == '\u200f':
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

// Paragraph is one paragraph shaped at the size of one em, ready to be
// broken into lines at any width and scaled to any size.
type Paragraph struct {
	text  []rune
	style Style
	runs  []shapedRun // logical order
	// runsOrdered: runs[i].start ascends (a line can search for its first)
	runsOrdered bool
	advance     []float64      // per rune, in ems: a cluster's advance sits on its first rune
	breaks      []int          // rune indexes where a line may begin (UAX #14), ascending
	space       []bool         // per rune: white space that vanishes at a line end
	trimmed     []int32        // by end index: the end without the white space before it
	graphs      []int          // grapheme cluster starts, for breaking words that fit no line
	primary     *Face          // face of last resort, for the height of an empty line
	texts       []string       // by rune: the text of the cluster starting there
	protect     []ProtectedRun // runs that stay on one line
	// hyphen is the hyphen a line broken inside a word ends with, shaped
	// in the paragraph's style; nil in right-to-left paragraphs
	hyphen *Paragraph
}

type shapedRun struct {
	face       *Face
	start, end int // runes
	level      bidi.Level
	glyphs     []shapedGlyph // visual order, as HarfBuzz returns them
	// ordered is true when the glyphs' clusters ascend (left to right)
	// or descend (right to left), as HarfBuzz gives them
	ordered bool
}

// shapedGlyph is a glyph of a shaped paragraph; measures are ems of the
// nominal size (face scale applied), in float32: caches hold many.
type shapedGlyph struct {
	id              uint16
	advance, dx, dy float32
	top, bottom     float32 // ink extent above and below the baseline, y up
	cluster         int32   // first rune of its cluster
	end             int32   // rune after its cluster
	char            rune    // the character whose cmap glyph this is, or 0
}

// clusters finds where each cluster of a run ends, its text, and the
// character each glyph is the cmap glyph of: once per paragraph, so that
// breaking it into lines only copies.
func (p *Paragraph) clusters(run *shapedRun) {
	if p.texts == nil {
		p.texts = make([]string, len(p.text))
	}
	starts := clusterStarts(run.glyphs)
	for i := 0; i < len(run.glyphs); {
		c := run.glyphs[i].cluster
		end := int32(run.end)
		if k, _ := slices.BinarySearch(starts, c); k+1 < len(starts) {
			end = starts[k+1]
		}
		j := i + 1
		for j < len(run.glyphs) && run.glyphs[j].cluster == c {
			j++
		}
		glyphs, runes := run.glyphs[i:j], p.text[c:end]
		for k := range glyphs {
			glyphs[k].end = end
		}
		p.texts[c] = withoutBidiControls(runes)
		nameChars(run.face, glyphs, runes)
		i = j
	}
}

// clusterStarts returns the clusters of glyphs, ascending, each once.
func clusterStarts(glyphs []shapedGlyph) []int32 {
	starts := make([]int32, 0, len(glyphs))
	for _, g := range glyphs {
		starts = append(starts, g.cluster)
	}
	slices.Sort(starts)
	return slices.Compact(starts)
}

// withoutBidiControls is the text a reader copies from runes: without the
// bidi controls, which have done their work.
func withoutBidiControls(runes []rune) string {
	return strings.Map(func(r rune) rune {
		if bidiControl(r) {
			return -1
		}
		return r
	}, string(runes))
}

// nameChars sets the char of each glyph of a cluster that is the face's
// cmap glyph for one of the cluster's runes, each rune given to one glyph
// at most (in clusters of up to 64 runes).
func nameChars(face *Face, glyphs []shapedGlyph, runes []rune) {
	var taken uint64 // runes already given
	for gi := range glyphs {
		g := &glyphs[gi]
		for ri, r := range runes {
			if ri < 64 && taken&(1<<ri) != 0 {
				continue
			}
			if id, ok := face.NominalGlyph(r); ok && id == g.id {
				g.char = r
				if ri < 64 {
					taken |= 1 << ri
				}
				break
			}
		}
	}
}

// Text returns the normalised text of the paragraph.
func (p *Paragraph) Text() string { return string(p.text) }

// Shape shapes one paragraph (no line feeds) in style st; the size of st
// is ignored here and applied by Lines.
func (s *Shaper) Shape(str string, st Style) (*Paragraph, error) {
	key := cacheKey{str, st.Weight, st.RTL, st.Lang}
	if p, ok := s.recent[key]; ok {
		return p, nil
	}
	p, ok := s.older[key]
	if !ok {
		var err error
		if p, err = s.shape(str, st); err != nil {
			return nil, err
		}
	}
	if len(s.recent) >= maxCache/2 {
		s.older, s.recent = s.recent, make(map[cacheKey]*Paragraph, maxCache/2)
	}
	s.recent[key] = p
	return p, nil
}

// shape shapes one paragraph at the size of one em: it orders the runes
// by the bidi algorithm, splits them into runs of one face, shapes each run
// with HarfBuzz and finds where lines may break.
func (s *Shaper) shape(str string, st Style) (*Paragraph, error) {
	str = norm.NFC.String(str)
	if strings.ContainsAny(str, "\n\r") {
		return nil, fmt.Errorf("shape: paragraph contains a line break")
	}
	text := []rune(strings.ReplaceAll(str, "\t", " "))
	p := &Paragraph{text: text, style: st, primary: s.fonts.Primary(st.Weight)}
	if len(text) == 0 {
		return p, nil
	}
	levels := s.levels(text, st.RTL)
	inputs, err := s.segment(text, st)
	if err != nil {
		return nil, err
	}
	p.advance = make([]float64, len(text))
	for _, in := range inputs {
		run, err := s.shapeRun(text, in, levels[in.RunStart])
		if err != nil {
			return nil, err
		}
		p.addRun(run)
	}
	p.runsOrdered = slices.IsSortedFunc(p.runs, func(a, b shapedRun) int { return cmp.Compare(a.start, b.start) })
	p.findBreaks()
	if p.hyphen, err = s.hyphenFor(str, st); err != nil {
		return nil, err
	}
	return p, nil
}

// levels returns the bidi embedding level of every rune of text, in a
// paragraph of direction rtl (UAX #9).
func (s *Shaper) levels(text []rune, rtl bool) []bidi.Level {
	dir := bidi.LeftToRight
	if rtl {
		dir = bidi.RightToLeft
	}
	runs := s.para.Segment(text, dir)
	levels := make([]bidi.Level, len(text))
	for i := range runs.NumRuns() {
		r := runs.Run(i)
		for j := r.Start; j < r.End; j++ {
			levels[j] = r.Level
		}
	}
	return levels
}

// segment splits text into runs of one direction, script and face, each
// rune in the face the stack gives it; a rune no face covers is a
// MissingGlyphError.
func (s *Shaper) segment(text []rune, st Style) ([]shaping.Input, error) {
	dir := di.DirectionLTR
	if st.RTL {
		dir = di.DirectionRTL
	}
	s.fmap.weight, s.fmap.missing = st.Weight, s.fmap.missing[:0]
	inputs := s.seg.Split(shaping.Input{
		Text:      text,
		RunStart:  0,
		RunEnd:    len(text),
		Direction: dir,
		Language:  language.NewLanguage(st.Lang),
	}, &s.fmap)
	if len(s.fmap.missing) > 0 {
		return nil, &MissingGlyphError{Runes: slices.Clone(s.fmap.missing)}
	}
	return inputs, nil
}

// shapeRun shapes one run of text at bidi level level, measured in ems of
// the nominal size. The glyphs HarfBuzz keeps for characters that are not
// drawn are dropped; any other character the face lacks is a
// MissingGlyphError.
func (s *Shaper) shapeRun(text []rune, in shaping.Input, level bidi.Level) (shapedRun, error) {
	f := s.back[in.Face]
	upem := f.Upem()
	in.Size = fixed.I(int(upem))
	em := f.Scale / upem / 64 // 26.6 font units to ems of the nominal size
	out := s.hb.Shape(in)
	run := shapedRun{face: f, start: in.RunStart, end: in.RunEnd, level: level}
	run.glyphs = make([]shapedGlyph, 0, len(out.Glyphs))
	for _, g := range out.Glyphs {
		r := text[g.TextIndex()]
		if g.GlyphID == 0 || g.Advance == 0 && bidiControl(r) {
			if needsNoGlyph(r) {
				continue // HarfBuzz keeps a place for an ignorable: draw nothing
			}
			return shapedRun{}, &MissingGlyphError{Runes: []rune{r}}
		}
		run.glyphs = append(run.glyphs, newShapedGlyph(g, em))
	}
	return run, nil
}

// newShapedGlyph converts a glyph HarfBuzz placed in 26.6 font units to
// ems, em being the size of one unit.
func newShapedGlyph(g shaping.Glyph, em float64) shapedGlyph {
	return shapedGlyph{
		id:      uint16(g.GlyphID),
		advance: float32(float64(g.Advance) * em),
		dx:      float32(float64(g.XOffset) * em),
		dy:      float32(float64(g.YOffset) * em),
		top:     float32(float64(g.YOffset+g.YBearing) * em),
		bottom:  float32(float64(g.YOffset+g.YBearing+g.Height) * em),
		cluster: int32(g.TextIndex()),
	}
}

// addRun adds a shaped run, the next in logical order, to the paragraph:
// its glyphs' advances to their clusters' first runes, and its clusters.
func (p *Paragraph) addRun(run shapedRun) {
	for _, g := range run.glyphs {
		p.advance[g.cluster] += float64(g.advance)
	}
	p.clusters(&run)
	run.ordered = slices.IsSortedFunc(run.glyphs, func(a, b shapedGlyph) int {
		if run.level%2 == 1 {
			a, b = b, a
		}
		return cmp.Compare(a.cluster, b.cluster)
	})
	p.runs = append(p.runs, run)
}

// hyphenFor returns the hyphen that a line of a paragraph in style st
// broken inside a word ends with: none in a right-to-left paragraph (str
// being the hyphen itself, none either), nor when the face gives the hyphen
// other than as one glyph.
func (s *Shaper) hyphenFor(str string, st Style) (*Paragraph, error) {
	if st.RTL || str == "-" {
		return nil, nil
	}
	h, err := s.Shape("-", Style{Weight: st.Weight, Lang: st.Lang})
	if err != nil {
		return nil, err
	}
	if len(h.runs) != 1 || len(h.runs[0].glyphs) != 1 {
		return nil, nil
	}
	return h, nil
}
