package optimize

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
)

// Bound is the largest absolute value a coordinate of x may take: a run
// whose iterate has a coordinate beyond it has diverged.
const Bound = 1e100

// pollEvery is how many updates pass between two looks at the context. A
// look costs a few nanoseconds; 256 updates of even a slow function (100 µs
// an evaluation) take 25 ms, well inside the 100 ms a cancel may take.
const pollEvery = 256

// Problem is the function to minimize or maximize, as plain Go functions of
// x. Every function reports a point where it cannot be evaluated (a domain
// error such as ln(-1), a division by zero, an overflow) by returning an
// error, or by returning a value that is not finite: to the optimizer both
// mean the same thing, the run has left the region where the function is a
// number, and the run ends as Diverged with the error kept in
// Result.Cause. A function that can fail for other reasons should be
// checked before a run.
type Problem struct {
	// Func returns f(x).
	Func func(x []float64) (float64, error)
	// Grad writes ∇f(x) into grad, which has len(x) places.
	Grad func(grad, x []float64) error
	// FuncGrad, if set, computes f(x) and ∇f(x) together (a compiled
	// program that shares their common parts, say). The descent loop then
	// uses it instead of Func and Grad, which may be nil.
	FuncGrad func(grad, x []float64) (float64, error)
	// Hess, optional, writes the Hessian of f at x into hess, row-major
	// n×n. When it is nil the Hessian is estimated by central differences
	// of the gradient.
	Hess func(hess, x []float64) error
	// Descent, optional, makes plain gradient-descent updates itself,
	// faster than a loop through FuncGrad can. Plain gradient descent
	// without a Recorder uses it and goes on from where it stops as it
	// would have: the run is the same, bit for bit.
	Descent Descent
	// Deriv, optional, for a function of one variable, returns its k-th
	// derivative at x, for 2 ≤ k ≤ MaxOrder (an error for an order it
	// cannot give). Where f'' is zero within its error at the point a run
	// reached, the Diagnosis uses them for the first-nonzero-derivative
	// test; without them such a point is Undecided.
	Deriv func(k int, x float64) (float64, error)
}

// Descent makes plain gradient-descent updates on a problem's function
// itself: the function compiled together with the loop, say (symbolic's
// Program.Descender, in machine code).
type Descent interface {
	// Descend starts from x, where g and *f hold ∇f(x) and f(x). While
	// max|g_i| ≥ eps and fewer than len(ups) updates are made, it sets
	// x_i to x_i + float64(step·g_i) and g and *f to ∇f(x) and f(x)
	// there, and records update k in ups[k]. It stops before an update
	// that takes a coordinate past Bound or gives a value that is not
	// finite, leaving x, g and *f as they were, and returns the number
	// of updates made.
	Descend(x, g []float64, f *float64, step, eps float64, ups []Update) int
}

// DescentFunc lets a plain function be a Descent.
type DescentFunc func(x, g []float64, f *float64, step, eps float64, ups []Update) int

// Descend calls fn.
func (fn DescentFunc) Descend(x, g []float64, f *float64, step, eps float64, ups []Update) int {
	return fn(x, g, f, step, eps, ups)
}

// Update is what a Descent records of one update for the diagnosis, each
// sum taken in the order of the coordinates, as the loop in Go takes it.
type Update struct {
	GradSq  float64 // Σ g_i² at the new point
	GradMax float64 // max |g_i| at the new point
	Dot     float64 // the new gradient times the one before
	StepSq  float64 // |Δx|², the squared length of the update
}

// MaxOrder is the highest derivative the classification of a point asks
// Problem.Deriv for.
const MaxOrder = 8

func (p *Problem) check() error {
	if p.FuncGrad == nil && (p.Func == nil || p.Grad == nil) {
		return errors.New("optimize: the problem needs Func and Grad, or FuncGrad")
	}
	return nil
}

// funcGrad evaluates f and ∇f at x. A non-finite value is not turned into
// an error here: the caller tests every value.
func (p *Problem) funcGrad(grad, x []float64) (float64, error) {
	if p.FuncGrad != nil {
		return p.FuncGrad(grad, x)
	}
	f, err := p.Func(x)
	if err != nil {
		return math.NaN(), err
	}
	return f, p.Grad(grad, x)
}

func (p *Problem) grad(grad, x []float64) error {
	if p.Grad != nil {
		return p.Grad(grad, x)
	}
	_, err := p.FuncGrad(grad, x)
	return err
}

// Settings are the parameters of a run. Zero values are taken as they
// are (MaxIter 0 is a run that only looks at x0); DefaultSettings gives
// fprime's defaults.
type Settings struct {
	// Eta is the learning rate η, the step is η∇f(x). It must be positive.
	Eta float64
	// Eps is the tolerance ε: the run has converged when every partial
	// derivative has absolute value below Eps.
	Eps float64
	// MaxIter is the largest number of updates.
	MaxIter int
	// Recorder, if set, is shown every iterate.
	Recorder Recorder
	// Progress, if set, is told now and then (every few hundred updates)
	// how far a run has got: the updates made, f and |∇f| there; a front
	// end shows a long run with it.
	Progress func(k int, f, gradNorm float64)
}

// DefaultSettings returns fprime's built-in defaults: η = 0.1, ε = 1e-6,
// 10000 updates at most.
func DefaultSettings() Settings {
	return Settings{Eta: 0.1, Eps: 1e-6, MaxIter: 10000}
}

func (s *Settings) check() error {
	switch {
	case !(s.Eta > 0) || math.IsInf(s.Eta, 1):
		return fmt.Errorf("optimize: the learning rate must be a positive number, not %v", s.Eta)
	case !(s.Eps >= 0) || math.IsInf(s.Eps, 1):
		return fmt.Errorf("optimize: the tolerance must be a number ≥ 0, not %v", s.Eps)
	case s.MaxIter < 0:
		return fmt.Errorf("optimize: the number of iterations must be ≥ 0, not %d", s.MaxIter)
	}
	return nil
}

// Status says how a run ended.
type Status int

const (
	// Converged: every partial derivative at X is below Eps in absolute value.
	Converged Status = iota + 1
	// NotConverged: MaxIter updates were done without converging.
	NotConverged
	// Diverged: an iterate, its value or a partial derivative was not a
	// finite number (or could not be evaluated), or a coordinate exceeded
	// Bound in absolute value.
	Diverged
	// Interrupted: the context was cancelled; X is the state reached.
	Interrupted
)

var statusNames = [...]string{
	Converged:    "converged",
	NotConverged: "not_converged",
	Diverged:     "diverged",
	Interrupted:  "interrupted",
}

// String returns converged, not_converged, diverged or interrupted, the
// names fprime prints in its JSON output.
func (s Status) String() string {
	if s > 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Location is one iterate of a run, as a Recorder sees it.
type Location struct {
	// K is the number of updates that led to X (0 for x0).
	K    int
	X    []float64
	F    float64
	Grad []float64
}

// Recorder is shown every iterate of a run: x0, each point after an
// update, and, when a run diverges, the point where it did, with NaN for
// the values that could not be evaluated there or were not (beyond Bound,
// the function is not evaluated). The slices of loc belong to the
// optimizer and are only valid during the call: copy what you keep.
type Recorder interface {
	Record(loc *Location)
}

// RecorderFunc lets a plain function be a Recorder.
type RecorderFunc func(loc *Location)

// Record calls fn(loc).
func (fn RecorderFunc) Record(loc *Location) { fn(loc) }

// Result is the outcome of a run.
//
// After Converged, NotConverged or Interrupted, X is the last iterate and F
// and Grad are f and ∇f there. After Diverged, X, F and Grad are the last
// state in which all of them were finite (and X within Bound): the iterate
// before the one that ran away, while Iterations still counts the update
// that ran away. Only when x0 itself diverged (Iterations is 0) may X, F
// and Grad hold values that are not finite: x0 as given, and NaN for what
// could not be evaluated there.
type Result struct {
	Status     Status
	X          []float64
	F          float64
	Grad       []float64
	Iterations int // number of updates done
	// Cause is, for a Diverged run, the error that a function of the
	// problem (or the method) returned, if the run ended on one.
	Cause error
	// PastBound is set for a Diverged run that ended where a coordinate
	// of x passed Bound (X is then the iterate before, within it).
	PastBound bool
	// Diagnosis explains the run in numbers.
	Diagnosis Diagnosis
}

// Minimize runs method from x0 to a minimum of p.Func: gradient descent
// when method is nil. settings nil means DefaultSettings. The error is for
// a problem or settings that cannot be run; what happens during the run,
// divergence included, is in the Result.
func Minimize(ctx context.Context, p Problem, x0 []float64, settings *Settings, method Method) (*Result, error) {
	return run(ctx, &p, x0, settings, method, false)
}

// Maximize is Minimize for a maximum: gradient ascent, x + η∇f(x), when
// method is nil.
func Maximize(ctx context.Context, p Problem, x0 []float64, settings *Settings, method Method) (*Result, error) {
	return run(ctx, &p, x0, settings, method, true)
}

func run(ctx context.Context, p *Problem, x0 []float64, settings *Settings, method Method, maximize bool) (*Result, error) {
	s := DefaultSettings()
	if settings != nil {
		s = *settings
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	n := len(x0)
	if n == 0 {
		return nil, errors.New("optimize: x0 has no coordinates")
	}
	if method == nil {
		method = &GradientDescent{}
	}
	if err := method.Init(Task{Problem: p, Dim: n, Eta: s.Eta, Maximize: maximize}); err != nil {
		return nil, err
	}
	buf := make([]float64, 4*n)
	x, g := buf[0:n:n], buf[n:2*n:2*n]
	xn, gn := buf[2*n:3*n:3*n], buf[3*n:]
	copy(x, x0)

	res := &Result{}
	var tr tracker
	tr.init()
	loc := Location{X: x, Grad: g}

	// x0: test it like every other iterate, and report what it gives even
	// when that is not finite.
	fx, err := math.NaN(), error(nil)
	if finite(x) {
		fx, err = p.funcGrad(g, x)
	}
	if err != nil || !inBound(x) || !(math.Abs(fx) <= math.MaxFloat64) || !finite(g) {
		if err != nil || !finite(x) {
			fx = math.NaN()
			for i := range g {
				g[i] = math.NaN()
			}
		}
		if s.Recorder != nil {
			loc.F = fx
			s.Recorder.Record(&loc)
		}
		res.Status, res.Cause, res.PastBound = Diverged, err, finite(x) && !inBound(x)
		res.X, res.F, res.Grad = append([]float64(nil), x...), fx, append([]float64(nil), g...)
		res.Diagnosis = diagnose(p, x0, res, &tr, &s, maximize, method)
		return res, nil
	}

	// Plain gradient descent, the method fprime uses most, runs inline.
	_, plain := method.(*GradientDescent)
	stepLoc := &Location{}
	sign := -s.Eta
	if maximize {
		sign = s.Eta
	}
	fg := p.FuncGrad
	if fg == nil {
		fg = p.funcGrad
	}
	rec := s.Recorder
	var ups []Update
	if plain && rec == nil && p.Descent != nil {
		ups = make([]Update, pollEvery)
	}
	done := ctx.Done()
	k := 0
	gmax, gss := normInf2(g)
	tr.first(gss, gmax)
	for {
		if rec != nil {
			loc.K, loc.X, loc.F, loc.Grad = k, x, fx, g
			rec.Record(&loc)
		}
		if gmax < s.Eps {
			res.Status = Converged
			break
		}
		if k == s.MaxIter {
			res.Status = NotConverged
			break
		}
		if ups != nil || k&(pollEvery-1) == 0 {
			if s.Progress != nil {
				s.Progress(k, fx, norm2(g))
			}
			if done != nil && isDone(done) {
				res.Status = Interrupted
				break
			}
		}
		if ups != nil {
			// Up to pollEvery updates at once, then the tests above
			// again. Where it stops early on a value that is not
			// finite, the update below makes the step and ends the run.
			m := min(pollEvery, s.MaxIter-k)
			if j := p.Descent.Descend(x, g, &fx, sign, s.Eps, ups[:m]); j > 0 {
				for t, u := range ups[:j] {
					tr.step(k+t+1, u.GradSq, u.GradMax, u.Dot, u.StepSq)
				}
				k += j
				gmax = ups[j-1].GradMax
				continue
			}
		}
		out := false
		if plain {
			// The conversion keeps η∇f rounded on its own, so that no
			// platform fuses it into x − η∇f: the figures are the same
			// everywhere.
			g := g[:len(xn)]
			x := x[:len(xn)]
			for i := range xn {
				v := x[i] + float64(sign*g[i])
				xn[i] = v
				out = out || !(math.Abs(v) <= Bound)
			}
		} else {
			stepLoc.K, stepLoc.X, stepLoc.F, stepLoc.Grad = k, x, fx, g
			if err := method.Step(xn, stepLoc); err != nil {
				// No update was made: the run ends where it stands.
				res.Status, res.Cause = Diverged, err
				break
			}
			out = !inBound(xn)
		}
		k++
		var fn float64
		err = nil
		if !out {
			fn, err = fg(gn, xn)
		}
		// One pass over the new gradient: its norms, its product with the
		// old one, the step length, and (in nf, NaN unless every partial
		// is finite) whether it is a number.
		var dot, step2, nf float64
		gmax, gss = 0, 0
		{
			g, x, xn := g[:len(gn)], x[:len(gn)], xn[:len(gn)]
			for i, v := range gn {
				nf += v - v
				dot += v * g[i]
				gss += v * v
				if a := math.Abs(v); a > gmax {
					gmax = a
				}
				d := xn[i] - x[i]
				step2 += d * d
			}
		}
		if out || err != nil || !(math.Abs(fn) <= math.MaxFloat64) || nf != 0 {
			if rec != nil {
				// Past the bound f was not evaluated; the record shows
				// it where it has a value (x^2 at 1.6e100 is 2.56e200).
				undefined := err != nil
				if out && !undefined {
					var ferr error
					fn, ferr = fg(gn, xn)
					undefined = ferr != nil
				}
				if undefined {
					fn = math.NaN()
					for i := range gn {
						gn[i] = math.NaN()
					}
				}
				loc.K, loc.X, loc.F, loc.Grad = k, xn, fn, gn
				rec.Record(&loc)
			}
			res.Status, res.Cause, res.PastBound = Diverged, err, out
			break
		}
		tr.step(k, gss, gmax, dot, step2)
		x, xn = xn, x
		g, gn = gn, g
		fx = fn
	}
	res.Iterations = k
	res.X, res.F, res.Grad = append([]float64(nil), x...), fx, append([]float64(nil), g...)
	res.Diagnosis = diagnose(p, x0, res, &tr, &s, maximize, method)
	if plain && res.Diagnosis.Oscillating {
		res.Diagnosis.circle(p, res, sign)
	}
	return res, nil
}

func isDone(done <-chan struct{}) bool {
	yield()
	select {
	case <-done:
		return true
	default:
		return false
	}
}

// yield lets other goroutines run where the runtime cannot stop a loop to
// run them: js/wasm has one thread and no preemption, so the timer or the
// goroutine that cancels a context would never run during a long search.
func yield() {
	if runtime.GOOS == "js" {
		runtime.Gosched()
	}
}

// finite reports whether every element is a finite number.
func finite(v []float64) bool {
	for _, a := range v {
		if a-a != 0 {
			return false
		}
	}
	return true
}

// inBound reports whether every coordinate is a number within Bound.
func inBound(x []float64) bool {
	for _, a := range x {
		if !(math.Abs(a) <= Bound) {
			return false
		}
	}
	return true
}

// normInf2 returns max |v_i| and Σ v_i².
func normInf2(v []float64) (max, ss float64) {
	for _, a := range v {
		ss += a * a
		if a := math.Abs(a); a > max {
			max = a
		}
	}
	return max, ss
}
