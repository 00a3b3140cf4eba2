package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"sort"

	"formgen/internal/atomicfile"
	"formgen/internal/problem"
)

// Batch is a plan: the documents to make, and what the inputs define.
type Batch struct {
	Docs []Doc
	// All are the paths of every document the inputs define, also those
	// not chosen, for Prune; nil for a batch that prunes nothing.
	All []string
	// Problems are those of the inputs whose documents were left out;
	// Left the errors of documents left out for their example data.
	Problems problem.Problems
	Left     []error
	// Messages returns the digest of the texts of messages ids in German
	// and in locale lang: with a Doc's Base, what it is made from.
	Messages func(lang string, ids []string) string
}

// Run makes the documents of b (of opt.Shard) that changed since the last
// build into opt.Out, each atomically. It returns an error only when the
// manifest cannot be read or written (with the summary of what was made
// when it cannot be written); a document that fails is in the summary.
func Run(ctx context.Context, b *Batch, mk Maker, opt Options) (*Summary, error) {
	if err := b.Collisions(); err != nil {
		return nil, err
	}
	if err := removeTemps(opt.Out); err != nil {
		return nil, err
	}
	manifestPath := filepath.Join(opt.Out, ManifestFile)
	man, err := ReadManifest(manifestPath)
	if err != nil {
		return nil, fmt.Errorf("%w (remove it, or build with --force into an empty folder)", err)
	}
	docs := opt.Shard.Pick(b.Docs)
	t := newTally(len(docs), &opt)
	old := maps.Clone(man.PDFs) // as read: the workers write man.PDFs
	t.sum.Interrupted, err = runAll(ctx, docs, opt, func(_ int, d Doc) {
		st, e, miss, err := b.makeChanged(d, old[d.Path], mk, &opt)
		t.finish(d, st, miss, err, func() {
			if e != nil {
				man.PDFs[d.Path] = e
			}
		})
	})
	if err != nil {
		return nil, err
	}
	b.prune(man, t.sum, opt)
	man.Tool = opt.Tool
	if err := man.Write(manifestPath); err != nil {
		// the summary too: which PDFs failed besides the manifest
		return t.end(), fmt.Errorf("manifest: %w", err)
	}
	return t.end(), nil
}

// inputs is the digest of everything a document is made from.
func (b *Batch) inputs(d Doc, tool string, messages []string) string {
	return digest(tool, d.Base, b.Messages(d.Lang(), messages))
}

// makeChanged makes d unless its manifest entry e says its inputs and
// file are unchanged; it returns the entry to record.
func (b *Batch) makeChanged(d Doc, e *Entry, mk Maker, opt *Options) (Status, *Entry, []string, error) {
	file := filepath.Join(opt.Out, filepath.FromSlash(d.Path))
	if !opt.Force && e != nil && e.Inputs == b.inputs(d, opt.Tool, e.Messages) && fileDigest(file) == e.PDF {
		return Unchanged, nil, nil, nil
	}
	res, err := opt.make(mk, d)
	if err != nil {
		return Failed, nil, nil, err
	}
	ne := &Entry{Kind: d.Kind, ID: d.ID, Lang: d.Lang(), Inputs: b.inputs(d, opt.Tool, res.Messages), PDF: bytesDigest(res.PDF), Messages: res.Messages}
	if !opt.Force && fileDigest(file) == ne.PDF {
		return Remade, ne, res.Missing, nil // the same bytes: the file is not touched
	}
	if err := atomicfile.Write(file, res.PDF, 0o644); err != nil {
		return Failed, nil, nil, fmt.Errorf("%s: %w", d.Path, err)
	}
	return Written, ne, res.Missing, nil
}

// prune removes, with opt.Prune and unless interrupted, the PDFs of
// documents that no longer exist, and lists them as kept otherwise.
func (b *Batch) prune(man *Manifest, sum *Summary, opt Options) {
	exists := make(map[string]bool, len(b.All))
	for _, p := range b.All {
		exists[p] = true
	}
	var gone []string
	for p := range man.PDFs {
		if !exists[p] {
			gone = append(gone, p)
		}
	}
	sort.Strings(gone)
	for _, p := range gone {
		if !opt.Prune || sum.Interrupted {
			sum.Kept = append(sum.Kept, p)
			continue
		}
		err := os.Remove(filepath.Join(opt.Out, filepath.FromSlash(p)))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			sum.Failed = append(sum.Failed, fmt.Errorf("%s: cannot remove: %w", p, err))
			continue
		}
		delete(man.PDFs, p)
		sum.Pruned = append(sum.Pruned, p)
	}
}

// RunAll makes every document of b, all or nothing: each is written to a
// temporary file beside its place, and only when every one was made are
// they renamed into place. A failure or an interruption leaves the output
// folder as it was. No manifest is kept.
func RunAll(ctx context.Context, b *Batch, mk Maker, opt Options) (*Summary, error) {
	if err := b.Collisions(); err != nil {
		return nil, err
	}
	if err := removeTemps(opt.Out); err != nil {
		return nil, err
	}
	t := newTally(len(b.Docs), &opt)
	staged := make([]*atomicfile.Staged, len(b.Docs))
	var err error
	t.sum.Interrupted, err = runAll(ctx, b.Docs, opt, func(i int, d Doc) {
		res, err := opt.make(mk, d)
		if err == nil {
			staged[i], err = atomicfile.Stage(filepath.Join(opt.Out, filepath.FromSlash(d.Path)), res.PDF, 0o644)
		}
		if err != nil {
			t.finish(d, Failed, nil, err, nil)
			return
		}
		t.finish(d, Written, res.Missing, nil, nil)
	})
	sum := t.end()
	if err != nil || sum.Interrupted || len(sum.Failed) > 0 {
		for _, s := range staged {
			if s != nil {
				s.Discard()
			}
		}
		sum.Written = 0
		return sum, err
	}
	for i, s := range staged {
		if err := s.Commit(); err != nil {
			sum.Failed = append(sum.Failed, fmt.Errorf("%s: %w", b.Docs[i].Path, err))
			sum.Written--
		}
	}
	return sum, nil
}

// Collisions reports documents of the batch that would be written to one
// path (a form and a template with one id; a.toml and a.json in a folder
// of letters): one would be lost, so nothing is written.
func (b *Batch) Collisions() error {
	first := map[string]Doc{}
	var errs []error
	for _, d := range b.Docs {
		if o, ok := first[d.Path]; ok {
			errs = append(errs, fmt.Errorf("%s: both %s and %s would be written there; nothing was written", d.Path, o.what(), d.what()))
			continue
		}
		first[d.Path] = d
	}
	return errors.Join(errs...)
}

// what names a document in a message.
func (d Doc) what() string {
	if d.Source != "" {
		return d.Source
	}
	return d.Kind + " " + d.ID
}

// removeTemps removes the temporary files that a killed build left in out.
func removeTemps(out string) error {
	if out == "" {
		return nil
	}
	if _, err := atomicfile.RemoveTemps(out); err != nil {
		return fmt.Errorf("%s: removing the temporary files of an earlier, interrupted run: %w", out, err)
	}
	return nil
}
