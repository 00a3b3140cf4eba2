package build

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"formgen/internal/problem"
)

// TestWriteSummary: the summary line counts what a run did, names only
// what happened, and points at --prune when PDFs were kept.
func TestWriteSummary(t *testing.T) {
	for _, tc := range []struct {
		name   string
		sum    Summary
		failed int
		want   string
	}{
		{"all", Summary{Total: 3, Written: 2, Unchanged: 1}, 0,
			"formgen: 3 PDFs in out: 2 written, 1 unchanged, 0 failed (1.5s)\n"},
		{"interrupted", Summary{Total: 5, Written: 1, Remade: 1, Failed: []error{errors.New("x")}}, 2,
			"formgen: 3 of 5 PDFs in out: 1 written, 1 remade with the same bytes, 0 unchanged, 2 failed (1.5s)\n"},
		{"pruned and kept", Summary{Total: 1, Unchanged: 1, Pruned: []string{"a"}, Kept: []string{"b", "c"}}, 0,
			"formgen: 1 PDFs in out: 0 written, 1 unchanged, 0 failed, 1 removed (1.5s)\n" +
				"formgen: 2 PDFs of forms, templates or locales that no longer exist are still in out (--prune removes them)\n"},
	} {
		var b strings.Builder
		tc.sum.Elapsed = 1500 * time.Millisecond
		tc.sum.WriteSummary(&b, "out", "PDFs", tc.failed)
		if b.String() != tc.want {
			t.Errorf("%s: WriteSummary = %q, want %q", tc.name, b.String(), tc.want)
		}
	}
}

// TestLacking: the messages each document lacked, by document path and
// sorted.
func TestLacking(t *testing.T) {
	s := Summary{Missing: map[string][]string{"uk/b.pdf": {"z", "a"}, "ar/c.pdf": {"m"}}}
	want := []Lacking{{"ar", "c", []string{"m"}}, {"uk", "b", []string{"a", "z"}}}
	if got := s.Lacking(); !reflect.DeepEqual(got, want) {
		t.Errorf("Lacking() = %v, want %v", got, want)
	}
}

// TestFailures: the inputs' problems first, then documents left out,
// those that failed, and the run's own error last.
func TestFailures(t *testing.T) {
	b := &Batch{Problems: problem.Problems{{File: "forms/a.toml", Msg: "bad"}}, Left: []error{errors.New("left")}}
	sum := &Summary{Failed: []error{errors.New("failed")}}
	var got []string
	for _, err := range b.Failures(sum, errors.New("manifest")) {
		got = append(got, err.Error())
	}
	want := []string{"forms/a.toml: bad", "left", "failed", "manifest"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Failures = %q, want %q", got, want)
	}
	if n := len(b.Failures(sum, nil)); n != 3 {
		t.Errorf("Failures without a run error: %d, want 3", n)
	}
}

// TestMeter: off a terminal the last document of a run is always shown,
// as a line with the rate.
func TestMeter(t *testing.T) {
	var b strings.Builder
	m := NewMeter(&b)
	m.Report(Progress{Done: 4, Total: 4, Path: "uk/a.pdf", Elapsed: 2 * time.Second})
	m.End()
	if want := "formgen: 4/4 PDFs, 2 PDF/s, last uk/a.pdf\n"; b.String() != want {
		t.Errorf("meter wrote %q, want %q", b.String(), want)
	}
}
