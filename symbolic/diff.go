package symbolic

import (
	"context"
	"fmt"
	"slices"
)

// MaxSize bounds the size (in nodes, see Size) of a derivative; past it
// differentiation stops with a *TooLargeError rather than exhausting memory,
// as diff(x^x, x, 40) would.
const MaxSize = 50_000

// MaxSteps bounds the work of one Diff, in applications of a rule: a high
// order of a derivative that grows slowly (abs with 1,000 primes) would
// take minutes before a result passed MaxSize. 100,000 steps take under a
// second; the 8th derivative of x^3 sin(x) e^x/(1 + x^2) takes 3,199,
// most of them simplifying between orders.
const MaxSteps = 100_000

// TooLargeError reports a derivative that grew past MaxSize, or whose
// computation passed MaxSteps.
type TooLargeError struct {
	Order int  // the order of the derivative being computed
	Steps bool // MaxSteps, not MaxSize, was passed
}

func (e *TooLargeError) Error() string {
	if e.Steps {
		return fmt.Sprintf("the derivative of order %d grows too large to work out (over %d steps)", e.Order, MaxSteps)
	}
	return fmt.Sprintf("the derivative of order %d is too large (over %d nodes)", e.Order, MaxSize)
}

// Derivative returns de/dx, treating every other symbol as a constant.
func Derivative(e Expr, x string) (Expr, error) {
	return Diff(context.Background(), e, x, 1)
}

// Diff returns the n-th derivative of e with respect to x, simplified (see
// Simplify). It stops with
// ctx's error when ctx is cancelled and with a *TooLargeError when the
// result grows past MaxSize or the work past MaxSteps.
func Diff(ctx context.Context, e Expr, x string, n int) (Expr, error) {
	if n < 0 {
		return nil, fmt.Errorf("the order of a derivative must be at least 0, not %d", n)
	}
	if n == 0 {
		return e, nil
	}
	// A derivative has a value only where the function has one: the
	// derivative of ln(x) is 1/x for x > 0.
	f, conds := Unguard(e)
	conds = append(restrictions(f), conds...)
	e = f
	d := &differ{ctx: ctx, x: x, memo: map[uint64][]derived{}}
	for d.order = 1; d.order <= n; d.order++ {
		var err error
		if e, err = d.diff(e); err != nil {
			return nil, err
		}
		var more []Expr
		e, more = Unguard(e)
		conds = append(conds, more...)
		if d.order < n {
			// f'' is the derivative of f' as it prints, as a reader
			// (and steps f'') takes it. Simplifying is work too: a
			// step for each node.
			if d.steps += e.size(); d.steps > MaxSteps {
				return nil, &TooLargeError{Order: d.order + 1, Steps: true}
			}
			e, more = Unguard(Simplify(e))
			conds = append(conds, more...)
		}
	}
	r, more := Unguard(Simplify(e))
	// d/dx (-1)^x is (-1)^x ln(-1): a part of it has no value anywhere.
	if err := Undefined(r); err != nil {
		return nil, fmt.Errorf("%v has no derivative: %w", f, err)
	}
	return guard(r, implied(r, append(conds, more...))), nil
}

// Gradient returns the partial derivatives of e with respect to each of vars.
func Gradient(ctx context.Context, e Expr, vars []string) ([]Expr, error) {
	g := make([]Expr, len(vars))
	for i, v := range vars {
		var err error
		if g[i], err = Diff(ctx, e, v, 1); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// Hessian returns the matrix of second partial derivatives of e.
func Hessian(ctx context.Context, e Expr, vars []string) ([][]Expr, error) {
	g, err := Gradient(ctx, e, vars)
	if err != nil {
		return nil, err
	}
	h := make([][]Expr, len(vars))
	for i := range h {
		h[i] = make([]Expr, len(vars))
	}
	for i := range vars {
		for j := i; j < len(vars); j++ {
			if h[i][j], err = Diff(ctx, g[i], vars[j], 1); err != nil {
				return nil, err
			}
			h[j][i] = h[i][j] // equal for the smooth functions fprime builds
		}
	}
	return h, nil
}

type derived struct{ of, result Expr }

type differ struct {
	ctx   context.Context
	x     string
	order int
	// memo holds the derivatives worked out, by the hash of what was
	// differentiated: e^x in x e^x + e^x is worked out (and shown) once.
	memo  map[uint64][]derived
	steps int
	// rec, when not nil, records each rule as it is applied (Steps).
	rec   *recorder
	depth int
}

func (d *differ) diff(e Expr) (Expr, error) {
	for _, m := range d.memo[e.hash()] {
		if Equal(m.of, e) {
			d.rec.again(e, m.result, d.depth, d.x)
			return m.result, nil
		}
	}
	if d.steps++; d.steps%512 == 0 {
		if err := d.ctx.Err(); err != nil {
			return nil, err
		}
	}
	if d.steps > MaxSteps {
		return nil, &TooLargeError{Order: d.order, Steps: true}
	}
	k := d.rec.enter(e, d.depth, d.x)
	d.depth++
	r, err := d.rule(e)
	d.depth--
	if err != nil {
		return nil, err
	}
	d.rec.leave(k, e, r, d.x)
	if r.size() > MaxSize {
		return nil, &TooLargeError{Order: d.order}
	}
	d.memo[e.hash()] = append(d.memo[e.hash()], derived{e, r})
	return r, nil
}

// rule applies the differentiation rules; the rule for each built-in
// function is its row in the table of funcs.go.
func (d *differ) rule(e Expr) (Expr, error) {
	switch e := e.(type) {
	case *Num, *Constant:
		return zero, nil
	case *Symbol:
		if e.name == d.x {
			return one, nil
		}
		return zero, nil
	case *Sum: // (u + v)' = u' + v'
		terms := make([]Expr, 0, len(e.terms))
		for _, t := range e.terms {
			dt, err := d.diff(t)
			if err != nil {
				return nil, err
			}
			terms = append(terms, dt)
		}
		return Add(terms...), nil
	case *Product:
		if u, v, ok := quotient(e, d.x); ok {
			return d.quotientRule(u, v)
		}
		// (uv)' = u'v + uv'
		var terms []Expr
		// A constant multiple, c·u, takes c out: Steps shows no
		// derivative of c, 0, under the constant multiple rule.
		multiple := d.rec != nil && constantMultiple(e, d.x)
		for i, f := range e.factors {
			quiet := multiple && !dependsOn(f, d.x)
			if quiet {
				d.rec.quiet++
			}
			df, err := d.diff(f)
			if quiet {
				d.rec.quiet--
			}
			if err != nil {
				return nil, err
			}
			if isZero(df) {
				continue
			}
			fs := append([]Expr(nil), e.factors...)
			fs[i] = df
			terms = append(terms, Mul(fs...))
		}
		return Add(terms...), nil
	case *Power:
		return d.power(e)
	case *Call: // chain rule: f(u)' = f'(u)·u'
		du, err := d.diff(e.arg)
		if err != nil || isZero(du) {
			return zero, err
		}
		return Mul(e.fn.Deriv(e.arg), du), nil
	}
	return nil, fmt.Errorf("cannot differentiate %v", e)
}

func (d *differ) power(e *Power) (Expr, error) {
	db, err := d.diff(e.base)
	if err != nil {
		return nil, err
	}
	dx, err := d.diff(e.exp)
	if err != nil {
		return nil, err
	}
	switch {
	case isZero(dx): // power rule: (u^n)' = n·u^(n-1)·u'
		if isZero(db) {
			return zero, nil
		}
		return Mul(e.exp, Pow(e.base, Sub(e.exp, one)), db), nil
	case isZero(e.base): // 0^v is 0 for v > 0, 1 at v = 0: the derivative is 0 where ln(v) has a value
		return guard(zero, []Expr{Apply(fnLn, e.exp)}), nil
	case isZero(db): // exponential rule: (a^v)' = a^v·ln(a)·v'
		return Mul(e, Apply(fnLn, e.base), dx), nil
	}
	// general power rule: (u^v)' = u^v·(v'·ln(u) + v·u'/u)
	return Mul(e, Add(Mul(dx, Apply(fnLn, e.base)), Mul(e.exp, db, Pow(e.base, minusOne)))), nil
}

// quotientRule is (u/v)' = (u'v - uv')/v^2; for v = b^k, with the common
// b^(k-1) of v and v' cancelled as a book does: (u'b - k u b')/b^(k+1).
// (Simplify would find the same, at a third more of the work of an 8th
// derivative.)
func (d *differ) quotientRule(u, v Expr) (Expr, error) {
	du, err := d.diff(u)
	if err != nil {
		return nil, err
	}
	b, k := baseExp(v)
	if k == one {
		dv, err := d.diff(v)
		if err != nil {
			return nil, err
		}
		return Div(Sub(Mul(du, v), Mul(u, dv)), Pow(v, Int(2))), nil
	}
	// Steps shows v' as a step of its own, and b' within it.
	if d.rec != nil {
		if _, err := d.diff(v); err != nil {
			return nil, err
		}
		d.rec.quiet++
		defer func() { d.rec.quiet-- }()
	}
	db, err := d.diff(b)
	if err != nil {
		return nil, err
	}
	return Div(Sub(Mul(du, b), Mul(k, u, db)), Pow(b, Add(k, one))), nil
}

// quotient splits a product into u/v as a book reads it, both u and v
// naming x, v the factors with a negative whole or fractional power:
// sin(x)/x is sin(x) over x, x/sqrt(x + 1) is x over sqrt(x + 1).
func quotient(p *Product, x string) (num, den Expr, ok bool) {
	var ns, ds []Expr
	for _, f := range p.factors {
		b, k := baseExp(f)
		if n, isNum := k.(*Num); isNum && n.r.Sign() < 0 && dependsOn(b, x) {
			ds = append(ds, Pow(b, Neg(k)))
			continue
		}
		ns = append(ns, f)
	}
	if len(ds) == 0 || !slices.ContainsFunc(ns, func(f Expr) bool { return dependsOn(f, x) }) {
		return nil, nil, false
	}
	return Mul(ns...), Mul(ds...), true
}
