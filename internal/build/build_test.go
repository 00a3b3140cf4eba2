package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"

	"formgen/internal/data"
	"formgen/internal/letter"
	"formgen/internal/locale"
)

// world is a fake set of inputs: documents made of messages whose texts
// the test edits, counting what is made.
type world struct {
	mu    sync.Mutex
	texts map[string]string   // message id: text
	uses  map[string][]string // document path: message ids
	fail  map[string]bool     // document paths whose making fails
	made  []string
	hook  func(path string) // called as a document is made
}

func newWorld(langs, ids []string) *world {
	w := &world{texts: map[string]string{}, uses: map[string][]string{}, fail: map[string]bool{}}
	for _, id := range ids {
		for _, m := range []string{"title", "intro", "common"} {
			w.texts[id+"."+m] = id + " " + m
		}
		for _, l := range langs {
			w.uses[l+"/"+id+".pdf"] = []string{"common.common", id + ".intro", id + ".title"}
		}
	}
	return w
}

func (w *world) docs() []Doc {
	var docs []Doc
	for p := range w.uses {
		lang, id, _ := strings.Cut(strings.TrimSuffix(p, ".pdf"), "/")
		docs = append(docs, Doc{Path: p, Kind: "form", ID: id, Locale: &locale.Locale{Tag: lang}, Base: "base " + p})
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Path < docs[j].Path })
	return docs
}

// make makes a document of the world: its path and the texts of its
// messages.
func (w *world) make(d Doc) (*Output, error) {
	p := d.Path
	w.mu.Lock()
	w.made = append(w.made, p)
	hook := w.hook
	w.mu.Unlock()
	if hook != nil {
		hook(p)
	}
	if w.fail[p] {
		return nil, errors.New("broken")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%%PDF %s\n", p)
	ids := slices.Clone(w.uses[p])
	for _, id := range ids {
		w.mu.Lock()
		b.WriteString(w.texts[id] + "\n")
		w.mu.Unlock()
	}
	return &Output{PDF: []byte(b.String()), Messages: ids}, nil
}

func (w *world) messages(lang string, ids []string) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var b strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&b, "%s=%s;", id, w.texts[id])
	}
	return b.String()
}

func (w *world) run(t *testing.T, ctx context.Context, out string, opt Options, docs []Doc) (*Summary, []string) {
	t.Helper()
	w.mu.Lock()
	w.made = nil
	w.mu.Unlock()
	opt.Out = out
	if opt.Jobs == 0 {
		opt.Jobs = 3
	}
	if docs == nil {
		docs = w.docs()
	}
	var all []string
	for _, d := range w.docs() {
		all = append(all, d.Path)
	}
	sum, err := Run(ctx, &Batch{Docs: docs, All: all, Messages: w.messages}, w.make, opt)
	if err != nil {
		t.Fatal(err)
	}
	made := slices.Clone(w.made)
	slices.Sort(made)
	return sum, made
}

// consistent checks that every PDF the manifest lists has the digest it
// records, and that no temporary file is left.
func consistent(t *testing.T, out string) *Manifest {
	t.Helper()
	m, err := ReadManifest(filepath.Join(out, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	for p, e := range m.PDFs {
		if got := fileDigest(filepath.Join(out, filepath.FromSlash(p))); got != e.PDF {
			t.Errorf("%s: file digest %s, manifest %s", p, got, e.PDF)
		}
	}
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if strings.HasSuffix(p, ".tmp") {
			t.Errorf("temporary file left: %s", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestIncremental(t *testing.T) {
	w := newWorld([]string{"de", "uk", "ar"}, []string{"antrag", "vollmacht"})
	out := t.TempDir()
	ctx := context.Background()

	sum, made := w.run(t, ctx, out, Options{}, nil)
	if sum.Written != 6 || len(made) != 6 {
		t.Fatalf("first build: %+v, made %v", sum, made)
	}
	sum, made = w.run(t, ctx, out, Options{}, nil)
	if sum.Unchanged != 6 || len(made) != 0 {
		t.Fatalf("second build: %+v, made %v", sum, made)
	}

	// one message of one document: only the documents that use it
	w.texts["vollmacht.intro"] = "changed"
	sum, made = w.run(t, ctx, out, Options{}, nil)
	if want := []string{"ar/vollmacht.pdf", "de/vollmacht.pdf", "uk/vollmacht.pdf"}; !slices.Equal(made, want) || sum.Written != 3 || sum.Unchanged != 3 {
		t.Errorf("after a message edit: made %v, %+v; want %v", made, sum, want)
	}

	// a file edited by hand is made again; one deleted too
	mustWrite(t, filepath.Join(out, "uk", "antrag.pdf"), []byte("scribbled"))
	if err := os.Remove(filepath.Join(out, "de", "antrag.pdf")); err != nil {
		t.Fatal(err)
	}
	_, made = w.run(t, ctx, out, Options{}, nil)
	if want := []string{"de/antrag.pdf", "uk/antrag.pdf"}; !slices.Equal(made, want) {
		t.Errorf("after tampering: made %v, want %v", made, want)
	}

	// a changed base (definition, fonts, tool) makes the document again
	docs := w.docs()
	docs[0].Base = "new definition"
	_, made = w.run(t, ctx, out, Options{}, docs)
	if want := []string{docs[0].Path}; !slices.Equal(made, want) {
		t.Errorf("after a definition change: made %v, want %v", made, want)
	}

	// --force makes and writes everything
	sum, made = w.run(t, ctx, out, Options{Force: true}, nil)
	if len(made) != 6 || sum.Written != 6 {
		t.Errorf("--force: made %v, %+v", made, sum)
	}
	consistent(t, out)
}

func TestFailureKeepsTheRest(t *testing.T) {
	w := newWorld([]string{"de", "uk"}, []string{"antrag", "vollmacht"})
	out := t.TempDir()
	ctx := context.Background()
	w.run(t, ctx, out, Options{}, nil)
	old := mustRead(t, filepath.Join(out, "uk", "antrag.pdf"))

	w.texts["antrag.title"] = "new title"
	w.fail["uk/antrag.pdf"] = true
	sum, _ := w.run(t, ctx, out, Options{}, nil)
	if len(sum.Failed) != 1 || !strings.Contains(sum.Failed[0].Error(), "uk/antrag.pdf: broken") || sum.Written != 1 {
		t.Fatalf("summary %+v", sum)
	}
	now := mustRead(t, filepath.Join(out, "uk", "antrag.pdf"))
	if string(now) != string(old) {
		t.Errorf("the failed document's old PDF was changed")
	}
	consistent(t, out)
	// fixed: made on the next build, as its manifest entry is the old one
	delete(w.fail, "uk/antrag.pdf")
	_, made := w.run(t, ctx, out, Options{}, nil)
	if !slices.Equal(made, []string{"uk/antrag.pdf"}) {
		t.Errorf("after the fix: made %v", made)
	}
}

func TestInterrupted(t *testing.T) {
	w := newWorld([]string{"de", "uk", "ar", "fa"}, []string{"a", "b", "c", "d", "e"})
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	w.hook = func(string) {
		w.mu.Lock()
		n++
		if n == 7 {
			cancel() // Ctrl-C while the seventh is being made
		}
		w.mu.Unlock()
	}
	sum, made := w.run(t, ctx, out, Options{Jobs: 2}, nil)
	if !sum.Interrupted || len(made) >= 20 || sum.Written != len(made) {
		t.Fatalf("interrupted build: %+v, made %d", sum, len(made))
	}
	m := consistent(t, out)
	if len(m.PDFs) != sum.Written {
		t.Errorf("manifest has %d entries, %d PDFs written", len(m.PDFs), sum.Written)
	}
	// the next build makes the rest only
	w.hook = nil
	sum2, made2 := w.run(t, context.Background(), out, Options{}, nil)
	if sum2.Unchanged != sum.Written || len(made2) != 20-sum.Written {
		t.Errorf("resumed build: %+v, made %d", sum2, len(made2))
	}
	consistent(t, out)
}

func TestPrune(t *testing.T) {
	w := newWorld([]string{"de", "uk"}, []string{"antrag", "vollmacht"})
	out := t.TempDir()
	ctx := context.Background()
	w.run(t, ctx, out, Options{}, nil)
	delete(w.uses, "uk/vollmacht.pdf") // a form withdrawn from one locale
	sum, _ := w.run(t, ctx, out, Options{}, nil)
	if !slices.Equal(sum.Kept, []string{"uk/vollmacht.pdf"}) || len(sum.Pruned) != 0 {
		t.Errorf("without --prune: %+v", sum)
	}
	if _, err := os.Stat(filepath.Join(out, "uk", "vollmacht.pdf")); err != nil {
		t.Errorf("removed without --prune: %v", err)
	}
	sum, _ = w.run(t, ctx, out, Options{Prune: true}, nil)
	if !slices.Equal(sum.Pruned, []string{"uk/vollmacht.pdf"}) {
		t.Errorf("--prune: %+v", sum)
	}
	if _, err := os.Stat(filepath.Join(out, "uk", "vollmacht.pdf")); !os.IsNotExist(err) {
		t.Errorf("not removed with --prune: %v", err)
	}
	if m := consistent(t, out); m.PDFs["uk/vollmacht.pdf"] != nil {
		t.Errorf("pruned PDF still in the manifest")
	}
}

func TestShardsMakeTheWhole(t *testing.T) {
	w := newWorld([]string{"de", "uk", "ar", "ti", "ka"}, []string{"a", "b", "c"})
	ctx := context.Background()
	full := t.TempDir()
	w.run(t, ctx, full, Options{Tool: "t"}, nil)
	fullManifest := mustRead(t, filepath.Join(full, ManifestFile))

	const n = 4
	var manifests []string
	seen := map[string]int{}
	for k := 1; k <= n; k++ {
		dir := t.TempDir()
		_, made := w.run(t, ctx, dir, Options{Tool: "t", Shard: Shard{k, n}}, nil)
		for _, p := range made {
			seen[p]++
		}
		manifests = append(manifests, filepath.Join(dir, ManifestFile))
		// the shard's PDFs are the full build's
		for _, p := range made {
			a := mustRead(t, filepath.Join(dir, filepath.FromSlash(p)))
			b := mustRead(t, filepath.Join(full, filepath.FromSlash(p)))
			if string(a) != string(b) {
				t.Errorf("shard %d/%d: %s differs from the full build's", k, n, p)
			}
		}
	}
	if len(seen) != 15 {
		t.Errorf("shards made %d documents, want 15", len(seen))
	}
	for p, c := range seen {
		if c != 1 {
			t.Errorf("%s made by %d shards", p, c)
		}
	}
	m, err := Merge(manifests)
	if err != nil {
		t.Fatal(err)
	}
	merged := filepath.Join(t.TempDir(), ManifestFile)
	if err := m.Write(merged); err != nil {
		t.Fatal(err)
	}
	got := mustRead(t, merged)
	if string(got) != string(fullManifest) {
		t.Errorf("merged manifest differs from the full build's:\n%s\nwant\n%s", got, fullManifest)
	}
}

func TestParseShard(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Shard
		ok   bool
	}{
		{"1/1", Shard{1, 1}, true},
		{"2/4", Shard{2, 4}, true},
		{"4/4", Shard{4, 4}, true},
		{"0/4", Shard{}, false},
		{"5/4", Shard{}, false},
		{"1/0", Shard{}, false},
		{"2", Shard{}, false},
		{"a/b", Shard{}, false},
	} {
		got, err := ParseShard(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseShard(%q) = %v, %v", c.in, got, err)
		}
	}
}

func TestManifestProblems(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, ManifestFile)
		mustWrite(t, p, []byte(s))
		return p
	}
	for _, c := range []struct{ src, want string }{
		{`{"format": 1, "pdfs": {`, "not a formgen manifest"},
		{`{"format": 9, "pdfs": {}}`, "manifest format 9"},
		{`{"format": 1, "colour": 1}`, "not a formgen manifest"},
		{`{"format": 1, "pdfs": {"../x.pdf": {"inputs": "a", "pdf": "b"}}}`, `entry "../x.pdf"`},
		{`{"format": 1, "pdfs": {"de/x.pdf": {"inputs": "a"}}}`, `entry "de/x.pdf" is incomplete`},
		{`{"format": 1, "pdfs": {}} {"format": 1, "pdfs": {}}`, "more after its object"},
	} {
		p := write(c.src)
		if _, err := ReadManifest(p); err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: err = %v, want one naming the file and %q", c.src, err, c.want)
		}
	}
	// a build refuses to overwrite what it cannot read
	w := newWorld([]string{"de"}, []string{"a"})
	write(`not json`)
	if _, err := Run(context.Background(), &Batch{Docs: w.docs(), Messages: w.messages}, w.make, Options{Out: dir, Jobs: 1}); err == nil {
		t.Error("build over a broken manifest: no error")
	}

	// merging parts built from different inputs
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	mustWrite(t, a, []byte(`{"format": 1, "formgen": "1", "pdfs": {"de/x.pdf": {"inputs": "i1", "pdf": "p"}}}`))
	mustWrite(t, b, []byte(`{"format": 1, "formgen": "1", "pdfs": {"de/x.pdf": {"inputs": "i2", "pdf": "p"}}}`))
	if _, err := Merge([]string{a, b}); err == nil || !strings.Contains(err.Error(), "de/x.pdf differs") {
		t.Errorf("merge of different inputs: err = %v", err)
	}
	mustWrite(t, b, []byte(`{"format": 1, "formgen": "2", "pdfs": {}}`))
	if _, err := Merge([]string{a, b}); err == nil || !strings.Contains(err.Error(), "formgen 2") {
		t.Errorf("merge of two versions: err = %v", err)
	}
	// a path that names no manifest is an error, not an empty part
	missing := filepath.Join(dir, "nowhere", ManifestFile)
	if _, err := Merge([]string{a, missing}); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("merge with a missing manifest: err = %v, want one naming it", err)
	}
}

// mustRead and mustWrite are os.ReadFile and os.WriteFile for a test's
// own setup: a failure stops the test rather than passing unseen.
func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustWrite(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRunAllOrNothing: a batch run all or nothing writes every document
// or, when one fails or the run is interrupted, none, and leaves no
// temporary file; a file already there is kept.
func TestRunAllOrNothing(t *testing.T) {
	w := newWorld([]string{"de"}, []string{"a", "b", "c", "d"})
	for _, tc := range []struct {
		name      string
		fail      string
		interrupt bool
		written   int
	}{
		{"all made", "", false, 4},
		{"one fails", "de/c.pdf", false, 0},
		{"interrupted", "", true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			if err := os.MkdirAll(filepath.Join(out, "de"), 0o755); err != nil {
				t.Fatal(err)
			}
			mustWrite(t, filepath.Join(out, "de", "a.pdf"), []byte("old"))
			w.fail = map[string]bool{tc.fail: true}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			w.hook = func(p string) {
				if tc.interrupt && p == "de/b.pdf" {
					cancel()
				}
			}
			sum, err := RunAll(ctx, &Batch{Docs: w.docs()}, w.make, Options{Out: out, Jobs: 1})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Written != tc.written || sum.Interrupted != tc.interrupt {
				t.Errorf("summary %+v", sum)
			}
			old, _ := os.ReadFile(filepath.Join(out, "de", "a.pdf"))
			if (string(old) == "old") != (tc.written == 0) {
				t.Errorf("de/a.pdf holds %q after writing %d", old, tc.written)
			}
			_, err = os.Stat(filepath.Join(out, "de", "d.pdf"))
			if (err == nil) != (tc.written > 0) {
				t.Errorf("de/d.pdf: %v after writing %d", err, tc.written)
			}
			consistent(t, out)
		})
	}
	w.hook = nil
}

// TestCollisionsWriteNothing: two documents of one run with one path (a
// form and a template with one id; a.toml and a.json of a letter folder)
// are refused before anything is made or written.
func TestCollisionsWriteNothing(t *testing.T) {
	w := newWorld([]string{"uk"}, []string{"vollmacht"})
	docs := w.docs()
	docs = append(docs, Doc{Path: "uk/vollmacht.pdf", Kind: "template", ID: "vollmacht", Locale: &locale.Locale{Tag: "uk"}})
	out := t.TempDir()
	_, err := Run(context.Background(), &Batch{Docs: docs, Messages: w.messages}, w.make, Options{Out: out, Jobs: 1})
	if err == nil || !strings.Contains(err.Error(), "uk/vollmacht.pdf: both form vollmacht and template vollmacht") {
		t.Errorf("Run: err = %v", err)
	}
	tpl := &letter.Template{ID: "einladung"}
	uk := &locale.Locale{Tag: "uk"}
	b := Letters(tpl, uk, []string{"d/a.toml", "d/a.json", "d/b.toml"}, []data.Record{{}, {}, {}})
	_, err = RunAll(context.Background(), b, w.make, Options{Out: out, Jobs: 1})
	if err == nil || !strings.Contains(err.Error(), "a.pdf: both d/a.toml and d/a.json") {
		t.Errorf("RunAll: err = %v", err)
	}
	if len(w.made) > 0 {
		t.Errorf("made %v before refusing", w.made)
	}
	if got, _ := os.ReadDir(out); len(got) > 0 {
		t.Errorf("wrote %v", got)
	}
}

// TestLeftoverTempsRemoved: the temporary files of a build killed before it
// could put them in place are removed by the next build; those of a
// running writer are not.
func TestLeftoverTempsRemoved(t *testing.T) {
	w := newWorld([]string{"de"}, []string{"a"})
	out := t.TempDir()
	if err := os.MkdirAll(filepath.Join(out, "de"), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	left := filepath.Join(out, "de", fmt.Sprintf(".a.pdf.%d-4711.tmp", cmd.Process.Pid))
	old := filepath.Join(out, ".formgen-manifest.json.123.tmp")
	live := filepath.Join(out, "de", fmt.Sprintf(".b.pdf.%d-1.tmp", os.Getppid()))
	for _, p := range []string{left, old, live} {
		mustWrite(t, p, []byte("half"))
	}
	w.run(t, context.Background(), out, Options{}, nil)
	for _, p := range []string{left, old} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left: %v", p, err)
		}
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("a running writer's temporary was removed: %v", err)
	}
}

// TestRemade: a document made again because a message it depends on
// changed, which still gives the same bytes (the message is not printed),
// is counted as remade, not as unchanged, and its file is left alone.
func TestRemade(t *testing.T) {
	w := newWorld([]string{"de", "uk"}, []string{"antrag"})
	w.texts["common.hidden"] = "never printed"
	// the maker asks for common.hidden but does not print it
	mk := func(d Doc) (*Output, error) {
		o, err := w.make(d)
		if err == nil {
			o.Messages = append(o.Messages, "common.hidden")
		}
		return o, err
	}
	var all []string
	for _, d := range w.docs() {
		all = append(all, d.Path)
	}
	out := t.TempDir()
	ctx := context.Background()
	run := func() *Summary {
		sum, err := Run(ctx, &Batch{Docs: w.docs(), All: all, Messages: w.messages}, mk, Options{Out: out, Jobs: 2})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	if sum := run(); sum.Written != 2 {
		t.Fatalf("first build: %+v", sum)
	}
	before, err := os.Stat(filepath.Join(out, "uk", "antrag.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	w.texts["common.hidden"] = "changed, still not printed"
	if sum := run(); sum.Remade != 2 || sum.Unchanged != 0 || sum.Written != 0 {
		t.Errorf("after a change to a message no PDF prints: %+v, want 2 remade", sum)
	}
	after, err := os.Stat(filepath.Join(out, "uk", "antrag.pdf"))
	if err != nil || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("the file of a remade PDF was touched: %v", err)
	}
	if sum := run(); sum.Unchanged != 2 {
		t.Errorf("a third build: %+v, want 2 unchanged", sum)
	}
}

// TestManifestFailureKeepsFailures: when the manifest cannot be written,
// the build still says which PDFs failed (a full or read-only folder once
// showed the manifest's error alone).
func TestManifestFailureKeepsFailures(t *testing.T) {
	w := newWorld([]string{"de", "uk"}, []string{"a", "b"})
	w.fail = map[string]bool{"uk/a.pdf": true, "de/b.pdf": true}
	out := t.TempDir()
	manifest := filepath.Join(out, ManifestFile)
	w.hook = func(string) {
		// the manifest's place taken by a folder while the build runs
		_ = os.MkdirAll(filepath.Join(manifest, "x"), 0o755)
	}
	docs := w.docs()
	sum, err := Run(context.Background(), &Batch{Docs: docs, Messages: w.messages}, w.make, Options{Out: out, Jobs: 1})
	if err == nil || !strings.Contains(err.Error(), "manifest") {
		t.Fatalf("err = %v, want the manifest's", err)
	}
	if sum == nil || len(sum.Failed) != 2 || sum.Written != 2 {
		t.Fatalf("summary %+v, want 2 written and 2 failures", sum)
	}
}

// TestManifestNotRegular: a manifest that is a FIFO is refused, not read
// (the build would wait forever).
func TestManifestNotRegular(t *testing.T) {
	out := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(out, ManifestFile), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadManifest(filepath.Join(out, ManifestFile)); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("err = %v", err)
	}
}
