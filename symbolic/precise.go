package symbolic

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"sync"
)

// Precise is the value of an expression that names no variable, worked
// out in binary floating point of a few hundred bits rather than in
// float64: where float64 loses every digit to cancellation
// (sqrt(2)sqrt(3) - sqrt(6), 3.141592653589793 - pi) or to the size of an
// argument (sin(10^23), whose literal is exact), this tells what the value
// is, or that it cannot tell.
type Precise struct {
	// Value is the value rounded to float64 (±Inf where it is beyond, 0
	// where it is below), and Sign its sign before rounding.
	Value float64
	Sign  int
	big   *big.Float
	// Certain is set where two evaluations, at 256 and 384 bits, agree to
	// 200 bits: Value is then right to float64's last digit, and its sign
	// is sure.
	Certain bool
	// Zero is set where Value is not Certain but lies below 2^-180 of the
	// largest value met on the way: the expression is 0 to about 54
	// digits, which is no proof that it is 0.
	Zero bool
}

// Text is the value to 16 digits, past float64's range too:
// -5.075958897549457e-435 for -exp(-1000). (Slow for an exponent of
// hundreds of thousands of bits: asked only where Value will not do.)
func (p Precise) Text() string {
	if p.big == nil {
		return "0"
	}
	return p.big.Text('g', 16)
}

// ErrNearZero is returned, wrapped in a *NearZeroError, where a divisor,
// or the argument of ln or of a root with an end of its domain at 0, is 0
// to the precision of the evaluation without being 0 exactly: whether the
// expression has a value at all is then unknown.
var ErrNearZero = errors.New("0 to all the digits worked out")

// NearZeroError names the part, Expr, that is 0 to all the digits worked
// out, and the part, Part, whose value depends on whether it is 0.
type NearZeroError struct{ Part, Expr Expr }

func (e *NearZeroError) Error() string {
	return fmt.Sprintf("cannot tell whether %v has a value: %v is 0 to %d digits, and may be 0 exactly", e.Part, e.Expr, PreciseDigits)
}
func (e *NearZeroError) Unwrap() error { return ErrNearZero }

// PreciseDigits is how many decimal digits 2^-180 is, about: a sum of
// terms that cancel to fewer is taken for 0 (Precise.Zero), as far as can
// be told.
const PreciseDigits = 54

// EvalPrecise evaluates e, which must name no variable. Its error is an
// *EvalError where e has no value (a divisor exactly 0, an argument out of
// the domain), a *NearZeroError where a divisor, or the argument of ln or
// of a root, is 0 to all the digits worked out (whether e has a value is
// then unknown), and a plain error for a part it does not evaluate.
func EvalPrecise(e Expr) (Precise, error) { return evalPrecise(e, 4096) }

// EvalPreciseQuick is EvalPrecise at 256 and 384 bits only, for many
// points: a value that cancels past 2^-224 of its parts is Zero there, and
// one that does not agree is not Certain, with no more bits tried.
func EvalPreciseQuick(e Expr) (Precise, error) { return evalPrecise(e, 256) }

func evalPrecise(e Expr, most uint) (p Precise, err error) {
	// Inf − Inf and the like panic in math/big: no value to tell.
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(big.ErrNaN); !ok {
				panic(r)
			}
			p, err = Precise{}, errors.New("symbolic: not a number in the precise evaluation")
		}
	}()
	e, conds := Unguard(e)
	// At 256 and 384 bits, and where that does not tell, at four times
	// as many, twice: (exp(1e-60) - 1)·1e60 loses 200 bits of the 256.
	for bits := uint(256); bits <= most; bits *= 4 {
		p, err = evalPair(e, conds, bits)
		var nz *NearZeroError
		if p.Certain || err != nil && !errors.As(err, &nz) {
			break
		}
	}
	return p, err
}

// evalPair evaluates e, whose dropped parts conds must have values too, at
// lo bits and at 1.5 times as many.
func evalPair(e Expr, conds []Expr, lo uint) (Precise, error) {
	ev := &pairEval{lo: &preciseEval{prec: lo, low: true}, hi: &preciseEval{prec: lo + lo/2}}
	// The parts a simplification dropped must have values too: sin(x)/x
	// at 0 is 0/0, though sin(0)·0^(-1)... never gets written out.
	for _, c := range conds {
		if _, err := ev.eval(c); err != nil {
			return Precise{}, err
		}
	}
	v, err := ev.eval(e)
	if err != nil {
		return Precise{}, err
	}
	f, _ := v.hi.Float64()
	p := Precise{Value: f, Sign: v.hi.Sign(), big: v.hi, Certain: v.agree(), Zero: v.cancelled}
	// A value that shrinks as the precision grows, as rounding error
	// does, is 0 as far as can be told: ln(cosh(20)^2 - sinh(20)^2) comes
	// out 1e-60 at 256 bits and 1e-100 at 384. (sin(10^300 e) is as large
	// at both, and not the same: unknown.)
	if !p.Certain && v.lo.Sign() != 0 {
		p.Zero = p.Zero || new(big.Float).Abs(v.hi).Cmp(new(big.Float).SetMantExp(new(big.Float).Abs(v.lo), -64)) <= 0
	}
	return p, nil
}

// pair is a value at 256 and at 384 bits. cancelled is set for a sum
// that lost all but 32 of the 256 bits of its largest term (sqrt(2)sqrt(3)
// - sqrt(6) comes out 0, or 2^-256), and for a product with such a
// factor: 0 to all the digits worked out, which is no proof of 0.
type pair struct {
	lo, hi    *big.Float
	cancelled bool
}

// agree reports whether the value is known: not cancelled, and the same
// at both precisions to 64 bits (a value that depended on the precision
// would not be).
func (v pair) agree() bool {
	if v.cancelled {
		return false
	}
	if v.hi.Sign() == 0 {
		return v.lo.Sign() == 0
	}
	d := new(big.Float).Sub(v.lo, v.hi)
	tol := new(big.Float).Abs(v.hi)
	tol.SetMantExp(tol, -64)
	return d.Abs(d).Cmp(tol) <= 0
}

type pairEval struct{ lo, hi *preciseEval }

// both applies op at each precision.
func (ev *pairEval) both(op func(p *preciseEval) (*big.Float, error)) (pair, error) {
	lo, err := op(ev.lo)
	if err != nil {
		return pair{}, err
	}
	hi, err := op(ev.hi)
	if err != nil {
		return pair{}, err
	}
	for _, v := range [...]*big.Float{lo, hi} {
		if v.IsInf() || v.Sign() != 0 && abs64(int64(v.MantExp(nil))) > maxExpBits {
			return pair{}, errTooLarge
		}
	}
	return pair{lo: lo, hi: hi}, nil
}

func (ev *pairEval) eval(e Expr) (pair, error) {
	switch e := e.(type) {
	case *Num:
		// A literal keeps every digit before its point: sin(10^300)
		// is of that number, not of its first 256 bits.
		whole := max(e.r.Num().BitLen()-e.r.Denom().BitLen(), 0)
		if whole > maxWholeBits {
			return pair{}, errTooLarge
		}
		return ev.both(func(p *preciseEval) (*big.Float, error) {
			return new(big.Float).SetPrec(p.prec + uint(whole)).SetRat(&e.r), nil
		})
	case *Constant:
		return ev.both(func(p *preciseEval) (*big.Float, error) {
			if e == Pi {
				return p.piValue(), nil
			}
			return p.exp(p.num(1)), nil
		})
	case *Sum:
		parts, err := ev.all(e.terms)
		if err != nil {
			return pair{}, err
		}
		v, err := ev.both(func(p *preciseEval) (*big.Float, error) {
			s := p.new()
			for _, v := range parts {
				s.Add(s, v.at(p))
			}
			return s, nil
		})
		if err != nil {
			return pair{}, err
		}
		var top *big.Float
		for _, t := range parts {
			if a := new(big.Float).Abs(t.lo); top == nil || a.Cmp(top) > 0 {
				top = a
			}
		}
		// The lower precision's bits less 32: 2^-224 at 256.
		if top.Sign() != 0 && new(big.Float).Abs(v.lo).Cmp(top.SetMantExp(top, 32-int(ev.lo.prec))) <= 0 {
			v.cancelled = true
		}
		return v, nil
	case *Product:
		parts, err := ev.all(e.factors)
		if err != nil {
			return pair{}, err
		}
		v, err := ev.both(func(p *preciseEval) (*big.Float, error) {
			m := p.new().SetInt64(1)
			for _, v := range parts {
				m.Mul(m, v.at(p))
			}
			return m, nil
		})
		for _, t := range parts {
			v.cancelled = v.cancelled || t.cancelled
		}
		return v, err
	case *Power:
		return ev.power(e)
	case *Call:
		x, err := ev.eval(e.arg)
		if err != nil {
			return pair{}, err
		}
		// At a pole or an end of the domain at 0, an argument that
		// cancelled to rounding leaves the value unknown.
		switch e.fn.Name {
		case "ln", "sqrt":
			if !x.agree() {
				return pair{}, &NearZeroError{Part: e, Expr: e.arg}
			}
		case "asin", "acos", "atanh", "acosh", "asec", "acsc", "asech", "acoth":
			// Their domains end at ±1: an argument that is ±1 to all the
			// bits worked out (sqrt(10)/(sqrt(2)sqrt(5))) may be just
			// inside or just outside.
			if _, exact := e.arg.(*Num); !exact && x.hi.Sign() != 0 {
				one := Int(int64(x.hi.Sign()))
				d := new(big.Float).Sub(new(big.Float).Abs(x.lo), big.NewFloat(1))
				if d.Abs(d).Cmp(new(big.Float).SetMantExp(big.NewFloat(1), 32-int(ev.lo.prec))) <= 0 {
					return pair{}, &NearZeroError{Part: e, Expr: Sub(e.arg, one)}
				}
			}
		case "tan", "cot", "sec", "csc", "coth", "csch":
			// Whether sin or cos (sinh) is 0 there: the pair disagrees.
			v, err := ev.both(func(p *preciseEval) (*big.Float, error) { return p.call(e, x.at(p)) })
			if err == nil && x.agree() && !v.agree() {
				d := Apply(map[string]*Func{"tan": fnCos, "sec": fnCos, "cot": fnSin, "csc": fnSin, "coth": fnSinh, "csch": fnSinh}[e.fn.Name], e.arg)
				if isZero(d) { // cos(pi/2), known exactly
					return pair{}, undefinedPart(e, "division by zero")
				}
				return pair{}, &NearZeroError{Part: e, Expr: d}
			}
			return v, err
		}
		return ev.both(func(p *preciseEval) (*big.Float, error) { return p.call(e, x.at(p)) })
	}
	return pair{}, fmt.Errorf("symbolic: %v cannot be evaluated precisely", e)
}

func (v pair) at(p *preciseEval) *big.Float {
	if p.low {
		return v.lo
	}
	return v.hi
}

func (ev *pairEval) all(es []Expr) ([]pair, error) {
	out := make([]pair, len(es))
	for i, t := range es {
		v, err := ev.eval(t)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (ev *pairEval) power(e *Power) (pair, error) {
	b, err := ev.eval(e.base)
	if err != nil {
		return pair{}, err
	}
	n, isNum := e.exp.(*Num)
	whole := isNum && n.r.IsInt() && n.r.Num().IsInt64() && math.Abs(float64(n.r.Num().Int64())) <= 1<<20
	if whole && n.r.Sign() >= 0 {
		k := n.r.Num().Int64()
		return ev.both(func(p *preciseEval) (*big.Float, error) { return p.intPow(b.at(p), k), nil })
	}
	// A negative power divides by the base, a fractional one has an end
	// of its domain at 0: a base that cancelled to rounding leaves the
	// value unknown.
	if !b.agree() {
		return pair{}, &NearZeroError{Part: e, Expr: e.base}
	}
	if b.hi.Sign() == 0 {
		if whole || n == nil || n.r.Sign() < 0 {
			x, err := ev.eval(e.exp)
			if err != nil {
				return pair{}, err
			}
			if x.hi.Sign() <= 0 {
				return pair{}, undefinedPart(e, "division by zero")
			}
		}
		return ev.both(func(p *preciseEval) (*big.Float, error) { return p.new(), nil })
	}
	if whole {
		k := n.r.Num().Int64()
		return ev.both(func(p *preciseEval) (*big.Float, error) {
			r := p.intPow(b.at(p), -k)
			return r.Quo(p.num(1), r), nil
		})
	}
	x, err := ev.eval(e.exp)
	if err != nil {
		return pair{}, err
	}
	// A rational exponent with an odd denominator is real for a negative
	// base, as fprime reads it: (-8)^(1/3) = -2.
	sign := 1
	if b.hi.Sign() < 0 {
		if !isNum || n.r.Denom().Bit(0) == 0 {
			return pair{}, undefinedPart(e, "a negative number to a power that is not a whole number or a fraction with an odd denominator")
		}
		if n.r.Num().Bit(0) == 1 {
			sign = -1
		}
	}
	return ev.both(func(p *preciseEval) (*big.Float, error) {
		a := p.new().Abs(b.at(p))
		l, err := p.ln(a)
		if err != nil {
			return nil, err
		}
		r := p.exp(l.Mul(l, x.at(p)))
		if sign < 0 {
			r.Neg(r)
		}
		return r, nil
	})
}

type preciseEval struct {
	prec uint
	low  bool // the lower of a pair's two precisions
}

func (p *preciseEval) num(v float64) *big.Float { return new(big.Float).SetPrec(p.prec).SetFloat64(v) }
func (p *preciseEval) new() *big.Float          { return new(big.Float).SetPrec(p.prec) }

// intPow is b^k for k >= 0, by squaring.
func (p *preciseEval) intPow(b *big.Float, k int64) *big.Float {
	r := p.new().SetInt64(1)
	sq := p.new().Set(b)
	for ; k > 0; k >>= 1 {
		if k&1 == 1 {
			r.Mul(r, sq)
		}
		sq.Mul(sq, sq)
	}
	return r
}

func cmpAbs(a, b *big.Float) int {
	return new(big.Float).Abs(a).Cmp(new(big.Float).Abs(b))
}

func undefinedPart(e Expr, reason string) error {
	return &EvalError{Expr: e, Msg: fmt.Sprintf("%v is undefined (%s)", e, reason), Reason: reason}
}

// call applies the built-in function of c to x, at p's precision.
func (p *preciseEval) call(c *Call, x *big.Float) (*big.Float, error) {
	one := p.num(1)
	inv := func(v *big.Float) (*big.Float, error) {
		if v.Sign() == 0 {
			return nil, undefinedPart(c, "division by zero")
		}
		return p.new().Quo(one, v), nil
	}
	halfPi := func() *big.Float {
		h := p.piValue()
		return h.SetMantExp(h, -1)
	}
	// The inverse functions of a reciprocal are of 1/x: asec x = acos(1/x).
	if base, ok := map[string]*Func{"asec": fnAcos, "acsc": fnAsin, "acoth": fnAtanh, "asech": fnAcosh, "acsch": fnAsinh}[c.fn.Name]; ok {
		r, err := inv(x)
		if err != nil {
			return nil, err
		}
		v, err := p.call(&Call{fn: base, arg: c.arg}, r)
		var ee *EvalError
		if errors.As(err, &ee) {
			return nil, undefinedPart(c, c.fn.Name+" needs "+c.fn.Domain)
		}
		return v, err
	}
	switch c.fn.Name {
	case "sin":
		s, _, err := p.sincos(x)
		return s, err
	case "cos":
		_, co, err := p.sincos(x)
		return co, err
	case "tan", "cot":
		s, co, err := p.sincos(x)
		if err != nil {
			return nil, err
		}
		if c.fn.Name == "cot" {
			s, co = co, s
		}
		q, err := inv(co)
		if err != nil {
			return nil, err
		}
		return q.Mul(q, s), nil
	case "sec":
		_, co, err := p.sincos(x)
		if err != nil {
			return nil, err
		}
		return inv(co)
	case "csc":
		s, _, err := p.sincos(x)
		if err != nil {
			return nil, err
		}
		return inv(s)
	case "atan":
		return p.atan(x), nil
	case "acot":
		return halfPi().Sub(halfPi(), p.atan(x)), nil
	case "asin", "acos":
		if cmpAbs(x, one) > 0 {
			return nil, undefinedPart(c, c.fn.Name+" needs an argument from -1 to 1")
		}
		// asin x = atan(x/sqrt(1 - x^2)), ±π/2 at ±1.
		r := halfPi()
		if cmpAbs(x, one) < 0 {
			d := p.new().Mul(x, x)
			d.Sub(one, d).Sqrt(d)
			r = p.atan(d.Quo(x, d))
		} else if x.Sign() < 0 {
			r.Neg(r)
		}
		if c.fn.Name == "acos" {
			r.Sub(halfPi(), r)
		}
		return r, nil
	case "sinh", "cosh", "tanh", "coth", "sech", "csch":
		ex := p.exp(x)
		em := p.new().Quo(one, ex)
		sh := p.new().Sub(ex, em)
		sh.SetMantExp(sh, -1)
		ch := p.new().Add(ex, em)
		ch.SetMantExp(ch, -1)
		switch c.fn.Name {
		case "sinh":
			return sh, nil
		case "cosh":
			return ch, nil
		case "tanh":
			return sh.Quo(sh, ch), nil
		case "coth":
			q, err := inv(sh)
			if err != nil {
				return nil, err
			}
			return q.Mul(q, ch), nil
		case "sech":
			return inv(ch)
		}
		return inv(sh)
	case "asinh":
		// ln(|x| + sqrt(x^2 + 1)), odd.
		a := p.new().Abs(x)
		r := p.new().Mul(a, a)
		r.Add(r, one).Sqrt(r).Add(r, a)
		l, err := p.ln(r)
		if err != nil {
			return nil, err
		}
		if x.Sign() < 0 {
			l.Neg(l)
		}
		return l, nil
	case "acosh":
		if x.Cmp(one) < 0 {
			return nil, undefinedPart(c, "acosh needs an argument >= 1")
		}
		r := p.new().Mul(x, x)
		r.Sub(r, one).Sqrt(r).Add(r, x)
		return p.ln(r)
	case "atanh":
		if cmpAbs(x, one) >= 0 {
			return nil, undefinedPart(c, "atanh needs an argument between -1 and 1")
		}
		r := p.new().Add(one, x)
		r.Quo(r, p.new().Sub(one, x))
		l, err := p.ln(r)
		if err != nil {
			return nil, err
		}
		return l.SetMantExp(l, -1), nil
	case "ln":
		if x.Sign() <= 0 {
			return nil, undefinedPart(c, "ln needs a positive argument")
		}
		return p.ln(x)
	case "sqrt":
		if x.Sign() < 0 {
			return nil, undefinedPart(c, "sqrt needs an argument >= 0")
		}
		if x.Sign() == 0 {
			return p.new(), nil
		}
		return p.new().Sqrt(x), nil
	case "cbrt":
		if x.Sign() == 0 {
			return p.new(), nil
		}
		l, err := p.ln(p.new().Abs(x))
		if err != nil {
			return nil, err
		}
		r := p.exp(l.Quo(l, p.num(3)))
		if x.Sign() < 0 {
			r.Neg(r)
		}
		return r, nil
	case "exp":
		return p.exp(x), nil
	case "abs":
		return p.new().Abs(x), nil
	case "sgn":
		return p.num(float64(x.Sign())), nil
	}
	return nil, fmt.Errorf("symbolic: %s cannot be evaluated precisely", c.fn.Name)
}

// guard bits for the series: each works at prec + 64.
func (p *preciseEval) work() uint { return p.prec + 64 }

// piValue is π by Machin's formula, 16 atan(1/5) − 4 atan(1/239), at the
// working precision, once.
func (p *preciseEval) piValue() *big.Float {
	return p.new().Set(piCache.at(p.work(), func(w uint) *big.Float {
		a := atanInv(5, w)
		a.Mul(a, new(big.Float).SetPrec(w).SetInt64(16))
		b := atanInv(239, w)
		b.Mul(b, new(big.Float).SetPrec(w).SetInt64(4))
		return a.Sub(a, b)
	}))
}

// constCache keeps a constant at the most bits yet asked for, rounded for
// each use: π is worked out again only for a larger sin argument.
type constCache struct {
	mu sync.Mutex
	v  *big.Float
}

var piCache, ln2Cache constCache

// at is the constant to prec bits or more; compute works it out to the
// bits it is given.
func (c *constCache) at(prec uint, compute func(uint) *big.Float) *big.Float {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.v == nil || c.v.Prec() < prec {
		c.v = compute((prec + 1023) &^ 1023)
	}
	return c.v
}

// atanInv is atan(1/n) to prec bits.
func atanInv(n int64, prec uint) *big.Float {
	one := new(big.Float).SetPrec(prec).SetInt64(1)
	return atanSeries(one.Quo(one, new(big.Float).SetPrec(prec).SetInt64(n)), prec)
}

// atanSeries is atan y = Σ (−1)^k y^(2k+1)/(2k+1), for small |y|.
func atanSeries(y *big.Float, prec uint) *big.Float { return oddSeries(y, prec, true) }

// oddSeries is Σ (±1)^k y^(2k+1)/(2k+1) to prec bits, the signs
// alternating or not.
func oddSeries(y *big.Float, prec uint, alternating bool) *big.Float {
	sum := new(big.Float).SetPrec(prec)
	pow := new(big.Float).SetPrec(prec).Set(y)
	y2 := new(big.Float).SetPrec(prec).Mul(y, y)
	if alternating {
		y2.Neg(y2)
	}
	term := new(big.Float).SetPrec(prec)
	for k := int64(0); ; k++ {
		term.Quo(pow, new(big.Float).SetPrec(prec).SetInt64(2*k+1))
		sum.Add(sum, term)
		if term.Sign() == 0 || sum.Sign() != 0 && term.MantExp(nil)-sum.MantExp(nil) < -int(prec) {
			return sum
		}
		pow.Mul(pow, y2)
	}
}

// ln2 is ln 2 = 2 atanh(1/3), once.
func (p *preciseEval) ln2Value() *big.Float {
	return new(big.Float).SetPrec(p.work()).Set(ln2Cache.at(p.work(), func(w uint) *big.Float {
		l := atanhSeries(new(big.Float).SetPrec(w).Quo(new(big.Float).SetPrec(w).SetInt64(1), new(big.Float).SetPrec(w).SetInt64(3)), w)
		return l.Mul(l, new(big.Float).SetPrec(w).SetInt64(2))
	}))
}

// atanhSeries is atanh z = Σ z^(2k+1)/(2k+1), for |z| ≤ 1/3.
func atanhSeries(z *big.Float, prec uint) *big.Float { return oddSeries(z, prec, false) }

// ln is the natural logarithm of x > 0: x = m·2^k with m in [1/2, 1),
// ln x = k ln 2 + 2 atanh((m − 1)/(m + 1)).
func (p *preciseEval) ln(x *big.Float) (*big.Float, error) {
	if x.Sign() <= 0 {
		return nil, errors.New("symbolic: ln of a number that is not positive")
	}
	w := p.work()
	m := new(big.Float).SetPrec(w)
	k := x.MantExp(m)
	one := new(big.Float).SetPrec(w).SetInt64(1)
	z := new(big.Float).SetPrec(w).Sub(m, one)
	z.Quo(z, new(big.Float).SetPrec(w).Add(m, one))
	r := atanhSeries(z, w)
	r.Mul(r, new(big.Float).SetPrec(w).SetInt64(2))
	l2 := p.ln2Value()
	l2.Mul(l2, new(big.Float).SetPrec(w).SetInt64(int64(k)))
	return p.new().Add(r, l2), nil
}

// exp is e^x: x = k ln 2 + r with |r| ≤ ln 2, then the Taylor series of
// e^(r/2^16), squared 16 times.
func (p *preciseEval) exp(x *big.Float) *big.Float {
	w := p.work() + 32
	l2 := p.ln2Value()
	q := new(big.Float).SetPrec(w).Quo(x, l2)
	kf, _ := q.Float64()
	if math.Abs(kf) > maxExpBits {
		// Far beyond any float64, and too far apart from a number of
		// ordinary size to add to it (math/big shifts by the gap).
		if kf > 0 {
			return p.new().SetInf(false)
		}
		return p.new()
	}
	k := int64(math.Round(kf))
	r := new(big.Float).SetPrec(w).Mul(l2, new(big.Float).SetPrec(w).SetInt64(k))
	r.Sub(new(big.Float).SetPrec(w).Set(x), r)
	r.SetMantExp(r, -16)
	sum := new(big.Float).SetPrec(w).SetInt64(1)
	term := new(big.Float).SetPrec(w).SetInt64(1)
	for n := int64(1); ; n++ {
		term.Mul(term, r)
		term.Quo(term, new(big.Float).SetPrec(w).SetInt64(n))
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil) < -int(w) {
			break
		}
	}
	for range 16 {
		sum.Mul(sum, sum)
	}
	return p.new().SetMantExp(sum, int(k))
}

// maxExpBits bounds the binary exponent of every value worked out: math/big
// adds two numbers by shifting one by the gap between their exponents, and
// e^(10^9) + 1 would shift by 1.4e9 bits; 2^20 bits is 128 KiB, and
// ln(2e^(-46000)) needs 2^-66,365.
const maxExpBits = 1 << 20

// maxWholeBits bounds the bits before the point that a literal, or the
// argument of sin or cos, may have: π to 4,096 more bits is quick, and
// 10^1233 is past any float64.
const maxWholeBits = 4096

var errTooLarge = errors.New("symbolic: a number too large to evaluate precisely")

// sincos is sin x and cos x: x reduced by π/2 with π to as many more bits
// as x has before its point, then Taylor series on |r| ≤ π/4.
func (p *preciseEval) sincos(x *big.Float) (*big.Float, *big.Float, error) {
	if x.IsInf() {
		return nil, nil, errTooLarge
	}
	extra := max(x.MantExp(nil), 0)
	if extra > maxWholeBits {
		return nil, nil, errTooLarge
	}
	w := p.work() + uint(extra)
	sub := &preciseEval{prec: w}
	halfPi := sub.piValue()
	halfPi.SetMantExp(halfPi, -1)
	q := new(big.Float).SetPrec(w).Quo(x, halfPi)
	qi, _ := q.Int(nil)
	frac := new(big.Float).SetPrec(w).Sub(q, new(big.Float).SetPrec(w).SetInt(qi))
	if frac.Cmp(big.NewFloat(0.5)) > 0 {
		qi.Add(qi, big.NewInt(1))
	} else if frac.Cmp(big.NewFloat(-0.5)) < 0 {
		qi.Sub(qi, big.NewInt(1))
	}
	r := new(big.Float).SetPrec(w).Mul(halfPi, new(big.Float).SetPrec(w).SetInt(qi))
	r.Sub(new(big.Float).SetPrec(w).Set(x), r)
	s, c := sinCosSeries(r, p.work())
	switch new(big.Int).And(qi, big.NewInt(3)).Int64() {
	case 1:
		s, c = c, s.Neg(s)
	case 2:
		s.Neg(s)
		c.Neg(c)
	case 3:
		s, c = c.Neg(c), s
	}
	return p.new().Set(s), p.new().Set(c), nil
}

func sinCosSeries(r *big.Float, prec uint) (*big.Float, *big.Float) {
	s := new(big.Float).SetPrec(prec).Set(r)
	c := new(big.Float).SetPrec(prec).SetInt64(1)
	r2 := new(big.Float).SetPrec(prec).Mul(r, r)
	ts := new(big.Float).SetPrec(prec).Set(r)
	tc := new(big.Float).SetPrec(prec).SetInt64(1)
	for n := int64(1); ; n++ {
		ts.Mul(ts, r2)
		ts.Quo(ts, new(big.Float).SetPrec(prec).SetInt64((2*n)*(2*n+1)))
		ts.Neg(ts)
		tc.Mul(tc, r2)
		tc.Quo(tc, new(big.Float).SetPrec(prec).SetInt64((2*n-1)*(2*n)))
		tc.Neg(tc)
		s.Add(s, ts)
		c.Add(c, tc)
		if (ts.Sign() == 0 || ts.MantExp(nil) < -int(prec)) && (tc.Sign() == 0 || tc.MantExp(nil) < -int(prec)) {
			return s, c
		}
	}
}

// atan: for |x| > 1, π/2 − atan(1/x); then halved three times by
// atan x = 2 atan(x/(1 + sqrt(1 + x^2))), and the Taylor series.
func (p *preciseEval) atan(x *big.Float) *big.Float {
	w := p.work()
	one := new(big.Float).SetPrec(w).SetInt64(1)
	y := new(big.Float).SetPrec(w).Set(x)
	flip := cmpAbs(y, one) > 0
	if flip {
		y.Quo(one, y)
	}
	const halvings = 8
	for range halvings {
		d := new(big.Float).SetPrec(w).Mul(y, y)
		d.Add(d, one).Sqrt(d).Add(d, one)
		y.Quo(y, d)
	}
	sum := atanSeries(y, w)
	sum.SetMantExp(sum, halvings)
	if flip {
		half := p.piValue()
		half.SetMantExp(half, -1)
		if x.Sign() < 0 {
			half.Neg(half)
		}
		sum.Sub(half, sum)
	}
	return p.new().Set(sum)
}
