package i18n

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"formgen/internal/atomicfile"
	"formgen/internal/locale"
	"formgen/internal/problem"
	"formgen/internal/review"
)

// go-i18n v2 JSON, the format of Weblate's "go-i18n v2 JSON file"
// component: one flat object by message id, a text for a message without
// description or plural forms, else an object with description and the
// plural forms. The German file (de.json) is the component's base, with
// descriptions; a translation's file has its translations only. Weblate
// keeps nothing but texts and descriptions, so the export record (the
// hashes an import checks, as in XLIFF) is a file of its own beside the
// JSON: .formgen/<name>.toml, which Weblate leaves alone.

// RecordDir is the folder, beside an exported JSON file, of its export
// record.
const RecordDir = ".formgen"

// RecordPath returns where the export record of a JSON file is.
func RecordPath(jsonPath string) string {
	return filepath.Join(filepath.Dir(jsonPath), RecordDir, strings.TrimSuffix(filepath.Base(jsonPath), filepath.Ext(jsonPath))+".toml")
}

type exportRecord struct {
	Lang     string                `toml:"lang"`
	Plurals  []string              `toml:"plurals"`
	Messages map[string]unitRecord `toml:"messages"`
}

type unitRecord struct {
	German      string `toml:"german"`
	Translation string `toml:"translation"`
}

// ExportJSON plans the go-i18n v2 JSON file of locale l at out and, for a
// translation, its export record.
func (w *Workspace) ExportJSON(l *locale.Locale, out string) (Plan, error) {
	de := w.Catalog.Source()
	var b bytes.Buffer
	b.WriteString("{")
	first := true
	rec := exportRecord{Lang: l.Tag, Plurals: locale.Plurals(l.Tag), Messages: map[string]unitRecord{}}
	for _, id := range w.germanOrder() {
		src := de.Entries[id]
		e := l.Entries[id]
		if l.Tag != locale.Source {
			th := noTranslation
			if e != nil {
				th = review.TextHash(e)
			}
			rec.Messages[id] = unitRecord{German: locale.FormsHash(src), Translation: th}
		}
		if e == nil {
			continue
		}
		if !first {
			b.WriteString(",")
		}
		first = false
		fmt.Fprintf(&b, "\n  %s: ", jsonString(id))
		desc := ""
		if l.Tag == locale.Source {
			desc = e.Description
		}
		if desc == "" && len(e.Forms) == 1 && e.Forms["other"] != "" {
			b.WriteString(jsonString(e.Forms["other"]))
			continue
		}
		b.WriteString("{")
		sep := "\n    "
		if desc != "" {
			fmt.Fprintf(&b, "%s\"description\": %s", sep, jsonString(desc))
			sep = ",\n    "
		}
		for _, cat := range locale.PluralCategories {
			if s, ok := e.Forms[cat]; ok {
				fmt.Fprintf(&b, "%s%q: %s", sep, cat, jsonString(s))
				sep = ",\n    "
			}
		}
		b.WriteString("\n  }")
	}
	b.WriteString("\n}\n")
	p := Plan{{Path: out, Data: b.Bytes()}}
	if l.Tag != locale.Source {
		var r bytes.Buffer
		fmt.Fprintf(&r, "# formgen export record of %s: the German and the translation each\n# message was exported with. formgen i18n import refuses a message whose\n# German or translation has changed since. Do not edit.\n", filepath.Base(out))
		if err := toml.NewEncoder(&r).Encode(rec); err != nil {
			return nil, err
		}
		p = append(p, atomicfile.File{Path: RecordPath(out), Data: r.Bytes()})
	}
	return p, nil
}

func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// jsonRecord decodes the export record of the JSON file name and returns
// it with its locale, which the file's name and plural forms must match.
func (w *Workspace) jsonRecord(name string, record []byte) (*exportRecord, *locale.Locale, error) {
	var rec exportRecord
	md, err := toml.Decode(string(record), &rec)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: export record: %w", RecordPath(name), err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		return nil, nil, fmt.Errorf("%s: unknown key %q: not a formgen export record", RecordPath(name), u[0].String())
	}
	l, err := w.Locale(rec.Lang)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: lang: %w", RecordPath(name), err)
	}
	// uk.json, or active.uk.json as goi18n merge names it
	base := strings.TrimSuffix(path.Base(filepath.ToSlash(name)), path.Ext(name))
	if tag := base[strings.LastIndexByte(base, '.')+1:]; locale.Canonical(tag) != l.Tag {
		return nil, nil, fmt.Errorf("%s: the file is named for %q, its export record is for %s", name, tag, l.Tag)
	}
	if need := locale.Plurals(l.Tag); !slices.Equal(rec.Plurals, need) {
		return nil, nil, fmt.Errorf("%s: exported with plural forms %s, %s has %s: export again", name, strings.Join(rec.Plurals, ", "), l.Tag, strings.Join(need, ", "))
	}
	return &rec, l, nil
}

// jsonForms reads the translation raw of one message, a text or an object
// of plural forms, into forms; false when it is neither.
func jsonForms(raw json.RawMessage, forms map[string]string, fail func(format string, args ...any)) bool {
	var text string
	if err := json.Unmarshal(raw, &text); err == nil {
		forms["other"] = text
		return true
	}
	var obj map[string]string
	if err := json.Unmarshal(raw, &obj); err != nil {
		fail("want a text or an object of texts")
		return false
	}
	for k, v := range obj {
		switch {
		case k == "description" || k == "hash":
			// the German's, or go-i18n's: not a translation's
		case slices.Contains(locale.PluralCategories, k):
			forms[k] = v
		default:
			fail("%q is not a plural category", k)
		}
	}
	return true
}

// ImportJSON plans bringing the translations of a go-i18n v2 JSON file
// (as Weblate writes it back, or goi18n merge as active.uk.json) into its
// locale, with the safety of an XLIFF import: record is the export record
// ExportJSON wrote with it. The file's name says its locale (uk.json); it
// must be the record's.
func (w *Workspace) ImportJSON(name string, r io.Reader, record []byte, opt ImportOptions) (*Imported, Plan, error) {
	src, err := readExchange(name, r)
	if err != nil {
		return nil, nil, err
	}
	rec, l, err := w.jsonRecord(name, record)
	if err != nil {
		return nil, nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	var raw map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, nil, fmt.Errorf("%s: not a go-i18n v2 JSON file (an object by message id): %w", name, err)
	}
	de := w.Catalog.Source()
	var probs problem.Problems
	var in []incoming
	for _, id := range slices.Sorted(func(yield func(string) bool) {
		for k := range raw {
			if !yield(k) {
				return
			}
		}
	}) {
		fail := func(format string, args ...any) {
			probs = append(probs, messageProblem(name, 0, id, format, args...))
		}
		src := de.Entries[id]
		ur, ok := rec.Messages[id]
		switch {
		case src == nil:
			fail("no such German message")
			continue
		case !ok:
			fail("not in the export record: export again")
			continue
		}
		m := incoming{id: id, where: name, forms: map[string]string{}, german: ur.German, tr: ur.Translation}
		if !jsonForms(raw[id], m.forms, fail) {
			continue
		}
		in = append(in, m)
	}
	if len(probs) > 0 {
		return nil, nil, refused(probs)
	}
	return w.importMessages(l, in, opt)
}
