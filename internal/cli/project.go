package cli

import (
	"bytes"

	"formgen/internal/data"
	"formgen/internal/limitfs"
	"formgen/internal/project"
	"formgen/internal/render"
)

// openProject reads the inputs of --dir DIR, or, without --dir, of the
// working directory: its forms/, locales/, templates/ and fonts/ where it
// has them, the shipped ones elsewhere. Every command reads them so.
// With langs, only German and those locales are read.
func openProject(env *Env, dir string, langs ...string) (*project.Project, error) {
	name := dir
	if dir == "" {
		dir, name = ".", "."
	}
	return project.Open(project.Options{Dir: env.path(dir), Name: name, Langs: langs, SourceDateEpoch: env.Getenv("SOURCE_DATE_EPOCH")})
}

// engine returns a renderer over the project.
func engine(p *project.Project) (*render.Engine, error) { return render.New(p, Version) }

// readData reads a data file, or standard input for "-".
func readData(env *Env, name string) (map[string]any, error) {
	if name == "-" {
		return data.Decode("-", env.Stdin)
	}
	// a regular file of at most limitfs.MaxData bytes: a FIFO or a
	// device would block or never end
	src, err := limitfs.ReadFile(env.path(name), limitfs.MaxData)
	if err != nil {
		return nil, err
	}
	return data.Decode(name, bytes.NewReader(src))
}
