package session

import (
	"context"
	"errors"
	"math"

	"github.com/fprime/fprime/optimize"
	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// Descent is the report of min or max.
type Descent struct {
	Max     bool
	Name    string
	Params  []string
	Method  string
	Eta     float64
	Result  *optimize.Result
	Trace   *optimize.Trace // nil without trace
	Degree2 bool            // the point's kind comes from f'' (one variable)
	// Corner is set when a run of a function of one variable oscillates
	// across a point where f' jumps in sign (|x - 1| at 1): the extremum
	// it circles, which f' = 0 never marks.
	Corner *Corner
	// Smooth is set when f has derivatives of every order wherever it is
	// defined (symbolic.Smooth): a run that circles is then no sign of a
	// corner.
	Smooth bool
}

// Corner is where f' changes sign by a jump: X, f there, and f' just left
// and right of it. Kind is a minimum when f' goes from negative to
// positive, a maximum the other way.
type Corner struct {
	X, F        float64
	Left, Right float64
	Kind        optimize.PointKind
}

func (Descent) result() {}

// traceRows is how many iterates a trace keeps at each end of a run of
// f of n variables. trace prints every iterate (PRODUCT.md): every one of
// a run of up to 100,000 updates in one variable (maxiter is 10,000 unless
// set); of a longer run the first and the last, with the count left out,
// so that maxiter=1e9 holds some 10 MB of iterates, not 100 GB.
func traceRows(n int) int { return max(10, 50_000/max(n, 1)) }

// compiled is a function of the session made ready for optimize: f and its
// gradient in one program, and its Hessian in another.
type compiled struct {
	n        int
	fg, hess *symbolic.Program
	out      []float64
	// exprs are f and its partials, as fg computes them together.
	exprs  []symbolic.Expr
	params []string

	// For one variable, the derivatives past the second, compiled only
	// when a run ends where f'' is zero within its error: higher[k] is
	// f^(k), last the highest derivative worked out so far.
	ctx    context.Context
	x      string
	last   symbolic.Expr
	higher []*symbolic.Program
}

func (s *Session) compile(ctx context.Context, at parser.Pos, f *Function) (*compiled, error) {
	body := s.bind(f.Body, f.Params...)
	grad, err := symbolic.Gradient(ctx, body, f.Params)
	if err != nil {
		return nil, errAt(at, "%v", err)
	}
	h, err := symbolic.Hessian(ctx, body, f.Params)
	if err != nil {
		return nil, errAt(at, "%v", err)
	}
	fg, err := symbolic.CompileAll(append([]symbolic.Expr{body}, grad...), f.Params...)
	if err != nil {
		return nil, errAt(at, "%v", err)
	}
	var flat []symbolic.Expr
	for _, row := range h {
		flat = append(flat, row...)
	}
	hess, err := symbolic.CompileAll(flat, f.Params...)
	if err != nil {
		return nil, errAt(at, "%v", err)
	}
	// Newton's method evaluates the Hessian at every update; the others
	// twice, where one translation costs less than differentiating it.
	hess.MachineCode()
	c := &compiled{n: len(f.Params), fg: fg, hess: hess, out: make([]float64, len(grad)+1),
		exprs: append([]symbolic.Expr{body}, grad...), params: f.Params}
	if c.n == 1 {
		c.ctx, c.x, c.last = ctx, f.Params[0], h[0][0]
		c.higher = []*symbolic.Program{nil, nil, hess}
	}
	return c, nil
}

// finiteAtStart fills in the values that a run diverged at x0 left NaN
// because f and its gradient are one program, which fails as a whole,
// where they have values: sqrt(x) from 0 has f = 0 though f' has none,
// and sqrt(x) + y^2 from (0, 1) has ∂/∂y = 2. A partial counts only where
// f itself has a value.
func (c *compiled) finiteAtStart(r *optimize.Result) {
	if len(r.X) != c.n || len(r.Grad) != c.n {
		return
	}
	value := func(e symbolic.Expr) (float64, bool) {
		p, err := symbolic.Compile(e, c.params...)
		if err != nil {
			return 0, false
		}
		v, err := p.Eval(r.X...)
		return v, err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
	}
	if math.IsNaN(r.F) {
		v, ok := value(c.exprs[0])
		if !ok {
			return
		}
		r.F = v
	}
	for i, g := range r.Grad {
		if math.IsNaN(g) {
			if v, ok := value(c.exprs[i+1]); ok {
				r.Grad[i] = v
			}
		}
	}
}

// deriv evaluates the k-th derivative (k ≥ 2) of a function of one
// variable at x, differentiating and compiling the orders it lacks.
func (c *compiled) deriv(k int, x float64) (float64, error) {
	for len(c.higher) <= k {
		d, err := symbolic.Diff(c.ctx, c.last, c.x, 1)
		if err != nil {
			return 0, err
		}
		p, err := symbolic.Compile(d, c.x)
		if err != nil {
			return 0, err
		}
		c.last, c.higher = d, append(c.higher, p)
	}
	return c.higher[k].Eval(x)
}

// problem wraps the programs as plain functions; they allocate nothing.
func (c *compiled) problem() optimize.Problem {
	p := optimize.Problem{
		FuncGrad: c.funcGrad,
		Func:     func(x []float64) (float64, error) { return c.funcGrad(c.out[1:], x) },
		Grad: func(g, x []float64) error {
			_, err := c.funcGrad(g, x)
			return err
		},
		Hess: func(h, x []float64) error { return c.hess.EvalAll(x, h) },
	}
	if loop := c.fg.Descender(optimize.Bound); loop != nil {
		p.Descent = &machineDescent{loop: loop}
	}
	if c.n == 1 {
		p.Deriv = c.deriv
	}
	return p
}

// funcGrad is f(x), with ∇f(x) in g. For one variable, where only a
// condition kept by a rewrite fails, f' has the value the derivative limit
// theorem gives, as f'(a) has: x|x| has f' = 2abs(x), which keeps abs'
// x/abs(x), and f'(0) = 0, so a run from 0 starts there.
func (c *compiled) funcGrad(g, x []float64) (float64, error) {
	f, err := c.fg.EvalSplit(x, g)
	if err == nil || c.n != 1 {
		return f, err
	}
	p, perr := symbolic.Compile(c.exprs[0], c.params...)
	if perr != nil {
		return f, err
	}
	fx, ferr := p.Eval(x[0])
	if ferr != nil {
		return f, err
	}
	d, ok := symbolic.DerivativeLimit(c.exprs[0], c.exprs[1], c.params[0], x[0])
	if !ok {
		return f, err
	}
	g[0] = d
	return fx, nil
}

// machineDescent is symbolic's loop of machine code as an
// optimize.Descent: the loop records an update as 4 float64s in a row.
type machineDescent struct {
	loop func(x, g []float64, f *float64, step, eps float64, ups []float64) int
	ups  []float64
}

func (m *machineDescent) Descend(x, g []float64, f *float64, step, eps float64, ups []optimize.Update) int {
	if len(m.ups) < 4*len(ups) {
		m.ups = make([]float64, 4*len(ups))
	}
	k := m.loop(x, g, f, step, eps, m.ups[:4*len(ups)])
	for i := range k {
		u := m.ups[4*i : 4*i+4]
		ups[i] = optimize.Update{GradSq: u[0], GradMax: u[1], Dot: u[2], StepSq: u[3]}
	}
	return k
}

func (s *Session) descent(ctx context.Context, st *parser.Descent) (Result, error) {
	return s.runDescent(ctx, st, nil) // Exec drops the empty report beside an error
}

// runDescent runs min or max; rec, when not nil, sees every iterate too.
func (s *Session) runDescent(ctx context.Context, st *parser.Descent, rec optimize.Recorder) (Descent, error) {
	f, err := s.function(st.At, st.Name)
	if err != nil {
		return Descent{}, err
	}
	set, run, err := s.apply(s.settings, st.Options, false)
	if err != nil {
		return Descent{}, err
	}
	x0 := set.X0
	// An x0 of the wrong size is shown where it is written, if here.
	x0At := st.At
	for _, o := range st.Options {
		if o.Name == "x0" {
			x0At = o.At
		}
	}
	switch {
	case len(x0) == 1 && len(f.Params) > 1:
		x0 = make([]float64, len(f.Params))
		for i := range x0 {
			x0[i] = set.X0[0]
		}
	case len(x0) != len(f.Params) && len(f.Params) == 1:
		return Descent{}, errAt(x0At, "x0 has %d values but %s has one variable: give one, as in x0=1", len(x0), f.Name)
	case len(x0) != len(f.Params):
		return Descent{}, errAt(x0At, "x0 has %d values but %s has %d variables: give x0=(%s)",
			len(x0), f.Name, len(f.Params), placeholders(len(f.Params)))
	}
	c, err := s.compile(ctx, st.At, f)
	if err != nil {
		return Descent{}, err
	}
	opts := optimize.Settings{Eta: set.Eta, Eps: set.Eps, MaxIter: set.MaxIter, Progress: s.Progress}
	var trace *optimize.Trace
	if run.trace {
		trace = optimize.NewTrace(traceRows(len(f.Params)), traceRows(len(f.Params)))
		opts.Recorder = trace
	}
	if rec != nil {
		opts.Recorder = rec
		if trace != nil {
			opts.Recorder = recorders{trace, rec}
		}
	}
	var method optimize.Method
	switch run.method {
	case "momentum":
		method = &optimize.Momentum{Beta: run.beta}
	case "newton":
		method = &optimize.Newton{}
	}
	solve := optimize.Minimize
	if st.Max {
		solve = optimize.Maximize
	}
	r, err := solve(ctx, c.problem(), append([]float64(nil), x0...), &opts, method)
	if err != nil {
		return Descent{}, errAt(st.At, "%v", err)
	}
	if r.Status == optimize.Diverged && r.Iterations == 0 {
		c.finiteAtStart(r)
	}
	d := Descent{Max: st.Max, Name: f.Name, Params: f.Params, Method: run.method, Eta: set.Eta,
		Result: r, Trace: trace, Degree2: len(f.Params) == 1, Smooth: symbolic.Smooth(s.bind(f.Body, f.Params...))}
	if len(f.Params) == 1 && r.Status != optimize.Converged && r.Diagnosis.Oscillating {
		if p, err := symbolic.Compile(s.bind(f.Body, f.Params...), f.Params...); err == nil {
			d.Corner = findCorner(c, func(x float64) (float64, error) { return p.Eval(x) }, r.X[0], set.Eta)
		}
	}
	return d, nil
}

// findCorner looks for a jump of f' across which the run went back and
// forth: from x*, one step of eta·|f'| away is f' of the other sign, and
// bisection to adjacent floats finds where it changes. A corner is a
// change by a jump (|f'| on both sides no smaller than a thousandth of
// |f'(x*)|) where f is continuous; anything else is left to the
// diagnosis of the run.
func findCorner(c *compiled, f func(x float64) (float64, error), x, eta float64) *Corner {
	fd := func(x float64) (v, d float64, ok bool) {
		g := []float64{0}
		v, err := c.fg.EvalSplit([]float64{x}, g)
		return v, g[0], err == nil
	}
	_, d0, ok := fd(x)
	if !ok || d0 == 0 {
		return nil
	}
	// The next step of the run, down for min and up for max, lands
	// across the jump.
	crossed := func(y float64) bool { _, d1, ok := fd(y); return ok && d1*d0 < 0 }
	y := x - eta*d0
	if !crossed(y) {
		if y = x + eta*d0; !crossed(y) {
			return nil
		}
	}
	lo, hi := min(x, y), max(x, y)
	_, dlo, _ := fd(lo)
	for {
		mid := lo + (hi-lo)/2
		if mid <= lo || mid >= hi {
			break
		}
		_, dm, ok := fd(mid)
		if !ok {
			// f' is undefined at mid ((x - 1)/abs(x - 1) at 1): the
			// corner itself, if f' has a sign on each side of it.
			lo, hi = math.Nextafter(mid, lo), math.Nextafter(mid, hi)
			break
		}
		switch {
		case dm == 0:
			return nil // f' is 0 inside: not a plain jump
		case dm*dlo > 0:
			lo = mid
		default:
			hi = mid
		}
	}
	flo, left, ok1 := fd(lo)
	fhi, right, ok2 := fd(hi)
	if !ok1 || !ok2 || left*right >= 0 || min(math.Abs(left), math.Abs(right)) < 1e-3*math.Abs(d0) ||
		math.Abs(flo-fhi) > 1e-9*math.Max(1, math.Abs(flo)) {
		return nil
	}
	k := Corner{X: optimize.Shortest(lo, hi), Left: left, Right: right, Kind: optimize.Minimum}
	if left > 0 {
		k.Kind = optimize.Maximum
	}
	var err error
	if k.F, err = f(k.X); err != nil {
		return nil
	}
	return &k
}

func placeholders(n int) string {
	s := "a"
	for i := 1; i < n; i++ {
		s += ", " + string(rune('a'+i))
	}
	return s
}

// ExtremaReport is the answer to extrema f in [a, b].
type ExtremaReport struct {
	Name string
	Var  string
	*optimize.Extrema
}

func (ExtremaReport) result() {}

func (s *Session) extrema(ctx context.Context, st *parser.Extrema) (Result, error) {
	f, err := s.function(st.At, st.Name)
	if err != nil {
		return nil, err
	}
	if len(f.Params) != 1 {
		return nil, errAt(st.At, "extrema works on a function of one variable; %s has %d", f.Name, len(f.Params))
	}
	a, err := s.number(st.At, st.A)
	if err != nil {
		return nil, err
	}
	b, err := s.number(st.At, st.B)
	if err != nil {
		return nil, err
	}
	if !(a < b) {
		return nil, errAt(st.At, "the interval [%s, %s] is empty: write [a, b] with a < b", formatNumber(a), formatNumber(b))
	}
	body := s.bind(f.Body, f.Params...)
	x := f.Params[0]
	var progs [3]*symbolic.Program
	for order := range progs {
		d, err := symbolic.Diff(ctx, body, x, order)
		if err != nil {
			return nil, errAt(st.At, "%v", err)
		}
		if progs[order], err = symbolic.Compile(d, x); err != nil {
			return nil, errAt(st.At, "%v", err)
		}
	}
	eval := func(p *symbolic.Program) func(float64) (float64, error) {
		return func(v float64) (float64, error) { return p.Eval(v) }
	}
	// f at an end is worked out from the end as written: sin at 2pi is 0,
	// not the -2.4e-16 of sin(6.283185307179586), and 1/(x^2 - 2) at
	// sqrt(2) is undefined, not 2.25e15.
	fa, errA := valueAt(body, f.Params, []symbolic.Expr{s.bind(st.A)})
	fb, errB := valueAt(body, f.Params, []symbolic.Expr{s.bind(st.B)})
	fx := func(v float64) (float64, error) {
		switch v {
		case a:
			return fa, errA
		case b:
			return fb, errB
		}
		return progs[0].Eval(v)
	}
	e, err := optimize.Extrema1D(ctx, fx, eval(progs[1]), eval(progs[2]), a, b)
	if errors.Is(err, context.Canceled) {
		return nil, err
	}
	if err != nil {
		return nil, errAt(st.At, "%v", err)
	}
	return ExtremaReport{Name: f.Name, Var: x, Extrema: e}, nil
}
