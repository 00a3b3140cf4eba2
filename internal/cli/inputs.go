package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/BurntSushi/toml"

	"formgen"
	"formgen/internal/form"
	"formgen/internal/letter"
	"formgen/internal/locale"
	"formgen/internal/problem"
	"formgen/internal/render"
	"formgen/internal/text"
)

// folders are the data folders formgen reads.
var folders = []string{"forms", "locales", "templates", "fonts"}

// inputs are the data folders of a run: the shipped ones, or those of
// --dir where it has them.
type inputs struct {
	fs   map[string]fs.FS
	name map[string]string // how messages name the folder
}

func openInputs(dir string) (*inputs, error) {
	in := &inputs{fs: map[string]fs.FS{}, name: map[string]string{}}
	if dir != "" {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("--dir: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("--dir %s: not a folder", dir)
		}
	}
	for _, f := range folders {
		if dir != "" {
			p := filepath.Join(dir, f)
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				in.fs[f] = os.DirFS(p)
				in.name[f] = p
				continue
			}
		}
		sub, err := fs.Sub(formgen.Data, f)
		if err != nil {
			return nil, err
		}
		in.fs[f] = sub
		in.name[f] = f
	}
	return in, nil
}

// loadDir opens the inputs of dir (the shipped ones where it has none)
// and loads them; with langs, only German and those locales are read.
func loadDir(env *Env, dir string, langs ...string) (*loaded, error) {
	in, err := openInputs(env.path(dir))
	if err != nil {
		return nil, err
	}
	return load(in, langs...)
}

// loaded is everything a command may need, read and checked.
type loaded struct {
	in        *inputs
	templates *letter.Set
	forms     *form.Set
	catalog   *locale.Catalog
	fonts     *text.FontSet
	office    render.Office
	problems  problem.Problems // of forms and locales that could not be used
	common    []string         // ids of the messages every document may print
	// parsed are every form and template read without problems, also
	// those whose texts lack German (left out of forms and templates);
	// parseProblems are the problems of those that could not be read
	parsedForms     []*form.Form
	parsedTemplates []*letter.Template
	parseProblems   problem.Problems
}

// load reads fonts, forms, templates, locales and the office. Problems in single forms
// or locale files are returned with the rest, which stays usable; an error
// means nothing can be done. With langs, only German and those locales are
// read (the others are only listed).
func load(in *inputs, langs ...string) (*loaded, error) {
	l := &loaded{in: in}
	var err error
	if l.fonts, err = text.LoadFontSet(in.fs["fonts"]); err != nil {
		return nil, fmt.Errorf("%s: %w", in.name["fonts"], err)
	}
	var ps problem.Problems
	if l.forms, ps, err = form.LoadAll(in.fs["forms"], in.name["forms"]); err != nil {
		return nil, fmt.Errorf("%s: %w", in.name["forms"], err)
	}
	l.problems = append(l.problems, ps...)
	l.parseProblems = append(l.parseProblems, ps...)
	if l.templates, ps, err = letter.LoadAll(in.fs["templates"], in.name["templates"]); err != nil {
		return nil, fmt.Errorf("%s: %w", in.name["templates"], err)
	}
	l.problems = append(l.problems, ps...)
	l.parseProblems = append(l.parseProblems, ps...)
	l.parsedForms, l.parsedTemplates = l.forms.Forms, l.templates.Templates
	var want func(string) bool
	if len(langs) > 0 {
		want = func(tag string) bool {
			for _, l := range langs {
				if locale.Canonical(l) == tag {
					return true
				}
			}
			return false
		}
	}
	if l.catalog, ps, err = locale.LoadSome(in.fs["locales"], in.name["locales"], want); err != nil {
		return nil, err
	}
	l.problems = append(l.problems, ps...)
	if l.catalog.Source() == nil {
		return nil, fmt.Errorf("%s/%s.toml cannot be used:\n%w", in.name["locales"], locale.Source, l.problems.Err())
	}
	if l.office, err = loadOffice(in.fs["forms"], in.name["forms"]); err != nil {
		return nil, err
	}
	// a form whose texts lack German cannot be rendered
	de := l.catalog.Source()
	var ok []*form.Form
	for _, f := range l.forms.Forms {
		ps := f.CheckMessages(func(id string) bool { return de.Entries[id] != nil })
		if len(ps) > 0 {
			l.problems = append(l.problems, ps...)
			continue
		}
		ok = append(ok, f)
	}
	l.forms.Forms = ok
	l.common = form.CommonMessages
	if len(l.templates.Templates) > 0 {
		l.common = slices.Concat(l.common, letter.CommonMessages, locale.FormatMessages())
	}
	var okT []*letter.Template
	for _, t := range l.templates.Templates {
		ps := t.CheckMessages(func(id string) bool { return de.Entries[id] != nil })
		if len(ps) == 0 {
			ps = t.CheckPlaceholders(func(id string) []string { return locale.Placeholders(de.Entries[id].Forms) })
		}
		if len(ps) > 0 {
			l.problems = append(l.problems, ps...)
			continue
		}
		okT = append(okT, t)
	}
	l.templates.Templates = okT
	for _, id := range l.common {
		if de.Entries[id] == nil {
			l.problems = append(l.problems, problem.Problem{File: de.File, Msg: fmt.Sprintf("common message %q has no German text", id)})
		}
	}
	l.problems.Sort()
	return l, nil
}

func loadOffice(fsys fs.FS, dir string) (render.Office, error) {
	var o render.Office
	src, err := fs.ReadFile(fsys, form.OfficeFile)
	if errors.Is(err, fs.ErrNotExist) {
		return render.Office{Name: "Ausländerbehörde"}, nil
	}
	if err != nil {
		return o, err
	}
	file := filepath.Join(dir, form.OfficeFile)
	md, err := toml.Decode(string(src), &o)
	if err != nil {
		return o, fmt.Errorf("%s: %w", file, err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		return o, fmt.Errorf("%s: unknown key %q (it takes name, department, street, postcode and city)", file, u[0].String())
	}
	if o.Name == "" {
		return o, fmt.Errorf("%s: name is missing", file)
	}
	return o, nil
}

// engine returns a renderer over the loaded inputs.
func (l *loaded) engine(env func(string) string) (*render.Engine, error) {
	e := &render.Engine{Forms: l.forms, Templates: l.templates, Catalog: l.catalog, Fonts: l.fonts, Office: l.office, Version: Version}
	if s := env("SOURCE_DATE_EPOCH"); s != "" {
		var sec int64
		if _, err := fmt.Sscan(s, &sec); err != nil {
			return nil, fmt.Errorf("SOURCE_DATE_EPOCH=%q: not a number of seconds", s)
		}
		e.Date = time.Unix(sec, 0).UTC()
	}
	return e, nil
}
