package symbolic

import (
	"fmt"
	"math"
	"math/big"
	"slices"
)

// Func is one built-in function of one argument: everything fprime knows
// about it stands in its row of the table below, so a reader can check each
// derivative against a calculus book and adding a function is one row.
type Func struct {
	Name string
	// Float evaluates the function; it returns NaN outside the domain.
	Float func(float64) float64
	// Deriv is f'(u), the derivative with respect to the argument; the
	// chain rule multiplies it by u'.
	Deriv func(u Expr) Expr
	// Rule names the differentiation rule, for step-by-step derivations.
	Rule string
	// Domain says which arguments the function takes, for error messages.
	Domain string
	// LaTeX prints f applied to an argument already in LaTeX.
	LaTeX func(arg string) string
	// parity lets sin(-x) become -sin(x) and cos(-x) become cos(x).
	parity parity
	// exact gives the value at the few rational points where it is rational.
	exact func(r *big.Rat) (Expr, bool)
	// total says the function has a value at every argument.
	total bool
	// quotients are the rules of quotientRules in which the function is
	// the quotient, as tan is in tan·cos = sin.
	quotients []quotientRule
}

type parity int

const (
	neither parity = iota
	odd
	even
)

// The rows are filled in by init because derivatives refer to each other
// (sin' is cos and cos' is -sin); they never change afterwards.
var (
	fnSin, fnCos, fnTan, fnCot, fnSec, fnCsc, fnAsin, fnAcos, fnAtan, fnAcot, fnAsec, fnAcsc             *Func
	fnSinh, fnCosh, fnTanh, fnCoth, fnSech, fnCsch, fnAsinh, fnAcosh, fnAtanh, fnAcoth, fnAsech, fnAcsch *Func
	fnLn, fnCbrt, fnAbs, fnSgn                                                                           *Func

	// funcs is the table of functions, in the order help lists them.
	funcs    []*Func
	builtins map[string]*Builtin
)

func init() {
	fnSin = &Func{Name: "sin", Float: math.Sin, Rule: "sine rule",
		Deriv:  func(u Expr) Expr { return Apply(fnCos, u) },
		Domain: anyArgument, LaTeX: latexFn(`\sin`), parity: odd, exact: at(0, 0)}
	fnCos = &Func{Name: "cos", Float: math.Cos, Rule: "cosine rule",
		Deriv:  func(u Expr) Expr { return Neg(Apply(fnSin, u)) },
		Domain: anyArgument, LaTeX: latexFn(`\cos`), parity: even, exact: at(0, 1)}
	fnTan = &Func{Name: "tan", Float: math.Tan, Rule: "tangent rule",
		Deriv:  func(u Expr) Expr { return Pow(Apply(fnSec, u), Int(2)) },
		Domain: "an argument that is not an odd multiple of pi/2", LaTeX: latexFn(`\tan`), parity: odd, exact: at(0, 0)}
	fnCot = &Func{Name: "cot", Float: func(x float64) float64 { return 1 / math.Tan(x) }, Rule: "cotangent rule",
		Deriv:  func(u Expr) Expr { return Neg(Pow(Apply(fnCsc, u), Int(2))) },
		Domain: "an argument that is not a multiple of pi", LaTeX: latexFn(`\cot`), parity: odd}
	fnSec = &Func{Name: "sec", Float: func(x float64) float64 { return 1 / math.Cos(x) }, Rule: "secant rule",
		Deriv:  func(u Expr) Expr { return Mul(Apply(fnSec, u), Apply(fnTan, u)) },
		Domain: "an argument that is not an odd multiple of pi/2", LaTeX: latexFn(`\sec`), parity: even, exact: at(0, 1)}
	fnCsc = &Func{Name: "csc", Float: func(x float64) float64 { return 1 / math.Sin(x) }, Rule: "cosecant rule",
		Deriv:  func(u Expr) Expr { return Neg(Mul(Apply(fnCsc, u), Apply(fnCot, u))) },
		Domain: "an argument that is not a multiple of pi", LaTeX: latexFn(`\csc`), parity: odd}

	fnAsin = &Func{Name: "asin", Float: math.Asin, Rule: "arcsine rule",
		Deriv:  func(u Expr) Expr { return Pow(Sub(one, Pow(u, Int(2))), Frac(-1, 2)) },
		Domain: "an argument from -1 to 1", LaTeX: latexFn(`\arcsin`), parity: odd, exact: at(0, 0)}
	fnAcos = &Func{Name: "acos", Float: math.Acos, Rule: "arccosine rule",
		Deriv:  func(u Expr) Expr { return Neg(Pow(Sub(one, Pow(u, Int(2))), Frac(-1, 2))) },
		Domain: "an argument from -1 to 1", LaTeX: latexFn(`\arccos`), exact: at(1, 0)}
	fnAtan = &Func{Name: "atan", Float: math.Atan, Rule: "arctangent rule",
		Deriv:  func(u Expr) Expr { return Pow(Add(one, Pow(u, Int(2))), minusOne) },
		Domain: anyArgument, LaTeX: latexFn(`\arctan`), parity: odd, exact: at(0, 0)}

	// acot is π/2 - atan(u), continuous with values in (0, π), so its
	// derivative is -1/(1 + u^2) everywhere.
	fnAcot = &Func{Name: "acot", Float: func(x float64) float64 { return math.Pi/2 - math.Atan(x) }, Rule: "arccotangent rule",
		Deriv:  func(u Expr) Expr { return Neg(Pow(Add(one, Pow(u, Int(2))), minusOne)) },
		Domain: anyArgument, LaTeX: latexFn(`\operatorname{arccot}`)}
	fnAsec = &Func{Name: "asec", Float: func(x float64) float64 { return math.Acos(1 / x) }, Rule: "arcsecant rule",
		Deriv:  func(u Expr) Expr { return Pow(Mul(Apply(fnAbs, u), Pow(Sub(Pow(u, Int(2)), one), half)), minusOne) },
		Domain: "an argument <= -1 or >= 1", LaTeX: latexFn(`\operatorname{arcsec}`)}
	fnAcsc = &Func{Name: "acsc", Float: func(x float64) float64 { return math.Asin(1 / x) }, Rule: "arccosecant rule",
		Deriv: func(u Expr) Expr {
			return Neg(Pow(Mul(Apply(fnAbs, u), Pow(Sub(Pow(u, Int(2)), one), half)), minusOne))
		},
		Domain: "an argument <= -1 or >= 1", LaTeX: latexFn(`\operatorname{arccsc}`), parity: odd}

	fnSinh = &Func{Name: "sinh", Float: sinh, Rule: "hyperbolic sine rule",
		Deriv:  func(u Expr) Expr { return Apply(fnCosh, u) },
		Domain: anyArgument, LaTeX: latexFn(`\sinh`), parity: odd, exact: at(0, 0)}
	fnCosh = &Func{Name: "cosh", Float: cosh, Rule: "hyperbolic cosine rule",
		Deriv:  func(u Expr) Expr { return Apply(fnSinh, u) },
		Domain: anyArgument, LaTeX: latexFn(`\cosh`), parity: even, exact: at(0, 1)}
	fnTanh = &Func{Name: "tanh", Float: math.Tanh, Rule: "hyperbolic tangent rule",
		// sech(u)^2 rather than 1/cosh(u)^2: it stays bounded, so the
		// higher derivatives never overflow in cosh(u) where their values
		// are about 0 (tanh(x^5)'' at x = 4): sech(800) is 1/Inf, 0.
		Deriv:  func(u Expr) Expr { return Pow(Apply(fnSech, u), Int(2)) },
		Domain: anyArgument, LaTeX: latexFn(`\tanh`), parity: odd, exact: at(0, 0)}
	fnCoth = &Func{Name: "coth", Float: func(x float64) float64 { return 1 / math.Tanh(x) }, Rule: "hyperbolic cotangent rule",
		Deriv:  func(u Expr) Expr { return Neg(Pow(Apply(fnCsch, u), Int(2))) },
		Domain: "a nonzero argument", LaTeX: latexFn(`\coth`), parity: odd}
	fnSech = &Func{Name: "sech", Float: func(x float64) float64 { return 1 / cosh(x) }, Rule: "hyperbolic secant rule",
		Deriv:  func(u Expr) Expr { return Neg(Mul(Apply(fnSech, u), Apply(fnTanh, u))) },
		Domain: anyArgument, LaTeX: latexFn(`\operatorname{sech}`), parity: even, exact: at(0, 1)}
	fnCsch = &Func{Name: "csch", Float: func(x float64) float64 { return 1 / sinh(x) }, Rule: "hyperbolic cosecant rule",
		Deriv:  func(u Expr) Expr { return Neg(Mul(Apply(fnCsch, u), Apply(fnCoth, u))) },
		Domain: "a nonzero argument", LaTeX: latexFn(`\operatorname{csch}`), parity: odd}
	fnAsinh = &Func{Name: "asinh", Float: math.Asinh, Rule: "inverse hyperbolic sine rule",
		Deriv:  func(u Expr) Expr { return Pow(Add(Pow(u, Int(2)), one), Frac(-1, 2)) },
		Domain: anyArgument, LaTeX: latexFn(`\operatorname{arsinh}`), parity: odd, exact: at(0, 0)}
	fnAcosh = &Func{Name: "acosh", Float: math.Acosh, Rule: "inverse hyperbolic cosine rule",
		Deriv:  func(u Expr) Expr { return Pow(Sub(Pow(u, Int(2)), one), Frac(-1, 2)) },
		Domain: "an argument >= 1", LaTeX: latexFn(`\operatorname{arcosh}`), exact: at(1, 0)}
	fnAtanh = &Func{Name: "atanh", Float: math.Atanh, Rule: "inverse hyperbolic tangent rule",
		Deriv:  func(u Expr) Expr { return Pow(Sub(one, Pow(u, Int(2))), minusOne) },
		Domain: "an argument strictly between -1 and 1", LaTeX: latexFn(`\operatorname{artanh}`), parity: odd, exact: at(0, 0)}

	fnAcoth = &Func{Name: "acoth", Float: func(x float64) float64 { return math.Atanh(1 / x) }, Rule: "inverse hyperbolic cotangent rule",
		Deriv:  func(u Expr) Expr { return Pow(Sub(one, Pow(u, Int(2))), minusOne) },
		Domain: "an argument < -1 or > 1", LaTeX: latexFn(`\operatorname{arcoth}`), parity: odd}
	fnAsech = &Func{Name: "asech", Float: func(x float64) float64 { return math.Acosh(1 / x) }, Rule: "inverse hyperbolic secant rule",
		Deriv:  func(u Expr) Expr { return Neg(Pow(Mul(u, Pow(Sub(one, Pow(u, Int(2))), half)), minusOne)) },
		Domain: "an argument > 0 and <= 1", LaTeX: latexFn(`\operatorname{arsech}`), exact: at(1, 0)}
	fnAcsch = &Func{Name: "acsch", Float: func(x float64) float64 { return math.Asinh(1 / x) }, Rule: "inverse hyperbolic cosecant rule",
		Deriv: func(u Expr) Expr {
			return Neg(Pow(Mul(Apply(fnAbs, u), Pow(Add(one, Pow(u, Int(2))), half)), minusOne))
		},
		Domain: "a nonzero argument", LaTeX: latexFn(`\operatorname{arcsch}`), parity: odd}

	fnLn = &Func{Name: "ln", Float: math.Log, Rule: "logarithm rule",
		Deriv:  func(u Expr) Expr { return Pow(u, minusOne) },
		Domain: "a positive argument", LaTeX: latexFn(`\ln`), exact: at(1, 0)}
	fnCbrt = &Func{Name: "cbrt", Float: math.Cbrt, Rule: "cube root rule",
		// 1/(3cbrt(u)^2) rather than u^(-2/3)/3, so it still evaluates for u < 0.
		Deriv:  func(u Expr) Expr { return Mul(Frac(1, 3), Pow(Apply(fnCbrt, u), Int(-2))) },
		Domain: anyArgument, LaTeX: latexWrap(`\sqrt[3]{`, `}`), parity: odd, exact: exactCbrt}
	fnAbs = &Func{Name: "abs", Float: math.Abs, Rule: "absolute value rule",
		Deriv:  func(u Expr) Expr { return Div(u, Apply(fnAbs, u)) },
		Domain: anyArgument, LaTeX: latexWrap(`\left|`, `\right|`), parity: even, exact: exactAbs}

	// sgn jumps at 0: its derivative is 0 where it has one, for u ≠ 0.
	fnSgn = &Func{Name: "sgn", Float: sgn, Rule: "sign rule",
		Deriv:  func(u Expr) Expr { return Mul(zero, Pow(u, minusOne)) },
		Domain: anyArgument, LaTeX: latexFn(`\operatorname{sgn}`), parity: odd, exact: exactSgn}

	funcs = []*Func{fnSin, fnCos, fnTan, fnCot, fnSec, fnCsc, fnAsin, fnAcos, fnAtan, fnAcot, fnAsec, fnAcsc,
		fnSinh, fnCosh, fnTanh, fnCoth, fnSech, fnCsch, fnAsinh, fnAcosh, fnAtanh, fnAcoth, fnAsech, fnAcsch,
		fnLn, fnCbrt, fnAbs, fnSgn}
	for _, f := range funcs {
		// The row's domain says it: a function of "any argument" drops
		// nothing when a simplification removes it.
		f.total = f.Domain == anyArgument
	}
	quotientRules = []quotientRule{
		{fnTan, fnCos, fnSin}, {fnCot, fnSin, fnCos}, {fnSec, fnCos, nil}, {fnCsc, fnSin, nil},
		{fnSec, fnSin, fnTan}, {fnCsc, fnCos, fnCot}, {fnTan, fnCot, nil},
		{fnTanh, fnCosh, fnSinh}, {fnCoth, fnSinh, fnCosh}, {fnSech, fnCosh, nil}, {fnCsch, fnSinh, nil},
		{fnSech, fnSinh, fnTanh}, {fnCsch, fnCosh, fnCoth}, {fnTanh, fnCoth, nil},
	}
	for _, r := range quotientRules {
		r.q.quotients = append(r.q.quotients, r)
	}
	domainTwin = domainTwins()
	builtins = makeBuiltins()
}

// quotientRule is q(u)·p(u) = r(u), or 1 where r is nil, for every u where
// q(u) is defined: each of q = tan, cot, sec, csc is a quotient of sin and
// cos (tan = sin/cos, sec = 1/cos, so sec·sin = tan), and so for the
// hyperbolic functions.
type quotientRule struct{ q, p, r *Func }

// quotientRules are the products of a quotient by its divisor, or by its
// reciprocal, that Mul writes shorter: tan(x)cos(x) is sin(x) (for
// cos(x) ≠ 0, which tan(x) keeps), sec(x)cos(x) is 1, sec(x)sin(x) is
// tan(x), tan(x)cot(x) is 1.
var quotientRules []quotientRule

const anyArgument = "any argument"

// Funcs returns the table of built-in functions.
func Funcs() []*Func { return slices.Clone(funcs) }

func latexFn(cmd string) func(string) string {
	return func(arg string) string { return cmd + `\left(` + arg + `\right)` }
}

func latexWrap(open, close string) func(string) string {
	return func(arg string) string { return open + arg + close }
}

// at gives the value y at the single point x.
func at(x, y int64) func(*big.Rat) (Expr, bool) {
	return func(r *big.Rat) (Expr, bool) {
		if r.IsInt() && r.Num().IsInt64() && r.Num().Int64() == x {
			return Int(y), true
		}
		return nil, false
	}
}

func exactCbrt(r *big.Rat) (Expr, bool) {
	v, ok := foldPow(new(big.Rat).Abs(r), big.NewRat(1, 3))
	if !ok {
		return nil, false
	}
	if r.Sign() < 0 {
		return Neg(v), true
	}
	return v, true
}

func exactAbs(r *big.Rat) (Expr, bool) { return newNum(new(big.Rat).Abs(r)), true }

// atPole reports whether fn(arg) is a pole that floats miss: tan and sec at
// an odd multiple of π/2, cot and csc at a multiple of π.
func atPole(fn *Func, arg Expr) bool {
	k, ok := piMultiple(arg)
	if !ok {
		return false
	}
	twice := new(big.Rat).Mul(k, big.NewRat(2, 1))
	switch fn {
	case fnTan, fnSec:
		return twice.IsInt() && twice.Num().Bit(0) == 1
	case fnCot, fnCsc:
		return k.IsInt()
	}
	return false
}

// piMultiple is k for arg = kπ, k rational.
func piMultiple(arg Expr) (*big.Rat, bool) {
	switch a := arg.(type) {
	case *Constant:
		if a == Pi {
			return big.NewRat(1, 1), true
		}
	case *Product:
		if c, ok := a.factors[0].(*Num); ok && len(a.factors) == 2 && a.factors[1] == Pi {
			return &c.r, true
		}
	}
	return nil, false
}

// atPiMultiple gives the trigonometric functions at a multiple of π/6 or
// π/4, where books write their values: sin(π) is 0, cos(π) is -1, sin(π/6)
// is 1/2, cos(π/4) is sqrt(2)/2, tan(π/3) is sqrt(3); at a pole
// (tan(π/2)) it gives nothing, and compiling reports it.
func atPiMultiple(fn *Func, arg Expr) (Expr, bool) {
	switch fn {
	case fnSin, fnCos, fnTan, fnCot, fnSec, fnCsc:
	default:
		return nil, false
	}
	k, ok := piMultiple(arg)
	if !ok {
		return nil, false
	}
	twelfths := new(big.Rat).Mul(k, big.NewRat(12, 1))
	if !twelfths.IsInt() {
		return nil, false
	}
	// The angle in steps of 15°, 0 to 23, exactly however many turns
	// (sin(10^20 pi) is 0, where floats lose every digit); only the
	// multiples of 30° and 45° have values without nested roots.
	n := new(big.Int).Mod(twelfths.Num(), big.NewInt(24)).Int64()
	if n%2 != 0 && n%3 != 0 {
		return nil, false
	}
	sin, cos := sinTwelfths(n), sinTwelfths((n+6)%24)
	switch {
	case fn == fnSin:
		return sin.expr(), true
	case fn == fnCos:
		return cos.expr(), true
	case fn == fnTan && cos.r.Sign() != 0:
		return sin.over(cos).expr(), true
	case fn == fnCot && sin.r.Sign() != 0:
		return cos.over(sin).expr(), true
	case fn == fnSec && cos.r.Sign() != 0:
		return surd{big.NewRat(1, 1), 1}.over(cos).expr(), true
	case fn == fnCsc && sin.r.Sign() != 0:
		return surd{big.NewRat(1, 1), 1}.over(sin).expr(), true
	}
	return nil, false
}

// surd is r·sqrt(m), the form of the table's values: sqrt(2)/2 is {1/2, 2}.
type surd struct {
	r *big.Rat
	m int64 // 1, 2 or 3
}

// over is s/t, with the root above, as the tables write it:
// 1/(sqrt(2)/2) is sqrt(2), tan(π/6) is sqrt(3)/3.
func (s surd) over(t surd) surd {
	// r1 sqrt(m1)/(r2 sqrt(m2)) = r1/(r2 m2) sqrt(m1 m2), and m1 m2 is a
	// square times 1, 2 or 3 for m1, m2 in 1, 2, 3 (never 6 here: sin and
	// cos of one angle have roots 1 and 3, 2 and 2, or 3 and 1).
	r := new(big.Rat).Quo(s.r, new(big.Rat).Mul(t.r, big.NewRat(t.m, 1)))
	m := s.m * t.m
	for _, k := range []int64{2, 3} {
		if m%(k*k) == 0 {
			m /= k * k
			r.Mul(r, big.NewRat(k, 1))
		}
	}
	return surd{r, m}
}

func (s surd) expr() Expr {
	if s.m == 1 {
		return newNum(s.r)
	}
	return Mul(newNum(s.r), Pow(Int(s.m), Frac(1, 2)))
}

// sinTwelfths is sin(nπ/12) for n a multiple of 2 or 3 below 24.
func sinTwelfths(n int64) surd {
	sign := int64(1)
	if n >= 12 { // sin(π + t) = -sin(t)
		n, sign = n-12, -1
	}
	if n > 6 { // sin(π - t) = sin(t)
		n = 12 - n
	}
	switch n {
	case 0:
		return surd{new(big.Rat), 1}
	case 2: // 30°
		return surd{big.NewRat(sign, 2), 1}
	case 3: // 45°
		return surd{big.NewRat(sign, 2), 2}
	case 4: // 60°
		return surd{big.NewRat(sign, 2), 3}
	}
	return surd{big.NewRat(sign, 1), 1} // 90°
}

func exactSgn(r *big.Rat) (Expr, bool) { return Int(int64(r.Sign())), true }

func sgn(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return x // 0, or NaN
}

// Apply returns fn(arg), simplified where that is exact: sin(0) is 0,
// sin(-x) is -sin(x), ln(e^u) is u, abs(abs(u)) is abs(u).
func Apply(fn *Func, arg Expr) Expr {
	if g, ok := arg.(*Guarded); ok {
		return guard(Apply(fn, g.body), g.conds)
	}
	if n, ok := arg.(*Num); ok && fn.exact != nil {
		if v, ok := fn.exact(&n.r); ok {
			return v
		}
	}
	if fn.parity != neither && isNegative(arg) {
		if fn.parity == odd {
			return Neg(Apply(fn, Neg(arg)))
		}
		return Apply(fn, Neg(arg))
	}
	if v, ok := atPiMultiple(fn, arg); ok {
		return v
	}
	switch fn {
	case fnLn:
		if arg == E {
			return one
		}
		if n, ok := arg.(*Num); ok && n.r.Sign() > 0 && n.r.Num().Cmp(n.r.Denom()) < 0 && n.r.Num().Cmp(one.r.Num()) == 0 {
			return Neg(Apply(fnLn, newNum(new(big.Rat).Inv(&n.r)))) // ln(1/2) is -ln(2)
		}
		if p, ok := arg.(*Power); ok && p.base == E {
			return p.exp
		}
	case fnAbs:
		if c, ok := arg.(*Call); ok && c.fn == fnAbs {
			return arg
		}
		if p, ok := arg.(*Power); ok && p.base == E {
			return arg
		}
	}
	f := factsOf(arg)
	if f&namesVariable == 0 && !fn.total {
		f |= closedNeed
	}
	return &Call{fn: fn, arg: arg, h: mix('f', hashString('f', fn.Name), arg.hash()), n: 1 + arg.size(), f: f}
}

// hasSymbol reports whether e names a variable.
func hasSymbol(e Expr) bool { return factsOf(e)&namesVariable != 0 }

// isNegative reports whether e prints with a leading minus: -3, -2x.
func isNegative(e Expr) bool {
	c, _ := splitTerm(e)
	return c.Sign() < 0
}

// Builtin is a function name of the language. Most name a Func; a few are
// written in terms of others, as books define them: exp(u) is e^u,
// sqrt(u) is u^(1/2), log(b, u) is ln(u)/ln(b).
type Builtin struct {
	Name             string
	MinArgs, MaxArgs int
	// Help is a one-line description for help and completion.
	Help  string
	apply func(args []Expr) Expr
}

// Apply builds the expression for the builtin applied to args; the number
// of args must lie in [MinArgs, MaxArgs].
func (b *Builtin) Apply(args ...Expr) (Expr, error) {
	if len(args) < b.MinArgs || len(args) > b.MaxArgs {
		want := fmt.Sprint(b.MinArgs)
		if b.MaxArgs != b.MinArgs {
			want = fmt.Sprintf("%d or %d", b.MinArgs, b.MaxArgs)
		}
		s := "s"
		if want == "1" {
			s = ""
		}
		return nil, fmt.Errorf("%s takes %s argument%s, not %d", b.Name, want, s, len(args))
	}
	if b.Name == "log" && len(args) == 2 {
		// ln(x)/ln(b) divides by 0 for b = 1 and has no value for b ≤ 0.
		if n, ok := args[0].(*Num); ok && (n.r.Sign() <= 0 || isOneRat(&n.r)) {
			return nil, fmt.Errorf("log(%v, x) is undefined: the base of a logarithm must be positive and not 1", n)
		}
	}
	return b.apply(args), nil
}

func unary(f func(Expr) Expr) func([]Expr) Expr {
	return func(args []Expr) Expr { return f(args[0]) }
}

func logBase(b Expr) func([]Expr) Expr {
	return func(args []Expr) Expr { return Div(Apply(fnLn, args[0]), Apply(fnLn, b)) }
}

func makeBuiltins() map[string]*Builtin {
	m := map[string]*Builtin{}
	for _, f := range funcs {
		f := f
		m[f.Name] = &Builtin{Name: f.Name, MinArgs: 1, MaxArgs: 1, Help: f.Rule[:len(f.Rule)-len(" rule")],
			apply: unary(func(u Expr) Expr { return Apply(f, u) })}
	}
	alias := func(name, of string) {
		b := *m[of]
		b.Name = name
		m[name] = &b
	}
	for _, f := range []string{"sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth", "sech", "csch"} {
		alias("arc"+f, "a"+f) // arcsin, arcsinh, as books write them
	}
	m["exp"] = &Builtin{Name: "exp", MinArgs: 1, MaxArgs: 1, Help: "exponential, e^x",
		apply: unary(func(u Expr) Expr { return Pow(E, u) })}
	m["sqrt"] = &Builtin{Name: "sqrt", MinArgs: 1, MaxArgs: 1, Help: "square root, x^(1/2)",
		apply: unary(func(u Expr) Expr { return Pow(u, half) })}
	m["log"] = &Builtin{Name: "log", MinArgs: 1, MaxArgs: 2, Help: "natural logarithm; log(b, x) is base b",
		apply: func(args []Expr) Expr {
			if len(args) == 1 {
				return Apply(fnLn, args[0])
			}
			return logBase(args[0])(args[1:])
		}}
	m["log2"] = &Builtin{Name: "log2", MinArgs: 1, MaxArgs: 1, Help: "base-2 logarithm", apply: logBase(Int(2))}
	m["log10"] = &Builtin{Name: "log10", MinArgs: 1, MaxArgs: 1, Help: "base-10 logarithm", apply: logBase(Int(10))}
	return m
}

// LookupBuiltin returns the built-in function called name.
func LookupBuiltin(name string) (*Builtin, bool) {
	b, ok := builtins[name]
	return b, ok
}

// BuiltinNames returns every built-in function name, sorted.
func BuiltinNames() []string {
	names := make([]string, 0, len(builtins))
	for n := range builtins {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// LookupFunc returns the table row of the function called name, or nil.
func LookupFunc(name string) *Func {
	for _, f := range funcs {
		if f.Name == name {
			return f
		}
	}
	return nil
}
