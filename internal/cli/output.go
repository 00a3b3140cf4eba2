package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"formgen/internal/atomicfile"
	"formgen/internal/project"
)

// checkOut refuses, before anything is made, an --out the run must not
// write: a file that is not regular (a device, a FIFO: atomicfile says
// which), or one of the run's own input files — the data file, or a file
// of the project's forms, locales, templates or fonts folders.
func checkOut(env *Env, out string, p *project.Project, inputs ...string) error {
	if out == "" || out == "-" {
		return nil
	}
	path := env.path(out)
	if err := atomicfile.Replaceable(path); err != nil {
		return fmt.Errorf("--out %s: %w", out, err)
	}
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // a new file is no input
	}
	if err != nil {
		return fmt.Errorf("--out %s: %w", out, err)
	}
	same := func(file string) bool {
		in, err := os.Stat(file)
		return err == nil && os.SameFile(st, in)
	}
	for _, in := range inputs {
		if in != "" && in != "-" && same(env.path(in)) {
			return fmt.Errorf("--out %s is the input file %s: formgen does not write over its inputs", out, in)
		}
	}
	if p == nil {
		return nil
	}
	hit, err := p.InputFile(st)
	if err != nil {
		return err
	}
	if hit != "" {
		return fmt.Errorf("--out %s is the input file %s: formgen does not write over its inputs", out, hit)
	}
	return nil
}
