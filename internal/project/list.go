package project

import (
	"formgen/internal/form"
	"formgen/internal/letter"
)

// DocInfo describes a form or template for formgen list.
type DocInfo struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Date    string `json:"date"`
	Title   string `json:"title"` // in German
}

// LocaleInfo describes a locale for formgen list.
type LocaleInfo struct {
	Tag       string  `json:"tag"`
	Name      string  `json:"name"` // the language's own name
	Direction string  `json:"direction"`
	Script    string  `json:"script"`
	Complete  float64 `json:"complete"` // share of German messages translated, 0 to 1
}

// Listing is what a project holds: its forms, templates and locales.
type Listing struct {
	Forms     []DocInfo    `json:"forms"`
	Templates []DocInfo    `json:"templates"`
	Locales   []LocaleInfo `json:"locales"`
}

// List describes the forms, templates and locales that can be used.
func (p *Project) List() Listing {
	var l Listing
	de := p.Catalog.Texts(p.Catalog.Source())
	for _, f := range p.Forms.Forms {
		title, _ := de.German(form.TitleID(f.ID), nil)
		l.Forms = append(l.Forms, DocInfo{f.ID, f.Version, f.Date.Format("2006-01-02"), title})
	}
	for _, t := range p.Templates.Templates {
		title, _ := de.German(letter.TitleID(t.ID), nil)
		l.Templates = append(l.Templates, DocInfo{t.ID, t.Version, t.Date.Format("2006-01-02"), title})
	}
	for _, loc := range p.Catalog.Locales {
		dir := "ltr"
		if loc.RTL {
			dir = "rtl"
		}
		l.Locales = append(l.Locales, LocaleInfo{loc.Tag, loc.Name, dir, loc.Script, p.Catalog.Complete(loc)})
	}
	return l
}
