// Package limitfs reads formgen's input files with limits: only regular
// files, each at most a stated size. A FIFO, a device or a link to one
// (a symbolic link in forms/ to /dev/zero) is refused before it is
// opened, so that no read blocks or runs until memory is gone.
package limitfs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// The largest input files formgen reads (docs/limits.md).
const (
	MaxFile = 4 << 20  // a form, template, locale, status or office file
	MaxFont = 64 << 20 // a font file
	MaxData = 1 << 20  // a person's data file
)

// New returns fsys with every file read checked: regular, and at most
// max bytes.
func New(fsys fs.FS, max int64) fs.FS { return &limited{fsys, max} }

type limited struct {
	fsys fs.FS
	max  int64
}

func (l *limited) Open(name string) (fs.File, error) {
	st, err := fs.Stat(l.fsys, name) // follows links, opens nothing
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return l.fsys.Open(name)
	}
	if err := check(name, st, l.max); err != nil {
		return nil, err
	}
	f, err := l.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	return &file{File: f, name: name, left: l.max, max: l.max}, nil
}

func (l *limited) Stat(name string) (fs.FileInfo, error) { return fs.Stat(l.fsys, name) }

func (l *limited) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(l.fsys, name) }

// ErrNotRegular is the error for an input that is not a regular file.
var ErrNotRegular = errors.New("not a regular file: formgen reads only regular files")

// TooLargeError is the error for an input larger than its limit.
type TooLargeError struct{ Max int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("larger than %d MiB, the most formgen reads from one file", e.Max>>20)
}

func check(name string, st fs.FileInfo, max int64) error {
	if !st.Mode().IsRegular() {
		return &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	if st.Size() > max {
		return &fs.PathError{Op: "read", Path: name, Err: &TooLargeError{max}}
	}
	return nil
}

// file stops a read past the limit, should the file grow after its size
// was checked.
type file struct {
	fs.File
	name      string
	left, max int64
}

func (f *file) Read(p []byte) (int, error) {
	if f.left <= 0 {
		var one [1]byte
		if n, _ := f.File.Read(one[:]); n > 0 {
			return 0, &fs.PathError{Op: "read", Path: f.name, Err: &TooLargeError{f.max}}
		}
		return 0, io.EOF
	}
	if int64(len(p)) > f.left {
		p = p[:f.left]
	}
	n, err := f.File.Read(p)
	f.left -= int64(n)
	return n, err
}

// ReadFile reads the file at path, a regular file of at most max bytes.
func ReadFile(path string, max int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := check(path, st, max); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read only: nothing is lost
	return ReadAll(&file{File: f, name: path, left: max, max: max}, path, max)
}

// ReadAll reads r (standard input, say) to its end, at most max bytes.
func ReadAll(r io.Reader, name string, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &TooLargeError{max}}
	}
	return b, nil
}
