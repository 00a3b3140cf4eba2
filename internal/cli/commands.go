package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"

	"formgen/internal/build"
	"formgen/internal/data"
	"formgen/internal/letter"
	"formgen/internal/locale"
	"formgen/internal/problem"
	"formgen/internal/project"
	"formgen/internal/render"
)

func runRender(ctx context.Context, env *Env, args []string) error {
	fs, dir := flags(env, "render", "--form ID --lang TAG --out FILE", "Write one form in one locale as PDF; --lang de gives the German-only form.")
	formID := fs.String("form", "", "`ID` of the form")
	lang := fs.String("lang", "", "`TAG` of the locale (prs and kmr are accepted for fa-AF and ku)")
	out := fs.String("out", "", "`FILE` to write, - for standard output")
	dataFile := fs.String("data", "", "pre-fill the form with the values of `FILE` (TOML, or JSON by its .json extension; - reads TOML from standard input)")
	strict := fs.Bool("strict", false, "fail when the locale lacks a message instead of printing German")
	flat := fs.Bool("flat", false, "print-only: a blank form without the fields to fill in on a screen")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *formID == "":
		return usagef("render: --form is required")
	case *lang == "":
		return usagef("render: --lang is required")
	case *out == "":
		return usagef("render: --out is required (- for standard output)")
	}
	p, loc, eng, err := prepare(env, *dir, *lang)
	if err != nil {
		return err
	}
	if err := checkOut(env, *out, p, *dataFile); err != nil {
		return err
	}
	if err := stopped(ctx); err != nil {
		return err
	}
	f, err := p.Form(*formID)
	if err != nil {
		return err
	}
	var rec data.Record
	if *dataFile != "" {
		raw, err := readData(env, *dataFile)
		if err != nil {
			return err
		}
		if rec, err = f.Prefill(*dataFile, raw, p.Today()); err != nil {
			return err
		}
	}
	eng.Flat = *flat
	res, err := eng.Form(f.ID, loc, rec)
	if err != nil {
		return err
	}
	return deliver(ctx, env, p, loc, f.ID, res, *out, *strict)
}

// deliver writes one document to out (- for standard output), after
// warning of the messages its locale lacks, or failing with strict, as it
// does for a translation with an error among the messages it printed.
// A command stopped (Ctrl-C, SIGTERM) while it rendered writes nothing.
func deliver(ctx context.Context, env *Env, p *project.Project, loc *locale.Locale, id string, res *render.Result, out string, strict bool) error {
	if err := stopped(ctx); err != nil {
		return err
	}
	if err := missing(env, id, loc.Tag, res.Missing, strict); err != nil {
		return err
	}
	if strict {
		if err := strictTexts(p, loc, id, res.Messages); err != nil {
			return err
		}
	}
	return write(env, out, res.PDF)
}

// strictTexts fails when a translation of the messages ids that a
// document printed has an error (transcheck: placeholders, plural forms,
// numbers, glossary …).
func strictTexts(p *project.Project, loc *locale.Locale, doc string, ids []string) error {
	errs, err := p.TranslationErrors(loc, ids)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s: the %s translation has errors (--strict; formgen i18n lint lists them):\n%w", doc, loc.Tag, errs.Err())
	}
	return nil
}

// stopped returns an error once ctx is cancelled: the user asked the
// command to stop (Ctrl-C, SIGTERM), and nothing more is done or written.
func stopped(ctx context.Context) error {
	if ctx.Err() != nil {
		return errors.New("interrupted: nothing written")
	}
	return nil
}

// letterFlags are the flags of formgen letter.
type letterFlags struct {
	dir, id, lang, out, data *string
	example, strict          *bool
	jobs                     *int
}

func runLetter(ctx context.Context, env *Env, args []string) error {
	fs, dir := flags(env, "letter", "--template ID --lang TAG [--data FILE|DIR | --example] --out FILE|DIR", `Write a letter or information sheet from templates/ in one locale as PDF,
filled with the values of the data file. With --data DIR, write one letter
per data file of DIR (*.toml, *.json) to --out DIR, under the data file's
name; every file is checked before the first letter is written, and the
letters are put in place only when all were made.`)
	f := letterFlags{dir: dir}
	f.id = fs.String("template", "", "`ID` of the template")
	f.lang = fs.String("lang", "", "`TAG` of the locale (prs and kmr are accepted for fa-AF and ku)")
	f.out = fs.String("out", "", "`FILE` to write, - for standard output; a folder with --data DIR")
	f.data = fs.String("data", "", "the letter's values: `FILE` (TOML, or JSON by its .json extension; - reads TOML from standard input), or a folder of such files")
	f.example = fs.Bool("example", false, "fill the letter with the template's example data (templates/examples/ID.toml)")
	f.strict = fs.Bool("strict", false, "fail when the locale lacks a message instead of printing German")
	f.jobs = fs.Int("jobs", runtime.NumCPU(), "letters made at once with --data DIR (`N`)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := f.check(); err != nil {
		return err
	}
	many, err := f.dataFolder(env)
	if err != nil {
		return err
	}
	p, loc, eng, err := prepare(env, *f.dir, *f.lang)
	if err != nil {
		return err
	}
	if many == nil {
		if err := checkOut(env, *f.out, p, *f.data); err != nil {
			return err
		}
	}
	if err := stopped(ctx); err != nil {
		return err
	}
	t, err := p.Template(*f.id)
	if err != nil {
		return err
	}
	if many != nil {
		return f.letters(ctx, env, eng, t, loc, many)
	}
	var rec data.Record
	if *f.example {
		rec, err = p.Templates.Example(t)
	} else {
		rec, err = readRecord(env, *f.data, t)
	}
	if err != nil {
		return err
	}
	res, err := eng.Letter(t.ID, loc, rec)
	if err != nil {
		return err
	}
	return deliver(ctx, env, p, loc, t.ID, res, *f.out, *f.strict)
}

// check checks the flags of letter that depend on each other.
func (f letterFlags) check() error {
	switch {
	case *f.id == "":
		return usagef("letter: --template is required")
	case *f.example && *f.data != "":
		return usagef("letter: --data and --example exclude each other")
	case *f.lang == "":
		return usagef("letter: --lang is required")
	case *f.out == "":
		return usagef("letter: --out is required (- for standard output)")
	case *f.jobs < 1:
		return usagef("letter: --jobs must be at least 1")
	}
	return nil
}

// dataFolder returns the data files of --data DIR, nil for a data file.
func (f letterFlags) dataFolder(env *Env) ([]string, error) {
	if *f.data == "" || *f.data == "-" {
		return nil, nil
	}
	st, err := os.Stat(env.path(*f.data))
	if err != nil || !st.IsDir() {
		return nil, nil
	}
	if *f.out == "-" {
		return nil, usagef("letter: --data DIR writes to a folder, not to standard output")
	}
	return build.DataFiles(env.path(*f.data))
}

// letters writes a letter per data file, all or none: every file is
// checked first, and the letters are put in place only when all were
// made.
func (f letterFlags) letters(ctx context.Context, env *Env, eng *render.Engine, t *letter.Template, loc *locale.Locale, files []string) error {
	read := func(file string) (data.Record, error) { return readRecord(env, file, t) }
	b, err := build.LetterBatch(t, loc, files, read)
	if err != nil {
		return err
	}
	opt := build.Options{Out: env.path(*f.out), Jobs: *f.jobs, Strict: *f.strict}
	sum, err := build.RunAll(ctx, b, eng.Make, opt)
	if err != nil {
		return err
	}
	// one warning per message any letter lacked
	warnMissing(env.Stderr, loc.Tag, t.ID, sum.AllMissing())
	sum.Missing = nil
	return report(env, sum, batchText{*f.out, "letters", "interrupted: no letter written"}, sum.Failed, false)
}

// readRecord reads and checks the data of one letter (none for "").
func readRecord(env *Env, name string, t *letter.Template) (data.Record, error) {
	raw := map[string]any{}
	if name != "" {
		var err error
		if raw, err = readData(env, name); err != nil {
			return nil, err
		}
	}
	if name != "" {
		return t.Record(name, raw)
	}
	rec, err := t.Record("data", raw)
	if err != nil {
		return nil, fmt.Errorf("template %s needs data: give --data FILE, or --example for its example data\n%w", t.ID, err)
	}
	return rec, nil
}

// missing warns about messages a locale lacks, or fails with --strict.
func missing(env *Env, id, tag string, ids []string, strict bool) error {
	if len(ids) == 0 {
		return nil
	}
	if strict {
		return fmt.Errorf("%s: locale %s lacks %d messages (--strict): %s", id, tag, len(ids), strings.Join(ids, ", "))
	}
	warnMissing(env.Stderr, tag, id, ids)
	return nil
}

// prepare opens what one document in locale lang needs: the inputs
// (German and that locale only), the locale, and an engine.
func prepare(env *Env, dir, lang string) (*project.Project, *locale.Locale, *render.Engine, error) {
	p, err := openProject(env, dir, lang)
	if err != nil {
		return nil, nil, nil, err
	}
	loc, err := p.Locale(lang)
	if err != nil {
		return nil, nil, nil, err
	}
	eng, err := engine(p)
	return p, loc, eng, err
}

func runList(ctx context.Context, env *Env, args []string) error {
	fs, dir := flags(env, "list", "[--json]", "List the forms and templates (id, version, title) and the locales (tag, own name,\ndirection, share translated).")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	p, err := openProject(env, *dir)
	if err != nil {
		return err
	}
	info := p.List()
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(info)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FORM\tVERSION\tDATE\tTITLE")
	for _, f := range info.Forms {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.ID, f.Version, f.Date, f.Title)
	}
	if len(info.Templates) > 0 {
		fmt.Fprintln(tw)
		fmt.Fprintln(tw, "TEMPLATE\tVERSION\tDATE\tTITLE")
		for _, t := range info.Templates {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.ID, t.Version, t.Date, t.Title)
		}
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "LOCALE\tNAME\tDIRECTION\tSCRIPT\tTRANSLATED")
	for _, loc := range info.Locales {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.0f%%\n", loc.Tag, loc.Name, loc.Direction, loc.Script, 100*loc.Complete)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if ps := p.Problems(); len(ps) > 0 {
		fmt.Fprintf(env.Stderr, "formgen: %d problems in the inputs; run formgen check\n", len(ps))
	}
	return nil
}

func runCheck(ctx context.Context, env *Env, args []string) error {
	fs, dir := flags(env, "check", "[--strict] [--json]", "Validate every form, template, locale file and the office and list every\nproblem. Missing translations are warnings; --strict makes them errors.")
	strict := fs.Bool("strict", false, "count missing translations and unused messages as errors")
	asJSON := fs.Bool("json", false, "print the problems as JSON, for editors and CI")
	if err := parse(fs, args); err != nil {
		return err
	}
	p, err := openProject(env, *dir)
	if err != nil {
		return err
	}
	ps := p.Check()
	if *strict {
		for i := range ps {
			ps[i].Severity = problem.Error
		}
	}
	return problems(env, ps, *asJSON, fmt.Sprintf("checked %d forms and %d locales", len(p.Forms.Forms), len(p.Catalog.Locales)))
}
