// Package build writes many documents into an output folder as a batch
// job: only those whose inputs changed since the last build (a manifest in
// the folder records what each PDF was made from), each atomically, on a
// bounded number of workers, optionally only one shard of them; a failing
// document does not stop the others, and an interrupted build leaves every
// PDF and the manifest consistent.
package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"formgen/internal/atomicfile"
	"formgen/internal/batch"
	"formgen/internal/render"
)

// Doc is one PDF a build may make.
type Doc struct {
	Path string // in the output folder, slash-separated: "uk/vollmacht.pdf"
	Kind string // form or template
	ID   string
	Lang string
	// Base is the digest of what the document is made from besides its
	// messages: tool version, definition, office, fonts, date, locale.
	Base string
	Make func() (*render.Result, error)
}

// Options steer a build.
type Options struct {
	Out    string // the output folder
	Jobs   int    // documents made at once
	Force  bool   // make every document, changed or not
	Prune  bool   // remove PDFs of documents that no longer exist
	Strict bool   // a document whose locale lacks messages fails
	Shard  Shard  // only this part of the documents (zero: all)
	Tool   string // formgen's version, recorded in the manifest
	// Messages returns the digest of the texts of messages ids in German
	// and in locale lang.
	Messages func(lang string, ids []string) string
	// Progress, when set, is told of each document done, one at a time.
	Progress func(p Progress)
}

// Status is what a build did with one document.
type Status int

// Statuses.
const (
	Written Status = iota
	Unchanged
	Failed
)

// Progress reports one document done.
type Progress struct {
	Done, Total int
	Path        string
	Status      Status
	Elapsed     time.Duration
}

// Summary is what a build did.
type Summary struct {
	Total              int // documents of this build (of this shard)
	Written, Unchanged int
	Failed             []error // one per document, naming it
	Pruned             []string
	Kept               []string            // PDFs of documents that no longer exist, left in place (no --prune)
	Missing            map[string][]string // path: ids of messages its locale lacks (given in German)
	Interrupted        bool
	Elapsed            time.Duration
}

// Shard is the K-th of N parts of a build (1 ≤ K ≤ N).
type Shard struct{ K, N int }

// ParseShard reads "K/N".
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	ki, err1 := strconv.Atoi(k)
	ni, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || ni < 1 || ki < 1 || ki > ni {
		return Shard{}, fmt.Errorf("--shard %q: want K/N with 1 ≤ K ≤ N, such as 2/4", s)
	}
	return Shard{ki, ni}, nil
}

// Pick returns the documents of the shard: of the documents sorted by
// path, every N-th, starting with the K-th. The parts of all N shards
// together are all documents, each once.
func (s Shard) Pick(docs []Doc) []Doc {
	sorted := append([]Doc(nil), docs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	if s.N <= 1 {
		return sorted
	}
	var out []Doc
	for i, d := range sorted {
		if i%s.N == s.K-1 {
			out = append(out, d)
		}
	}
	return out
}

func digest(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		// length-prefixed, so that no two lists give the same stream
		fmt.Fprintf(h, "%d:%s;", len(p), p)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

func fileDigest(path string) string {
	src, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return bytesDigest(src)
}

func bytesDigest(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Run builds docs, of which all are every document that exists (for
// --prune; docs may be fewer: a chosen few, or a shard). It returns an
// error only when the manifest cannot be read or written; a document that
// fails is in the summary.
func Run(ctx context.Context, docs, all []Doc, opt Options) (*Summary, error) {
	start := time.Now()
	manifestPath := filepath.Join(opt.Out, ManifestFile)
	man, err := ReadManifest(manifestPath)
	if err != nil {
		return nil, fmt.Errorf("%w (remove it, or build with --force into an empty folder)", err)
	}
	docs = opt.Shard.Pick(docs)
	sum := &Summary{Total: len(docs), Missing: map[string][]string{}}
	var mu sync.Mutex
	done := 0
	finish := func(d Doc, st Status, e *Entry, miss []string, err error) {
		mu.Lock()
		defer mu.Unlock()
		switch st {
		case Written:
			sum.Written++
		case Unchanged:
			sum.Unchanged++
		case Failed:
			sum.Failed = append(sum.Failed, err)
		}
		if e != nil {
			man.PDFs[d.Path] = e
		}
		if len(miss) > 0 {
			sum.Missing[d.Path] = miss
		}
		done++
		if opt.Progress != nil {
			opt.Progress(Progress{Done: done, Total: len(docs), Path: d.Path, Status: st, Elapsed: time.Since(start)})
		}
	}
	old := maps.Clone(man.PDFs) // as read: the workers write man.PDFs
	err = batch.Run(ctx, len(docs), opt.Jobs, func(i int) {
		d := docs[i]
		file := filepath.Join(opt.Out, filepath.FromSlash(d.Path))
		e := old[d.Path]
		if !opt.Force && e != nil && e.Inputs == digest(d.Base, opt.Messages(d.Lang, e.Messages)) && fileDigest(file) == e.PDF {
			finish(d, Unchanged, nil, nil, nil)
			return
		}
		res, err := d.Make()
		if err != nil {
			finish(d, Failed, nil, nil, fmt.Errorf("%s: %w", d.Path, err))
			return
		}
		if len(res.Missing) > 0 && opt.Strict {
			finish(d, Failed, nil, nil, fmt.Errorf("%s: locale %s lacks %d messages (--strict)", d.Path, d.Lang, len(res.Missing)))
			return
		}
		ne := &Entry{Kind: d.Kind, ID: d.ID, Lang: d.Lang, Inputs: digest(d.Base, opt.Messages(d.Lang, res.Messages)), PDF: bytesDigest(res.PDF), Messages: res.Messages}
		st := Written
		if !opt.Force && fileDigest(file) == ne.PDF {
			st = Unchanged // the same bytes: the file is not touched
		} else if err := atomicfile.Write(file, res.PDF, 0o644); err != nil {
			finish(d, Failed, nil, nil, fmt.Errorf("%s: %w", d.Path, err))
			return
		}
		finish(d, st, ne, res.Missing, nil)
	})
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		sum.Interrupted = true
	} else if err != nil {
		return nil, err
	}
	// PDFs of documents that no longer exist
	exists := make(map[string]bool, len(all))
	for _, d := range all {
		exists[d.Path] = true
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
	man.Tool = opt.Tool
	if err := man.Write(manifestPath); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	sort.Slice(sum.Failed, func(i, j int) bool { return sum.Failed[i].Error() < sum.Failed[j].Error() })
	sum.Elapsed = time.Since(start)
	return sum, nil
}
