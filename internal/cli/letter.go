package cli

import (
	"context"
	"flag"
	"fmt"
	"os"

	"formgen/internal/build"
	"formgen/internal/data"
	"formgen/internal/letter"
)

func letterCommand() *command {
	return &command{
		name:     "letter",
		synopsis: "write one letter or information sheet in one locale",
		usage:    "--template ID --lang TAG [--data FILE|DIR | --example] --out FILE|DIR",
		about: `Write a letter or information sheet from templates/ in one locale as PDF,
filled with the values of the data file. With --data DIR, write one letter
per data file of DIR (*.toml, *.json) to --out DIR, under the data file's
name; every file is checked before the first letter is written, and the
letters are put in place only when all were made.`,
		flags: letterFlags,
	}
}

func letterFlags(fs *flag.FlagSet, o *options) runner {
	o.langFlag(fs, langUsage)
	o.outFlag(fs, "", "`FILE` to write, - for standard output; a folder with --data DIR")
	o.strictFlag(fs, "fail when the locale lacks a message instead of printing German")
	o.jobsFlag(fs, "letters made at once with --data DIR (`N`)")
	id := fs.String("template", "", "`ID` of the template")
	dataFile := fs.String("data", "", "the letter's values: `FILE` (TOML, or JSON by its .json extension; - reads TOML from standard input), or a folder of such files")
	example := fs.Bool("example", false, "fill the letter with the template's example data (templates/examples/ID.toml)")
	return func(ctx context.Context, env *Env) error {
		switch {
		case *id == "":
			return usagef("letter", "--template is required")
		case *example && *dataFile != "":
			return usagef("letter", "--data and --example exclude each other")
		case o.lang == "":
			return usagef("letter", "--lang is required")
		case o.out == "":
			return usagef("letter", "--out is required (- for standard output)")
		}
		files, err := o.dataFolder(env, *dataFile)
		if err != nil {
			return err
		}
		d, err := o.openDocument(ctx, env, files == nil, *dataFile)
		if err != nil {
			return err
		}
		t, err := d.p.Template(*id)
		switch {
		case err != nil:
			return err
		case files != nil:
			return d.letters(ctx, env, o, t, files)
		}
		var rec data.Record
		if *example {
			rec, err = d.p.Templates.Example(t)
		} else {
			rec, err = readRecord(env, *dataFile, t)
		}
		if err != nil {
			return err
		}
		res, err := d.eng.Letter(t.ID, d.loc, rec)
		if err != nil {
			return err
		}
		return d.deliver(ctx, env, o, t.ID, res)
	}
}

// dataFolder returns the data files of --data DIR, nil for a data file.
func (o *options) dataFolder(env *Env, name string) ([]string, error) {
	if name == "" || name == "-" {
		return nil, nil
	}
	st, err := os.Stat(env.path(name))
	if err != nil || !st.IsDir() {
		return nil, nil
	}
	if o.out == "-" {
		return nil, usagef("letter", "--data DIR writes to a folder, not to standard output")
	}
	return build.DataFiles(env.path(name))
}

// letters writes a letter per data file, all or none: every file is
// checked first, and the letters are put in place only when all were
// made.
func (d *document) letters(ctx context.Context, env *Env, o *options, t *letter.Template, files []string) error {
	if err := checkOutDir(env, d.p, o.out); err != nil {
		return err
	}
	read := func(file string) (data.Record, error) { return readRecord(env, file, t) }
	b, err := build.LetterBatch(t, d.loc, files, read)
	if err != nil {
		return err
	}
	opt := build.Options{Out: env.path(o.out), Jobs: o.jobs, Strict: o.strict}
	sum, err := build.RunAll(ctx, b, d.eng.Make, opt)
	if err != nil {
		return err
	}
	// one warning per message any letter lacked
	warnMissing(env.Stderr, d.loc.Tag, t.ID, sum.AllMissing())
	sum.Missing = nil
	return report(env, sum, batchText{o.out, "letters", "interrupted: no letter written"}, sum.Failed, false)
}

// readRecord reads and checks the data of one letter (none for "").
func readRecord(env *Env, name string, t *letter.Template) (data.Record, error) {
	if name == "" {
		rec, err := t.Record("data", map[string]any{})
		if err != nil {
			return nil, fmt.Errorf("template %s needs data: give --data FILE, or --example for its example data\n%w", t.ID, err)
		}
		return rec, nil
	}
	raw, err := readData(env, name)
	if err != nil {
		return nil, err
	}
	return t.Record(name, raw)
}
