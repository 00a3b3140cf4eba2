package locale

import (
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Texts gives one document its messages in German and in one translation,
// and records every message the translation lacked. It is safe for
// concurrent use.
type Texts struct {
	Locale *Locale
	source *Locale // German
	de, tr *i18n.Localizer

	mu      sync.Mutex
	missing []string
	asked   map[string]bool
}

// Data is what a message may print: named values, as strings, and only
// those the message needs.
type Data map[string]string

// Texts returns the texts of locale l (German alone when l is German).
func (c *Catalog) Texts(l *Locale) *Texts {
	return &Texts{
		Locale: l,
		source: c.Source(),
		de:     i18n.NewLocalizer(c.bundle, Source),
		tr:     i18n.NewLocalizer(c.bundle, l.Tag),
	}
}

// Bilingual reports whether documents carry a translation beside German.
func (t *Texts) Bilingual() bool { return t.Locale.Tag != Source }

// German returns the German text of id.
func (t *Texts) German(id string, data Data) (string, error) {
	return t.localize(t.de, id, data, nil, false)
}

// Translation returns the translated text of id; a message the locale
// lacks is given in German and recorded (see Missing).
func (t *Texts) Translation(id string, data Data) (string, error) {
	return t.localize(t.tr, id, data, nil, true)
}

// Translated reports whether the translation has its own text of id.
func (t *Texts) Translated(id string) bool {
	return !t.Bilingual() || t.Locale.Entries[id] != nil
}

// GermanCount and TranslationCount choose the plural form for count.
func (t *Texts) GermanCount(id string, count int, data Data) (string, error) {
	return t.localize(t.de, id, data, count, false)
}

// TranslationCount is Translation with a plural count.
func (t *Texts) TranslationCount(id string, count int, data Data) (string, error) {
	return t.localize(t.tr, id, data, count, true)
}

func (t *Texts) localize(l *i18n.Localizer, id string, data Data, count any, fallback bool) (string, error) {
	if data == nil {
		data = Data{}
	}
	t.mu.Lock()
	if t.asked == nil {
		t.asked = map[string]bool{}
	}
	t.asked[id] = true
	t.mu.Unlock()
	if err := t.given(l, id, data); err != nil {
		return "", err
	}
	cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: map[string]string(data), PluralCount: count}
	s, tag, err := l.LocalizeWithTag(cfg)
	var notFound *i18n.MessageNotFoundErr
	switch {
	case err == nil:
		return s, nil
	case errors.As(err, &notFound) && fallback && tag.String() == Source && s != "":
		t.mu.Lock()
		if !slices.Contains(t.missing, id) {
			t.missing = append(t.missing, id)
		}
		t.mu.Unlock()
		return s, nil
	case errors.As(err, &notFound):
		return "", fmt.Errorf("message %q has no German text", id)
	}
	who := Source
	if fallback {
		who = t.Locale.Tag
	}
	return "", fmt.Errorf("locale %s, message %q: %w", who, id, err)
}

// given refuses a message id, asked of l, that prints a placeholder data
// has no value for: it would print "<no value>".
func (t *Texts) given(l *i18n.Localizer, id string, data Data) error {
	e := t.source.Entries[id]
	if l == t.tr && t.Locale.Entries[id] != nil {
		e = t.Locale.Entries[id]
	}
	if e == nil {
		return nil
	}
	for _, p := range Placeholders(e.Forms) {
		if _, ok := data[p]; !ok && p != "PluralCount" {
			who := Source
			if e != t.source.Entries[id] {
				who = t.Locale.Tag
			}
			return fmt.Errorf("locale %s, message %q prints {{.%s}}, which it is not given", who, id, p)
		}
	}
	return nil
}

// Missing returns the ids of messages that fell back to German, in the
// order they were first asked for.
func (t *Texts) Missing() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.missing)
}

// Asked returns the ids of every message asked for, sorted: what the
// document depends on.
func (t *Texts) Asked() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	ids := make([]string, 0, len(t.asked))
	for id := range t.asked {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Placeholders returns the names a message's German text and its
// translation both print ({{.name}}): the only values a document may pass
// to it. A value the German does not ask for is never shown to the
// translation, whatever it asks for.
func (t *Texts) Placeholders(id string) (de, tr []string) {
	if e := t.source.Entries[id]; e != nil {
		de = Placeholders(e.Forms)
	}
	tr = de
	if t.Bilingual() {
		tr = nil
		if e := t.Locale.Entries[id]; e != nil {
			for _, p := range Placeholders(e.Forms) {
				if slices.Contains(de, p) {
					tr = append(tr, p)
				}
			}
		} else {
			tr = de // the German text will be printed
		}
	}
	return de, tr
}
