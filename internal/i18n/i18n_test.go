package i18n

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"formgen/internal/atomicfile"
	"formgen/internal/locale"
	"formgen/internal/problem"
	"formgen/internal/project"
	"formgen/internal/review"
	"formgen/internal/testtool"
)

// fixture copies the test workspace (testdata/i18n) to a temporary
// folder and returns it.
func fixture(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("..", "..", "testdata", "i18n")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// open reads the workspace in dir afresh, as the translators' commands
// do; its inputs must have no problems.
func open(t testing.TB, dir string) *Workspace {
	t.Helper()
	return openFor(t, dir, false)
}

// openFor reads the workspace in dir, for extract with every form and
// template that can be read, German texts or not.
func openFor(t testing.TB, dir string, forExtract bool) *Workspace {
	t.Helper()
	p, err := project.Open(project.Options{Dir: dir, Name: "."})
	if err != nil {
		t.Fatal(err)
	}
	w, err := Open(p, forExtract, "test")
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// write writes the files an operation planned.
func write(t *testing.T, w *Workspace, p Plan) {
	t.Helper()
	if err := atomicfile.WriteSet(w.Dir, p); err != nil {
		t.Fatal(err)
	}
}

// mark marks every translation of l in state and writes it.
func mark(t *testing.T, w *Workspace, l *locale.Locale, state string) {
	t.Helper()
	_, p, err := w.Mark(l, nil, state)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, p)
}

func status(t *testing.T, w *Workspace, tag string) LocaleStatus {
	t.Helper()
	st, err := w.Status()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range st {
		if s.Tag == tag {
			return s
		}
	}
	t.Fatalf("no status of %s", tag)
	return LocaleStatus{}
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s: no %q", file, old)
	}
	if err := os.WriteFile(file, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestStale: a translation recorded as made from the German is stale as
// soon as any part of the German changes, the "one" form included, which
// go-i18n's own hash leaves out; a translator's update makes it current.
func TestStale(t *testing.T) {
	dir := fixture(t)
	w := open(t, dir)
	uk := w.Catalog.Get("uk")
	mark(t, w, uk, review.Machine)
	s := status(t, w, "uk")
	if s.Stale != 0 || s.Missing != 1 || s.Unreviewed != s.Messages-1 {
		t.Fatalf("before: %+v", s)
	}
	for _, c := range []struct{ what, old, new string }{
		{"the one form", `one = "{{.Count}} Unterlage beigefügt"`, `one = "{{.Count}} Unterlage liegt bei"`},
		{"a plain text", `title = "Kurzantrag"`, `title = "Kurzer Antrag"`},
	} {
		edit(t, filepath.Join(dir, "locales", "de.toml"), c.old, c.new)
	}
	w = open(t, dir)
	s = status(t, w, "uk")
	if s.Stale != 2 {
		t.Errorf("after two German edits: %+v, want 2 stale", s)
	}
	// the updated translation (as Weblate or a text editor would write
	// it) is current again
	edit(t, filepath.Join(dir, "locales", "uk.toml"), `title = "Коротка заява"`, `title = "Коротка заява (нова)"`)
	if s := status(t, open(t, dir), "uk"); s.Stale != 1 {
		t.Errorf("after the translator's update: %+v, want 1 stale", s)
	}
}

func TestLint(t *testing.T) {
	w := open(t, fixture(t))
	found, err := w.Lint(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	all := lintLines(found)
	for _, want := range []string{
		`locales/uk.toml:13: error: common.page: placeholders {{.Page}}, the German has {{.Page}}, {{.Pages}}`,
		`locales/uk.toml:57: error: mini.count: plural forms missing: few, many (uk needs one, few, many, other)`,
		`locales/ar.toml:9: error: mini.count: plural forms missing: zero, two, few, many (ar needs zero, one, two, few, many, other)`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no finding %q in\n%s", want, all)
		}
	}
	for _, f := range found {
		if f.File == "locales/de.toml" && f.Severity == problem.Error {
			t.Errorf("German: %s", f)
		}
	}
	// a plural form a language does not use, spaces, German left in,
	// a character no font prints
	dir := fixture(t)
	edit(t, filepath.Join(dir, "locales", "uk.toml"), `[mini.count]
one =`, `[mini.count]
two = "{{.Count}} документи"
few = "{{.Count}} документи"
many = "{{.Count}} документів"
one =`)
	edit(t, filepath.Join(dir, "locales", "uk.toml"), `sign = "Підпис"`, `sign = "Підпис "`)
	edit(t, filepath.Join(dir, "locales", "uk.toml"), `place = "Місце"`, `place = "Ort"`)
	edit(t, filepath.Join(dir, "locales", "uk.toml"), `date = "Дата"`, `date = "Дата 日"`)
	found, err = (open(t, dir)).Lint(context.Background(), 2, "uk")
	if err != nil {
		t.Fatal(err)
	}
	all = lintLines(found)
	for _, want := range []string{
		`warning: mini.count: plural forms two are not used in uk`,
		`warning: common.signature.sign: space at the start or end`,
		`warning: common.signature.place: identical to the German`,
		`error: common.signature.date: no font covers U+65E5`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no finding %q in\n%s", want, all)
		}
	}
	if strings.Contains(all, "locales/ar.toml") {
		t.Errorf("--lang uk reports ar:\n%s", all)
	}
}

// lintLines writes the problems lint found one a line, as
// "file:line: severity: id: what".
func lintLines(ps problem.Problems) string {
	var lines []string
	for _, p := range ps {
		lines = append(lines, fmt.Sprintf("%s:%d: %s: %s: %s", p.File, p.Line, p.Severity, p.ID, p.Msg))
	}
	return strings.Join(lines, "\n")
}

// TestLintBoxes: a translation with a word wider than its box is found by
// laying the form out.
func TestLintBoxes(t *testing.T) {
	dir := fixture(t)
	edit(t, filepath.Join(dir, "locales", "uk.toml"), `married = "одружений / заміжня"`, `married = "`+strings.Repeat("одруженийзаміжня", 12)+`"`)
	found, err := open(t, dir).Lint(context.Background(), 2, "uk")
	if err != nil {
		t.Fatal(err)
	}
	var ok bool
	for _, f := range found {
		if f.ID == "mini.person.status.options.married" && f.Severity == problem.Error && strings.Contains(f.Msg, "wider than its box") {
			ok = true
		}
	}
	if !ok {
		t.Errorf("no box finding in %v", found)
	}
}

// TestWorklistMerge: a worklist lists exactly what is missing and stale,
// never German as a translation; filled in, it merges back, the files
// load in go-i18n and the locale is complete. A bad translation stops the
// merge with nothing written.
func TestWorklistMerge(t *testing.T) {
	dir := fixture(t)
	w := open(t, dir)
	mark(t, w, w.Catalog.Get("uk"), review.Machine)
	edit(t, filepath.Join(dir, "locales", "de.toml"), `title = "Angaben zur Person"`, `title = "Angaben zu Ihrer Person"`)
	w = open(t, dir)
	wl, n, err := w.Worklist(context.Background(), 2, w.Catalog.Get("uk"))
	if err != nil {
		t.Fatal(err)
	}
	checkWorklist(t, wl, n)

	// a wrong placeholder: nothing merged
	bad := fillWorklist(wl, "як у паспорті {{.Name}}")
	before, _ := os.ReadFile(filepath.Join(dir, "locales", "uk.toml"))
	if _, _, err := w.Merge("uk-work.toml", bad, review.Human); err == nil || !strings.Contains(err.Error(), "uk-work.toml:") || !strings.Contains(err.Error(), "placeholders {{.Name}}, the German has none") {
		t.Errorf("bad merge: err = %v", err)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "locales", "uk.toml")); !bytes.Equal(before, after) {
		t.Error("a failed merge changed the locale file")
	}

	// filled in: merged, current, reviewed as asked
	good := fillWorklist(wl, "як у паспорті", "Відомості про Вашу особу")
	m, plan, err := w.Merge("uk-work.toml", good, review.Reviewed)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, plan)
	if len(m.Updated) != 2 {
		t.Errorf("merged %v", m.Updated)
	}
	w = open(t, dir)
	if s := status(t, w, "uk"); s.Missing != 0 || s.Stale != 0 || s.Reviewed != 2 {
		t.Errorf("after the merge: %+v", s)
	}
	// go-i18n itself loads what formgen wrote
	loadWithGoI18n(t, filepath.Join(dir, "locales", "uk.toml"))
	// the same worklist again: the German has not changed, so it merges;
	// after a German edit it does not
	edit(t, filepath.Join(dir, "locales", "de.toml"), `hint = "wie im Pass"`, `hint = "wie im Reisepass"`)
	w = open(t, dir)
	if _, _, err := w.Merge("uk-work.toml", good, review.Human); err == nil || !strings.Contains(err.Error(), "the German has changed since the worklist was made") {
		t.Errorf("merge after a German edit: err = %v", err)
	}
}

// checkWorklist checks the uk worklist of TestWorklistMerge: n messages,
// the hint missing and the section title stale, with their German, the
// old translation, where each is and its room, and no translation
// pre-filled.
func checkWorklist(t *testing.T, wl []byte, n int) {
	t.Helper()
	var parsed worklistFile
	if _, err := toml.Decode(string(wl), &parsed); err != nil {
		t.Fatalf("worklist is not TOML: %v\n%s", err, wl)
	}
	if n != 2 || len(parsed.Message) != 2 {
		t.Fatalf("%d messages, want 2 (hint missing, section title stale):\n%s", n, wl)
	}
	byID := map[string]worklistMsg{}
	for _, m := range parsed.Message {
		byID[m.ID] = m
		for _, s := range m.Translation {
			if s != "" {
				t.Errorf("%s: translation pre-filled with %q", m.ID, s)
			}
		}
	}
	hint, title := byID["mini.person.name.hint"], byID["mini.person.title"]
	if hint.Status != "missing" || hint.German["other"] != "wie im Pass" || !strings.Contains(hint.Where, `field "name": hint`) || !strings.Contains(hint.Room, "mm wide") {
		t.Errorf("hint: %+v", hint)
	}
	if title.Status != "stale" || title.Old["other"] != "Відомості про особу" || title.German["other"] != "Angaben zu Ihrer Person" {
		t.Errorf("title: %+v", title)
	}
}

// fillWorklist fills the first empty translations of a worklist with
// texts, in order, as a translator does.
func fillWorklist(wl []byte, texts ...string) []byte {
	const empty = "[message.translation]\nother = \"\""
	s := string(wl)
	for _, text := range texts {
		s = strings.Replace(s, empty, "[message.translation]\nother = \""+text+"\"", 1)
	}
	return []byte(s)
}

func loadWithGoI18n(t *testing.T, file string) {
	t.Helper()
	b := i18n.NewBundle(language.German)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	if _, err := b.LoadMessageFile(file); err != nil {
		t.Errorf("go-i18n cannot load %s: %v", file, err)
	}
}

// TestFormat: every file formgen writes loads in go-i18n with the same
// messages, and formatting twice changes nothing.
func TestFormat(t *testing.T) {
	dir := fixture(t)
	w := open(t, dir)
	_, plan, err := w.Format()
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, plan)
	w2 := open(t, dir)
	for _, l := range w.Catalog.Locales {
		loadWithGoI18n(t, filepath.Join(dir, "locales", l.Tag+".toml"))
		l2 := w2.Catalog.Get(l.Tag)
		for id, e := range l.Entries {
			e2 := l2.Entries[id]
			if e2 == nil || e2.Description != e.Description || !mapsEqual(e.Forms, e2.Forms) {
				t.Errorf("%s %s: %+v became %+v", l.Tag, id, e, e2)
			}
		}
	}
	if changed, _, err := w2.Format(); err != nil || len(changed) > 0 {
		t.Errorf("second format: %v, %v", changed, err)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestExtract(t *testing.T) {
	dir := fixture(t)
	edit(t, filepath.Join(dir, "forms", "mini.toml"), `  options = ["single", "married"]`, `  options = ["single", "married"]

  [[section.field]]
  id = "birth_name"
  type = "text"`)
	w := openFor(t, dir, true)
	x, plan, err := w.Extract()
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, plan)
	if !slices.Equal(x.Added, []string{"mini.person.birth_name.label"}) || !slices.Equal(x.Dropped, []string{"mini.count"}) || !x.Changed {
		t.Errorf("extract: %+v", x)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "locales", "de.toml"))
	for _, want := range []string{"[mini.person.birth_name.label]\nother = \"\"", "description = \"Footer. {{.Page}} is the page", "# German source of the test workspace."} {
		if !strings.Contains(string(src), want) {
			t.Errorf("de.toml lacks %q:\n%s", want, src)
		}
	}
	if strings.Contains(string(src), "mini.count") {
		t.Error("unused message kept")
	}
}

// TestProof renders a proof: ids, German and translation in its text.
func TestProof(t *testing.T) {
	w := open(t, fixture(t))
	res, err := w.Proof(w.Catalog.Get("uk"), time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	path := testtool.WritePDF(t, res.PDF)
	testtool.Check(t, path)
	txt := testtool.Text(t, path)
	for _, want := range []string{"mini.person.status.options.married", "verheiratet", "одружений / заміжня", "mini.person.name.hint", "(fehlt)", "missing", "[few (2)]"} {
		if !strings.Contains(txt, want) {
			t.Errorf("proof lacks %q", want)
		}
	}
}
