package symbolic_test

import (
	"math"
	"math/big"
	"slices"
	"testing"

	"github.com/fprime/fprime/symbolic"
)

// funcRow is what a calculus book says about one built-in function, written
// here by hand so that a row of symbolic's table that drifts from it fails.
// ref is the function as Go's math package computes it, never the row's own
// Float, so a row evaluating the wrong function (acosh for asinh) cannot
// agree with itself.
type funcRow struct {
	rule, domain, latex string
	parity              string // "odd", "even" or "" for neither
	ref                 func(float64) float64
	// exact maps the probe points (probeRats) where Apply folds to an exact
	// number to that number; at every other probe point Apply must leave a
	// call to evaluate.
	exact map[string]string
	// at are arguments in the domain, negative and positive where the
	// domain has both, for values and derivatives.
	at []float64
}

var (
	anywhere    = []float64{-2.3, -0.7, 0.4, 1.3, 2.9}
	unitRange   = []float64{-0.9, -0.35, 0.2, 0.65}
	outsideUnit = []float64{-2.5, -1.3, 1.3, 2.9}
)

var funcRows = map[string]funcRow{
	"sin": {"sine rule", "any argument", `\sin\left(u\right)`, "odd", math.Sin,
		map[string]string{"0": "0"}, anywhere},
	"cos": {"cosine rule", "any argument", `\cos\left(u\right)`, "even", math.Cos,
		map[string]string{"0": "1"}, anywhere},
	"tan": {"tangent rule", "an argument that is not an odd multiple of pi/2", `\tan\left(u\right)`, "odd", math.Tan,
		map[string]string{"0": "0"}, anywhere},
	"cot": {"cotangent rule", "an argument that is not a multiple of pi", `\cot\left(u\right)`, "odd",
		func(x float64) float64 { return math.Cos(x) / math.Sin(x) }, nil, anywhere},
	"sec": {"secant rule", "an argument that is not an odd multiple of pi/2", `\sec\left(u\right)`, "even",
		func(x float64) float64 { return 1 / math.Cos(x) }, map[string]string{"0": "1"}, anywhere},
	"csc": {"cosecant rule", "an argument that is not a multiple of pi", `\csc\left(u\right)`, "odd",
		func(x float64) float64 { return 1 / math.Sin(x) }, nil, anywhere},
	"asin": {"arcsine rule", "an argument from -1 to 1", `\arcsin\left(u\right)`, "odd", math.Asin,
		map[string]string{"0": "0"}, unitRange},
	"acos": {"arccosine rule", "an argument from -1 to 1", `\arccos\left(u\right)`, "", math.Acos,
		map[string]string{"1": "0"}, unitRange},
	"atan": {"arctangent rule", "any argument", `\arctan\left(u\right)`, "odd", math.Atan,
		map[string]string{"0": "0"}, anywhere},
	"sinh": {"hyperbolic sine rule", "any argument", `\sinh\left(u\right)`, "odd", math.Sinh,
		map[string]string{"0": "0"}, anywhere},
	"cosh": {"hyperbolic cosine rule", "any argument", `\cosh\left(u\right)`, "even", math.Cosh,
		map[string]string{"0": "1"}, anywhere},
	"tanh": {"hyperbolic tangent rule", "any argument", `\tanh\left(u\right)`, "odd", math.Tanh,
		map[string]string{"0": "0"}, anywhere},
	"asinh": {"inverse hyperbolic sine rule", "any argument", `\operatorname{arsinh}\left(u\right)`, "odd", math.Asinh,
		map[string]string{"0": "0"}, anywhere},
	"acosh": {"inverse hyperbolic cosine rule", "an argument >= 1", `\operatorname{arcosh}\left(u\right)`, "", math.Acosh,
		map[string]string{"1": "0"}, []float64{1.2, 2.5, 7.1}},
	"atanh": {"inverse hyperbolic tangent rule", "an argument strictly between -1 and 1", `\operatorname{artanh}\left(u\right)`, "odd", math.Atanh,
		map[string]string{"0": "0"}, unitRange},
	"ln": {"logarithm rule", "a positive argument", `\ln\left(u\right)`, "", math.Log,
		map[string]string{"1": "0"}, []float64{0.3, 1.7, 12.5}},
	"cbrt": {"cube root rule", "any argument", `\sqrt[3]{u}`, "odd", math.Cbrt,
		map[string]string{"0": "0", "1": "1", "-1": "-1", "8": "2", "-8": "-2", "1/8": "1/2", "-1/8": "-1/2"}, anywhere},
	"acot": {"arccotangent rule", "any argument", `\operatorname{arccot}\left(u\right)`, "",
		func(x float64) float64 { return math.Pi/2 - math.Atan(x) }, nil, anywhere},
	"asec": {"arcsecant rule", "an argument <= -1 or >= 1", `\operatorname{arcsec}\left(u\right)`, "",
		func(x float64) float64 { return math.Acos(1 / x) }, nil, outsideUnit},
	"acsc": {"arccosecant rule", "an argument <= -1 or >= 1", `\operatorname{arccsc}\left(u\right)`, "odd",
		func(x float64) float64 { return math.Asin(1 / x) }, nil, outsideUnit},
	"coth": {"hyperbolic cotangent rule", "a nonzero argument", `\coth\left(u\right)`, "odd",
		func(x float64) float64 { return math.Cosh(x) / math.Sinh(x) }, nil, anywhere},
	"sech": {"hyperbolic secant rule", "any argument", `\operatorname{sech}\left(u\right)`, "even",
		func(x float64) float64 { return 1 / math.Cosh(x) }, map[string]string{"0": "1"}, anywhere},
	"csch": {"hyperbolic cosecant rule", "a nonzero argument", `\operatorname{csch}\left(u\right)`, "odd",
		func(x float64) float64 { return 1 / math.Sinh(x) }, nil, anywhere},
	"acoth": {"inverse hyperbolic cotangent rule", "an argument < -1 or > 1", `\operatorname{arcoth}\left(u\right)`, "odd",
		func(x float64) float64 { return 0.5 * math.Log((x+1)/(x-1)) }, nil, outsideUnit},
	"asech": {"inverse hyperbolic secant rule", "an argument > 0 and <= 1", `\operatorname{arsech}\left(u\right)`, "",
		func(x float64) float64 { return math.Log((1 + math.Sqrt(1-x*x)) / x) }, map[string]string{"1": "0"}, []float64{0.2, 0.55, 0.9}},
	"acsch": {"inverse hyperbolic cosecant rule", "a nonzero argument", `\operatorname{arcsch}\left(u\right)`, "odd",
		func(x float64) float64 { return math.Log(1/x + math.Sqrt(1/(x*x)+1)) }, nil, anywhere},
	"sgn": {"sign rule", "any argument", `\operatorname{sgn}\left(u\right)`, "odd",
		func(x float64) float64 {
			switch {
			case x > 0:
				return 1
			case x < 0:
				return -1
			}
			return 0
		},
		map[string]string{"0": "0", "1": "1", "-1": "-1", "1/2": "1", "-1/2": "-1", "2": "1", "-2": "-1",
			"8": "1", "-8": "-1", "1/8": "1", "-1/8": "-1", "7/10": "1", "-7/10": "-1"}, anywhere},
	"abs": {"absolute value rule", "any argument", `\left|u\right|`, "even", math.Abs,
		map[string]string{"0": "0", "1": "1", "-1": "1", "1/2": "1/2", "-1/2": "1/2", "2": "2", "-2": "2",
			"8": "8", "-8": "8", "1/8": "1/8", "-1/8": "1/8", "7/10": "7/10", "-7/10": "7/10"}, anywhere},
}

// probeRats are the exact arguments every row is applied to: 0 and ±1, where
// rows fold to exact numbers, and others where they must not, or where the
// value is undefined (ln(0), acosh(-1), atanh(1), cot(0)).
var probeRats = []string{"0", "1", "-1", "1/2", "-1/2", "2", "-2", "8", "-8", "1/8", "-1/8", "7/10", "-7/10"}

// relClose reports whether got is within a few rounding errors of want.
func relClose(got, want float64) bool {
	return math.Abs(got-want) <= 1e-14*math.Abs(want)+1e-300
}

// fivePoint is the derivative of f at x by the five-point central
// difference, whose error is O(h^4).
func fivePoint(f func(float64) float64, x float64) float64 {
	h := 1e-3 * max(1, math.Abs(x))
	return (-f(x+2*h) + 8*f(x+h) - 8*f(x-h) + f(x-2*h)) / (12 * h)
}

// evalAt compiles e in x (or in nothing, for a number) and evaluates it.
func evalAt(t *testing.T, e symbolic.Expr, x float64) (float64, error) {
	t.Helper()
	vars := symbolic.Symbols(e)
	p, err := symbolic.Compile(e, vars...)
	if err != nil {
		return 0, err
	}
	if len(vars) == 0 {
		return p.Eval()
	}
	return p.Eval(x)
}

// TestFuncRowsAgainstMath pins every row of the function table: its rule's
// name, domain and LaTeX as written above; its parity, through the value and
// the derivative of fn(-x) and of fn at negative numbers; its exact values;
// its value where it is undefined; and its derivative rule, against Go's
// math package.
func TestFuncRowsAgainstMath(t *testing.T) {
	var names []string
	for _, f := range symbolic.Funcs() {
		names = append(names, f.Name)
		if _, ok := funcRows[f.Name]; !ok {
			t.Errorf("row %q of the function table is not in funcRows: write down what a book says of it", f.Name)
		}
	}
	for name := range funcRows {
		if !slices.Contains(names, name) {
			t.Errorf("funcRows names %q, which is not in the function table", name)
		}
	}
	x := symbolic.Sym("x")
	for _, f := range symbolic.Funcs() {
		want, ok := funcRows[f.Name]
		if !ok {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			if f.Rule != want.rule {
				t.Errorf("rule %q, want %q", f.Rule, want.rule)
			}
			if f.Domain != want.domain {
				t.Errorf("domain %q, want %q", f.Domain, want.domain)
			}
			if got := f.LaTeX("u"); got != want.latex {
				t.Errorf("LaTeX %q, want %q", got, want.latex)
			}
			// Printed forms: the parity rewrite, or none.
			neg := symbolic.Apply(f, symbolic.Neg(x)).String()
			wantNeg := map[string]string{"odd": "-" + f.Name + "(x)", "even": f.Name + "(x)", "": f.Name + "(-x)"}[want.parity]
			if neg != wantNeg {
				t.Errorf("%s(-x) is %s, want %s", f.Name, neg, wantNeg)
			}
			checkRowValues(t, f, want, x)
			checkRowExact(t, f, want)
			checkRowDerivs(t, f, want, x)
		})
	}
}

// checkRowValues evaluates fn(x), fn(-x) and fn(-a) for a number a, built
// by Apply and compiled, against the reference at ±a.
func checkRowValues(t *testing.T, f *symbolic.Func, want funcRow, x symbolic.Expr) {
	t.Helper()
	for _, a := range want.at {
		// arg is the float the compiled code passes to the function, so
		// the reference sees the same argument.
		for _, c := range []struct {
			what    string
			e       symbolic.Expr
			at, arg float64
		}{
			{"f(x)", symbolic.Apply(f, x), a, a},
			{"f(-x)", symbolic.Apply(f, symbolic.Neg(x)), a, -a},
			{"f(-3x)", symbolic.Apply(f, symbolic.Mul(symbolic.Int(-3), x)), a / 3, -3 * (a / 3)},
			{"f(number)", symbolic.Apply(f, symbolic.NewRat(new(big.Rat).SetFloat64(a))), 0, a},
			{"f(-number)", symbolic.Apply(f, symbolic.NewRat(new(big.Rat).SetFloat64(-a))), 0, -a},
		} {
			ref := want.ref(c.arg)
			if math.IsNaN(ref) || math.IsInf(ref, 0) {
				// Outside the domain: an error, never a number.
				if v, err := evalAt(t, c.e, c.at); err == nil {
					t.Errorf("%s = %v at x = %v is %v, but %s(%v) is undefined", c.what, c.e, c.at, v, f.Name, c.arg)
				}
				continue
			}
			got, err := evalAt(t, c.e, c.at)
			if err != nil {
				t.Errorf("%s = %v at x = %v: %v, want %v", c.what, c.e, c.at, err, ref)
				continue
			}
			if !(math.Abs(got-ref) <= 1e-13*math.Abs(ref)+1e-300) {
				t.Errorf("%s = %v at x = %v is %.17g, want %s(%v) = %.17g", c.what, c.e, c.at, got, f.Name, c.arg, ref)
			}
		}
	}
}

// checkRowExact applies the row to the exact probe arguments: it folds
// where the table of funcRows says, to that number, and elsewhere leaves
// a call whose value is the reference's, or an error where that is not
// a number.
func checkRowExact(t *testing.T, f *symbolic.Func, want funcRow) {
	t.Helper()
	for _, s := range probeRats {
		r, _ := new(big.Rat).SetString(s)
		a, _ := r.Float64()
		e := symbolic.Apply(f, symbolic.NewRat(r))
		n, folded := e.(*symbolic.Num)
		if w, ok := want.exact[s]; ok {
			wr, _ := new(big.Rat).SetString(w)
			if !folded || n.Rat().Cmp(wr) != 0 {
				t.Errorf("%s(%s) = %v, want exactly %s", f.Name, s, e, w)
			}
		} else if folded {
			t.Errorf("%s(%s) folds to %v, which funcRows does not list", f.Name, s, e)
		}
		ref := want.ref(a)
		got, err := evalAt(t, e, 0)
		switch {
		case math.IsNaN(ref) || math.IsInf(ref, 0):
			if err == nil {
				t.Errorf("%s(%s) = %v evaluates to %v, but it is undefined", f.Name, s, e, got)
			}
		case err != nil:
			t.Errorf("%s(%s) = %v: %v, want %v", f.Name, s, e, err, ref)
		case !relClose(got, ref):
			t.Errorf("%s(%s) = %v evaluates to %.17g, want %.17g", f.Name, s, e, got, ref)
		}
	}
}

// checkRowDerivs checks the row's derivative rule, and the derivative of
// f(-x) by the chain rule and the parity rewrite, against five-point
// differences of the reference.
func checkRowDerivs(t *testing.T, f *symbolic.Func, want funcRow, x symbolic.Expr) {
	t.Helper()
	rule := f.Deriv(symbolic.Sym("u"))
	ofNeg, err := symbolic.Derivative(symbolic.Apply(f, symbolic.Neg(x)), "x")
	if err != nil {
		t.Fatalf("d/dx %s(-x): %v", f.Name, err)
	}
	for _, a := range want.at {
		d := fivePoint(want.ref, a)
		p, err := symbolic.Compile(rule, "u")
		if err != nil {
			t.Fatalf("compile %s' = %v: %v", f.Name, rule, err)
		}
		got, err := p.Eval(a)
		if err != nil || !(math.Abs(got-d) <= 1e-7*(1+math.Abs(d))) {
			t.Errorf("%s'(%v) = %v is %v (%v), but the difference quotient of math's %s is %.12g", f.Name, a, rule, got, err, f.Name, d)
		}
		// d/dx f(-x) at x = -a is -f'(a).
		dn := fivePoint(func(v float64) float64 { return want.ref(-v) }, -a)
		got, err = evalAt(t, ofNeg, -a)
		if err != nil || !(math.Abs(got-dn) <= 1e-7*(1+math.Abs(dn))) {
			t.Errorf("d/dx %s(-x) = %v at x = %v is %v (%v), but the difference quotient is %.12g", f.Name, ofNeg, -a, got, err, dn)
		}
	}
}

// TestFuncRowsBuiltinHelp pins what help says of each row's builtin: the
// rule's name without " rule", so a wrong Rule shows in help too.
func TestFuncRowsBuiltinHelp(t *testing.T) {
	for name, want := range funcRows {
		b, ok := symbolic.LookupBuiltin(name)
		if !ok {
			t.Errorf("%s is not a builtin", name)
			continue
		}
		if w := want.rule[:len(want.rule)-len(" rule")]; b.Help != w {
			t.Errorf("help for %s is %q, want %q", name, b.Help, w)
		}
		// The builtin applies the row: sin(-1/2) as the builtin makes it
		// evaluates as math does.
		e, err := b.Apply(symbolic.Frac(-1, 2))
		if err != nil {
			t.Errorf("%s(-1/2): %v", name, err)
			continue
		}
		got, err := evalAt(t, e, 0)
		ref := want.ref(-0.5)
		if math.IsNaN(ref) {
			if err == nil {
				t.Errorf("%s(-1/2) = %v, want undefined", name, got)
			}
			continue
		}
		if err != nil || !relClose(got, ref) {
			t.Errorf("%s(-1/2) = %v (%v), want %.17g", name, got, err, ref)
		}
	}
}
