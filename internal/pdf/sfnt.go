package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
)

// sfnt is a TrueType font file split into its tables, with the glyph
// locations decoded: parsed once per font per process and shared.
type sfnt struct {
	name      string
	tables    map[string][]byte
	upem      uint16
	numGlyphs int
	numHM     int      // hhea.numberOfHMetrics
	loca      []uint32 // numGlyphs+1 offsets into glyf
	copyright string
	psName    string // PostScript name, from the name table
}

// readLoca reads the loca table, whose offsets are long (32 bits) or
// short, and checks that every glyph lies inside the glyf table.
func (f *sfnt) readLoca(long bool) error {
	loca := f.tables["loca"]
	f.loca = make([]uint32, f.numGlyphs+1)
	for i := range f.loca {
		if long {
			if len(loca) < 4*i+4 {
				return errors.New("short loca table")
			}
			f.loca[i] = binary.BigEndian.Uint32(loca[4*i:])
		} else {
			if len(loca) < 2*i+2 {
				return errors.New("short loca table")
			}
			f.loca[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		}
		if f.loca[i] > uint32(len(f.tables["glyf"])) || (i > 0 && f.loca[i] < f.loca[i-1]) {
			return fmt.Errorf("glyph %d lies outside the glyf table", i)
		}
	}
	return nil
}

func parseSFNT(name string, data []byte) (*sfnt, error) {
	if len(data) < 12 {
		return nil, errors.New("font file too short")
	}
	switch binary.BigEndian.Uint32(data) {
	case 0x00010000, 0x74727565:
	default:
		return nil, errors.New("not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("truncated table directory")
	}
	f := &sfnt{name: name, tables: make(map[string][]byte, n)}
	for i := range n {
		rec := data[12+16*i:]
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return nil, fmt.Errorf("table %q lies outside the file", rec[:4])
		}
		f.tables[string(rec[:4])] = data[off : off+length]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "OS/2", "post"} {
		if _, ok := f.tables[t]; !ok {
			return nil, fmt.Errorf("no %s table", t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("short head, hhea or maxp table")
	}
	f.upem = binary.BigEndian.Uint16(head[18:])
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	f.numHM = int(binary.BigEndian.Uint16(hhea[34:]))
	if f.numHM == 0 || len(f.tables["hmtx"]) < 4*f.numHM+2*(f.numGlyphs-f.numHM) {
		return nil, errors.New("bad hmtx table")
	}
	if err := f.readLoca(binary.BigEndian.Uint16(head[50:]) == 1); err != nil {
		return nil, err
	}
	f.copyright = nameString(f.tables["name"], 0)
	f.psName = nameString(f.tables["name"], 6)
	return f, nil
}

// glyph returns the raw glyf data of glyph id (empty for a blank glyph).
func (f *sfnt) glyph(id uint16) []byte {
	if int(id) >= f.numGlyphs {
		return nil
	}
	return f.tables["glyf"][f.loca[id]:f.loca[id+1]]
}

// hmetric returns advance width and left side bearing of glyph id.
func (f *sfnt) hmetric(id uint16) (uint16, int16) {
	hmtx := f.tables["hmtx"]
	if int(id) < f.numHM {
		return binary.BigEndian.Uint16(hmtx[4*int(id):]), int16(binary.BigEndian.Uint16(hmtx[4*int(id)+2:]))
	}
	adv := binary.BigEndian.Uint16(hmtx[4*(f.numHM-1):])
	return adv, int16(binary.BigEndian.Uint16(hmtx[4*f.numHM+2*(int(id)-f.numHM):]))
}

// Composite glyph flags.
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
	haveInstruction = 0x0100
)

// components calls fn with the offset of each component glyph index inside
// a composite glyph, and returns the offset where instructions would start.
func components(g []byte, fn func(at int)) (end int, flags uint16, err error) {
	at := 10
	for {
		if at+4 > len(g) {
			return 0, 0, errors.New("truncated composite glyph")
		}
		flags = binary.BigEndian.Uint16(g[at:])
		fn(at + 2)
		at += 4
		if flags&argsAreWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&haveTwoByTwo != 0:
			at += 8
		}
		if flags&moreComponents == 0 {
			if at > len(g) {
				return 0, 0, errors.New("truncated composite glyph")
			}
			return at, flags, nil
		}
	}
}

// unhinted returns glyph data without TrueType instructions: the subset
// carries no font program, so the instructions could not run anyway, and
// dropping them makes the embedded font smaller.
func unhinted(g []byte) ([]byte, error) {
	if len(g) < 10 {
		return g, nil
	}
	contours := int16(binary.BigEndian.Uint16(g))
	if contours < 0 {
		end, flags, err := components(g, func(int) {})
		if err != nil {
			return nil, err
		}
		if flags&haveInstruction == 0 {
			return g[:end], nil
		}
		out := slices.Clone(g[:end])
		// clear the flag on the last component
		at := 10
		for {
			fl := binary.BigEndian.Uint16(out[at:])
			next := at + 4
			if fl&argsAreWords != 0 {
				next += 4
			} else {
				next += 2
			}
			switch {
			case fl&haveScale != 0:
				next += 2
			case fl&haveXYScale != 0:
				next += 4
			case fl&haveTwoByTwo != 0:
				next += 8
			}
			if fl&moreComponents == 0 {
				binary.BigEndian.PutUint16(out[at:], fl&^haveInstruction)
				return out, nil
			}
			at = next
		}
	}
	lenAt := 10 + 2*int(contours)
	if lenAt+2 > len(g) {
		return nil, errors.New("truncated simple glyph")
	}
	n := int(binary.BigEndian.Uint16(g[lenAt:]))
	if lenAt+2+n > len(g) {
		return nil, errors.New("truncated glyph instructions")
	}
	out := make([]byte, 0, len(g)-n)
	out = append(out, g[:lenAt]...)
	out = append(out, 0, 0)
	out = append(out, g[lenAt+2+n:]...)
	return out, nil
}

// subsetGlyph is one glyph wanted in a subset: a glyph of a source font
// and the character code the PDF will use for it.
type subsetGlyph struct {
	src  *sfnt
	id   uint16
	code uint16
	// advance, when not negative, replaces the glyph's advance width in
	// font units: the one the shaper gave it everywhere in the document.
	advance int
}

// buildSubset writes a TrueType font holding .notdef, the wanted glyphs and
// the components they use, with a cmap that maps each code to its glyph.
// The sources must share units per em. It merges glyphs of several fonts
// (Latin, Arabic, Ethiopic …) into one font file for the PDF.
func buildSubset(psName string, want []subsetGlyph) ([]byte, error) {
	if len(want) == 0 {
		return nil, errors.New("empty subset")
	}
	first := want[0].src
	sub := &subset{first: first, newID: map[glyphKey]uint16{}}
	if err := sub.add(glyphKey{first, 0}); err != nil {
		return nil, err
	}
	codes := map[uint16]uint16{}
	advances := map[glyphKey]int{}
	for _, w := range want {
		k := glyphKey{w.src, w.id}
		if err := sub.add(k); err != nil {
			return nil, err
		}
		codes[w.code] = sub.newID[k]
		if w.advance >= 0 {
			advances[k] = w.advance
		}
	}
	file, _, err := sub.font(psName, codes, advances)
	return file, err
}

// font writes the subset as a TrueType font file named psName whose cmap
// maps each code of codes to its glyph, with advances replacing glyphs'
// advance widths, and returns it with the glyphs' bounding box.
func (sub *subset) font(psName string, codes map[uint16]uint16, advances map[glyphKey]int) ([]byte, [4]int16, error) {
	glyf, loca, hmtx, box, err := sub.glyphs(advances)
	if err != nil {
		return nil, box, err
	}
	first := sub.first
	post := slices.Clone(first.tables["post"][:32])
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names
	tables := map[string][]byte{
		"cmap": cmapFormat4(codes),
		"glyf": glyf,
		"head": sub.head(box),
		"hhea": sub.hhea(),
		"hmtx": hmtx,
		"loca": loca,
		"maxp": sub.maxp(),
		"name": nameTable(psName, first.copyright),
		"OS/2": first.tables["OS/2"],
		"post": post,
	}
	return writeSFNT(tables), box, nil
}

// subsetTag is the six capital letters a subset font's name begins with,
// made from a hash of what the subset holds.
func subsetTag(sum uint64) string {
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + byte(sum%26)
		sum /= 26
	}
	return string(tag[:])
}

// glyphKey is a glyph of a source font.
type glyphKey struct {
	src *sfnt
	id  uint16
}

// subset is the glyphs of a subset font, merged from source fonts with
// the units per em of the first: each glyph's new id, and the glyphs in
// the order of their new ids.
type subset struct {
	first *sfnt
	newID map[glyphKey]uint16
	order []glyphKey
}

// add adds a glyph and the components it is made of.
func (sub *subset) add(k glyphKey) error {
	if _, ok := sub.newID[k]; ok {
		return nil
	}
	if k.src.upem != sub.first.upem {
		return fmt.Errorf("%s has %d units per em, %s has %d", k.src.name, k.src.upem, sub.first.name, sub.first.upem)
	}
	if int(k.id) >= k.src.numGlyphs {
		return fmt.Errorf("%s has no glyph %d", k.src.name, k.id)
	}
	if len(sub.order) == 0xFFFF {
		return errors.New("more than 65535 glyphs")
	}
	sub.newID[k] = uint16(len(sub.order))
	sub.order = append(sub.order, k)
	g := k.src.glyph(k.id)
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	var comps []uint16
	if _, _, err := components(g, func(at int) { comps = append(comps, binary.BigEndian.Uint16(g[at:])) }); err != nil {
		return fmt.Errorf("%s glyph %d: %w", k.src.name, k.id, err)
	}
	for _, c := range comps {
		if err := sub.add(glyphKey{k.src, c}); err != nil {
			return err
		}
	}
	return nil
}

// glyphs returns the glyf, loca (long) and hmtx tables of the subset,
// with the advances given replacing the fonts', and the bounding box of
// all glyphs (xMin, yMin, xMax, yMax).
func (sub *subset) glyphs(advances map[glyphKey]int) (glyf, loca, hmtx []byte, box [4]int16, err error) {
	box = [4]int16{0x7FFF, 0x7FFF, -0x8000, -0x8000}
	for _, k := range sub.order {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		g, err := sub.glyph(k)
		if err != nil {
			return nil, nil, nil, box, err
		}
		if len(g) >= 10 {
			box[0] = min(box[0], int16(binary.BigEndian.Uint16(g[2:])))
			box[1] = min(box[1], int16(binary.BigEndian.Uint16(g[4:])))
			box[2] = max(box[2], int16(binary.BigEndian.Uint16(g[6:])))
			box[3] = max(box[3], int16(binary.BigEndian.Uint16(g[8:])))
		}
		glyf = append(glyf, g...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		adv, lsb := k.src.hmetric(k.id)
		if a, ok := advances[k]; ok {
			adv = uint16(a)
		}
		hmtx = binary.BigEndian.AppendUint16(hmtx, adv)
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(lsb))
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
	if box[0] > box[2] {
		box = [4]int16{}
	}
	return glyf, loca, hmtx, box, nil
}

// glyph returns the outline of a glyph without hints, a composite's
// components renumbered to their new ids.
func (sub *subset) glyph(k glyphKey) ([]byte, error) {
	g, err := unhinted(k.src.glyph(k.id))
	if err != nil {
		return nil, fmt.Errorf("%s glyph %d: %w", k.src.name, k.id, err)
	}
	if len(g) >= 10 && int16(binary.BigEndian.Uint16(g)) < 0 {
		g = slices.Clone(g)
		if _, _, err := components(g, func(at int) {
			binary.BigEndian.PutUint16(g[at:], sub.newID[glyphKey{k.src, binary.BigEndian.Uint16(g[at:])}])
		}); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// head returns the subset's head table, with the bounding box box and
// long loca offsets.
func (sub *subset) head(box [4]int16) []byte {
	head := slices.Clone(sub.first.tables["head"][:54])
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	for i, v := range box {
		binary.BigEndian.PutUint16(head[36+2*i:], uint16(v))
	}
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	return head
}

// hhea returns the subset's hhea table: the largest ascender and
// descender of the source fonts.
func (sub *subset) hhea() []byte {
	hhea := slices.Clone(sub.first.tables["hhea"][:36])
	var asc, desc int16
	for _, k := range sub.order {
		h := k.src.tables["hhea"]
		asc = max(asc, int16(binary.BigEndian.Uint16(h[4:])))
		desc = min(desc, int16(binary.BigEndian.Uint16(h[6:])))
	}
	binary.BigEndian.PutUint16(hhea[4:], uint16(asc))
	binary.BigEndian.PutUint16(hhea[6:], uint16(desc))
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(sub.order)))
	return hhea
}

// maxp returns the subset's maxp table.
func (sub *subset) maxp() []byte {
	maxp := slices.Clone(sub.first.tables["maxp"])
	if len(maxp) >= 32 {
		// version 1.0: profile values are the largest of the sources
		for _, k := range sub.order {
			m := k.src.tables["maxp"]
			if len(m) < 32 {
				continue
			}
			for at := 6; at < 32; at += 2 {
				binary.BigEndian.PutUint16(maxp[at:], max(binary.BigEndian.Uint16(maxp[at:]), binary.BigEndian.Uint16(m[at:])))
			}
		}
		maxp = maxp[:32]
	}
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(sub.order)))
	return maxp
}

// cmapFormat4 builds a cmap table with one (3,1) format 4 subtable.
func cmapFormat4(codes map[uint16]uint16) []byte {
	keys := make([]uint16, 0, len(codes))
	for c := range codes {
		if c != 0xFFFF {
			keys = append(keys, c)
		}
	}
	slices.Sort(keys)
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, c := range keys {
		d := codes[c] - c
		if n := len(segs); n > 0 && segs[n-1].end+1 == c && segs[n-1].delta == d {
			segs[n-1].end = c
			continue
		}
		segs = append(segs, seg{c, c, d})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	sub := make([]byte, 0, 16+8*n)
	sub = binary.BigEndian.AppendUint16(sub, 4)
	sub = binary.BigEndian.AppendUint16(sub, uint16(16+8*n))
	sub = binary.BigEndian.AppendUint16(sub, 0)
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*n))
	sr := 1
	es := 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*sr))
	sub = binary.BigEndian.AppendUint16(sub, uint16(es))
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*n-2*sr))
	for _, s := range segs {
		sub = binary.BigEndian.AppendUint16(sub, s.end)
	}
	sub = binary.BigEndian.AppendUint16(sub, 0)
	for _, s := range segs {
		sub = binary.BigEndian.AppendUint16(sub, s.start)
	}
	for _, s := range segs {
		sub = binary.BigEndian.AppendUint16(sub, s.delta)
	}
	for range segs {
		sub = binary.BigEndian.AppendUint16(sub, 0)
	}
	out := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(out, sub...)
}

// nameTable builds a name table with the few records a PDF reader looks at.
func nameTable(psName, copyright string) []byte {
	recs := []struct {
		id uint16
		s  string
	}{{0, copyright}, {1, psName}, {2, "Regular"}, {3, psName}, {4, psName}, {6, psName}}
	var strs []byte
	var out []byte
	count := 0
	for _, r := range recs {
		if r.s != "" {
			count++
		}
	}
	out = binary.BigEndian.AppendUint16(out, 0)
	out = binary.BigEndian.AppendUint16(out, uint16(count))
	out = binary.BigEndian.AppendUint16(out, uint16(6+12*count))
	for _, r := range recs {
		if r.s == "" {
			continue
		}
		var enc []byte
		for _, c := range r.s {
			if c > 0xFFFF {
				c = '?'
			}
			enc = binary.BigEndian.AppendUint16(enc, uint16(c))
		}
		for _, v := range []uint16{3, 1, 0x409, r.id, uint16(len(enc)), uint16(len(strs))} {
			out = binary.BigEndian.AppendUint16(out, v)
		}
		strs = append(strs, enc...)
	}
	return append(out, strs...)
}

// nameString returns the Windows English name record id, or "".
func nameString(t []byte, id uint16) string {
	if len(t) < 6 {
		return ""
	}
	n, base := int(binary.BigEndian.Uint16(t[2:])), int(binary.BigEndian.Uint16(t[4:]))
	for i := range n {
		if 6+12*i+12 > len(t) {
			return ""
		}
		r := t[6+12*i:]
		if binary.BigEndian.Uint16(r) != 3 || binary.BigEndian.Uint16(r[2:]) != 1 ||
			binary.BigEndian.Uint16(r[4:]) != 0x409 || binary.BigEndian.Uint16(r[6:]) != id {
			continue
		}
		l, off := int(binary.BigEndian.Uint16(r[8:])), base+int(binary.BigEndian.Uint16(r[10:]))
		if off+l > len(t) {
			return ""
		}
		var rs []rune
		for j := 0; j+1 < l; j += 2 {
			rs = append(rs, rune(binary.BigEndian.Uint16(t[off+j:])))
		}
		return string(rs)
	}
	return ""
}

// writeSFNT assembles tables into a font file: sorted directory, 4-byte
// aligned tables, checksums and head.checkSumAdjustment.
func writeSFNT(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16*sr))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16*sr))
	headAt := 0
	for i, t := range tags {
		data := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(data)))
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
