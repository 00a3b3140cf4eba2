// Package atomicfile writes files so that readers see either the old
// content or the new, never a part: the data goes to a temporary file in
// the same folder, which is then renamed over the target. Stage and
// Commit split the two steps, so that many files can be written first
// and put in place only when all were.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
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
	if err := Replaceable(path); err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	// the writer's process id in the name: a later run removes the
	// temporaries of writers that are gone (RemoveTemps), and a later
	// write of the same file those of its own earlier writers
	removeAbandoned(dir, filepath.Base(path))
	tmp, err := os.CreateTemp(dir, fmt.Sprintf(".%s.%d-*.tmp", filepath.Base(path), os.Getpid()))
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
	if err := Replaceable(s.path); err != nil {
		_ = os.Remove(s.tmp)
		return err
	}
	if err := os.Rename(s.tmp, s.path); err != nil {
		_ = os.Remove(s.tmp) // the rename's error is the one to report
		return fmt.Errorf("write %s: %w", s.path, err)
	}
	return nil
}

// Discard removes the temporary file; the target is left as it was.
func (s *Staged) Discard() { _ = os.Remove(s.tmp) }

// Replaceable reports, as an error, a path formgen must not write: one
// that is there and is not a regular file (a device such as /dev/null, a
// FIFO, a folder, a socket, or a symbolic link to one of them). Renaming
// over it would replace it. A missing path, a regular file and a link to
// a regular file (the link is replaced, its target kept) are fine.
func Replaceable(path string) error {
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		if st, err = os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil // a dangling link: replaced by the file
		} else if err != nil {
			return err
		}
	}
	if st.Mode().IsRegular() {
		return nil
	}
	what := "not a regular file"
	switch m := st.Mode(); {
	case m.IsDir():
		what = "a folder"
	case m&fs.ModeDevice != 0:
		what = "a device"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	}
	return fmt.Errorf("write %s: it is %s, not a regular file: formgen writes only regular files", path, what)
}

// tempPattern matches the temporary files Stage makes,
// ".<name>.<pid>-<digits>.tmp", and those of formgen before it named the
// process, ".<name>.<digits>.tmp".
var tempPattern = regexp.MustCompile(`^\..+\.(?:([0-9]+)-)?[0-9]+\.tmp$`)

// IsTemp reports whether a file name is that of a temporary file Stage
// made.
func IsTemp(name string) bool { return tempPattern.MatchString(name) }

// abandoned reports whether the temporary file name was left by a writer
// that is no longer running.
func abandoned(name string) bool {
	m := tempPattern.FindStringSubmatch(name)
	if m == nil {
		return false
	}
	if m[1] == "" {
		return true
	}
	pid, err := strconv.Atoi(m[1])
	if err != nil {
		return true
	}
	return pid != os.Getpid() && !running(pid)
}

// running reports whether process pid exists.
func running(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// RemoveTemps removes, under dir, the temporary files that writers killed
// before they could commit or discard them left behind, and returns their
// paths. Only regular files named as Stage names them are removed, and
// only those of processes no longer running: a build going on beside is
// left alone.
func RemoveTemps(dir string) ([]string, error) {
	var removed []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == dir {
			return fs.SkipAll
		}
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() || !abandoned(d.Name()) {
			return nil
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		removed = append(removed, p)
		return nil
	})
	return removed, err
}

// removeAbandoned removes the temporaries that killed writers of the file
// name in dir left (a render --out FILE stopped by kill -9). It is a
// courtesy: a temporary it cannot remove stays for RemoveTemps or a person.
func removeAbandoned(dir, name string) {
	quoted := globMeta.ReplaceAllString(name, `\$0`)
	tmps, err := filepath.Glob(filepath.Join(dir, "."+quoted+".*.tmp"))
	if err != nil {
		return
	}
	for _, t := range tmps {
		base := filepath.Base(t)
		mid := strings.TrimSuffix(strings.TrimPrefix(base, "."+name+"."), ".tmp")
		if !tempMiddle.MatchString(mid) || !abandoned(base) {
			continue
		}
		if st, err := os.Lstat(t); err == nil && st.Mode().IsRegular() {
			_ = os.Remove(t) // best effort, see above
		}
	}
}

// tempMiddle matches what Stage puts between a file's name and ".tmp".
var tempMiddle = regexp.MustCompile(`^(?:[0-9]+-)?[0-9]+$`)

// globMeta matches the characters filepath.Match gives a meaning.
var globMeta = regexp.MustCompile(`[*?[\\]`)
