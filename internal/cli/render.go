package cli

import (
	"context"
	"errors"
	"flag"

	"formgen/internal/data"
	"formgen/internal/locale"
	"formgen/internal/project"
	"formgen/internal/render"
)

func renderCommand() *command {
	return &command{
		name:     "render",
		synopsis: "write one form in one locale",
		usage:    "--form ID --lang TAG --out FILE",
		about:    "Write one form in one locale as PDF; --lang de gives the German-only form.",
		flags:    renderFlags,
	}
}

func renderFlags(fs *flag.FlagSet, o *options) runner {
	o.langFlag(fs, langUsage)
	o.outFlag(fs, "", "`FILE` to write, - for standard output")
	o.strictFlag(fs, "fail when the locale lacks a message instead of printing German")
	formID := fs.String("form", "", "`ID` of the form")
	dataFile := fs.String("data", "", "pre-fill the form with the values of `FILE` (TOML, or JSON by its .json extension; - reads TOML from standard input)")
	flat := fs.Bool("flat", false, "print-only: a blank form without the fields to fill in on a screen")
	return func(ctx context.Context, env *Env) error {
		switch {
		case *formID == "":
			return usagef("render", "--form is required")
		case o.lang == "":
			return usagef("render", "--lang is required")
		case o.out == "":
			return usagef("render", "--out is required (- for standard output)")
		}
		d, err := o.openDocument(ctx, env, true, *dataFile)
		if err != nil {
			return err
		}
		f, err := d.p.Form(*formID)
		if err != nil {
			return err
		}
		var rec data.Record
		if *dataFile != "" {
			raw, err := readData(env, *dataFile)
			if err != nil {
				return err
			}
			if rec, err = f.Prefill(*dataFile, raw, d.p.Today()); err != nil {
				return err
			}
		}
		d.eng.Flat = *flat
		res, err := d.eng.Form(f.ID, d.loc, rec)
		if err != nil {
			return err
		}
		return d.deliver(ctx, env, o, f.ID, res)
	}
}

// document is what one document in one locale needs: the inputs (German
// and that locale only), the locale, and an engine.
type document struct {
	p   *project.Project
	loc *locale.Locale
	eng *render.Engine
}

// openDocument opens what a document in the locale of --lang needs. With
// file, --out is a file: it is checked first that it may be written, and
// is not the input file (checkOut). A command stopped meanwhile stops.
func (o *options) openDocument(ctx context.Context, env *Env, file bool, input string) (*document, error) {
	p, err := o.project(env, o.lang)
	if err != nil {
		return nil, err
	}
	loc, err := p.Locale(o.lang)
	if err != nil {
		return nil, err
	}
	eng, err := engine(p)
	if err != nil {
		return nil, err
	}
	if file {
		if err := checkOut(env, p, o.out, input); err != nil {
			return nil, err
		}
	}
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	return &document{p, loc, eng}, nil
}

// deliver writes one document to --out (- for standard output), after
// warning of the messages its locale lacks, or failing with --strict, as
// it does for a translation with an error among the messages it printed.
// A command stopped (Ctrl-C, SIGTERM) while it rendered writes nothing.
func (d *document) deliver(ctx context.Context, env *Env, o *options, id string, res *render.Result) error {
	if err := stopped(ctx); err != nil {
		return err
	}
	if o.strict {
		if err := d.p.Strict(d.loc, id, res.Missing, res.Messages); err != nil {
			return err
		}
	}
	warnMissing(env.Stderr, d.loc.Tag, id, res.Missing)
	return write(env, o.out, res.PDF)
}

// stopped returns an error once ctx is cancelled: the user asked the
// command to stop (Ctrl-C, SIGTERM), and nothing more is done or written.
func stopped(ctx context.Context) error {
	if ctx.Err() != nil {
		return errors.New("interrupted: nothing written")
	}
	return nil
}

// readData reads a data file, or standard input for "-".
func readData(env *Env, name string) (map[string]any, error) {
	if name == "-" {
		return data.Decode("-", env.Stdin)
	}
	return data.ReadFile(env.path(name), name)
}
