package optimize

import (
	"context"
	"math"
	"math/cmplx"
	"testing"
)

// poly is the polynomial Σ c[i] x^i as a Problem of one variable, with its
// Hessian and every higher derivative (exact: no differences).
func poly(c ...float64) Problem {
	deriv := func(k int, x float64) float64 {
		s := 0.0
		for i := len(c) - 1; i >= k; i-- {
			f := 1.0
			for j := i - k + 1; j <= i; j++ {
				f *= float64(j)
			}
			s += c[i] * f * math.Pow(x, float64(i-k))
		}
		return s
	}
	return Problem{
		Func: func(x []float64) (float64, error) { return deriv(0, x[0]), nil },
		Grad: func(g, x []float64) error { g[0] = deriv(1, x[0]); return nil },
		Hess: func(h, x []float64) error { h[0] = deriv(2, x[0]); return nil },
		Deriv: func(k int, x float64) (float64, error) {
			return deriv(k, x), nil
		},
	}
}

// TestClassifyReached: issue 9, section 3. A run stops where |f'| < eps,
// near the critical point but not at it; where f″ is zero within that
// error the second-derivative test says nothing, and the verdict comes
// from the sign of f' around the point or the first derivative that is not
// zero within its error, or is inconclusive.
func TestClassifyReached(t *testing.T) {
	xCube := poly(0, 0, 0, 1)
	noHigher := xCube
	noHigher.Deriv = nil
	// x^3 + y^2: degenerate along x.
	cubeBowl := Problem{
		Func: func(v []float64) (float64, error) { return v[0]*v[0]*v[0] + v[1]*v[1], nil },
		Grad: func(g, v []float64) error { g[0], g[1] = 3*v[0]*v[0], 2*v[1]; return nil },
		Hess: func(h, v []float64) error { h[0], h[1], h[2], h[3] = 6*v[0], 0, 0, 2; return nil },
	}
	// x^2 − y^2 + x^4: a saddle whatever the quartic term.
	saddle := Problem{
		Func: func(v []float64) (float64, error) { return v[0]*v[0] - v[1]*v[1] + math.Pow(v[0], 4), nil },
		Grad: func(g, v []float64) error { g[0], g[1] = 2*v[0]+4*math.Pow(v[0], 3), -2*v[1]; return nil },
	}
	tests := []struct {
		name    string
		p       Problem
		max     bool
		x0      []float64
		maxIter int
		point   PointKind
		test    PointTest
		order   int
	}{
		{name: "x^3 from 1", p: xCube, x0: []float64{1}, point: Inflection, test: HigherOrder, order: 3},
		{name: "max x^3 from -1", p: xCube, max: true, x0: []float64{-1}, point: Inflection, test: HigherOrder, order: 3},
		{name: "x^3 from 0", p: xCube, x0: []float64{0}, point: Inflection, test: HigherOrder, order: 3},
		{name: "x^3 without higher derivatives", p: noHigher, x0: []float64{1}, point: Undecided, test: Degenerate, order: 2},
		{name: "x^3 + y^2 from (1, 1)", p: cubeBowl, x0: []float64{1, 1}, point: Undecided, test: Degenerate, order: 2},
		{name: "1", p: poly(1), x0: []float64{0}, point: Undecided, test: Degenerate, order: MaxOrder},
		{name: "x^4 from 1", p: poly(0, 0, 0, 0, 1), x0: []float64{1}, maxIter: 100000, point: Minimum, test: SignChange},
		{name: "max -x^4 from 1", p: poly(0, 0, 0, 0, -1), max: true, x0: []float64{1}, maxIter: 100000, point: Maximum, test: SignChange},
		{name: "x^4 from 0", p: poly(0, 0, 0, 0, 1), x0: []float64{0}, point: Minimum, test: HigherOrder, order: 4},
		{name: "-x^6 from 0", p: poly(0, 0, 0, 0, 0, 0, -1), x0: []float64{0}, point: Maximum, test: HigherOrder, order: 6},
		{name: "x^5 from 1", p: poly(0, 0, 0, 0, 0, 1), x0: []float64{1}, maxIter: 200000, point: Inflection, test: HigherOrder, order: 5},
		{name: "x^6 from 1", p: poly(0, 0, 0, 0, 0, 0, 1), x0: []float64{1}, maxIter: 200000, point: Minimum, test: SignChange},
		// f' = 3x^2 − 3e-8 has zeros at ±1e-4, a pair of extrema inside
		// the stretch where the run stopped: neither an inflection nor
		// a minimum can be claimed at x*.
		{name: "x^3 - 3e-8x from 1", p: poly(0, -3e-8, 0, 1), x0: []float64{1}, point: Undecided, test: Degenerate, order: 3},
		{name: "x^2 from 1", p: poly(0, 0, 1), x0: []float64{1}, point: Minimum, test: SecondOrder, order: 2},
		{name: "x^2 - y^2 + x^4 from (1, 0)", p: saddle, x0: []float64{1, 0}, point: Saddle, test: SecondOrder, order: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := Minimize
			if tt.max {
				run = Maximize
			}
			s := DefaultSettings()
			if tt.maxIter > 0 {
				s.MaxIter = tt.maxIter
			}
			r, err := run(context.Background(), tt.p, tt.x0, &s, nil)
			if err != nil || r.Status != Converged {
				t.Fatalf("%v, %v after %d iterations", err, r.Status, r.Iterations)
			}
			d := r.Diagnosis
			if d.Point != tt.point || d.Test != tt.test || (tt.order != 0 && d.Order != tt.order) {
				t.Errorf("at %v: %v by test %d, order %d (radius %v, eigenvalues %v); want %v by test %d, order %d",
					r.X, d.Point, d.Test, d.Order, d.Radius, d.Eigenvalues, tt.point, tt.test, tt.order)
			}
		})
	}
}

// TestNoCriticalPointNear: 1/(1 + x^2) from 1 with η = 1 stops at 12.5,
// where f' is small on its way to 0 at infinity; f' goes from + to −
// across the ball the derivatives give, for the maximum at 0, but f″ > 0
// at x*: no maximum is claimed there (nor a minimum, for −f and max).
func TestNoCriticalPointNear(t *testing.T) {
	// f^(k) = (-1)^k k!/(2i) [(x − i)^−(k+1) − (x + i)^−(k+1)].
	deriv := func(sign float64) func(int, float64) (float64, error) {
		return func(k int, x float64) (float64, error) {
			fact := 1.0
			for j := 2; j <= k; j++ {
				fact *= float64(j)
			}
			n := complex(float64(-(k + 1)), 0)
			d := cmplx.Pow(complex(x, -1), n) - cmplx.Pow(complex(x, 1), n)
			return sign * math.Pow(-1, float64(k)) * fact * real(d/complex(0, 2)), nil
		}
	}
	for _, sign := range []float64{1, -1} {
		dk := deriv(sign)
		p := Problem{
			Func:  func(v []float64) (float64, error) { return dk(0, v[0]) },
			Grad:  func(g, v []float64) (err error) { g[0], err = dk(1, v[0]); return err },
			Hess:  func(h, v []float64) (err error) { h[0], err = dk(2, v[0]); return err },
			Deriv: dk,
		}
		run := Minimize
		if sign < 0 {
			run = Maximize
		}
		r, err := run(context.Background(), p, []float64{1}, &Settings{Eta: 1, Eps: 1e-3, MaxIter: 10000}, nil)
		if err != nil || r.Status != Converged || math.Abs(r.X[0]-12.55) > 0.01 {
			t.Fatalf("%v, %v at %v", err, r.Status, r.X)
		}
		if d := r.Diagnosis; d.Point != Undecided {
			t.Errorf("sign %v: %v by test %d at %v, want undecided", sign, d.Point, d.Test, r.X)
		}
	}
}

// TestClassifyDegenerateEvenOrderNeedsSignChange: an even order decides an
// extremum only at an exact zero of f'. Away from one, f' keeping its sign
// on both sides means the evidence disagrees, and the verdict is
// inconclusive, not an extremum by the sign of f″.
func TestClassifyDegenerateEvenOrderNeedsSignChange(t *testing.T) {
	p := Problem{
		Grad: func(g, x []float64) error { g[0] = 1e-7; return nil },
		Deriv: func(k int, x float64) (float64, error) {
			if k == 2 {
				return 1, nil
			}
			return 0, nil
		},
	}
	if kind, test, _, _, _ := classifyDegenerate(&p, 0, 1e-7, 1e-9); kind != Undecided || test != Degenerate {
		t.Errorf("%v by test %d, want inconclusive", kind, test)
	}
}
