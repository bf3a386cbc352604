package session

import (
	"math"
	"testing"

	"github.com/fprime/fprime/optimize"
)

// TestDescentPointKind: issue 9, section 3, through the session, with the
// derivatives fprime works out itself. A point where f″ is zero within
// its error is no extremum by the second-derivative test.
func TestDescentPointKind(t *testing.T) {
	cases := []struct {
		src   string
		point optimize.PointKind
		test  optimize.PointTest
		iters int // -1: any
	}{
		{"f(x) = x^3; min f x0=1", optimize.Inflection, optimize.HigherOrder, -1},
		{"f(x) = x^3; max f x0=-1", optimize.Inflection, optimize.HigherOrder, -1},
		{"f(x) = x^3; min f x0=0", optimize.Inflection, optimize.HigherOrder, 0},
		{"g(x, y) = x^3 + y^2; min g x0=(1, 1)", optimize.Undecided, optimize.Degenerate, -1},
		{"f(x) = 1; min f", optimize.Undecided, optimize.Degenerate, 0},
		{"f(x) = x^4; min f x0=1 maxiter=100000", optimize.Minimum, optimize.SignChange, -1},
		{"f(x) = x^4; min f x0=0", optimize.Minimum, optimize.HigherOrder, 0},
		{"f(x) = -x^6 + x^7; max f x0=0", optimize.Maximum, optimize.HigherOrder, 0},
		{"f(x) = (x - 1)^5; min f x0=1", optimize.Inflection, optimize.HigherOrder, 0},
		{"f(x) = 9x^2 - 72x; min f x0=5 eps=1e-4", optimize.Minimum, optimize.SecondOrder, 55},
		// The stopping test is |f'| < eps: |f'(0.5)| = 1 is not below 1.
		{"f(x) = x^2; min f x0=0.5 eps=1", optimize.Minimum, optimize.SecondOrder, 1},
	}
	for _, c := range cases {
		r, ok := run(t, New(), c.src).(Descent)
		if !ok {
			t.Fatalf("%s: not a descent", c.src)
		}
		res := r.Result
		if res.Status != optimize.Converged || c.iters >= 0 && res.Iterations != c.iters {
			t.Errorf("%s: %v after %d iterations, want converged after %d", c.src, res.Status, res.Iterations, c.iters)
		}
		if d := res.Diagnosis; d.Point != c.point || d.Test != c.test {
			t.Errorf("%s: %v by test %d (order %d), want %v by test %d", c.src, d.Point, d.Test, d.Order, c.point, c.test)
		}
	}
}

// TestExtremaHonest: issue 9, section 4, through the session: where f is
// partly undefined, the least and greatest values and the gaps; where f'
// oscillates fast, every extremum, or a result that says it is partial.
func TestExtremaHonest(t *testing.T) {
	skipWhenShort(t)
	cases := []struct {
		src          string
		points       int // -1: any
		minX, maxX   float64
		noMin, noMax bool
		gaps         int
		partial      bool
	}{
		{"k(x) = sqrt(x); extrema k in [-1, 1]", 1, 0, 1, false, false, 1, false},
		{"k(x) = sqrt(1 - x^2); extrema k in [-2, 2]", 3, -1, 0, false, false, 2, false},
		{"k(x) = x^(2/3); extrema k in [-1, 1]", 1, 0, -1, false, false, 0, false}, // real for x < 0: a cusp at 0
		{"k(x) = 1/x^2; extrema k in [-1, 1]", 0, -1, 0, false, true, 1, false},
		// f' is rounding noise beside 0: no maximum at x = 3e-9, but 1 approached.
		{"k(x) = sin(x)/x; extrema k in [-10, 10]", 4, -4.493409457909064, 0, false, true, 1, false},
		// k' = (x sin(x) - 2(1 - cos(x)))/x^3 is noise of either sign
		// within 1e-3 of 0: no corner at -7.7e-5, but 1/2 approached.
		{"k(x) = (1 - cos(x))/x^2; extrema k in [-1, 1]", 0, -1, 0, false, true, 1, false},
		// The least value would be at 0.3, where k is undefined: a gap of one point.
		{"k(x) = (x - 0.3)^3/(x - 0.3); extrema k in [-1, 1]", 0, 0, -1, true, false, 1, false},
		{"k(x) = ln(x); extrema k in [-1, 1]", 0, 0, 1, true, false, 1, false},
		{"k(x) = sin(1/x); extrema k in [0.0001, 1]", 3183, 0, 0, false, false, 0, false},
		{"k(x) = sin(500x); extrema k in [0, 100]", 15915, 0, 0, false, false, 0, false},
		{"k(x) = sin(x); extrema k in [-1e300, 1e300]", -1, 0, 0, false, false, 0, true},
	}
	for _, c := range cases {
		r, ok := run(t, New(), c.src).(ExtremaReport)
		if !ok {
			t.Fatalf("%s: not extrema", c.src)
		}
		if c.points >= 0 && len(r.Points) != c.points || r.Partial != c.partial || r.NoMin != c.noMin || r.NoMax != c.noMax ||
			c.gaps >= 0 && len(r.Undefined) != c.gaps {
			t.Errorf("%s: %d extrema, partial %v, no min %v, no max %v, gaps %+v; want %d, %v, %v, %v, %d",
				c.src, len(r.Points), r.Partial, r.NoMin, r.NoMax, r.Undefined, c.points, c.partial, c.noMin, c.noMax, c.gaps)
			continue
		}
		if c.partial || c.points > 100 {
			continue
		}
		// To a few ulps: a root of f' is known to the rounding of f'.
		near := func(x, want float64) bool {
			return math.Abs(x-want) <= 4*(math.Nextafter(math.Abs(want), math.Inf(1))-math.Abs(want))
		}
		if !c.noMin && !near(r.Min.X, c.minX) || !c.noMax && !near(r.Max.X, c.maxX) {
			t.Errorf("%s: least value at %v, greatest at %v; want %v, %v", c.src, r.Min.X, r.Max.X, c.minX, c.maxX)
		}
	}
}

// TestExtremaLimits: the value f approaches at a gap is read where its
// values still converge, not next to the gap, where round-off rules
// ((e^x - 1)/x is 0/x there), and to no more digits than they allow.
func TestExtremaLimits(t *testing.T) {
	cases := []struct {
		src         string
		minX, limit float64 // the least value's place, the greatest value approached
	}{
		{"k(x) = (e^x - 1)/x + 2; extrema k in [-1, 0]", -1, 3},
		{"k(x) = (1 - cos(x))/x^2; extrema k in [-1, 1]", -1, 0.5},
		{"k(x) = sin(x)/x; extrema k in [-1, 1]", -1, 1},
		{"k(x) = -(x - 0.3)^3/(x - 0.3); extrema k in [-1, 1]", -1, 0},
	}
	for _, c := range cases {
		r := run(t, New(), c.src).(ExtremaReport)
		if r.NoMin || r.Min.X != c.minX || !r.NoMax || r.MaxLimit != c.limit {
			t.Errorf("%s: least at %v (none: %v), greatest approached %v (none: %v); want %v, %v", c.src, r.Min.X, r.NoMin, r.MaxLimit, r.NoMax, c.minX, c.limit)
		}
	}
}
