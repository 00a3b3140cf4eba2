package project

import (
	"io/fs"
	"os"
	"path/filepath"
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
