// Package build makes many documents into an output folder as one batch
// job. Plan turns a project and a selection into the documents to make
// and what each is made from; Run makes them on a bounded number of
// workers: only those whose inputs changed since the last build (a
// manifest in the folder records what each PDF was made from), each
// atomically, optionally only one shard of them; a failing document does
// not stop the others, and an interrupted build leaves every PDF and the
// manifest consistent. RunAll makes a batch all or nothing (the letters
// of a folder of data files). The documents themselves are made by a
// Maker the caller gives: build knows nothing of rendering. A Meter shows
// a run's progress; a Summary writes its summary line and lists what each
// document's locale lacked.
package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"formgen/internal/batch"
	"formgen/internal/data"
	"formgen/internal/locale"
)

// Doc is one PDF a batch may make.
type Doc struct {
	Path   string // in the output folder, slash-separated: "uk/vollmacht.pdf"
	Kind   string // form, template or letter
	ID     string // of the form or template
	Locale *locale.Locale
	// Record is the data the document is filled with: a template's
	// example data, a letter's data file; nil for a blank form.
	Record data.Record
	// Base is the digest of what the document is made from besides its
	// messages: definition, example, office, fonts, date, locale.
	Base string
	// Source is the data file a letter is made from, for messages.
	Source string
}

// Lang is the tag of the document's locale.
func (d Doc) Lang() string { return d.Locale.Tag }

// Output is a document made.
type Output struct {
	PDF []byte
	// Missing are the ids of messages the locale lacks, given in German.
	Missing []string
	// Messages are the ids of every message the document asked for.
	Messages []string
}

// Maker makes one document.
type Maker func(d Doc) (*Output, error)

// Options steer a run.
type Options struct {
	Out    string // the output folder
	Jobs   int    // documents made at once
	Force  bool   // make every document, changed or not
	Prune  bool   // remove PDFs of documents that no longer exist
	Strict bool   // a document whose locale lacks messages fails
	Shard  Shard  // only this part of the documents (zero: all)
	Tool   string // formgen's version, recorded in the manifest
	// Progress, when set, is told of each document done, one at a time.
	Progress func(p Progress)
}

// Status is what a run did with one document.
type Status int

// Statuses.
const (
	Written   Status = iota
	Unchanged        // inputs unchanged: not made again
	Failed
	Remade // inputs changed, made again: the same bytes, the file left as it was
)

// Progress reports one document done.
type Progress struct {
	Done, Total int
	Path        string
	Status      Status
	Elapsed     time.Duration
}

// Summary is what a run did.
type Summary struct {
	Total              int // documents of this run (of this shard)
	Written, Unchanged int
	Remade             int     // made again for changed inputs, the same bytes
	Failed             []error // one per document, naming it
	Pruned             []string
	Kept               []string            // PDFs of documents that no longer exist, left in place (no --prune)
	Missing            map[string][]string // path: ids of messages its locale lacks (given in German)
	Interrupted        bool
	Elapsed            time.Duration
}

// AllMissing returns the ids of the messages any document's locale
// lacked, sorted, each once.
func (s *Summary) AllMissing() []string {
	var ids []string
	for _, m := range s.Missing {
		ids = append(ids, m...)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
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

// tally counts what a run did, one document at a time, and reports it.
type tally struct {
	mu    sync.Mutex
	sum   *Summary
	start time.Time
	opt   *Options
	done  int
}

func newTally(total int, opt *Options) *tally {
	return &tally{sum: &Summary{Total: total, Missing: map[string][]string{}}, start: time.Now(), opt: opt}
}

// finish records one document; keep runs under the lock, for what else
// the run records of it.
func (t *tally) finish(d Doc, st Status, miss []string, err error, keep func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch st {
	case Written:
		t.sum.Written++
	case Unchanged:
		t.sum.Unchanged++
	case Remade:
		t.sum.Remade++
	case Failed:
		t.sum.Failed = append(t.sum.Failed, err)
	}
	if keep != nil {
		keep()
	}
	if len(miss) > 0 {
		t.sum.Missing[d.Path] = miss
	}
	t.done++
	if t.opt.Progress != nil {
		t.opt.Progress(Progress{Done: t.done, Total: t.sum.Total, Path: d.Path, Status: st, Elapsed: time.Since(t.start)})
	}
}

// make makes one document, failing it when its locale lacks messages and
// the run is strict.
func (o *Options) make(mk Maker, d Doc) (*Output, error) {
	res, err := mk(d)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Path, err)
	}
	if len(res.Missing) > 0 && o.Strict {
		return nil, fmt.Errorf("%s: locale %s lacks %d messages (--strict)", d.Path, d.Lang(), len(res.Missing))
	}
	return res, nil
}

// runAll calls fn for every document on the run's workers; it reports
// whether the run was interrupted, or an error of the run itself.
func runAll(ctx context.Context, docs []Doc, opt Options, fn func(i int, d Doc)) (interrupted bool, err error) {
	err = batch.Run(ctx, len(docs), opt.Jobs, func(i int) { fn(i, docs[i]) })
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return true, nil
	}
	return false, err
}

// end sorts the failures and notes the time taken.
func (t *tally) end() *Summary {
	sort.Slice(t.sum.Failed, func(i, j int) bool { return t.sum.Failed[i].Error() < t.sum.Failed[j].Error() })
	t.sum.Elapsed = time.Since(t.start)
	return t.sum
}
