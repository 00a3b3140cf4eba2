package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"formgen/internal/atomicfile"
	"formgen/internal/limitfs"
)

// ManifestFile is the manifest's name in the output folder.
const ManifestFile = "formgen-manifest.json"

const manifestFormat = 1

// Manifest records, for each PDF of an output folder, what it was made
// from and what was written, so that a build can skip PDFs whose inputs
// have not changed.
type Manifest struct {
	Format int               `json:"format"`
	Tool   string            `json:"formgen"` // version of the formgen that wrote it
	PDFs   map[string]*Entry `json:"pdfs"`    // by path in the folder, slash-separated
}

// Entry is one PDF of the manifest.
type Entry struct {
	Kind string `json:"kind"` // form or template
	ID   string `json:"id"`
	Lang string `json:"lang"`
	// Inputs is the digest of everything the PDF was made from: tool
	// version, definition, office, fonts, date, and the texts of Messages
	// in German and in Lang.
	Inputs string `json:"inputs"`
	// PDF is the digest of the file written; a file that no longer
	// matches it (edited, replaced, half-copied) is made again.
	PDF string `json:"pdf"`
	// Messages are the ids of the messages the document asked for.
	Messages []string `json:"messages"`
}

// maxManifest is the largest manifest read, far above the 300 bytes or so
// per PDF.
const maxManifest = 64 << 20

// ReadManifest reads a manifest; a missing file is an empty manifest.
func ReadManifest(path string) (*Manifest, error) {
	m := &Manifest{Format: manifestFormat, PDFs: map[string]*Entry{}}
	// a regular file only: a FIFO there would block the build
	src, err := limitfs.ReadFile(path, maxManifest)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	return decodeManifest(path, src)
}

// decodeManifest reads the manifest src of file path.
func decodeManifest(path string, src []byte) (*Manifest, error) {
	m := &Manifest{Format: manifestFormat, PDFs: map[string]*Entry{}}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	if err := dec.Decode(m); err != nil {
		return nil, fmt.Errorf("%s: not a formgen manifest: %w", path, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%s: not a formgen manifest: more after its object", path)
	}
	if m.Format != manifestFormat {
		return nil, fmt.Errorf("%s: manifest format %d, this formgen reads %d", path, m.Format, manifestFormat)
	}
	if m.PDFs == nil {
		m.PDFs = map[string]*Entry{}
	}
	for p, e := range m.PDFs {
		if e == nil || e.Inputs == "" || e.PDF == "" || !localPath(p) {
			return nil, fmt.Errorf("%s: entry %q is incomplete or not a path inside the folder", path, p)
		}
	}
	return m, nil
}

// localPath reports whether p is a slash-separated path inside a folder.
func localPath(p string) bool {
	return filepath.IsLocal(filepath.FromSlash(p)) && filepath.ToSlash(filepath.Clean(filepath.FromSlash(p))) == p
}

// Write writes the manifest atomically, its entries sorted, so that the
// same builds give the same bytes.
func (m *Manifest) Write(path string) error {
	// encoding/json writes map keys sorted
	src, err := json.MarshalIndent(m, "", "\t")
	if err != nil {
		return err
	}
	return atomicfile.Write(path, append(src, '\n'), 0o644)
}

// Merge joins the manifests of builds that wrote disjoint parts of one
// output folder (the shards of a build). The same PDF in two manifests
// must have the same entry.
func Merge(paths []string) (*Manifest, error) {
	out := &Manifest{Format: manifestFormat, PDFs: map[string]*Entry{}}
	from := map[string]string{} // PDF path: manifest it came from
	toolFrom := ""
	for _, p := range paths {
		// a build writes a manifest even when it wrote nothing: a
		// missing one is a wrong path, not an empty part
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("manifest %w", err)
		}
		m, err := ReadManifest(p)
		if err != nil {
			return nil, err
		}
		switch {
		case out.Tool == "":
			out.Tool, toolFrom = m.Tool, p
		case m.Tool != "" && m.Tool != out.Tool:
			return nil, fmt.Errorf("%s was written by formgen %s, %s by formgen %s: build all parts with one version", p, m.Tool, toolFrom, out.Tool)
		}
		keys := make([]string, 0, len(m.PDFs))
		for k := range m.PDFs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			e := m.PDFs[k]
			if old, ok := out.PDFs[k]; ok && (old.Inputs != e.Inputs || old.PDF != e.PDF) {
				return nil, fmt.Errorf("%s: %s differs from the one in %s: the parts were built from different inputs", p, k, from[k])
			}
			out.PDFs[k] = e
			from[k] = p
		}
	}
	return out, nil
}
