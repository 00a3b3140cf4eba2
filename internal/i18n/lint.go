package i18n

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"

	"formgen/internal/batch"
	"formgen/internal/locale"
	"formgen/internal/problem"
	"formgen/internal/render"
	"formgen/internal/transcheck"
)

// mm converts points to millimetres.
func mm(pt float64) float64 { return pt * 25.4 / 72 }

// Lint checks every translation (only those of tags, when given) against
// its German source: placeholders, plural categories,
// spaces at the ends, text identical to German, characters no font
// prints, and, from the documents laid out with the real text layer,
// words wider than their box and texts far longer than the German.
// German texts are checked for syntax, spaces and fonts too.
// Each problem names its message as its element.
func (w *Workspace) Lint(ctx context.Context, jobs int, tags ...string) (problem.Problems, error) {
	de := w.Catalog.Source()
	var fs problem.Problems
	for _, l := range w.Catalog.Locales {
		if len(tags) > 0 && l.Tag != locale.Source && !slices.Contains(tags, l.Tag) {
			continue
		}
		for id, e := range l.Entries {
			fs = append(fs, w.lintEntry(l, de.Entries[id], e)...)
		}
		if l.Tag != locale.Source {
			fs = append(fs, transcheck.Consistency(l, de)...)
		}
	}
	boxes, err := w.lintBoxes(ctx, jobs, tags)
	if err != nil {
		return nil, err
	}
	fs = byMessage(append(fs, boxes...))
	slices.SortFunc(fs, func(a, b problem.Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Msg, b.Msg), cmp.Compare(a.ID, b.ID))
	})
	return fs, nil
}

// lintEntry checks one message of locale l; src is its German (nil for a
// message German lacks).
func (w *Workspace) lintEntry(l *locale.Locale, src, e *locale.Entry) problem.Problems {
	fs := w.unitProblems(l, src, e)
	if l.Tag != locale.Source && src == nil {
		fs = append(fs, problem.Problem{File: l.File, Line: e.Line, ID: e.ID, Severity: problem.Warning, Msg: "no German source: the message is not used"})
	}
	return fs
}

// unitProblems are the problems transcheck.Unit finds in a translation
// of w, each naming its message as its element.
func (w *Workspace) unitProblems(l *locale.Locale, src, e *locale.Entry) problem.Problems {
	return byMessage(transcheck.Unit(l, src, e, w.Fonts, w.Glossaries[l.Tag]))
}

// byMessage names the message of each problem as its element, the way
// the translators' commands print them: "file:line: id: what".
func byMessage(ps problem.Problems) problem.Problems {
	for i := range ps {
		ps[i].Where = ps[i].ID
	}
	return ps
}

// renderAll lays out every document in each locale of locs and hands
// each result to fn, one at a time.
func (w *Workspace) renderAll(ctx context.Context, jobs int, locs []*locale.Locale, fn func(l *locale.Locale, res *render.Result)) error {
	type doc struct {
		loc  *locale.Locale
		make func() (*render.Result, error)
	}
	var docs []doc
	for _, l := range locs {
		for _, f := range w.Forms.Forms {
			docs = append(docs, doc{l, func() (*render.Result, error) { return w.Engine.Form(f.ID, l, nil) }})
		}
		for _, t := range w.Templates.Templates {
			rec, err := w.Templates.Example(t)
			if err != nil {
				return err
			}
			docs = append(docs, doc{l, func() (*render.Result, error) { return w.Engine.Letter(t.ID, l, rec) }})
		}
	}
	var mu sync.Mutex
	var firstErr error
	err := batch.Run(ctx, len(docs), jobs, func(i int) {
		res, err := docs[i].make()
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			return
		}
		fn(docs[i].loc, res)
	})
	if err != nil {
		return err
	}
	return firstErr
}

// lintBoxes lays out every document in every translation (of tags) and
// reports translations with a word wider than its box, and those that
// take far more lines than the German in the same box.
func (w *Workspace) lintBoxes(ctx context.Context, jobs int, tags []string) (problem.Problems, error) {
	var locs []*locale.Locale
	for _, l := range w.translations() {
		if len(tags) == 0 || slices.Contains(tags, l.Tag) {
			locs = append(locs, l)
		}
	}
	var fs problem.Problems
	seen := map[string]bool{}
	err := w.renderAll(ctx, jobs, locs, func(l *locale.Locale, res *render.Result) {
		german := map[string]render.Box{}
		for _, b := range res.Boxes {
			if !b.TR {
				german[b.ID] = b
			}
		}
		for _, b := range res.Boxes {
			e := l.Entries[b.ID]
			if !b.TR || e == nil {
				continue // untranslated: German in its place
			}
			add := func(sev problem.Severity, msg string) {
				key := l.Tag + "\x00" + b.ID + "\x00" + msg
				if !seen[key] {
					seen[key] = true
					fs = append(fs, problem.Problem{File: l.File, Line: e.Line, ID: b.ID, Severity: sev, Msg: msg})
				}
			}
			if b.Split {
				add(problem.Error, fmt.Sprintf("a word is wider than its box (%.0f mm) and is cut", mm(b.Width)))
				continue
			}
			if g, ok := german[b.ID]; ok && b.Width == g.Width && b.Lines >= 4 && b.Lines > 2*g.Lines {
				add(problem.Warning, fmt.Sprintf("too long for its box (%.0f mm): %d lines where the German takes %d", mm(b.Width), b.Lines, g.Lines))
			}
		}
	})
	return fs, err
}

// room describes the box a message is set in, for translators.
func room(b render.Box) string {
	// an average letter is about half an em wide in Noto Sans
	chars := int(b.Width / (b.Size * 0.5))
	return fmt.Sprintf("a box %.0f mm wide, about %d characters a line at %.1f pt", mm(b.Width), chars, b.Size)
}
