package build

import (
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// Failures returns every failure of a run of b, each an error of its own:
// the problems of the inputs whose documents were left out, the documents
// left out for their example data, those that failed, and then err, the
// run's own error (the manifest), when there is one.
func (b *Batch) Failures(sum *Summary, err error) []error {
	var errs []error
	for _, p := range b.Problems {
		errs = append(errs, p)
	}
	errs = append(append(errs, b.Left...), sum.Failed...)
	if err != nil {
		errs = append(errs, err)
	}
	return errs
}

// Lacking is what one document's locale lacked: its messages given in
// German.
type Lacking struct {
	Lang, ID string   // the document's locale and form or template
	Messages []string // ids, sorted
}

// Lacking returns, document by document in path order, the messages their
// locales lacked.
func (s *Summary) Lacking() []Lacking {
	var out []Lacking
	for _, path := range slices.Sorted(maps.Keys(s.Missing)) {
		lang, id, _ := strings.Cut(strings.TrimSuffix(path, ".pdf"), "/")
		out = append(out, Lacking{lang, id, slices.Sorted(slices.Values(s.Missing[path]))})
	}
	return out
}

// WriteSummary writes the summary line of a run into the folder out, of
// documents called what ("PDFs", "letters"), with failed failures in all,
// and a second line when the folder keeps PDFs of documents that no longer
// exist.
func (s *Summary) WriteSummary(w io.Writer, out, what string, failed int) {
	done := s.Written + s.Remade + s.Unchanged + len(s.Failed)
	if done < s.Total {
		fmt.Fprintf(w, "formgen: %d of %d %s", done, s.Total, what)
	} else {
		fmt.Fprintf(w, "formgen: %d %s", done, what)
	}
	fmt.Fprintf(w, " in %s: %d written, ", out, s.Written)
	if s.Remade > 0 {
		fmt.Fprintf(w, "%d remade with the same bytes, ", s.Remade)
	}
	fmt.Fprintf(w, "%d unchanged, %d failed", s.Unchanged, failed)
	if len(s.Pruned) > 0 {
		fmt.Fprintf(w, ", %d removed", len(s.Pruned))
	}
	fmt.Fprintf(w, " (%s)\n", s.Elapsed.Round(time.Millisecond))
	if len(s.Kept) > 0 {
		fmt.Fprintf(w, "formgen: %d PDFs of forms, templates or locales that no longer exist are still in %s (--prune removes them)\n", len(s.Kept), out)
	}
}

// Meter shows how far a run is, as Options.Progress: a bar redrawn in
// place on a terminal, a line every few seconds otherwise.
type Meter struct {
	w     io.Writer
	tty   bool
	mu    sync.Mutex
	last  time.Time
	shown bool
}

// NewMeter returns a meter writing to w, a bar when w is a terminal.
func NewMeter(w io.Writer) *Meter {
	m := &Meter{w: w, last: time.Now()}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			m.tty = true
		}
	}
	return m
}

// Report shows that the document r names is done: at most ten times a
// second on a terminal, every five seconds otherwise, and always the last.
func (m *Meter) Report(r Progress) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := time.Now()
	every := 5 * time.Second
	if m.tty {
		every = 100 * time.Millisecond
	}
	if r.Done < r.Total && now.Sub(m.last) < every {
		return
	}
	rate := float64(r.Done) / max(r.Elapsed.Seconds(), 1e-3)
	if m.tty {
		const width = 24
		n := r.Done * width / max(r.Total, 1)
		item := r.Path
		if len(item) > 30 {
			item = "…" + item[len(item)-29:]
		}
		fmt.Fprintf(m.w, "\r\033[K[%s%s] %d/%d  %.0f PDF/s  %s", strings.Repeat("=", n), strings.Repeat(" ", width-n), r.Done, r.Total, rate, item)
		m.shown = true
	} else {
		fmt.Fprintf(m.w, "formgen: %d/%d PDFs, %.0f PDF/s, last %s\n", r.Done, r.Total, rate, r.Path)
	}
	m.last = now
}

// End clears the bar so that what follows starts on a line of its own.
func (m *Meter) End() {
	if m.tty && m.shown {
		fmt.Fprint(m.w, "\r\033[K")
	}
}
