// Package archtest holds tests of formgen's code itself, not of what it
// makes: which package may import which library, that every package says
// its job, and how long and how branched a function may be. It has no
// code of its own; run it with go test.
package archtest
