package plot

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// point is a point of a curve in data coordinates.
type point struct{ x, y float64 }

// samples are a curve's values at n evenly spaced x; NaN where f is
// undefined or not finite. large counts the points where f returned ±Inf
// with no error: a value too large for a float64, not an undefined one.
type samples struct {
	f     Func
	xs    []float64
	ys    []float64
	large int
}

func eval(f Func, x float64) float64 {
	y, err := f(x)
	if err != nil || math.IsInf(y, 0) {
		return math.NaN()
	}
	return y
}

func sample(f Func, x0, x1 float64, n int) samples {
	s := samples{f: f, xs: make([]float64, n), ys: make([]float64, n)}
	for i := range n {
		x := x0 + (x1-x0)*float64(i)/float64(n-1)
		s.xs[i], s.ys[i] = x, eval(f, x)
		if y, err := f(x); err == nil && math.IsInf(y, 0) {
			s.large++
		}
	}
	return s
}

// blank says why f has no value to draw at any sample, or "" where it has
// one: x^2 on [-1e200, 1e200] is too large for a float64, not undefined.
func (s samples) blank() string {
	switch {
	case !s.undefined():
		return ""
	case s.large == len(s.ys):
		return "too large for a float64 at every point drawn"
	case s.large > 0:
		return "undefined or too large for a float64 at every point drawn"
	}
	return "undefined at every point drawn"
}

// undefined says whether f has no value at any sample.
func (s samples) undefined() bool {
	for _, y := range s.ys {
		if !math.IsNaN(y) {
			return false
		}
	}
	return true
}

// pieces splits the curve into polylines that may be drawn joined: it
// breaks where f is undefined and at jumps (poles, steps). tol is the
// smallest difference in y that shows (one dot, one pixel); lo and hi the
// visible y range.
func (s samples) pieces(tol, lo, hi float64) [][]point {
	var out [][]point
	var cur []point
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
		}
		cur = nil
	}
	for i := range s.xs {
		x, y := s.xs[i], s.ys[i]
		if math.IsNaN(y) {
			// Follow the curve to the edge of where it is defined, so that
			// ln(x) goes down to the frame rather than stopping a step short.
			if len(cur) > 0 {
				cur = append(cur, s.edge(cur[len(cur)-1], x))
			}
			flush()
			continue
		}
		if len(cur) == 0 && i > 0 {
			cur = append(cur, s.edge(point{x, y}, s.xs[i-1]))
		}
		if len(cur) > 0 {
			prev := cur[len(cur)-1]
			if s.jumps(prev, point{x, y}, tol, lo, hi) {
				flush()
			}
		}
		cur = append(cur, point{x, y})
	}
	flush()
	return out
}

// edge returns the point nearest to bad, found by bisection from good, where f
// is still defined.
func (s samples) edge(good point, bad float64) point {
	for range 40 {
		m := (good.x + bad) / 2
		if m == good.x || m == bad {
			break
		}
		if y := eval(s.f, m); math.IsNaN(y) {
			bad = m
		} else {
			good = point{m, y}
		}
	}
	return good
}

// jumps says whether f has a discontinuity between a and b: it halves the
// interval, keeping the half where f changes most, and finds a change of
// more than tol left in an interval too narrow to hold a continuous one (a
// pole of tan, a step of sgn), or a point where f is undefined. A line drawn
// across it would be a lie: a vertical stroke joining +∞ to −∞.
func (s samples) jumps(a, b point, tol, lo, hi float64) bool {
	if math.Abs(a.y-b.y) <= tol {
		return false
	}
	if (a.y > hi && b.y > hi) || (a.y < lo && b.y < lo) {
		return false // nothing of it shows either way
	}
	for range 60 {
		m := (a.x + b.x) / 2
		if m == a.x || m == b.x {
			return true
		}
		y := eval(s.f, m)
		if math.IsNaN(y) {
			return true
		}
		if math.Abs(a.y-y) >= math.Abs(y-b.y) {
			b = point{m, y}
		} else {
			a = point{m, y}
		}
		if math.Abs(a.y-b.y) <= tol {
			return false
		}
	}
	return true
}

// cut says which values a y range leaves out.
type cut struct{ below, above bool }

// note says in words which values are not shown, or is empty.
func (c cut) note(lo, hi float64) string {
	switch {
	case c.below && c.above:
		return fmt.Sprintf("y is cut to [%s, %s]: values beyond it are not shown", num(lo), num(hi))
	case c.below:
		return fmt.Sprintf("values below y = %s are not shown", num(lo))
	case c.above:
		return fmt.Sprintf("values above y = %s are not shown", num(hi))
	}
	return ""
}

// yRange chooses the y range from the finite values: their full extent
// unless a few of them lie far beyond the rest (near a pole), in which case
// the range is cut at the 5% or 95% quantile, with a margin, and the cut
// says on which side.
func yRange(values []float64) (lo, hi float64, clipped cut) {
	v := make([]float64, 0, len(values))
	for _, y := range values {
		// Beyond 1e300 the range's width would overflow: such values are
		// clipped like any other outlier.
		switch {
		case math.Abs(y) <= 1e300:
			v = append(v, y)
		case y > 0:
			clipped.above = true
		case y < 0:
			clipped.below = true
		}
	}
	if len(v) == 0 {
		return -1, 1, clipped
	}
	slices.Sort(v)
	min, max := v[0], v[len(v)-1]
	q := func(p float64) float64 { return v[int(p*float64(len(v)-1)+0.5)] }
	qlo, qhi := q(0.05), q(0.95)
	span := qhi - qlo
	lo, hi = min, max
	if span == 0 && len(v) > 1 && (min < qlo || max > qhi) {
		span = math.Max(math.Abs(qlo)/10, 1) // a constant but for a spike
	}
	if min < qlo-span/2 {
		lo, clipped.below = qlo-span/5, true
	}
	if max > qhi+span/2 {
		hi, clipped.above = qhi+span/5, true
	}
	if hi-lo == 0 {
		d := math.Max(math.Abs(lo)/10, 1)
		return lo - d, hi + d, clipped
	}
	m := (hi - lo) / 20 // so that a maximum does not lie on the frame
	return lo - m, hi + m, clipped
}

// ticks returns round numbers in [lo, hi], 1, 2 or 5 times a power of ten
// apart, as many as fit in n+1 (the finest such spacing), and their labels.
func ticks(lo, hi float64, n int) ([]float64, []string) {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return nil, nil
	}
	n = max(n, 1)
	// Rounding may put k·step a hair beyond hi (7·0.1 > 0.7).
	eps := (hi - lo) * 1e-9
	count := func(step float64) int {
		return int(math.Floor((hi+eps)/step) - math.Ceil((lo-eps)/step) + 1)
	}
	e := math.Floor(math.Log10((hi-lo)/float64(n+1))) - 1
	var step float64
search:
	for ; ; e++ {
		for _, m := range []float64{1, 2, 5} {
			if step = m * math.Pow(10, e); count(step) <= n+1 {
				break search
			}
		}
	}
	decimals := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	big := math.Max(math.Abs(lo), math.Abs(hi))
	// Very small or very large numbers in powers of ten, with the digits
	// that tell neighbouring ticks apart.
	exp := decimals > 6 || big >= 1e7
	digits := max(1, int(math.Ceil(math.Log10(big/step)))+1)
	var vs []float64
	var ls []string
	for k := math.Ceil((lo - eps) / step); k*step <= hi+eps; k++ {
		v := k * step
		if v == 0 {
			v = 0 // no "-0"
		}
		vs = append(vs, v)
		if exp {
			ls = append(ls, strconv.FormatFloat(v, 'g', digits, 64))
		} else {
			ls = append(ls, strconv.FormatFloat(v, 'f', decimals, 64))
		}
	}
	return vs, ls
}
