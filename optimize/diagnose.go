package optimize

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
)

// Diagnosis explains a run in numbers, for a front end to phrase: why it
// diverged and which η would not, whether it oscillated, how far a slow
// run still had to go, and what kind of point it reached. A value that
// could not be worked out is NaN (an index: -1).
type Diagnosis struct {
	// Curvature is the largest curvature of f at x0 the way the run goes:
	// the largest eigenvalue of the Hessian there for a minimum, of minus
	// the Hessian for a maximum (f''(x0), −f''(x0) in one variable), and 0
	// where there is none: only that curvature makes a fixed step overshoot,
	// and along the other the run moves away from x0 for every η (−x^2 from
	// 1 runs off whatever η). A fixed-step descent is stable near x0 only for
	// η < StableEta = 2/Curvature (2(1 + β)/Curvature with momentum; +Inf
	// when Curvature is 0); SuggestedEta is half of that, the best step
	// for a quadratic, rounded down to one significant digit.
	Curvature, StableEta, SuggestedEta float64

	// RunawayFrom is the iterate from which every step was longer than the
	// one before, each by about the factor Growth, until the run diverged;
	// -1 when a diverged run did not grow so (or the run did not diverge).
	RunawayFrom int
	Growth      float64

	// Window is the number of last updates (up to 126) that Rate and the
	// oscillation test look at, and Reversals how many of them reversed
	// the direction of the gradient (in one variable: f' changed sign).
	// Oscillating is set when at least half of them did (in a window of
	// at least 10) while the gradient did not shrink: its largest norm over the second
	// half of the window is no less than 0.99^Window of that over the first
	// half. OscillationFactor is (second/first)^(1/Window), about the ratio
	// of successive gradient norms, 1 for a steady back-and-forth.
	Window, Reversals int
	Oscillating       bool
	OscillationFactor float64

	// GradNorm is the Euclidean norm of the gradient at the point
	// reached, GradMax its largest |partial|, the value Eps is compared to.
	GradNorm, GradMax float64
	// Rate is the average ratio of successive gradient norms over the
	// Window: below 1, the run converges linearly at this rate.
	Rate float64
	// Slow is set for a run stopped by MaxIter (or interrupted) that was
	// still converging (Rate < 1) and not oscillating. MoreIterations
	// estimates, for a run that had not converged but was converging
	// linearly (slow, or oscillating with OscillationFactor < 1), the
	// updates it still needed at Rate to bring GradMax below Eps; -1 when
	// there is no estimate.
	Slow           bool
	MoreIterations int
	// Slowing is set where the rate over the second half of the window is
	// nearer 1 than over the first: convergence slower than linear, whose
	// MoreIterations is a least count.
	Slowing bool

	// Circled is, for a run of plain gradient descent that oscillates,
	// the point the run circles: between X and the next iterate, where
	// the slope of f along the step is 0 (the critical point itself in
	// one variable). CircledEigenvalues are those of the Hessian there
	// (ascending); both are nil where the slope does not change sign.
	// Whether eta lets a run settle there is for them to say, not the
	// curvature at X: (x^2 - 1)^2 from 0.577 with eta = 0.3 circles
	// between 0.73 and 1.14, around 1, where eta must stay below 0.25.
	Circled            []float64
	CircledEigenvalues []float64

	// Point is the kind of point reached by a run that converged
	// (Undecided for any other); Eigenvalues are those of the Hessian
	// there (ascending).
	// Test says what decided Point. The run stopped where |f'| < Eps, not
	// at the critical point itself: Radius is how far from X the critical
	// point may lie, as far as the derivatives at X tell, and the stretch
	// X ± Radius on which the sign of f' was looked at (0 when f' is 0 at
	// X). Order is, for HigherOrder, the order of the first derivative not
	// zero within its error, and OrderValue that derivative at X; for
	// Degenerate in one variable, the highest order that was looked at.
	Point       PointKind
	Eigenvalues []float64
	Test        PointTest
	Order       int
	OrderValue  float64
	Radius      float64
}

// PointTest says what decided the kind of a point reached by a run.
type PointTest int

const (
	// NoTest: the Hessian could not be evaluated there.
	NoTest PointTest = iota
	// SecondOrder: every eigenvalue of the Hessian is clear of zero at X
	// and stays so, with its sign, as far away as the critical point may
	// lie.
	SecondOrder
	// SignChange: f'' is zero within its error, and f' has opposite signs
	// at X − Radius and X + Radius.
	SignChange
	// HigherOrder: f'' is zero within its error, and the first derivative
	// that is not, of order Order, decides: an even order an extremum by
	// its sign, an odd order an inflection.
	HigherOrder
	// Degenerate: some eigenvalue is zero within its error and nothing
	// else decided; Point is Undecided.
	Degenerate
)

// PointKind classifies a critical point by its second derivatives.
type PointKind int

const (
	// Undecided: the tests at hand do not tell (a second derivative is
	// zero within its error, and nothing else decided), or the derivatives
	// could not be computed.
	Undecided PointKind = iota
	Minimum
	Maximum
	Saddle
	// Inflection: a critical point of a function of one variable where f'
	// does not change sign, so no extremum (x^3 at 0).
	Inflection
)

// String returns inconclusive, minimum, maximum, saddle or inflection,
// the names fprime prints in its JSON output.
func (k PointKind) String() string {
	switch k {
	case Undecided:
		return "inconclusive"
	case Minimum:
		return "minimum"
	case Maximum:
		return "maximum"
	case Saddle:
		return "saddle"
	case Inflection:
		return "inflection"
	}
	return fmt.Sprintf("PointKind(%d)", int(k))
}

// rateWindow is the size of the ring of recent squared gradient norms.
const rateWindow = 128

// tracker follows a run update by update, in a few numbers, without
// allocating: the stretch of growing steps, the stretch of reversing
// gradients, and the recent gradient norms.
type tracker struct {
	k                     int
	prevStep2, prevGss    float64
	growLen, growStart    int
	growFirst, growLast   float64
	ring                  [rateWindow]float64 // squared gradient norms
	reversed              [rateWindow]bool    // the update reversed the gradient
	lastGmax, initialGmax float64
	// marks[j] is the squared gradient norm at x_{2^j}: a baseline far
	// longer than the ring, for a rate that slows too gradually to show
	// within it.
	marks [64]float64
}

func (t *tracker) init() { t.growStart = -1 }

// first notes the gradient at x0.
func (t *tracker) first(gss, gmax float64) {
	t.ring[0] = gss
	t.prevGss = gss
	t.lastGmax, t.initialGmax = gmax, gmax
}

// step notes update k: gss and gmax of the gradient at x_k, dot the
// product of that gradient with the one at x_{k-1}, step2 |x_k − x_{k-1}|².
func (t *tracker) step(k int, gss, gmax, dot, step2 float64) {
	t.k = k
	if k >= 2 && step2 > t.prevStep2 {
		if t.growLen == 0 {
			t.growStart, t.growFirst = k-2, t.prevStep2
		}
		t.growLen++
		t.growLast = step2
	} else {
		t.growLen = 0
	}
	t.prevStep2, t.prevGss = step2, gss
	t.ring[k%rateWindow] = gss
	t.reversed[k%rateWindow] = dot < 0
	t.lastGmax = gmax
	if k&(k-1) == 0 {
		t.marks[bits.TrailingZeros(uint(k))] = gss
	}
}

// circle fills in Circled and CircledEigenvalues, in one variable: between
// the run's last iterate x and the next one, x + step·f'(x), the point
// where f' changes sign, by bisection, where it changes sign once. (In
// more, the slope along the step is 0 at points that need not be
// critical: on the floor of a valley with no minimum, x^2 y + sin(x y).)
func (d *Diagnosis) circle(p *Problem, res *Result, step float64) {
	if len(res.X) != 1 {
		return
	}
	x0, x1 := res.X[0], res.X[0]+step*res.Grad[0]
	g, at := make([]float64, 1), make([]float64, 1)
	df := func(x float64) (float64, bool) {
		at[0] = x
		_, err := p.funcGrad(g, at)
		return g[0], err == nil && finite(g)
	}
	// One sign change, as far as 64 points tell: a cycle around several
	// critical points circles none of them (2ln(cosh(x)) - ln(cosh(3x))/3
	// from 3 with eta = 6 circles ±2.97, around a maximum at 0).
	changes, prev := 0, 0.0
	for k := 0; k <= 64; k++ {
		dk, ok := df(x0 + (x1-x0)*float64(k)/64)
		if !ok {
			return
		}
		if dk*prev < 0 {
			changes++
		}
		if dk != 0 {
			prev = dk
		}
	}
	dlo, _ := df(x0)
	if changes != 1 || dlo == 0 {
		return
	}
	// To a billionth of the step, or of the point where that is less: the
	// point is for its curvature, and printed as the shortest number
	// within that. (x - 7)^2 with eta = 1.01 swings ±1e25 by 3,000
	// updates, and a billionth of the step would make 7 print as 0.)
	lo, hi := x0, x1
	for math.Abs(hi-lo) > 1e-9*math.Min(math.Abs(x1-x0), math.Max(math.Abs(lo), math.Abs(hi))) {
		mid := lo + (hi-lo)/2
		if mid == lo || mid == hi {
			break
		}
		dm, ok := df(mid)
		if !ok {
			return
		}
		if dm*dlo > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	c := []float64{Shortest(lo, hi)}
	h := make([]float64, 1)
	if hessian(p, h, c, make([]float64, 3)) != nil || !finite(h) {
		return
	}
	d.Circled, d.CircledEigenvalues = c, h
}

// diagnose fills in the Diagnosis of a finished run.
func diagnose(p *Problem, x0 []float64, res *Result, t *tracker, s *Settings, maximize bool, method Method) Diagnosis {
	d := Diagnosis{
		Curvature: math.NaN(), StableEta: math.NaN(), SuggestedEta: math.NaN(),
		RunawayFrom: -1, Growth: math.NaN(), OscillationFactor: math.NaN(),
		GradNorm: math.NaN(), GradMax: math.NaN(), Rate: math.NaN(), MoreIterations: -1,
	}
	n := len(x0)
	h := make([]float64, n*n)
	scratch := make([]float64, 3*n)
	if finite(x0) && hessian(p, h, x0, scratch) == nil && finite(h) {
		eig, _ := SymEigenvalues(h, n)
		c := eig[n-1]
		if maximize {
			c = -eig[0]
		}
		c = math.Max(c, 0)
		d.Curvature = c
		// Momentum keeps a share β of each step: stable for η up to
		// 2(1 + β)/c (x^2 with β = 0.9 converges at η = 1.5).
		reach := 1.0
		if m, ok := method.(*Momentum); ok {
			reach = 1 + m.Beta
		}
		d.StableEta = 2 * reach / c
		d.SuggestedEta = RoundDown1(reach / c)
	}
	if finite(res.Grad) {
		d.GradMax, d.GradNorm = normInf2(res.Grad)
		d.GradNorm = math.Sqrt(d.GradNorm)
	}
	if finite(res.X) && hessian(p, h, res.X, scratch) == nil && finite(h) {
		d.Eigenvalues, _ = SymEigenvalues(h, n)
		tol := 1e-9
		if p.Hess == nil {
			tol = 1e-6 // central differences are good to about 6e-11 relative
		}
		if res.Status == Converged {
			d.Point, d.Test, d.Order, d.OrderValue, d.Radius = classifyReached(p, res.X, res.Grad, d.Eigenvalues, tol)
		}
	}
	if res.Iterations == 0 {
		return d
	}
	if res.Status == Diverged && t.growLen >= 2 {
		d.RunawayFrom = t.growStart
		d.Growth = math.Pow(t.growLast/t.growFirst, 1/float64(2*t.growLen))
	}
	// The window holds an even number of updates, so that a zigzag
	// between two directions does not bias the rate.
	w := min(t.k, rateWindow-2) &^ 1
	if w == 0 {
		w = t.k
	}
	d.Window = w
	last, old := t.ring[t.k%rateWindow], t.ring[(t.k-w)%rateWindow]
	if old > 0 {
		d.Rate = math.Pow(last/old, 1/float64(2*w))
	}
	var early, late float64
	for j := 1; j <= w; j++ {
		i := (t.k - w + j) % rateWindow
		if t.reversed[i] {
			d.Reversals++
		}
		if j <= w/2 {
			early = math.Max(early, t.ring[i])
		} else {
			late = math.Max(late, t.ring[i])
		}
	}
	if w >= 10 && early > 0 {
		d.OscillationFactor = math.Pow(late/early, 1/float64(w))
		d.Oscillating = 2*d.Reversals >= w && d.OscillationFactor >= 0.99
	}
	// The rate over each half of the window (an even number of updates
	// each): a rate that grows towards 1 is convergence slower than
	// linear (x^4), which the rate of the window, extrapolated,
	// undercounts. 1 - rate falling by a thousandth tells it; a steady
	// rate's rounding is far below that (x^4 from 2 at k = 10^4: 0.6%).
	if half := (w / 2) &^ 1; half >= 2 && w-half >= 2 {
		mid := t.ring[(t.k-w+half)%rateWindow]
		if old > 0 && mid > 0 {
			rEarly := math.Pow(mid/old, 1/float64(2*half))
			rLate := math.Pow(last/mid, 1/float64(2*(w-half)))
			d.Slowing = rLate < 1 && 1-rLate < 0.999*(1-rEarly)
		}
	}
	// And over the run since x_{2^j}, the last mark at or before k/2:
	// atan(x) from 0 with eta = 1 slows from 1 - 2e-5 to 1 - 1e-5 an
	// update between 50,000 and 100,000, which no window of 126 shows,
	// and the window's rate, extrapolated, said 810,542 more where
	// 333,233,827 were needed.
	if j := bits.Len(uint(t.k/2)) - 1; j >= 4 && t.k-(1<<j) > 2*w && d.Rate < 1 {
		if base := t.marks[j]; base > 0 && last > 0 {
			rSpan := math.Pow(last/base, 1/float64(2*(t.k-(1<<j))))
			d.Slowing = d.Slowing || rSpan < 1 && 1-d.Rate < 0.9*(1-rSpan)
		}
	}
	// An estimate wants a window of 10 updates at least: x^4 from 1
	// stopped at 3 would need "33 more", and takes 31,486.
	if res.Status != Converged && w >= 10 && d.Rate < 1 && !(d.OscillationFactor >= 1) && s.Eps > 0 && t.lastGmax > 0 {
		more := math.Ceil(math.Log(s.Eps/t.lastGmax) / math.Log(d.Rate))
		if more >= 0 && more < 1e15 {
			d.MoreIterations = int(more)
		}
	}
	// Still descending only where the gradient shrank from the first half
	// of the window to the second, not where it grows back from a dip
	// ((x^2 - 1)^2 from 0.577: 1.54, 0.33, ..., 1.21 over 6 updates).
	d.Slow = (res.Status == NotConverged || res.Status == Interrupted) && !d.Oscillating && d.Rate < 1 && late < early
	return d
}

// RoundDown1 rounds v > 0 down to one significant digit: 0.0555 → 0.05.
func RoundDown1(v float64) float64 {
	if !(v > 0) || math.IsInf(v, 1) {
		return v
	}
	e := math.Pow(10, math.Floor(math.Log10(v)))
	d := math.Floor(v / e)
	if d < 1 { // Log10 rounded up across a power of ten
		e /= 10
		d = math.Floor(v / e)
	}
	return d * e
}

// classify names a critical point from its Hessian eigenvalues (ascending).
// An eigenvalue within tol·max(1, max|λ|) of zero counts as zero.
func classify(eig []float64, tol float64) PointKind {
	n := len(eig)
	if n == 0 {
		return Undecided
	}
	z := tol * math.Max(1, math.Max(math.Abs(eig[0]), math.Abs(eig[n-1])))
	lo, hi := eig[0], eig[n-1]
	switch {
	case lo < -z && hi > z:
		return Saddle
	case lo > z:
		return Minimum
	case hi < -z:
		return Maximum
	}
	return Undecided
}

// classifyReached names the point x that a run reached, where the
// gradient is g (each partial below Eps, not 0) and the Hessian has the
// eigenvalues eig. The critical point x_c is near x, not at it: a verdict
// must hold at x_c, so it must hold on all of the ball around x where
// x_c may lie.
func classifyReached(p *Problem, x, g, eig []float64, tol float64) (PointKind, PointTest, int, float64, float64) {
	kind := classify(eig, tol)
	if kind != Undecided {
		if r, ok := secondOrderHolds(p, x, g, eig, kind, tol); ok {
			return kind, SecondOrder, 2, math.NaN(), r
		}
	}
	if len(x) != 1 || p.Deriv == nil {
		return Undecided, Degenerate, 2, math.NaN(), 0
	}
	return classifyDegenerate(p, x[0], g[0], tol)
}

// secondOrderHolds tells whether the kind that the eigenvalues eig at x
// give holds at the critical point. With λ the smallest |eigenvalue|, a
// Newton step puts the critical point within r = |g|/λ of x; if on the
// ball of radius 2r the Hessian keeps the same kind, with no |eigenvalue|
// below λ/2, the gradient vanishes in the ball and the kind is that of
// the point where it does. The ball is looked at along each coordinate.
func secondOrderHolds(p *Problem, x, g, eig []float64, kind PointKind, tol float64) (float64, bool) {
	n := len(x)
	lmin := math.Inf(1)
	for _, v := range eig {
		lmin = math.Min(lmin, math.Abs(v))
	}
	_, gss := normInf2(g)
	r := math.Sqrt(gss) / lmin
	if r == 0 {
		return 0, true
	}
	if !(r < math.Inf(1)) {
		return r, false
	}
	xs := append([]float64(nil), x...)
	h, scratch := make([]float64, n*n), make([]float64, 3*n)
	for j := range n {
		for _, side := range [...]float64{-2, 2} {
			xs[j] = x[j] + side*r
			if hessian(p, h, xs, scratch) != nil || !finite(h) {
				return r, false
			}
			e, err := SymEigenvalues(h, n)
			if err != nil || classify(e, tol) != kind {
				return r, false
			}
			for _, v := range e {
				if math.Abs(v) < lmin/2 {
					return r, false
				}
			}
		}
		xs[j] = x[j]
	}
	return r, true
}

// classifyDegenerate names the point x of a function of one variable
// where a run stopped with f'(x) = g and f″ zero within its error. Near
// a critical point where the first nonzero derivative has order m,
// f'(x) ≈ f^(m)·(x−x_c)^(m−1)/(m−1)!, so each derivative k at x puts x_c
// within ((k−1)!·|g|/|f^(k)(x)|)^(1/(k−1)) of x; the largest of these,
// doubled, is the radius h of the ball looked at. Then:
//   - f' of opposite signs at x ± h: an extremum lies between;
//   - else the first derivative k ≥ 2 that is not zero within its error
//     (|f^(k)(x)| > 2h·|f^(k+1)(x)| + tol: more than the distance to x_c
//     can explain) decides: an odd k is an inflection if f' keeps one
//     sign on the ball, an even k an extremum by its sign when f' is 0
//     at x itself (h = 0: otherwise f' would change sign on the ball);
//   - else the test is inconclusive.
func classifyDegenerate(p *Problem, x, g, tol float64) (PointKind, PointTest, int, float64, float64) {
	// dv[k] is f^(k)(x) for k ≤ top; higher orders are worked out only
	// when needed (each costs a symbolic derivative in fprime).
	var dv [MaxOrder + 2]float64
	top := 1
	dv[1] = g
	more := func() bool {
		if top == MaxOrder {
			return false
		}
		v, err := p.Deriv(top+1, x)
		if err != nil || v-v != 0 {
			return false
		}
		top++
		dv[top] = v
		return true
	}
	// At an exact zero of f' the ball is the point itself; elsewhere its
	// radius needs every derivative.
	h := 0.0
	if g != 0 {
		for more() {
		}
		fact := 1.0
		for k := 2; k <= top; k++ {
			fact *= float64(k - 1)
			if dv[k] != 0 {
				h = math.Max(h, math.Pow(fact*math.Abs(g)/math.Abs(dv[k]), 1/float64(k-1)))
			}
		}
		h *= 2
	}
	gy, y1 := make([]float64, 1), make([]float64, 1)
	df := func(y float64) (int, bool) {
		y1[0] = y
		err := p.grad(gy, y1)
		return sign(gy[0]), err == nil && gy[0]-gy[0] == 0
	}
	// A sign change speaks for x only where f″(x) does not curve against
	// it: 1/(1 + x^2) from 1, stopped at 12.5 where f' is small on its
	// way to 0 at infinity, sees f' go from + to − across 12.5 ± 15.3, for
	// the maximum at 0; the curvature there says the point is no maximum.
	against := func(k PointKind) bool {
		return top >= 2 && (k == Minimum && dv[2] < -tol || k == Maximum && dv[2] > tol)
	}
	if h > 0 {
		sl, okl := df(x - h)
		sr, okr := df(x + h)
		switch {
		case !okl || !okr:
			return Undecided, Degenerate, top, math.NaN(), h
		case sl < 0 && sr > 0 && !against(Minimum):
			return Minimum, SignChange, 0, math.NaN(), h
		case sl > 0 && sr < 0 && !against(Maximum):
			return Maximum, SignChange, 0, math.NaN(), h
		}
	}
	for k := 2; k <= top || more(); k++ {
		if math.Abs(dv[k]) <= 2*h*math.Abs(dv[k+1])+tol {
			continue
		}
		if k%2 == 1 {
			if h > 0 && !oneSign(df, x-h, x+h) {
				return Undecided, Degenerate, k, math.NaN(), h
			}
			return Inflection, HigherOrder, k, dv[k], h
		}
		if h > 0 {
			return Undecided, Degenerate, k, math.NaN(), h
		}
		if dv[k] > 0 {
			return Minimum, HigherOrder, k, dv[k], h
		}
		return Maximum, HigherOrder, k, dv[k], h
	}
	return Undecided, Degenerate, max(top, 2), math.NaN(), h
}

// oneSignGrid is the number of cells on which oneSign looks at f'.
const oneSignGrid = 64

// oneSign tells whether f' takes no two strict signs on a grid over
// [lo, hi] (zeros allowed): two would be a pair of extrema nearby.
func oneSign(df func(float64) (int, bool), lo, hi float64) bool {
	seen := 0
	for i := 0; i <= oneSignGrid; i++ {
		s, ok := df(lo + (hi-lo)*float64(i)/oneSignGrid)
		if !ok {
			return false
		}
		if s != 0 {
			if seen != 0 && s != seen {
				return false
			}
			seen = s
		}
	}
	return true
}

// ClassifyPoint classifies x by the eigenvalues of the Hessian of p there
// (p.Hess, or central differences of the gradient), which it also returns
// in ascending order. It says nothing of whether x is a critical point.
func ClassifyPoint(p Problem, x []float64) (PointKind, []float64, error) {
	if p.Grad == nil && p.FuncGrad == nil && p.Hess == nil {
		return Undecided, nil, errors.New("optimize: the problem needs Hess or a gradient")
	}
	n := len(x)
	if n == 0 {
		return Undecided, nil, errors.New("optimize: x has no coordinates")
	}
	h := make([]float64, n*n)
	if err := hessian(&p, h, x, make([]float64, 3*n)); err != nil {
		return Undecided, nil, err
	}
	if !finite(h) {
		return Undecided, nil, errors.New("optimize: the Hessian is not finite there")
	}
	eig, err := SymEigenvalues(h, n)
	if err != nil {
		return Undecided, nil, err
	}
	tol := 1e-9
	if p.Hess == nil {
		tol = 1e-6
	}
	return classify(eig, tol), eig, nil
}

// hessian writes the Hessian of p at x into h (n×n row-major), from
// p.Hess or by central differences of the gradient with a step of
// ∛(machine ε)·max(1, |x_j|), symmetrized. scratch has 3n places.
func hessian(p *Problem, h, x, scratch []float64) error {
	if p.Hess != nil {
		return p.Hess(h, x)
	}
	n := len(x)
	xs, gp, gm := scratch[:n], scratch[n:2*n], scratch[2*n:3*n]
	copy(xs, x)
	const cbrtEps = 6.055454452393343e-06
	for j := 0; j < n; j++ {
		hj := cbrtEps * math.Max(1, math.Abs(x[j]))
		xs[j] = x[j] + hj
		if err := p.grad(gp, xs); err != nil {
			return err
		}
		xs[j] = x[j] - hj
		if err := p.grad(gm, xs); err != nil {
			return err
		}
		xs[j] = x[j]
		// (x+h) − (x−h) as the floats really are, not 2h.
		width := (x[j] + hj) - (x[j] - hj)
		for i := 0; i < n; i++ {
			h[i*n+j] = (gp[i] - gm[i]) / width
		}
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			v := (h[i*n+j] + h[j*n+i]) / 2
			h[i*n+j], h[j*n+i] = v, v
		}
	}
	return nil
}
