//go:build race

package parser_test

// raceEnabled skips timing tests, which the race detector slows tenfold.
const raceEnabled = true
