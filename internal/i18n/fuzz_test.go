package i18n

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"formgen/internal/locale"
	"formgen/internal/review"
)

// snapshot records the files of a folder, to put them back after each
// fuzz input: import and merge write the locale files.
type snapshot map[string][]byte

func take(t testing.TB, dir string) snapshot {
	s := snapshot{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		s[p] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (s snapshot) restore(t testing.TB) {
	for p, b := range s {
		if now, err := os.ReadFile(p); err == nil && bytes.Equal(now, b) {
			continue
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// reloads checks that the locale files a command wrote load again
// without problems.
func reloads(t *testing.T, w *Workspace) {
	t.Helper()
	_, ps, err := locale.Load(os.DirFS(w.Dir), "locales")
	if err != nil || len(ps) > 0 {
		t.Fatalf("the locale files written do not load again: %v %v", err, ps)
	}
}

// FuzzImport: any bytes given to i18n import are a clear error or a
// translation whose locale file loads again; never a panic.
func FuzzImport(f *testing.F) {
	dir := fixture(f)
	w := open(f, dir)
	x, err := w.Export(context.Background(), 1, w.Catalog.Get("uk"), "test")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(x)
	f.Add(bytes.Replace(x, []byte(`target-language="uk"`), []byte(`target-language="ar"`), 1))
	f.Add(bytes.Replace(x, []byte(`<target`), []byte(`<target>{{range 9}}x{{end}}</target><x`), 1))
	f.Add([]byte(`<xliff version="1.2"><file source-language="de" target-language="uk"><body><trans-unit id="x"><source>a</source><target>b</target></trans-unit></body></file></xliff>`))
	snap := take(f, filepath.Join(dir, "locales"))
	f.Fuzz(func(t *testing.T, src []byte) {
		defer snap.restore(t)
		_, plan, err := w.ImportXLIFF("x.xlf", bytes.NewReader(src), ImportOptions{})
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		write(t, w, plan)
		reloads(t, w)
	})
}

// FuzzMerge: any bytes given to i18n merge are a clear error or
// translations whose locale file loads again; never a panic.
func FuzzMerge(f *testing.F) {
	dir := fixture(f)
	w := open(f, dir)
	wl, _, err := w.Worklist(context.Background(), 1, w.Catalog.Get("uk"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(wl)
	f.Add(bytes.ReplaceAll(wl, []byte(`translation.other = ""`), []byte(`translation.other = "{{.Nope}}"`)))
	f.Add([]byte("lang = \"uk\"\n[x]\ntranslation.other = \"a\""))
	snap := take(f, filepath.Join(dir, "locales"))
	f.Fuzz(func(t *testing.T, src []byte) {
		defer snap.restore(t)
		_, plan, err := w.Merge("x.toml", src, review.Human)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		write(t, w, plan)
		reloads(t, w)
	})
}
