// Package project reads formgen's inputs once, for every command: the
// forms, locales, templates and fonts folders and the office, each
// decoded strictly, and the date of the run (SOURCE_DATE_EPOCH). It
// cross-checks forms and templates against the German texts and lists
// every problem of the inputs (Check), and refuses an output file that is
// one of them (CheckOutput). Nothing else in formgen opens an input
// folder.
//
// Which folders: the shipped ones built into the binary, and in their
// place, folder by folder, those a project folder has (Options.Dir). The
// command line passes --dir, or the working directory when --dir is not
// given, the same for every command: run in a copy of the repository,
// formgen reads the files beside it.
package project

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"formgen"
	"formgen/internal/form"
	"formgen/internal/letter"
	"formgen/internal/limitfs"
	"formgen/internal/locale"
	"formgen/internal/problem"
	"formgen/internal/text"
	"formgen/internal/transcheck"
)

// The input folders.
const (
	Forms     = "forms"
	Locales   = "locales"
	Templates = "templates"
	Fonts     = "fonts"
)

// Folders are the input folders, in the order they are read.
var Folders = []string{Forms, Locales, Templates, Fonts}

// Options say what to open.
type Options struct {
	// Dir is a project folder: each of its forms/, locales/, templates/
	// and fonts/ that exists is read instead of the shipped one. "" reads
	// only the shipped folders.
	Dir string
	// Name is how messages name Dir, e.g. as the user typed it; "" is Dir.
	Name string
	// FS, when set, is read as the project folder instead of the disk
	// folder Dir (tests).
	FS fs.FS
	// Langs, when given, limit the locales read to German and these
	// (the others are only listed): a one-document run stays quick.
	Langs []string
	// SourceDateEpoch is the value of SOURCE_DATE_EPOCH, "" when unset.
	SourceDateEpoch string
}

// folder is one input folder of a project.
type folder struct {
	fsys fs.FS
	name string // how messages name it, e.g. "forms" or "work/forms"
	disk string // its path on disk; "" for a shipped one
}

// Project is the inputs of a run, read and checked.
type Project struct {
	folders map[string]folder
	// root is the folder on disk whose forms/, locales/, templates/ and
	// fonts/ are read where present: --dir, or the working directory;
	// "" when the inputs come from an fs.FS
	root string

	Fonts     *text.FontSet
	Forms     *form.Set   // the forms that can be rendered
	Templates *letter.Set // the templates that can be rendered
	Catalog   *locale.Catalog
	// Common are the ids of the messages every document may print.
	Common []string
	// Date is SOURCE_DATE_EPOCH's time, zero when it is not set.
	Date time.Time

	office    form.Office
	officeErr error

	glossaries  transcheck.Glossaries
	glossaryErr error

	// problems are those of inputs that were left out or cannot be used.
	problems problem.Problems
	// parsed are every form and template read without problems, also
	// those whose texts lack German; parseProblems those of the others.
	parsedForms     []*form.Form
	parsedTemplates []*letter.Template
	parseProblems   problem.Problems
}

// Open reads the inputs. Problems of single files (a form, a locale, a
// template, the office) are kept for Problems and Check, and the rest
// stays usable; an error means nothing can be done: a folder or the fonts
// cannot be read, there is no German, SOURCE_DATE_EPOCH is wrong.
func Open(opt Options) (*Project, error) {
	p := &Project{folders: map[string]folder{}}
	var err error
	if p.Date, _, err = ParseEpoch(opt.SourceDateEpoch); err != nil {
		return nil, err
	}
	if err := p.openFolders(opt); err != nil {
		return nil, err
	}
	if p.Fonts, err = text.LoadFontSet(p.FS(Fonts)); err != nil {
		return nil, fmt.Errorf("%s: %w", p.Name(Fonts), err)
	}
	if err := p.readDefinitions(); err != nil {
		return nil, err
	}
	if err := p.readLocales(opt.Langs); err != nil {
		return nil, err
	}
	p.readOffice()
	p.glossaries, p.glossaryErr = transcheck.LoadGlossaries(p.FS(Locales), p.Name(Locales))
	p.crossCheck()
	p.problems.Sort()
	return p, nil
}

// openFolders picks, for each input folder, the project folder's or the
// shipped one.
func (p *Project) openFolders(opt Options) error {
	root := opt.FS
	if root == nil && opt.Dir != "" {
		st, err := os.Stat(opt.Dir)
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("--dir %s: no such folder", cmp.Or(opt.Name, opt.Dir))
		}
		if err != nil {
			return fmt.Errorf("--dir: %w", err)
		}
		if !st.IsDir() {
			return fmt.Errorf("--dir %s: not a folder", cmp.Or(opt.Name, opt.Dir))
		}
		root = os.DirFS(opt.Dir)
		p.root = opt.Dir
	}
	for _, name := range Folders {
		if root != nil {
			if st, err := fs.Stat(root, name); err == nil && st.IsDir() {
				sub, err := fs.Sub(root, name)
				if err != nil {
					return err
				}
				// regular files of a stated size only (limitfs)
				max := int64(limitfs.MaxFile)
				if name == Fonts {
					max = limitfs.MaxFont
				}
				sub = limitfs.New(sub, max)
				f := folder{fsys: sub, name: filepath.Join(cmp.Or(opt.Name, opt.Dir), name)}
				if opt.FS == nil {
					f.disk = filepath.Join(opt.Dir, name)
				}
				p.folders[name] = f
				continue
			}
		}
		sub, err := fs.Sub(formgen.Data, name)
		if err != nil {
			return err
		}
		p.folders[name] = folder{fsys: sub, name: name}
	}
	return nil
}

// FS returns an input folder (Forms, Locales, Templates, Fonts).
func (p *Project) FS(name string) fs.FS { return p.folders[name].fsys }

// Name returns how messages name an input folder: "locales" for the
// shipped one or the working directory's, "DIR/locales" for --dir DIR.
func (p *Project) Name(name string) string { return p.folders[name].name }

// Disk returns the path on disk of an input folder, "" when it is the
// shipped one (which cannot be written).
func (p *Project) Disk(name string) string { return p.folders[name].disk }

// readDefinitions reads the forms and the templates.
func (p *Project) readDefinitions() error {
	forms, ps, err := form.LoadAll(p.FS(Forms), p.Name(Forms))
	if err != nil {
		return fmt.Errorf("%s: %w", p.Name(Forms), err)
	}
	p.Forms = forms
	p.parseProblems = append(p.parseProblems, ps...)
	templates, ps, err := letter.LoadAll(p.FS(Templates), p.Name(Templates))
	if err != nil {
		return fmt.Errorf("%s: %w", p.Name(Templates), err)
	}
	p.Templates = templates
	p.parseProblems = append(p.parseProblems, ps...)
	p.parseProblems.Sort()
	p.problems = append(p.problems, p.parseProblems...)
	p.parsedForms, p.parsedTemplates = forms.Forms, templates.Templates
	return nil
}

// readLocales reads German and the locales of langs (all when empty).
func (p *Project) readLocales(langs []string) error {
	var want func(string) bool
	if len(langs) > 0 {
		want = func(tag string) bool {
			return slices.ContainsFunc(langs, func(l string) bool { return locale.Canonical(l) == tag })
		}
	}
	cat, ps, err := locale.LoadSome(p.FS(Locales), p.Name(Locales), want)
	if err != nil {
		return err
	}
	p.Catalog = cat
	p.problems = append(p.problems, ps...)
	if cat.Source() == nil {
		return fmt.Errorf("%s cannot be used:\n%w", filepath.Join(p.Name(Locales), locale.Source+".toml"), ps.Err())
	}
	return nil
}

// readOffice reads forms/office.toml strictly; a missing or wrong one is
// a problem, and an error for every command that makes a document.
func (p *Project) readOffice() {
	file := filepath.Join(p.Name(Forms), form.OfficeFile)
	src, err := fs.ReadFile(p.FS(Forms), form.OfficeFile)
	if errors.Is(err, fs.ErrNotExist) {
		pr := problem.Problem{File: file, Msg: "missing: every document names the office that issues it (name, department, street, postcode, city)"}
		p.problems = append(p.problems, pr)
		p.officeErr = pr
		return
	}
	if err != nil {
		p.officeErr = fmt.Errorf("%s: %w", file, err)
		p.problems = append(p.problems, problem.Problem{File: file, Msg: err.Error()})
		return
	}
	o, ps := form.ParseOffice(file, src)
	if len(ps) > 0 {
		p.problems = append(p.problems, ps...)
		p.officeErr = ps
		return
	}
	p.office = o
}

// Glossaries returns the fixed terms of each locale (locales/glossary/),
// or why they cannot be read: a problem for check, an error for the
// translators' commands, nothing to the others.
func (p *Project) Glossaries() (transcheck.Glossaries, error) { return p.glossaries, p.glossaryErr }

// Office returns the office, or the problems of forms/office.toml.
func (p *Project) Office() (form.Office, error) { return p.office, p.officeErr }

// crossCheck leaves out the forms and templates whose messages have no
// German text (or whose German prints a value the template lacks), and
// reports common messages without German.
func (p *Project) crossCheck() {
	de := p.Catalog.Source()
	hasGerman := func(id string) bool { return de.Entries[id] != nil }
	p.Forms.Forms = slices.DeleteFunc(slices.Clone(p.Forms.Forms), func(f *form.Form) bool {
		ps := f.CheckMessages(de.File, hasGerman)
		p.problems = append(p.problems, ps...)
		return len(ps) > 0
	})
	p.Common = form.CommonMessages
	if len(p.parsedTemplates) > 0 {
		p.Common = slices.Concat(p.Common, letter.CommonMessages, locale.FormatMessages())
	}
	p.Templates.Templates = slices.DeleteFunc(slices.Clone(p.Templates.Templates), func(t *letter.Template) bool {
		ps := t.CheckMessages(de.File, hasGerman)
		if len(ps) == 0 {
			ps = t.CheckPlaceholders(func(id string) []string { return locale.Placeholders(de.Entries[id].Forms) })
		}
		p.problems = append(p.problems, ps...)
		return len(ps) > 0
	})
	for _, id := range p.Common {
		if !hasGerman(id) {
			p.problems = append(p.problems, problem.Problem{File: de.File, ID: id, Msg: fmt.Sprintf("common message %q has no German text", id)})
		}
	}
}

// Problems returns the problems of the inputs that were left out or
// cannot be used, sorted; Check adds those of the locales' contents.
func (p *Project) Problems() problem.Problems { return slices.Clone(p.problems) }

// Parsed returns every form and template that could be read, also those
// whose texts lack German (i18n extract writes their messages), or the
// problems of those that could not: their messages would be lost.
func (p *Project) Parsed() (*form.Set, *letter.Set, error) {
	if len(p.parseProblems) > 0 {
		return nil, nil, p.parseProblems
	}
	forms, templates := *p.Forms, *p.Templates
	forms.Forms, templates.Templates = p.parsedForms, p.parsedTemplates
	return &forms, &templates, nil
}

// Today is the day data is checked on: SOURCE_DATE_EPOCH's when set, so
// that a run can be repeated, else the day in Germany.
func (p *Project) Today() time.Time { return Today(p.Date) }

// Today is the calendar day in Germany of date, or of now when date is
// zero, as a date at midnight UTC.
func Today(date time.Time) time.Time {
	t := date
	if t.IsZero() {
		t = time.Now()
	}
	if berlin, err := time.LoadLocation("Europe/Berlin"); err == nil {
		t = t.In(berlin)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
