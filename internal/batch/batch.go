// Package batch runs many independent jobs on a bounded number of
// goroutines; it is the only package of formgen that starts goroutines.
package batch

import (
	"context"
	"sync"
)

// Run calls fn for each index 0..n-1 on at most workers goroutines and
// returns when all calls have returned. After ctx is cancelled no new call
// starts; Run then reports ctx's error.
func Run(ctx context.Context, n, workers int, fn func(i int)) error {
	if workers < 1 {
		workers = 1
	}
	workers = min(workers, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	var err error
feed:
	for i := range n {
		// select picks at random among ready cases: look at ctx first,
		// or a cancelled run could still start calls
		if ctx.Err() != nil {
			err = ctx.Err()
			break
		}
		select {
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		case next <- i:
		}
	}
	close(next)
	wg.Wait()
	return err
}
