package symbolic_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// TestRewritesKeepDomain: a rewrite that drops a part keeps where that
// part is undefined. Each expression is evaluated where the text as
// written has no value, and must fail there; and where it has one, where
// it must give the simplified value.
func TestRewritesKeepDomain(t *testing.T) {
	cases := []struct {
		in        string
		printed   string
		undefined float64 // a point where the text as written has no value
		defined   float64 // and one where it has
		value     float64 // its value there
	}{
		{"0*(1/x)", "0", 0, 2, 0},
		{"0/x", "0", 0, 2, 0},
		{"x/x", "1", 0, 2, 1},
		{"x^2/x^2", "1", 0, -3, 1},
		{"ln(x) - ln(x)", "0", -1, 2, 0},
		{"ln(x) + x - ln(x)", "x", 0, 2, 2},
		{"sqrt(x) - sqrt(x)", "0", -1, 4, 0},
		{"asin(x) - asin(x) + 1", "1", 2, 0.5, 1},
		{"(1/x)^0", "1", 0, 5, 1},
		{"ln(x)^0", "1", -2, 5, 1},
		{"1^ln(x)", "1", -2, 5, 1},
		{"sqrt(x)^2", "x", -1, 4, 4},
		{"(x^(1/4))^4", "x", -16, 16, 16},
		{"e^ln(x)", "x", -1, 3, 3},
		{"e^(2ln(x))", "x^2", -1, 3, 9},
		{"x * (1/x) * sin(x)", "sin(x)", 0, 1, math.Sin(1)},
		{"(x - 1)/(x - 1)", "1", 1, 3, 1},
		{"cot(x)*0 + x", "x", 0, 1, 1},
		{"0*ln(x - 3) + x^2", "x^2", 3, 4, 16},
		{"x^3 / x", "x^2", 0, 2, 4},
		{"acosh(x) - acosh(x) + x", "x", 0, 2, 2},
		{"sqrt(x) sqrt(x)", "x", -1, 4, 4},
		{"(x^2 - 1)/(x - 1)", "(x^2 - 1)/(x - 1)", 1, 3, 4}, // Simplify cancels x - 1
		{"(x^3 - 8)/(x - 2)^2", "(x^3 - 8)/(x - 2)^2", 2, 3, 19},
		// A power whose exponent is not a number has a value at a negative
		// base where the exponent is whole, so it keeps the root it drops.
		{"(x^(3/2))^(x + 4)", "x^(3(x + 4)/2)", -2, 4, 16777216},
		{"sqrt(x) x^x", "x^(x + 1/2)", -1.5, 4, 512},
	}
	for _, c := range cases {
		e, err := parser.ParseExpr(c.in)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if got := e.String(); got != c.printed {
			t.Errorf("%s prints %q, want %q", c.in, got, c.printed)
		}
		for _, form := range []struct {
			what string
			e    symbolic.Expr
		}{{"as built", e}, {"simplified", symbolic.Simplify(e)}} {
			p, err := symbolic.Compile(form.e, "x")
			if err != nil {
				t.Errorf("%s (%s): %v", c.in, form.what, err)
				continue
			}
			var ee *symbolic.EvalError
			if v, err := p.Eval(c.undefined); !errors.As(err, &ee) {
				t.Errorf("%s (%s) at %v = %v, %v; want undefined", c.in, form.what, c.undefined, v, err)
			}
			if v, err := p.Eval(c.defined); err != nil || math.Abs(v-c.value) > 1e-12*math.Max(1, math.Abs(c.value)) {
				t.Errorf("%s (%s) at %v = %v, %v; want %v", c.in, form.what, c.defined, v, err, c.value)
			}
		}
	}
}

// TestTotalRewritesStayPlain: dropping a part that is defined everywhere
// leaves no condition, so such expressions keep their machine-code loop.
func TestTotalRewritesStayPlain(t *testing.T) {
	for _, in := range []string{"x - x", "0 sin(x)", "(x^2 + 1)/(x^2 + 1)", "sqrt(x^2 + 4)^2", "1/(1 + e^x) - 1/(e^x + 1)", "e^x/e^x", "cos(x)^0", "2x + 3 - 2x"} {
		e, err := parser.ParseExpr(in)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := e.(*symbolic.Guarded); ok {
			t.Errorf("%s is %v with conditions %v; its parts are defined everywhere", in, e, e.(*symbolic.Guarded).Conditions())
		}
	}
	for _, in := range []string{"x^2 + 5sin(x)", "(x^2 + y - 7)^2 + (x - y + 1)^2", "100(y - x^2)^2 + (1 - x)^2", "x^3 sin(x) e^x/(1 + x^2)"} {
		e, _ := parser.ParseExpr(in)
		d, err := symbolic.Diff(context.Background(), e, "x", 2)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := d.(*symbolic.Guarded); ok {
			t.Errorf("f'' of %s has conditions %v", in, d.(*symbolic.Guarded).Conditions())
		}
	}
}

// TestDerivativeKeepsDomain: a derivative has a value only where its
// function has one, though its formula may be defined further.
func TestDerivativeKeepsDomain(t *testing.T) {
	cases := []struct {
		f       string
		order   int
		printed string
		outside float64
		inside  float64
	}{
		{"ln(x)", 1, "1/x", -1, 2},
		{"ln(x)", 3, "2/x^3", -1, 2},
		{"acosh(x)", 1, "1/sqrt(x^2 - 1)", -1.7, 2},
		{"ln(-x)", 1, "1/x", 1, -2},
		{"asin(x)", 2, "x/(1 - x^2)^(3/2)", 1.5, 0.5},
		{"sqrt(x - 1) + x", 1, "1/(2sqrt(x - 1)) + 1", 0.5, 2},
		{"ln(x) + x^2", 2, "2 - 1/x^2", -3, 1},
	}
	for _, c := range cases {
		e, _ := parser.ParseExpr(c.f)
		d, err := symbolic.Diff(context.Background(), e, "x", c.order)
		if err != nil {
			t.Fatal(err)
		}
		if d.String() != c.printed {
			t.Errorf("derivative %d of %s = %s, want %s", c.order, c.f, d, c.printed)
		}
		p, err := symbolic.Compile(d, "x")
		if err != nil {
			t.Fatal(err)
		}
		if v, err := p.Eval(c.outside); err == nil {
			t.Errorf("derivative %d of %s at %v = %v where %s is undefined", c.order, c.f, c.outside, v, c.f)
		}
		if _, err := p.Eval(c.inside); err != nil {
			t.Errorf("derivative %d of %s at %v: %v", c.order, c.f, c.inside, err)
		}
	}
}

// TestUndefined finds the parts that make an expression undefined
// everywhere.
func TestUndefined(t *testing.T) {
	// Built with the constructors, not read: the parser refuses these first.
	x, fn := symbolic.Sym("x"), func(name string, u symbolic.Expr) symbolic.Expr {
		return symbolic.Apply(symbolic.LookupFunc(name), u)
	}
	cases := []struct {
		what string
		e    symbolic.Expr
		bad  bool
	}{
		{"x + 1", symbolic.Add(x, symbolic.Int(1)), false},
		{"ln(2) + x", symbolic.Add(fn("ln", symbolic.Int(2)), x), false},
		{"1/x", symbolic.Div(symbolic.Int(1), x), false},
		// A number, though 1e700 is too large for a float64 to work it out.
		{"ln(1e700) x", symbolic.Mul(fn("ln", symbolic.Pow(symbolic.Int(10), symbolic.Int(700))), x), false},
		{"ln(1e700) + x/0", symbolic.Add(fn("ln", symbolic.Pow(symbolic.Int(10), symbolic.Int(700))), symbolic.Div(x, symbolic.Int(0))), true},
		{"x + 0·(1/0)", symbolic.Add(x, symbolic.Mul(symbolic.Int(0), symbolic.Div(symbolic.Int(1), symbolic.Int(0)))), true},
		{"asin(2) + x", symbolic.Add(fn("asin", symbolic.Int(2)), x), true},
		{"ln(x - x)", fn("ln", symbolic.Sub(x, x)), true},
		{"sqrt(pi - 4) x", symbolic.Mul(symbolic.Pow(symbolic.Sub(symbolic.Pi, symbolic.Int(4)), symbolic.Frac(1, 2)), x), true},
		{"tan(pi/2) x", symbolic.Mul(fn("tan", symbolic.Mul(symbolic.Frac(1, 2), symbolic.Pi)), x), true},
	}
	for _, c := range cases {
		if err := symbolic.Undefined(c.e); (err != nil) != c.bad {
			t.Errorf("Undefined(%s) = %v, want an error: %v", c.what, err, c.bad)
		}
	}
}

// TestLimit: removable singularities by L'Hôpital, confirmed on both sides;
// poles, jumps and oscillations have none.
func TestLimit(t *testing.T) {
	cases := []struct {
		in   string
		a    float64
		want float64
		ok   bool
	}{
		{"sin(x)/x", 0, 1, true},
		{"(x^2 - 1)/(x - 1)", 1, 2, true},
		{"(e^x - 1)/x", 0, 1, true},
		{"(1 - cos(x))/x^2", 0, 0.5, true},
		{"tan(x)/x", 0, 1, true},
		{"(x^3 - 8)/(x - 2)", 2, 12, true},
		{"ln(x)/(x - 1)", 1, 1, true},
		{"(sqrt(x) - 2)/(x - 4)", 4, 0.25, true},
		{"(x - sin(x))/x^3", 0, 1.0 / 6, true},
		{"1/x", 0, 0, false},
		{"sin(x)/x^2", 0, 0, false},
		{"abs(x)/x", 0, 0, false},
		{"x/abs(x)", 0, 0, false},
		{"cos(x)/x", 0, 0, false},
		{"x^2/x", 0, 0, true},
		{"x/x", 0, 1, true},
		{"ln(x) - ln(x)", -1, 0, false},    // undefined on both sides
		{"sqrt(x)^2", 0, 0, false},         // undefined on the left
		{"sin(x)/x + 0ln(x)", 0, 0, false}, // 0/0 for L'Hôpital, but undefined on the left
	}
	for _, c := range cases {
		e, err := parser.ParseExpr(c.in)
		if err != nil {
			t.Fatal(err)
		}
		v, ok := symbolic.Limit(context.Background(), e, "x", c.a)
		if ok != c.ok || ok && math.Abs(v-c.want) > 1e-9 {
			t.Errorf("limit of %s at %v = %v, %v; want %v, %v", c.in, c.a, v, ok, c.want, c.ok)
		}
	}
}

// TestOddRoots: a power with an odd denominator is real for a negative
// base, as books use it; an even denominator is not.
func TestOddRoots(t *testing.T) {
	cases := []struct {
		in      string
		x, want float64
		ok      bool
	}{
		{"(-8)^(1/3)", 0, -2, true},
		{"(-8)^(2/3)", 0, 4, true},
		{"(-32)^(3/5)", 0, -8, true},
		{"(-8)^(-1/3)", 0, -0.5, true},
		{"x^(2/3)", -8, 4, true},
		{"x^(1/3)", -27, -3, true},
		{"x^(-2/3)", -8, 0.25, true},
		{"x^(5/3)", -8, -32, true},
		{"diff(x^(2/3), x)", -8, -1.0 / 3, true},
		{"x^(1/3) x^(1/3)", -8, 4, true},
		{"(x^(1/3))^3", -8, -8, true},
		{"(x^(2/3))^(1/2)", -8, 2, true}, // |x|^(1/3), not x^(1/3)
		{"x^(-1/3)", 0, 0, false},
		{"x^(1/2)", -4, 0, false},
		{"x^(3/4)", -1, 0, false},
		{"(-8)^(1/2)", 0, 0, false},
	}
	for _, c := range cases {
		e, err := parser.ParseExpr(c.in)
		if err != nil {
			if c.ok {
				t.Errorf("%s: %v", c.in, err)
			}
			continue
		}
		p, err := symbolic.Compile(e, "x")
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		v, err := p.Eval(c.x)
		switch {
		case c.ok && (err != nil || math.Abs(v-c.want) > 1e-12*math.Max(1, math.Abs(c.want))):
			t.Errorf("%s at %v = %v, %v; want %v", c.in, c.x, v, err, c.want)
		case !c.ok && err == nil:
			t.Errorf("%s at %v = %v; want undefined", c.in, c.x, v)
		}
	}
}

// TestTrigAtPiMultiples: exact values at multiples of π/6 and π/4, and
// the poles there an error though floats give a huge number.
func TestTrigAtPiMultiples(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"sin(pi)", "0"}, {"cos(pi)", "-1"}, {"sin(3pi/2)", "-1"}, {"cos(-pi/2)", "0"},
		{"tan(pi)", "0"}, {"cot(pi/2)", "0"}, {"sec(pi)", "-1"}, {"csc(pi/2)", "1"}, {"csc(-pi/2)", "-1"},
		// Multiples of π/6 and π/4, as the table in a book has them.
		{"sin(pi/6)", "1/2"}, {"sin(5pi/6)", "1/2"}, {"sin(7pi/6)", "-1/2"}, {"cos(pi/3)", "1/2"},
		{"cos(2pi/3)", "-1/2"}, {"sin(pi/4)", "sqrt(2)/2"}, {"cos(3pi/4)", "-sqrt(2)/2"},
		{"sin(-pi/3)", "-sqrt(3)/2"}, {"cos(pi/6)", "sqrt(3)/2"}, {"cos(11pi/6)", "sqrt(3)/2"},
		{"tan(pi/4)", "1"}, {"tan(pi/3)", "sqrt(3)"}, {"tan(pi/6)", "sqrt(3)/3"}, {"tan(3pi/4)", "-1"},
		{"cot(pi/6)", "sqrt(3)"}, {"sec(pi/3)", "2"}, {"csc(pi/6)", "2"}, {"sec(pi/6)", "2sqrt(3)/3"}, {"sec(pi/4)", "sqrt(2)"}, {"csc(3pi/4)", "sqrt(2)"}, {"cot(pi/3)", "sqrt(3)/3"},
		// Exactly, however many turns: floats lose every digit of 10^20 π.
		{"sin(10^20 pi)", "0"}, {"sin(10^20 pi/6)", "sqrt(3)/2"}, {"cos(-10^30 pi)", "1"},
		{"sin(10^18 pi + pi/6)", "1/2"},
		// No value without nested roots: sin(π/12) is (sqrt(6) - sqrt(2))/4.
		{"sin(pi/12)", "sin(pi/12)"}, {"cos(pi/5)", "cos(pi/5)"},
	} {
		e, err := parser.ParseExpr(c.in)
		if err != nil || e.String() != c.want {
			t.Errorf("%s = %v, %v; want %s", c.in, e, err, c.want)
		}
	}
	for _, in := range []string{"tan(pi/2)", "tan(-3pi/2)", "sec(pi/2)", "cot(0pi + pi)", "csc(2pi)"} {
		e, err := parser.ParseExpr(in)
		if err == nil {
			if p, cerr := symbolic.Compile(e); cerr == nil {
				v, eerr := p.Eval()
				t.Errorf("%s = %v, %v: a pole", in, v, eerr)
			}
		}
	}
}

// TestPerfectPowerNumerators: only a numerator that is c(x - r)^n exactly
// is written as a power.
func TestPerfectPowerNumerators(t *testing.T) {
	for _, c := range []struct{ f, want string }{
		{"((x + 1)/(x - 1))^3", "-6(x + 1)^2/(x - 1)^4"},
		{"(x^2 + 1)/(x - 1)", "(x^2 - 2x - 1)/(x - 1)^2"},
		{"((2x - 1)/(x + 3))^4", "28(2x - 1)^3/(x + 3)^5"},
	} {
		d, err := symbolic.Diff(context.Background(), mustParse(t, c.f), "x", 1)
		if err != nil || d.String() != c.want {
			t.Errorf("d/dx %s = %v, %v; want %s", c.f, d, err, c.want)
		}
	}
}
