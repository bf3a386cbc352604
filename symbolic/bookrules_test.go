package symbolic_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// The rewrites that print derivatives as books print them (issue 13), each
// with the inputs where it fires and where it must not. Every case is
// checked three ways: the printed form; the conditions the result keeps,
// so that it stays undefined where the input is (tan(x)cos(x) is sin(x)
// only where tan(x) is defined); and its value, against the text as
// written (the reader of aswritten_test.go, which uses neither the parser
// nor symbolic), at many points: both have a value or neither has.

type ruleCase struct {
	in    string
	want  string   // printed
	conds []string // the conditions kept, printed; nil for none
}

// quotientCases are products of a quotient (tan, cot, sec, csc and the
// hyperbolic ones) by its divisor or its reciprocal, which Mul writes
// shorter, and products where it must not.
var quotientCases = []ruleCase{
	{"sin(x)cos(x)tan(x)", "sin(x)^2", []string{"tan(x)"}},
	{"tan(x)cos(x)", "sin(x)", []string{"tan(x)"}},
	{"tan(x)^2 cos(x)", "sin(x) tan(x)", nil},
	{"tan(x)^3 cos(x)^2", "sin(x)^2 tan(x)", nil},
	{"cot(x)sin(x)", "cos(x)", []string{"cot(x)"}},
	{"sec(x)cos(x)", "1", []string{"sec(x)"}},
	{"csc(2x)sin(2x)", "1", []string{"csc(2x)"}},
	{"sec(x)sin(x)", "tan(x)", nil},
	{"csc(x)cos(x)", "cot(x)", nil},
	{"tan(x)cot(x)", "1", []string{"tan(x)", "cot(x)"}},
	{"cos(x)sec(x)^2 sin(x)", "tan(x)", nil},
	{"3x tan(x^2)cos(x^2)", "3x sin(x^2)", []string{"tan(x^2)"}},
	{"tanh(x)cosh(x)", "sinh(x)", nil},
	{"coth(x)sinh(x)", "cosh(x)", []string{"coth(x)"}},
	{"sech(x)cosh(x)", "1", nil},
	{"csch(x)sinh(x)", "1", []string{"csch(x)"}},
	{"sech(x)sinh(x)", "tanh(x)", nil},
	{"csch(x)cosh(x)", "coth(x)", nil},
	{"tanh(x)coth(x)", "1", []string{"coth(x)"}},
	{"tan(x)cos(x) + cot(x)", "cot(x) + sin(x)", []string{"tan(x)"}},
	// Not: another argument, a negative or fractional power, no divisor.
	{"tan(x)cos(2x)", "cos(2x) tan(x)", nil},
	{"tan(x)cos(y)", "cos(y) tan(x)", nil},
	{"tan(x)/cos(x)", "tan(x)/cos(x)", nil},
	{"sqrt(tan(x))cos(x)", "cos(x) sqrt(tan(x))", nil},
	{"sec(x)tan(x)", "sec(x) tan(x)", nil},
	{"sin(x)cos(x)", "cos(x) sin(x)", nil},
	{"tan(x)sin(x)", "sin(x) tan(x)", nil},
	{"tanh(x)sinh(x)", "sinh(x) tanh(x)", nil},
}

// absCases are products of powers of u and of |u|: an odd power over |u|
// gives it its even part, keeping the condition of the |u| it divided by.
var absCases = []ruleCase{
	{"x^3/abs(x)", "x abs(x)", []string{"1/abs(x)"}},
	{"x^5/abs(x)", "x abs(x)^3", []string{"1/abs(x)"}},
	{"x^5/abs(x)^3", "x abs(x)", []string{"1/abs(x)^3"}},
	{"(x - 2)^3/abs(x - 2)", "abs(x - 2)(x - 2)", []string{"1/abs(x - 2)"}},
	{"x^3/abs(x)^5", "x/abs(x)^3", nil},
	{"x abs(x) x", "abs(x)^3", nil}, // x·x counts as x^2 (a FuzzParse find)
	{"x x x/abs(x)", "x abs(x)", []string{"1/abs(x)"}},
	// Not: |u| above the line, the first power, another argument.
	{"x^3 abs(x)", "x^3 abs(x)", nil},
	{"x/abs(x)", "x/abs(x)", nil},
	{"x^3/abs(y)", "x^3/abs(y)", nil},
	{"x^3/abs(x + 1)", "x^3/abs(x + 1)", nil},
}

func TestAbsPowerRules(t *testing.T) {
	for _, c := range absCases {
		checkRule(t, c, false)
	}
}

// cbrtCases: a whole power of a cube root that 3 divides is a power of
// its argument, everywhere; other powers stay.
var cbrtCases = []ruleCase{
	{"cbrt(x + 1)^3", "x + 1", nil},
	{"cbrt(x)^6", "x^2", nil},
	{"cbrt(x)^-3", "1/x", nil},
	{"cbrt(x)^2", "cbrt(x)^2", nil},
	{"cbrt(x)^4", "cbrt(x)^4", nil},
	{"cbrt(x)^(3/2)", "cbrt(x)^(3/2)", nil},
	// A power of u over its cube root, where a smaller root is left.
	{"x/cbrt(x)^2", "cbrt(x)", []string{"1/cbrt(x)^2"}},
	{"4x/(3cbrt(x)^2)", "4cbrt(x)/3", []string{"1/cbrt(x)^2"}},
	{"x^2/cbrt(x)^5", "cbrt(x)", []string{"1/cbrt(x)^5"}},
	{"x/cbrt(x)", "x/cbrt(x)", nil},
	{"x^2/cbrt(x)", "x^2/cbrt(x)", nil},
	{"x cbrt(x)", "x cbrt(x)", nil},
	{"y/cbrt(x)^2", "y/cbrt(x)^2", nil},
}

// reciprocalCases: a quotient (tan, cot, sec, csc and the hyperbolic ones)
// to a negative whole power is its reciprocal's power, keeping the
// quotient's domain; cos and sin keep theirs as written.
var reciprocalCases = []ruleCase{
	{"1/sec(x)", "cos(x)", []string{"sec(x)"}},
	{"3/sec(x)^2", "3cos(x)^2", []string{"sec(x)"}},
	{"1/csc(2x)", "sin(2x)", []string{"csc(2x)"}},
	{"1/tan(x)", "cot(x)", []string{"tan(x)"}},
	{"x/cot(x)", "x tan(x)", []string{"cot(x)"}},
	{"1/sech(x)", "cosh(x)", nil},
	{"1/csch(x)", "sinh(x)", []string{"csch(x)"}},
	{"1/tanh(x)", "coth(x)", nil},
	{"1/coth(x)", "tanh(x)", []string{"coth(x)"}},
	// Not: sin and cos, a fractional power.
	{"1/cos(x)", "1/cos(x)", nil},
	{"1/sin(x)^2", "1/sin(x)^2", nil},
	{"sec(x)^(-1/2)", "1/sqrt(sec(x))", nil},
}

// signCases: a sum of negative terms to a whole power has its sign taken
// out; a sum with a positive term keeps its order.
var signCases = []ruleCase{
	{"(-x - 1)^2", "(x + 1)^2", nil},
	{"1/(-2x - 2)", "-1/(2x + 2)", nil},
	{"1/(-x - 1)^3", "-1/(x + 1)^3", nil},
	{"-x^3/(-2x - 2)", "x^3/(2x + 2)", nil},
	{"(1 - x)^2", "(1 - x)^2", nil},
	{"x/(2 - x)", "x/(2 - x)", nil},
	{"sqrt(-x - 1)", "sqrt(-x - 1)", nil},
}

func TestSignRules(t *testing.T) {
	for _, c := range signCases {
		checkRule(t, c, false)
	}
}

func TestReciprocalRules(t *testing.T) {
	for _, c := range reciprocalCases {
		checkRule(t, c, false)
	}
}

func TestCbrtPowerRules(t *testing.T) {
	for _, c := range cbrtCases {
		checkRule(t, c, false)
	}
}

func TestQuotientRules(t *testing.T) {
	for _, c := range quotientCases {
		checkRule(t, c, false)
	}
}

// simplifyCases are Simplify's forms: a numerator that an identity
// shortens and that then cancels; a root in the denominator that takes a
// factor it divides; the Pythagorean pairs; a sum inside a product written
// by them, with the sign taken into it; a sum multiplied through by e^u.
var simplifyCases = []ruleCase{
	{"cos(x)/(cos(x) + 1) + sin(x)^2/(cos(x) + 1)^2", "1/(cos(x) + 1)", nil},
	{"cosh(x)/(cosh(x) + 1) - sinh(x)^2/(cosh(x) + 1)^2", "1/(cosh(x) + 1)", nil},
	{"(2 - 2x^2)/sqrt(1 - x^2)", "2sqrt(1 - x^2)", []string{"1/sqrt(1 - x^2)"}},
	{"(x^2 - 1)/sqrt(x - 1)", "sqrt(x - 1)(x + 1)", []string{"1/sqrt(x - 1)"}},
	{"(x^2 - 1)/(x - 1)^(3/2)", "(x + 1)/sqrt(x - 1)", nil},
	{"(2 - 2x^2)/sqrt(1 + x^2)", "(2 - 2x^2)/sqrt(x^2 + 1)", nil},
	{"(x^2 + 1)/sqrt(x - 1)", "(x^2 + 1)/sqrt(x - 1)", nil},
	{"2cos(x)^2 + sin(x)^2", "cos(x)^2 + 1", nil},
	{"x^2 cos(x)^2 + 3x^2 sin(x)^2", "x^2(2sin(x)^2 + 1)", nil},
	{"sec(x)^2 + tan(x)^2", "2sec(x)^2 - 1", nil},
	{"cot(x)^2 + csc(x)^2", "2cot(x)^2 + 1", nil},
	{"tanh(x)^2 + 2sech(x)^2", "sech(x)^2 + 1", nil},
	{"coth(x)^2 + 3csch(x)^2", "4coth(x)^2 - 3", nil},
	{"tan(x)cos(x) + sec(x)", "sec(x) + sin(x)", nil},
	{"tan(x)cos(x) + cot(x)", "cot(x) + sin(x)", []string{"tan(x)"}},
	{"tan(x)cos(x) + sec(2x)", "sec(2x) + sin(x)", []string{"tan(x)"}},
	{"cosh(x)^2 + sinh(x)^2", "cosh(2x)", nil},
	{"cosh(x)^2 + 2sinh(x)^2", "3cosh(x)^2 - 2", nil},
	{"2tan(x)^2 + 2", "2sec(x)^2", nil},
	{"5 - 5tanh(x)^2", "5sech(x)^2", nil},
	{"sinh(x)^2 + 1", "cosh(x)^2", nil},
	{"csc(x)^2 - 1", "cot(x)^2", nil},
	{"coth(x)^2 - 1", "csch(x)^2", nil},
	{"1 - sin(x)^2", "cos(x)^2", nil},
	{"3 - 3cos(x)^2", "3sin(x)^2", nil},
	{"x - x cos(x)^2", "x sin(x)^2", nil},
	{"cos(x)^2 + 2", "cos(x)^2 + 2", nil},
	{"2cosh(3x)^2 + 2sinh(3x)^2", "2cosh(6x)", nil},
	{"cos(x)^2 - sin(x)^2", "cos(2x)", nil},
	{"sec(x) tan(x)^2 + sec(x)^3", "sec(x)(2sec(x)^2 - 1)", nil},
	{"-cot(x)^2 csc(x) - csc(x)^3", "csc(x)(1 - 2csc(x)^2)", nil},
	{"-sin(x)(2cos(x)^2 + sin(x)^2 + 1)/(sin(x)^2 + 1)^2", "sin(x)(sin(x)^2 - 3)/(sin(x)^2 + 1)^2", nil},
	{"e^(-x)/(e^(-x) + 1)^2", "e^x/(e^x + 1)^2", nil},
	{"-e^(-x)/(e^(-x) + 1)", "-1/(e^x + 1)", nil},
	{"e^(-2x)/(e^(-2x) + 3)", "1/(3e^(2x) + 1)", nil},
	// Not: another argument, another multiple, a power that is not 2, a
	// longer form, a sum without e^(-u).
	{"sin(x)^2 + cos(2x)^2", "cos(2x)^2 + sin(x)^2", nil},
	{"sin(x)^2 + 2cos(y)^2", "2cos(y)^2 + sin(x)^2", nil},
	{"x sin(x)^2 + cos(x)^2", "x sin(x)^2 + cos(x)^2", nil},
	{"sin(x)^3 + cos(x)^2", "cos(x)^2 + sin(x)^3", nil},
	{"tan(x)^2 + cos(x)^2", "cos(x)^2 + tan(x)^2", nil},
	{"sinh(x)^2 + sech(x)^2", "sech(x)^2 + sinh(x)^2", nil},
	{"x(tan(x)^2 + sec(x)^2) + tan(x)", "x(2sec(x)^2 - 1) + tan(x)", nil},
	{"e^x/(e^x + 1)^2", "e^x/(e^x + 1)^2", nil},
	{"(-4x e^x + 4e^x + e^(2x) - 4)/(4(e^x - 2x)^(3/2))", "(-4x e^x + 4e^x + e^(2x) - 4)/(4(e^x - 2x)^(3/2))", nil},
	{"4x e^(-x^2)/(e^(-x^2) + 1)^3", "4x e^(-x^2)/(e^(-x^2) + 1)^3", nil},
}

func TestSimplifyBookRules(t *testing.T) {
	for _, c := range simplifyCases {
		checkRule(t, c, true)
	}
}

// checkRule checks one case: of the expression as built, or of its
// Simplify.
func checkRule(t *testing.T, c ruleCase, simplify bool) {
	t.Helper()
	e, err := parser.ParseExpr(c.in)
	if err != nil {
		t.Errorf("%s: %v", c.in, err)
		return
	}
	if simplify {
		e = symbolic.Simplify(e)
	}
	if got := e.String(); got != c.want {
		t.Errorf("%s is %s, want %s", c.in, got, c.want)
	}
	var conds []string
	if g, ok := e.(*symbolic.Guarded); ok {
		for _, c := range g.Conditions() {
			conds = append(conds, c.String())
		}
	}
	if strings.Join(conds, "; ") != strings.Join(c.conds, "; ") {
		t.Errorf("%s keeps the conditions %q, want %q", c.in, conds, c.conds)
	}
	// Where the variables are all x, compare with the text as written.
	if vars := symbolic.Symbols(e); len(vars) != 1 || vars[0] != "x" {
		return
	}
	p, err := symbolic.Compile(e, "x")
	if err != nil {
		t.Errorf("%s: %v", c.in, err)
		return
	}
	points := append([]float64{math.Pi / 2, math.Pi, -math.Pi}, asWrittenPoints...)
	for i := -40; i <= 40; i++ {
		points = append(points, float64(i)/8+0.01)
	}
	bad := 0
	for _, x := range points {
		if msg, judged := compareAsWritten(p, c.in, x); judged && msg != "" {
			if bad++; bad <= 3 {
				t.Errorf("%s = %v at x = %v: %s", c.in, e, x, msg)
			}
		}
	}
}

// TestFunctionOfNumberOrder: a function of a number, to the first power,
// stands before the exponentials, as books write 2x ln(10) 10^(x^2); its
// powers stand after them, where a number after them would not read back;
// every form reads back as the same expression.
func TestFunctionOfNumberOrder(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"10^(x^2) ln(10) 2x", "2x ln(10) 10^(x^2)"},
		{"2^x ln(2)", "ln(2) 2^x"},
		{"2^x ln(2)^2", "2^x ln(2)^2"},
		{"2^x*sin(1)*x", "x sin(1) 2^x"},
		{"e^x ln(3)", "ln(3) e^x"},
		{"cos(x) ln(2)", "ln(2) cos(x)"},
		{"x ln(2)", "x ln(2)"},
		{"(1/2)^x ln(2)", "ln(2)(1/2)^x"},
		{"sqrt(2) 3^x", "sqrt(2) 3^x"},
		{"2^(x + 1) 3^x", "2^(x + 1)*3^x"},
		{"ln(2) ln(3) 2^x 3^x", "ln(2) ln(3) 2^x 3^x"},
		{"pi ln(2) x 2^x", "pi x ln(2) 2^x"},
		{"ln(x) ln(2)", "ln(2) ln(x)"},
		{"sqrt(x) 3^x", "sqrt(x) 3^x"},
		// Not a function of a number: its argument names x.
		{"ln(x + 1) 2^x", "2^x ln(x + 1)"},
		{"ln(2x) 2^x", "2^x ln(2x)"},
		{"ln(x^2) 2^x", "2^x ln(x^2)"},
		{"ln(2^x) 2^x", "2^x ln(2^x)"},
		{"sin(ln(x)) 2^x", "2^x sin(ln(x))"},
	} {
		e := mustParse(t, c.in)
		if got := e.String(); got != c.want {
			t.Errorf("%s prints %s, want %s", c.in, got, c.want)
		}
		back, err := parser.ParseExpr(e.String())
		if err != nil || !symbolic.Equal(back, e) {
			t.Errorf("%s prints %s, which reads back as %v (%v)", c.in, e, back, err)
		}
	}
}

// TestBookRuleDerivatives pins the derivatives the rules above were made
// for, beside bookForms: each as printed.
func TestBookRuleDerivatives(t *testing.T) {
	for _, c := range []struct {
		f     string
		order int
		want  string
	}{
		{"sec(x) tan(x)", 1, "sec(x)(2sec(x)^2 - 1)"},
		{"csc(x) cot(x)", 1, "csc(x)(1 - 2csc(x)^2)"},
		{"cos(x)/(1 + sin(x)^2)", 1, "sin(x)(sin(x)^2 - 3)/(sin(x)^2 + 1)^2"},
		{"1/(1 + e^(-x))", 1, "e^x/(e^x + 1)^2"},
		{"ln(1 + e^(-x))", 1, "-1/(e^x + 1)"},
		{"tanh(x)", 1, "sech(x)^2"},
		{"tanh(x)", 2, "-2sech(x)^2 tanh(x)"},
		{"tanh(x^2)", 1, "2x sech(x^2)^2"},
		{"x tanh(x)", 1, "x sech(x)^2 + tanh(x)"},
		{"ln(sin(x))", 2, "-csc(x)^2"},
		{"ln(cosh(x))", 2, "sech(x)^2"},
		{"cosh(x) sinh(x)", 1, "cosh(2x)"},
		{"sin(x) cos(x)", 3, "-4cos(2x)"},
		{"2^x", 1, "ln(2) 2^x"},
		{"2^x", 2, "2^x ln(2)^2"},
		{"(exp(x) - 5)/exp(x)", 1, "5e^(-x)"},
		{"e^x(x - e^(-x))", 1, "e^x(x + 1)"},
		{"e^x(x + 2)", 1, "e^x(x + 3)"},
		{"x cbrt(x)", 1, "4cbrt(x)/3"},
		{"1.5/sec(x)", 1, "-3sin(x)/2"},
		{"log(10, cbrt(x + 1))", 1, "1/(3ln(10)(x + 1))"},
		{"abs(x)^3", 1, "3x abs(x)"},
		{"abs(x)^3", 2, "6abs(x)"},
		{"abs(x)^5", 1, "5x abs(x)^3"},
	} {
		d, err := symbolic.Diff(context.Background(), mustParse(t, c.f), "x", c.order)
		if err != nil || d.String() != c.want {
			t.Errorf("derivative %d of %s = %v (%v), want %s", c.order, c.f, d, err, c.want)
		}
	}
}
