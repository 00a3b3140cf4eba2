package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckOutput: a run refuses to write over its own inputs — a file
// it was given or a file of the project's folders — and over anything
// that is not a regular file; a new file or another one is fine.
func TestCheckOutput(t *testing.T) {
	dir := t.TempDir()
	for name, f := range mini(t) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"data.toml", "old.pdf"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Open(Options{Dir: dir, Name: "work"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		out    string
		inputs []string
		want   string // "" for no error
	}{
		{"new.pdf", []string{"data.toml"}, ""},
		{"old.pdf", []string{"data.toml", "-", ""}, ""},
		{"data.toml", []string{"data.toml"}, "data.toml is the input file data.toml: formgen does not write over its inputs"},
		{"locales/de.toml", nil, "locales/de.toml is the input file " + filepath.Join("work", "locales", "de.toml")},
		{"/dev/null", nil, "/dev/null: "},
		{".", nil, ".: "},
	} {
		err := p.CheckOutput(dir, tc.out, tc.inputs...)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("CheckOutput(%s) = %v, want no error", tc.out, err)
		case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
			t.Errorf("CheckOutput(%s) = %v, want %q", tc.out, err, tc.want)
		}
	}
}

// TestStrict: with --strict a document fails for a message its locale
// lacks, naming it; German, which lacks nothing, passes.
func TestStrict(t *testing.T) {
	p, err := Open(Options{FS: mini(t), Dir: "work"})
	if err != nil {
		t.Fatal(err)
	}
	uk, err := p.Locale("uk")
	if err != nil {
		t.Fatal(err)
	}
	err = p.Strict(uk, "mini", []string{"mini.title"}, nil)
	if err == nil || !strings.Contains(err.Error(), "mini: locale uk lacks 1 messages (--strict): mini.title") {
		t.Errorf("Strict with a missing message = %v", err)
	}
	if err := p.Strict(p.Catalog.Source(), "mini", nil, []string{"mini.title"}); err != nil {
		t.Errorf("Strict(de) = %v, want nil", err)
	}
}
