package i18n

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"formgen/internal/atomicfile"
	"formgen/internal/project"
)

// TestOpenDirRecovers: a write of translations that a crash cut short
// after its journal is completed before the locales are read, so the
// workspace sees the new file and no journal is left.
func TestOpenDirRecovers(t *testing.T) {
	dir := fixture(t)
	locales := filepath.Join(dir, project.Locales)
	uk := filepath.Join(locales, "uk.toml")
	src, err := os.ReadFile(uk)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(src), `sign = "Підпис"`, `sign = "Підпис (новий)"`, 1)
	if changed == string(src) {
		t.Fatal("fixture: no sign message in uk.toml")
	}
	// killed after the journal was written, before the rename
	tmp := ".uk.toml.1.set.tmp"
	if err := os.WriteFile(filepath.Join(locales, tmp), []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(locales, atomicfile.Journal), []byte(tmp+"\tuk.toml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := OpenDir(project.Options{Dir: dir, Name: "."}, false, "test")
	if err != nil {
		t.Fatal(err)
	}
	if got := w.Catalog.Get("uk").Entries["common.signature.sign"].Forms["other"]; got != "Підпис (новий)" {
		t.Errorf("after recovery uk has %q, want the new text", got)
	}
	if _, err := os.Stat(filepath.Join(locales, atomicfile.Journal)); !os.IsNotExist(err) {
		t.Errorf("journal left behind: %v", err)
	}
}

// TestOpenDirNoLocales: the translators' commands need a locales folder
// on disk, and say where they looked.
func TestOpenDirNoLocales(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{".", "no locales folder in the current folder"},
		{"work", "no locales folder in work"},
	} {
		_, err := OpenDir(project.Options{Dir: t.TempDir(), Name: tc.name}, false, "test")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("OpenDir(%s) = %v, want %q", tc.name, err, tc.want)
		}
	}
}
