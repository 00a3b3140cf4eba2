package text

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
)

// Weight selects the regular or the bold member of a font family.
type Weight uint8

// The weights a font stack provides.
const (
	Regular Weight = iota
	Bold
)

func (w Weight) String() string {
	if w == Bold {
		return "bold"
	}
	return "regular"
}

// ConfigFile is the name of the font stack declaration inside a fonts folder.
const ConfigFile = "fonts.toml"

// Face is one font file of the stack, parsed once and shared by every
// document and goroutine.
type Face struct {
	Name   string // family name from fonts.toml
	File   string // file name inside the fonts folder
	Weight Weight
	// Scale multiplies the size text is set at in this face, so that
	// scripts whose fonts look small at the same size (Arabic) read as
	// large as the Latin beside them.
	Scale float64

	scripts []language.Script
	// line metrics from fonts.toml, in ems; 0 takes the font's own
	lineAscent, lineDescent float64

	fsys     fs.FS // where the file is read from, on first use
	dataOnce sync.Once
	data     []byte
	dataErr  error

	once            sync.Once
	font            *font.Font // safe for concurrent use, unlike font.Face
	upem            float64
	ascent, descent float64 // font units, descent negative
	err             error
}

// parse parses the font on first use: a document in German never pays for
// the Arabic or Ethiopic fonts.
func (f *Face) parse() {
	f.once.Do(func() {
		data, err := f.Bytes()
		if err != nil {
			f.err = err
			return
		}
		face, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			f.err = fmt.Errorf("font %s: %w", f.File, err)
			return
		}
		f.font = face.Font
		f.upem = float64(face.Upem())
		ext, _ := face.FontHExtents()
		f.ascent, f.descent = float64(ext.Ascender), float64(ext.Descender)
	})
}

// Bytes returns the font file. It is read on first use: a document in
// German never reads the Arabic or Ethiopic fonts.
func (f *Face) Bytes() ([]byte, error) {
	f.dataOnce.Do(func() {
		f.data, f.dataErr = fs.ReadFile(f.fsys, f.File)
		if f.dataErr != nil {
			f.dataErr = fmt.Errorf("font %s: %w", f.File, f.dataErr)
		}
	})
	return f.data, f.dataErr
}

// Err reports whether the font could be parsed.
func (f *Face) Err() error {
	f.parse()
	return f.err
}

// NominalGlyph returns the glyph the face's cmap gives r.
func (f *Face) NominalGlyph(r rune) (uint16, bool) {
	f.parse()
	if f.err != nil {
		return 0, false
	}
	g, ok := f.font.Cmap.Lookup(r)
	return uint16(g), ok
}

// Covers reports whether the face maps r to a glyph.
func (f *Face) Covers(r rune) bool {
	_, ok := f.NominalGlyph(r)
	return ok
}

// Upem is the number of font units per em.
func (f *Face) Upem() float64 {
	f.parse()
	if f.err != nil {
		return 1000
	}
	return f.upem
}

// Metrics returns the font's ascent and descent (negative) in ems of the
// nominal size, its scale applied.
func (f *Face) Metrics() (ascent, descent float64) {
	f.parse()
	if f.err != nil {
		return 0.8, -0.2
	}
	a, d := f.ascent/f.upem, f.descent/f.upem
	if f.lineAscent > 0 {
		a = f.lineAscent
	}
	if f.lineDescent > 0 {
		d = -f.lineDescent
	}
	return f.Scale * a, f.Scale * d
}

// FontSet is the declared font stack: for each script, the faces to try in
// order, in a regular and a bold weight.
type FontSet struct {
	faces   []*Face  // regular and bold interleaved in declaration order
	covered sync.Map // rune -> bool: some face of each weight covers it
}

// fontConfig is fonts.toml: the faces of the stack, in the order they are
// tried.
type fontConfig struct {
	Face []faceConfig `toml:"face"`
}

// faceConfig is one [[face]] of fonts.toml: a family in two weights.
type faceConfig struct {
	Name    string   `toml:"name"`
	Regular string   `toml:"regular"`
	Bold    string   `toml:"bold"`
	Scripts []string `toml:"scripts"`
	Scale   float64  `toml:"scale"`   // 0 is 1
	Ascent  float64  `toml:"ascent"`  // ems; 0 takes the font's own
	Descent float64  `toml:"descent"` // ems below the baseline, positive; 0 takes the font's own
}

// ErrNotTrueType marks a font file that fpdf cannot embed: only TrueType
// outlines (a glyf table) with a Unicode BMP cmap work.
var ErrNotTrueType = errors.New("not a TrueType (glyf) font")

// LoadFontSet reads fonts.toml and every font it names from fsys. Each font
// is checked to be TrueType with glyf outlines; a font that fpdf could not use
// is an error here, not an empty text later. Every face's problems are
// reported together.
func LoadFontSet(fsys fs.FS) (*FontSet, error) {
	cfg, err := readFontConfig(fsys)
	if err != nil {
		return nil, err
	}
	set := &FontSet{}
	var errs []error
	for i, c := range cfg.Face {
		faces, faceErrs := c.load(fsys)
		for _, err := range faceErrs {
			errs = append(errs, fmt.Errorf("%s: face %d (%s): %w", ConfigFile, i+1, c.Name, err))
		}
		set.faces = append(set.faces, faces...)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return set, nil
}

// readFontConfig reads and strictly decodes fonts.toml.
func readFontConfig(fsys fs.FS) (*fontConfig, error) {
	raw, err := fs.ReadFile(fsys, ConfigFile)
	if err != nil {
		return nil, fmt.Errorf("font stack: %w", err)
	}
	var cfg fontConfig
	md, err := toml.Decode(string(raw), &cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ConfigFile, err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		return nil, fmt.Errorf("%s: unknown key %q", ConfigFile, keys[0].String())
	}
	if len(cfg.Face) == 0 {
		return nil, fmt.Errorf("%s: no [[face]] declared", ConfigFile)
	}
	return &cfg, nil
}

// load checks the face's settings and its two font files and returns its
// regular and bold Face. A face with a bad setting is not looked at
// further; otherwise every unknown script and every unusable file is
// reported.
func (c faceConfig) load(fsys fs.FS) ([]*Face, []error) {
	if c.Scale == 0 {
		c.Scale = 1
	}
	if err := c.check(); err != nil {
		return nil, []error{err}
	}
	scripts, errs := parseScripts(c.Scripts)
	var faces []*Face
	for _, w := range []Weight{Regular, Bold} {
		file := path.Clean(c.file(w))
		if err := checkFile(fsys, file); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", file, err))
			continue
		}
		faces = append(faces, &Face{Name: c.Name, File: file, Weight: w, fsys: fsys, Scale: c.Scale,
			lineAscent: c.Ascent, lineDescent: c.Descent, scripts: scripts})
	}
	return faces, errs
}

// check reports the first setting of the face out of its range.
func (c faceConfig) check() error {
	switch {
	case c.Name == "" || c.Regular == "" || c.Bold == "":
		return errors.New("name, regular and bold are required")
	case outside(c.Ascent, 0, 3) || outside(c.Descent, 0, 3):
		return errors.New("ascent and descent are ems from 0 to 3 (descent below the baseline, positive)")
	case outside(c.Scale, 0.5, 2):
		return fmt.Errorf("scale %v must be from 0.5 to 2", c.Scale)
	}
	return nil
}

// outside reports whether v is below lo or above hi.
func outside(v, lo, hi float64) bool { return v < lo || v > hi }

// file is the font file of weight w.
func (c faceConfig) file(w Weight) string {
	if w == Bold {
		return c.Bold
	}
	return c.Regular
}

// parseScripts reads ISO 15924 script codes, with an error for each it
// does not know.
func parseScripts(codes []string) ([]language.Script, []error) {
	var scripts []language.Script
	var errs []error
	for _, s := range codes {
		sc, err := language.ParseScript(s)
		if err != nil {
			errs = append(errs, fmt.Errorf("unknown script %q (use ISO 15924 codes such as Latn, Arab)", s))
			continue
		}
		scripts = append(scripts, sc)
	}
	return scripts, errs
}

// checkFile verifies what fpdf needs from a font, reading only its table
// directory and cmap: the TrueType signature, glyf and loca tables, and a
// format 4 Unicode cmap.
func checkFile(fsys fs.FS, name string) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }() // read only: nothing is lost
	r, ok := f.(io.ReaderAt)
	if !ok {
		data, err := io.ReadAll(f)
		if err != nil {
			return err
		}
		r = bytes.NewReader(data)
	}
	return checkTrueType(r)
}

func checkTrueType(r io.ReaderAt) error {
	tables, err := readTableDirectory(r)
	if err != nil {
		return err
	}
	for _, t := range []string{"glyf", "loca", "head", "hhea", "hmtx", "maxp", "cmap"} {
		if _, ok := tables[t]; !ok {
			if t == "glyf" || t == "loca" {
				if _, cff := tables["CFF "]; cff {
					return fmt.Errorf("%w: it has CFF outlines", ErrNotTrueType)
				}
			}
			return fmt.Errorf("%w: no %s table", ErrNotTrueType, t)
		}
	}
	cmap, err := readAt(r, int64(tables["cmap"].offset), int(tables["cmap"].length))
	if err != nil || !hasUnicodeFormat4(cmap) {
		return fmt.Errorf("%w: no Unicode BMP cmap (format 4)", ErrNotTrueType)
	}
	return nil
}

func readAt(r io.ReaderAt, off int64, n int) ([]byte, error) {
	b := make([]byte, n)
	if _, err := r.ReadAt(b, off); err != nil {
		return nil, fmt.Errorf("%w: truncated file", ErrNotTrueType)
	}
	return b, nil
}

type tableRecord struct{ offset, length uint32 }

func readTableDirectory(r io.ReaderAt) (map[string]tableRecord, error) {
	head, err := readAt(r, 0, 12)
	if err != nil {
		return nil, fmt.Errorf("%w: file too short", ErrNotTrueType)
	}
	switch sig := be32(head); sig {
	case 0x00010000, 0x74727565: // 1.0, 'true'
	case 0x4F54544F: // 'OTTO'
		return nil, fmt.Errorf("%w: it is an OpenType font with CFF outlines", ErrNotTrueType)
	case 0x74746366: // 'ttcf'
		return nil, fmt.Errorf("%w: font collections are not supported", ErrNotTrueType)
	default:
		return nil, fmt.Errorf("%w: unknown signature %#08x", ErrNotTrueType, sig)
	}
	n := int(be16(head[4:]))
	dir, err := readAt(r, 12, 16*n)
	if err != nil {
		return nil, fmt.Errorf("%w: truncated table directory", ErrNotTrueType)
	}
	tables := make(map[string]tableRecord, n)
	for i := range n {
		rec := dir[16*i:]
		tables[string(rec[:4])] = tableRecord{offset: be32(rec[8:]), length: be32(rec[12:])}
	}
	return tables, nil
}

func hasUnicodeFormat4(t []byte) bool {
	if len(t) < 4 {
		return false
	}
	n := int(be16(t[2:]))
	for i := range n {
		if 4+8*i+8 > len(t) {
			return false
		}
		rec := t[4+8*i:]
		platform, encoding, off := be16(rec), be16(rec[2:]), be32(rec[4:])
		if (platform == 3 && encoding == 1) || platform == 0 {
			if int(off)+2 <= len(t) && be16(t[off:]) == 4 {
				return true
			}
		}
	}
	return false
}

func be16(b []byte) uint16 { return uint16(b[0])<<8 | uint16(b[1]) }
func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// Faces returns every face of the stack, in declaration order.
func (s *FontSet) Faces() []*Face { return s.faces }

// Resolve returns the face to print r in, for a run of script sc: the first
// face declaring sc that covers r, else the first face of any script that
// covers r. ok is false when no face covers r.
func (s *FontSet) Resolve(r rune, sc language.Script, w Weight) (*Face, bool) {
	for _, f := range s.faces {
		if f.Weight == w && slices.Contains(f.scripts, sc) && f.Covers(r) {
			return f, true
		}
	}
	for _, f := range s.faces {
		if f.Weight == w && f.Covers(r) {
			return f, true
		}
	}
	return nil, false
}

// Primary returns the first face of weight w: the face of last resort for
// characters that need none (spaces, controls).
func (s *FontSet) Primary(w Weight) *Face {
	for _, f := range s.faces {
		if f.Weight == w {
			return f
		}
	}
	return s.faces[0]
}

// Uncovered returns the characters of s that no face of the stack covers,
// ignoring those that need no glyph (controls, joiners, bidi marks).
func (s *FontSet) Uncovered(str string) []rune {
	var missing []rune
	for _, r := range str {
		if needsNoGlyph(r) || slices.Contains(missing, r) {
			continue
		}
		if !s.covers(r) {
			missing = append(missing, r)
		}
	}
	return missing
}

func (s *FontSet) covers(r rune) bool {
	if v, ok := s.covered.Load(r); ok {
		return v.(bool)
	}
	sc := language.LookupScript(r)
	_, reg := s.Resolve(r, sc, Regular)
	_, bold := s.Resolve(r, sc, Bold)
	s.covered.Store(r, reg && bold)
	return reg && bold
}

// MissingGlyphError reports characters that no font of the stack can print.
type MissingGlyphError struct {
	Runes []rune
}

func (e *MissingGlyphError) Error() string {
	var b strings.Builder
	b.WriteString("no font covers ")
	for i, r := range e.Runes {
		if i > 0 {
			b.WriteString(", ")
		}
		// the code point alone: the text may be a person's data
		fmt.Fprintf(&b, "U+%04X", r)
	}
	return b.String()
}
