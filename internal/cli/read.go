package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"formgen/internal/acroform"
	"formgen/internal/data"
	"formgen/internal/limitfs"
)

func readCommand() *command {
	return &command{
		name:     "read",
		synopsis: "read a filled-in form back as data",
		usage:    "FILLED.pdf [--out data.toml|data.json]",
		about: `Read a filled-in copy of a fillable form back as data: which form, version and
locale it is, and the values typed in, written as TOML (or JSON by the
.json extension of --out) that render --data accepts. The values are
checked as --data checks them; data with problems (required fields left
empty) are still written, and every problem is listed, with exit code 1.`,
		nargs:    1,
		argument: "one filled-in PDF",
		flags:    read,
	}
}

func read(fs *flag.FlagSet, o *options) runner {
	o.outFlag(fs, "", "`FILE` to write the data to (.toml or .json); - or none for standard output (TOML)")
	return func(_ context.Context, env *Env) error {
		name := o.args[0]
		raw, err := limitfs.ReadFile(env.path(name), limitfs.MaxFile)
		if err != nil {
			return err
		}
		filled, err := acroform.Read(raw)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		p, err := o.project(env)
		if err != nil {
			return err
		}
		if err := checkOut(env, p, o.out, name); err != nil {
			return err
		}
		f, err := p.Form(filled.Form)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if filled.Version != f.Version {
			fmt.Fprintf(env.Stderr, "warning: %s is a copy of version %s of form %s; read with version %s\n", name, filled.Version, f.ID, f.Version)
		}
		values := acroform.Data(f, filled.Values)
		src, err := data.Encode(o.out, values, fmt.Sprintf("%s read back from %s (locale %s)", f.ID, filepath.Base(name), filled.Locale))
		if err == nil {
			err = write(env, o.out, src)
		}
		if err != nil {
			return err
		}
		// checked as --data is, after writing: the clerk sees what came back
		_, err = f.Prefill(name, values, p.Today())
		return err
	}
}
