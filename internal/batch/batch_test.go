package batch

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

// TestRunAll: every index runs once, on at most the workers asked for.
func TestRunAll(t *testing.T) {
	for _, c := range []struct{ n, workers int }{{0, 3}, {1, 3}, {10, 3}, {10, 0}, {5, 50}} {
		var mu sync.Mutex
		seen := map[int]int{}
		var running, most atomic.Int32
		err := Run(context.Background(), c.n, c.workers, func(i int) {
			now := running.Add(1)
			for {
				m := most.Load()
				if now <= m || most.CompareAndSwap(m, now) {
					break
				}
			}
			mu.Lock()
			seen[i]++
			mu.Unlock()
			running.Add(-1)
		})
		if err != nil {
			t.Fatalf("n=%d: %v", c.n, err)
		}
		if len(seen) != c.n {
			t.Errorf("n=%d workers=%d: %d indexes ran", c.n, c.workers, len(seen))
		}
		for i, k := range seen {
			if k != 1 || i < 0 || i >= c.n {
				t.Errorf("index %d ran %d times", i, k)
			}
		}
		if limit := int32(max(c.workers, 1)); most.Load() > limit {
			t.Errorf("n=%d workers=%d: %d ran at once", c.n, c.workers, most.Load())
		}
	}
}

// TestRunCancelled: after cancellation no new call starts, the calls
// running end, and Run reports the context's error.
func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	err := Run(ctx, 100, 2, func(i int) {
		if calls.Add(1) == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	// the feeder may hand out one index per worker while it sees the cancel
	if n := calls.Load(); n < 3 || n > 3+2 {
		t.Errorf("%d calls after cancelling at the third", n)
	}
	// on a cancelled context nothing runs: often enough that the workers
	// are already waiting when the first index is handed out
	var late atomic.Int32
	for range 2000 {
		if err := Run(ctx, 50, 8, func(int) { late.Add(1) }); !errors.Is(err, context.Canceled) {
			t.Fatalf("Run on a cancelled context: %v", err)
		}
	}
	if n := late.Load(); n > 0 {
		t.Errorf("%d calls started on a cancelled context", n)
	}
}
