package project

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// mini is a small valid project: one form, its German, the office, and an
// empty templates folder that keeps the shipped templates out.
func mini(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{"templates/.keep": {}}
	for _, f := range []string{"forms/mini.toml", "forms/office.toml", "locales/de.toml", "locales/uk.toml"} {
		src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "i18n", filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: src}
	}
	return fsys
}

func TestOpenShipped(t *testing.T) {
	p, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ps := p.Check(); len(ps) > 0 {
		t.Errorf("the shipped inputs have problems:\n%v", ps)
	}
	if len(p.Forms.Forms) == 0 || len(p.Templates.Templates) == 0 || len(p.Catalog.Locales) < 2 {
		t.Errorf("shipped: %d forms, %d templates, %d locales", len(p.Forms.Forms), len(p.Templates.Templates), len(p.Catalog.Locales))
	}
	if o, err := p.Office(); err != nil || o.Name == "" || o.City == "" {
		t.Errorf("office %+v, %v", o, err)
	}
	if p.Disk(Locales) != "" || p.Name(Locales) != "locales" {
		t.Errorf("shipped locales: disk %q, name %q", p.Disk(Locales), p.Name(Locales))
	}
}

func TestOpenProjectFolder(t *testing.T) {
	p, err := Open(Options{FS: mini(t), Dir: "work"})
	if err != nil {
		t.Fatal(err)
	}
	if ids := p.Forms.IDs(); !slices.Equal(ids, []string{"mini"}) {
		t.Errorf("forms %v, want [mini]", ids)
	}
	if len(p.Templates.Templates) != 0 {
		t.Errorf("the empty templates folder gave %d templates", len(p.Templates.Templates))
	}
	if p.Name(Forms) != filepath.Join("work", "forms") || p.Name(Fonts) != "fonts" {
		t.Errorf("names %q, %q", p.Name(Forms), p.Name(Fonts))
	}
	if _, err := p.Form("vollmacht"); err == nil || !strings.Contains(err.Error(), "unknown form") {
		t.Errorf("a shipped form read beside the project's: %v", err)
	}
	if _, err := p.Locale("ar"); err == nil {
		t.Error("locale ar found, but the project folder has no ar.toml")
	}
}

// TestOpenBadInputs: each broken input is reported with its file (and
// line where it has one), and the rest stays usable.
func TestOpenBadInputs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(fstest.MapFS)
		err   string // Open fails with this
		probs []string
	}{
		{"office missing", func(m fstest.MapFS) { delete(m, "forms/office.toml") }, "",
			[]string{"work/forms/office.toml: missing"}},
		{"office unknown key", func(m fstest.MapFS) {
			m["forms/office.toml"] = &fstest.MapFile{Data: []byte("name = \"A\"\nstreet = \"B\"\npostcode = \"1\"\ncity = \"C\"\nfax = \"1\"\n")}
		}, "", []string{`work/forms/office.toml:5:1: office: unknown key "fax"`}},
		{"office wrong type, city missing", func(m fstest.MapFS) {
			m["forms/office.toml"] = &fstest.MapFile{Data: []byte("name = 7\nstreet = \"B\"\npostcode = \"1\"\n")}
		}, "", []string{"work/forms/office.toml:1:1: office: name must be a string, not an integer", "work/forms/office.toml: office: city is missing"}},
		{"office empty name", func(m fstest.MapFS) {
			m["forms/office.toml"] = &fstest.MapFile{Data: []byte("name = \" \"\nstreet = \"B\"\npostcode = \"1\"\ncity = \"C\"\n")}
		}, "", []string{"work/forms/office.toml:1:1: office: name is empty"}},
		{"office not toml", func(m fstest.MapFS) {
			m["forms/office.toml"] = &fstest.MapFile{Data: []byte("name = \n")}
		}, "", []string{"work/forms/office.toml:1:"}},
		{"form bad", func(m fstest.MapFS) {
			m["forms/broken.toml"] = &fstest.MapFile{Data: []byte("id = \"broken\"\nversion = 1\n")}
		}, "", []string{"work/forms/broken.toml:2:1: form: version must be a string"}},
		{"form message without German", func(m fstest.MapFS) {
			de := string(m["locales/de.toml"].Data)
			m["locales/de.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(de, `single = "ledig"`, "", 1))}
		}, "", []string{`work/forms/mini.toml:`, `message "mini.person.status.options.single" has no German text in work/locales/de.toml`}},
		{"locale bad name", func(m fstest.MapFS) {
			m["locales/xx_YY.toml"] = &fstest.MapFile{Data: []byte("")}
		}, "", []string{`work/locales/xx_YY.toml: file name "xx_YY" is not`}},
		{"no German", func(m fstest.MapFS) { delete(m, "locales/de.toml") }, "work/locales: no de.toml", nil},
		{"German broken", func(m fstest.MapFS) {
			m["locales/de.toml"] = &fstest.MapFile{Data: []byte("[x\n")}
		}, "work/locales/de.toml cannot be used", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := mini(t)
			tc.edit(m)
			p, err := Open(Options{FS: m, Dir: "work"})
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Open: %v, want an error with %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := p.Check().Error()
			for _, want := range tc.probs {
				if !strings.Contains(got, want) {
					t.Errorf("problems\n%s\nlack %q", got, want)
				}
			}
		})
	}
}

func TestOfficeError(t *testing.T) {
	m := mini(t)
	delete(m, "forms/office.toml")
	p, err := Open(Options{FS: m, Dir: "work"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Office(); err == nil || !strings.Contains(err.Error(), "work/forms/office.toml: missing") {
		t.Errorf("Office() = %v, want the missing file named", err)
	}
	if _, err := p.Form("mini"); err != nil {
		t.Errorf("the form stays usable without the office: %v", err)
	}
}

func TestOpenEpoch(t *testing.T) {
	if _, err := Open(Options{SourceDateEpoch: "1.5"}); err == nil || !strings.Contains(err.Error(), `SOURCE_DATE_EPOCH="1.5"`) {
		t.Errorf("Open with SOURCE_DATE_EPOCH=1.5: %v", err)
	}
	p, err := Open(Options{FS: mini(t), SourceDateEpoch: "1767225600"})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Today().Format("2006-01-02"); got != "2026-01-01" {
		t.Errorf("Today() = %s, want 2026-01-01", got)
	}
}

func TestOpenDirMissing(t *testing.T) {
	_, err := Open(Options{Dir: filepath.Join(t.TempDir(), "nowhere"), Name: "nowhere"})
	if err == nil || err.Error() != "--dir nowhere: no such folder" {
		t.Errorf("Open(nowhere) = %v", err)
	}
}

// templateCheck opens the project fsys as folder "work", which must have
// one usable template, and returns the problems of Check that say about.
func templateCheck(t *testing.T, fsys fstest.MapFS, about string) []string {
	t.Helper()
	p, err := Open(Options{FS: fsys, Dir: "work"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Templates.Templates) != 1 {
		t.Fatalf("template not usable: %v", p.Problems())
	}
	var found []string
	for _, ps := range p.Check() {
		if strings.Contains(ps.Msg, about) {
			found = append(found, ps.Error())
		}
	}
	return found
}

// TestCheckIDCollision: a template with the id of a form is a check error
// (a build would have to write both to LANG/ID.pdf).
func TestCheckIDCollision(t *testing.T) {
	fsys := mini(t)
	delete(fsys, "templates/.keep")
	fsys["templates/mini.toml"] = &fstest.MapFile{Data: []byte("id = \"mini\"\nversion = \"1.0\"\ndate = 2026-11-01\nkind = \"sheet\"\n\n[[block]]\nid = \"intro\"\n")}
	fsys["locales/de.toml"].Data = append(slices.Clone(fsys["locales/de.toml"].Data), []byte("\n[mini.intro]\nother = \"Einleitung\"\n")...)
	found := templateCheck(t, fsys, "is the id of the form")
	if len(found) != 1 || !strings.Contains(found[0], filepath.Join("work", "templates", "mini.toml")) || !strings.Contains(found[0], "LANG/mini.pdf") {
		t.Errorf("collision problems %q, want one naming the template file and LANG/mini.pdf", found)
	}
}

// TestCheckExampleData: a template without usable example data is a check
// error, as build would fail on it.
func TestCheckExampleData(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, f := range []string{"templates/einladung.toml", "locales/de.toml", "forms/office.toml"} {
		src, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: src}
	}
	found := templateCheck(t, fsys, "example")
	if len(found) != 1 || !strings.Contains(found[0], "no example data") {
		t.Errorf("example problems %q, want one", found)
	}
}
