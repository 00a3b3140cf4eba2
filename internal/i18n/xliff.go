package i18n

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"

	"formgen/internal/locale"
	"formgen/internal/review"
	"formgen/internal/text"
)

// XLIFF 1.2 (OASIS): one <file> per locale, one <trans-unit> per message,
// a <group restype="x-gettext-plurals"> of one unit per plural form for
// messages with plural forms. Placeholders ({{.Name}}) are <x/> elements
// a translator moves but cannot break. The unit's state says where the
// translation stands; a context group carries the hash of the German it
// belongs to, so that an import can tell a translation of an older German.

const xliffNS = "urn:oasis:names:tc:xliff:document:1.2"

type xliffDoc struct {
	XMLName xml.Name  `xml:"urn:oasis:names:tc:xliff:document:1.2 xliff"`
	Version string    `xml:"version,attr"`
	File    xliffFile `xml:"file"`
}

type xliffFile struct {
	Original string      `xml:"original,attr"`
	Source   string      `xml:"source-language,attr"`
	Target   string      `xml:"target-language,attr"`
	Datatype string      `xml:"datatype,attr"`
	Header   xliffHeader `xml:"header"`
	Body     xliffBody   `xml:"body"`
}

type xliffHeader struct {
	Tool xliffTool `xml:"tool"`
}

type xliffTool struct {
	ID      string `xml:"tool-id,attr"`
	Name    string `xml:"tool-name,attr"`
	Version string `xml:"tool-version,attr,omitempty"`
}

type xliffBody struct {
	Items []xliffItem `xml:",any"`
}

// xliffItem is a trans-unit or a group of them.
type xliffItem struct {
	XMLName  xml.Name
	ID       string        `xml:"id,attr"`
	Resname  string        `xml:"resname,attr,omitempty"`
	Restype  string        `xml:"restype,attr,omitempty"`
	Approved string        `xml:"approved,attr,omitempty"`
	Space    string        `xml:"http://www.w3.org/XML/1998/namespace space,attr,omitempty"`
	Source   *segment      `xml:"source"`
	Target   *segment      `xml:"target"`
	Context  *xliffContext `xml:"context-group"`
	Notes    []xliffNote   `xml:"note"`
	Units    []xliffItem   `xml:"trans-unit"`
}

type xliffContext struct {
	Name     string          `xml:"name,attr"`
	Purpose  string          `xml:"purpose,attr"`
	Contexts []xliffContext1 `xml:"context"`
}

type xliffContext1 struct {
	Type  string `xml:"context-type,attr"`
	Value string `xml:",chardata"`
}

type xliffNote struct {
	From  string `xml:"from,attr,omitempty"`
	Value string `xml:",chardata"`
}

// segment is the content of a source or target: text and placeholders.
type segment struct {
	Lang           string
	State          string
	StateQualifier string
	Parts          []part
}

// part is text, or a placeholder (<x id="N"/>) when X is set.
type part struct {
	Text  string
	X     string // placeholder id
	Equiv string // the placeholder's text, for tools that show it
}

func (s *segment) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	for _, a := range start.Attr {
		switch a.Name.Local {
		case "lang":
			s.Lang = a.Value
		case "state":
			s.State = a.Value
		case "state-qualifier":
			s.StateQualifier = a.Value
		}
	}
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.CharData:
			s.Parts = append(s.Parts, part{Text: string(t)})
		case xml.StartElement:
			switch t.Name.Local {
			case "x", "ph":
				p := part{}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "id":
						p.X = a.Value
					case "equiv-text":
						p.Equiv = a.Value
					}
				}
				if p.X == "" {
					return fmt.Errorf("<%s> without id", t.Name.Local)
				}
				s.Parts = append(s.Parts, p)
				if err := d.Skip(); err != nil {
					return err
				}
			case "mrk", "g":
				depth++ // markup tools add around text: keep the text
			default:
				return fmt.Errorf("<%s> in a %s: formgen texts have only text and <x/> placeholders", t.Name.Local, start.Name.Local)
			}
		case xml.EndElement:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

var actionRE = regexp.MustCompile(`\{\{.*?\}\}`)

// placeholders numbers the template actions of the German forms, in
// order of first appearance: the ids of their <x/> elements.
func placeholderIDs(forms map[string]string) map[string]string {
	ids := map[string]string{}
	for _, cat := range locale.PluralCategories {
		for _, a := range actionRE.FindAllString(forms[cat], -1) {
			k := actionKey(a)
			if _, ok := ids[k]; !ok {
				ids[k] = fmt.Sprint(len(ids) + 1)
			}
		}
	}
	return ids
}

// actionKey is a template action without its spaces: {{ .A }} is {{.A}}.
func actionKey(a string) string {
	return "{{" + strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(a, "{{"), "}}")) + "}}"
}

// toSegment splits a text into text and placeholders.
func toSegment(s string, ids map[string]string) *segment {
	seg := &segment{}
	last := 0
	for _, m := range actionRE.FindAllStringIndex(s, -1) {
		if m[0] > last {
			seg.Parts = append(seg.Parts, part{Text: s[last:m[0]]})
		}
		a := s[m[0]:m[1]]
		id, ok := ids[actionKey(a)]
		if !ok { // an action the German lacks (lint reports it)
			id = fmt.Sprintf("t%d", len(ids)+1)
			ids[actionKey(a)] = id
		}
		seg.Parts = append(seg.Parts, part{X: id, Equiv: a})
		last = m[1]
	}
	if last < len(s) || len(seg.Parts) == 0 {
		seg.Parts = append(seg.Parts, part{Text: s[last:]})
	}
	return seg
}

// fromSegment writes a segment back as text; placeholders by their ids.
func fromSegment(seg *segment, ids map[string]string) (string, error) {
	byID := map[string]string{}
	for a, id := range ids {
		byID[id] = a
	}
	var b strings.Builder
	for _, p := range seg.Parts {
		if p.X == "" {
			b.WriteString(p.Text)
			continue
		}
		a, ok := byID[p.X]
		if !ok {
			return "", fmt.Errorf("placeholder <x id=%q/> is not one of the German's", p.X)
		}
		b.WriteString(a)
	}
	return b.String(), nil
}

// Export writes locale l as an XLIFF 1.2 file, German source and
// translation, for translation tools.
func (w *Workspace) Export(l *locale.Locale, version string) ([]byte, error) {
	rf, err := w.review(l.Tag)
	if err != nil {
		return nil, err
	}
	where := w.where()
	de := w.Catalog.Source()
	doc := xliffDoc{Version: "1.2", File: xliffFile{
		Original: w.Name + "/" + l.Tag + ".toml", Source: locale.Source, Target: l.Tag, Datatype: "plaintext",
		Header: xliffHeader{Tool: xliffTool{ID: "formgen", Name: "formgen", Version: version}},
	}}
	for _, id := range w.germanOrder() {
		src := de.Entries[id]
		tr := l.Entries[id]
		st := rf.State(id, src, tr)
		ids := placeholderIDs(src.Forms)
		ctx := &xliffContext{Name: "formgen", Purpose: "information", Contexts: []xliffContext1{{Type: "x-source-hash", Value: locale.SourceHash(src)}}}
		var notes []xliffNote
		if wh := where[id]; wh != "" {
			notes = append(notes, xliffNote{From: "formgen", Value: "Where: " + wh})
		}
		if src.Description != "" {
			notes = append(notes, xliffNote{From: "formgen", Value: src.Description})
		}
		if st == review.Stale {
			notes = append(notes, xliffNote{From: "formgen", Value: "The German has changed since this translation was made."})
		}
		unit := func(uid, cat string) xliffItem {
			german := src.Forms[cat]
			if german == "" {
				german = src.Forms["other"]
			}
			u := xliffItem{XMLName: xml.Name{Local: "trans-unit"}, ID: uid, Resname: uid, Space: "preserve", Source: toSegment(german, ids), Context: ctx, Notes: notes}
			u.Source.Lang = locale.Source
			if tr != nil && tr.Forms[cat] != "" {
				u.Target = toSegment(tr.Forms[cat], maps.Clone(ids))
				u.Target.Lang = l.Tag
				switch st {
				case review.Stale:
					u.Target.State = "needs-review-translation"
				case review.Done:
					u.Target.State = "final"
					u.Approved = "yes"
				default:
					u.Target.State = "translated"
				}
			}
			return u
		}
		if !isPlural(src) {
			doc.File.Body.Items = append(doc.File.Body.Items, unit(id, "other"))
			continue
		}
		g := xliffItem{XMLName: xml.Name{Local: "group"}, ID: id, Resname: id, Restype: "x-gettext-plurals"}
		for _, cat := range locale.Plurals(l.Tag) {
			g.Units = append(g.Units, unit(id+"["+cat+"]", cat))
		}
		doc.File.Body.Items = append(doc.File.Body.Items, g)
	}
	return doc.bytes(), nil
}

// bytes writes the document, indented between elements but never inside
// a source or target, whose every space counts.
func (d *xliffDoc) bytes() []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	f := d.File
	fmt.Fprintf(&b, "<xliff version=%s xmlns=%s>\n", attr(d.Version), attr(xliffNS))
	fmt.Fprintf(&b, "  <file original=%s source-language=%s target-language=%s datatype=%s>\n", attr(f.Original), attr(f.Source), attr(f.Target), attr(f.Datatype))
	fmt.Fprintf(&b, "    <header>\n      <tool tool-id=%s tool-name=%s tool-version=%s/>\n    </header>\n", attr(f.Header.Tool.ID), attr(f.Header.Tool.Name), attr(f.Header.Tool.Version))
	b.WriteString("    <body>\n")
	for _, it := range f.Body.Items {
		if it.XMLName.Local == "group" {
			fmt.Fprintf(&b, "      <group id=%s resname=%s restype=%s>\n", attr(it.ID), attr(it.Resname), attr(it.Restype))
			for _, u := range it.Units {
				writeUnit(&b, u, "        ")
			}
			b.WriteString("      </group>\n")
			continue
		}
		writeUnit(&b, it, "      ")
	}
	b.WriteString("    </body>\n  </file>\n</xliff>\n")
	return b.Bytes()
}

func writeUnit(b *bytes.Buffer, u xliffItem, ind string) {
	fmt.Fprintf(b, "%s<trans-unit id=%s resname=%s", ind, attr(u.ID), attr(u.Resname))
	if u.Approved != "" {
		fmt.Fprintf(b, " approved=%s", attr(u.Approved))
	}
	fmt.Fprintf(b, " xml:space=\"preserve\">\n")
	writeSegment(b, "source", u.Source, ind+"  ")
	if u.Target != nil {
		writeSegment(b, "target", u.Target, ind+"  ")
	}
	if c := u.Context; c != nil {
		fmt.Fprintf(b, "%s  <context-group name=%s purpose=%s>\n", ind, attr(c.Name), attr(c.Purpose))
		for _, x := range c.Contexts {
			fmt.Fprintf(b, "%s    <context context-type=%s>%s</context>\n", ind, attr(x.Type), escape(x.Value))
		}
		fmt.Fprintf(b, "%s  </context-group>\n", ind)
	}
	for _, n := range u.Notes {
		fmt.Fprintf(b, "%s  <note from=%s>%s</note>\n", ind, attr(n.From), escape(n.Value))
	}
	fmt.Fprintf(b, "%s</trans-unit>\n", ind)
}

func writeSegment(b *bytes.Buffer, name string, s *segment, ind string) {
	fmt.Fprintf(b, "%s<%s xml:lang=%s", ind, name, attr(s.Lang))
	if s.State != "" {
		fmt.Fprintf(b, " state=%s", attr(s.State))
	}
	b.WriteString(">")
	for _, p := range s.Parts {
		if p.X == "" {
			b.WriteString(escape(p.Text))
		} else {
			fmt.Fprintf(b, "<x id=%s ctype=\"x-go-template\" equiv-text=%s/>", attr(p.X), attr(p.Equiv))
		}
	}
	fmt.Fprintf(b, "</%s>\n", name)
}

func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a bytes.Buffer does not fail
	return b.String()
}

func attr(s string) string { return `"` + escape(s) + `"` }

// Imported is what an import did.
type Imported struct {
	Lang     string
	Updated  []string // translations new or changed
	Reviewed []string // translations marked reviewed, text unchanged
}

// Import reads an XLIFF 1.2 file made from Export (by any tool) and brings
// its translations into the locale file: changed texts, checked like a
// worklist's, recorded as made from the German the file was made from;
// units approved or in state final or signed-off as reviewed. A file
// exported and imported without edits changes nothing.
func (w *Workspace) Import(name string, r io.Reader) (*Imported, error) {
	var doc xliffDoc
	dec := xml.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: not an XLIFF file: %w", name, err)
	}
	if doc.Version != "1.2" {
		return nil, fmt.Errorf("%s: XLIFF version %q: formgen reads 1.2", name, doc.Version)
	}
	if doc.File.Source != locale.Source {
		return nil, fmt.Errorf("%s: source-language %q: formgen's source is %s", name, doc.File.Source, locale.Source)
	}
	l, err := w.Locale(doc.File.Target)
	if err != nil {
		return nil, fmt.Errorf("%s: target-language: %w", name, err)
	}
	rf, err := w.review(l.Tag)
	if err != nil {
		return nil, err
	}
	de := w.Catalog.Source()
	res := &Imported{Lang: l.Tag}
	var probs Problems
	updated := map[string]*locale.Entry{}
	sources := map[string]string{}
	var reviewed []string
	for _, it := range doc.File.Body.Items {
		id := it.ID
		units := []xliffItem{it}
		if it.XMLName.Local == "group" {
			units = it.Units
		} else if it.XMLName.Local != "trans-unit" {
			continue
		}
		fail := func(format string, args ...any) {
			probs = append(probs, fmt.Sprintf("%s: %s: %s", name, id, fmt.Sprintf(format, args...)))
		}
		src := de.Entries[id]
		if src == nil {
			fail("no such German message")
			continue
		}
		ids := placeholderIDs(src.Forms)
		forms := map[string]string{}
		approved, hash := true, ""
		for _, u := range units {
			cat := "other"
			if it.XMLName.Local == "group" {
				c, okPrefix := strings.CutPrefix(u.ID, id+"[")
				c, okSuffix := strings.CutSuffix(c, "]")
				if cat = c; !okPrefix || !okSuffix || !slices.Contains(locale.PluralCategories, cat) {
					fail("unit %q: want %s[<plural category>]", u.ID, id)
					continue
				}
			}
			if u.Context != nil {
				for _, c := range u.Context.Contexts {
					if c.Type == "x-source-hash" {
						hash = strings.TrimSpace(c.Value)
					}
				}
			}
			if u.Target == nil {
				approved = false
				continue
			}
			s, err := fromSegment(u.Target, ids)
			if err != nil {
				fail("%v", err)
				continue
			}
			if s != "" {
				forms[cat] = s
			}
			if !(u.Approved == "yes" || u.Target.State == "final" || u.Target.State == "signed-off") {
				approved = false
			}
		}
		if len(forms) == 0 {
			continue
		}
		tr := l.Entries[id]
		if tr != nil && maps.Equal(tr.Forms, forms) {
			// the same text: at most a review to record
			if approved && rf.State(id, src, tr) != review.Done && hash == locale.SourceHash(src) {
				reviewed = append(reviewed, id)
			}
			continue
		}
		if hash != locale.SourceHash(src) {
			fail("the German has changed since the file was exported: export it again")
			continue
		}
		e := &locale.Entry{ID: id, Forms: forms}
		for _, p := range w.checkTranslation(l, src, e) {
			fail("%s", p)
		}
		updated[id] = e
		sources[id] = hash
		if approved {
			reviewed = append(reviewed, id)
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	if len(updated) == 0 && len(reviewed) == 0 {
		return res, nil
	}
	for _, id := range reviewed {
		if updated[id] == nil {
			updated[id] = l.Entries[id]
			sources[id] = locale.SourceHash(de.Entries[id])
			res.Reviewed = append(res.Reviewed, id)
		}
	}
	var all []string
	state := func(id string) string {
		if slices.Contains(reviewed, id) {
			return review.Reviewed
		}
		return review.Machine
	}
	if err := w.apply(l, updated, sources, state, &all); err != nil {
		return nil, err
	}
	for _, id := range all {
		if !slices.Contains(res.Reviewed, id) {
			res.Updated = append(res.Updated, id)
		}
	}
	return res, nil
}

// checkTranslation checks a new translation e of the German src in
// locale l: plural forms, placeholders, template syntax, fonts.
func (w *Workspace) checkTranslation(l *locale.Locale, src, e *locale.Entry) []string {
	var probs []string
	need := []string{"other"}
	if isPlural(src) {
		need = locale.Plurals(l.Tag)
	}
	for _, cat := range need {
		if e.Forms[cat] == "" {
			probs = append(probs, fmt.Sprintf("plural form %s is missing (%s needs %s)", cat, l.Tag, strings.Join(need, ", ")))
		}
	}
	for cat, s := range e.Forms {
		if !slices.Contains(need, cat) {
			probs = append(probs, fmt.Sprintf("plural form %s: %s uses only %s here", cat, l.Tag, strings.Join(need, ", ")))
		}
		if miss := w.Fonts.Uncovered(s); len(miss) > 0 {
			probs = append(probs, fmt.Sprintf("%s: %v", cat, &text.MissingGlyphError{Runes: miss}))
		}
	}
	if msg := locale.CheckMessage(e.Forms); msg != "" {
		probs = append(probs, msg)
	}
	if want, got := placeholdersOf(src), placeholdersOf(e); !slices.Equal(want, got) {
		probs = append(probs, fmt.Sprintf("placeholders %s, the German has %s", list(got), list(want)))
	}
	slices.Sort(probs)
	return probs
}
