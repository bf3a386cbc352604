package optimize

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
)

// ExtremaGrid is the number of intervals of the grid on which Extrema1D
// first looks at f'. Cells where f' is not yet followed are halved (see
// ExtremaBudget), so that extrema a small fraction of a grid step apart
// are told apart; features of f' narrower than a cell that the cubic
// through f' and f″ at its ends and middle does not show can still be
// missed.
const ExtremaGrid = 2000

// ExtremaBudget bounds the work of Extrema1D, in evaluations of f, f' and
// f″. Cells of the grid where f' is not yet followed well (a cubic through
// f' and f″ at the two ends of a cell does not predict f' and f″ at its
// middle, or changes sign more than once in the cell) are halved, all
// cells of one size before any smaller, while half of the budget lasts;
// the search for sign changes of f' uses the rest. Where the budget runs
// out the result is Partial, and says where.
const ExtremaBudget = 3_000_000

// Extremum is a local minimum or maximum of a function of one variable on
// a closed interval, or the value at an end of the interval.
type Extremum struct {
	X, F float64
	// Kind is Minimum or Maximum (Undecided for an end where f is
	// constant nearby, or where it could not be evaluated).
	Kind PointKind
	// Corner is set where f' does not exist at X: it changes sign across
	// a point where it jumps or is undefined (abs(x) at 0).
	Corner bool
	// Endpoint is set for a or b: a local extremum of f on [a, b] that is
	// not a critical point of f.
	Endpoint bool
	// Edge is set for an end of a stretch where f is defined, inside
	// [a, b] (sqrt(x) at 0 on [-1, 1]): a local extremum of f on where it
	// is defined, classified by the sign of f' beside it.
	Edge bool
	// D2 is f''(X) when d2f was given and is defined there, else NaN.
	D2 float64
	// Flat is set when f' is 0 on a whole stretch around X, from FlatLo
	// to FlatHi, with f constant there (|x - 3| + |x| on [0, 3]): each
	// point of it is the same extremum, and X is one of them.
	Flat           bool
	FlatLo, FlatHi float64
}

// Gap is a stretch of [a, b] where f is undefined: between Lo and Hi, and
// at Lo (Hi) itself when LoIn (HiIn). Each border is found to adjacent
// floats and given as the shortest number between them (0 for sqrt(x),
// where f is defined, and for ln(x), where it is not). Pole is set when |f|
// grows without bound towards the gap. A gap that is one point as far as
// the search can tell (1/x at 0, which overflow widens to |x| < 1e-308) has
// Lo = Hi.
type Gap struct {
	Lo, Hi     float64
	LoIn, HiIn bool
	Pole       bool
}

// Extrema is what Extrema1D finds on [A, B].
type Extrema struct {
	A, B float64
	// Ends are a and b with f's values there, each classified as a local
	// minimum or maximum of f on [a, b] by the sign of f' next to it; F is
	// NaN (and Kind Undecided) at an end where f is undefined.
	Ends [2]Extremum
	// Points are the local minima and maxima inside (a, b), ascending in X,
	// each once, the ends of the stretches where f is defined (Edge)
	// included.
	Points []Extremum
	// Undefined are the stretches of [a, b] where f is undefined,
	// ascending.
	Undefined []Gap
	// Partial is set when the budget ran out before the search could
	// follow f' everywhere: Points are then some of the extrema, not all,
	// Min and Max the least and greatest values found, and Unresolved the
	// stretches where f' changes sign faster than the search could follow.
	Partial    bool
	Unresolved [][2]float64
	// Inflections are the stationary points that are not extrema: f'
	// vanishes there without changing sign (x^3 at 0).
	Inflections []float64
	// Min and Max are the global minimum and maximum of f on [a, b]: the
	// least and greatest of Points and Ends (the first one on a tie).
	Min, Max Extremum
	// NoMin and NoMax are set when f has no least (greatest) value on
	// [a, b]: it grows without bound towards a gap (MinPole, MaxPole: 1/x^2
	// near 0, ln(x) near 0), or, in a search that is not Partial, it takes
	// at some grid point a value below Min (above Max), as near a pole
	// between grid points or a jump. MinNear and MaxNear say where.
	NoMin, NoMax     bool
	MinPole, MaxPole bool
	MinNear, MaxNear float64
	// MinLimit (MaxLimit) is, for NoMin (NoMax) not from a pole, the
	// value f approaches near MinNear without reaching it, where f is
	// undefined (sin(x)/x near 0: 1); else NaN.
	MinLimit, MaxLimit float64
	// Constant is set when f is constant on [a, b]: then Points is empty
	// and Min and Max are a.
	Constant bool
	// Skipped counts the grid points where f or f' could not be evaluated.
	Skipped int
}

// Extrema1D finds every local minimum and maximum of f on [a, b], given
// its derivative df and, optionally, its second derivative d2f (nil: it is
// estimated from df). It evaluates f' on a grid of ExtremaGrid intervals,
// halves the cells where f' is not yet followed well (see ExtremaBudget),
// looks closer where f' changes sign, vanishes or dips towards zero, and
// narrows each sign change of f' by bisection to adjacent floats; a sign
// change across a point where f' jumps or is undefined is a corner. A zero
// of f' is reported in Points only if f' changes sign there, in
// Inflections otherwise. f is undefined where it returns an error or a
// value that is not finite: the search works on the stretches where it is
// defined, whose ends are candidates, and reports the gaps. The error is
// for bad arguments, a function defined nowhere on the grid, or a
// cancelled ctx.
func Extrema1D(ctx context.Context, f, df, d2f func(x float64) (float64, error), a, b float64) (*Extrema, error) {
	if f == nil || df == nil {
		return nil, errors.New("optimize: Extrema1D needs f and its derivative")
	}
	if !(a < b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
		return nil, fmt.Errorf("optimize: [%v, %v] is not an interval a < b of finite numbers", a, b)
	}
	s := &extremaSearch{ctx: ctx, f: f, df: df, d2f: d2f, a: a, b: b}
	return s.run()
}

type extremaSearch struct {
	ctx        context.Context
	f, df, d2f func(float64) (float64, error)
	a, b       float64

	xs, fs, ds []float64
	ok         []bool // f and f' are both numbers at xs[i]
	def        []bool // f is a number at xs[i]
	dscale     float64
	unresolved [][2]float64
	limits     [][2]float64 // x, and the value f approaches there without reaching it
	evals      int
	res        *Extrema
	cands      []Extremum
}

// eval returns g(x) and whether it is a number.
func (s *extremaSearch) eval(g func(float64) (float64, error), x float64) (float64, bool) {
	s.evals++
	v, err := g(x)
	return v, err == nil && v-v == 0
}

func (s *extremaSearch) cancelled() bool {
	yield()
	return s.ctx.Err() != nil
}

func (s *extremaSearch) run() (*Extrema, error) {
	const n = ExtremaGrid
	s.res = &Extrema{A: s.a, B: s.b}
	s.xs, s.fs, s.ds, s.ok = make([]float64, n+1), make([]float64, n+1), make([]float64, n+1), make([]bool, n+1)
	s.def = make([]bool, n+1)
	s.res.MinNear, s.res.MaxNear = math.NaN(), math.NaN()
	s.res.MinLimit, s.res.MaxLimit = math.NaN(), math.NaN()
	var fmin, fmax = math.Inf(1), math.Inf(-1)
	valid := 0
	for i := 0; i <= n; i++ {
		if i%256 == 0 && s.cancelled() {
			return nil, s.ctx.Err()
		}
		x := s.a + (s.b-s.a)*float64(i)/n
		if i == n {
			x = s.b
		}
		s.xs[i] = x
		fv, okf := s.eval(s.f, x)
		dv, okd := s.eval(s.df, x)
		s.fs[i], s.ds[i], s.ok[i], s.def[i] = fv, dv, okf && okd, okf
		if !s.ok[i] {
			s.res.Skipped++
			continue
		}
		valid++
		fmin, fmax = math.Min(fmin, fv), math.Max(fmax, fv)
		s.dscale = math.Max(s.dscale, math.Abs(dv))
	}
	if valid == 0 {
		return nil, fmt.Errorf("optimize: the function or its derivative is not defined anywhere on [%v, %v]", s.a, s.b)
	}
	s.res.Ends[0] = s.end(0)
	s.res.Ends[1] = s.end(n)

	// Constant to within rounding of f's own size, not of 1: x^2 on
	// [-1e-20, 1e-20] ranges over 1e-40 and has a minimum at 0.
	size := math.Max(math.Abs(fmin), math.Abs(fmax))
	if fmax-fmin <= 1e-12*size && s.dscale*(s.b-s.a) <= 1e-12*size || fmax == fmin && s.dscale == 0 {
		s.res.Constant = true
		s.res.Ends[0].Kind, s.res.Ends[1].Kind = Undecided, Undecided
		s.res.Min, s.res.Max = s.res.Ends[0], s.res.Ends[0]
		return s.res, nil
	}

	s.gaps()
	s.search(s.adapt())
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	s.collect()
	return s.res, nil
}

// overBudget tells whether the search has used up its evaluations.
func (s *extremaSearch) overBudget(share float64) bool {
	return float64(s.evals) > share*ExtremaBudget
}

// slope returns f″(x), or, without d2f, a central difference of f' with a
// step well inside a cell of width w.
func (s *extremaSearch) slope(x, w float64) (float64, bool) {
	if s.d2f != nil {
		return s.eval(s.d2f, x)
	}
	h := math.Max(w*1e-4, 1e-8*math.Abs(x))
	p, okp := s.eval(s.df, x+h)
	m, okm := s.eval(s.df, x-h)
	return (p - m) / ((x + h) - (x - h)), okp && okm
}

// Followed: the cubic through f' and f″ at the ends of a cell predicts
// f' and f″ at its middle to within these fractions of their size there.
const (
	followTolD1 = 0.01
	followTolD2 = 0.05
)

// adapt halves the cells of the grid where f' is not yet followed, all
// cells of one size before any smaller, within half of the budget, and
// returns the grid with the points added. A cell as narrow as floats
// allow counts as followed (a pole or a jump of f' is then bisected as a
// sign change); cells still to look at when the budget runs out are
// Unresolved.
func (s *extremaSearch) adapt() grid {
	type cell struct{ x0, x1, g0, g1, s0, s1 float64 }
	xs, ds, ok := slices.Clone(s.xs), slices.Clone(s.ds), slices.Clone(s.ok)
	var cur []cell
	minWidth := 1e-12 * (s.b - s.a)
	for i := 0; i+1 < len(s.xs); i++ {
		if !s.ok[i] || !s.ok[i+1] {
			continue
		}
		w := s.xs[i+1] - s.xs[i]
		s0, ok0 := s.slope(s.xs[i], w)
		s1, ok1 := s.slope(s.xs[i+1], w)
		if ok0 && ok1 {
			cur = append(cur, cell{s.xs[i], s.xs[i+1], s.ds[i], s.ds[i+1], s0, s1})
		}
	}
	for len(cur) > 0 {
		var next []cell
		for i, c := range cur {
			if s.overBudget(0.5) || s.cancelled() {
				for _, c := range append(next, cur[i:]...) {
					s.unresolved = append(s.unresolved, [2]float64{c.x0, c.x1})
				}
				next = nil
				break
			}
			xm := c.x0 + (c.x1-c.x0)/2
			if !(xm > c.x0 && xm < c.x1) || c.x1-c.x0 <= minWidth {
				continue
			}
			gm, okg := s.eval(s.df, xm)
			xs, ds, ok = append(xs, xm), append(ds, gm), append(ok, okg)
			if !okg {
				continue
			}
			sm, oks := s.slope(xm, c.x1-c.x0)
			if !oks {
				continue
			}
			h := c.x1 - c.x0
			// In halves and quarters first: exp near 709 has f' near the
			// largest float, and g0 + g1 would overflow.
			pg := c.g0/2 + c.g1/2 + h*(c.s0/8-c.s1/8)
			ps := 1.5*(c.g1/h-c.g0/h) - (c.s0/4 + c.s1/4)
			r := math.Max(math.Max(math.Abs(c.g0), math.Abs(c.g1)), math.Abs(gm))
			q := math.Max(math.Max(math.Abs(c.s0), math.Abs(c.s1)), math.Abs(sm))
			// The slack is for rounding: in f'' it can be far above f''
			// itself (1/abs(x) − x^2/abs(x)^3 is 0 give or take 1e-16),
			// and is negligible beside f' across the cell.
			if math.Abs(gm-pg) <= followTolD1*r+1e-12*s.dscale && math.Abs(sm-ps) <= followTolD2*q+1e-6*r/h &&
				cubicSignChanges(c.g0, c.g1, c.s0*h, c.s1*h) <= 1 {
				continue
			}
			next = append(next, cell{c.x0, xm, c.g0, gm, c.s0, sm}, cell{xm, c.x1, gm, c.g1, sm, c.s1})
		}
		cur = next
	}
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(i, j int) int { return cmp.Compare(xs[i], xs[j]) })
	g := grid{make([]float64, len(xs)), make([]float64, len(xs)), make([]bool, len(xs))}
	for k, i := range idx {
		g.xs[k], g.ds[k], g.ok[k] = xs[i], ds[i], ok[i]
	}
	return g
}

// search walks the adapted grid g cell of the first grid by cell, the
// cells with fewest points (where f' changes sign slowest) first, so that
// where the budget runs out is where f' changes sign fastest; those cells
// are Unresolved. Each stretch walked reaches two points into its
// neighbours, for the three points that a dip or a zero of f' needs: what
// is found twice is merged in collect.
func (s *extremaSearch) search(g grid) {
	type stretch struct{ lo, hi int }
	var parts []stretch
	lo := 0
	for k := 1; k < len(g.xs); k++ {
		if _, found := slices.BinarySearch(s.xs, g.xs[k]); found || k == len(g.xs)-1 {
			parts = append(parts, stretch{lo, k})
			lo = k
		}
	}
	slices.SortStableFunc(parts, func(p, q stretch) int { return (p.hi - p.lo) - (q.hi - q.lo) })
	for i, p := range parts {
		if s.overBudget(1) || s.cancelled() {
			for _, p := range parts[i:] {
				s.unresolved = append(s.unresolved, [2]float64{g.xs[p.lo], g.xs[p.hi]})
			}
			return
		}
		a, b := max(p.lo-2, 0), min(p.hi+2, len(g.xs)-1)
		s.walk(grid{g.xs[a : b+1], g.ds[a : b+1], g.ok[a : b+1]})
	}
	s.zeroRuns(g)
}

// zeroRuns finds the runs of grid points where f' is exactly 0 over the
// whole grid: a run may span many of the stretches walk follows (the
// plateau of |x - 3| + |x| on [0, 3]), and is decided by its two sides.
func (s *extremaSearch) zeroRuns(g grid) {
	idx := g.valid()
	for p := 0; p < len(idx); p++ {
		if g.ds[idx[p]] != 0 {
			continue
		}
		q := p
		for q+1 < len(idx) && g.ds[idx[q+1]] == 0 {
			q++
		}
		if p > 0 && q+1 < len(idx) {
			s.zeroRun(g, idx[p-1], idx[p], idx[q], idx[q+1])
		}
		p = q
	}
}

// cubicSignChanges counts the sign changes on [0, 1] of the cubic p with
// p(0) = g0, p(1) = g1, p'(0) = s0, p'(1) = s1: the signs at 0, at the
// turning points inside and at 1. A cell where the cubic that follows f'
// changes sign twice holds a cluster of extrema (or a dip of f' to zero),
// to be split until each cell holds one.
func cubicSignChanges(g0, g1, s0, s1 float64) int {
	a := 2*g0 + s0 - 2*g1 + s1
	b := -3*g0 - 2*s0 + 3*g1 - s1
	p := func(t float64) float64 { return ((a*t+b)*t+s0)*t + g0 }
	vals := []float64{g0}
	// p'(t) = 3a t^2 + 2b t + s0.
	var ts []float64
	if a == 0 {
		if b != 0 {
			ts = append(ts, -s0/(2*b))
		}
	} else if disc := b*b - 3*a*s0; disc >= 0 {
		r := math.Sqrt(disc)
		ts = append(ts, (-b-r)/(3*a), (-b+r)/(3*a))
		slices.Sort(ts)
	}
	for _, t := range ts {
		if t > 0 && t < 1 {
			vals = append(vals, p(t))
		}
	}
	vals = append(vals, g1)
	n, last := 0, 0
	for _, v := range vals {
		if sv := sign(v); sv != 0 {
			if last != 0 && sv != last {
				n++
			}
			last = sv
		}
	}
	return n
}

// gaps finds, between grid points where f is and is not defined, the
// border to adjacent floats, and records each stretch where f is
// undefined. A border next to a stretch where f is defined is a candidate
// (Edge), unless f grows without bound towards it.
func (s *extremaSearch) gaps() {
	n := len(s.xs) - 1
	for i := 0; i <= n; i++ {
		if s.def[i] {
			continue
		}
		j := i
		for j < n && !s.def[j+1] {
			j++
		}
		gap := Gap{Lo: s.a, Hi: s.b, LoIn: i == 0, HiIn: j == n}
		// The border may be the grid point itself (sqrt(x) at 0): f is
		// then looked at up to the grid point beyond.
		var inLo, inHi float64 // the borders, where f is defined
		if i > 0 {
			var out float64
			inLo, out = s.border(s.xs[i-1], s.xs[i])
			gap.Lo = Shortest(inLo, out)
			_, defined := s.eval(s.f, gap.Lo)
			gap.LoIn = !defined
		}
		if j < n {
			var out float64
			inHi, out = s.border(s.xs[j+1], s.xs[j])
			gap.Hi = Shortest(out, inHi)
			_, defined := s.eval(s.f, gap.Hi)
			gap.HiIn = !defined
		}
		// A gap that floats make look wider than a point (1/x^2
		// overflows for |x| < 1e-154) is that point.
		if gap.Hi-gap.Lo <= 1e-9*(s.b-s.a) {
			at := Shortest(gap.Lo, gap.Hi)
			gap.Lo, gap.Hi, gap.LoIn, gap.HiIn = at, at, true, true
		}
		if i > 0 {
			gap.Pole = s.edge(inLo, s.xs[max(i-2, 0)], -1, gap.Lo, !gap.LoIn) || gap.Pole
		}
		if j < n {
			gap.Pole = s.edge(inHi, s.xs[min(j+2, n)], 1, gap.Hi, !gap.HiIn) || gap.Pole
		}
		s.res.Undefined = append(s.res.Undefined, gap)
		i = j
	}
}

// border narrows, to adjacent floats, the border between in, where f is
// defined, and out, where it is not.
func (s *extremaSearch) border(in, out float64) (float64, float64) {
	for it := 0; it < 2100; it++ {
		mid := in + (out-in)/2
		if mid == in || mid == out {
			break
		}
		if _, ok := s.eval(s.f, mid); ok {
			in = mid
		} else {
			out = mid
		}
	}
	return in, out
}

// Pole test: f at the border x and at points 10^-j of the way from the
// grid point inside towards it. If f moves one way at every step and its
// steps do not shrink below poleRatio of the first, |f| grows without
// bound (1/x^2, ln(x) at 0); steps that shrink (sqrt(x), x^(2/3)) mean f
// has a limit, and the border is a candidate.
const (
	poleSteps = 12
	poleRatio = 0.3
)

// edge looks at the last point x where f is defined before a gap, the
// stretch where it is defined lying towards dir from x (and reaching the
// grid point inside). Where f grows without bound towards the gap, f has
// no least or greatest value near border, and edge reports true. Else
// border (x printed short) is a candidate if f is defined there
// (attained): sqrt(x) at 0. If not, f(x) is a value f approaches without
// reaching it: sin(x)/x near 0, x ln(x) near 0.
func (s *extremaSearch) edge(x, inside float64, dir int, border float64, attained bool) bool {
	fx, ok := s.eval(s.f, x)
	if !ok {
		return false
	}
	var vals []float64
	w := inside - x
	for j := 0; j <= poleSteps; j++ {
		y := x + w*math.Pow(10, -float64(j))
		if y == x {
			break
		}
		v, ok := s.eval(s.f, y)
		if !ok {
			break
		}
		vals = append(vals, v)
	}
	vals = append(vals, fx)
	if up, down := grows(vals); up || down {
		if up {
			s.res.NoMax, s.res.MaxPole, s.res.MaxNear = true, true, border
		} else {
			s.res.NoMin, s.res.MinPole, s.res.MinNear = true, true, border
		}
		return true
	}
	if !attained {
		s.limits = append(s.limits, [2]float64{border, approached(vals)})
		return false
	}
	if fb, ok := s.eval(s.f, border); ok {
		x, fx = border, fb
	}
	e := Extremum{X: x, F: fx, Edge: true, D2: math.NaN()}
	// The sign of f' nearest the border, going inwards.
	for j := poleSteps; j >= 0; j-- {
		y := x + w*math.Pow(10, -float64(j))
		if y == x {
			continue
		}
		if d, ok := s.eval(s.df, y); ok && d != 0 {
			if sign(d)*dir > 0 {
				e.Kind = Minimum
			} else {
				e.Kind = Maximum
			}
			break
		}
	}
	s.cands = append(s.cands, e)
	return false
}

// grows tells whether the values, approaching a border, rise (up) or fall
// (down) at every step by steps that do not die away.
func grows(v []float64) (up, down bool) {
	if len(v) < 4 {
		return false, false
	}
	first := v[1] - v[0]
	if first == 0 {
		return false, false
	}
	for k := 1; k < len(v); k++ {
		d := v[k] - v[k-1]
		if sign(d) != sign(first) {
			return false, false
		}
	}
	last := v[len(v)-1] - v[len(v)-2]
	if math.Abs(last) < poleRatio*math.Abs(first) {
		return false, false
	}
	return first > 0, first < 0
}

// grid is f' at the points of a grid; ok[i] is set where xs[i] could be
// evaluated.
type grid struct {
	xs, ds []float64
	ok     []bool
}

// valid is the indexes of the points of g where f' has a value.
func (g grid) valid() []int {
	idx := make([]int, 0, len(g.xs))
	for i := range g.xs {
		if g.ok[i] {
			idx = append(idx, i)
		}
	}
	return idx
}

// walk looks along the valid points of g for sign changes of f' and dips
// of |f'| between points of one sign; runs of exact zeros are zeroRuns'.
func (s *extremaSearch) walk(g grid) {
	idx := g.valid()
	for p := 0; p < len(idx); p++ {
		if s.cancelled() {
			return
		}
		i := idx[p]
		if s.overBudget(1) {
			s.unresolved = append(s.unresolved, [2]float64{g.xs[i], g.xs[idx[len(idx)-1]]})
			return
		}
		si := sign(g.ds[i])
		if si == 0 {
			continue // zeroRuns' to follow
		}
		if p+1 < len(idx) {
			j := idx[p+1]
			if sj := sign(g.ds[j]); si*sj < 0 {
				s.bracket(g.xs[i], g.xs[j], g.ds[i], g.ds[j])
			}
		}
		if p > 0 && p+1 < len(idx) {
			h, j := idx[p-1], idx[p+1]
			dh, di, dj := math.Abs(g.ds[h]), math.Abs(g.ds[i]), math.Abs(g.ds[j])
			if sign(g.ds[h]) == si && sign(g.ds[j]) == si && di <= dh && di <= dj && (di < dh || di < dj) {
				s.dip(g.xs[h], g.xs[j], si)
			}
		}
	}
}

func sign(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// end classifies the end at grid index i by the sign of f' there, or next
// to it when f' is 0 there.
func (s *extremaSearch) end(i int) Extremum {
	e := Extremum{X: s.xs[i], F: math.NaN(), D2: math.NaN(), Endpoint: true}
	if v, ok := s.eval(s.f, e.X); ok {
		e.F = v
	} else {
		return e
	}
	step, dir := 1, 1 // at a, f' > 0 makes a a minimum
	if i != 0 {
		step, dir = -1, -1
	}
	for j := i; j >= 0 && j < len(s.xs); j += step {
		if !s.ok[j] || s.ds[j] == 0 {
			continue
		}
		if sign(s.ds[j])*dir > 0 {
			e.Kind = Minimum
		} else {
			e.Kind = Maximum
		}
		// f' is 0 from the end to beyond the next grid point: f is
		// constant there (|x - 3| + |x| on [-1, 2] ends on its plateau).
		if k := j - step; k != i && s.ok[i] && s.ds[i] == 0 {
			if v, ok := s.eval(s.f, s.xs[k]); ok && math.Abs(v-e.F) <= 1e-12*math.Max(1, math.Abs(e.F)) {
				e.Flat = true
				e.FlatLo, e.FlatHi = e.X, s.flatEdge(s.xs[k], s.xs[j])
				if e.FlatLo > e.FlatHi {
					e.FlatLo, e.FlatHi = e.FlatHi, e.FlatLo
				}
			}
		}
		break
	}
	e.D2 = s.second(e.X)
	return e
}

func (s *extremaSearch) second(x float64) float64 {
	if s.d2f == nil {
		return math.NaN()
	}
	if v, ok := s.eval(s.d2f, x); ok {
		return v
	}
	return math.NaN()
}

// zeroRun handles grid points i..j where f' is exactly 0, with h and k the
// valid points just outside them. The sign of f' just beside the run
// decides between an extremum and an inflection; a sign change between
// there and h or k is another zero of f', closer to the run than a grid
// step.
func (s *extremaSearch) zeroRun(g grid, h, i, j, k int) {
	delta := 1e-6 * (g.xs[k] - g.xs[h])
	xl, xr := g.xs[i]-delta, g.xs[j]+delta
	dl, okl := s.eval(s.df, xl)
	dr, okr := s.eval(s.df, xr)
	if !okl || dl == 0 {
		xl, dl = g.xs[h], g.ds[h]
	}
	if !okr || dr == 0 {
		xr, dr = g.xs[k], g.ds[k]
	}
	if sign(g.ds[h])*sign(dl) < 0 {
		s.bracket(g.xs[h], xl, g.ds[h], dl)
	}
	if sign(dr)*sign(g.ds[k]) < 0 {
		s.bracket(xr, g.xs[k], dr, g.ds[k])
	}
	sl, sr := sign(dl), sign(dr)
	x := Shortest(g.xs[i], g.xs[j])
	switch {
	case sl*sr < 0:
		s.candidate(x, g.xs[h], g.xs[k], sl, false, g.xs[h], g.xs[k])
		if i != j {
			s.flat(g, h, i, j, k)
		}
	case sl == sr:
		s.res.Inflections = append(s.res.Inflections, x)
	}
}

// flat marks the candidate zeroRun just recorded as a stretch where f is
// constant, when it is: f' is 0 at grid points i to j, and f the same at
// both ends and at the candidate. Its ends are found by bisection to where
// f' stops being 0 (or undefined, at a corner), towards h and k.
func (s *extremaSearch) flat(g grid, h, i, j, k int) {
	if len(s.cands) == 0 {
		return
	}
	c := &s.cands[len(s.cands)-1]
	if c.X < g.xs[i] || c.X > g.xs[j] {
		return
	}
	for _, x := range [...]float64{g.xs[i], g.xs[j]} {
		v, ok := s.eval(s.f, x)
		if !ok || math.Abs(v-c.F) > 1e-12*math.Max(1, math.Abs(c.F)) {
			return
		}
	}
	c.Flat, c.FlatLo, c.FlatHi = true, s.flatEdge(g.xs[i], g.xs[h]), s.flatEdge(g.xs[j], g.xs[k])
}

// flatEdge finds, by bisection, where f' stops being 0 (or is undefined,
// at a corner) between zero, where it is 0, and other, where it is not.
func (s *extremaSearch) flatEdge(zero, other float64) float64 {
	for range 200 {
		mid := zero + (other-zero)/2
		if mid == zero || mid == other {
			break
		}
		if d, ok := s.eval(s.df, mid); ok && d == 0 {
			zero = mid
		} else {
			other = mid
		}
	}
	return Shortest(min(zero, other), max(zero, other))
}

// bracket narrows a sign change of f' between lo and hi (dlo, dhi the
// values of f' there) by bisection, then records the point found.
func (s *extremaSearch) bracket(lo, hi, dlo, dhi float64) {
	slo := sign(dlo)
	origLo, origHi := lo, hi
	for it := 0; it < 300; it++ {
		if s.cancelled() {
			return
		}
		mid := lo + (hi-lo)/2
		if !(mid > lo && mid < hi) {
			break
		}
		dm, ok := s.eval(s.df, mid)
		if !ok {
			// f' undefined exactly here (abs(x) at 0): look just beside.
			for _, t := range [...]float64{0.4999, 0.5001, 0.25, 0.75} {
				mid = lo + (hi-lo)*t
				if dm, ok = s.eval(s.df, mid); ok {
					break
				}
			}
			if !ok {
				break
			}
		}
		switch sign(dm) {
		case 0:
			s.candidate(mid, origLo, origHi, slo, false, origLo, origHi)
			return
		case slo:
			lo, dlo = mid, dm
		default:
			hi, dhi = mid, dm
		}
	}
	// A gap wider than a cell's millionth (and than a few floats, for a
	// cell as narrow as floats allow) is a stretch where f' is undefined,
	// not a point: it is no extremum of f.
	if hi-lo > math.Max(1e-6*(origHi-origLo), 4*ulp(hi)) {
		return
	}
	corner := math.Min(math.Abs(dlo), math.Abs(dhi)) > 1e-6*s.dscale
	// f is compared with its values at the narrowed bracket, not across
	// the cell: a cusp (sqrt(abs(x)) at 0) changes f fast but is no jump.
	s.candidate(Shortest(lo, hi), lo, hi, slo, corner, origLo, origHi)
}

// dip looks between lo and hi, where f' has sign sg at both ends and |f'|
// a dip in the middle, for the least of sg·f' by golden-section search: a
// value below zero means two sign changes, a value of zero a stationary
// point where f' does not change sign.
func (s *extremaSearch) dip(lo, hi float64, sg int) {
	g := float64(sg)
	val := func(x float64) (float64, bool) {
		v, ok := s.eval(s.df, x)
		return g * v, ok
	}
	const r = 0.6180339887498949
	a, b := lo, hi
	c, d := b-r*(b-a), a+r*(b-a)
	fc, okc := val(c)
	fd, okd := val(d)
	for it := 0; it < 200 && okc && okd; it++ {
		if s.cancelled() {
			return
		}
		if fc < 0 || fd < 0 {
			break
		}
		if !(b-a > 4e-16*math.Max(math.Abs(a), math.Abs(b))) {
			break
		}
		if fc <= fd {
			b, d, fd = d, c, fc
			c = b - r*(b-a)
			fc, okc = val(c)
		} else {
			a, c, fc = c, d, fd
			d = a + r*(b-a)
			fd, okd = val(d)
		}
	}
	if !okc || !okd {
		return
	}
	m, fm := c, fc
	if fd < fc {
		m, fm = d, fd
	}
	switch {
	case fm < 0:
		dl, _ := s.eval(s.df, lo)
		dh, _ := s.eval(s.df, hi)
		dmv, _ := s.eval(s.df, m)
		s.bracket(lo, m, dl, dmv)
		s.bracket(m, hi, dmv, dh)
	case fm <= 1e-12*s.dscale:
		// Where f' touches zero is known to about the square root of
		// its rounding error, far less well than a and b say.
		w := 1e-9 * (hi - lo)
		s.res.Inflections = append(s.res.Inflections, Shortest(m-w, m+w))
	}
}

// candidate records an extremum at x, where f' changes sign from sl (its
// sign on the left) within [lo, hi], in the cell [cellLo, cellHi] that
// the search narrowed. A point where f is not a number, where f jumps (a
// pole), or where the sign change is rounding noise is no extremum.
func (s *extremaSearch) candidate(x, lo, hi float64, sl int, corner bool, cellLo, cellHi float64) {
	fx, ok := s.eval(s.f, x)
	if !ok {
		s.pointGap(x, lo, hi)
		return
	}
	// f must be continuous at x: its values just beside x agree with f(x).
	w := math.Max((hi-lo)*1e-9, 4*ulp(x))
	for _, y := range [...]float64{x - w, x + w} {
		fy, ok := s.eval(s.f, y)
		if ok && math.Abs(fy-fx) > 1e-6*math.Max(1, math.Abs(fx)) {
			return
		}
	}
	if s.noise(x, sl, cellLo, cellHi) {
		return
	}
	e := Extremum{X: x, F: fx, Kind: Maximum, Corner: corner, D2: math.NaN()}
	if sl < 0 {
		e.Kind = Minimum
	}
	if !corner {
		e.D2 = s.second(x)
	}
	s.cands = append(s.cands, e)
}

// noise reports whether the sign change of f' at x (from sl) is rounding
// noise: points around x, at distances growing fourfold up to the cell's
// ends, do not all show it. Beside a point where f is undefined f'
// cancels: (1 - cos(x))/x^2 has f' = (x sin(x) - 2(1 - cos(x)))/x^3, of
// either sign at random within 1e-3 of 0.
func (s *extremaSearch) noise(x float64, sl int, cellLo, cellHi float64) bool {
	for d := max(1e-9*(s.b-s.a), 4*ulp(x)); x-d > cellLo || x+d < cellHi; d *= 4 {
		for _, p := range [...]struct {
			y    float64
			want int
		}{{x - d, sl}, {x + d, -sl}} {
			if p.y <= cellLo || p.y >= cellHi {
				continue
			}
			if v, ok := s.eval(s.df, p.y); ok && sign(v) == -p.want {
				return true
			}
		}
	}
	return false
}

// collect sorts and deduplicates the candidates, drops those at the ends,
// and picks the global minimum and maximum.
func (s *extremaSearch) collect() {
	r := s.res
	tol := 1e-9 * (s.b - s.a)
	slices.SortStableFunc(s.cands, func(p, q Extremum) int {
		switch {
		case p.X < q.X:
			return -1
		case p.X > q.X:
			return 1
		}
		return 0
	})
	for _, c := range s.cands {
		// Beside a point where f is undefined, f' cancels: sin(x)/x has
		// f' = (x cos(x) - sin(x))/x^2, 0 to the last bit at 2.2e-8
		// (its noise reaches about sqrt(ε) from 0).
		beside := max(tol, 1e-7*max(1, math.Abs(c.X)))
		if !c.Edge && (c.X-s.a <= tol || s.b-c.X <= tol || s.besideGap(c.X, beside)) {
			continue
		}
		if k := len(r.Points); k > 0 && c.X-r.Points[k-1].X <= tol && c.Kind == r.Points[k-1].Kind {
			continue
		}
		r.Points = append(r.Points, c)
	}
	slices.Sort(r.Inflections)
	infl := r.Inflections[:0]
	for _, x := range r.Inflections {
		if x-s.a <= tol || s.b-x <= tol || (len(infl) > 0 && x-infl[len(infl)-1] <= tol) {
			continue
		}
		infl = append(infl, x)
	}
	r.Inflections = infl
	if len(r.Inflections) == 0 {
		r.Inflections = nil
	}

	s.partial()
	all := append([]Extremum{r.Ends[0]}, r.Points...)
	all = append(all, r.Ends[1])
	first := true
	for _, e := range all {
		if e.F-e.F != 0 {
			continue
		}
		if first || e.F < r.Min.F {
			r.Min = e
		}
		if first || e.F > r.Max.F {
			r.Max = e
		}
		first = false
	}
	if first {
		r.Min = Extremum{X: math.NaN(), F: math.NaN(), D2: math.NaN()}
		r.Max = r.Min
		r.NoMin, r.NoMax = true, true
		return
	}
	if r.Partial {
		return
	}
	lo := r.Min.F - 1e-9*math.Max(1, math.Abs(r.Min.F))
	hi := r.Max.F + 1e-9*math.Max(1, math.Abs(r.Max.F))
	// A value f approaches beyond every candidate, where it is undefined:
	// no least (greatest) value.
	for _, l := range s.limits {
		if l[1] < lo && !r.MinPole && !(l[1] >= r.MinLimit) {
			r.NoMin, r.MinNear, r.MinLimit = true, l[0], l[1]
		}
		if l[1] > hi && !r.MaxPole && !(l[1] <= r.MaxLimit) {
			r.NoMax, r.MaxNear, r.MaxLimit = true, l[0], l[1]
		}
	}
	// A grid value beyond every candidate: f has no least (greatest)
	// value, the candidate the search would have found being missing only
	// where f is not continuous. Said near the most extreme such value.
	decidedMin, decidedMax := r.NoMin, r.NoMax
	least, greatest := lo, hi
	iMin, iMax := -1, -1
	for i, v := range s.fs {
		if !s.ok[i] {
			continue
		}
		if !decidedMin && v < least {
			r.NoMin, iMin, least = true, i, v
		}
		if !decidedMax && v > greatest {
			r.NoMax, iMax, greatest = true, i, v
		}
	}
	if iMin >= 0 {
		r.MinNear = s.mostExtreme(iMin, -1)
	}
	if iMax >= 0 {
		r.MaxNear = s.mostExtreme(iMax, 1)
	}
}

// mostExtreme narrows, from grid point i and the cells on both sides, to
// where f is most extreme (dir 1 for greatest, -1 for least), by ternary
// search: where f grows without bound, the pole, which the grid straddles
// (tan on [0, 4] is greatest at the grid point 1.570 and least at 1.572,
// both for the pole at π/2).
func (s *extremaSearch) mostExtreme(i, dir int) float64 {
	lo, hi := s.xs[max(i-1, 0)], s.xs[min(i+1, len(s.xs)-1)]
	val := func(x float64) float64 {
		v, ok := s.eval(s.f, x)
		if !ok {
			return math.Inf(-1)
		}
		return float64(dir) * v
	}
	for range 200 {
		m1, m2 := lo+(hi-lo)/3, hi-(hi-lo)/3
		if !(lo < m1 && m1 < m2 && m2 < hi) {
			break
		}
		if val(m1) >= val(m2) {
			hi = m2
		} else {
			lo = m1
		}
	}
	return lo + (hi-lo)/2
}

// pointGap records x, where f' changes sign but f is undefined, as a gap
// of one point that the grid stepped over ((x - 0.3)^3/(x - 0.3) at 0.3),
// with the value f approaches there or its pole.
func (s *extremaSearch) pointGap(x, lo, hi float64) {
	if s.besideGap(x, 0) {
		return
	}
	w := math.Max((hi-lo)*1e-9, 4*ulp(x))
	if _, ok := s.eval(s.f, x-w); !ok {
		return
	}
	if _, ok := s.eval(s.f, x+w); !ok {
		return
	}
	gap := Gap{Lo: x, Hi: x, LoIn: true, HiIn: true}
	// The pole test wants room to see f grow: a refined bracket is too
	// narrow for that.
	reach := 1e-3 * (s.b - s.a)
	gap.Pole = s.edge(x-w, math.Max(s.a, math.Min(lo, x-reach)), -1, x, false)
	gap.Pole = s.edge(x+w, math.Min(s.b, math.Max(hi, x+reach)), 1, x, false) || gap.Pole
	i, _ := slices.BinarySearchFunc(s.res.Undefined, x, func(g Gap, x float64) int { return cmp.Compare(g.Lo, x) })
	s.res.Undefined = slices.Insert(s.res.Undefined, i, gap)
}

// besideGap reports whether x lies within tol of where f is undefined:
// there f' is rounding noise (sin(x)/x at 3e-9), and what f does is the
// gap's to say, as the value it approaches.
func (s *extremaSearch) besideGap(x, tol float64) bool {
	for _, g := range s.res.Undefined {
		if x >= g.Lo-tol && x <= g.Hi+tol {
			return true
		}
	}
	return false
}

// partial merges the stretches the search could not follow (those that
// touch, or nearly), and marks the result Partial if there are any.
func (s *extremaSearch) partial() {
	u := s.unresolved
	if len(u) == 0 {
		return
	}
	slices.SortFunc(u, func(p, q [2]float64) int { return cmp.Compare(p[0], q[0]) })
	out := [][2]float64{u[0]}
	for _, c := range u[1:] {
		if last := &out[len(out)-1]; c[0]-last[1] <= 1e-9*(s.b-s.a) {
			last[1] = math.Max(last[1], c[1])
		} else {
			out = append(out, c)
		}
	}
	s.res.Partial, s.res.Unresolved = true, out
}

// ulp is the distance from x to the next float away from zero.
func ulp(x float64) float64 {
	x = math.Abs(x)
	return math.Nextafter(x, math.Inf(1)) - x
}

// Shortest returns the number with the fewest significant digits in
// [lo, hi], so that a point known to lie between two adjacent floats
// prints as 0 or 3 rather than 2.9999999999999996.
func Shortest(lo, hi float64) float64 {
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo <= 0 && 0 <= hi {
		return 0
	}
	mid := lo + (hi-lo)/2
	for prec := 1; prec <= 17; prec++ {
		v, err := strconv.ParseFloat(strconv.FormatFloat(mid, 'e', prec-1, 64), 64)
		if err == nil && lo <= v && v <= hi {
			return v
		}
	}
	return mid
}

// approached is the value that f's values, taken ever nearer a gap,
// approach: the last of them while their steps still shrink, before
// round-off takes over, to no more digits than the last step allows.
// (e^x - 1)/x next to 0 is 0/x, but 1.00000 at 5e-8 from it; (x - 0.3)^2
// next to 0.3 is 4.9e-32, a limit of 0.
func approached(vals []float64) float64 {
	best, change := 0, math.Inf(1)
	for j := 1; j < len(vals); j++ {
		d := math.Abs(vals[j] - vals[j-1])
		if d > change/2 {
			break
		}
		best, change = j, d
	}
	return roundToError(vals[best], change)
}

// roundToError writes v to no more digits than err allows: 0 where |v| is
// within err of it.
func roundToError(v, err float64) float64 {
	switch {
	case math.Abs(v) <= err:
		return 0
	case err == 0 || v-v != 0:
		return v
	}
	// Digits down to the decade above err: v is within err of the limit.
	digits := int(math.Floor(math.Log10(math.Abs(v)))-math.Ceil(math.Log10(err))) + 1
	if digits >= 17 {
		return v
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', digits, 64), 64)
	return r
}
