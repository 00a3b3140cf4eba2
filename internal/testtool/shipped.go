package testtool

import (
	"io/fs"
	"testing"

	"formgen"
)

// Shipped returns one shipped input folder (forms, locales, templates or
// fonts) as built into the binary, the folder project.Open reads when no
// project folder replaces it. It is for the tests of the packages that
// project imports (text, form, locale), which cannot open a project
// without an import cycle; a test that can import project opens the
// inputs with project.Open instead.
func Shipped(tb testing.TB, folder string) fs.FS {
	tb.Helper()
	sub, err := fs.Sub(formgen.Data, folder)
	if err != nil {
		tb.Fatal(err)
	}
	return sub
}
