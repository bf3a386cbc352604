package session

import (
	"context"
	"testing"

	"github.com/fprime/fprime/optimize"
)

// BenchmarkRosenbrockDescent runs gradient descent on Rosenbrock's function
// from (-1.2, 1) with eta=1e-4, b.N updates: through the gradient that
// fprime differentiates and compiles, and through the same gradient written
// by hand in Go. Compare ns/op of the two.
func BenchmarkRosenbrockDescent(b *testing.B) {
	c, err := compileDef("r(x, y) = (1 - x)^2 + 100(y - x^2)^2")
	if err != nil {
		b.Fatal(err)
	}
	settings := func(n int) *optimize.Settings { return &optimize.Settings{Eta: 1e-4, Eps: 1e-300, MaxIter: n} }
	b.Run("compiled", func(b *testing.B) {
		b.ReportAllocs()
		r, err := optimize.Minimize(context.Background(), c.problem(), []float64{-1.2, 1}, settings(b.N), nil)
		if err != nil || r.Iterations != b.N {
			b.Fatal(r, err)
		}
	})
	b.Run("handwritten", func(b *testing.B) {
		x, y := -1.2, 1.0
		for i := 0; i < b.N; i++ {
			t := y - x*x
			gx, gy := -2*(1-x)-400*x*t, 200*t
			if gx != gx || gy != gy || (gx < 1e-300 && gx > -1e-300 && gy < 1e-300 && gy > -1e-300) {
				b.Fatal("stopped")
			}
			x, y = x-1e-4*gx, y-1e-4*gy
		}
		sink = x + y
	})
}

var sink float64
