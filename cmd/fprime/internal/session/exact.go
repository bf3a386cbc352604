package session

import (
	"math/big"
	"slices"

	"github.com/fprime/fprime/symbolic"
)

// A difference that is a rational function of the variables (numbers,
// variables, +, ×, whole powers) is decided exactly, in rationals: it is
// not 0 at a point where it evaluates to anything else, however small
// (1e-1000x underflows in floats), and in one variable it is 0 when it
// vanishes at more points than its numerator's degree.

// maxExactPower bounds the whole powers worked out exactly, and maxExactBits
// the size of the numbers on the way, so that exactness costs little.
const (
	maxExactPower = 1 << 10
	maxExactBits  = 1 << 16
)

// rationalDegree reports whether e is a rational function of vars and
// bounds the degrees of its numerator and denominator written over a
// common denominator.
func rationalDegree(e symbolic.Expr, vars []string) (num, den int, ok bool) {
	switch e := e.(type) {
	case *symbolic.Num:
		return 0, 0, true
	case *symbolic.Symbol:
		return 1, 0, slices.Contains(vars, e.Name())
	case *symbolic.Sum:
		// a/b + c/d = (ad + cb)/(bd)
		type part struct{ n, d int }
		var parts []part
		for _, t := range e.Terms() {
			n, d, ok := rationalDegree(t, vars)
			if !ok {
				return 0, 0, false
			}
			parts = append(parts, part{n, d})
			den += d
		}
		for _, p := range parts {
			num = max(num, p.n+den-p.d)
		}
		return num, den, true
	case *symbolic.Product:
		for _, f := range e.Factors() {
			n, d, ok := rationalDegree(f, vars)
			if !ok {
				return 0, 0, false
			}
			num, den = num+n, den+d
		}
		return num, den, true
	case *symbolic.Power:
		k, ok := wholePower(e)
		if !ok {
			return 0, 0, false
		}
		n, d, ok := rationalDegree(e.Base(), vars)
		if k < 0 {
			n, d, k = d, n, -k
		}
		return n * k, d * k, ok
	}
	return 0, 0, false
}

// wholePower is p's exponent when it is a whole number small enough to
// work out exactly.
func wholePower(p *symbolic.Power) (int, bool) {
	n, ok := p.Exp().(*symbolic.Num)
	if !ok {
		return 0, false
	}
	r := n.Rat()
	if !r.IsInt() || !r.Num().IsInt64() || abs64(r.Num().Int64()) > maxExactPower {
		return 0, false
	}
	return int(r.Num().Int64()), true
}

// exactEval evaluates a rational function at a point, exactly. It reports
// false where a denominator is 0 or the numbers grow past maxExactBits.
func exactEval(e symbolic.Expr, vars []string, vals []*big.Rat) (*big.Rat, bool) {
	switch e := e.(type) {
	case *symbolic.Num:
		return e.Rat(), true
	case *symbolic.Symbol:
		i := slices.Index(vars, e.Name())
		if i < 0 {
			return nil, false
		}
		return new(big.Rat).Set(vals[i]), true
	case *symbolic.Sum:
		s := new(big.Rat)
		for _, t := range e.Terms() {
			v, ok := exactEval(t, vars, vals)
			if !ok {
				return nil, false
			}
			s.Add(s, v)
		}
		return s, small(s)
	case *symbolic.Product:
		p := big.NewRat(1, 1)
		for _, f := range e.Factors() {
			v, ok := exactEval(f, vars, vals)
			if !ok {
				return nil, false
			}
			if p.Mul(p, v); !small(p) {
				return nil, false
			}
		}
		return p, true
	case *symbolic.Power:
		k, ok := wholePower(e)
		if !ok {
			return nil, false
		}
		b, ok := exactEval(e.Base(), vars, vals)
		if !ok || k < 0 && b.Sign() == 0 {
			return nil, false
		}
		if k < 0 {
			b.Inv(b)
			k = -k
		}
		r := big.NewRat(1, 1)
		for ; k > 0; k >>= 1 {
			if k&1 == 1 {
				r.Mul(r, b)
			}
			if k > 1 {
				b.Mul(b, b)
			}
			if !small(r) || !small(b) {
				return nil, false
			}
		}
		return r, true
	}
	return nil, false
}

func small(r *big.Rat) bool { return r.Num().BitLen()+r.Denom().BitLen() <= maxExactBits }
