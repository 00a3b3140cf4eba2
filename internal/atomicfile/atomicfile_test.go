package atomicfile

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "a.pdf")
	if err := Write(path, []byte("one"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("two"), 0o640); err != nil {
		t.Fatal(err)
	}
	if got := read(t, path); got != "two" {
		t.Errorf("content %q, want two", got)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", st.Mode().Perm())
	}
	if got := entries(t, filepath.Dir(path)); !slices.Equal(got, []string{"a.pdf"}) {
		t.Errorf("folder holds %v, want only a.pdf", got)
	}
}

func TestStageDiscardCommit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Stage(path, []byte("new"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, path); got != "old" {
		t.Errorf("staged file already in place: %q", got)
	}
	if n := len(entries(t, dir)); n != 2 {
		t.Errorf("%d files while staged, want the target and one temporary", n)
	}
	s.Discard()
	if got := entries(t, dir); !slices.Equal(got, []string{"a.pdf"}) || read(t, path) != "old" {
		t.Errorf("after Discard: %v, %q", got, read(t, path))
	}
	s, err = Stage(path, []byte("new"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"a.pdf"}) || read(t, path) != "new" {
		t.Errorf("after Commit: %v, %q", got, read(t, path))
	}
}

// TestRefusesNonRegular: formgen never replaces a device, a FIFO, a
// folder or a link to one of them with a file.
func TestRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	linkDev := filepath.Join(dir, "null")
	if err := os.Symlink(os.DevNull, linkDev); err != nil {
		t.Fatal(err)
	}
	linkFile := filepath.Join(dir, "link.pdf")
	if err := os.WriteFile(filepath.Join(dir, "target.pdf"), []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("target.pdf", linkFile); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{fifo: "a named pipe", folder: "a folder", linkDev: "a device", os.DevNull: "a device"} {
		err := Write(path, []byte("x"), 0o644)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
			t.Errorf("Write(%s) = %v, want a refusal naming it %s", path, err, want)
		}
	}
	st, err := os.Lstat(fifo)
	if err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", st, err)
	}
	if got := entries(t, dir); len(got) != 5 {
		t.Errorf("folder holds %v: a temporary was left", got)
	}
	// a link to a regular file is replaced by the file, its target kept
	if err := Write(linkFile, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(dir, "target.pdf")) != "kept" || read(t, linkFile) != "new" {
		t.Error("writing over a link changed its target")
	}
}

// TestCommitRechecks: a path that became a FIFO after staging is not
// replaced.
func TestCommitRechecks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.pdf")
	s, err := Stage(path, []byte("x"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err == nil {
		t.Fatal("Commit replaced a FIFO")
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"a.pdf"}) {
		t.Errorf("folder holds %v, want only the FIFO", got)
	}
}

// TestRemoveTemps: temporaries of writers that are gone are removed; those
// of a running writer, and other files, are kept.
func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	dead, live := pids(t)
	files := map[string]bool{ // name: removed
		"de/.a.pdf." + dead + "-123.tmp":                 true,
		".formgen-manifest.json.99.tmp":                  true, // before process ids
		"uk/.b.pdf." + live + "-5.tmp":                   false,
		"uk/b.pdf":                                       false,
		"uk/.hidden.tmp":                                 false,
		"uk/notes." + dead + "-1.tmp":                    false,
		".a.pdf." + strconv.Itoa(os.Getpid()) + "-7.tmp": false, // this process's own
	}
	touch(t, dir, files)
	removed, err := RemoveTemps(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 2 {
		t.Errorf("removed %v, want 2", removed)
	}
	gone(t, dir, files)
	if _, err := RemoveTemps(filepath.Join(dir, "missing")); err != nil {
		t.Errorf("RemoveTemps of a missing folder: %v", err)
	}
}

// TestWriteRemovesOwnAbandoned: a render --out FILE killed by kill -9 left
// a temporary beside FILE; the next write of FILE removes it, and leaves
// those of other files and of running writers.
func TestWriteRemovesOwnAbandoned(t *testing.T) {
	dir := t.TempDir()
	dead, live := pids(t)
	files := map[string]bool{ // name: removed
		".x[1].pdf." + dead + "-42.tmp":    true,
		".x[1].pdf.17.tmp":                 true, // before process ids
		".x[1].pdf." + live + "-42.tmp":    false,
		".y.pdf." + dead + "-42.tmp":       false, // another file's
		".x[1].pdf.notes." + dead + ".tmp": false,
	}
	touch(t, dir, files)
	if err := Write(filepath.Join(dir, "x[1].pdf"), []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	gone(t, dir, files)
	if got := read(t, filepath.Join(dir, "x[1].pdf")); got != "new" {
		t.Errorf("file holds %q", got)
	}
}

// pids returns the id of a process that has ended (its id is free) and of
// one that runs (this test's parent).
func pids(t *testing.T) (dead, live string) {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return strconv.Itoa(cmd.Process.Pid), strconv.Itoa(os.Getppid())
}

// touch makes the empty files of names (slash-separated, under dir).
func touch(t *testing.T, dir string, names map[string]bool) {
	t.Helper()
	for name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// gone checks which of names were removed from dir.
func gone(t *testing.T, dir string, names map[string]bool) {
	t.Helper()
	for name, want := range names {
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if want != errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: removed %v, want %v", name, !want, want)
		}
	}
}
