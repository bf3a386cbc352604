package optimize

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// oneVar makes a Problem of one variable from f and f'.
func oneVar(f, df func(x float64) float64) Problem {
	return Problem{
		Func: func(x []float64) (float64, error) { return f(x[0]), nil },
		Grad: func(g, x []float64) error { g[0] = df(x[0]); return nil },
	}
}

// The functions of PRODUCT.md and issue 5, with derivatives written by
// hand. A float64(...) around a product keeps it rounded on its own, as a
// compiled program computes it, so that no platform fuses it with the sum.
var (
	quadratic = oneVar( // 9x^2 - 72x
		func(x float64) float64 { return float64(9*x*x) - float64(72*x) },
		func(x float64) float64 { return float64(18*x) - 72 })
	sinBowl = oneVar( // x^2 + 5sin(x)
		func(x float64) float64 { return float64(x*x) + float64(5*math.Sin(x)) },
		func(x float64) float64 { return float64(2*x) + float64(5*math.Cos(x)) })
	sinHill = oneVar( // x^2 + 5sin(x)^2 + 3cos(x)
		func(x float64) float64 {
			s := math.Sin(x)
			return float64(x*x) + float64(5*s*s) + float64(3*math.Cos(x))
		},
		func(x float64) float64 {
			s, c := math.Sincos(x)
			return float64(2*x) + float64(10*s*c) - float64(3*s)
		})
	// g(x, y) = (x^2 + y - 7)^2 + (x - y + 1)^2
	twoVar = Problem{
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
)

func relClose(got, want, tol float64) bool {
	return got == want || math.Abs(got-want) <= tol*math.Abs(want)
}

// TestRuns checks every run of PRODUCT.md and issue 5: iteration counts
// exactly, figures to 1e-12 relative where they are given in full.
func TestRuns(t *testing.T) {
	tests := []struct {
		name     string
		p        Problem
		max      bool
		x0       []float64
		eta, eps float64
		iters    int
		x        []float64 // to 1e-12 relative when f and grad are given too,
		xtol     float64   // else to xtol
		f        float64
		grad     []float64
		point    PointKind
	}{
		{name: "9x^2-72x from 5", p: quadratic, x0: []float64{5}, eta: 0.1, eps: 1e-4, iters: 55,
			x: []float64{3.9999953231947623}, f: -143.99999999980315, grad: []float64{-8.418249427677438e-05}, point: Minimum},
		{name: "x^2+5sin(x) from 5", p: sinBowl, x0: []float64{5}, eta: 0.1, eps: 1e-10, iters: 45,
			x: []float64{-1.1105105035}, xtol: 1e-10, point: Minimum},
		{name: "x^2+5sin(x) from -5", p: sinBowl, x0: []float64{-5}, eta: 0.1, eps: 1e-10, iters: 27,
			x: []float64{-1.1105105035}, xtol: 1e-10, point: Minimum},
		{name: "max x^2+5sin(x)^2+3cos(x) from 2.1", p: sinHill, max: true, x0: []float64{2.1}, eta: 0.1, eps: 1e-10, iters: 17,
			x: []float64{1.5885592373}, xtol: 1e-10, point: Maximum},
		{name: "max x^2+5sin(x)^2+3cos(x) from 0.2", p: sinHill, max: true, x0: []float64{0.2}, eta: 0.1, eps: 1e-10, iters: 19,
			x: []float64{1.5885592373}, xtol: 1e-10, point: Maximum},
		// |f'(0.5)| = 1 is not below eps = 1: one update, to 0.4 where
		// |f'| = 0.8 is. A test of ≤ instead of < would stop at x0.
		{name: "x^2 from 0.5 with eps exactly |f'(x0)|", p: oneVar(
			func(x float64) float64 { return x * x },
			func(x float64) float64 { return 2 * x }), x0: []float64{0.5}, eta: 0.1, eps: 1, iters: 1,
			x: []float64{0.4}, f: float64(0.4 * 0.4), grad: []float64{0.8}, point: Minimum},
		{name: "g from (0,0)", p: twoVar, x0: []float64{0, 0}, eta: 0.01, eps: 1e-4, iters: 865,
			x: []float64{-3, -2}, xtol: 1e-4, point: Minimum},
		{name: "g from (-3,-3)", p: twoVar, x0: []float64{-3, -3}, eta: 0.015, eps: 1e-4, iters: 477,
			x: []float64{-3.0000146798171405, -2.0000762263959277}, f: 3.92846838899644e-09,
			grad: []float64{-1.914020735807877e-05, -9.93877127495324e-05}, point: Minimum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := Minimize
			if tt.max {
				run = Maximize
			}
			s := &Settings{Eta: tt.eta, Eps: tt.eps, MaxIter: 10000}
			r, err := run(context.Background(), tt.p, tt.x0, s, nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != Converged || r.Iterations != tt.iters {
				t.Fatalf("%v after %d iterations, want converged after %d", r.Status, r.Iterations, tt.iters)
			}
			exact := tt.grad != nil
			for i, want := range tt.x {
				if exact && !relClose(r.X[i], want, 1e-12) || !exact && !(math.Abs(r.X[i]-want) <= tt.xtol) {
					t.Errorf("x*[%d] = %v, want %v", i, r.X[i], want)
				}
			}
			if exact {
				if !relClose(r.F, tt.f, 1e-12) {
					t.Errorf("f(x*) = %v, want %v", r.F, tt.f)
				}
				for i, want := range tt.grad {
					if !relClose(r.Grad[i], want, 1e-12) {
						t.Errorf("grad[%d] = %v, want %v", i, r.Grad[i], want)
					}
				}
			}
			for _, g := range r.Grad {
				if !(math.Abs(g) < tt.eps) {
					t.Errorf("converged with a partial %v not below %v", g, tt.eps)
				}
			}
			if r.Diagnosis.Point != tt.point {
				t.Errorf("point %v, want %v (eigenvalues %v)", r.Diagnosis.Point, tt.point, r.Diagnosis.Eigenvalues)
			}
			if r.Diagnosis.Oscillating || r.Diagnosis.Slow || r.Diagnosis.RunawayFrom != -1 {
				t.Errorf("a converged run diagnosed %+v", r.Diagnosis)
			}
		})
	}
}

// TestFuncGradSameRun checks that a combined FuncGrad gives the very same
// run as Func and Grad.
func TestFuncGradSameRun(t *testing.T) {
	s := &Settings{Eta: 0.015, Eps: 1e-4, MaxIter: 10000}
	a, _ := Minimize(context.Background(), twoVar, []float64{-3, -3}, s, nil)
	combined := Problem{FuncGrad: func(g, x []float64) (float64, error) {
		if err := twoVar.Grad(g, x); err != nil {
			return 0, err
		}
		return twoVar.Func(x)
	}}
	b, err := Minimize(context.Background(), combined, []float64{-3, -3}, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Iterations != b.Iterations || a.X[0] != b.X[0] || a.X[1] != b.X[1] || a.F != b.F {
		t.Errorf("Func+Grad: %d %v %v; FuncGrad: %d %v %v", a.Iterations, a.X, a.F, b.Iterations, b.X, b.F)
	}
}

func TestMaxIterZeroReportsX0(t *testing.T) {
	r, err := Minimize(context.Background(), quadratic, []float64{5}, &Settings{Eta: 0.1, Eps: 1e-4}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != NotConverged || r.Iterations != 0 || r.X[0] != 5 || r.F != -135 || r.Grad[0] != 18 {
		t.Errorf("got %v after %d: x %v f %v grad %v", r.Status, r.Iterations, r.X, r.F, r.Grad)
	}
	// At a critical point x0 converges before any update, maxiter or not.
	r, _ = Minimize(context.Background(), quadratic, []float64{4}, &Settings{Eta: 0.1, Eps: 1e-4}, nil)
	if r.Status != Converged || r.Iterations != 0 || r.X[0] != 4 {
		t.Errorf("from the minimum: %v after %d at %v", r.Status, r.Iterations, r.X)
	}
}

func TestMaxIterReached(t *testing.T) {
	r, _ := Minimize(context.Background(), quadratic, []float64{5}, &Settings{Eta: 0.1, Eps: 1e-4, MaxIter: 54}, nil)
	if r.Status != NotConverged || r.Iterations != 54 {
		t.Errorf("%v after %d, want not_converged after 54", r.Status, r.Iterations)
	}
	r, _ = Minimize(context.Background(), quadratic, []float64{5}, &Settings{Eta: 0.1, Eps: 1e-4, MaxIter: 55}, nil)
	if r.Status != Converged || r.Iterations != 55 {
		t.Errorf("%v after %d, want converged after 55", r.Status, r.Iterations)
	}
}

// TestDivergedAtX0 checks that x0 itself is tested: out of bounds, not a
// number, or where the function is not defined.
func TestDivergedAtX0(t *testing.T) {
	errDomain := errors.New("ln of a negative number")
	ln := Problem{
		Func: func(x []float64) (float64, error) {
			if x[0] <= 0 {
				return 0, errDomain
			}
			return math.Log(x[0]), nil
		},
		Grad: func(g, x []float64) error { g[0] = 1 / x[0]; return nil },
	}
	tests := []struct {
		name  string
		p     Problem
		x0    float64
		cause error
		f     float64 // NaN: not evaluated
	}{
		{"beyond the bound", quadratic, 1e101, nil, float64(9e101*1e101) - 72e101},
		{"NaN", quadratic, math.NaN(), nil, math.NaN()},
		{"infinite", quadratic, math.Inf(-1), nil, math.NaN()},
		{"domain error", ln, -1, errDomain, math.NaN()},
		{"infinite value", oneVar(func(x float64) float64 { return math.Inf(1) }, func(float64) float64 { return 0 }), 0, nil, math.Inf(1)},
		{"infinite slope", oneVar(math.Sqrt, func(x float64) float64 { return 0.5 / math.Sqrt(x) }), 0, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Minimize(context.Background(), tt.p, []float64{tt.x0}, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != Diverged || r.Iterations != 0 || !errors.Is(r.Cause, tt.cause) || tt.cause == nil && r.Cause != nil {
				t.Fatalf("%v after %d, cause %v", r.Status, r.Iterations, r.Cause)
			}
			if !(r.X[0] == tt.x0 || math.IsNaN(tt.x0) && math.IsNaN(r.X[0])) {
				t.Errorf("x = %v, want x0 %v", r.X[0], tt.x0)
			}
			if !(r.F == tt.f || math.IsNaN(tt.f) && math.IsNaN(r.F)) {
				t.Errorf("f = %v, want %v", r.F, tt.f)
			}
		})
	}
}

// TestDivergence: 9x^2 - 72x with η = 0.2 > 2/18 runs away from the
// first update, each step 2.6 times the one before, reversing each time.
func TestDivergence(t *testing.T) {
	var last Location
	s := &Settings{Eta: 0.2, Eps: 1e-4, MaxIter: 10000, Recorder: RecorderFunc(func(l *Location) {
		last = Location{K: l.K, X: append([]float64(nil), l.X...), F: l.F}
	})}
	r, err := Minimize(context.Background(), quadratic, []float64{5}, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != Diverged || r.Cause != nil {
		t.Fatalf("%v, cause %v", r.Status, r.Cause)
	}
	// x_k − 4 = (−2.6)^k: |x_k| passes 1e100 at k = 241.
	if r.Iterations != 241 || !r.PastBound {
		t.Errorf("diverged after %d updates, past the bound %v; want 241, true", r.Iterations, r.PastBound)
	}
	if !(math.Abs(r.X[0]) <= Bound) || math.IsInf(r.F, 0) || math.IsInf(r.Grad[0], 0) {
		t.Errorf("the result is not the last finite state: x %v f %v grad %v", r.X, r.F, r.Grad)
	}
	// Past the bound, with f there where it has a value: 9x^2 - 72x.
	if lx := last.X[0]; last.K != r.Iterations || !(math.Abs(lx) > Bound) || last.F != float64(9*lx*lx)-float64(72*lx) {
		t.Errorf("the recorder's last iterate: %+v", last)
	}
	d := r.Diagnosis
	if !relClose(d.Curvature, 18, 1e-8) || !relClose(d.StableEta, 1.0/9, 1e-8) || d.SuggestedEta != 0.05 {
		t.Errorf("curvature %v, stable η %v, suggested η %v; want 18, 1/9, 0.05", d.Curvature, d.StableEta, d.SuggestedEta)
	}
	if d.RunawayFrom != 0 || !relClose(d.Growth, 2.6, 1e-9) {
		t.Errorf("runaway from %d by %v, want from 0 by 2.6", d.RunawayFrom, d.Growth)
	}
	if !d.Oscillating || d.Reversals != d.Window || d.Slow || d.MoreIterations != -1 {
		t.Errorf("diagnosis %+v", d)
	}
}

// TestDivergenceTwoVariables: g from (−3, −3) with η = 0.1. The Hessian
// there is [[70, −14], [−14, 4]], with eigenvalues 37 ± √1285: η must stay
// below 2/(37 + √1285) ≈ 0.02745, by the exact Hessian or by differences.
func TestDivergenceTwoVariables(t *testing.T) {
	exact := twoVar
	exact.Hess = func(h, v []float64) error {
		x, y := v[0], v[1]
		h[0] = 12*x*x + 4*y - 26
		h[1], h[2] = 4*x-2, 4*x-2
		h[3] = 4
		return nil
	}
	lmax := 37 + math.Sqrt(1285)
	for _, p := range []Problem{twoVar, exact} {
		r, err := Minimize(context.Background(), p, []float64{-3, -3}, &Settings{Eta: 0.1, Eps: 1e-4, MaxIter: 10000}, nil)
		if err != nil {
			t.Fatal(err)
		}
		d := r.Diagnosis
		if r.Status != Diverged || !relClose(d.Curvature, lmax, 1e-7) || !relClose(d.StableEta, 2/lmax, 1e-7) || d.SuggestedEta != 0.01 {
			t.Errorf("Hess %v: %v after %d, curvature %v, stable η %v, suggested %v; want λmax %v",
				p.Hess != nil, r.Status, r.Iterations, d.Curvature, d.StableEta, d.SuggestedEta, lmax)
		}
		if !finite(r.X) || !inBound(r.X) || !finite(r.Grad) || math.IsInf(r.F, 0) {
			t.Errorf("not the last finite state: %v %v %v", r.X, r.F, r.Grad)
		}
	}
}

// TestCurvatureTheRunsWay: only curvature the way the run goes bounds η.
// Minimizing −x^2 runs off whatever η (no bound); maximizing it, η must
// stay below 2/2; for the saddle x^2 − y^2 the x direction bounds a
// minimization and the y direction a maximization.
func TestCurvatureTheRunsWay(t *testing.T) {
	hill := oneVar(func(x float64) float64 { return -x * x }, func(x float64) float64 { return -2 * x })
	saddle := Problem{
		Func: func(x []float64) (float64, error) { return x[0]*x[0] - 3*x[1]*x[1], nil },
		Grad: func(g, x []float64) error { g[0], g[1] = 2*x[0], -6*x[1]; return nil },
	}
	for _, c := range []struct {
		name   string
		p      Problem
		x0     []float64
		max    bool
		stable float64
	}{
		{"min -x^2", hill, []float64{1}, false, math.Inf(1)},
		{"max -x^2", hill, []float64{1}, true, 1},
		{"min x^2 - 3y^2", saddle, []float64{1, 1}, false, 1},
		{"max x^2 - 3y^2", saddle, []float64{1, 1}, true, 1.0 / 3},
	} {
		solve := Minimize
		if c.max {
			solve = Maximize
		}
		r, err := solve(context.Background(), c.p, c.x0, &Settings{Eta: 0.1, Eps: 1e-6, MaxIter: 5}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Diagnosis.StableEta; !(got == c.stable || !math.IsInf(c.stable, 0) && relClose(got, c.stable, 1e-6)) {
			t.Errorf("%s: stable η %v, want %v", c.name, got, c.stable)
		}
	}
}

// TestRunawayLate: minimizing x^3 (unbounded below) from 1 with η = 0.5,
// the second step is shorter than the first, and from then on each step
// is longer than the one before: the diagnosis says the run ran away from
// iterate 1.
func TestRunawayLate(t *testing.T) {
	cube := oneVar(func(x float64) float64 { return x * x * x }, func(x float64) float64 { return 3 * x * x })
	r, err := Minimize(context.Background(), cube, []float64{1}, &Settings{Eta: 0.5, Eps: 1e-8, MaxIter: 1000}, nil)
	if err != nil {
		t.Fatal(err)
	}
	xs := []float64{1}
	for x := 1.0; math.Abs(x) <= Bound; {
		x -= float64(0.5 * 3 * x * x)
		xs = append(xs, x)
	}
	if r.Status != Diverged || r.Iterations != len(xs)-1 || r.X[0] != xs[len(xs)-2] {
		t.Fatalf("%v after %d at %v; by hand %v", r.Status, r.Iterations, r.X, xs)
	}
	// The first iterate from which every step (before the last, which
	// leaves the bound) is longer than the one before.
	from := 0
	for k := 1; k+1 < len(xs)-1; k++ {
		if math.Abs(xs[k+1]-xs[k]) <= math.Abs(xs[k]-xs[k-1]) {
			from = k
		}
	}
	if from != 1 || r.Diagnosis.RunawayFrom != from || !(r.Diagnosis.Growth > 2) {
		t.Errorf("runaway from %d by %v, want from %d (iterates %v)", r.Diagnosis.RunawayFrom, r.Diagnosis.Growth, from, xs)
	}
}

// TestDomainErrorDiverges: minimizing sqrt(x) walks to x < 0, where the
// function is not defined: the run is Diverged with the error as Cause,
// and its result is the last point where it was defined.
func TestDomainErrorDiverges(t *testing.T) {
	errDomain := errors.New("sqrt of a negative number")
	p := Problem{
		Func: func(x []float64) (float64, error) {
			if x[0] < 0 {
				return 0, errDomain
			}
			return math.Sqrt(x[0]), nil
		},
		Grad: func(g, x []float64) error {
			if x[0] <= 0 {
				return errDomain
			}
			g[0] = 0.5 / math.Sqrt(x[0])
			return nil
		},
	}
	r, err := Minimize(context.Background(), p, []float64{1}, &Settings{Eta: 0.5, Eps: 1e-6, MaxIter: 100}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != Diverged || !errors.Is(r.Cause, errDomain) {
		t.Fatalf("%v with cause %v", r.Status, r.Cause)
	}
	if !(r.X[0] > 0) || r.F != math.Sqrt(r.X[0]) || r.Iterations == 0 {
		t.Errorf("last state x %v f %v after %d", r.X, r.F, r.Iterations)
	}
	// A gradient that is not finite is the same: 1/x at 0.
	q := oneVar(func(x float64) float64 { return math.Log(math.Abs(x)) }, func(x float64) float64 { return 1 / x })
	r, _ = Maximize(context.Background(), q, []float64{0}, nil, nil)
	if r.Status != Diverged || r.Cause != nil {
		t.Errorf("1/x at 0: %v, cause %v", r.Status, r.Cause)
	}
}

// TestOscillation: x^2 with η = 1 jumps between 1 and −1 for ever.
func TestOscillation(t *testing.T) {
	p := oneVar(func(x float64) float64 { return x * x }, func(x float64) float64 { return 2 * x })
	r, _ := Minimize(context.Background(), p, []float64{1}, &Settings{Eta: 1, Eps: 1e-6, MaxIter: 100}, nil)
	if r.Status != NotConverged || r.Iterations != 100 || r.X[0] != 1 {
		t.Fatalf("%v after %d at %v", r.Status, r.Iterations, r.X)
	}
	d := r.Diagnosis
	if !d.Oscillating || d.OscillationFactor != 1 || d.Reversals != d.Window || d.Window != 100 {
		t.Errorf("oscillation: %+v", d)
	}
	if d.StableEta != 1 || d.SuggestedEta != 0.5 || d.Slow || d.MoreIterations != -1 {
		t.Errorf("advice: %+v", d)
	}

	// x^2 + 5sin(x) with η = 0.4, above 2/f''(x*) ≈ 0.31 near the
	// minimum: the run settles into a cycle around it instead.
	r, _ = Minimize(context.Background(), sinBowl, []float64{5}, &Settings{Eta: 0.4, Eps: 1e-10, MaxIter: 1000}, nil)
	if r.Status != NotConverged || !r.Diagnosis.Oscillating || r.Diagnosis.Slow {
		t.Errorf("x^2+5sin(x), η = 0.4: %v, %+v", r.Status, r.Diagnosis)
	}

	// A converging run that overshoots each time (factor −0.8) is not
	// oscillating in this sense.
	r, _ = Minimize(context.Background(), quadratic, []float64{5}, &Settings{Eta: 0.1, Eps: 1e-4, MaxIter: 30}, nil)
	if r.Diagnosis.Oscillating || !r.Diagnosis.Slow || r.Diagnosis.Reversals != 30 {
		t.Errorf("9x^2-72x stopped at 30: %+v", r.Diagnosis)
	}
	if r.Diagnosis.MoreIterations != 25 || !relClose(r.Diagnosis.Rate, 0.8, 1e-9) {
		t.Errorf("9x^2-72x stopped at 30: %d more at rate %v, want 25 at 0.8", r.Diagnosis.MoreIterations, r.Diagnosis.Rate)
	}
}

// TestSlow: x^2 from 10 with η = 1e-4 shrinks f' by 0.9998 an update;
// stopped at 1000, it still needs about 83,000.
func TestSlow(t *testing.T) {
	p := oneVar(func(x float64) float64 { return x * x }, func(x float64) float64 { return 2 * x })
	s := &Settings{Eta: 1e-4, Eps: 1e-6, MaxIter: 1000}
	r, _ := Minimize(context.Background(), p, []float64{10}, s, nil)
	d := r.Diagnosis
	if r.Status != NotConverged || !d.Slow || d.Oscillating || d.Reversals != 0 {
		t.Fatalf("%v: %+v", r.Status, d)
	}
	if !relClose(d.Rate, 0.9998, 1e-9) || !relClose(d.GradNorm, 20*math.Pow(0.9998, 1000), 1e-9) || d.GradMax != d.GradNorm {
		t.Errorf("rate %v, gradient norm %v", d.Rate, d.GradNorm)
	}
	s.MaxIter = 1000000
	full, _ := Minimize(context.Background(), p, []float64{10}, s, nil)
	if full.Status != Converged || math.Abs(float64(full.Iterations-1000-d.MoreIterations)) > 1 {
		t.Errorf("estimated %d more, the full run took %d more", d.MoreIterations, full.Iterations-1000)
	}
}

// TestSlowing: x^4 converges more slowly than linearly, so the rate of
// the window, extrapolated, undercounts what is left: the estimate, at
// the later rate, is a least count, and it holds. x is still 1.2 here.
func TestSlowing(t *testing.T) {
	p := oneVar(func(x float64) float64 { return x * x * x * x }, func(x float64) float64 { return 4 * x * x * x })
	for _, stop := range []int{20, 100, 1000} {
		s := &Settings{Eta: 0.3, Eps: 1e-6, MaxIter: stop}
		r, _ := Minimize(context.Background(), p, []float64{1.2}, s, nil)
		d := r.Diagnosis
		if !d.Slow || !d.Slowing || d.MoreIterations <= 0 {
			t.Fatalf("x^4 stopped at %d: %+v", stop, d)
		}
		s.MaxIter = 1000000
		full, _ := Minimize(context.Background(), p, []float64{1.2}, s, nil)
		if full.Status != Converged || full.Iterations-stop < d.MoreIterations {
			t.Errorf("x^4 stopped at %d: at least %d more, the full run took %d more", stop, d.MoreIterations, full.Iterations-stop)
		}
	}
	// Three updates are too few for an estimate: the run takes 31,489.
	r3, _ := Minimize(context.Background(), p, []float64{1}, &Settings{Eta: 0.1, Eps: 1e-6, MaxIter: 3}, nil)
	if r3.Diagnosis.MoreIterations != -1 {
		t.Errorf("x^4 from 1 stopped at 3: %d more", r3.Diagnosis.MoreIterations)
	}
	// A linear rate is no slowing: 9x^2 - 72x from 5 with eta = 0.01,
	// stopped early or late (past the long baseline's first mark).
	q := oneVar(func(x float64) float64 { return 9*x*x - 72*x }, func(x float64) float64 { return 18*x - 72 })
	for _, c := range []struct {
		eta  float64
		stop int
	}{{0.01, 50}, {0.0001, 5000}} {
		r, _ := Minimize(context.Background(), q, []float64{5}, &Settings{Eta: c.eta, Eps: 1e-12, MaxIter: c.stop}, nil)
		if !r.Diagnosis.Slow || r.Diagnosis.Slowing {
			t.Errorf("9x^2 - 72x, eta %v, stopped at %d: %+v", c.eta, c.stop, r.Diagnosis)
		}
	}
	// Slowing too gradually for any window of 126 to show: atan(x) from 0
	// with eta = 1 runs off towards -infinity, f' = 1/(1 + x^2) falling
	// as k^(-2/3); stopped at 100,000 it needs 333,233,827 more, and the
	// window's rate says 810,542: a least count.
	at := oneVar(math.Atan, func(x float64) float64 { return 1 / (1 + x*x) })
	r, _ := Minimize(context.Background(), at, []float64{0}, &Settings{Eta: 1, Eps: 1e-6, MaxIter: 100000}, nil)
	if d := r.Diagnosis; !d.Slow || !d.Slowing || d.MoreIterations <= 0 || d.MoreIterations > 333233827 {
		t.Errorf("atan stopped at 100,000: %+v", d)
	}
}

// TestNotSlowWhenGrowing: a gradient that grows back over the window is no
// descent, though it is smaller than where the window began: (x^2 - 1)^2
// from 0.577 with eta = 0.3, stopped at 6 (|f'|: 1.54, 0.33, 0.44, 0.63,
// 0.79, 1.11, 1.21).
func TestNotSlowWhenGrowing(t *testing.T) {
	p := oneVar(func(x float64) float64 { return (x*x - 1) * (x*x - 1) }, func(x float64) float64 { return 4 * x * (x*x - 1) })
	r, _ := Minimize(context.Background(), p, []float64{0.577}, &Settings{Eta: 0.3, Eps: 1e-6, MaxIter: 6}, nil)
	if r.Diagnosis.Slow {
		t.Errorf("(x^2 - 1)^2 stopped at 6 is said to be still descending: %+v", r.Diagnosis)
	}
}

// TestInterrupt: a cancelled context stops a run of up to 10^9 updates
// soon (the bound is loose, for a loaded machine: the whole run would take
// ten seconds or more) and reports the state it reached.
func TestInterrupt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Settings{Eta: 1e-4, Eps: 0, MaxIter: 1000000000}
	var cancelled time.Time
	go func() {
		time.Sleep(50 * time.Millisecond)
		cancelled = time.Now()
		cancel()
	}()
	r, err := Minimize(ctx, rosenbrock(), []float64{-1.2, 1}, s, nil)
	stopped := time.Now()
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != Interrupted || r.Iterations == 0 || r.Iterations >= s.MaxIter {
		t.Fatalf("%v after %d", r.Status, r.Iterations)
	}
	if d := stopped.Sub(cancelled); d > 2*time.Second {
		t.Errorf("stopped %v after the cancel", d)
	}
	x, y := rosenbrockByHand(r.Iterations, 1e-4)
	if r.X[0] != x || r.X[1] != y {
		t.Errorf("interrupted at %v after %d updates, but those updates reach (%v, %v)", r.X, r.Iterations, x, y)
	}
	if r.Diagnosis.MoreIterations != -1 {
		// ε = 0 cannot be reached: no estimate.
		t.Errorf("diagnosis %+v", r.Diagnosis)
	}
	if Interrupted.String() != "interrupted" {
		t.Error(Interrupted.String())
	}
}

func TestStatusString(t *testing.T) {
	for s, want := range map[Status]string{Converged: "converged", NotConverged: "not_converged", Diverged: "diverged", Interrupted: "interrupted", 0: "Status(0)"} {
		if s.String() != want {
			t.Errorf("%d: %q, want %q", int(s), s.String(), want)
		}
	}
	for k, want := range map[PointKind]string{Minimum: "minimum", Maximum: "maximum", Saddle: "saddle", Undecided: "inconclusive", Inflection: "inflection"} {
		if k.String() != want {
			t.Errorf("%q, want %q", k.String(), want)
		}
	}
}

func TestBadSettings(t *testing.T) {
	ctx := context.Background()
	for _, s := range []Settings{
		{Eta: 0, Eps: 1e-6, MaxIter: 10},
		{Eta: -0.1, Eps: 1e-6, MaxIter: 10},
		{Eta: math.NaN(), Eps: 1e-6, MaxIter: 10},
		{Eta: math.Inf(1), Eps: 1e-6, MaxIter: 10},
		{Eta: 0.1, Eps: -1, MaxIter: 10},
		{Eta: 0.1, Eps: math.NaN(), MaxIter: 10},
		{Eta: 0.1, Eps: 1e-6, MaxIter: -1},
	} {
		if _, err := Minimize(ctx, quadratic, []float64{5}, &s, nil); err == nil {
			t.Errorf("%+v: no error", s)
		}
	}
	if _, err := Minimize(ctx, quadratic, nil, nil, nil); err == nil {
		t.Error("no x0: no error")
	}
	if _, err := Minimize(ctx, Problem{Func: quadratic.Func}, []float64{1}, nil, nil); err == nil {
		t.Error("no gradient: no error")
	}
	if _, err := Minimize(ctx, quadratic, []float64{1}, nil, &Momentum{Beta: 1}); err == nil {
		t.Error("beta 1: no error")
	}
	if _, err := Minimize(ctx, quadratic, []float64{1}, nil, &Newton{Damping: 2}); err == nil {
		t.Error("damping 2: no error")
	}
	// Eps 0 is allowed: the run cannot converge.
	r, err := Minimize(ctx, quadratic, []float64{5}, &Settings{Eta: 0.1, MaxIter: 200}, nil)
	if err != nil || r.Status != NotConverged {
		t.Errorf("eps 0: %v %v", r.Status, err)
	}
}

func TestDefaultSettings(t *testing.T) {
	if s := DefaultSettings(); s.Eta != 0.1 || s.Eps != 1e-6 || s.MaxIter != 10000 || s.Recorder != nil {
		t.Errorf("%+v", s)
	}
	// nil settings are the defaults: 9x^2 - 72x from 0 with η 0.1, ε 1e-6.
	a, _ := Minimize(context.Background(), quadratic, []float64{0}, nil, nil)
	d := DefaultSettings()
	b, _ := Minimize(context.Background(), quadratic, []float64{0}, &d, nil)
	if a.Iterations != b.Iterations || a.X[0] != b.X[0] || a.Status != Converged {
		t.Errorf("nil settings %v %d, defaults %v %d", a.Status, a.Iterations, b.Status, b.Iterations)
	}
}

// TestMomentum: with β = 0 momentum is gradient descent, update for
// update; with β = 0.5 it still reaches the minimum of g, in fewer updates.
func TestMomentum(t *testing.T) {
	s := &Settings{Eta: 0.015, Eps: 1e-4, MaxIter: 10000}
	gd, _ := Minimize(context.Background(), twoVar, []float64{-3, -3}, s, nil)
	m, err := Minimize(context.Background(), twoVar, []float64{-3, -3}, s, &Momentum{Beta: 0})
	if err != nil {
		t.Fatal(err)
	}
	if m.Iterations != gd.Iterations || m.X[0] != gd.X[0] || m.X[1] != gd.X[1] {
		t.Errorf("β = 0: %d %v, gradient descent %d %v", m.Iterations, m.X, gd.Iterations, gd.X)
	}
	for _, x0 := range [][]float64{{-3, -3}, {0, 0}} {
		m, _ = Minimize(context.Background(), twoVar, x0, &Settings{Eta: 0.01, Eps: 1e-4, MaxIter: 10000}, &Momentum{Beta: 0.5})
		if m.Status != Converged || math.Abs(m.X[0]+3) > 1e-4 || math.Abs(m.X[1]+2) > 1e-3 || m.Iterations >= 865 {
			t.Errorf("β = 0.5 from %v: %v after %d at %v", x0, m.Status, m.Iterations, m.X)
		}
	}
	// Ascent with momentum.
	m, _ = Maximize(context.Background(), sinHill, []float64{2.1}, &Settings{Eta: 0.05, Eps: 1e-10, MaxIter: 10000}, &Momentum{Beta: 0.3})
	if m.Status != Converged || math.Abs(m.X[0]-1.5885592373) > 1e-9 || m.Diagnosis.Point != Maximum {
		t.Errorf("max with momentum: %v after %d at %v", m.Status, m.Iterations, m.X)
	}
}

// TestNewton: one step to the minimum of a quadratic, a few to the
// maximum of sinHill, and a singular Hessian stops the run.
func TestNewton(t *testing.T) {
	r, err := Minimize(context.Background(), quadratic, []float64{5}, &Settings{Eta: 0.1, Eps: 1e-4, MaxIter: 100}, &Newton{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != Converged || r.Iterations != 1 || math.Abs(r.X[0]-4) > 1e-9 {
		t.Errorf("9x^2-72x: %v after %d at %v", r.Status, r.Iterations, r.X)
	}
	hess := twoVar
	hess.Hess = func(h, v []float64) error {
		x, y := v[0], v[1]
		h[0] = 12*x*x + 4*y - 28 + 2
		h[1], h[2] = 4*x-2, 4*x-2
		h[3] = 4
		return nil
	}
	for _, p := range []Problem{twoVar, hess} {
		r, _ = Minimize(context.Background(), p, []float64{-3.5, -2.5}, &Settings{Eta: 1, Eps: 1e-10, MaxIter: 100}, &Newton{})
		if r.Status != Converged || r.Iterations > 8 || math.Abs(r.X[0]+3) > 1e-10 || math.Abs(r.X[1]+2) > 1e-10 || r.Diagnosis.Point != Minimum {
			t.Errorf("g by Newton (Hess %v): %v after %d at %v", p.Hess != nil, r.Status, r.Iterations, r.X)
		}
	}
	// Newton goes to the nearest critical point: from 1.7, where f'' < 0,
	// the maximum (from 2.1 it is the minimum at 0).
	r, _ = Maximize(context.Background(), sinHill, []float64{1.7}, &Settings{Eta: 1, Eps: 1e-10, MaxIter: 100}, &Newton{Damping: 1})
	if r.Status != Converged || r.Iterations > 8 || math.Abs(r.X[0]-1.5885592373) > 1e-9 || r.Diagnosis.Point != Maximum {
		t.Errorf("max by Newton: %v after %d at %v", r.Status, r.Iterations, r.X)
	}
	// f(x, y) = x^2: the Hessian [[2, 0], [0, 0]] is singular everywhere.
	flat := Problem{
		Func: func(v []float64) (float64, error) { return v[0] * v[0], nil },
		Grad: func(g, v []float64) error { g[0], g[1] = 2*v[0], 0; return nil },
	}
	r, _ = Minimize(context.Background(), flat, []float64{1, 1}, nil, &Newton{})
	if r.Status != Diverged || !errors.Is(r.Cause, ErrSingular) || r.Iterations != 0 || r.X[0] != 1 {
		t.Errorf("singular: %v (%v) after %d at %v", r.Status, r.Cause, r.Iterations, r.X)
	}
}

// TestRandomQuadratics is the property test: on f(x) = ½xᵀAx − bᵀx with
// A symmetric positive definite, descent with η = 1/λmax(A) reaches the
// analytic minimum A⁻¹b.
func TestRandomQuadratics(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 5))
	for trial := 0; trial < 200; trial++ {
		n := 1 + rng.IntN(5)
		m := make([]float64, n*n)
		for i := range m {
			m[i] = rng.Float64()*2 - 1
		}
		a := make([]float64, n*n) // MᵀM + I/2: positive definite
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				for k := 0; k < n; k++ {
					a[i*n+j] += m[k*n+i] * m[k*n+j]
				}
			}
			a[i*n+i] += 0.5
		}
		b := make([]float64, n)
		x0 := make([]float64, n)
		for i := range b {
			b[i] = rng.Float64()*10 - 5
			x0[i] = rng.Float64()*10 - 5
		}
		p := Problem{
			Func: func(x []float64) (float64, error) {
				var f float64
				for i := 0; i < n; i++ {
					for j := 0; j < n; j++ {
						f += x[i] * a[i*n+j] * x[j] / 2
					}
					f -= b[i] * x[i]
				}
				return f, nil
			},
			Grad: func(g, x []float64) error {
				for i := 0; i < n; i++ {
					g[i] = -b[i]
					for j := 0; j < n; j++ {
						g[i] += a[i*n+j] * x[j]
					}
				}
				return nil
			},
		}
		eig, _ := SymEigenvalues(a, n)
		want := append([]float64(nil), b...)
		ac := append([]float64(nil), a...)
		solve(ac, want)
		r, err := Minimize(context.Background(), p, x0, &Settings{Eta: 1 / eig[n-1], Eps: 1e-9, MaxIter: 1000000}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != Converged {
			t.Fatalf("trial %d (n %d, eigenvalues %v): %v after %d", trial, n, eig, r.Status, r.Iterations)
		}
		// |x − x*| ≤ |∇f(x)|/λmin.
		for i := range want {
			if math.Abs(r.X[i]-want[i]) > 1e-9*math.Sqrt(float64(n))/eig[0]*1.01 {
				t.Errorf("trial %d: x[%d] = %v, want %v", trial, i, r.X[i], want[i])
			}
		}
		if r.Diagnosis.Point != Minimum || !relClose(r.Diagnosis.Curvature, eig[n-1], 1e-6) {
			t.Errorf("trial %d: %v, curvature %v, want minimum, %v", trial, r.Diagnosis.Point, r.Diagnosis.Curvature, eig[n-1])
		}
	}
}

// TestNoAllocationPerUpdate: a run allocates the same whatever its length.
func TestNoAllocationPerUpdate(t *testing.T) {
	p := rosenbrock()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, m := range []Method{nil, &Momentum{Beta: 0.5}} {
		allocs := func(n int) float64 {
			return testing.AllocsPerRun(5, func() {
				Minimize(ctx, p, []float64{-1.2, 1}, &Settings{Eta: 1e-4, MaxIter: n}, m)
			})
		}
		if short, long := allocs(10), allocs(100000); short != long {
			t.Errorf("%T: %v allocations for 10 updates, %v for 100000", m, short, long)
		}
	}
	// A Trace too, once it holds its rows.
	tr := NewTrace(5, 5)
	s := &Settings{Eta: 1e-4, MaxIter: 10, Recorder: tr}
	Minimize(ctx, p, []float64{-1.2, 1}, s, nil)
	short := testing.AllocsPerRun(5, func() { Minimize(ctx, p, []float64{-1.2, 1}, s, nil) })
	s.MaxIter = 100000
	long := testing.AllocsPerRun(5, func() { Minimize(ctx, p, []float64{-1.2, 1}, s, nil) })
	if short != long {
		t.Errorf("with a trace: %v allocations for 10 updates, %v for 100000", short, long)
	}
}

// TestDescentFunc: a Descent written as a plain Go function, to the
// contract, gives the run without it, bit for bit (the diagnosis, built
// from its Updates, included), whether it stops on a batch, on
// convergence, past Bound or on a value that is not finite.
func TestDescentFunc(t *testing.T) {
	descent := func(p Problem) Descent {
		return DescentFunc(func(x, g []float64, f *float64, step, eps float64, ups []Update) int {
			n := len(x)
			xn, gn := make([]float64, n), make([]float64, n)
			for k := range ups {
				gmax, _ := normInf2(g)
				if gmax < eps {
					return k
				}
				for i := range x {
					if xn[i] = x[i] + float64(step*g[i]); !(math.Abs(xn[i]) <= Bound) {
						return k
					}
				}
				fn, err := p.funcGrad(gn, xn)
				if err != nil || !(math.Abs(fn) <= math.MaxFloat64) || !finite(gn) {
					return k
				}
				var u Update
				for i, v := range gn {
					u.GradSq += v * v
					u.GradMax = math.Max(u.GradMax, math.Abs(v))
					u.Dot += v * g[i]
					d := xn[i] - x[i]
					u.StepSq += d * d
				}
				ups[k] = u
				copy(x, xn)
				copy(g, gn)
				*f = fn
			}
			return len(ups)
		})
	}
	quartic := oneVar(func(x float64) float64 { return x * x * x * x }, func(x float64) float64 { return 4 * x * x * x })
	cases := []struct {
		name string
		p    Problem
		x0   []float64
		s    Settings
	}{
		{"rosenbrock", rosenbrock(), []float64{-1.2, 1}, Settings{Eta: 1e-4, Eps: 1e-6, MaxIter: 3000}},
		{"rosenbrock, converging", rosenbrock(), []float64{-1.2, 1}, Settings{Eta: 2e-3, Eps: 1e-3, MaxIter: 100000}},
		{"x^4 to Inf", quartic, []float64{3}, Settings{Eta: 0.1, Eps: 1e-6, MaxIter: 10000}},
		{"past Bound", oneVar(func(x float64) float64 { return -1e100 * x }, func(float64) float64 { return -1e100 }),
			[]float64{0}, Settings{Eta: 1, Eps: 0, MaxIter: 10}},
	}
	for _, c := range cases {
		slow, err := Minimize(context.Background(), c.p, c.x0, &c.s, nil)
		if err != nil {
			t.Fatal(err)
		}
		c.p.Descent = descent(c.p)
		fast, err := Minimize(context.Background(), c.p, c.x0, &c.s, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fmt.Sprintf("%#v", fast), fmt.Sprintf("%#v", slow); got != want {
			t.Errorf("%s:\nwith the Descent %s\nwithout it       %s", c.name, got, want)
		}
	}
}

// TestProgress: a run tells Progress how far it got, now and then, with
// the updates made, f and |∇f| there.
func TestProgress(t *testing.T) {
	var ks []int
	var last [2]float64
	s := &Settings{Eta: 1e-4, Eps: 0, MaxIter: 5000, Progress: func(k int, f, gn float64) {
		ks = append(ks, k)
		last = [2]float64{f, gn}
	}}
	r, err := Minimize(context.Background(), rosenbrock(), []float64{-1.2, 1}, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ks) < 5000/pollEvery || ks[0] != 0 || ks[len(ks)-1] > r.Iterations {
		t.Fatalf("progress at %v of %d updates", ks, r.Iterations)
	}
	for i := 1; i < len(ks); i++ {
		if ks[i] <= ks[i-1] {
			t.Fatalf("progress went back: %v", ks)
		}
	}
	if !(last[0] > r.F) || !(last[1] > 0) {
		t.Errorf("last progress f = %v, |∇f| = %v; the run ended at f = %v", last[0], last[1], r.F)
	}
}

// TestCircled: a run of plain gradient descent that keeps circling is
// judged at the point it circles, the root of f' between its last two
// iterates, where there is one only.
func TestCircled(t *testing.T) {
	well := oneVar(func(x float64) float64 { return (x*x - 1) * (x*x - 1) }, func(x float64) float64 { return 4 * x * (x*x - 1) })
	r, _ := Minimize(context.Background(), well, []float64{0.577}, &Settings{Eta: 0.3, Eps: 1e-6, MaxIter: 10000}, nil)
	d := r.Diagnosis
	if !d.Oscillating || len(d.Circled) != 1 || d.Circled[0] != 1 || math.Abs(d.CircledEigenvalues[0]-8) > 1e-6 {
		t.Errorf("(x^2 - 1)^2 from 0.577: circled %v, f'' %v", d.Circled, d.CircledEigenvalues)
	}
	// Around a maximum at 0, between two minima: f' changes sign three
	// times between ±2.97, and no one of them is the point circled.
	three := oneVar(func(x float64) float64 { return 2*math.Log(math.Cosh(x)) - math.Log(math.Cosh(3*x))/3 },
		func(x float64) float64 { return 2*math.Tanh(x) - math.Tanh(3*x) })
	r, _ = Minimize(context.Background(), three, []float64{3}, &Settings{Eta: 6, Eps: 1e-6, MaxIter: 10000}, nil)
	if d := r.Diagnosis; !d.Oscillating || d.Circled != nil {
		t.Errorf("2ln(cosh(x)) - ln(cosh(3x))/3 from 3: oscillating %v, circled %v", d.Oscillating, d.Circled)
	}
}

// TestMomentumStableEta: momentum keeps a share β of each step, and is
// stable near x0 for η up to 2(1 + β)/f”(x0): x^2 with β = 0.9 is
// stable up to 1.9, and converges at 1.5.
func TestMomentumStableEta(t *testing.T) {
	sq := oneVar(func(x float64) float64 { return x * x }, func(x float64) float64 { return 2 * x })
	r, err := Minimize(context.Background(), sq, []float64{1}, &Settings{Eta: 1.5, Eps: 1e-6, MaxIter: 10000}, &Momentum{Beta: 0.9})
	if err != nil || r.Status != Converged || !relClose(r.Diagnosis.StableEta, 1.9, 1e-9) || r.Diagnosis.SuggestedEta != 0.9 {
		t.Errorf("%v, %v: stable η %v, suggested %v; want converged, 1.9, 0.9", err, r.Status, r.Diagnosis.StableEta, r.Diagnosis.SuggestedEta)
	}
}
