package i18n

import (
	"bytes"
	"cmp"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"

	"formgen/internal/locale"
	"formgen/internal/problem"
	"formgen/internal/render"
	"formgen/internal/review"
)

// XLIFF 1.2 (OASIS, valid against the strict schema): one <file> per
// locale, one <trans-unit> per message. A message with plural forms is a
// <group restype="x-gettext-plurals"> of units id[0], id[1], … one per
// plural form the language needs, in CLDR order (the layout
// translate-toolkit's PO-XLIFF reader recognises); the
// resname says the category (id[few]). Placeholders are
// <ph ctype="x-go-template">{{.Name}}</ph> in the German (tools protect
// them; translate-toolkit keeps their text through xliff2po and its API)
// and text in targets (the toolkit's API, setting a target, would keep a
// <ph> of the old one); an import reads both, and <x equiv-text>. Each
// unit carries, in a context group of its own, the hash of the German it
// was exported with and of the translation it started from: an import
// refuses a unit when either has changed since.

const xliffNS = "urn:oasis:names:tc:xliff:document:1.2"

// Context types of the export record of a unit.
const (
	ctxGerman      = "x-formgen-german"      // locale.FormsHash of the German at export
	ctxTranslation = "x-formgen-translation" // review.TextHash of the translation at export, or "none"
)

// noTranslation is the translation hash of a message without translation.
const noTranslation = "none"

type xliffDoc struct {
	XMLName xml.Name    `xml:"xliff"`
	Version string      `xml:"version,attr"`
	Files   []xliffFile `xml:"file"`
}

type xliffFile struct {
	Original string    `xml:"original,attr"`
	Source   string    `xml:"source-language,attr"`
	Target   string    `xml:"target-language,attr"`
	Body     xliffBody `xml:"body"`
}

type xliffBody struct {
	Items []xliffItem `xml:",any"`
}

// xliffItem is a trans-unit or a group of them.
type xliffItem struct {
	XMLName  xml.Name
	ID       string         `xml:"id,attr"`
	Resname  string         `xml:"resname,attr"`
	Approved string         `xml:"approved,attr"`
	Source   *segment       `xml:"source"`
	Target   *segment       `xml:"target"`
	Contexts []xliffContext `xml:"context-group"`
	Units    []xliffItem    `xml:"trans-unit"`
}

type xliffContext struct {
	Name     string          `xml:"name,attr"`
	Contexts []xliffContext1 `xml:"context"`
}

type xliffContext1 struct {
	Type  string `xml:"context-type,attr"`
	Value string `xml:",chardata"`
}

// record returns the export record of a unit: German and translation
// hashes, "" when absent.
func (it *xliffItem) record() (german, translation string) {
	for _, g := range it.Contexts {
		for _, c := range g.Contexts {
			switch c.Type {
			case ctxGerman:
				german = strings.TrimSpace(c.Value)
			case ctxTranslation:
				translation = strings.TrimSpace(c.Value)
			}
		}
	}
	return german, translation
}

// segment is the content of a source or target: text and placeholders.
type segment struct {
	Lang  string
	State string
	Text  string // placeholders written back as their template actions
}

func (s *segment) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	for _, a := range start.Attr {
		switch a.Name.Local {
		case "lang":
			s.Lang = a.Value
		case "state":
			s.State = a.Value
		}
	}
	var b strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			switch t.Name.Local {
			case "ph":
				depth++ // its text is the placeholder
			case "x":
				equiv, err := xPlaceholder(d, t)
				if err != nil {
					return err
				}
				b.WriteString(equiv)
			case "mrk", "g":
				depth++ // markup tools add around text: keep the text
			default:
				return fmt.Errorf("<%s> in a %s: formgen texts have only text and <ph> placeholders", t.Name.Local, start.Name.Local)
			}
		case xml.EndElement:
			if depth == 0 {
				s.Text = b.String()
				return nil
			}
			depth--
		}
	}
}

// xPlaceholder returns the placeholder an <x/> element (start) stands for,
// its equiv-text, and skips the element.
func xPlaceholder(d *xml.Decoder, start xml.StartElement) (string, error) {
	equiv := ""
	for _, a := range start.Attr {
		if a.Name.Local == "equiv-text" {
			equiv = a.Value
		}
	}
	if !actionRE.MatchString(equiv) {
		return "", fmt.Errorf("<x/> without the placeholder in equiv-text: write the placeholder as text ({{.Name}})")
	}
	return equiv, d.Skip()
}

var actionRE = regexp.MustCompile(`\{\{.*?\}\}`)

// writeText writes a text as XML content, each template action a <ph>
// numbered in order.
func writeText(b *bytes.Buffer, s string) {
	last, n := 0, 0
	for _, m := range actionRE.FindAllStringIndex(s, -1) {
		b.WriteString(escape(s[last:m[0]]))
		n++
		fmt.Fprintf(b, `<ph id="%d" ctype="x-go-template">%s</ph>`, n, escape(s[m[0]:m[1]]))
		last = m[1]
	}
	b.WriteString(escape(s[last:]))
}

func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a bytes.Buffer does not fail
	return b.String()
}

func attr(s string) string { return `"` + escape(s) + `"` }

// exportUnit is one trans-unit to write.
type exportUnit struct {
	id, resname    string
	german, tr     string // texts; tr "" for none
	state          review.State
	prevGerman     string // the German a stale translation translates, if known
	notes          []string
	germanHash, th string
}

// Export writes locale l as an XLIFF 1.2 file, German source and
// translation, for translation tools; jobs documents are laid out at once
// to find the room each text has.
func (w *Workspace) Export(ctx context.Context, jobs int, l *locale.Locale, version string) ([]byte, error) {
	rf, err := w.review(l.Tag)
	if err != nil {
		return nil, err
	}
	german, err := w.german()
	if err != nil {
		return nil, err
	}
	rooms, err := w.rooms(ctx, jobs, l)
	if err != nil {
		return nil, err
	}
	where := w.where()
	de := w.Catalog.Source()
	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, "<xliff version=\"1.2\" xmlns=%s>\n", attr(xliffNS))
	fmt.Fprintf(&b, "  <file original=%s source-language=%s target-language=%s datatype=\"plaintext\">\n", attr(path.Join(path.Base(w.Name), l.Tag+".toml")), attr(locale.Source), attr(l.Tag))
	fmt.Fprintf(&b, "    <header>\n      <tool tool-id=\"formgen\" tool-name=\"formgen\" tool-version=%s/>\n", attr(version))
	fmt.Fprintf(&b, "      <note from=\"formgen\">%s</note>\n    </header>\n    <body>\n", escape(pluralNote(l.Tag)))
	for _, id := range w.germanOrder() {
		src, tr := de.Entries[id], l.Entries[id]
		st := rf.State(id, src, tr)
		rec := rf.Record(id)
		prev := german.Previous(rec)
		notes := exportNotes(src, tr, rec, st, prev != nil, where[id], rooms, id)
		th := noTranslation
		if tr != nil {
			th = review.TextHash(tr)
		}
		unit := func(uid, resname, cat string) exportUnit {
			u := exportUnit{id: uid, resname: resname, german: formOf(src.Forms, cat), state: st, notes: notes, germanHash: locale.FormsHash(src), th: th}
			if tr != nil {
				u.tr = tr.Forms[cat]
			}
			if st == review.Stale && prev != nil {
				u.prevGerman = formOf(prev, cat)
			}
			return u
		}
		if !isPlural(src) {
			writeUnit(&b, unit(id, id, "other"), l.Tag, "      ")
			continue
		}
		fmt.Fprintf(&b, "      <group id=%s resname=%s restype=\"x-gettext-plurals\">\n", attr(id), attr(id))
		for i, cat := range locale.Plurals(l.Tag) {
			u := unit(fmt.Sprintf("%s[%d]", id, i), id+"["+cat+"]", cat)
			u.notes = append(slices.Clone(u.notes), fmt.Sprintf("Plural form %s: used for numbers such as %s.", cat, cmpOr(locale.PluralExample(l.Tag, cat), "1.5")))
			writeUnit(&b, u, l.Tag, "        ")
		}
		b.WriteString("      </group>\n")
	}
	b.WriteString("    </body>\n  </file>\n</xliff>\n")
	return b.Bytes(), nil
}

// exportNotes returns the notes of the export of message id, German src
// and translation tr, with its review record rec and state st: where it
// is used, its room, its description, what changed since the
// translation was made; prev says whether the German it translates is
// known.
func exportNotes(src, tr *locale.Entry, rec *review.Record, st review.State, prev bool, where string, rooms map[string]render.Box, id string) []string {
	var notes []string
	if where != "" {
		notes = append(notes, "Where: "+where)
	}
	if r, ok := rooms[id]; ok {
		notes = append(notes, "Room: "+room(r))
	}
	if src.Description != "" {
		notes = append(notes, src.Description)
	}
	if rec != nil && tr != nil && rec.NoteChanged(src) {
		notes = append(notes, "The description of the German has changed since this translation was made: check that it still fits.")
	}
	if st != review.Stale {
		return notes
	}
	n := "The German has changed since this translation was made"
	if rec != nil && rec.Stale != "" {
		n += " (" + rec.Stale + ")"
	}
	if prev {
		n += "; the German it translates is in alt-trans."
	} else {
		n += "."
	}
	return append(notes, n)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// formOf returns the text of plural category cat, or "other" when forms
// lack it.
func formOf(forms map[string]string, cat string) string {
	if s, ok := forms[cat]; ok {
		return s
	}
	return forms["other"]
}

// pluralNote describes the plural forms of a language for translators.
func pluralNote(tag string) string {
	var parts []string
	for _, c := range locale.Plurals(tag) {
		if n := locale.PluralExample(tag, c); n != "" {
			parts = append(parts, fmt.Sprintf("%s (e.g. %s)", c, n))
		} else {
			parts = append(parts, c)
		}
	}
	return fmt.Sprintf("Plural forms of %s: %s. A message with plural forms is a group of one unit per form, in this order.", tag, strings.Join(parts, ", "))
}

func writeUnit(b *bytes.Buffer, u exportUnit, tag, ind string) {
	fmt.Fprintf(b, "%s<trans-unit id=%s resname=%s", ind, attr(u.id), attr(u.resname))
	if u.tr != "" && u.state == review.Done {
		b.WriteString(` approved="yes"`)
	}
	b.WriteString(" xml:space=\"preserve\">\n")
	fmt.Fprintf(b, "%s  <source xml:lang=%s>", ind, attr(locale.Source))
	writeText(b, u.german)
	b.WriteString("</source>\n")
	if u.tr != "" {
		fmt.Fprintf(b, "%s  <target xml:lang=%s", ind, attr(tag))
		switch u.state {
		case review.Stale:
			b.WriteString(` state="needs-review-translation"`)
		case review.Done:
			b.WriteString(` state="final"`)
		case review.HumanMade:
			b.WriteString(` state="translated"`)
		default:
			b.WriteString(` state="needs-review-translation" state-qualifier="mt-suggestion"`)
		}
		// placeholders as text: translate-toolkit's API, setting a target,
		// keeps the <ph> elements it had after the new text
		fmt.Fprintf(b, ">%s</target>\n", escape(u.tr))
	}
	fmt.Fprintf(b, "%s  <context-group name=%s purpose=\"information\">\n", ind, attr("formgen:"+u.id))
	fmt.Fprintf(b, "%s    <context context-type=%q>%s</context>\n", ind, ctxGerman, escape(u.germanHash))
	fmt.Fprintf(b, "%s    <context context-type=%q>%s</context>\n", ind, ctxTranslation, escape(u.th))
	fmt.Fprintf(b, "%s  </context-group>\n", ind)
	for _, n := range u.notes {
		fmt.Fprintf(b, "%s  <note from=\"developer\">%s</note>\n", ind, escape(n))
	}
	if u.prevGerman != "" {
		fmt.Fprintf(b, "%s  <alt-trans alttranstype=\"previous-version\">\n%s    <source xml:lang=%s>", ind, ind, attr(locale.Source))
		writeText(b, u.prevGerman)
		b.WriteString("</source>\n")
		fmt.Fprintf(b, "%s    <target xml:lang=%s>%s</target>\n%s  </alt-trans>\n", ind, attr(tag), escape(u.tr), ind)
	}
	fmt.Fprintf(b, "%s</trans-unit>\n", ind)
}

// ImportOptions say what an import does with what it would otherwise
// refuse.
type ImportOptions struct {
	// KeepStale imports a unit whose German or translation changed since
	// the export, recorded as stale with a note, instead of refusing it.
	KeepStale bool
	// RemoveEmpty removes a translation whose every target was emptied,
	// instead of reporting it.
	RemoveEmpty bool
	// State is the state of new or changed translations not approved in
	// the file (review.Human unless given); approved ones are reviewed.
	State string
}

// Imported is what an import did.
type Imported struct {
	Lang      string
	Updated   []string // translations new or changed
	Reviewed  []string // translations recorded as reviewed, changed or not
	Removed   []string // translations removed (emptied, with RemoveEmpty)
	KeptStale []string // translations kept as stale, each "id: why"
}

// maxImport is the largest exchange file formgen reads.
const maxImport = 64 << 20

// readExchange reads an exchange file whole, in UTF-8: UTF-16 (with a
// byte order mark, as some CAT tools save) is converted.
func readExchange(name string, r io.Reader) ([]byte, error) {
	src, err := io.ReadAll(io.LimitReader(r, maxImport+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(src) > maxImport {
		return nil, fmt.Errorf("%s: larger than %d MiB", name, maxImport>>20)
	}
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		src, err = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(src)
		if err != nil {
			return nil, fmt.Errorf("%s: not valid UTF-16: %w", name, err)
		}
	}
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(src) {
		return nil, fmt.Errorf("%s: not UTF-8 or UTF-16 with a byte order mark", name)
	}
	return src, nil
}

// incoming is one message of an exchange file, as an import sees it.
type incoming struct {
	id       string
	where    string            // for problems: file and unit
	forms    map[string]string // plural category -> target text, "" emptied
	approved bool              // every target approved or final
	german   string            // FormsHash of the German at export
	tr       string            // TextHash of the translation at export, or noTranslation
}

// ImportFile plans bringing the translations of the file name, read as
// src, into its locale: an XLIFF file (ImportXLIFF), or with format "json"
// a go-i18n v2 JSON file (ImportJSON) with its export record, which
// readRecord reads (record names it; "": RecordPath(name)). An empty
// format is "json" for a name ending in .json, "xliff" for any other.
func (w *Workspace) ImportFile(name string, src []byte, format, record string, readRecord func(name string) ([]byte, error), opt ImportOptions) (*Imported, Plan, error) {
	if format == "" {
		format = "xliff"
		if strings.EqualFold(filepath.Ext(name), ".json") {
			format = "json"
		}
	}
	if format != "json" {
		return w.ImportXLIFF(name, bytes.NewReader(src), opt)
	}
	recName := cmp.Or(record, RecordPath(name))
	rec, err := readRecord(recName)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: no export record (%s, written by formgen i18n export --format json; --record names another): %w", name, recName, err)
	}
	return w.ImportJSON(name, bytes.NewReader(src), rec, opt)
}

// ImportXLIFF plans bringing the translations of an XLIFF 1.2 file made
// by Export (and edited with any tool) into the locale file. See
// ImportOptions and importMessages for what it accepts.
func (w *Workspace) ImportXLIFF(name string, r io.Reader, opt ImportOptions) (*Imported, Plan, error) {
	src, err := readExchange(name, r)
	if err != nil {
		return nil, nil, err
	}
	f, err := decodeXLIFF(name, src)
	if err != nil {
		return nil, nil, err
	}
	l, err := w.xliffLocale(name, f)
	if err != nil {
		return nil, nil, err
	}
	var in []incoming
	var probs problem.Problems
	fail := func(id, format string, args ...any) {
		probs = append(probs, messageProblem(name, 0, id, format, args...))
	}
	de := w.Catalog.Source()
	for _, it := range f.Body.Items {
		id := it.ID
		src := de.Entries[id]
		switch {
		case it.XMLName.Local != "trans-unit" && it.XMLName.Local != "group":
			continue
		case src == nil:
			fail(id, "no such German message")
			continue
		case isPlural(src) != (it.XMLName.Local == "group"):
			fail(id, "the German has %s plural forms, the file %s: export again", map[bool]string{true: "", false: "no"}[isPlural(src)], map[bool]string{true: "a plural group", false: "a single unit"}[it.XMLName.Local == "group"])
			continue
		}
		if m, ok := xliffMessage(name, l, it, fail); ok {
			in = append(in, m)
		}
	}
	if len(probs) > 0 {
		return nil, nil, refused(probs)
	}
	return w.importMessages(l, in, opt)
}

// decodeXLIFF decodes the XLIFF 1.2 file name (read as src) and returns
// its one <file>.
func decodeXLIFF(name string, src []byte) (*xliffFile, error) {
	var doc xliffDoc
	dec := xml.NewDecoder(bytes.NewReader(src))
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if strings.HasPrefix(strings.ToLower(label), "utf-16") {
			return r, nil // converted by readExchange
		}
		return nil, fmt.Errorf("encoding %q: formgen reads UTF-8 and UTF-16", label)
	}
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: not an XLIFF file: %w", name, err)
	}
	switch {
	case doc.XMLName.Space == "urn:oasis:names:tc:xliff:document:1.1" || doc.Version == "1.1":
		return nil, fmt.Errorf("%s: XLIFF 1.1 (as po2xliff writes): formgen reads the 1.2 file it exported; merge a PO file into it with pomerge -t EXPORTED.xlf", name)
	case doc.XMLName.Space != xliffNS || doc.Version != "1.2":
		return nil, fmt.Errorf("%s: XLIFF version %q: formgen reads 1.2", name, doc.Version)
	case len(doc.Files) != 1:
		return nil, fmt.Errorf("%s: %d <file> elements: formgen exports one locale per file", name, len(doc.Files))
	}
	return &doc.Files[0], nil
}

// xliffLocale returns the locale the <file> f of the XLIFF file name was
// exported from: its languages and its original must agree.
func (w *Workspace) xliffLocale(name string, f *xliffFile) (*locale.Locale, error) {
	if f.Source != locale.Source {
		return nil, fmt.Errorf("%s: source-language %q: formgen's source is %s", name, f.Source, locale.Source)
	}
	l, err := w.Locale(f.Target)
	if err != nil {
		return nil, fmt.Errorf("%s: target-language: %w", name, err)
	}
	if f.Target != l.Tag {
		return nil, fmt.Errorf("%s: target-language %q: formgen writes it %q", name, f.Target, l.Tag)
	}
	if want := l.Tag + ".toml"; path.Base(f.Original) != want {
		return nil, fmt.Errorf("%s: exported from %s but target-language says %s: a file is imported into the locale it was exported from", name, f.Original, l.Tag)
	}
	return l, nil
}

// xliffMessage reads the trans-unit, or plural group, it of the XLIFF
// file name for locale l; false when fail was told of a problem.
func xliffMessage(name string, l *locale.Locale, it xliffItem, fail func(id, format string, args ...any)) (incoming, bool) {
	id := it.ID
	m := incoming{id: id, where: name, forms: map[string]string{}, approved: true}
	units := []xliffItem{it}
	cats := []string{"other"}
	group := it.XMLName.Local == "group"
	if group {
		need := locale.Plurals(l.Tag)
		units, cats = it.Units, need
		if len(units) != len(need) {
			fail(id, "%d plural forms, %s has %d (%s): the file was made for another language", len(units), l.Tag, len(need), strings.Join(need, ", "))
			return m, false
		}
	}
	ok := true
	for i, u := range units {
		if group && u.ID != fmt.Sprintf("%s[%d]", id, i) && u.ID != id+"["+cats[i]+"]" {
			fail(id, "unit %q: want %s[%d] (%s)", u.ID, id, i, cats[i])
			ok = false
			continue
		}
		if !xliffUnit(&m, l, u, cats[i], fail) {
			ok = false
		}
	}
	return m, ok
}

// xliffUnit adds the unit u, plural form cat, to the message m; false when
// fail was told of a problem.
func xliffUnit(m *incoming, l *locale.Locale, u xliffItem, cat string, fail func(id, format string, args ...any)) bool {
	g, t := u.record()
	if g == "" || t == "" {
		fail(u.ID, "no formgen export record (%s, %s): import only files made by formgen i18n export", ctxGerman, ctxTranslation)
		return false
	}
	ok := true
	if (m.german != "" && m.german != g) || (m.tr != "" && m.tr != t) {
		fail(u.ID, "export record differs from the other plural forms'")
		ok = false
	}
	m.german, m.tr = g, t
	if u.Target == nil {
		m.approved = false
		return ok
	}
	if u.Target.Lang != "" && locale.Canonical(u.Target.Lang) != l.Tag {
		fail(u.ID, "target in %q, the file is for %s", u.Target.Lang, l.Tag)
		ok = false
	}
	m.forms[cat] = u.Target.Text
	if !(u.Approved == "yes" || u.Target.State == "final" || u.Target.State == "signed-off") {
		m.approved = false
	}
	return ok
}

// importMessages plans an import of messages into locale l, all or
// nothing:
//   - a message without targets is left as it is;
//   - one whose German or translation changed since the export is refused,
//     or with KeepStale imported as stale with a note;
//   - a target emptied where there is a translation is reported, or with
//     RemoveEmpty removes the translation (all its forms emptied);
//   - a new or changed translation must pass every error-level check;
//   - an approved one is recorded as reviewed, also when its text is
//     unchanged.
func (w *Workspace) importMessages(l *locale.Locale, in []incoming, opt ImportOptions) (*Imported, Plan, error) {
	if opt.State == "" {
		opt.State = review.Human
	}
	rf, err := w.review(l.Tag)
	if err != nil {
		return nil, nil, err
	}
	im := &importer{w: w, l: l, opt: opt, rf: rf, res: &Imported{Lang: l.Tag}, changes: map[string]change{}}
	seen := map[string]bool{}
	for _, m := range in {
		if seen[m.id] {
			im.fail(m, "given twice")
			continue
		}
		seen[m.id] = true
		if len(m.forms) > 0 {
			im.message(m)
		}
	}
	if len(im.probs) > 0 {
		return nil, nil, refused(im.probs)
	}
	res := im.res
	for _, s := range [][]string{res.Updated, res.Reviewed, res.Removed, res.KeptStale} {
		slices.Sort(s)
	}
	if len(im.changes) == 0 {
		return res, nil, nil
	}
	p, err := w.apply(l, im.changes)
	return res, p, err
}

// importer is one import's state: what it found and what it changes.
type importer struct {
	w       *Workspace
	l       *locale.Locale
	opt     ImportOptions
	rf      *review.File
	res     *Imported
	changes map[string]change
	probs   problem.Problems
}

func (im *importer) fail(m incoming, format string, args ...any) {
	im.probs = append(im.probs, messageProblem(m.where, 0, m.id, format, args...))
}

// message imports the message m, with at least one target.
func (im *importer) message(m incoming) {
	l, opt, res := im.l, im.opt, im.res
	src, cur := im.w.Catalog.Source().Entries[m.id], l.Entries[m.id]
	filled, emptied := splitForms(m.forms)
	why := im.changedSince(m, src, cur)
	state := opt.State
	if m.approved {
		state = review.Reviewed
	}
	if cur != nil && maps.Equal(cur.Forms, filled) {
		// the same text: at most a review to record
		if m.approved && len(why) == 0 && im.rf.State(m.id, src, cur) != review.Done {
			im.changes[m.id] = change{entry: cur, state: review.Reviewed}
			res.Reviewed = append(res.Reviewed, m.id)
		}
		return
	}
	if len(filled) == 0 && cur == nil {
		return // empty targets of a message never translated
	}
	if len(why) > 0 && !opt.KeepStale {
		im.fail(m, "%s: refused (export again and redo the unit, or import with --keep-stale to keep it marked stale)", strings.Join(why, "; "))
		return
	}
	if !im.emptied(m, filled, emptied, cur) {
		return
	}
	e := &locale.Entry{ID: m.id, Forms: filled}
	for _, p := range im.w.checkTranslation(l, src, e) {
		im.fail(m, "%s", p)
	}
	c := change{entry: e, state: state}
	if len(why) > 0 {
		c.source = m.german
		c.stale = "imported though " + strings.Join(why, " and ")
		res.KeptStale = append(res.KeptStale, m.id+": "+c.stale)
	}
	im.changes[m.id] = c
	res.Updated = append(res.Updated, m.id)
	if state == review.Reviewed {
		res.Reviewed = append(res.Reviewed, m.id)
	}
}

// splitForms returns the forms with a text and how many were emptied.
func splitForms(forms map[string]string) (map[string]string, int) {
	filled := map[string]string{}
	emptied := 0
	for cat, s := range forms {
		if s == "" { // a space alone is a text: format.group may be one
			emptied++
		} else {
			filled[cat] = s
		}
	}
	return filled, emptied
}

// changedSince says what changed since the export of m: the German src,
// the translation cur (nil: none).
func (im *importer) changedSince(m incoming, src, cur *locale.Entry) []string {
	curHash := noTranslation
	if cur != nil {
		curHash = review.TextHash(cur)
	}
	var why []string
	if m.german != locale.FormsHash(src) {
		why = append(why, "the German has changed since the export")
	}
	if m.tr != curHash {
		why = append(why, "the translation in "+filepath.Join(im.w.Name, im.l.Tag+".toml")+" has changed since the export")
	}
	return why
}

// emptied handles the emptied forms of m (filled: the others), which
// remove the translation cur with RemoveEmpty; it returns whether the
// import of m goes on with the filled forms.
func (im *importer) emptied(m incoming, filled map[string]string, emptied int, cur *locale.Entry) bool {
	if len(filled) == 0 {
		if !im.opt.RemoveEmpty {
			im.fail(m, "the translation was emptied: it stays (import with --remove-empty to remove it)")
			return false
		}
		im.changes[m.id] = change{}
		im.res.Removed = append(im.res.Removed, m.id)
		return false
	}
	if emptied > 0 && !im.opt.RemoveEmpty && cur != nil {
		im.fail(m, "%d plural forms emptied: give every form, or import with --remove-empty to remove the translation", emptied)
		return false
	}
	return true
}

// checkTranslation returns the errors of a new translation e of the
// German src in locale l: every error-level check of Unit.
func (w *Workspace) checkTranslation(l *locale.Locale, src, e *locale.Entry) []string {
	var probs []string
	for _, p := range w.unitProblems(l, src, e) {
		if p.Severity == problem.Error {
			probs = append(probs, p.Msg)
		}
	}
	slices.Sort(probs)
	return probs
}
