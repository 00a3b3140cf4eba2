package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"formgen/internal/atomicfile"
)

// InputFile returns the name of the project's input file that st is (a
// file of a forms, locales, templates or fonts folder on disk), or "":
// a run must not write over its own inputs. The shipped folders are
// inside formgen and cannot be written.
func (p *Project) InputFile(st os.FileInfo) (string, error) {
	for _, folder := range Folders {
		dir := p.Disk(folder)
		if dir == "" {
			continue
		}
		var hit string
		err := filepath.WalkDir(dir, func(f string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if in, err := os.Stat(f); err == nil && os.SameFile(st, in) {
				hit = filepath.Join(p.Name(folder), f[len(dir):])
				return fs.SkipAll
			}
			return nil
		})
		if err != nil || hit != "" {
			return hit, err
		}
	}
	return "", nil
}

// CheckOutput refuses, before anything is made, a file out that a run
// must not write: one that is not a regular file (a device, a FIFO:
// atomicfile says which), or one of the run's own inputs — a file of
// inputs (the data file, the PDF read; "" and "-", standard input, are
// none) or of the project's input folders. Files are named as the user
// gave them and relative to dir ("": the working directory); the errors
// name them so.
func (p *Project) CheckOutput(dir, out string, inputs ...string) error {
	path := onDisk(dir, out)
	if err := atomicfile.Replaceable(path); err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // a new file is no input
	}
	if err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	for _, in := range inputs {
		if in == "" || in == "-" {
			continue
		}
		if ist, err := os.Stat(onDisk(dir, in)); err == nil && os.SameFile(st, ist) {
			return overwrite(out, in)
		}
	}
	hit, err := p.InputFile(st)
	if err != nil || hit == "" {
		return err
	}
	return overwrite(out, hit)
}

// onDisk is where the file name given relative to dir is.
func onDisk(dir, name string) string {
	if dir == "" || filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(dir, name)
}

func overwrite(out, in string) error {
	return fmt.Errorf("%s is the input file %s: formgen does not write over its inputs", out, in)
}
