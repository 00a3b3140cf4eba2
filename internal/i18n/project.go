package i18n

import (
	"fmt"

	"formgen/internal/project"
	"formgen/internal/render"
)

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
