package optimize

import (
	"context"
	"testing"
	"time"
)

// rosenbrock is f(x, y) = (1 − x)² + 100(y − x²)² with its gradient, as a
// compiled program would give them: one pass computing both. Each
// float64(...) keeps a product rounded on its own (as a compiled program
// does), so that no platform fuses it into a multiply-add and the loop by
// hand takes exactly the same steps.
func rosenbrock() Problem {
	return Problem{
		FuncGrad: func(g, v []float64) (float64, error) {
			x, y := v[0], v[1]
			a, b := 1-x, y-float64(x*x)
			g[0] = float64(-2*a) - float64(400*x*b)
			g[1] = 200 * b
			return float64(a*a) + float64(100*b*b), nil
		},
	}
}

// rosenbrockByClosure is the least any loop through the closure does: call
// it, step, nothing else (no value, convergence or divergence test).
func rosenbrockByClosure(p Problem, steps int, eta float64) []float64 {
	x, g := []float64{-1.2, 1}, make([]float64, 2)
	for k := 0; k < steps; k++ {
		p.FuncGrad(g, x)
		x[0] -= float64(eta * g[0])
		x[1] -= float64(eta * g[1])
	}
	return x
}

// rosenbrockByHand is the loop a person would write for the same descent:
// the same gradient, no checks.
func rosenbrockByHand(steps int, eta float64) (x, y float64) {
	x, y = -1.2, 1
	for k := 0; k < steps; k++ {
		a, b := 1-x, y-float64(x*x)
		gx := float64(-2*a) - float64(400*x*b)
		gy := 200 * b
		x -= float64(eta * gx)
		y -= float64(eta * gy)
	}
	return x, y
}

// BenchmarkRosenbrock runs b.N steps of gradient descent on Rosenbrock's
// function from (−1.2, 1) with η = 1e-4, through Minimize with a gradient
// closure, and reports beside its time per step that of a hand-written Go
// loop doing the same steps (go-ns/step), the ratio of the two, and the time
// of a bare loop through the same closure (closure-ns/step: the cost of
// calling a function of a slice, which any closure pays, before the
// optimizer's tests). Run it with -benchtime=10000000x for the 10^7 steps
// of the issue.
func BenchmarkRosenbrock(b *testing.B) {
	ctx := context.Background()
	p := rosenbrock()
	s := &Settings{Eta: 1e-4, Eps: 0, MaxIter: b.N}
	b.ReportAllocs()
	b.ResetTimer()
	r, err := Minimize(ctx, p, []float64{-1.2, 1}, s, nil)
	b.StopTimer()
	elapsed := b.Elapsed()
	if err != nil || r.Iterations != b.N {
		b.Fatalf("%v after %d of %d steps: %v", r.Status, r.Iterations, b.N, err)
	}
	start := time.Now()
	x, y := rosenbrockByHand(b.N, 1e-4)
	byHand := time.Since(start)
	if x != r.X[0] || y != r.X[1] {
		b.Fatalf("Minimize reached (%v, %v), the loop by hand (%v, %v)", r.X[0], r.X[1], x, y)
	}
	start = time.Now()
	bare := rosenbrockByClosure(p, b.N, 1e-4)
	byClosure := time.Since(start)
	if bare[0] != x || bare[1] != y {
		b.Fatalf("the bare loop reached %v, the loop by hand (%v, %v)", bare, x, y)
	}
	b.ReportMetric(float64(byClosure.Nanoseconds())/float64(b.N), "closure-ns/step")
	b.ReportMetric(float64(byHand.Nanoseconds())/float64(b.N), "go-ns/step")
	b.ReportMetric(float64(elapsed)/float64(byHand), "ratio")
}
