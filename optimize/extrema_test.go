package optimize

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// fn1 makes a function of one variable that cannot fail.
func fn1(f func(float64) float64) func(float64) (float64, error) {
	return func(x float64) (float64, error) { return f(x), nil }
}

var errUndefined = errors.New("undefined")

// absDeriv is the derivative of abs(x) as fprime writes it, x/abs(x),
// which is 0/0 at 0.
func absDeriv(x float64) (float64, error) {
	if x == 0 {
		return 0, errUndefined
	}
	return x / math.Abs(x), nil
}

type wantExt struct {
	x    float64
	kind PointKind
}

func TestExtrema1D(t *testing.T) {
	pi := math.Pi
	// p(x) = x^4/4 − 7x^3/3 + 7x^2 − 8x, p'(x) = (x − 1)(x − 2)(x − 4).
	poly := fn1(func(x float64) float64 { return x*x*x*x/4 - 7*x*x*x/3 + 7*x*x - 8*x })
	dpoly := fn1(func(x float64) float64 { return (x - 1) * (x - 2) * (x - 4) })
	cube, dcube := fn1(func(x float64) float64 { return x * x * x }), fn1(func(x float64) float64 { return 3 * x * x })
	tests := []struct {
		name       string
		f, df, d2f func(float64) (float64, error)
		a, b       float64
		points     []wantExt
		corner     bool // the extrema are corners
		ends       [2]PointKind
		min, max   float64 // the x of the global minimum and maximum
		infl       []float64
		constant   bool
		noMax      bool
	}{
		{name: "sin on [0, 20]", f: fn1(math.Sin), df: fn1(math.Cos), d2f: fn1(func(x float64) float64 { return -math.Sin(x) }),
			a: 0, b: 20,
			points: []wantExt{{pi / 2, Maximum}, {3 * pi / 2, Minimum}, {5 * pi / 2, Maximum}, {7 * pi / 2, Minimum}, {9 * pi / 2, Maximum}, {11 * pi / 2, Minimum}},
			ends:   [2]PointKind{Minimum, Maximum}, min: 3 * pi / 2, max: pi / 2},
		{name: "x^2 + 5sin(x) on [-5, 5]", f: sinBowl1, df: dsinBowl1, a: -5, b: 5,
			points: []wantExt{{-1.110510503581112, Minimum}},
			ends:   [2]PointKind{Maximum, Maximum}, min: -1.110510503581112, max: -5},
		{name: "a polynomial with critical points 1, 2, 4", f: poly, df: dpoly, a: 0, b: 5,
			points: []wantExt{{1, Minimum}, {2, Maximum}, {4, Minimum}},
			ends:   [2]PointKind{Maximum, Maximum}, min: 4, max: 0},
		{name: "a polynomial, its extrema on grid points", f: poly, df: dpoly, a: -1, b: 5,
			points: []wantExt{{1, Minimum}, {2, Maximum}, {4, Minimum}},
			ends:   [2]PointKind{Maximum, Maximum}, min: 4, max: -1},
		{name: "a constant", f: fn1(func(float64) float64 { return 7 }), df: fn1(func(float64) float64 { return 0 }), a: -1, b: 2,
			ends: [2]PointKind{Undecided, Undecided}, min: -1, max: -1, constant: true},
		{name: "x^3 on [-1, 1]: an inflection on a grid point", f: cube, df: dcube, a: -1, b: 1,
			ends: [2]PointKind{Minimum, Maximum}, min: -1, max: 1, infl: []float64{0}},
		{name: "x^3 on [-1, 1.3]: an inflection between grid points", f: cube, df: dcube, a: -1, b: 1.3,
			ends: [2]PointKind{Minimum, Maximum}, min: -1, max: 1.3, infl: []float64{0}},
		{name: "abs on [-1, 1]: f' undefined at the corner", f: fn1(math.Abs), df: absDeriv, a: -1, b: 1,
			points: []wantExt{{0, Minimum}}, corner: true,
			ends: [2]PointKind{Maximum, Maximum}, min: 0, max: -1},
		{name: "abs on [-1, 1.7]: the corner between grid points", f: fn1(math.Abs), df: absDeriv, a: -1, b: 1.7,
			points: []wantExt{{0, Minimum}}, corner: true,
			ends: [2]PointKind{Maximum, Maximum}, min: 0, max: 1.7},
		{name: "sqrt(abs(x)): a cusp, f' unbounded beside it", f: fn1(func(x float64) float64 { return math.Sqrt(math.Abs(x)) }),
			df: func(x float64) (float64, error) { d, err := absDeriv(x); return d / (2 * math.Sqrt(math.Abs(x))), err }, a: -1, b: 1,
			points: []wantExt{{0, Minimum}}, corner: true,
			ends: [2]PointKind{Maximum, Maximum}, min: 0, max: -1},
		{name: "2 - abs(x - 0.3): a corner maximum", f: fn1(func(x float64) float64 { return 2 - math.Abs(x-0.3) }),
			df: func(x float64) (float64, error) { d, err := absDeriv(x - 0.3); return -d, err }, a: -2, b: 1,
			points: []wantExt{{0.3, Maximum}}, corner: true,
			ends: [2]PointKind{Minimum, Minimum}, min: -2, max: 0.3},
		{name: "x^4: f'' = 0 at the minimum", f: fn1(func(x float64) float64 { return x * x * x * x }),
			df: fn1(func(x float64) float64 { return 4 * x * x * x }), a: -1, b: 1.1,
			points: []wantExt{{0, Minimum}}, ends: [2]PointKind{Maximum, Maximum}, min: 0, max: 1.1},
		{name: "a close pair inside one grid cell", // f' = (x − 0.30002)(x − 0.30007)
			f:  fn1(func(x float64) float64 { return x*x*x/3 - (0.30002+0.30007)*x*x/2 + 0.30002*0.30007*x }),
			df: fn1(func(x float64) float64 { return (x - 0.30002) * (x - 0.30007) }), a: 0, b: 1,
			points: []wantExt{{0.30002, Maximum}, {0.30007, Minimum}},
			ends:   [2]PointKind{Minimum, Maximum}, min: 0, max: 1},
		{name: "a cluster of three inside one grid cell", // f' = (x − 0.30002)(x − 0.30005)(x − 0.30009)
			// f = ∫ f' from 0.30002, written in u = x − 0.30002 so that
			// f(0.30009) < f(0.30002) = 0 does not drown in rounding.
			f: fn1(func(x float64) float64 {
				u, d1, d2 := x-0.30002, 0.30005-0.30002, 0.30009-0.30002
				return u*u*u*u/4 - (d1+d2)*u*u*u/3 + d1*d2*u*u/2
			}),
			df: fn1(func(x float64) float64 { return (x - 0.30002) * (x - 0.30005) * (x - 0.30009) }), a: 0, b: 1,
			points: []wantExt{{0.30002, Minimum}, {0.30005, Maximum}, {0.30009, Minimum}},
			ends:   [2]PointKind{Maximum, Maximum}, min: 0.30009, max: 1},
		{name: "x ln x on [-1, 2]: undefined for x ≤ 0", f: xlnx, df: dxlnx, a: -1, b: 2,
			// f is undefined at 0 itself: the value it approaches there,
			// 0, is no extremum.
			points: []wantExt{{1 / math.E, Minimum}},
			ends:   [2]PointKind{Undecided, Maximum}, min: 1 / math.E, max: 2},
		{name: "1/x^2 on [-1, 1]: a pole is no extremum", f: invSquare, df: dinvSquare, a: -1, b: 1,
			ends: [2]PointKind{Minimum, Minimum}, min: -1, max: -1, noMax: true},
		{name: "cos on [0, 10]: a critical point at an end", f: fn1(math.Cos), df: fn1(func(x float64) float64 { return -math.Sin(x) }), a: 0, b: 10,
			points: []wantExt{{pi, Minimum}, {2 * pi, Maximum}, {3 * pi, Minimum}},
			ends:   [2]PointKind{Maximum, Maximum}, min: pi, max: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Extrema1D(context.Background(), tt.f, tt.df, tt.d2f, tt.a, tt.b)
			if err != nil {
				t.Fatal(err)
			}
			if len(e.Points) != len(tt.points) {
				t.Fatalf("%d extrema, want %d: %s", len(e.Points), len(tt.points), describe(e))
			}
			for i, w := range tt.points {
				p := e.Points[i]
				if math.Abs(p.X-w.x) > 1e-9*math.Max(1, math.Abs(w.x)) || p.Kind != w.kind || p.Corner != tt.corner || p.Endpoint {
					t.Errorf("extremum %d: %+v, want %v at %v (corner %v)", i, p, w.kind, w.x, tt.corner)
				}
				if fx, _ := tt.f(p.X); p.F != fx {
					t.Errorf("extremum %d: F %v, f(X) %v", i, p.F, fx)
				}
				if tt.d2f != nil {
					if d2, _ := tt.d2f(p.X); p.D2 != d2 {
						t.Errorf("extremum %d: D2 %v, want %v", i, p.D2, d2)
					}
				} else if !math.IsNaN(p.D2) {
					t.Errorf("extremum %d: D2 %v without d2f", i, p.D2)
				}
			}
			for i, end := range []float64{tt.a, tt.b} {
				got := e.Ends[i]
				fx, err := tt.f(end)
				if got.X != end || got.Kind != tt.ends[i] || !got.Endpoint || !(got.F == fx || err != nil && math.IsNaN(got.F)) {
					t.Errorf("end %d: %+v, want %v at %v, f %v", i, got, tt.ends[i], end, fx)
				}
			}
			if math.Abs(e.Min.X-tt.min) > 1e-9 || math.Abs(e.Max.X-tt.max) > 1e-9 {
				t.Errorf("global min at %v, max at %v; want %v, %v", e.Min.X, e.Max.X, tt.min, tt.max)
			}
			if len(e.Inflections) != len(tt.infl) {
				t.Errorf("inflections %v, want %v", e.Inflections, tt.infl)
			} else {
				for i := range tt.infl {
					if e.Inflections[i] != tt.infl[i] {
						t.Errorf("inflections %v, want %v", e.Inflections, tt.infl)
					}
				}
			}
			if e.Constant != tt.constant || e.NoMax != tt.noMax || e.NoMin {
				t.Errorf("constant %v, no max %v, no min %v", e.Constant, e.NoMax, e.NoMin)
			}
		})
	}
}

var (
	sinBowl1  = fn1(func(x float64) float64 { return x*x + 5*math.Sin(x) })
	dsinBowl1 = fn1(func(x float64) float64 { return 2*x + 5*math.Cos(x) })
)

func xlnx(x float64) (float64, error) {
	if x <= 0 {
		return 0, errUndefined
	}
	return x * math.Log(x), nil
}

func dxlnx(x float64) (float64, error) {
	if x <= 0 {
		return 0, errUndefined
	}
	return math.Log(x) + 1, nil
}

func invSquare(x float64) (float64, error) {
	if x == 0 {
		return 0, errUndefined
	}
	return 1 / (x * x), nil
}

func dinvSquare(x float64) (float64, error) {
	if x == 0 {
		return 0, errUndefined
	}
	return -2 / (x * x * x), nil
}

func describe(e *Extrema) string {
	s := fmt.Sprintf("ends %+v", e.Ends)
	for _, p := range e.Points {
		s += fmt.Sprintf("\n  %+v", p)
	}
	return s + fmt.Sprintf("\n  inflections %v", e.Inflections)
}

// TestExtremaSinEachOnce runs sin over many intervals: every extremum
// inside, π/2 + kπ, exactly once.
func TestExtremaSinEachOnce(t *testing.T) {
	for _, iv := range [][2]float64{{0, 20}, {-3, 3}, {0.1, 100}, {-50.5, 7}, {1, 2}} {
		e, err := Extrema1D(context.Background(), fn1(math.Sin), fn1(math.Cos), nil, iv[0], iv[1])
		if err != nil {
			t.Fatal(err)
		}
		var want []float64
		for k := math.Ceil((iv[0] - math.Pi/2) / math.Pi); math.Pi/2+k*math.Pi < iv[1]; k++ {
			want = append(want, math.Pi/2+k*math.Pi)
		}
		if len(e.Points) != len(want) {
			t.Errorf("%v: %d extrema, want %d", iv, len(e.Points), len(want))
			continue
		}
		for i, p := range e.Points {
			kind := Maximum
			if math.Sin(want[i]) < 0 {
				kind = Minimum
			}
			if math.Abs(p.X-want[i]) > 1e-12*math.Max(1, math.Abs(want[i])) || p.Kind != kind {
				t.Errorf("%v: %+v, want %v at %v", iv, p, kind, want[i])
			}
		}
	}
}

func TestExtremaErrors(t *testing.T) {
	ctx := context.Background()
	sin, cos := fn1(math.Sin), fn1(math.Cos)
	for _, iv := range [][2]float64{{1, 1}, {2, 1}, {math.NaN(), 1}, {0, math.Inf(1)}} {
		if _, err := Extrema1D(ctx, sin, cos, nil, iv[0], iv[1]); err == nil {
			t.Errorf("[%v, %v]: no error", iv[0], iv[1])
		}
	}
	if _, err := Extrema1D(ctx, sin, nil, nil, 0, 1); err == nil {
		t.Error("no derivative: no error")
	}
	if _, err := Extrema1D(ctx, xlnx, dxlnx, nil, -2, -1); err == nil {
		t.Error("defined nowhere: no error")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Extrema1D(cancelled, sin, cos, nil, 0, 10); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestExtremaRandomPolynomials: for p'(x) = c(x − r_1)…(x − r_m) with
// random distinct roots in [−3, 3], often two closer than a grid step,
// at least 0.0005 apart, Extrema1D on [−4, 4] finds each r_i
// once, a minimum where p' goes from − to +, a maximum where it goes from
// + to −.
func TestExtremaRandomPolynomials(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 11))
	for trial := 0; trial < 200; trial++ {
		m := 1 + rng.IntN(6)
		roots := make([]float64, 0, m)
	pick:
		for len(roots) < m {
			r := math.Round((rng.Float64()*6-3)*1e4) / 1e4
			for _, q := range roots {
				if math.Abs(q-r) < 0.0005 {
					continue pick
				}
			}
			roots = append(roots, r)
			// Often a second root closer than a grid step (0.004).
			if len(roots) < m && rng.IntN(2) == 0 {
				roots = append(roots, r+0.0005+math.Round(rng.Float64()*30)*1e-4)
			}
		}
		slices.Sort(roots)
		c := 1.0
		if rng.IntN(2) == 0 {
			c = -1
		}
		// The coefficients of p', lowest first, then of p = ∫p'.
		dc := []float64{c}
		for _, r := range roots {
			next := make([]float64, len(dc)+1)
			for i, v := range dc {
				next[i+1] += v
				next[i] -= r * v
			}
			dc = next
		}
		pc := make([]float64, len(dc)+1)
		for i, v := range dc {
			pc[i+1] = v / float64(i+1)
		}
		horner := func(cs []float64) func(float64) (float64, error) {
			return func(x float64) (float64, error) {
				var v float64
				for i := len(cs) - 1; i >= 0; i-- {
					v = v*x + cs[i]
				}
				return v, nil
			}
		}
		// p' in product form, so that its zeros are the roots to the last
		// bit (the expanded form blurs a close pair by its rounding).
		dp := func(x float64) (float64, error) {
			v := c
			for _, r := range roots {
				v *= x - r
			}
			return v, nil
		}
		e, err := Extrema1D(context.Background(), horner(pc), dp, nil, -4, 4)
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Points) != m {
			t.Errorf("trial %d: roots %v, found %s", trial, roots, describe(e))
			continue
		}
		for i, r := range roots {
			// Left of r_i, p' has the sign of c·(−1)^(m−i).
			left := c
			if (m-i)%2 == 1 {
				left = -c
			}
			want := Minimum
			if left > 0 {
				want = Maximum
			}
			p := e.Points[i]
			if math.Abs(p.X-r) > 1e-12 || p.Kind != want || p.Corner {
				t.Errorf("trial %d: roots %v: %+v, want %v at %v", trial, roots, p, want, r)
			}
		}
	}
}

// TestExtremaCancelled: a search whose function is slow stops on a context
// that times out, with the context's error, on js/wasm too, where the
// timer runs only when the search yields.
func TestExtremaCancelled(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	// About 10 µs an evaluation: the whole search would take seconds.
	slow := func(v float64) func(float64) (float64, error) {
		return func(x float64) (float64, error) {
			s := 0.0
			for i := range 20000 {
				s += math.Sin(x + float64(i))
			}
			return v*math.Sin(x) + s*1e-300, nil
		}
	}
	_, err := Extrema1D(ctx, slow(1), slow(2), slow(3), -100, 100)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want the deadline", err)
	}
}

// vee is |x - 3| + |x|: 3 on [0, 3], with corners at both ends, and its
// derivatives as fprime gives them (undefined at the corners).
var (
	vee  = fn1(func(x float64) float64 { return math.Abs(x-3) + math.Abs(x) })
	dvee = func(x float64) (float64, error) {
		if x == 0 || x == 3 {
			return 0, errUndefined
		}
		return x/math.Abs(x) + (x-3)/math.Abs(x-3), nil
	}
	d2vee = func(x float64) (float64, error) {
		if _, err := dvee(x); err != nil {
			return 0, err
		}
		return 0, nil
	}
)

// TestExtremaFlat checks stretches where f' is 0 and f constant, wider than
// the cells the search follows one at a time: the extremum is found, with
// its stretch, and the least or greatest value is its value, not "none".
func TestExtremaFlat(t *testing.T) {
	// A smooth plateau: (x + 1)^3 for x < -1, 0 on [-1, 2], -(x - 2)^3 after.
	hill := fn1(func(x float64) float64 {
		switch {
		case x < -1:
			return (x + 1) * (x + 1) * (x + 1)
		case x > 2:
			return -(x - 2) * (x - 2) * (x - 2)
		}
		return 0
	})
	dhill := fn1(func(x float64) float64 {
		switch {
		case x < -1:
			return 3 * (x + 1) * (x + 1)
		case x > 2:
			return -3 * (x - 2) * (x - 2)
		}
		return 0
	})
	d2hill := fn1(func(x float64) float64 {
		switch {
		case x < -1:
			return 6 * (x + 1)
		case x > 2:
			return -6 * (x - 2)
		}
		return 0
	})
	tests := []struct {
		name       string
		f, df, d2f func(float64) (float64, error)
		a, b       float64
		kind       PointKind
		value      float64
		lo, hi     float64
	}{
		{"|x - 3| + |x| on [-1, 5]", vee, dvee, d2vee, -1, 5, Minimum, 3, 0, 3},
		{"|x - 3| + |x| on [-100, 50]", vee, dvee, d2vee, -100, 50, Minimum, 3, 0, 3},
		{"-(|x - 3| + |x|) on [-1, 5]", neg1(vee), neg1(dvee), d2vee, -1, 5, Maximum, -3, 0, 3},
		{"|x - 3| + |x| without f''", vee, dvee, nil, -1, 5, Minimum, 3, 0, 3},
		{"a smooth plateau on [-4, 5]", hill, dhill, d2hill, -4, 5, Maximum, 0, -1, 2},
		{"a smooth plateau without f''", hill, dhill, nil, -4, 5, Maximum, 0, -1, 2},
	}
	for _, tt := range tests {
		r, err := Extrema1D(context.Background(), tt.f, tt.df, tt.d2f, tt.a, tt.b)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(r.Points) != 1 {
			t.Errorf("%s: points %+v, want one flat %v", tt.name, r.Points, tt.kind)
			continue
		}
		p := r.Points[0]
		if !p.Flat || p.Kind != tt.kind || p.F != tt.value || p.FlatLo != tt.lo || p.FlatHi != tt.hi || p.X < tt.lo || p.X > tt.hi {
			t.Errorf("%s: %+v, want a flat %v f = %v on [%v, %v]", tt.name, p, tt.kind, tt.value, tt.lo, tt.hi)
		}
		if r.Ends[0].Flat || r.Ends[1].Flat {
			t.Errorf("%s: ends %+v are not on the flat stretch", tt.name, r.Ends)
		}
		best, none := r.Min, r.NoMin
		if tt.kind == Maximum {
			best, none = r.Max, r.NoMax
		}
		if none || best.F != tt.value {
			t.Errorf("%s: global %v %+v (none: %v), want %v", tt.name, tt.kind, best, none, tt.value)
		}
	}
}

// TestExtremaFlatEnd checks an end of the interval on a flat stretch: it
// says where f keeps its value.
func TestExtremaFlatEnd(t *testing.T) {
	for _, tt := range []struct {
		a, b   float64
		end    int
		lo, hi float64
	}{
		{-1, 2, 1, 0, 2},
		{1, 5, 0, 1, 3},
		{-7, 0.5, 1, 0, 0.5},
	} {
		r, err := Extrema1D(context.Background(), vee, dvee, nil, tt.a, tt.b)
		if err != nil {
			t.Fatal(err)
		}
		e, other := r.Ends[tt.end], r.Ends[1-tt.end]
		if !e.Flat || e.FlatLo != tt.lo || e.FlatHi != tt.hi || e.Kind != Minimum || e.F != 3 || other.Flat {
			t.Errorf("on [%v, %v]: ends %+v, want end %d a minimum 3 flat on [%v, %v]", tt.a, tt.b, r.Ends, tt.end, tt.lo, tt.hi)
		}
	}
}

// neg1 is -f.
func neg1(f func(float64) (float64, error)) func(float64) (float64, error) {
	return func(x float64) (float64, error) {
		v, err := f(x)
		return -v, err
	}
}

// TestTinyNotConstant: a function is constant to within rounding of its
// own size, not of 1: x^2 on [-1e-20, 1e-20] has its minimum at 0, and
// 1e-17 sin(x) its extrema; 5 is constant.
func TestTinyNotConstant(t *testing.T) {
	for _, c := range []struct {
		name     string
		f, df    func(float64) float64
		a, b     float64
		constant bool
		points   int
	}{
		{"x^2", func(x float64) float64 { return x * x }, func(x float64) float64 { return 2 * x }, -1e-20, 1e-20, false, 1},
		{"1e-17 sin(x)", func(x float64) float64 { return 1e-17 * math.Sin(x) }, func(x float64) float64 { return 1e-17 * math.Cos(x) }, 0, 7, false, 2},
		{"5", func(x float64) float64 { return 5 }, func(x float64) float64 { return 0 }, 0, 1, true, 0},
	} {
		e, err := Extrema1D(context.Background(), fn1(c.f), fn1(c.df), nil, c.a, c.b)
		if err != nil || e.Constant != c.constant || len(e.Points) != c.points {
			t.Errorf("%s: %v, constant %v, %d points", c.name, err, e.Constant, len(e.Points))
		}
	}
}
