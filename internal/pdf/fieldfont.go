package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"
	"sync"

	"formgen/internal/text"
)

// fieldFontName is the font's resource name in /DR and /DA.
const fieldFontName = "FgSans"

// fieldCodes are the characters of the form fields' font by their code
// (0: none), 255 of them: what applicants type in Latin letters, in a
// simple font, since pdftk (iText 2) fills fields only with simple fonts.
// The codes of WinAnsiEncoding give ASCII, the letters of Latin-1
// (German, French, Spanish, Portuguese, Turkish ç ö ü, Kurmanji ê î û,
// Vietnamese â ê ô à á …), Š Œ Ž, quotes, dashes, € § ° « »; its other
// symbols' codes, its unused codes and the control codes are given by
// /Differences to the letters of Latin Extended-A that names use:
// Turkish ğ ı İ ş, Polish, Czech, Slovak, Hungarian, Romanian (with
// cedilla), Baltic, Croatian đ, Vietnamese ă đ ĩ ũ. Left out for want of
// codes: Esperanto, Maltese, Welsh ŵ ŷ, Sami, obsolete letters (ĸ ŉ ſ ŗ),
// and Latin beyond Extended-A (Azerbaijani ə, Romanian ș ț with comma,
// Vietnamese ơ ư and stacked tones: passports write these names without
// them).
var fieldCodes = func() [256]rune {
	var c [256]rune
	for r := rune(0x20); r <= 0x7E; r++ {
		c[r] = r
	}
	for r := rune(0xA0); r <= 0xFF; r++ {
		c[r] = r
	}
	for code, r := range map[int]rune{0x80: '€', 0x84: '„', 0x8A: 'Š', 0x8C: 'Œ', 0x8E: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“',
		0x94: '”', 0x96: '–', 0x97: '—', 0x9A: 'š', 0x9C: 'œ', 0x9E: 'ž', 0x9F: 'Ÿ'} {
		c[code] = r
	}
	free := []int{0x7F, 0x81, 0x82, 0x83, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8B, 0x8D, 0x8F, 0x90, 0x95, 0x98, 0x99, 0x9B, 0x9D, 0xD7, 0xF7}
	for code := 0x01; code <= 0x1F; code++ {
		free = append(free, code)
	}
	for code := 0xA1; code <= 0xBF; code++ {
		if code != 0xA7 && code != 0xAB && code != 0xB0 && code != 0xBB {
			free = append(free, code)
		}
	}
	sort.Ints(free)
	for i, d := range fieldDifferences {
		c[free[i]] = d.r
	}
	return c
}()

// fieldDifferences are the letters of Latin Extended-A the field font
// adds, with their glyph names (Adobe Glyph List, which every reader
// knows, pdftk's too).
var fieldDifferences = []struct {
	r    rune
	name string
}{
	{0x100, "Amacron"}, {0x101, "amacron"}, {0x102, "Abreve"}, {0x103, "abreve"}, {0x104, "Aogonek"}, {0x105, "aogonek"},
	{0x106, "Cacute"}, {0x107, "cacute"}, {0x10C, "Ccaron"}, {0x10D, "ccaron"}, {0x10E, "Dcaron"}, {0x10F, "dcaron"},
	{0x110, "Dcroat"}, {0x111, "dcroat"}, {0x112, "Emacron"}, {0x113, "emacron"}, {0x116, "Edotaccent"}, {0x117, "edotaccent"},
	{0x118, "Eogonek"}, {0x119, "eogonek"}, {0x11A, "Ecaron"}, {0x11B, "ecaron"}, {0x11E, "Gbreve"}, {0x11F, "gbreve"},
	{0x122, "Gcommaaccent"}, {0x123, "gcommaaccent"}, {0x128, "Itilde"}, {0x129, "itilde"}, {0x12A, "Imacron"}, {0x12B, "imacron"},
	{0x12E, "Iogonek"}, {0x12F, "iogonek"}, {0x130, "Idotaccent"}, {0x131, "dotlessi"}, {0x136, "Kcommaaccent"}, {0x137, "kcommaaccent"},
	{0x139, "Lacute"}, {0x13A, "lacute"}, {0x13B, "Lcommaaccent"}, {0x13C, "lcommaaccent"}, {0x13D, "Lcaron"}, {0x13E, "lcaron"},
	{0x141, "Lslash"}, {0x142, "lslash"}, {0x143, "Nacute"}, {0x144, "nacute"}, {0x145, "Ncommaaccent"}, {0x146, "ncommaaccent"},
	{0x147, "Ncaron"}, {0x148, "ncaron"}, {0x14C, "Omacron"}, {0x14D, "omacron"}, {0x150, "Ohungarumlaut"}, {0x151, "ohungarumlaut"},
	{0x158, "Rcaron"}, {0x159, "rcaron"}, {0x15A, "Sacute"}, {0x15B, "sacute"}, {0x15E, "Scedilla"}, {0x15F, "scedilla"},
	{0x162, "Tcommaaccent"}, {0x163, "tcommaaccent"}, {0x164, "Tcaron"}, {0x165, "tcaron"}, {0x168, "Utilde"}, {0x169, "utilde"},
	{0x16A, "Umacron"}, {0x16B, "umacron"}, {0x16E, "Uring"}, {0x16F, "uring"}, {0x170, "Uhungarumlaut"}, {0x171, "uhungarumlaut"},
	{0x172, "Uogonek"}, {0x173, "uogonek"}, {0x179, "Zacute"}, {0x17A, "zacute"}, {0x17B, "Zdotaccent"}, {0x17C, "zdotaccent"},
}

// fieldFont is the font typed text is set in, embedded once per document
// (PDF/UA wants every font embedded, and Helvetica has no Ğ or ł): a
// simple TrueType font of the characters of fieldCodes, WinAnsiEncoding
// with /Differences, and a ToUnicode map; the embedded subset maps each
// character to its glyph in a (3,1) cmap, which viewers reach through
// the glyph names. Its objects do not depend on the document; they are
// made once per face (Fonts.field) and copied into each form.
type fieldFont struct {
	baseFont string
	file     []byte // FontFile2, compressed
	length1  int    // its length uncompressed
	toUni    []byte // compressed
	widths   string // the /Widths array, codes 1 to 255
	enc      string // the /Encoding dictionary
	desc     string // the FontDescriptor's entries, but /FontFile2
	// the font file's and the ToUnicode map's objects, made on first use
	// and shared by every document
	once    sync.Once
	streams [2]string
}

// fieldFontFor returns the field font made from the face among faces
// (those of the document) that has the most of fieldCodes, preferring the
// regular weight.
func fieldFontFor(faces []*text.Face, fonts *Fonts) (*fieldFont, error) {
	var best *text.Face
	bestN := 0
	sort.Slice(faces, func(i, j int) bool { return faces[i].File < faces[j].File })
	for _, f := range faces {
		if f.Weight != text.Regular {
			continue
		}
		n := 0
		for _, r := range fieldCodes {
			if r != 0 && f.Covers(r) {
				n++
			}
		}
		if n > bestN {
			best, bestN = f, n
		}
	}
	if best == nil {
		return nil, errors.New("no regular face for the form fields")
	}
	fonts.mu.Lock()
	ff := fonts.field[best]
	fonts.mu.Unlock()
	if ff != nil {
		return ff, nil
	}
	src, err := fonts.get(best)
	if err != nil {
		return nil, err
	}
	ff, err = makeFieldFont(best, src)
	if err != nil {
		return nil, fmt.Errorf("field font %s: %w", best.File, err)
	}
	fonts.mu.Lock()
	defer fonts.mu.Unlock()
	if fonts.field == nil {
		fonts.field = map[*text.Face]*fieldFont{}
	}
	fonts.field[best] = ff
	return ff, nil
}

// makeFieldFont builds the field font from face f, parsed as src: a
// TrueType subset of the characters of fieldCodes it has, and its PDF
// objects' contents.
func makeFieldFont(f *text.Face, src *sfnt) (*fieldFont, error) {
	sub, gids, err := fieldSubset(f, src)
	if err != nil {
		return nil, err
	}
	ps := src.psName
	if ps == "" {
		ps = strings.TrimSuffix(f.File[strings.LastIndexByte(f.File, '/')+1:], ".ttf")
	}
	unicode := fieldCmap(sub, src, gids)
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%d", src.name, len(unicode))
	ff := &fieldFont{baseFont: subsetTag(h.Sum64()) + "+" + psSafe(ps)}
	file, box, err := sub.font(ff.baseFont[7:], unicode, nil)
	if err != nil {
		return nil, err
	}
	ff.length1 = len(file)
	unit := func(v int) int { return int(float64(v)*1000/float64(src.upem) + 0.5) }
	var cmap string
	ff.widths, cmap = fieldWidthsAndMap(src, gids, unit)
	ff.enc = fieldEncoding()
	ff.desc = fieldDescriptor(ff.baseFont, src, box, unit)
	if ff.file, err = deflate([]byte(file)); err != nil {
		return nil, err
	}
	if ff.toUni, err = deflate([]byte(cmap)); err != nil {
		return nil, err
	}
	return ff, nil
}

// fieldSubset starts a subset of src with the glyphs of the characters of
// fieldCodes that face f has, and returns it with the source glyph of
// every code (0 for a character f lacks).
func fieldSubset(f *text.Face, src *sfnt) (*subset, *[256]uint16, error) {
	sub := &subset{first: src, newID: map[glyphKey]uint16{}}
	if err := sub.add(glyphKey{src, 0}); err != nil {
		return nil, nil, err
	}
	var gids [256]uint16
	for code, r := range fieldCodes {
		if r == 0 {
			continue
		}
		g, ok := f.NominalGlyph(r)
		if !ok {
			continue
		}
		gids[code] = g
		if err := sub.add(glyphKey{src, g}); err != nil {
			return nil, nil, err
		}
	}
	return sub, &gids, nil
}

// fieldCmap maps each character of the subset to its glyph there, for
// the font file's own cmap table.
func fieldCmap(sub *subset, src *sfnt, gids *[256]uint16) map[uint16]uint16 {
	unicode := map[uint16]uint16{}
	for code, r := range fieldCodes {
		if gids[code] != 0 {
			unicode[uint16(r)] = sub.newID[glyphKey{src, gids[code]}]
		}
	}
	return unicode
}

// fieldWidthsAndMap returns the font's /Widths array for codes 1 to 255
// and its ToUnicode map, one range per run of codes whose characters
// follow each other too.
func fieldWidthsAndMap(src *sfnt, gids *[256]uint16, unit func(int) int) (widths, cmap string) {
	var w, m strings.Builder
	w.WriteByte('[')
	m.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n")
	var ranges []string
	for code := 1; code < 256; code++ {
		adv, _ := src.hmetric(gids[code])
		if code > 1 {
			w.WriteByte(' ')
		}
		w.WriteString(strconv.Itoa(unit(int(adv))))
		if gids[code] == 0 {
			continue
		}
		end := code
		for end+1 < 256 && gids[end+1] != 0 && fieldCodes[end+1] == fieldCodes[end]+1 {
			end++
		}
		ranges = append(ranges, fmt.Sprintf("<%02X> <%02X> <%04X>", code, end, fieldCodes[code]))
		for c := code + 1; c <= end; c++ {
			adv, _ := src.hmetric(gids[c])
			w.WriteString(" " + strconv.Itoa(unit(int(adv))))
		}
		code = end
	}
	w.WriteByte(']')
	for i := 0; i < len(ranges); i += 100 {
		end := min(i+100, len(ranges))
		fmt.Fprintf(&m, "%d beginbfrange\n%s\nendbfrange\n", end-i, strings.Join(ranges[i:end], "\n"))
	}
	m.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return w.String(), m.String()
}

// fieldEncoding is the font's /Encoding: its differences from
// WinAnsiEncoding, a run of codes after its first code.
func fieldEncoding() string {
	var enc strings.Builder
	enc.WriteString("<</Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [")
	names := map[rune]string{}
	for _, d := range fieldDifferences {
		names[d.r] = d.name
	}
	prev := -2
	for code, r := range fieldCodes {
		n, ok := names[r]
		if !ok {
			continue
		}
		if code != prev+1 {
			if prev >= 0 {
				enc.WriteByte(' ')
			}
			enc.WriteString(strconv.Itoa(code))
		}
		enc.WriteString(" /" + n)
		prev = code
	}
	enc.WriteString("]>>")
	return enc.String()
}

// fieldDescriptor is the entries of the font's FontDescriptor but
// /FontFile2, box being the subset's bounding box in font units.
func fieldDescriptor(baseFont string, src *sfnt, box [4]int16, unit func(int) int) string {
	hhea := src.tables["hhea"]
	asc, desc := int16(binary.BigEndian.Uint16(hhea[4:])), int16(binary.BigEndian.Uint16(hhea[6:]))
	capH := asc * 7 / 10
	if os2 := src.tables["OS/2"]; len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		capH = int16(binary.BigEndian.Uint16(os2[88:]))
	}
	return fmt.Sprintf("/Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [%d %d %d %d] /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 80",
		baseFont, unit(int(box[0])), unit(int(box[1])), unit(int(box[2])), unit(int(box[3])), unit(int(asc)), unit(int(desc)), unit(int(capH)))
}

// deflate compresses a stream's data as zlib at the best compression.
func deflate(in []byte) ([]byte, error) {
	var b bytes.Buffer
	zw, err := zlib.NewWriterLevel(&b, zlib.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(in); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// fieldFontObjects is the number of objects of the field font.
const fieldFontObjects = 4

// objects returns the font's fieldFontObjects objects, numbered from
// first on: the font (first), its descriptor, font file and ToUnicode map.
func (ff *fieldFont) objects(first int) []string {
	stream := func(dict string, data []byte) string {
		return fmt.Sprintf("<<%s /Filter /FlateDecode /Length %d>>\nstream\n%s\nendstream", dict, len(data), data)
	}
	ff.once.Do(func() {
		ff.streams = [2]string{stream(fmt.Sprintf(" /Length1 %d", ff.length1), ff.file), stream("", ff.toUni)}
	})
	return []string{
		fmt.Sprintf("<</Type /Font /Subtype /TrueType /BaseFont /%s /FirstChar 1 /LastChar 255 /Widths %s /Encoding %s /FontDescriptor %d 0 R /ToUnicode %d 0 R>>",
			ff.baseFont, ff.widths, ff.enc, first+1, first+3),
		fmt.Sprintf("<<%s /FontFile2 %d 0 R>>", ff.desc, first+2),
		ff.streams[0],
		ff.streams[1],
	}
}
