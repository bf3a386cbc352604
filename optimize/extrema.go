package optimize

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
)

// ExtremaGrid is the number of intervals of the grid on which Extrema1D
// first looks at f'. Where something happens on it (a sign change of f', a
// zero, a dip of |f'| towards zero), the search looks again on finer grids,
// so that extrema a small fraction of a grid step apart are told apart;
// features of f' narrower than a grid step that change no sign of f' at
// any grid point nor dip there can still be missed.
const ExtremaGrid = 2000

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
	// D2 is f''(X) when d2f was given and is defined there, else NaN.
	D2 float64
}

// Extrema is what Extrema1D finds on [A, B].
type Extrema struct {
	A, B float64
	// Ends are a and b with f's values there, each classified as a local
	// minimum or maximum of f on [a, b] by the sign of f' next to it.
	Ends [2]Extremum
	// Points are the local minima and maxima inside (a, b), ascending in X,
	// each once.
	Points []Extremum
	// Inflections are the stationary points that are not extrema: f'
	// vanishes there without changing sign (x^3 at 0).
	Inflections []float64
	// Min and Max are the global minimum and maximum of f on [a, b]: the
	// least and greatest of Points and Ends (the first one on a tie).
	Min, Max Extremum
	// NoMin and NoMax are set when f takes, at some grid point, a value
	// below Min (above Max): f then has no least (greatest) value on
	// [a, b], as 1/x^2 near 0, where it is undefined.
	NoMin, NoMax bool
	// Constant is set when f is constant on [a, b]: then Points is empty
	// and Min and Max are a.
	Constant bool
	// Skipped counts the grid points where f or f' could not be evaluated.
	Skipped int
}

// Extrema1D finds every local minimum and maximum of f on [a, b], given
// its derivative df and, optionally, its second derivative d2f (nil), which
// only fills in Extremum.D2. It evaluates f' on a grid of ExtremaGrid
// intervals, looks closer where f' changes sign, vanishes or dips towards
// zero, and narrows each sign change of f' by bisection to adjacent floats;
// a sign change across a point where f' jumps or is undefined is a corner.
// A zero of f' is reported in Points only if f' changes sign there, in
// Inflections otherwise. A point where f or f' returns an error or a value
// that is not finite is skipped. The error is for bad arguments, a function
// defined nowhere on the grid, or a cancelled ctx.
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
	dscale     float64
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
		s.fs[i], s.ds[i], s.ok[i] = fv, dv, okf && okd
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

	size := math.Max(1, math.Max(math.Abs(fmin), math.Abs(fmax)))
	if fmax-fmin <= 1e-12*size && s.dscale <= 1e-12*size {
		s.res.Constant = true
		s.res.Ends[0].Kind, s.res.Ends[1].Kind = Undecided, Undecided
		s.res.Min, s.res.Max = s.res.Ends[0], s.res.Ends[0]
		return s.res, nil
	}

	s.walk(grid{s.xs, s.ds, s.ok}, 0)
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	s.collect()
	return s.res, nil
}

// grid is f' at the points of a grid; ok[i] is set where xs[i] could be
// evaluated.
type grid struct {
	xs, ds []float64
	ok     []bool
}

// Zooming: where something happens (a sign change of f' with the cells
// beside it, a zero of f' on a grid point, a dip of |f'|), the search looks
// again on a grid of refineCells cells, down to refineDepth levels, so that
// zeros of f' closer together than a grid step (a cluster of extrema) are
// told apart before bisection.
const (
	refineCells = 64
	refineDepth = 2
)

// walk looks along the valid points of g for sign changes of f', runs of
// exact zeros, and dips of |f'| between points of one sign.
func (s *extremaSearch) walk(g grid, depth int) {
	idx := make([]int, 0, len(g.xs))
	for i := range g.xs {
		if g.ok[i] {
			idx = append(idx, i)
		}
	}
	for p := 0; p < len(idx); p++ {
		if s.cancelled() {
			return
		}
		i := idx[p]
		si := sign(g.ds[i])
		if si == 0 {
			q := p
			for q+1 < len(idx) && g.ds[idx[q+1]] == 0 {
				q++
			}
			if p > 0 && q+1 < len(idx) {
				h, k := idx[p-1], idx[q+1]
				if depth < refineDepth {
					s.refine(g.xs[h], g.xs[k], g.ds[h], g.ds[k], depth+1)
				} else {
					s.zeroRun(g, h, i, idx[q], k)
				}
			}
			p = q
			continue
		}
		if p+1 < len(idx) {
			j := idx[p+1]
			if sj := sign(g.ds[j]); si*sj < 0 {
				if depth < refineDepth {
					// With the cells on either side: zeros of f' come in
					// clusters, and a pair beside this one changes no sign.
					h, k := p, p+1
					if h > 0 && g.ds[idx[h-1]] != 0 {
						h--
					}
					if k+1 < len(idx) && g.ds[idx[k+1]] != 0 {
						k++
					}
					s.refine(g.xs[idx[h]], g.xs[idx[k]], g.ds[idx[h]], g.ds[idx[k]], depth+1)
				} else {
					s.bracket(g.xs[i], g.xs[j], g.ds[i], g.ds[j])
				}
			}
		}
		if p > 0 && p+1 < len(idx) {
			h, j := idx[p-1], idx[p+1]
			dh, di, dj := math.Abs(g.ds[h]), math.Abs(g.ds[i]), math.Abs(g.ds[j])
			if sign(g.ds[h]) == si && sign(g.ds[j]) == si && di <= dh && di <= dj && (di < dh || di < dj) {
				if depth < refineDepth {
					s.refine(g.xs[h], g.xs[j], g.ds[h], g.ds[j], depth+1)
				} else {
					s.dip(g.xs[h], g.xs[j], si)
				}
			}
		}
	}
}

// refine walks a finer grid over [lo, hi], where f' is dlo and dhi.
func (s *extremaSearch) refine(lo, hi, dlo, dhi float64, depth int) {
	const n = refineCells
	g := grid{make([]float64, n+1), make([]float64, n+1), make([]bool, n+1)}
	for i := 0; i <= n; i++ {
		x := lo + (hi-lo)*float64(i)/n
		switch i {
		case 0:
			g.xs[i], g.ds[i], g.ok[i] = lo, dlo, true
			continue
		case n:
			g.xs[i], g.ds[i], g.ok[i] = hi, dhi, true
			continue
		}
		g.xs[i] = x
		g.ds[i], g.ok[i] = s.eval(s.df, x)
	}
	s.walk(g, depth)
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
	x := shortest(g.xs[i], g.xs[j])
	switch {
	case sl*sr < 0:
		s.candidate(x, g.xs[h], g.xs[k], sl, false)
	case sl == sr:
		s.res.Inflections = append(s.res.Inflections, x)
	}
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
			s.candidate(mid, origLo, origHi, slo, false)
			return
		case slo:
			lo, dlo = mid, dm
		default:
			hi, dhi = mid, dm
		}
	}
	// A gap wider than a grid step's millionth is a stretch where f' is
	// undefined, not a point: it is no extremum of f.
	if hi-lo > 1e-6*(origHi-origLo) {
		return
	}
	corner := math.Min(math.Abs(dlo), math.Abs(dhi)) > 1e-6*s.dscale
	s.candidate(shortest(lo, hi), origLo, origHi, slo, corner)
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
		s.res.Inflections = append(s.res.Inflections, shortest(m-w, m+w))
	}
}

// candidate records an extremum at x, where f' changes sign from sl (its
// sign on the left) within [lo, hi]. A point where f is not a number, or
// where f jumps (a pole), is no extremum.
func (s *extremaSearch) candidate(x, lo, hi float64, sl int, corner bool) {
	fx, ok := s.eval(s.f, x)
	if !ok {
		return
	}
	// f must be continuous at x: its values just beside x agree with f(x).
	w := (hi - lo) * 1e-9
	for _, y := range [...]float64{x - w, x + w} {
		fy, ok := s.eval(s.f, y)
		if ok && math.Abs(fy-fx) > 1e-6*math.Max(1, math.Abs(fx)) {
			return
		}
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
		if c.X-s.a <= tol || s.b-c.X <= tol {
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
	lo := r.Min.F - 1e-9*math.Max(1, math.Abs(r.Min.F))
	hi := r.Max.F + 1e-9*math.Max(1, math.Abs(r.Max.F))
	for i, v := range s.fs {
		if s.ok[i] {
			r.NoMin = r.NoMin || v < lo
			r.NoMax = r.NoMax || v > hi
		}
	}
}

// shortest returns the number with the fewest significant digits in
// [lo, hi], so that a point known to lie between two adjacent floats
// prints as 0 or 3 rather than 2.9999999999999996.
func shortest(lo, hi float64) float64 {
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
