package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

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
// atomicfile says which), one of the run's own inputs — a file of
// inputs (the data file, the PDF read; "" and "-", standard input, are
// none) or of the project's input folders — or a new file inside one of
// those folders (CheckOutputFolder). Files are named as the user
// gave them and relative to dir ("": the working directory); the errors
// name them so.
func (p *Project) CheckOutput(dir, out string, inputs ...string) error {
	path := onDisk(dir, out)
	if err := atomicfile.Replaceable(path); err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		// a new file is no input, but may not go into an input folder
		return p.CheckOutputFolder(dir, out)
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
	if err != nil {
		return err
	}
	if hit != "" {
		return overwrite(out, hit)
	}
	return p.CheckOutputFolder(dir, out)
}

// CheckOutputFolder refuses an output path out (a file, or the folder a
// batch writes to), named relative to dir, that lies inside one of the
// project folder's input folders, whether it exists yet or not: what is
// written there would be read as an input, or would create the folder and
// make it replace the shipped one.
func (p *Project) CheckOutputFolder(dir, out string) error {
	if folder := p.inputFolder(onDisk(dir, out)); folder != "" {
		return fmt.Errorf("%s is inside the input folder %s: formgen writes no output there", out, folder)
	}
	return nil
}

// inputFolder returns the name of the input folder (forms, locales,
// templates, fonts of the project folder) path would be in, or "". The
// folder need not exist yet: a file written there would create it, and
// from then on it would be read instead of the shipped one.
func (p *Project) inputFolder(path string) string {
	if p.root == "" {
		return ""
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	for _, name := range Folders {
		in, err := filepath.Abs(filepath.Join(p.root, name))
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(in, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return p.Name(name)
		}
	}
	return ""
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
