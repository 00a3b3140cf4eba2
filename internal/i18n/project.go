package i18n

import (
	"fmt"
	"os"
	"path/filepath"

	"formgen/internal/atomicfile"
	"formgen/internal/project"
	"formgen/internal/render"
)

// OpenDir opens the project of opt and its workspace (Open) for the
// translators' commands: first it completes a write of translations that
// a crash interrupted (atomicfile.WriteSet), so that the locales are read
// whole; then the locales folder must be on disk.
func OpenDir(opt project.Options, forExtract bool, version string) (*Workspace, error) {
	locales := filepath.Join(opt.Dir, project.Locales)
	if st, err := os.Stat(locales); err == nil && st.IsDir() {
		if err := atomicfile.Recover(locales); err != nil {
			return nil, fmt.Errorf("%s: %w", locales, err)
		}
	}
	p, err := project.Open(opt)
	if err != nil {
		return nil, err
	}
	if p.Disk(project.Locales) == "" {
		where := opt.Name
		if where == "." {
			where = "the current folder"
		}
		return nil, fmt.Errorf("no locales folder in %s: run formgen i18n in the formgen repository, or give --dir", where)
	}
	return Open(p, forExtract, version)
}

// Open returns the workspace of a project, whose locales folder must be
// on disk: the translators' commands write it. Every input must be free
// of problems, except, forExtract, German texts missing: then every form
// and template that could be read is in it, whether its German is
// complete or not (forms or templates that cannot be read stop it: their
// messages would be lost). version is formgen's, for the engine.
func Open(p *project.Project, forExtract bool, version string) (*Workspace, error) {
	if p.Disk(project.Locales) == "" {
		return nil, fmt.Errorf("%s: the shipped locales cannot be written: work in a copy of the repository, or give --dir", p.Name(project.Locales))
	}
	gloss, err := p.Glossaries()
	if err != nil {
		return nil, err
	}
	w := &Workspace{Project: p, Dir: p.Disk(project.Locales), Name: p.Name(project.Locales), Catalog: p.Catalog, Forms: p.Forms, Templates: p.Templates, Fonts: p.Fonts, Common: p.Common, Glossaries: gloss}
	if forExtract {
		if w.Forms, w.Templates, err = p.Parsed(); err != nil {
			return nil, fmt.Errorf("fix the forms and templates first:\n%w", err)
		}
		return w, nil
	}
	if ps := p.Problems(); len(ps) > 0 {
		return nil, fmt.Errorf("fix these first (formgen check lists them too):\n%w", ps)
	}
	w.Engine, err = render.New(p, version)
	return w, err
}
