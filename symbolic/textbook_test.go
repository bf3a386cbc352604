package symbolic_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/fprime/fprime/symbolic"
)

// textbook is a table of derivatives as calculus books print them (the
// tables at the back of Stewart's Calculus, and the rules of its chapter 3),
// pinned exactly: where two forms are equally textbook, fprime's is pinned.
var textbook = []struct{ f, df string }{
	// Powers and polynomials.
	{"x^5", "5x^4"},
	{"9x^2 - 72x", "18x - 72"},
	{"x^2 + 5sin(x)", "2x + 5cos(x)"},
	{"7", "0"},
	{"3x", "3"},
	{"0.5x^2", "x"},
	{"1/x", "-1/x^2"},
	{"1/x^3", "-3/x^4"},
	{"x^-2", "-2/x^3"},
	{"sqrt(x)", "1/(2sqrt(x))"},
	{"1/sqrt(x)", "-1/(2x^(3/2))"},
	{"x^(3/2)", "3sqrt(x)/2"},
	{"x^2 sqrt(x)", "5x^(3/2)/2"},
	{"cbrt(x)", "1/(3cbrt(x)^2)"},
	{"x^pi", "pi x^(pi - 1)"},
	{"x^n", "n x^(n - 1)"},
	{"pi x^2", "2pi x"},
	{"(2x + 1)^3", "6(2x + 1)^2"},
	{"(x^2 + 1)^10", "20x(x^2 + 1)^9"},
	// Trigonometric functions.
	{"sin(x)", "cos(x)"},
	{"cos(x)", "-sin(x)"},
	{"tan(x)", "sec(x)^2"},
	{"cot(x)", "-csc(x)^2"},
	{"sec(x)", "sec(x) tan(x)"},
	{"csc(x)", "-cot(x) csc(x)"},
	{"sin(2x)", "2cos(2x)"},
	{"cos(x^2)", "-2x sin(x^2)"},
	{"tan(3x)", "3sec(3x)^2"},
	{"sec(2x)", "2sec(2x) tan(2x)"},
	{"sin(a x + b)", "a cos(a x + b)"},
	{"sin(x)^2", "sin(2x)"},
	{"cos(x)^3", "-3cos(x)^2 sin(x)"},
	{"tan(x)^2", "2sec(x)^2 tan(x)"},
	// Inverse trigonometric functions.
	{"asin(x)", "1/sqrt(1 - x^2)"},
	{"acos(x)", "-1/sqrt(1 - x^2)"},
	{"atan(x)", "1/(x^2 + 1)"},
	{"atan(2x)", "2/(4x^2 + 1)"},
	{"atan(x^2)", "2x/(x^4 + 1)"},
	{"asin(2x)", "2/sqrt(1 - 4x^2)"},
	// Hyperbolic functions and their inverses.
	{"sinh(x)", "cosh(x)"},
	{"cosh(x)", "sinh(x)"},
	{"tanh(x)", "sech(x)^2"},
	{"asinh(x)", "1/sqrt(x^2 + 1)"},
	{"acosh(x)", "1/sqrt(x^2 - 1)"},
	{"atanh(x)", "1/(1 - x^2)"},
	// Exponentials and logarithms.
	{"e^x", "e^x"},
	{"exp(2x)", "2e^(2x)"},
	{"e^(a x)", "a e^(a x)"},
	{"e^(-x^2)", "-2x e^(-x^2)"},
	{"2^x", "ln(2) 2^x"},
	{"a^x", "a^x ln(a)"},
	{"x^x", "x^x(ln(x) + 1)"},
	{"ln(x)", "1/x"},
	{"ln(a x)", "1/x"},
	{"log2(x)", "1/(x ln(2))"},
	{"log10(x)", "1/(x ln(10))"},
	{"log(3, x)", "1/(x ln(3))"},
	{"ln(x^2 + 1)", "2x/(x^2 + 1)"},
	{"ln(sin(x))", "cot(x)"},
	{"ln(cos(x))", "-tan(x)"},
	{"ln(ln(x))", "1/(x ln(x))"},
	// Product and quotient rules.
	{"x sin(x)", "x cos(x) + sin(x)"},
	{"x ln(x)", "ln(x) + 1"},
	{"x^2 e^x", "x e^x(x + 2)"},
	{"x e^(-x)", "e^(-x)(1 - x)"},
	{"e^x sin(x)", "e^x(cos(x) + sin(x))"},
	{"sin(x)/x", "(x cos(x) - sin(x))/x^2"},
	{"x/(x + 1)", "1/(x + 1)^2"},
	{"(x - 1)/(x + 1)", "2/(x + 1)^2"},
	{"1/(1 + x^2)", "-2x/(x^2 + 1)^2"},
	{"sin(x)/cos(x)", "sec(x)^2"},
	{"sinh(x)/cosh(x)", "sech(x)^2"},
	{"log10(tan(x)(3 - x))", "cot(x) sec(x)^2/ln(10) - 1/(ln(10)(3 - x))"},
	// Chain rule.
	{"sqrt(x^2 + 1)", "x/sqrt(x^2 + 1)"},
	{"sqrt(sin(x))", "cos(x)/(2sqrt(sin(x)))"},
	{"sin(cos(x))", "-cos(cos(x)) sin(x)"},
	{"e^sin(x)", "e^sin(x) cos(x)"},
	{"abs(x)", "x/abs(x)"},
}

func TestTextbookDerivatives(t *testing.T) {
	for _, c := range textbook {
		d, err := symbolic.Derivative(mustParse(t, c.f), "x")
		if err != nil {
			t.Errorf("d/dx %s: %v", c.f, err)
			continue
		}
		if got := d.String(); got != c.df {
			t.Errorf("d/dx %s = %s, want %s", c.f, got, c.df)
		}
	}
}

// TestPartialsAndOrders pins partial derivatives and higher orders.
func TestPartialsAndOrders(t *testing.T) {
	cases := []struct {
		f, x string
		n    int
		want string
	}{
		{"(x^2 + y - 7)^2 + (x - y + 1)^2", "x", 1, "4x(x^2 + y - 7) + 2(x - y + 1)"},
		{"(x^2 + y - 7)^2 + (x - y + 1)^2", "y", 1, "2(x^2 + y - 7) - 2(x - y + 1)"},
		{"(1 - x)^2 + 100(y - x^2)^2", "x", 1, "-400x(y - x^2) - 2(1 - x)"},
		{"(1 - x)^2 + 100(y - x^2)^2", "y", 1, "200(y - x^2)"},
		{"x^2 y^3", "x", 1, "2x y^3"},
		{"x^2 y^3", "y", 1, "3x^2 y^2"},
		{"x e^(x y)", "y", 1, "x^2 e^(x y)"},
		{"x^3", "x", 2, "6x"},
		{"x^4", "x", 4, "24"},
		{"x^4", "x", 5, "0"},
		{"sin(x)", "x", 4, "sin(x)"},
		{"e^(2x)", "x", 3, "8e^(2x)"},
		{"ln(x)", "x", 2, "-1/x^2"},
		// Each order is the derivative of the one before as it prints,
		// simplified: f' of x^2 cos(x) is x(2cos(x) - x sin(x)).
		{"x^2 cos(x)", "x", 2, "2cos(x) - x^2 cos(x) - 4x sin(x)"},
		{"x^2 e^(-x)", "x", 2, "e^(-x)(x^2 - 4x + 2)"},
		{"x^(5/2) - sqrt(x)", "x", 2, "(15x^2 + 1)/(4x^(3/2))"},
		{"1/(1 + x^2)", "x", 3, "24(x - x^3)/(x^2 + 1)^4"},
		{"cbrt(x)/(x^2 + 1)", "x", 2, "2(20x^4 - 17x^2 - 1)/(9cbrt(x)^5(x^2 + 1)^3)"},
		{"x^2", "x", 0, "x^2"},
	}
	for _, c := range cases {
		d, err := symbolic.Diff(context.Background(), mustParse(t, c.f), c.x, c.n)
		if err != nil {
			t.Errorf("d^%d/d%s^%d %s: %v", c.n, c.x, c.n, c.f, err)
			continue
		}
		if got := d.String(); got != c.want {
			t.Errorf("d^%d/d%s^%d %s = %s, want %s", c.n, c.x, c.n, c.f, got, c.want)
		}
	}
}

func TestHessian(t *testing.T) {
	h, err := symbolic.Hessian(context.Background(), mustParse(t, "x^3 y + y^2"), []string{"x", "y"})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"6x y", "3x^2"}, {"3x^2", "2"}}
	for i := range want {
		for j := range want[i] {
			if got := h[i][j].String(); got != want[i][j] {
				t.Errorf("H[%d][%d] = %s, want %s", i, j, got, want[i][j])
			}
		}
	}
}

func TestDerivativeLimits(t *testing.T) {
	skipWhenShort(t)
	_, err := symbolic.Diff(context.Background(), mustParse(t, "x^x"), "x", 40)
	var tooLarge *symbolic.TooLargeError
	if !asError(err, &tooLarge) {
		t.Errorf("diff(x^x, x, 40): got %v, want a *TooLargeError", err)
	}
	// The product rule makes 300 terms of 300 factors of a product of 300
	// sines: past MaxSize in one order, with little work.
	factors := make([]string, 300)
	for i := range factors {
		factors[i] = fmt.Sprintf("sin(x + %d)", i)
	}
	_, err = symbolic.Diff(context.Background(), mustParse(t, strings.Join(factors, " ")), "x", 1)
	if !asError(err, &tooLarge) || tooLarge.Steps {
		t.Errorf("d/dx of 300 sines: got %v, want a *TooLargeError for its size", err)
	}
	// tan(abs(x)) grows slowly: its 1000th derivative would pass MaxSize
	// only after hundreds of orders and many seconds; the work bound stops
	// it. (abs(x) itself no longer grows: its second derivative is 0.)
	_, err = symbolic.Diff(context.Background(), mustParse(t, "tan(abs(x))"), "x", 1000)
	if !asError(err, &tooLarge) || !tooLarge.Steps {
		t.Errorf("diff(tan(abs(x)), x, 1000): got %v, want a *TooLargeError for its work", err)
	} else if tooLarge.Order > 60 {
		// Simplifying between orders is work too: uncounted, the
		// bound came only at order 120, after 9 seconds.
		t.Errorf("diff(tan(abs(x)), x, 1000) stopped at order %d; simplifying is not counted as work", tooLarge.Order)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := symbolic.Diff(ctx, mustParse(t, "x^x sin(x)"), "x", 30); err != context.Canceled {
		t.Errorf("cancelled Diff: got %v, want context.Canceled", err)
	}
}

// TestDerivativesDoNotOverflow: where a derivative's value is a modest
// number, it evaluates to it, although cosh and sinh of the argument
// overflow: tanh' is sech², sech(u) is 1/cosh(u), 0 where cosh(u)
// overflows, and cosh/sinh is 1/tanh, so no cosh(u) is left to overflow.
// (The values are limits: tanh(u) is ±1 and sech(u) is 0 in floats.)
func TestDerivativesDoNotOverflow(t *testing.T) {
	for _, c := range []struct {
		in   string
		x    float64
		want [3]float64 // f', f'', f'''
	}{
		{"tanh(x)", 800, [3]float64{0, 0, 0}},
		{"tanh(x)", -800, [3]float64{0, 0, 0}},
		{"tanh(x^5)", 4.07, [3]float64{0, 0, 0}},
		{"tanh(x^5)", -3.71, [3]float64{0, 0, 0}},
		{"x tanh(x)", 800, [3]float64{1, 0, 0}},
		{"x tanh(x)", -800, [3]float64{-1, 0, 0}},
		{"tanh(x^2)", 800, [3]float64{0, 0, 0}},
		{"tanh(x)^2", 800, [3]float64{0, 0, 0}},
		{"sech(x)", 800, [3]float64{0, 0, 0}},
		{"ln(sinh(x))", 400, [3]float64{1, 0, 0}},
		{"ln(cosh(x))", -400, [3]float64{-1, 0, 0}},
		// 4x^3, 12x^2 and 24x, as coth(x^4) is 1 in floats.
		{"ln(sinh(x^4))", 4.07, [3]float64{4 * 4.07 * 4.07 * 4.07, 12 * 4.07 * 4.07, 24 * 4.07}},
	} {
		e := mustParse(t, c.in)
		for n := 1; n <= 3; n++ {
			d, err := symbolic.Diff(context.Background(), e, "x", n)
			if err != nil {
				t.Fatalf("diff(%s, x, %d): %v", c.in, n, err)
			}
			p, err := symbolic.Compile(d, "x")
			if err != nil {
				t.Fatalf("compile %v: %v", d, err)
			}
			got, err := p.Eval(c.x)
			if want := c.want[n-1]; err != nil || math.Abs(got-want) > 1e-9*max(1, math.Abs(want)) {
				t.Errorf("diff(%s, x, %d) = %v at %v is %v (%v), want %v", c.in, n, d, c.x, got, err, want)
			}
		}
	}
}

// TestPowerOfProductStaysInRange: (cu)^r is split into c^r u^r only for a
// number r; for another, the two powers may leave the range of floats
// where (cu)^r does not.
func TestPowerOfProductStaysInRange(t *testing.T) {
	for _, c := range []struct {
		in   string
		x    float64
		want float64
	}{
		// (x^2/16)^(3^(x^2)) at -2.29 is about 2^-511: (1/16)^(3^(x^2))
		// alone underflows to 0, and ln(0) has no value.
		{"log2(((x/4)^2)^(3^(x^2)))", -2.29, math.Pow(3, 2.29*2.29) * math.Log2(2.29*2.29/16)},
		// 3.4e227, where (x^4)^(4x ln(x)/ln(3)) alone overflows.
		{"((x/4)^4)^(4x log(3, x))", 12.5, math.Pow(math.Pow(12.5/4, 4), 4*12.5*math.Log(12.5)/math.Log(3))},
	} {
		p, err := symbolic.Compile(mustParse(t, c.in), "x")
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if got, err := p.Eval(c.x); err != nil || math.Abs(got-c.want) > 1e-9*math.Abs(c.want) {
			t.Errorf("%s at %v = %v (%v), want %v", c.in, c.x, got, err, c.want)
		}
	}
}
