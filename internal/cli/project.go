package cli

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"

	"formgen/internal/problem"
	"formgen/internal/project"
	"formgen/internal/render"
)

// projectOptions are the project options of a command: the inputs of
// --dir DIR, or, without --dir, of the working directory: its forms/,
// locales/, templates/ and fonts/ where it has them, the shipped ones
// elsewhere. Every command reads them so.
func projectOptions(env *Env, dir string) project.Options {
	name := dir
	if dir == "" {
		dir, name = ".", "."
	}
	return project.Options{Dir: env.path(dir), Name: name, SourceDateEpoch: env.Getenv("SOURCE_DATE_EPOCH")}
}

// project opens the project of the command; with langs, only German and
// those locales are read.
func (o *options) project(env *Env, langs ...string) (*project.Project, error) {
	opt := projectOptions(env, o.dir)
	opt.Langs = langs
	return project.Open(opt)
}

// engine returns a renderer over the project.
func engine(p *project.Project) (*render.Engine, error) { return render.New(p, Version) }

func listCommand() *command {
	return &command{
		name:     "list",
		synopsis: "list the forms, templates and locales",
		usage:    "[--json]",
		about:    "List the forms and templates (id, version, title) and the locales (tag, own name,\ndirection, share translated).",
		flags:    list,
	}
}

func list(fs *flag.FlagSet, o *options) runner {
	o.jsonFlag(fs, "print JSON")
	return func(_ context.Context, env *Env) error {
		p, err := o.project(env)
		if err != nil {
			return err
		}
		info := p.List()
		if o.json {
			return writeJSON(env, info)
		}
		if err := writeList(env, info); err != nil {
			return err
		}
		if ps := p.Problems(); len(ps) > 0 {
			fmt.Fprintf(env.Stderr, "formgen: %d problems in the inputs; run formgen check\n", len(ps))
		}
		return nil
	}
}

// writeList writes the forms, templates and locales as tables.
func writeList(env *Env, info project.Listing) error {
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
	return tw.Flush()
}

func checkCommand() *command {
	return &command{
		name:     "check",
		synopsis: "validate every form, template and locale file",
		usage:    "[--strict] [--json]",
		about:    "Validate every form, template, locale file and the office and list every\nproblem. Missing translations are warnings; --strict makes them errors.",
		flags:    check,
	}
}

func check(fs *flag.FlagSet, o *options) runner {
	o.strictFlag(fs, "count missing translations and unused messages as errors")
	o.jsonFlag(fs, "print the problems as JSON, for editors and CI")
	return func(_ context.Context, env *Env) error {
		p, err := o.project(env)
		if err != nil {
			return err
		}
		ps := p.Check()
		if o.strict {
			for i := range ps {
				ps[i].Severity = problem.Error
			}
		}
		return problems(env, ps, o.json, fmt.Sprintf("checked %d forms and %d locales", len(p.Forms.Forms), len(p.Catalog.Locales)))
	}
}
