package optimize_test

import (
	"context"
	"fmt"
	"math"

	"github.com/fprime/fprime/optimize"
)

// f(x) = 9x^2 - 72x, as fprime's session of PRODUCT.md: min f x0=5
// eta=0.1 eps=1e-4. (float64(...) keeps a product rounded on its own, so
// that no platform fuses it with the sum and the figures are the same
// everywhere.)
func ExampleMinimize() {
	p := optimize.Problem{
		Func: func(x []float64) (float64, error) { return float64(9*x[0]*x[0]) - float64(72*x[0]), nil },
		Grad: func(g, x []float64) error { g[0] = float64(18*x[0]) - 72; return nil },
	}
	s := &optimize.Settings{Eta: 0.1, Eps: 1e-4, MaxIter: 10000}
	r, err := optimize.Minimize(context.Background(), p, []float64{5}, s, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Status, "after", r.Iterations, "iterations")
	fmt.Println("x* =", r.X[0])
	fmt.Println("f(x*) =", r.F)
	fmt.Println("f'(x*) =", r.Grad[0])
	fmt.Println(r.Diagnosis.Point)
	// Output:
	// converged after 55 iterations
	// x* = 3.9999953231947623
	// f(x*) = -143.99999999980315
	// f'(x*) = -8.418249427677438e-05
	// minimum
}

// g(x, y) = (x^2 + y - 7)^2 + (x - y + 1)^2 from (-3, -3).
func ExampleMinimize_twoVariables() {
	p := optimize.Problem{
		Func: func(v []float64) (float64, error) {
			a, b := float64(v[0]*v[0])+v[1]-7, v[0]-v[1]+1
			return float64(a*a) + float64(b*b), nil
		},
		Grad: func(g, v []float64) error {
			x, y := v[0], v[1]
			a, b := float64(x*x)+y-7, x-y+1
			g[0] = float64(4*x*a) + float64(2*b)
			g[1] = float64(2*a) - float64(2*b)
			return nil
		},
	}
	s := &optimize.Settings{Eta: 0.015, Eps: 1e-4, MaxIter: 10000}
	r, _ := optimize.Minimize(context.Background(), p, []float64{-3, -3}, s, nil)
	fmt.Println(r.Status, r.Iterations)
	fmt.Println(r.X, r.F)
	fmt.Println(r.Grad)
	// Output:
	// converged 477
	// [-3.0000146798171405 -2.0000762263959277] 3.92846838899644e-09
	// [-1.914020735807877e-05 -9.93877127495324e-05]
}

// max f x0=2.1 for f(x) = x^2 + 5sin(x)^2 + 3cos(x): gradient ascent.
func ExampleMaximize() {
	p := optimize.Problem{
		Func: func(x []float64) (float64, error) {
			s := math.Sin(x[0])
			return x[0]*x[0] + 5*s*s + 3*math.Cos(x[0]), nil
		},
		Grad: func(g, x []float64) error {
			s, c := math.Sincos(x[0])
			g[0] = 2*x[0] + 10*s*c - 3*s
			return nil
		},
	}
	s := &optimize.Settings{Eta: 0.1, Eps: 1e-10, MaxIter: 10000}
	r, _ := optimize.Maximize(context.Background(), p, []float64{2.1}, s, nil)
	fmt.Printf("%v after %d iterations at x* = %.10f, a %v\n", r.Status, r.Iterations, r.X[0], r.Diagnosis.Point)
	// Output:
	// converged after 17 iterations at x* = 1.5885592373, a maximum
}

// With η above 2/|f″(x0)| the run diverges; its Diagnosis says why, in
// numbers.
func ExampleMinimize_diverged() {
	p := optimize.Problem{
		Func: func(x []float64) (float64, error) { return 9*x[0]*x[0] - 72*x[0], nil },
		Grad: func(g, x []float64) error { g[0] = 18*x[0] - 72; return nil },
	}
	s := &optimize.Settings{Eta: 0.2, Eps: 1e-4, MaxIter: 10000}
	r, _ := optimize.Minimize(context.Background(), p, []float64{5}, s, nil)
	d := r.Diagnosis
	fmt.Println(r.Status, "after", r.Iterations, "iterations")
	fmt.Printf("eta must stay below 2/|f''(x0)| = %.4f; try %v\n", d.StableEta, d.SuggestedEta)
	fmt.Printf("from iteration %d each step was %.1f times the one before\n", d.RunawayFrom, d.Growth)
	fmt.Printf("f' changed sign in %d of the last %d iterations\n", d.Reversals, d.Window)
	// Output:
	// diverged after 241 iterations
	// eta must stay below 2/|f''(x0)| = 0.1111; try 0.05
	// from iteration 0 each step was 2.6 times the one before
	// f' changed sign in 126 of the last 126 iterations
}

// A run that runs out of iterations while still converging says how far
// it got and how far it still had to go.
func ExampleMinimize_slow() {
	p := optimize.Problem{
		Func: func(x []float64) (float64, error) { return x[0] * x[0], nil },
		Grad: func(g, x []float64) error { g[0] = 2 * x[0]; return nil },
	}
	s := &optimize.Settings{Eta: 1e-4, Eps: 1e-6, MaxIter: 1000}
	r, _ := optimize.Minimize(context.Background(), p, []float64{10}, s, nil)
	d := r.Diagnosis
	fmt.Println(r.Status, d.Slow)
	fmt.Printf("|f'| = %.4f, shrinking by %.4f an iteration: about %d more iterations\n", d.GradNorm, d.Rate, d.MoreIterations)
	// Output:
	// not_converged true
	// |f'| = 16.3743, shrinking by 0.9998 an iteration: about 83048 more iterations
}

// The same problem by three methods, reported alike.
func ExampleMethod() {
	p := optimize.Problem{
		Func: func(v []float64) (float64, error) {
			a, b := v[0]*v[0]+v[1]-7, v[0]-v[1]+1
			return a*a + b*b, nil
		},
		Grad: func(g, v []float64) error {
			x, y := v[0], v[1]
			a, b := x*x+y-7, x-y+1
			g[0] = 4*x*a + 2*b
			g[1] = 2*a - 2*b
			return nil
		},
	}
	s := &optimize.Settings{Eta: 0.01, Eps: 1e-4, MaxIter: 10000}
	for _, m := range []optimize.Method{&optimize.GradientDescent{}, &optimize.Momentum{Beta: 0.5}, &optimize.Newton{}} {
		r, _ := optimize.Minimize(context.Background(), p, []float64{-3.5, -2.5}, s, m)
		fmt.Printf("%-26T %v after %3d: (%.4f, %.4f)\n", m, r.Status, r.Iterations, r.X[0], r.X[1])
	}
	// Output:
	// *optimize.GradientDescent  converged after 678: (-3.0000, -2.0001)
	// *optimize.Momentum         converged after 328: (-3.0000, -2.0001)
	// *optimize.Newton           converged after   4: (-3.0000, -2.0000)
}

// A Trace keeps the first and last rows of a long run.
func ExampleTrace() {
	p := optimize.Problem{
		Func: func(x []float64) (float64, error) { return float64(9*x[0]*x[0]) - float64(72*x[0]), nil },
		Grad: func(g, x []float64) error { g[0] = float64(18*x[0]) - 72; return nil },
	}
	tr := optimize.NewTrace(3, 2)
	s := &optimize.Settings{Eta: 0.1, Eps: 1e-4, MaxIter: 10000, Recorder: tr}
	optimize.Minimize(context.Background(), p, []float64{5}, s, nil)
	row := func(r optimize.TraceRow) {
		fmt.Printf("k=%-3d x=%-19.16g f=%-21.17g f'=%.6g\n", r.K, r.X[0], r.F, r.Grad[0])
	}
	for _, r := range tr.Head() {
		row(r)
	}
	fmt.Printf("(%d rows left out)\n", tr.Omitted())
	for _, r := range tr.Tail() {
		row(r)
	}
	// Output:
	// k=0   x=5                   f=-135                  f'=18
	// k=1   x=3.2                 f=-138.24000000000001   f'=-14.4
	// k=2   x=4.640000000000001   f=-140.31359999999998   f'=11.52
	// (51 rows left out)
	// k=54  x=4.000005846006548   f=-143.99999999969239   f'=0.000105228
	// k=55  x=3.999995323194762   f=-143.99999999980315   f'=-8.41825e-05
}

// Every extremum of sin on [0, 10], with the ends and the global ones.
func ExampleExtrema1D() {
	f := func(x float64) (float64, error) { return math.Sin(x), nil }
	df := func(x float64) (float64, error) { return math.Cos(x), nil }
	e, err := optimize.Extrema1D(context.Background(), f, df, nil, 0, 10)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("end      %-7v at x = %v, f = %.4f\n", e.Ends[0].Kind, e.Ends[0].X, e.Ends[0].F)
	for _, p := range e.Points {
		fmt.Printf("local    %-7v at x = %.10f, f = %.4f\n", p.Kind, p.X, p.F)
	}
	fmt.Printf("end      %-7v at x = %v, f = %.4f\n", e.Ends[1].Kind, e.Ends[1].X, e.Ends[1].F)
	fmt.Printf("global minimum at x = %.10f, maximum at x = %.10f\n", e.Min.X, e.Max.X)
	// Output:
	// end      minimum at x = 0, f = 0.0000
	// local    maximum at x = 1.5707963268, f = 1.0000
	// local    minimum at x = 4.7123889804, f = -1.0000
	// local    maximum at x = 7.8539816340, f = 1.0000
	// end      minimum at x = 10, f = -0.5440
	// global minimum at x = 4.7123889804, maximum at x = 1.5707963268
}

// abs(x) has a corner at 0, where its derivative x/abs(x) is undefined.
func ExampleExtrema1D_corner() {
	f := func(x float64) (float64, error) { return math.Abs(x), nil }
	df := func(x float64) (float64, error) {
		if x == 0 {
			return 0, fmt.Errorf("0/0")
		}
		return x / math.Abs(x), nil
	}
	e, _ := optimize.Extrema1D(context.Background(), f, df, nil, -1, 2)
	for _, p := range e.Points {
		fmt.Println(p.Kind, "at", p.X, "corner:", p.Corner)
	}
	// Output:
	// minimum at 0 corner: true
}

// sqrt(x) is undefined for x < 0: the search works on [0, 1], and 0, where
// f starts being defined, is its least value.
func ExampleExtrema1D_partlyUndefined() {
	undefined := fmt.Errorf("undefined")
	f := func(x float64) (float64, error) {
		if x < 0 {
			return 0, undefined
		}
		return math.Sqrt(x), nil
	}
	df := func(x float64) (float64, error) {
		if x <= 0 {
			return 0, undefined
		}
		return 1 / (2 * math.Sqrt(x)), nil
	}
	e, _ := optimize.Extrema1D(context.Background(), f, df, nil, -1, 1)
	for _, g := range e.Undefined {
		fmt.Printf("undefined from %v (included: %v) to %v (included: %v)\n", g.Lo, g.LoIn, g.Hi, g.HiIn)
	}
	fmt.Printf("least value %v at %v (an end of where f is defined: %v)\n", e.Min.F, e.Min.X, e.Min.Edge)
	// Output:
	// undefined from -1 (included: true) to 0 (included: false)
	// least value 0 at 0 (an end of where f is defined: true)
}

func ExampleSymEigenvalues() {
	eig, _ := optimize.SymEigenvalues([]float64{
		2, -1, 0,
		-1, 2, -1,
		0, -1, 2,
	}, 3)
	fmt.Printf("%.6f\n", eig)
	// Output:
	// [0.585786 2.000000 3.414214]
}

func ExampleClassifyPoint() {
	saddle := optimize.Problem{ // x^2 - y^2
		Func: func(v []float64) (float64, error) { return v[0]*v[0] - v[1]*v[1], nil },
		Grad: func(g, v []float64) error { g[0], g[1] = 2*v[0], -2*v[1]; return nil },
	}
	kind, eig, _ := optimize.ClassifyPoint(saddle, []float64{0, 0})
	fmt.Printf("%v %.3f\n", kind, eig)
	// Output:
	// saddle [-2.000 2.000]
}
