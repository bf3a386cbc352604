package symbolic

import (
	"context"
	"math"
	"slices"
)

// maxLHopital is how many times Limit differentiates a 0/0 quotient.
const maxLHopital = 4

// Limit returns the limit of e as x → a where e is a quotient whose
// numerator and denominator are both 0 at a, such as sin(x)/x at 0: by
// L'Hôpital's rule, differentiating both up to four times until the
// denominator is not 0 there, and only when e's values on both sides of a
// approach that number too. Otherwise ok is false and nothing is claimed.
func Limit(ctx context.Context, e Expr, x string, a float64) (v float64, ok bool) {
	body, conds := Unguard(e)
	if len(conds) > 0 {
		// x^2/x is x where it is defined: the body's value, where it has
		// one, is the limit.
		if p, err := Compile(body, x); err == nil {
			if v, err := p.Eval(a); err == nil && approaches(e, x, a, v) {
				return v, true
			}
		}
	}
	num, den, dexp := splitDenominator(body)
	if len(den) == 0 {
		return 0, false
	}
	dfs := make([]Expr, len(den))
	for i, b := range den {
		dfs[i] = Pow(b, newNum(dexp[i]))
	}
	n, d := Mul(num...), Mul(dfs...)
	at := func(e Expr) (float64, bool) {
		p, err := Compile(e, x)
		if err != nil {
			return 0, false
		}
		v, err := p.Eval(a)
		return v, err == nil
	}
	for k := 0; ; k++ {
		nv, ok1 := at(n)
		dv, ok2 := at(d)
		if !ok1 || !ok2 {
			return 0, false
		}
		if dv != 0 {
			if k == 0 {
				return 0, false // not 0/0: e is undefined for another reason
			}
			v = nv / dv
			break
		}
		if nv != 0 || k == maxLHopital {
			return 0, false // c/0 with c ≠ 0 has no finite limit
		}
		var err error
		if n, err = Diff(ctx, n, x, 1); err != nil {
			return 0, false
		}
		if d, err = Diff(ctx, d, x, 1); err != nil {
			return 0, false
		}
	}
	if v-v != 0 || !approaches(e, x, a, v) {
		return 0, false
	}
	return v, true
}

// approaches reports whether e's values just left and right of a are near
// v; where e is undefined on a side, there is no limit to give.
func approaches(e Expr, x string, a, v float64) bool {
	p, err := Compile(e, x)
	if err != nil {
		return false
	}
	h := 1e-4 * math.Max(1, math.Abs(a))
	for _, t := range []float64{a - h, a + h} {
		w, err := p.Eval(t)
		if err != nil || math.Abs(w-v) > 1e-3*math.Max(1, math.Abs(v)) {
			return false
		}
	}
	return true
}

// DerivativeLimit is the value at a of d, the derivative of prev with
// respect to x, where d is undefined at a only by a condition a rewrite
// kept: (x abs(x))' prints as 2abs(x), but keeps the x/abs(x) it came from,
// which fails at 0. By the derivative limit theorem, if prev is continuous
// at a, differentiable on both sides near it, and d has the limit L at a,
// then prev'(a) = L. Here prev is defined at a and is made of functions
// continuous on their domains (sgn excluded, and 0^v, which is 1 at v = 0
// and 0 beyond); d is defined just beside a on
// both sides; and d's body, of such functions too, is defined at a, so it
// is continuous there and its value is the limit. Otherwise ok is false.
func DerivativeLimit(prev, d Expr, x string, a float64) (v float64, ok bool) {
	body, conds := Unguard(d)
	if len(conds) == 0 || holdsFunc(prev, fnSgn) || holdsFunc(body, fnSgn) || holdsZeroPower(prev) {
		return 0, false
	}
	at := func(e Expr, t float64) (float64, bool) {
		p, err := Compile(e, x)
		if err != nil {
			return 0, false
		}
		v, err := p.Eval(t)
		return v, err == nil
	}
	if _, ok := at(prev, a); !ok {
		return 0, false
	}
	if v, ok = at(body, a); !ok || v-v != 0 {
		return 0, false
	}
	// d is defined on both sides: a is an isolated point of what its
	// conditions exclude, as far as steps down to 1e-9 tell.
	for _, h := range []float64{1e-3, 1e-6, 1e-9} {
		h *= math.Max(1, math.Abs(a))
		for _, t := range []float64{a - h, a + h} {
			if _, ok := at(d, t); !ok {
				return 0, false
			}
		}
	}
	return v, true
}

// holdsZeroPower reports whether e holds a power of 0.
func holdsZeroPower(e Expr) bool {
	found := false
	walkOnce(e, func(n Expr) bool {
		if p, ok := n.(*Power); ok && isZero(p.base) {
			found = true
		}
		return !found
	})
	return found
}

// holdsFunc reports whether e calls fn anywhere.
func holdsFunc(e Expr, fn *Func) bool {
	switch e := e.(type) {
	case *Call:
		return e.fn == fn || holdsFunc(e.arg, fn)
	case *Sum:
		return slices.ContainsFunc(e.terms, func(t Expr) bool { return holdsFunc(t, fn) })
	case *Product:
		return slices.ContainsFunc(e.factors, func(t Expr) bool { return holdsFunc(t, fn) })
	case *Power:
		return holdsFunc(e.base, fn) || holdsFunc(e.exp, fn)
	case *Guarded:
		return holdsFunc(e.body, fn) || slices.ContainsFunc(e.conds, func(t Expr) bool { return holdsFunc(t, fn) })
	}
	return false
}
