// Package atomicfile writes files so that readers see either the old
// content or the new, never a part: the data goes to a temporary file in
// the same folder, which is then renamed over the target. Stage and
// Commit split the two steps, so that many files can be written first
// and put in place only when all were.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
)

// Write writes data to path atomically, creating its folder. On error the
// temporary file is removed and an existing file at path is left as it was.
func Write(path string, data []byte, perm os.FileMode) error {
	s, err := Stage(path, data, perm)
	if err != nil {
		return err
	}
	return s.Commit()
}

// Staged is data written to a temporary file beside its target, not yet
// in place.
type Staged struct {
	tmp, path string
}

// Stage writes data to a temporary file in path's folder (created when
// missing), synced to disk; Commit puts it in place, Discard removes it.
func Stage(path string, data []byte, perm os.FileMode) (s *Staged, err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			// cleaning up after the error returned: theirs cannot add to it
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return nil, err
	}
	if err := tmp.Sync(); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return &Staged{tmp: tmp.Name(), path: path}, nil
}

// Commit renames the temporary file over the target.
func (s *Staged) Commit() error {
	if err := os.Rename(s.tmp, s.path); err != nil {
		_ = os.Remove(s.tmp) // the rename's error is the one to report
		return fmt.Errorf("write %s: %w", s.path, err)
	}
	return nil
}

// Discard removes the temporary file; the target is left as it was.
func (s *Staged) Discard() { _ = os.Remove(s.tmp) }
