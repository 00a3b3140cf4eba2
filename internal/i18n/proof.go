package i18n

import (
	"strings"
	"time"

	"formgen/internal/locale"
	"formgen/internal/render"
	"formgen/internal/review"
)

// Proof renders a PDF for a reviewer of locale l: every German message
// with its id, where it is used and its state, the German source and the
// translation side by side.
func (w *Workspace) Proof(l *locale.Locale, date time.Time) (*render.Result, error) {
	rf, err := w.review(l.Tag)
	if err != nil {
		return nil, err
	}
	german, err := w.german()
	if err != nil {
		return nil, err
	}
	where := w.where()
	de := w.Catalog.Source()
	var items []render.ProofItem
	for _, id := range w.germanOrder() {
		src, tr := de.Entries[id], l.Entries[id]
		it := render.ProofItem{ID: id, Note: where[id]}
		st := rf.State(id, src, tr)
		if st != review.Unreviewed {
			if it.Note != "" {
				it.Note += " · "
			}
			it.Note += st.String()
		}
		var prev map[string]string
		if st == review.Stale {
			prev = german.Previous(rf.Record(id))
		}
		proofForms(&it, l.Tag, src, tr, prev)
		items = append(items, it)
	}
	return w.Engine.Proof(l, items, date)
}

// proofForms adds to it the German and the translation of each plural
// form of the message (src, tr) in locale tag, and after them, for a stale
// translation, the previous German prev it translates.
func proofForms(it *render.ProofItem, tag string, src, tr *locale.Entry, prev map[string]string) {
	cats := []string{"other"}
	if isPlural(src) {
		cats = locale.Plurals(tag)
	}
	for _, c := range cats {
		german := src.Forms[c]
		if german == "" {
			german = src.Forms["other"]
		}
		label := ""
		if len(cats) > 1 {
			label = c
			if n := locale.PluralExample(tag, c); n != "" {
				label += " (" + n + ")"
			}
		}
		it.DE = append(it.DE, german)
		it.Label = append(it.Label, label)
		if tr != nil {
			it.TR = append(it.TR, tr.Forms[c])
		}
	}
	if prev == nil {
		return
	}
	// the German the stale translation translates, for comparison
	for _, c := range cats {
		it.DE = append(it.DE, formOf(prev, c))
		it.Label = append(it.Label, strings.TrimSpace("previous German "+map[bool]string{true: c, false: ""}[len(cats) > 1]))
		if tr != nil {
			it.TR = append(it.TR, "")
		}
	}
}
