package limitfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestLimits(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, size int) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Repeat("x", size)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ok.toml", 100)
	write("big.toml", 101)
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.toml")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("ok.toml", filepath.Join(dir, "link.toml")); err != nil {
		t.Fatal(err)
	}
	fsys := New(os.DirFS(dir), 100)
	for _, c := range []struct {
		name string
		want error
	}{
		{"ok.toml", nil},
		{"link.toml", nil},
		{"big.toml", &TooLargeError{}},
		{"zero.toml", ErrNotRegular},
		{"fifo.toml", ErrNotRegular}, // refused before it is opened: no wait for a writer
		{"none.toml", fs.ErrNotExist},
	} {
		b, err := fs.ReadFile(fsys, c.name)
		var tl *TooLargeError
		switch {
		case c.want == nil && (err != nil || len(b) != 100):
			t.Errorf("%s: %d bytes, %v", c.name, len(b), err)
		case c.want == ErrNotRegular && !errors.Is(err, ErrNotRegular):
			t.Errorf("%s: %v, want not a regular file", c.name, err)
		case c.want == fs.ErrNotExist && !errors.Is(err, fs.ErrNotExist):
			t.Errorf("%s: %v, want not found", c.name, err)
		case c.want != nil && c.want != ErrNotRegular && c.want != fs.ErrNotExist && !errors.As(err, &tl):
			t.Errorf("%s: %v, want too large", c.name, err)
		}
		if err != nil && !strings.Contains(err.Error(), c.name) {
			t.Errorf("%s: error %q does not name the file", c.name, err)
		}
		// the same through ReadFile of a path
		b2, err2 := ReadFile(filepath.Join(dir, c.name), 100)
		if (err == nil) != (err2 == nil) || len(b2) != len(b) {
			t.Errorf("%s: ReadFile %d bytes, %v; fs.ReadFile %v", c.name, len(b2), err2, err)
		}
	}
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil || len(names) != 5 {
		t.Errorf("Glob = %v, %v", names, err)
	}
	if _, err := ReadAll(strings.NewReader(strings.Repeat("x", 101)), "-", 100); err == nil {
		t.Error("ReadAll read past its limit")
	}
	if b, err := ReadAll(strings.NewReader("abc"), "-", 100); err != nil || string(b) != "abc" {
		t.Errorf("ReadAll = %q, %v", b, err)
	}
}

// TestGrowing: a file that grows after its size was checked is still cut
// at the limit.
func TestGrowing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a")
	if err := os.WriteFile(p, []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := New(os.DirFS(dir), 5).Open("a")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	if err := os.WriteFile(p, []byte("1234567890"), 0o644); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 100)
	n, err := f.Read(buf)
	if n != 5 || err != nil {
		t.Fatalf("first read %d, %v", n, err)
	}
	var tl *TooLargeError
	if _, err := f.Read(buf); !errors.As(err, &tl) {
		t.Errorf("read past the limit: %v, want too large", err)
	}
}
