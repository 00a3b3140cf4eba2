package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"formgen/internal/build"
)

func buildCommand() *command {
	return &command{
		name:     "build",
		synopsis: "write every form and template in every locale to a folder, incrementally",
		usage:    "[--out DIR] [--forms ID,ID] [--langs TAG,TAG] [--jobs N] [--force] [--prune] [--shard K/N]",
		about: `Write every form and every template (with its example data) in every locale
to DIR/<tag>/<id>.pdf. Only PDFs whose inputs changed since the last build
are made again: DIR/` + build.ManifestFile + ` records what each PDF was made from.`,
		flags: buildFlags,
	}
}

func buildFlags(fs *flag.FlagSet, o *options) runner {
	o.outFlag(fs, "out", "`DIR` to write the PDFs to")
	o.strictFlag(fs, "fail a PDF whose locale lacks a message instead of printing German")
	o.jobsFlag(fs, "PDFs made at once (`N`)")
	only := fs.String("forms", "", "comma-separated form and template `IDs` (default: all)")
	langs := fs.String("langs", "", "comma-separated locale `TAGS` (default: all)")
	quiet := fs.Bool("quiet", false, "print nothing but warnings and errors")
	opt := build.Options{Tool: Version}
	fs.BoolVar(&opt.Force, "force", false, "make every PDF again, changed or not")
	fs.BoolVar(&opt.Prune, "prune", false, "remove the PDFs of forms, templates and locales that no longer exist")
	shard := fs.String("shard", "", "build only part `K/N` of the PDFs (for several machines; join their manifests with formgen manifest merge)")
	return func(ctx context.Context, env *Env) error {
		sel := build.Selection{IDs: splitList(*only), Langs: splitList(*langs)}
		if err := buildUsage(&opt, *shard, sel); err != nil {
			return err
		}
		opt.Out, opt.Strict, opt.Jobs = env.path(o.out), o.strict, o.jobs
		return runBuild(ctx, env, o, sel, opt, *quiet)
	}
}

// buildUsage checks the flags of build that depend on each other.
func buildUsage(opt *build.Options, shard string, sel build.Selection) error {
	if shard != "" {
		var err error
		if opt.Shard, err = build.ParseShard(shard); err != nil {
			return usagef("build", "%v", err)
		}
	}
	if opt.Prune && (len(sel.IDs) > 0 || len(sel.Langs) > 0) {
		return usagef("build", "--prune needs the whole build (no --forms or --langs): it removes what is not part of it")
	}
	return nil
}

// runBuild plans the build of sel and runs it, with a progress meter
// unless quiet.
func runBuild(ctx context.Context, env *Env, o *options, sel build.Selection, opt build.Options, quiet bool) error {
	p, err := o.project(env, sel.Langs...)
	if err != nil {
		return err
	}
	if err := checkOutDir(env, p, o.out); err != nil {
		return err
	}
	b, err := build.Plan(p, sel)
	if err != nil {
		return err
	}
	eng, err := engine(p)
	if err != nil {
		return err
	}
	meter := build.NewMeter(env.Stderr)
	if !quiet {
		opt.Progress = meter.Report
	}
	sum, err := build.Run(ctx, b, eng.Make, opt)
	meter.End()
	if err != nil && sum == nil {
		return err
	}
	interrupted := "build interrupted; the PDFs written so far and " + build.ManifestFile + " are consistent: run the build again to finish"
	return report(env, sum, batchText{o.out, "PDFs", interrupted}, b.Failures(sum, err), quiet)
}

func manifestCommand() *command {
	return &command{
		name:     "manifest",
		synopsis: "join the manifests of a sharded build (manifest merge)",
		usage:    "<command> [flags]",
		about:    "Join the manifests of the shards of a build.",
		sub: []*command{{
			name:  "merge",
			usage: "--out FILE MANIFEST…",
			about: `Join the manifests of the shards of one build (formgen build --shard K/N)
into one, for the output folder that holds all their PDFs.`,
			nargs: -1,
			flags: manifestMerge,
		}},
	}
}

func manifestMerge(fs *flag.FlagSet, o *options) runner {
	o.outFlag(fs, "", "`FILE` to write the joined manifest to")
	return func(_ context.Context, env *Env) error {
		if o.out == "" || len(o.args) == 0 {
			return usagef("manifest merge", "want --out FILE and at least one manifest")
		}
		var paths []string
		for _, a := range o.args {
			paths = append(paths, env.path(a))
		}
		m, err := build.Merge(paths)
		if err != nil {
			return err
		}
		if err := m.Write(env.path(o.out)); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "formgen: %d PDFs in %s\n", len(m.PDFs), filepath.ToSlash(o.out))
		return nil
	}
}
