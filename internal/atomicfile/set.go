package atomicfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// File is one file of a set to write: where, and what.
type File struct {
	Path string
	Data []byte
}

// Journal is the name of the journal a set write keeps in its folder
// while it renames its files into place.
const Journal = ".formgen-journal"

// setTemp is the pattern of a set write's temporary files.
const setTemp = ".set.tmp"

// WriteSet writes files so that readers see all of them replaced or none
// (after Recover): every file goes to a temporary beside its target first;
// then a journal in dir lists each temporary and its target; then each is
// renamed into place and the journal removed. A run killed before the
// journal is complete leaves the targets as they were (Recover removes the
// temporaries); one killed after it leaves a journal that Recover follows
// to the end. Paths in the journal are relative to dir, which holds every
// file of the set.
func WriteSet(dir string, files []File) (err error) {
	if len(files) == 0 {
		return nil
	}
	if err := Recover(dir); err != nil {
		return err
	}
	var tmps []string
	defer func() {
		if err != nil {
			for _, t := range tmps {
				_ = os.Remove(t) // the write failed already: say that
			}
		}
	}()
	var journal bytes.Buffer
	for _, f := range files {
		tmp, line, err := setTempFile(dir, f)
		if err != nil {
			return err
		}
		tmps = append(tmps, tmp)
		journal.WriteString(line)
	}
	if err := Write(filepath.Join(dir, Journal), journal.Bytes(), 0o644); err != nil {
		return err
	}
	tmps = nil // from here on the journal owns them
	return Recover(dir)
}

// setTempFile writes the data of f to a temporary beside it, synced, and
// returns the temporary's name and its journal line. A temporary that
// could not be written whole is removed.
func setTempFile(dir string, f File) (string, string, error) {
	rel, err := filepath.Rel(dir, f.Path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || strings.ContainsAny(rel, "\t\n") {
		return "", "", fmt.Errorf("write %s: not a plain name inside %s", f.Path, dir)
	}
	if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
		return "", "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.Path), "."+filepath.Base(f.Path)+".*"+setTemp)
	if err != nil {
		return "", "", err
	}
	_, err = tmp.Write(f.Data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(tmp.Name()) // the write failed already: say that
		return "", "", fmt.Errorf("write %s: %w", f.Path, err)
	}
	trel, _ := filepath.Rel(dir, tmp.Name())
	return tmp.Name(), trel + "\t" + rel + "\n", nil
}

// Recover completes a set write that was interrupted: when dir holds a
// journal, every temporary it lists that is still there is renamed into
// place, then the journal is removed. Temporaries of a set write whose
// journal was never written are removed. Without a journal and
// temporaries it does nothing.
func Recover(dir string) error {
	name := filepath.Join(dir, Journal)
	src, err := os.ReadFile(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	listed := map[string]bool{}
	if err == nil {
		if err := followJournal(dir, name, src, listed); err != nil {
			return err
		}
	}
	// temporaries no journal lists: from a write killed before its journal
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == dir {
			return nil // nothing written there yet
		}
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && filepath.Dir(p) != dir {
			return fs.SkipDir // the set's files are in dir and one level below
		}
		if !d.IsDir() && strings.HasPrefix(d.Name(), ".") && strings.HasSuffix(d.Name(), setTemp) && !listed[p] {
			return os.Remove(p)
		}
		return nil
	})
}

// followJournal renames into place every temporary the journal name
// (read as src) lists that is still there, recording each in listed, and
// removes the journal.
func followJournal(dir, name string, src []byte, listed map[string]bool) error {
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		tmp, target, ok := strings.Cut(sc.Text(), "\t")
		if !ok || !strings.HasSuffix(tmp, setTemp) || filepath.IsAbs(tmp) || filepath.IsAbs(target) || strings.HasPrefix(filepath.Clean(target), "..") {
			return fmt.Errorf("%s:%d: not a formgen journal line: remove the file after checking the files it names", name, n)
		}
		listed[filepath.Join(dir, tmp)] = true
		err := os.Rename(filepath.Join(dir, tmp), filepath.Join(dir, target))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("complete an interrupted write (%s): %w", name, err)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	return os.Remove(name)
}

// syncDir makes the renames in dir durable where the system allows it;
// some file systems cannot sync a folder, and the renames stand anyway.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	_ = d.Sync() // best effort, see above
	return d.Close()
}
