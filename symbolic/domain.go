package symbolic

import (
	"errors"
	"math"
)

// The domain of an expression is where every part of it has a value: a
// divisor is not 0, a logarithm's argument is positive, and so on. The
// constructors simplify as they build, and some rewrites are true only
// where the parts they drop are defined: 0·(1/x) is 0, x/x is 1, ln(x) −
// ln(x) is 0 and sqrt(x)^2 is x, each only where x is in the dropped
// part's domain. Rather than give such an expression a value where what
// the person wrote has none, the rewrite keeps the dropped part as a
// condition: the result is a *Guarded expression, which prints as its
// body and evaluates only where every condition has a value.

// Guarded is an expression that is defined only where each of its
// conditions is: x/x is the body 1 with the condition 1/x. It prints as its
// body. A Guarded expression is only ever the root of an expression: the
// constructors take the conditions of their operands up to their result.
type Guarded struct {
	body  Expr
	conds []Expr
	h     uint64
	n     int
}

func (g *Guarded) hash() uint64 { return g.h }
func (g *Guarded) size() int    { return g.n }

// String prints the body; the conditions do not print.
func (g *Guarded) String() string { return g.body.String() }

// Body is the expression where it is defined.
func (g *Guarded) Body() Expr { return g.body }

// Conditions are the parts that a simplification dropped: the expression is
// defined where each of them has a value.
func (g *Guarded) Conditions() []Expr { return append([]Expr(nil), g.conds...) }

// Unguard splits e into its body and its conditions, which are nil for an
// expression that is not Guarded.
func Unguard(e Expr) (Expr, []Expr) {
	if g, ok := e.(*Guarded); ok {
		return g.body, g.conds
	}
	return e, nil
}

// guard returns body defined only where each of conds is; conditions that
// restrict nothing, or that repeat, are left out.
func guard(body Expr, conds []Expr) Expr {
	body, inner := Unguard(body)
	var kept []Expr
	for _, c := range append(inner, conds...) {
		c, cc := Unguard(c)
		for _, c := range append(cc, c) {
			if total(c) || containsExpr(kept, c) {
				continue
			}
			kept = append(kept, c)
		}
	}
	if len(kept) == 0 {
		return body
	}
	g := &Guarded{body: body, conds: kept, n: body.size()}
	parts := make([]uint64, 0, len(kept)+1)
	parts = append(parts, body.hash())
	for _, c := range kept {
		parts = append(parts, c.hash())
		g.n += c.size()
	}
	g.h = mix('g', parts...)
	return g
}

func containsExpr(list []Expr, e Expr) bool {
	for _, x := range list {
		if Equal(x, e) {
			return true
		}
	}
	return false
}

// liftGuards returns es without their guards, and the guards' conditions;
// es itself when none is Guarded.
func liftGuards(es []Expr) ([]Expr, []Expr) {
	var conds []Expr
	out := es
	for i, e := range es {
		if g, ok := e.(*Guarded); ok {
			if conds == nil {
				out = append([]Expr(nil), es...)
			}
			out[i] = g.body
			conds = append(conds, g.conds...)
		}
	}
	return out, conds
}

// need is what a node asks of its argument or base to have a value.
type need uint8

const (
	needNothing  need = iota
	needNonzero       // base ≠ 0: a negative whole power
	needNonneg        // base ≥ 0: a positive fractional power
	needPositive      // base > 0: a negative fractional power, or a power whose exponent is not a number
	needDomain        // a function's argument in its domain (ln, asin, tan, …)
)

// needOf is what the node e itself asks, its parts aside.
func needOf(e Expr) need {
	switch e := e.(type) {
	case *Power:
		return powNeed(e.base, e.exp)
	case *Call:
		if !e.fn.total {
			return needDomain
		}
	}
	return needNothing
}

// powNeed is what base^exp asks of its base.
func powNeed(base, exp Expr) need {
	n, ok := exp.(*Num)
	var k need
	switch {
	case !ok:
		k = needPositive
	case n.r.IsInt() && n.r.Sign() >= 0:
		return needNothing
	case n.r.IsInt():
		k = needNonzero
	case oddDenominator(&n.r) && n.r.Sign() > 0:
		return needNothing // x^(2/3) is real everywhere
	case oddDenominator(&n.r):
		k = needNonzero
	case n.r.Sign() > 0:
		k = needNonneg
	default:
		k = needPositive
	}
	if sign := signOf(base, signDepth); sign == positive || sign == nonnegative && k == needNonneg {
		return needNothing
	}
	return k
}

// enforcedNeed is what evaluating p asks of its base, which is powNeed for a
// number exponent but nothing for another: math.Pow gives (-2)^3 = -8, so
// x^(3(x + 4)/2) has a value at x = -2, where (x^(3/2))^(x + 4), which
// it rewrites, has none. A rewrite to it keeps what it drops.
func enforcedNeed(p *Power) need {
	if _, ok := p.exp.(*Num); !ok {
		return needNothing
	}
	return powNeed(p.base, p.exp)
}

type sign uint8

const (
	unknownSign sign = iota
	nonnegative
	positive
)

// signDepth bounds how deep signOf looks, so that its cost stays small.
const signDepth = 4

// signOf tells, for a few plain forms, that e is positive or at least 0
// wherever it is defined: x^2 + 1 is positive, so 1/(x^2 + 1) asks nothing.
func signOf(e Expr, depth int) sign {
	if depth == 0 {
		return unknownSign
	}
	switch e := e.(type) {
	case *Num:
		switch e.r.Sign() {
		case 1:
			return positive
		case 0:
			return nonnegative
		}
	case *Constant:
		return positive
	case *Power:
		if e.base == E {
			return positive
		}
		if n, ok := e.exp.(*Num); ok && n.r.IsInt() && n.r.Num().Bit(0) == 0 {
			if signOf(e.base, depth-1) == positive {
				return positive
			}
			return nonnegative
		}
		return signOf(e.base, depth-1) // a root or power of a positive number is positive
	case *Call:
		switch e.fn {
		case fnCosh:
			return positive
		case fnAbs:
			if signOf(e.arg, depth-1) == positive {
				return positive
			}
			return nonnegative
		}
	case *Sum:
		s := nonnegative
		for _, t := range e.terms {
			switch signOf(t, depth-1) {
			case unknownSign:
				return unknownSign
			case positive:
				s = positive
			}
		}
		return s
	case *Product:
		s := positive
		for _, f := range e.factors {
			switch signOf(f, depth-1) {
			case unknownSign:
				return unknownSign
			case nonnegative:
				s = nonnegative
			}
		}
		return s
	}
	return unknownSign
}

// covers reports whether a node that asks n of a base has a value only
// where one that asks m has: x^(-1/2) needs x > 0, so x ≠ 0 and x ≥ 0.
func covers(n, m need) bool {
	return n == m || n == needPositive && (m == needNonzero || m == needNonneg)
}

// total reports whether e has a value wherever its variables have values.
func total(e Expr) bool {
	ok := true
	walkOnce(e, func(x Expr) bool {
		if needOf(x) != needNothing {
			ok = false
		}
		return ok
	})
	return ok
}

// restrictions lists the nodes of e that ask something of their parts.
func restrictions(e Expr) []Expr {
	var out []Expr
	walkOnce(e, func(x Expr) bool {
		if needOf(x) != needNothing {
			out = append(out, x)
		}
		return true
	})
	return out
}

// walkOnce calls visit on each distinct node of e, parents first, while
// visit returns true; shared parts are visited once.
func walkOnce(e Expr, visit func(Expr) bool) {
	seen := map[Expr]bool{}
	var walk func(e Expr) bool
	walk = func(e Expr) bool {
		if seen[e] {
			return true
		}
		seen[e] = true
		if !visit(e) {
			return false
		}
		switch e := e.(type) {
		case *Sum:
			for _, t := range e.terms {
				if !walk(t) {
					return false
				}
			}
		case *Product:
			for _, f := range e.factors {
				if !walk(f) {
					return false
				}
			}
		case *Power:
			return walk(e.base) && walk(e.exp)
		case *Call:
			return walk(e.arg)
		case *Guarded:
			if !walk(e.body) {
				return false
			}
			for _, c := range e.conds {
				if !walk(c) {
					return false
				}
			}
		}
		return true
	}
	walk(e)
}

// implied keeps the conditions whose restrictions the body does not
// already impose: the condition 1/x of x·(1/x)^2 adds nothing to x^-2.
func implied(body Expr, conds []Expr) []Expr {
	if len(conds) == 0 {
		return nil
	}
	// The body's restrictions by the hash of a power's base or of a call.
	have := map[uint64][]Expr{}
	for _, r := range restrictions(body) {
		have[restrictionKey(r)] = append(have[restrictionKey(r)], r)
	}
	imposed := func(r Expr) bool {
		for _, h := range have[restrictionKey(r)] {
			hp, hok := h.(*Power)
			rp, rok := r.(*Power)
			switch {
			case hok && rok:
				if covers(enforcedNeed(hp), needOf(rp)) && Equal(hp.base, rp.base) {
					return true
				}
			case !hok && !rok && sameDomain(h, r):
				return true
			}
		}
		return false
	}
	var kept []Expr
	for _, c := range conds {
		for _, r := range restrictions(c) {
			if !imposed(r) {
				kept = append(kept, c)
				break
			}
		}
	}
	return kept
}

func restrictionKey(r Expr) uint64 {
	switch r := r.(type) {
	case *Power:
		return r.base.hash()
	case *Call:
		if domainTwin[r.fn] != nil {
			return mix('t', r.arg.hash()) // tan(x) with sec(x): see sameDomain
		}
	}
	return r.hash()
}

// domainTwin pairs the functions that are undefined at the same points,
// each with the first of its pair: tan and sec where cos is 0, cot and csc
// where sin is 0, coth and csch at 0. sec(x)^2 + tan(x)^2 is 2sec(x)^2 - 1
// with no condition.
// (Filled in by the init of funcs.go, which makes the rows.)
var domainTwin map[*Func]*Func

func domainTwins() map[*Func]*Func {
	m := map[*Func]*Func{}
	for _, p := range [][2]*Func{{fnTan, fnSec}, {fnCot, fnCsc}, {fnCoth, fnCsch}} {
		m[p[0]], m[p[1]] = p[0], p[0]
	}
	return m
}

// sameDomain reports whether the calls a and b are undefined at the same
// points: they are equal, or twins of one argument.
func sameDomain(a, b Expr) bool {
	if Equal(a, b) {
		return true
	}
	ca, ok1 := a.(*Call)
	cb, ok2 := b.(*Call)
	return ok1 && ok2 && domainTwin[ca.fn] != nil && domainTwin[ca.fn] == domainTwin[cb.fn] && Equal(ca.arg, cb.arg)
}

// keepDomain returns after, a rewrite of before, with the restrictions of
// before that after lost as conditions.
func keepDomain(before, after Expr) Expr {
	b, bconds := Unguard(before)
	a, aconds := Unguard(after)
	conds := append(append(restrictions(b), bconds...), aconds...)
	return guard(a, implied(a, conds))
}

// Undefined returns an *EvalError for the first part of e that names no
// variable and still has no value, such as 1/0 in x + 1/0 or ln(0) in
// ln(0) + x, which make e undefined everywhere; otherwise it returns nil.
func Undefined(e Expr) error {
	if factsOf(e)&closedNeed == 0 {
		return nil
	}
	body, conds := Unguard(e)
	closed := map[Expr]bool{}
	var isClosed func(e Expr) bool
	isClosed = func(e Expr) bool {
		if c, ok := closed[e]; ok {
			return c
		}
		c := true
		switch e := e.(type) {
		case *Symbol:
			c = false
		case *Sum:
			for _, t := range e.terms {
				c = c && isClosed(t)
			}
		case *Product:
			for _, f := range e.factors {
				c = c && isClosed(f)
			}
		case *Power:
			c = isClosed(e.base) && isClosed(e.exp)
		case *Call:
			c = isClosed(e.arg)
		}
		closed[e] = c
		return c
	}
	for _, part := range append([]Expr{body}, conds...) {
		for _, r := range restrictions(part) {
			if !isClosed(r) {
				continue
			}
			// Each part alone: ln(1e700) is a number, though 1e700 is too
			// large for a float64 to work it out, and says nothing of 1/0
			// beside it.
			p, err := Compile(r)
			if err == nil {
				_, err = p.Eval()
			}
			if !hasNoValue(err) && !(err == nil && cancels(r)) {
				continue
			}
			// What floats say of a part that cancels is rounding: 1/(cosh(20)^2
			// - sinh(20)^2) is 1, and 1/(sqrt(2)sqrt(3) - sqrt(6)) not 2.25e15.
			_, perr := EvalPrecise(r)
			var nz *NearZeroError
			switch {
			case perr == nil:
				continue
			case errors.As(perr, &nz):
				return perr
			case hasNoValue(err):
				return err
			case hasNoValue(perr):
				return perr
			}
		}
	}
	return nil
}

// cancels reports whether the part of r that must not be 0 (a divisor, or
// the argument of ln or of a root) is a sum whose float value lost 30
// bits or more of its largest term: then it may be 0.
func cancels(r Expr) bool {
	var arg Expr
	switch r := r.(type) {
	case *Power:
		arg = r.base
	case *Call:
		arg = r.arg
	}
	s, ok := arg.(*Sum)
	if !ok {
		return false
	}
	top, sum := 0.0, 0.0
	for _, t := range s.terms {
		p, err := Compile(t)
		if err != nil {
			return false
		}
		v, err := p.Eval()
		if err != nil {
			return false
		}
		top, sum = math.Max(top, math.Abs(v)), sum+v
	}
	return math.Abs(sum) <= 0x1p-30*top
}

// hasNoValue reports whether err says a part is undefined (1/0, ln(0),
// tan(pi/2)), not that floats cannot hold a number that exists.
func hasNoValue(err error) bool {
	var ee *EvalError
	return errors.As(err, &ee) && ee.Reason != "" && ee.Reason != overflowReason
}
