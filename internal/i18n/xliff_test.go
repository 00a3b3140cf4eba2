package i18n

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"formgen/internal/review"
	"formgen/internal/testtool"
)

// schema is the OASIS XLIFF 1.2 strict schema, copied into testdata.
var schema = filepath.Join("..", "..", "testdata", "xliff", "xliff-core-1.2-strict.xsd")

// validate checks files against the XLIFF 1.2 strict schema with xmllint.
func validate(t *testing.T, files ...string) {
	t.Helper()
	testtool.Need(t, "xmllint")
	args := append([]string{"--noout", "--nonet", "--schema", schema}, files...)
	out, err := exec.Command("xmllint", args...).CombinedOutput()
	if err != nil {
		t.Errorf("xmllint: %v\n%s", err, out)
	}
}

// export exports locale tag of w and returns the file.
func export(t *testing.T, w *Workspace, tag string) []byte {
	t.Helper()
	x, err := w.Export(context.Background(), 2, w.Catalog.Get(tag), "test")
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestXLIFFSchema: the export of every shipped locale is valid XLIFF 1.2
// by the OASIS strict schema (a context group name used twice, as before,
// fails it), and imports unchanged without a change.
func TestXLIFFSchema(t *testing.T) {
	w := open(t, filepath.Join("..", ".."))
	dir := t.TempDir()
	var files []string
	for _, l := range w.translations() {
		f := filepath.Join(dir, l.Tag+".xlf")
		x := export(t, w, l.Tag)
		if err := os.WriteFile(f, x, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		// and imported unchanged, it changes nothing
		if res, plan, err := w.ImportXLIFF(l.Tag+".xlf", bytes.NewReader(x), ImportOptions{}); err != nil || len(plan) > 0 || len(res.Updated)+len(res.Reviewed) > 0 {
			t.Errorf("%s: unchanged import: %+v, %d files, %v", l.Tag, res, len(plan), err)
		}
	}
	if len(files) < 15 {
		t.Fatalf("%d locales exported", len(files))
	}
	validate(t, files...)
	// the fixture has plural groups, stale and reviewed units
	fx := fixture(t)
	w = open(t, fx)
	mark(t, w, w.Catalog.Get("uk"), review.Machine)
	edit(t, filepath.Join(fx, "locales", "de.toml"), `title = "Kurzantrag"`, `title = "Kurzer Antrag"`)
	w = open(t, fx)
	x := export(t, w, "uk")
	for _, want := range []string{`alttranstype="previous-version"`, `restype="x-gettext-plurals"`, `<trans-unit id="mini.count[1]" resname="mini.count[few]"`} {
		if !strings.Contains(string(x), want) {
			t.Errorf("fixture export lacks %s", want)
		}
	}
	f := filepath.Join(dir, "fixture-uk.xlf")
	if err := os.WriteFile(f, x, 0o644); err != nil {
		t.Fatal(err)
	}
	validate(t, f)
	// a context group name twice is what the schema refused before
	bad := strings.Replace(string(x), `name="formgen:mini.title"`, `name="formgen:language.name"`, 1)
	if err := os.WriteFile(f, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("xmllint", "--noout", "--nonet", "--schema", schema, f).CombinedOutput(); err == nil {
		t.Errorf("the schema accepts a context group name twice:\n%s", out)
	}
}

// filesOf returns the locale and status files of uk, to see that a
// refused import wrote nothing.
func filesOf(t *testing.T, dir string) string {
	var b strings.Builder
	for _, f := range []string{"uk.toml", "ar.toml", "status/uk.toml", "status/ar.toml", "status/german.toml"} {
		src, _ := os.ReadFile(filepath.Join(dir, "locales", f))
		b.Write(src)
	}
	return b.String()
}

func importX(t *testing.T, w *Workspace, x string, opt ImportOptions) (*Imported, error) {
	t.Helper()
	res, plan, err := w.ImportXLIFF("uk.xlf", strings.NewReader(x), opt)
	if err == nil {
		write(t, w, plan)
	}
	return res, err
}

// TestXLIFFImport: an unchanged export imports to nothing; a translator's
// edits come back checked, with the right counts; approved units are
// reviewed.
func TestXLIFFImport(t *testing.T) {
	dir := fixture(t)
	w := open(t, dir)
	mark(t, w, w.Catalog.Get("uk"), review.Machine)
	w = open(t, dir)
	x := string(export(t, w, "uk"))
	before := filesOf(t, dir)
	res, err := importX(t, w, x, ImportOptions{})
	if err != nil || len(res.Updated)+len(res.Reviewed)+len(res.Removed) != 0 || filesOf(t, dir) != before {
		t.Fatalf("import of an unchanged export: %+v, %v", res, err)
	}
	// a new target for the missing hint; the title approved unchanged;
	// the status option approved and changed; placeholders moved, one as
	// plain text the way translate-toolkit writes them back
	ed := strings.Replace(x, `<source xml:lang="de">wie im Pass</source>`, `<source xml:lang="de">wie im Pass</source><target xml:lang="uk" state="translated">як у паспорті</target>`, 1)
	ed = regexp.MustCompile(`(<trans-unit id="mini.title" resname="mini.title")`).ReplaceAllString(ed, `$1 approved="yes"`)
	ed = regexp.MustCompile(`(<trans-unit id="mini.person.status.options.single" resname="[^"]*")`).ReplaceAllString(ed, `$1 approved="yes"`)
	ed = strings.Replace(ed, `>неодружений / незаміжня</target>`, `>неодружений (неодружена)</target>`, 1)
	ed = regexp.MustCompile(`(<target xml:lang="uk"[^>]*>)Сторінка \{\{\.Page\}\}</target>`).ReplaceAllString(ed, `$1<ph id="2" ctype="x-go-template">{{.Pages}}</ph> сторінок, сторінка {{.Page}}</target>`)
	res, err = importX(t, open(t, dir), ed, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"common.page", "mini.person.name.hint", "mini.person.status.options.single"}; !slices.Equal(res.Updated, want) {
		t.Errorf("updated %v, want %v", res.Updated, want)
	}
	if want := []string{"mini.person.status.options.single", "mini.title"}; !slices.Equal(res.Reviewed, want) {
		t.Errorf("reviewed %v, want %v (changed and unchanged approved units)", res.Reviewed, want)
	}
	w = open(t, dir)
	if got := w.Catalog.Get("uk").Entries["common.page"].Text(); got != "{{.Pages}} сторінок, сторінка {{.Page}}" {
		t.Errorf("common.page = %q", got)
	}
	if s := status(t, w, "uk"); s.Reviewed != 2 || s.Human != 2 || s.Missing != 0 {
		t.Errorf("after import: %+v, want 2 reviewed, 2 human", s)
	}
	loadWithGoI18n(t, filepath.Join(dir, "locales", "uk.toml"))
}

// TestXLIFFImportSafety: what an import refuses, and that a refused
// import writes nothing.
// importCase is a file exported and then changed (prep edits the files
// and returns the file to import), imported with opt: refused with err, or
// accepted and then checked.
type importCase struct {
	name  string
	prep  func(t *testing.T, dir, x string) string
	opt   ImportOptions
	err   string // "" accepted
	check func(t *testing.T, dir string, res *Imported)
}

// retitle gives the title's translation in the XLIFF x a new text.
func retitle(x, to string) string {
	return strings.Replace(x, `>Коротка заява</target>`, `>`+to+`</target>`, 1)
}

func TestXLIFFImportSafety(t *testing.T) {
	for _, tc := range slices.Concat(staleImportCases(), languageImportCases(), unitImportCases()) {
		t.Run(tc.name, func(t *testing.T) { tc.run(t) })
	}
}

// run exports uk after marking it machine-made, prepares the file and
// imports it: a refused import changes no file.
func (tc importCase) run(t *testing.T) {
	dir := fixture(t)
	w := open(t, dir)
	mark(t, w, w.Catalog.Get("uk"), review.Machine)
	in := tc.prep(t, dir, string(export(t, open(t, dir), "uk")))
	before := filesOf(t, dir)
	res, err := importX(t, open(t, dir), in, tc.opt)
	if tc.err != "" {
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Fatalf("err = %v, want %q", err, tc.err)
		}
		if filesOf(t, dir) != before {
			t.Error("a refused import changed the files")
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if tc.check != nil {
		tc.check(t, dir, res)
	}
}

// staleImportCases are the cases of an import whose file or locale
// changed since the export, and of emptied translations.
func staleImportCases() []importCase {
	return []importCase{
		{"an old export after a newer import", func(t *testing.T, dir, x string) string {
			if _, err := importX(t, open(t, dir), retitle(x, "Коротка заява (нова)"), ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			return retitle(x, "Коротка заява (стара)")
		}, ImportOptions{}, "mini.title: the translation in locales/uk.toml has changed since the export", nil},
		{"an old export kept as stale", func(t *testing.T, dir, x string) string {
			if _, err := importX(t, open(t, dir), retitle(x, "Коротка заява (нова)"), ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			return retitle(x, "Коротка заява (стара)")
		}, ImportOptions{KeepStale: true}, "", func(t *testing.T, dir string, res *Imported) {
			if len(res.KeptStale) != 1 || !strings.HasPrefix(res.KeptStale[0], "mini.title: imported though the translation") {
				t.Errorf("kept stale: %v", res.KeptStale)
			}
			if s := status(t, open(t, dir), "uk"); s.Stale != 1 {
				t.Errorf("status %+v, want 1 stale", s)
			}
		}},
		{"the German changed since the export", func(t *testing.T, dir, x string) string {
			edit(t, filepath.Join(dir, "locales", "de.toml"), `title = "Kurzantrag"`, `title = "Kurzer Antrag"`)
			return retitle(x, "Короткий запит")
		}, ImportOptions{}, "mini.title: the German has changed since the export", nil},
		{"an emptied target", func(t *testing.T, dir, x string) string {
			return retitle(x, "")
		}, ImportOptions{}, "mini.title: the translation was emptied: it stays", nil},
		{"an emptied target removed", func(t *testing.T, dir, x string) string {
			return retitle(x, "")
		}, ImportOptions{RemoveEmpty: true}, "", func(t *testing.T, dir string, res *Imported) {
			if !slices.Equal(res.Removed, []string{"mini.title"}) {
				t.Errorf("removed %v", res.Removed)
			}
			w := open(t, dir)
			if w.Catalog.Get("uk").Entries["mini.title"] != nil || status(t, w, "uk").Missing != 2 {
				t.Error("mini.title not removed")
			}
		}},
	}
}

// languageImportCases are the cases of a file whose languages or XLIFF
// version are not the export's.
func languageImportCases() []importCase {
	return []importCase{
		{"target-language changed to ar", func(t *testing.T, dir, x string) string {
			return strings.ReplaceAll(strings.Replace(x, `target-language="uk"`, `target-language="ar"`, 1), `xml:lang="uk"`, `xml:lang="ar"`)
		}, ImportOptions{}, "exported from locales/uk.toml but target-language says ar", nil},
		{"target-language and original changed to ar", func(t *testing.T, dir, x string) string {
			x = strings.Replace(x, `original="locales/uk.toml" source-language="de" target-language="uk"`, `original="locales/ar.toml" source-language="de" target-language="ar"`, 1)
			return strings.ReplaceAll(x, `xml:lang="uk"`, `xml:lang="ar"`)
		}, ImportOptions{KeepStale: true}, "4 plural forms, ar has 6", nil},
		{"a target in another language", func(t *testing.T, dir, x string) string {
			return strings.Replace(x, `<target xml:lang="uk" state="needs-review-translation" state-qualifier="mt-suggestion">Коротка заява`, `<target xml:lang="ar" state="translated">Коротка заява (нова)`, 1)
		}, ImportOptions{}, `target in "ar", the file is for uk`, nil},
		{"source-language changed", func(t *testing.T, dir, x string) string {
			return strings.Replace(x, `source-language="de"`, `source-language="en-US"`, 1)
		}, ImportOptions{}, `source-language "en-US"`, nil},
		{"XLIFF 1.1 from po2xliff", func(t *testing.T, dir, x string) string {
			return strings.Replace(strings.Replace(x, `version="1.2"`, `version="1.1"`, 1), "document:1.2", "document:1.1", 1)
		}, ImportOptions{}, "pomerge -t", nil},
	}
}

// unitImportCases are the cases of units changed against formgen's
// rules, and of a file in UTF-16.
func unitImportCases() []importCase {
	return []importCase{
		{"a placeholder dropped from one plural form", func(t *testing.T, dir, x string) string {
			return strings.Replace(x, `>{{.Count}} документа додано</target>`, `>кілька документів додано</target>`, 1)
		}, ImportOptions{}, "placeholders none in this form, the German has {{.Count}} (other)", nil},
		{"a plural form taken from another form", func(t *testing.T, dir, x string) string {
			x = strings.Replace(x, `<source xml:lang="de"><ph id="1" ctype="x-go-template">{{.Count}}</ph> Unterlagen beigefügt</source>`+"\n", `<source xml:lang="de"><ph id="1" ctype="x-go-template">{{.Count}}</ph> Unterlagen beigefügt</source><target xml:lang="uk">{{.Count}} документи додано</target>`+"\n", 1)
			return x // few given, many still missing
		}, ImportOptions{}, "plural forms missing: many", nil},
		{"a group for the wrong form set", func(t *testing.T, dir, x string) string {
			return regexp.MustCompile(`(?s)<trans-unit id="mini.count\[2\]".*?</trans-unit>`).ReplaceAllString(x, "")
		}, ImportOptions{}, "3 plural forms, uk has 4", nil},
		{"no export record", func(t *testing.T, dir, x string) string {
			return regexp.MustCompile(`(?s)<context-group name="formgen:mini.title".*?</context-group>`).ReplaceAllString(x, "")
		}, ImportOptions{}, "no formgen export record", nil},
		{"an <x/> without its placeholder", func(t *testing.T, dir, x string) string {
			return strings.Replace(x, `>Коротка заява</target>`, `>Коротка заява <x id="7"/></target>`, 1)
		}, ImportOptions{}, "<x/> without the placeholder", nil},
		{"UTF-16 with a byte order mark", func(t *testing.T, dir, x string) string {
			u, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.Replace(retitle(x, "Коротка заява (UTF-16)"), `encoding="UTF-8"`, `encoding="UTF-16"`, 1))
			if err != nil {
				t.Fatal(err)
			}
			return u
		}, ImportOptions{}, "", func(t *testing.T, dir string, res *Imported) {
			if got := open(t, dir).Catalog.Get("uk").Entries["mini.title"].Text(); got != "Коротка заява (UTF-16)" || !slices.Equal(res.Updated, []string{"mini.title"}) {
				t.Errorf("UTF-16 import: %q, %+v", got, res)
			}
		}},
	}
}

// TestToolkit: translate-toolkit (what Weblate and Pootle use) reads the
// export as formgen means it: its PO-XLIFF API sees each plural group as
// one plural unit with the language's number of forms and placeholders
// as text; xliff2po keeps every placeholder; a PO translated and merged
// back with pomerge imports; po2xliff's XLIFF 1.1 is refused clearly.
func TestToolkit(t *testing.T) {
	testtool.Need(t, "xliff2po", "pomerge", "po2xliff", "xmllint")
	py := toolkitPython(t)
	dir := fixture(t)
	w := open(t, dir)
	mark(t, w, w.Catalog.Get("uk"), review.Machine)
	w = open(t, dir)
	tmp := t.TempDir()
	xlf := filepath.Join(tmp, "uk.xlf")
	if err := os.WriteFile(xlf, export(t, w, "uk"), 0o644); err != nil {
		t.Fatal(err)
	}

	toolkitReads(t, py, xlf)
	po := toolkitPO(t, w, xlf)
	toolkitWrites(t, py, dir, xlf)
	// po2xliff writes a new XLIFF 1.1 without formgen's records
	p2x := filepath.Join(tmp, "uk-po2xliff.xlf")
	testtool.Run(t, "po2xliff", "--progress=none", po, p2x)
	b, _ := os.ReadFile(p2x)
	if _, _, err := open(t, dir).ImportXLIFF("uk-po2xliff.xlf", bytes.NewReader(b), ImportOptions{}); err == nil || !strings.Contains(err.Error(), "pomerge -t") {
		t.Errorf("po2xliff output: err = %v", err)
	}
}

// toolkitReads checks that the Translate Toolkit's API reads formgen's
// XLIFF xlf as formgen means it: a plural message one unit with every
// form, placeholders kept.
func toolkitReads(t *testing.T, py, xlf string) {
	t.Helper()
	out := testtool.Run(t, py, "-c", `
import sys
from translate.storage import poxliff
f = poxliff.PoXliffFile.parsefile(open(sys.argv[1], "rb"))
for u in f.units:
    if u.isheader():
        continue
    s = u.source
    print(u.getid().split("\x04")[-1], u.hasplural(), len(s.strings) if u.hasplural() else 1, "|".join(s.strings) if u.hasplural() else s, sep="\t")
`, xlf)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !slices.Contains(lines, "mini.count\tTrue\t4\t{{.Count}} Unterlage beigefügt|{{.Count}} Unterlagen beigefügt|{{.Count}} Unterlagen beigefügt|{{.Count}} Unterlagen beigefügt") {
		t.Errorf("the toolkit's API does not see mini.count as one unit with 4 plural forms:\n%s", out)
	}
	if !slices.Contains(lines, "common.page\tFalse\t1\tSeite {{.Page}} von {{.Pages}}") {
		t.Errorf("the toolkit's API loses the placeholders of common.page:\n%s", out)
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "mini.count[") {
			t.Errorf("a plural form as a unit of its own: %s", l)
		}
	}
}

// toolkitPO checks the round trip through PO files: xliff2po keeps the
// texts, and pomerge, which matches units by their German, mixes up
// plural forms, which formgen refuses. It returns the PO file.
func toolkitPO(t *testing.T, w *Workspace, xlf string) string {
	t.Helper()
	tmp := filepath.Dir(xlf)
	po := filepath.Join(tmp, "uk.po")
	testtool.Run(t, "xliff2po", "--progress=none", xlf, po)
	src, _ := os.ReadFile(po)
	for _, want := range []string{`msgid "Seite {{.Page}} von {{.Pages}}"`, `msgstr "Сторінка {{.Page}}"`, `msgstr "{{.Count}} документ додано"`} {
		if !strings.Contains(string(src), want) {
			t.Errorf("xliff2po lost %s:\n%s", want, src)
		}
	}
	// pomerge matches units by their German text, not their ids: it puts
	// the "other" translation into the first unit with the same German,
	// the "few" form; formgen refuses the result
	fixed := strings.Replace(string(src), `msgstr "Сторінка {{.Page}}"`, `msgstr "Сторінка {{.Page}} з {{.Pages}}"`, 1)
	if err := os.WriteFile(po, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	merged := filepath.Join(tmp, "uk-merged.xlf")
	testtool.Run(t, "pomerge", "--progress=none", "-t", xlf, "-i", po, "-o", merged)
	validate(t, merged)
	m, _ := os.ReadFile(merged)
	if _, _, err := w.ImportXLIFF("uk-merged.xlf", bytes.NewReader(m), ImportOptions{}); err == nil || !strings.Contains(err.Error(), "mini.count: plural forms missing: many") {
		t.Errorf("pomerge's plural mix-up: err = %v", err)
	}
	return po
}

// toolkitWrites checks what the toolkit's XLIFF API writes, as Weblate,
// Pootle and Virtaal use it, is imported into the workspace in dir.
func toolkitWrites(t *testing.T, py, dir, xlf string) {
	t.Helper()
	tmp := filepath.Dir(xlf)
	w := open(t, dir)
	// a plain target, and the plural forms as one multistring
	api := filepath.Join(tmp, "uk-api.xlf")
	testtool.Run(t, py, "-c", `
import sys
from translate.storage import poxliff
from translate.misc.multistring import multistring
f = poxliff.PoXliffFile.parsefile(open(sys.argv[1], "rb"))
for u in f.units:
    id = u.getid().split("\x04")[-1]
    if id == "common.page":
        u.target = "Сторінка {{.Page}} з {{.Pages}}"
    if id == "mini.count":
        u.target = multistring(["{{.Count}} документ додано", "{{.Count}} документи додано", "{{.Count}} документів додано", "{{.Count}} документа додано"])
open(sys.argv[2], "wb").write(bytes(f))
`, xlf, api)
	validate(t, api)
	a, _ := os.ReadFile(api)
	res, plan, err := w.ImportXLIFF("uk-api.xlf", bytes.NewReader(a), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, plan)
	if !slices.Equal(res.Updated, []string{"common.page", "mini.count"}) {
		t.Errorf("the toolkit's API round trip updated %v, want common.page, mini.count", res.Updated)
	}
	uk := open(t, dir).Catalog.Get("uk")
	if got := uk.Entries["common.page"].Text(); got != "Сторінка {{.Page}} з {{.Pages}}" {
		t.Errorf("common.page = %q", got)
	}
	if got := uk.Entries["mini.count"].Forms; got["few"] != "{{.Count}} документи додано" || got["many"] != "{{.Count}} документів додано" || got["other"] != "{{.Count}} документа додано" {
		t.Errorf("mini.count = %q", got)
	}
}

// toolkitPython returns a python3 that has translate-toolkit.
func toolkitPython(t *testing.T) string {
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(py, "-c", "import translate.storage.poxliff").Run() == nil {
			return py
		}
	}
	if os.Getenv("FORMGEN_REQUIRE_TOOLS") != "" {
		t.Fatal("no python3 with translate-toolkit (Debian translate-toolkit; scripts/test.sh installs it)")
	}
	t.Skip("no python3 with translate-toolkit")
	return ""
}
