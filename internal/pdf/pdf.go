// Package pdf writes laid-out documents as PDF through fpdf, and is the only
// package that imports it.
//
// fpdf cannot shape text, so it never sees any: the text layer hands over
// positioned glyphs, and this package
//
//   - builds, per document and weight, one TrueType font holding exactly the
//     glyphs used, merged from every face of the stack (Latin, Arabic,
//     Ethiopic …), with a cmap that gives each glyph a character code: the
//     character it stands for where the glyph is the font's own glyph for
//     that one character, else a code of the Private Use Area;
//   - draws glyphs with fpdf's Text, one call per stretch of glyphs whose
//     positions the font's own advances reproduce;
//   - wraps every glyph cluster that is not its own character (ligatures,
//     joined Arabic forms, every cluster of a right-to-left run) in an
//     ActualText span, so that copying and searching give back the text as
//     written.
//
// fpdf then subsets and embeds those small fonts as usual.
package pdf

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"formgen/internal/layout"
	"formgen/internal/text"
)

// Fonts holds the font files parsed for subsetting; share one across all
// documents of a process so that each font is parsed once.
type Fonts struct {
	mu     sync.Mutex
	parsed map[*text.Face]*sfnt
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
}

// pdfFont is one embedded font of a document: the glyphs of every face of
// one weight (and one em size).
type pdfFont struct {
	name  string
	upem  uint16
	used  map[uint16]bool // character codes given out
	glyph []subsetGlyph
	pua   uint16 // next Private Use Area code to try
}

// faceGlyphs is what a document does with the glyphs of one face, by
// glyph id.
type faceGlyphs struct {
	pf      *pdfFont
	src     *sfnt
	code    []uint16 // character code in pf; 0 for a glyph not used
	advance []int32  // advance in font units where every use agrees, else -1
	natural []rune   // the one character the glyph stands for, or -1
}

type fontKey struct {
	weight text.Weight
	upem   uint16
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
	fontsByKey, faces, err := planFonts(doc, fonts)
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
	info := doc.Info
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
	keys := make([]fontKey, 0, len(fontsByKey))
	for k := range fontsByKey {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].weight != keys[j].weight {
			return keys[i].weight < keys[j].weight
		}
		return keys[i].upem < keys[j].upem
	})
	for _, k := range keys {
		pf := fontsByKey[k]
		ttf, err := buildSubset("FormgenSubset"+pf.name, pf.glyph)
		if err != nil {
			return fmt.Errorf("font subset %s: %w", pf.name, err)
		}
		pdf.AddUTF8FontFromBytes(pf.name, "", ttf)
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("font subset %s: %w", pf.name, err)
		}
	}

	e := emitter{pdf: pdf, faces: faces}
	for _, page := range doc.Pages {
		pdf.AddPage()
		e.font, e.size = nil, 0
		for _, it := range page.Items {
			switch it := it.(type) {
			case layout.TextLine:
				e.textLine(it)
			case layout.Rect:
				e.rect(it)
			case layout.Rule:
				e.rule(it)
			case layout.Circle:
				if it.Fill != nil {
					e.pdf.SetFillColor(int(it.Fill.R), int(it.Fill.G), int(it.Fill.B))
					e.pdf.Circle(it.X, it.Y, it.R, "F")
					continue
				}
				e.pdf.SetDrawColor(int(it.Stroke.R), int(it.Stroke.G), int(it.Stroke.B))
				e.pdf.SetLineWidth(it.Width)
				e.pdf.Circle(it.X, it.Y, it.R, "D")
			}
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// planFonts gives every glyph of the document its font and character code.
func planFonts(doc *layout.Document, fonts *Fonts) (map[fontKey]*pdfFont, map[*text.Face]*faceGlyphs, error) {
	out := map[fontKey]*pdfFont{}
	faces := map[*text.Face]*faceGlyphs{}
	type first struct {
		fg *faceGlyphs
		id uint16
	}
	var order []first // glyphs in order of first use, for stable codes
	for _, page := range doc.Pages {
		for _, it := range page.Items {
			tl, ok := it.(layout.TextLine)
			if !ok {
				continue
			}
			for _, run := range tl.Line.Runs {
				fg := faces[run.Face]
				if fg == nil {
					s, err := fonts.get(run.Face)
					if err != nil {
						return nil, nil, err
					}
					k := fontKey{run.Face.Weight, s.upem}
					pf := out[k]
					if pf == nil {
						pf = &pdfFont{
							name: fmt.Sprintf("F%d%s", len(out), strings.ToUpper(run.Face.Weight.String()[:1])),
							upem: s.upem,
							used: map[uint16]bool{},
							pua:  firstPUA,
						}
						out[k] = pf
					}
					fg = &faceGlyphs{pf: pf, src: s,
						code:    make([]uint16, s.numGlyphs),
						advance: make([]int32, s.numGlyphs),
						natural: make([]rune, s.numGlyphs)}
					faces[run.Face] = fg
				}
				unit := run.Face.Upem() / run.Size
				for _, g := range run.Glyphs {
					if int(g.ID) >= len(fg.code) {
						return nil, nil, fmt.Errorf("font %s has no glyph %d", run.Face.File, g.ID)
					}
					adv := int32(math.Round(g.Advance * unit))
					if fg.code[g.ID] == 0 {
						// first use; code 1 marks it seen until codes are given
						fg.code[g.ID], fg.advance[g.ID], fg.natural[g.ID] = 1, adv, -1
						order = append(order, first{fg, g.ID})
					} else if fg.advance[g.ID] != adv {
						// A glyph keeps one advance in the PDF: where the
						// shaper gave it the same advance in every use (zero
						// for every mark, say), the subset font says so, so
						// that a reader measures it as it is drawn.
						fg.advance[g.ID] = -1
					}
					if g.Char != 0 && fg.natural[g.ID] < 0 {
						fg.natural[g.ID] = g.Char
					}
				}
			}
		}
	}
	// Natural codes first, so that a glyph seen first inside a ligature
	// does not take the code its own character needs.
	for pass := range 2 {
		for _, u := range order {
			fg, pf := u.fg, u.fg.pf
			if pass == 1 && fg.code[u.id] != 1 {
				continue
			}
			var code uint16
			switch r := fg.natural[u.id]; {
			case pass == 0 && r >= 0x20 && r < firstPUA && !pf.used[uint16(r)]:
				code = uint16(r)
			case pass == 0:
				continue
			default:
				for pf.used[pf.pua] && pf.pua <= lastPUA {
					pf.pua++
				}
				if pf.pua > lastPUA {
					return nil, nil, fmt.Errorf("document needs more than %d glyphs that stand for no single character", lastPUA-firstPUA+1)
				}
				code = pf.pua
			}
			fg.code[u.id] = code
			pf.used[code] = true
			pf.glyph = append(pf.glyph, subsetGlyph{src: fg.src, id: u.id, code: code, advance: int(fg.advance[u.id])})
		}
	}
	return out, faces, nil
}

// emitter draws items on the current page, remembering the font state.
type emitter struct {
	pdf   *fpdf.Fpdf
	faces map[*text.Face]*faceGlyphs
	font  *pdfFont
	size  float64

	// the stretch of glyphs waiting for one Text call
	buf            []rune
	startX, startY float64
	nextX          float64
	pens           []float64
	firsts         []int
}

func (e *emitter) setFont(pf *pdfFont, size float64) {
	if e.font != pf || e.size != size {
		e.pdf.SetFont(pf.name, "", size)
		e.font, e.size = pf, size
	}
}

// textLine draws one line. Each run is cut into stretches that one Text
// call can draw: glyphs that follow each other by their own advance, at the
// same vertical offset, and, where text must be given explicitly, one
// cluster per stretch inside its ActualText span.
func (e *emitter) textLine(tl layout.TextLine) {
	e.pdf.SetTextColor(int(tl.Color.R), int(tl.Color.G), int(tl.Color.B))
	for _, run := range tl.Line.Runs {
		fg := e.faces[run.Face]
		pf := fg.pf
		e.flush()
		e.setFont(pf, run.Size)
		// pen position of every glyph, and where each cluster starts
		e.pens, e.firsts = e.pens[:0], append(e.firsts[:0], 0)
		pen := tl.X + run.X
		for _, g := range run.Glyphs {
			e.pens = append(e.pens, pen)
			pen += g.Advance
		}
		for c, cl := range run.Clusters {
			e.firsts = append(e.firsts, e.firsts[c]+cl.Glyphs)
		}
		for c, cl := range run.Clusters {
			glyphs := run.Glyphs[e.firsts[c]:e.firsts[c+1]]
			pens := e.pens[e.firsts[c]:e.firsts[c+1]]
			// A cluster that is not its own character gets an ActualText
			// span: a joined Arabic form, a ligature, a letter with marks.
			r, _ := utf8.DecodeRuneInString(cl.Text)
			explicit := !cl.Natural || rune(fg.code[glyphs[0].ID]) != r
			if explicit {
				e.flush()
				actual := cl.Text
				if run.RTL {
					// poppler spreads a span's characters from left to
					// right over its glyphs, then reads a right-to-left
					// line from the right: given reversed, a lam-alef or a
					// letter with its vowel marks comes out as written.
					actual = reverse(actual)
					// A mark that leads the run, seen from the left, would
					// not count as right-to-left and stay behind: an
					// Arabic letter mark (U+061C, invisible) before it
					// keeps it with its letter.
					if r, _ := utf8.DecodeRuneInString(actual); c == 0 && unicode.Is(unicode.Mn, r) {
						actual = "\u061c" + actual
					}
				}
				e.pdf.RawWriteStr("/Span <</ActualText <" + utf16Hex(actual) + ">>> BDC")
			}
			marks := false
			for _, i := range drawOrder(glyphs) {
				g := glyphs[i]
				if explicit && g.Advance == 0 && !marks && len(glyphs) > 1 {
					// Marks stand outside their base's advance; inside the
					// cluster's span they would widen it over the next
					// letter, which readers take for a word break. The
					// cluster's text is in the base's span already.
					marks = true
					if glyphs[drawOrder(glyphs)[0]].Advance != 0 {
						e.flush()
						e.pdf.RawWriteStr("EMC /Span <</ActualText <FEFF>>> BDC")
					}
				}
				x, y := pens[i]+g.XOffset, tl.Y-g.YOffset
				if len(e.buf) > 0 && (math.Abs(x-e.nextX) > 0.005 || math.Abs(y-e.startY) > 0.005) {
					e.flush()
				}
				if len(e.buf) == 0 {
					e.startX, e.startY = x, y
				}
				e.buf = append(e.buf, rune(fg.code[g.ID]))
				// the advance the PDF reader will use: fpdf writes widths
				// in thousandths of an em
				adv := int(fg.advance[g.ID])
				if adv < 0 {
					a, _ := fg.src.hmetric(g.ID)
					adv = int(a)
				}
				e.nextX = x + math.Round(float64(adv)*1000/float64(pf.upem))/1000*run.Size
			}
			if explicit {
				e.flush()
				e.pdf.RawWriteStr("EMC")
			}
		}
		e.flush()
	}
}

func (e *emitter) flush() {
	if len(e.buf) == 0 {
		return
	}
	e.pdf.Text(e.startX, e.startY, string(e.buf))
	e.buf = e.buf[:0]
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
// advance (the base letters) before those that do not (marks). The page
// looks the same, but a PDF reader that meets a mark after its base
// attaches it to the base.
func drawOrder(glyphs []text.Glyph) []int {
	if len(glyphs) == 1 {
		return single
	}
	order := make([]int, 0, len(glyphs))
	for i, g := range glyphs {
		if g.Advance != 0 {
			order = append(order, i)
		}
	}
	for i, g := range glyphs {
		if g.Advance == 0 {
			order = append(order, i)
		}
	}
	return order
}

var single = []int{0}
