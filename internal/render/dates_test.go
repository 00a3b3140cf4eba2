package render

import (
	"strings"
	"testing"

	"formgen/internal/form"
	"formgen/internal/layout"
)

// TestDateCaptionsAgreeWithLegend: in every locale the boxes of a date
// carry day, month and year captions in German and in the reader's
// language, and the legend says the same in the same words: the date
// boxes and the legend never contradict each other.
func TestDateCaptionsAgreeWithLegend(t *testing.T) {
	e := shipped(t)
	parts := []string{form.MsgDateDay, form.MsgDateMonth, form.MsgDateYear}
	for _, loc := range e.Catalog.Locales {
		tx := e.Catalog.Texts(loc)
		type lang struct {
			name string
			get  func(id string) (string, error)
		}
		langs := []lang{{"German", func(id string) (string, error) { return tx.German(id, nil) }}}
		if tx.Bilingual() {
			langs = append(langs, lang{loc.Tag, func(id string) (string, error) { return tx.Translation(id, nil) }})
		}
		res, err := e.Form("vollmacht", loc, nil)
		if err != nil {
			t.Fatal(err)
		}
		// the captions under the grantor's date of birth, page 1
		var under []string
		for _, el := range res.Layout.Pages[0].Elements {
			if el.Field == "birth_date" && el.Use == layout.UseHint {
				under = append(under, el.Text)
			}
		}
		for _, l := range langs {
			legend, err := l.get(form.MsgDateFormat)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range parts {
				word, err := l.get(id)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(strings.ToLower(legend), strings.ToLower(word)) {
					t.Errorf("locale %s: the %s legend %q does not name the caption %q (%s)", loc.Tag, l.name, legend, word, id)
				}
				found := false
				for _, u := range under {
					found = found || u == word
				}
				if !found {
					t.Errorf("locale %s: form vollmacht, page 1: no %s caption %q under the date boxes (captions: %q)", loc.Tag, l.name, word, under)
				}
			}
		}
	}
}
