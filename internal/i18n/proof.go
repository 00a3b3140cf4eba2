package i18n

import (
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
	where := w.where()
	de := w.Catalog.Source()
	var items []render.ProofItem
	for _, id := range w.germanOrder() {
		src, tr := de.Entries[id], l.Entries[id]
		it := render.ProofItem{ID: id, Note: where[id]}
		if st := rf.State(id, src, tr); st != review.Unreviewed {
			if it.Note != "" {
				it.Note += " · "
			}
			it.Note += st.String()
		}
		cats := []string{"other"}
		if isPlural(src) {
			cats = locale.Plurals(l.Tag)
		}
		for _, c := range cats {
			german := src.Forms[c]
			if german == "" {
				german = src.Forms["other"]
			}
			label := ""
			if len(cats) > 1 {
				label = c
			}
			it.DE = append(it.DE, german)
			it.Label = append(it.Label, label)
			if tr != nil {
				it.TR = append(it.TR, tr.Forms[c])
			}
		}
		items = append(items, it)
	}
	return w.Engine.Proof(l, items, date)
}
