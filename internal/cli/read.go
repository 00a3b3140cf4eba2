package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"

	"formgen/internal/acroform"
	"formgen/internal/limitfs"
)

func runRead(_ context.Context, env *Env, args []string) error {
	fs, dir := flags(env, "read", "FILLED.pdf [--out data.toml|data.json]", `Read a filled-in copy of a fillable form back as data: which form, version and
locale it is, and the values typed in, written as TOML (or JSON by the
.json extension of --out) that render --data accepts. The values are
checked as --data checks them; data with problems (required fields left
empty) are still written, and every problem is listed, with exit code 1.`)
	out := fs.String("out", "", "`FILE` to write the data to (.toml or .json); - or none for standard output (TOML)")
	name, rest := pdfArg(args)
	if err := parse(fs, rest); err != nil {
		return err
	}
	if name == "" {
		return usagef("read: give one filled-in PDF")
	}
	raw, err := limitfs.ReadFile(env.path(name), limitfs.MaxFile)
	if err != nil {
		return err
	}
	filled, err := acroform.Read(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	p, err := openProject(env, *dir)
	if err != nil {
		return err
	}
	if err := checkOut(env, *out, p, name); err != nil {
		return err
	}
	f, err := p.Form(filled.Form)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if filled.Version != f.Version {
		fmt.Fprintf(env.Stderr, "warning: %s is a copy of version %s of form %s; read with version %s\n", name, filled.Version, f.ID, f.Version)
	}
	values := acroform.Data(f, filled.Values)
	var buf bytes.Buffer
	if strings.EqualFold(filepath.Ext(*out), ".json") {
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		err = enc.Encode(values)
	} else {
		fmt.Fprintf(&buf, "# %s read back from %s (locale %s)\n", f.ID, filepath.Base(name), filled.Locale)
		err = toml.NewEncoder(&buf).Encode(values)
	}
	if err != nil {
		return err
	}
	if err := write(env, *out, buf.Bytes()); err != nil {
		return err
	}
	// checked as --data is, after writing: the clerk sees what came back
	if _, err := f.Prefill(name, values, p.Today()); err != nil {
		return err
	}
	return nil
}

// pdfArg takes the one argument that is not a flag or a flag's value out
// of args, wherever it stands.
func pdfArg(args []string) (string, []string) {
	var rest []string
	name := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case strings.HasPrefix(a, "-") && a != "-":
			rest = append(rest, a)
			if (a == "-out" || a == "--out" || a == "-dir" || a == "--dir") && i+1 < len(args) {
				i++
				rest = append(rest, args[i])
			}
		case name == "":
			name = a
		default:
			rest = append(rest, a) // a second file: parse reports it
		}
	}
	return name, rest
}
