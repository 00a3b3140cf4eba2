// Package formgen holds the data formgen ships: form definitions, locale
// files, letter templates and fonts, embedded so that the binary works
// from any folder. The program itself is in cmd/formgen.
package formgen

import "embed"

// Data holds the folders forms, locales, templates and fonts.
//
//go:embed forms locales templates fonts
var Data embed.FS
