package project

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"formgen/internal/form"
	"formgen/internal/letter"
	"formgen/internal/locale"
	"formgen/internal/problem"
	"formgen/internal/text"
	"formgen/internal/transcheck"
)

// NotFoundError is a form, template or locale asked for that the project
// does not have: a wrong command line rather than a wrong input.
type NotFoundError struct{ Msg string }

func (e *NotFoundError) Error() string { return e.Msg }

// problemsOf returns the problems that concern file.
func (p *Project) problemsOf(file string) problem.Problems {
	var out problem.Problems
	for _, pr := range p.problems {
		if pr.File == file {
			out = append(out, pr)
		}
	}
	return out
}

// Locale returns the locale of tag. A locale that is not there is a
// *NotFoundError; one whose file has problems, those problems.
func (p *Project) Locale(tag string) (*locale.Locale, error) {
	loc, err := p.Catalog.Match(tag)
	if err == nil {
		return loc, nil
	}
	file := filepath.Join(p.Name(Locales), locale.Canonical(tag)+".toml")
	if ps := p.problemsOf(file); len(ps) > 0 {
		return nil, fmt.Errorf("%s cannot be used:\n%w", file, ps)
	}
	return nil, &NotFoundError{err.Error()}
}

// Form returns form id, as Locale a locale.
func (p *Project) Form(id string) (*form.Form, error) {
	f := p.Forms.Get(id)
	return f, p.lookupErr(f != nil, "form", Forms, id, p.Forms.IDs())
}

// Template returns template id, as Locale a locale.
func (p *Project) Template(id string) (*letter.Template, error) {
	t := p.Templates.Get(id)
	return t, p.lookupErr(t != nil, "template", Templates, id, p.Templates.IDs())
}

// lookupErr is the error of looking for a form or template: none when
// found, the problems of its file when it has some, else not found.
func (p *Project) lookupErr(found bool, kind, folder, id string, ids []string) error {
	if found {
		return nil
	}
	file := filepath.Join(p.Name(folder), id+".toml")
	if ps := p.problemsOf(file); len(ps) > 0 {
		return fmt.Errorf("%s %s cannot be used:\n%w", kind, id, ps)
	}
	return &NotFoundError{fmt.Sprintf("unknown %s %q (available: %s)", kind, id, strings.Join(ids, ", "))}
}

// Check returns every problem of the inputs, sorted: those Problems lists
// (errors), characters no font prints (errors), every error-level check of
// a translation against its German (transcheck, as i18n lint has them),
// and messages a locale lacks, messages nothing uses and translations
// without German source (warnings).
func (p *Project) Check() problem.Problems {
	ps := p.Problems()
	ps = append(ps, p.idCollisions()...)
	ps = append(ps, p.examples()...)
	used := p.used()
	de := p.Catalog.Source()
	gloss, err := p.Glossaries()
	if err != nil {
		ps = append(ps, problem.Problem{File: filepath.Join(p.Name(Locales), transcheck.GlossaryDir), Msg: err.Error()})
	}
	for _, loc := range p.Catalog.Locales {
		ps = append(ps, p.checkEntries(loc, used)...)
		if loc != de {
			ps = append(ps, missingTranslations(loc, de, used)...)
			ps = append(ps, translationErrors(loc, de, gloss[loc.Tag])...)
		}
	}
	ps.Sort()
	return ps
}

// used returns the ids of every message a document prints.
func (p *Project) used() map[string]bool {
	used := map[string]bool{}
	for _, id := range p.Common {
		used[id] = true
	}
	for _, f := range p.Forms.Forms {
		for _, r := range f.Messages() {
			used[r.ID] = true
		}
	}
	for _, t := range p.Templates.Templates {
		for _, id := range t.Messages() {
			used[id] = true
		}
	}
	return used
}

// checkEntries checks each message of one locale file.
func (p *Project) checkEntries(loc *locale.Locale, used map[string]bool) problem.Problems {
	var ps problem.Problems
	de := p.Catalog.Source()
	for id, e := range loc.Entries {
		for _, cat := range locale.PluralCategories {
			if miss := p.Fonts.Uncovered(e.Forms[cat]); len(miss) > 0 {
				ps = append(ps, problem.Problem{File: loc.File, Line: e.Line, ID: id, Msg: fmt.Sprintf("locale %s, message %q: %v", loc.Tag, id, &text.MissingGlyphError{Runes: miss})})
			}
		}
		switch {
		case !used[id]:
			ps = append(ps, problem.Problem{File: loc.File, Line: e.Line, ID: id, Severity: problem.Warning, Msg: fmt.Sprintf("message %q is not used by any form or template", id)})
		case loc != de && de.Entries[id] == nil:
			ps = append(ps, problem.Problem{File: loc.File, Line: e.Line, ID: id, Severity: problem.Warning, Msg: fmt.Sprintf("message %q has no German source", id)})
		}
	}
	return ps
}

// translationErrors are the errors of loc's translations against their
// German; fonts are checked apart, for German too.
func translationErrors(loc, de *locale.Locale, gloss *transcheck.Glossary) problem.Problems {
	var ps problem.Problems
	for id := range loc.Entries {
		ps = append(ps, unitErrors(loc, de, id, gloss, fmt.Sprintf("locale %s, message %q: ", loc.Tag, id))...)
	}
	return ps
}

// unitErrors are the error-level findings of transcheck for message id of
// loc, each message after prefix.
func unitErrors(loc, de *locale.Locale, id string, gloss *transcheck.Glossary, prefix string) problem.Problems {
	e, src := loc.Entries[id], de.Entries[id]
	if e == nil || src == nil {
		return nil
	}
	var ps problem.Problems
	for _, f := range transcheck.Unit(loc, src, e, nil, gloss) {
		if f.Severity == problem.Error {
			f.Msg = prefix + f.Msg
			ps = append(ps, f)
		}
	}
	return ps
}

// TranslationErrors are the errors of the translations in loc of the
// messages ids (those a document printed): placeholders, plural forms,
// numbers, glossary … as formgen i18n lint finds them; none for German.
func (p *Project) TranslationErrors(loc *locale.Locale, ids []string) (problem.Problems, error) {
	de := p.Catalog.Source()
	if loc == de {
		return nil, nil
	}
	gloss, err := p.Glossaries()
	if err != nil {
		return nil, err
	}
	var ps problem.Problems
	for _, id := range ids {
		ps = append(ps, unitErrors(loc, de, id, gloss[loc.Tag], fmt.Sprintf("message %q: ", id))...)
	}
	return ps, nil
}

// Strict is the check --strict makes of one document doc in loc before
// it is written: it fails when the locale lacks messages the document
// printed in German (missing), or when the translation of a message it
// printed (ids) has an error (TranslationErrors).
func (p *Project) Strict(loc *locale.Locale, doc string, missing, ids []string) error {
	if len(missing) > 0 {
		return fmt.Errorf("%s: locale %s lacks %d messages (--strict): %s", doc, loc.Tag, len(missing), strings.Join(missing, ", "))
	}
	errs, err := p.TranslationErrors(loc, ids)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s: the %s translation has errors (--strict; formgen i18n lint lists them):\n%w", doc, loc.Tag, errs.Err())
	}
	return nil
}

// missingTranslations lists the used German messages loc lacks.
func missingTranslations(loc, de *locale.Locale, used map[string]bool) problem.Problems {
	var missing []string
	for id := range de.Entries {
		if used[id] && loc.Entries[id] == nil {
			missing = append(missing, id)
		}
	}
	slices.Sort(missing)
	var ps problem.Problems
	for _, id := range missing {
		ps = append(ps, problem.Problem{File: loc.File, ID: id, Severity: problem.Warning, Msg: fmt.Sprintf("missing translation of %q", id)})
	}
	return ps
}

// idCollisions finds templates with the id of a form: a build would write
// both to LANG/ID.pdf (it refuses to), so one of them could never be made.
func (p *Project) idCollisions() problem.Problems {
	forms := map[string]string{}
	for _, f := range p.Forms.Forms {
		forms[f.ID] = f.File
	}
	var ps problem.Problems
	for _, t := range p.Templates.Templates {
		if file, ok := forms[t.ID]; ok {
			ps = append(ps, problem.Problem{File: t.File, Msg: fmt.Sprintf("template id %q is the id of the form in %s: both would be written to LANG/%s.pdf; rename one", t.ID, file, t.ID)})
		}
	}
	return ps
}

// examples finds templates whose example data a build cannot use (missing,
// or not valid for the template): build makes every template with it.
func (p *Project) examples() problem.Problems {
	var ps problem.Problems
	for _, t := range p.Templates.Templates {
		if _, err := p.Templates.Example(t); err != nil {
			ps = append(ps, problem.Problem{File: t.File, Msg: err.Error()})
		}
	}
	return ps
}
