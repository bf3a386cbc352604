package session

import (
	"math"
	"math/big"

	"github.com/fprime/fprime/symbolic"
)

// check decides a difference that does not simplify to 0 by evaluating it
// with a bound on its own rounding error: where |D| exceeds the bound, D is
// not 0 there, whatever the size of the terms that cancelled; where it does
// not, the point agrees. A relative tolerance on left and right would
// swallow a wrong constant such as 1e-12.

// roundoff is how far one step may be off, relative to its result: a
// float64 operation by half a unit in the last place, a function of Go's
// math package by about one; four units leave room for both.
const roundoff = 4 * 0x1p-53

// tiny is what an underflow may lose: the spacing of floats near 0.
const tiny = 0x1p-1074

// bounded is a computed value v and a bound e on |v - the exact value|.
type bounded struct{ v, e float64 }

func finiteFloat(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// rounded is v, the result of one step whose operands were off by at most
// e, with that step's own rounding added.
func rounded(v, e float64) bounded {
	if math.IsNaN(e) {
		e = math.Inf(1)
	}
	return bounded{v, e + roundoff*math.Abs(v) + tiny}
}

// boundedEval evaluates e at the point vals of vars. It reports false where
// e is undefined or not finite there; the conditions of a Guarded e are the
// caller's to check (check's points are where both sides are defined).
func boundedEval(e symbolic.Expr, vars []string, vals []float64) (bounded, bool) {
	e, _ = symbolic.Unguard(e)
	b := (&boundEvaluator{vars, vals}).eval(e)
	return b, finiteFloat(b.v)
}

type boundEvaluator struct {
	vars []string
	vals []float64
}

func (ev *boundEvaluator) eval(e symbolic.Expr) bounded {
	switch e := e.(type) {
	case *symbolic.Num:
		// 1e20 is a float exactly: sin(1e20) is as sure as Go's sin.
		v, exact := e.Rat().Float64()
		if exact {
			return bounded{v, 0}
		}
		return rounded(v, 0)
	case *symbolic.Constant:
		return rounded(e.Value(), 0)
	case *symbolic.Symbol:
		for i, v := range ev.vars {
			if v == e.Name() {
				return bounded{ev.vals[i], 0} // a sample point is exact
			}
		}
		return bounded{math.NaN(), 0}
	case *symbolic.Sum:
		var s bounded
		for _, t := range e.Terms() {
			b := ev.eval(t)
			s = rounded(s.v+b.v, s.e+b.e)
		}
		return s
	case *symbolic.Product:
		p := bounded{1, 0}
		for _, f := range e.Factors() {
			p = mulBounded(p, ev.eval(f))
		}
		return p
	case *symbolic.Power:
		return ev.power(e)
	case *symbolic.Call:
		return callBounded(e.Func(), ev.eval(e.Arg()))
	}
	return bounded{math.NaN(), 0}
}

func mulBounded(a, b bounded) bounded {
	return rounded(a.v*b.v, math.Abs(a.v)*b.e+math.Abs(b.v)*a.e+a.e*b.e)
}

// invBounded is 1/a; its error is unbounded when a's interval holds 0,
// and when a overflowed: a difference is not judged where a part of it is
// beyond float64 (1/cosh(x) at x = 800), though a compiled program reads
// that quotient as 0.
func invBounded(a bounded) bounded {
	m := math.Abs(a.v)
	if a.e >= m {
		return bounded{1 / a.v, math.Inf(1)}
	}
	return rounded(1/a.v, a.e/(m*(m-a.e)))
}

func (ev *boundEvaluator) power(p *symbolic.Power) bounded {
	if p.Base() == symbolic.E {
		return monotone(math.Exp, ev.eval(p.Exp()), false)
	}
	b := ev.eval(p.Base())
	n, isNum := p.Exp().(*symbolic.Num)
	if !isNum {
		// b^c = e^(c ln b), defined for b > 0 as the compiled program has it.
		if b.v <= 0 {
			return bounded{math.NaN(), 0}
		}
		return monotone(math.Exp, mulBounded(ev.eval(p.Exp()), monotone(math.Log, b, false)), false)
	}
	r := n.Rat()
	if r.IsInt() && r.Num().IsInt64() && abs64(r.Num().Int64()) <= math.MaxInt32 {
		k := r.Num().Int64()
		pos := powBounded(b, abs64(k))
		if k < 0 {
			return invBounded(pos)
		}
		return pos
	}
	return rootPower(b, r)
}

func abs64(k int64) int64 {
	if k < 0 {
		return -k
	}
	return k
}

// powBounded is b^k by repeated squaring, step by step as mulBounded.
func powBounded(b bounded, k int64) bounded {
	r := bounded{1, 0}
	for k > 0 {
		if k&1 == 1 {
			r = mulBounded(r, b)
		}
		if k >>= 1; k > 0 {
			b = mulBounded(b, b)
		}
	}
	return r
}

// rootPower is b^(p/q) for a fraction p/q: real for b < 0 when q is odd,
// as fprime reads (-8)^(1/3). The exponent as a float64 is off by up to
// half a unit, which changes the result by |ln b| times that, relatively.
func rootPower(b bounded, r *big.Rat) bounded {
	c, _ := r.Float64()
	odd := r.Denom().Bit(0) == 1
	numOdd := r.Num().Bit(0) == 1
	g := func(x float64) float64 {
		if x < 0 {
			if !odd {
				return math.NaN()
			}
			if numOdd {
				return -math.Pow(-x, c)
			}
			return math.Pow(-x, c)
		}
		return math.Pow(x, c)
	}
	// x^(2/3) turns at 0; x^(-1/3) has its pole there.
	v := monotone(g, b, c > 0 && !numOdd || c < 0)
	if b.v != 0 {
		v.e += math.Abs(v.v) * math.Abs(math.Log(math.Abs(b.v))) * math.Abs(c) * 0x1p-52
	}
	return v
}

// monotone is g(a) for g monotone on each side of 0: its error is the most
// g moves over a's interval, found at the interval's ends, and at 0 when
// g turns there (cosh, x^(2/3)). A step outside g's domain within the
// interval leaves the error unbounded.
func monotone(g func(float64) float64, a bounded, turnsAt0 bool) bounded {
	v := g(a.v)
	if a.e == 0 || !finiteFloat(v) {
		return rounded(v, 0)
	}
	lo, hi := math.Nextafter(a.v-a.e, math.Inf(-1)), math.Nextafter(a.v+a.e, math.Inf(1))
	ends := []float64{lo, hi}
	if turnsAt0 && lo < 0 && hi > 0 {
		ends = append(ends, 0)
	}
	d := 0.0
	for _, x := range ends {
		y := g(x)
		d = math.Max(d, math.Abs(y-v)+roundoff*math.Abs(y))
		if math.IsNaN(y) {
			d = math.Inf(1)
		}
	}
	return rounded(v, d)
}

// callBounded applies a function of the table; every row has its rule
// here (TestBoundedCoversEveryFunction).
func callBounded(fn *symbolic.Func, a bounded) bounded {
	switch fn.Name {
	case "sin", "cos":
		// |sin(x) - sin(y)| <= |x - y|, and no value is more than 2 apart.
		return rounded(fn.Float(a.v), math.Min(a.e, 2))
	case "abs":
		return rounded(math.Abs(a.v), a.e)
	case "tan":
		return mulBounded(callBounded(symbolic.LookupFunc("sin"), a), invBounded(callBounded(symbolic.LookupFunc("cos"), a)))
	case "cot":
		return mulBounded(callBounded(symbolic.LookupFunc("cos"), a), invBounded(callBounded(symbolic.LookupFunc("sin"), a)))
	case "sec":
		return invBounded(callBounded(symbolic.LookupFunc("cos"), a))
	case "csc":
		return invBounded(callBounded(symbolic.LookupFunc("sin"), a))
	case "cosh", "sech":
		return monotone(fn.Float, a, true)
	case "coth", "csch", "acsch", "sgn":
		// Monotone on each side of a pole or jump at 0: an interval
		// across 0 takes in the value there, unbounded for a pole.
		return monotone(fn.Float, a, true)
	case "asin", "acos", "atan", "acot", "asec", "acsc", "sinh", "tanh", "asinh", "acosh", "atanh", "acoth", "asech", "ln", "cbrt":
		return monotone(fn.Float, a, false)
	}
	return bounded{math.NaN(), 0}
}
