package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteSet(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "uk.toml"), filepath.Join(dir, "status", "uk.toml")
	if err := WriteSet(dir, []File{{a, []byte("a1")}, {b, []byte("b1")}}); err != nil {
		t.Fatal(err)
	}
	if read(t, a) != "a1" || read(t, b) != "b1" {
		t.Fatal("not written")
	}
	if _, err := os.Stat(filepath.Join(dir, Journal)); !os.IsNotExist(err) {
		t.Error("journal left behind")
	}
	// a file outside the folder is refused before anything is written
	if err := WriteSet(dir, []File{{a, []byte("a2")}, {filepath.Join(dir, "..", "x"), nil}}); err == nil || read(t, a) != "a1" {
		t.Errorf("outside file: %v, a = %q", err, read(t, a))
	}
}

// TestRecover: a set write killed after its journal was written is
// completed by the next Recover, both files; one killed before leaves the
// files as they were, and its temporaries are removed.
func TestRecover(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "uk.toml"), filepath.Join(dir, "status", "uk.toml")
	if err := WriteSet(dir, []File{{a, []byte("old a")}, {b, []byte("old b")}}); err != nil {
		t.Fatal(err)
	}
	// killed after the journal and the first rename
	ta, tb := filepath.Join(dir, ".uk.toml.1"+setTemp), filepath.Join(dir, "status", ".uk.toml.2"+setTemp)
	for p, s := range map[string]string{a: "new a", tb: "new b"} {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	journal := ".uk.toml.1" + setTemp + "\tuk.toml\n" + filepath.Join("status", ".uk.toml.2"+setTemp) + "\t" + filepath.Join("status", "uk.toml") + "\n"
	if err := os.WriteFile(filepath.Join(dir, Journal), []byte(journal), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Recover(dir); err != nil {
		t.Fatal(err)
	}
	if read(t, a) != "new a" || read(t, b) != "new b" {
		t.Errorf("after recovery: %q, %q; want both new", read(t, a), read(t, b))
	}
	if _, err := os.Stat(filepath.Join(dir, Journal)); !os.IsNotExist(err) {
		t.Error("journal left behind")
	}
	// killed before the journal: temporaries only
	for _, p := range []string{ta, tb} {
		if err := os.WriteFile(p, []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Recover(dir); err != nil {
		t.Fatal(err)
	}
	if read(t, a) != "new a" || read(t, b) != "new b" {
		t.Error("temporaries without a journal changed the files")
	}
	for _, p := range []string{ta, tb} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s left behind", p)
		}
	}
	// a journal that is not formgen's is not followed
	if err := os.WriteFile(filepath.Join(dir, Journal), []byte("../../etc/passwd\tx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Recover(dir); err == nil || !strings.Contains(err.Error(), "not a formgen journal line") {
		t.Errorf("foreign journal: %v", err)
	}
}
