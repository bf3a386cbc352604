package symbolic

import (
	"math/rand"
	"slices"
	"testing"
)

// TestMonotoneDegrees checks the shortcut of sortTerms for terms whose
// degrees fall or rise against the full sort, on random terms in random
// orders, monotone or not.
func TestMonotoneDegrees(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	x, y := Sym("x"), Sym("y")
	term := func() Expr {
		var fs []Expr
		if r.Intn(3) > 0 {
			fs = append(fs, Int(int64(r.Intn(9)-4)))
		}
		if r.Intn(4) > 0 {
			fs = append(fs, Pow(x, Frac(int64(r.Intn(13)-4), int64(1+r.Intn(2)))))
		}
		if r.Intn(3) == 0 {
			fs = append(fs, Pow(y, Int(int64(r.Intn(5)))))
		}
		if r.Intn(5) == 0 {
			fs = append(fs, Apply(fnSin, x))
		}
		return Mul(append(fs, one)...)
	}
	for range 5000 {
		var terms []Expr
		for range 2 + r.Intn(8) {
			if e := term(); !isZero(e) {
				if _, ok := e.(*Num); !ok {
					terms = append(terms, e)
				}
			}
		}
		switch r.Intn(3) {
		case 0:
			slices.SortFunc(terms, func(a, b Expr) int { return compareFloats(degree(a), degree(b)) })
		case 1:
			slices.SortFunc(terms, func(a, b Expr) int { return compareFloats(degree(b), degree(a)) })
		}
		got, want := slices.Clone(terms), slices.Clone(terms)
		sortTerms(got)
		sortTermsByKey(want)
		if !slices.EqualFunc(got, want, Equal) {
			t.Fatalf("sortTerms(%v) = %v, want %v", terms, got, want)
		}
	}
}

func compareFloats(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
