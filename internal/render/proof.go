package render

import (
	"fmt"
	"strings"
	"time"

	"formgen/internal/form"
	"formgen/internal/layout"
	"formgen/internal/locale"
)

// ProofItem is one message of a proof for a reviewer.
type ProofItem struct {
	ID    string
	Note  string   // where it stands, and its state when not current
	DE    []string // the German, one text per plural form
	TR    []string // the translation, likewise; none when missing
	Label []string // the plural category of each form ("" without plurals)
}

// Proof renders a reviewer's proof of locale loc: every message with its
// id, the German source at the left and the translation at the right,
// shaped and set in the locale's direction, as written in the files
// (placeholders as {{.name}}), dated date.
func (e *Engine) Proof(loc *locale.Locale, items []ProofItem, date time.Time) (*Result, error) {
	e.init()
	texts := e.Catalog.Texts(loc)
	r := &resolver{t: texts, fonts: e.Fonts}
	doc := &layout.SheetDoc{
		Office:    e.Office.Heading(),
		Authority: r.bi(form.MsgAuthority, nil),
		Title:     layout.Bi{DE: "Korrekturabzug der Übersetzung: " + loc.Name + " (" + loc.Tag + ")", TR: loc.Name},
		FooterID:  fmt.Sprintf("proof · %s · formgen %s", loc.Tag, e.Version),
		Page:      r.pageNumbers(),
	}
	doc.Reader = r.reader()
	for _, it := range items {
		head := it.ID
		doc.DE = append(doc.DE, layout.Part{Kind: layout.PartHeading, Text: head})
		doc.TR = append(doc.TR, layout.Part{Kind: layout.PartParagraph, Text: it.Note})
		for i, de := range it.DE {
			label := ""
			if it.Label[i] != "" {
				label = "[" + it.Label[i] + "] "
			}
			tr := "(fehlt)"
			if i < len(it.TR) && it.TR[i] != "" {
				// a placeholder reads left to right in any text
				tr = locale.WrapActions(it.TR[i], "\u2066", "\u2069")
			}
			for _, line := range splitLines(label+de, tr) {
				doc.DE = append(doc.DE, layout.Part{Kind: layout.PartParagraph, Text: line[0]})
				doc.TR = append(doc.TR, layout.Part{Kind: layout.PartParagraph, Text: line[1]})
			}
		}
	}
	for _, s := range [][]layout.Part{doc.DE, doc.TR} {
		for _, p := range s {
			r.cover(loc.Tag, "proof", p.Text)
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	sh := e.shaper()
	defer e.release(sh)
	laid, err := layout.Sheet(doc, sh)
	if err != nil {
		return nil, fmt.Errorf("proof %s: %w", loc.Tag, err)
	}
	return e.finish("proof "+loc.Tag, laid, r, date)
}

// splitLines pairs the lines of a German text and its translation (a text
// may hold line breaks; the layout sets each line as a paragraph).
func splitLines(de, tr string) [][2]string {
	a, b := strings.Split(de, "\n"), strings.Split(tr, "\n")
	n := max(len(a), len(b))
	out := make([][2]string, n)
	for i := range n {
		if i < len(a) {
			out[i][0] = a[i]
		}
		if i < len(b) {
			out[i][1] = b[i]
		}
	}
	return out
}
