package session

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/fprime/fprime/parser"
)

func run(t *testing.T, s *Session, src string) Result {
	t.Helper()
	var r Result
	for _, c := range parser.Split(src, 1) {
		var err error
		if r, err = s.Run(context.Background(), c); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
	}
	return r
}

// TestCheckAccepts: right answers written another way than fprime writes them.
func TestCheckAccepts(t *testing.T) {
	cases := []struct{ f, answer string }{
		{"x^2 + 5sin(x)^2 + 3cos(x)", "2x + 5sin(2x) - 3sin(x)"},
		{"x^2 + 5sin(x)^2 + 3cos(x)", "2x + 10sin(x)cos(x) - 3sin(x)"},
		{"9x^2 - 72x", "18(x - 4)"},
		// Too large for floats everywhere, and the same: proved all the same.
		{"exp(x^2 + 1000)", "2x exp(x^2 + 1000)"},
		{"9x^2 - 72x", "-72 + 18x"},
		{"x/(x + 1)", "1/(x + 1) - x/(x + 1)^2"},
		{"x/(x + 1)", "1/(x^2 + 2x + 1)"},
		{"sin(x)^2", "2sin(x)cos(x)"},
		{"cos(x)^2", "-sin(2x)"},
		{"tan(x)", "1 + tan(x)^2"},
		{"tan(x)", "1/cos(x)^2"},
		{"ln(x^2)", "2/x"},
		{"ln(2x)", "1/x"},
		{"sqrt(x)", "0.5x^(-0.5)"},
		{"sqrt(x)", "1/(2√x)"},
		{"e^(2x)", "2exp(2x)"},
		{"e^(2x)", "2(e^x)^2"},
		{"x^x", "x^x ln(x) + x^x"},
		{"x^x", "e^(x ln(x))(1 + ln(x))"},
		{"atan(x)", "1/(1 + x^2)"},
		{"asin(x)", "(1 - x^2)^(-1/2)"},
		{"cosh(x)^2 - sinh(x)^2", "0"},
		{"sinh(x)", "(e^x + e^-x)/2"},
		{"abs(x)", "x/abs(x)"},
		{"abs(x)", "abs(x)/x"},
		{"cbrt(x)", "1/(3cbrt(x^2))"},
		{"log10(x)", "1/(x ln(10))"},
		{"2^x", "ln(2) 2^x"},
		{"(x^2 + 1)^3", "6x(x^4 + 2x^2 + 1)"},
		{"1/x", "-x^-2"},
		{"x sin(x)", "sin(x) + x cos(x)"},
	}
	for _, c := range cases {
		s := New()
		run(t, s, "f(x) = "+c.f)
		r := run(t, s, "check f' = "+c.answer)
		if cr, ok := r.(CheckResult); !ok || !cr.OK {
			t.Errorf("f(x) = %s: check f' = %s said %+v", c.f, c.answer, r)
		}
	}
}

// TestCheckRejects: wrong answers, some wrong only on part of the line or
// by a little.
func TestCheckRejects(t *testing.T) {
	cases := []struct{ f, answer, note string }{
		{"x^2 + 5sin(x)^2 + 3cos(x)", "2x + 10sin(2x) - 3sin(x)", ""},
		{"9x^2 - 72x", "18x - 69", "your answer is the derivative plus the constant 3"},
		{"9x^2 - 72x", "72 - 18x", "your answer has the wrong sign"},
		{"9x^2 - 72x", "36x - 144", "your answer is 2 times the derivative"},
		{"x^3", "3x^2 + 0.000001", "your answer is the derivative plus the constant 1e-6"},
		{"tan(x)", "sec(x)^2 + 0.000001", "your answer is the derivative plus the constant 1e-6"},
		{"ln(x)", "3/x", "your answer is 3 times the derivative"},
		{"tan(x)", "(1 + 1e-12)sec(x)^2", "your answer is 1.000000000001 times the derivative"},
		{"sin(x)", "cos(x) + x^7/1e6", ""},
		{"x/(x + 1)", "1/(x + 1)", ""},
		{"ln(x)", "1/abs(x) + 1", "your answer is the derivative plus the constant 1"},
		{"sqrt(x)", "1/sqrt(x)", "your answer is 2 times the derivative"},
		{"e^(2x)", "e^(2x)", ""},
		{"x^x", "x x^(x - 1)", ""},
		{"tan(x)", "sec(x)", ""},
		{"abs(x)", "1", ""},
		{"atan(x)", "1/(1 - x^2)", ""},
		{"cos(x)", "sin(x)", "your answer has the wrong sign"},
		{"x^2", "2x + (x - 3)^2 (x + 2)^2 (x - 0.5)^2 - (x - 3)^2 (x + 2)^2 (x - 0.5)^2 + 1e-5 (x - 1)", ""},
		// Wrong only where x^2 is too large for a float64, which is no
		// point where f is undefined.
		{"x^2", "2x + sqrt(x - 1e300)", ""},
		// Not constant, and lost in floats at every point: worked out
		// precisely at the first points and where the bound is loose.
		{"x^2", "x*(pi - 3.141592653589793)*1e17", ""},
		{"x^2", "2x + 1 + 1e20*(cosh(x) - sinh(x) - exp(-x))", ""},
		{"x^2", "2x + x^3*(pi - 3.141592653589793)", ""},
		{"sin(3x)", "3(4cos(x)^3 - 3cos(x)) + 1e-15", ""},
		{"exp(-x^2 - 1000)", "2x exp(-x^2 - 1000)", "your answer has the wrong sign"},
		{"x*(asin(x) + acos(x))", "1.5707963267948966", ""},
		// Wrong only past 100, where floats lose it: a loose bound there.
		{"x^2", "2x + (sgn(x - 100) + 1)*x*(pi - 3.141592653589793)*1e17", ""},
		// A constant difference that floats call 0 at every point.
		{"sin(x)", "cos(x) + 3.141592653589793 - pi", "the difference is the constant 2.384626433832795e-16, worked out to 64 bits: not 0"},
		{"sin(x)", "cos(x) + exp(pi sqrt(163)) - 640320^3 - 744", "the difference is the constant 7.499274028018143e-13, worked out to 64 bits: not 0"},
		{"sin(x)", "cos(x) + 1e-20 + sqrt(2)sqrt(3) - sqrt(6)", "the difference is the constant -1e-20, worked out to 64 bits: not 0"},
		// Not the constant floats make of it (-1.0251945775).
		{"sin(x)", "cos(x) + sin(1e23) - 0.7011406398610784", "the difference is the constant -6.946924183048087e-17, worked out to 64 bits: not 0"},
		{"sin(x)", "cos(x) + 5 + 3(sqrt(2)sqrt(3) - sqrt(6))", "the difference is the constant -5, worked out to 64 bits: not 0"},
		// Below any float64, and no 0.
		{"x^2", "2x + exp(-1000)", "the difference is the constant -5.075958897549457e-435, worked out to 64 bits: not 0"},
	}
	for _, c := range cases {
		s := New()
		run(t, s, "f(x) = "+c.f)
		r := run(t, s, "check f' = "+c.answer)
		cr, ok := r.(CheckResult)
		if !ok || cr.OK {
			t.Errorf("f(x) = %s: check f' = %s accepted a wrong answer", c.f, c.answer)
			continue
		}
		if c.note != "" && (len(cr.Notes) != 1 || cr.Notes[0] != c.note) {
			t.Errorf("f(x) = %s: check f' = %s: notes %q, want %q", c.f, c.answer, cr.Notes, c.note)
		}
		if len(cr.At) != 1 {
			t.Errorf("f(x) = %s: no point shown", c.f)
		}
	}
}

// TestCheckShowsPreciseValues: the values beside a ✗ are worked out
// precisely where floats lose them: 1e20 sin(x)^2 - 1e20(1 - cos(x)^2)
// cancels to 0 at 0.5, so the answer there is 2, not 1.
func TestCheckShowsPreciseValues(t *testing.T) {
	s := New()
	run(t, s, "f(x) = x^2")
	cr := run(t, s, "check f' = 2x + 1e20*sin(x)^2 + 1 - 1e20*(1-cos(x)^2)").(CheckResult)
	if cr.OK || len(cr.At) != 1 || cr.At[0] != 0.5 || cr.Left != 1 || cr.Right != 2 {
		t.Errorf("%+v, want ✗ at 0.5: 1 against 2", cr)
	}
	// A constant 0 to all the digits worked out passes, said as no proof.
	run(t, s, "f(x) = sin(x)")
	cr = run(t, s, "check f' = cos(x) + sqrt(2)sqrt(3) - sqrt(6)").(CheckResult)
	if !cr.OK || cr.Proved || len(cr.Notes) != 1 || !strings.Contains(cr.Notes[0], "0 to 54 digits, and not proved to be 0") {
		t.Errorf("%+v, want ✓ unproved, 0 to 54 digits", cr)
	}
}

// TestCheckWarns: an answer right wherever it is defined, but undefined
// where the derivative is, passes with a note.
func TestCheckWarns(t *testing.T) {
	s := New()
	run(t, s, "f(x) = x^3/3")
	cr := run(t, s, "check f' = sqrt(x)^4").(CheckResult)
	if !cr.OK || len(cr.Notes) == 0 || !strings.Contains(cr.Notes[0], "undefined at x = -") {
		t.Errorf("sqrt(x)^4 for x^2: %+v", cr)
	}
	// x^(2/3) is real for x < 0, as cbrt is: no note.
	run(t, s, "f(x) = cbrt(x)")
	if cr := run(t, s, "check f' = 1/(3x^(2/3))").(CheckResult); !cr.OK || len(cr.Notes) != 0 {
		t.Errorf("cbrt: %+v", cr)
	}
}

func TestCheckUndecided(t *testing.T) {
	s := New()
	run(t, s, "f(x) = sqrt(x)")
	r := run(t, s, "check f' = sqrt(-x - 1)")
	if cr := r.(CheckResult); cr.OK || !cr.Undecided {
		t.Errorf("an answer defined nowhere the derivative is: %+v", cr)
	}
}

// TestCheckNoFloatRelation: where only the precise evaluation saw the
// difference, floats say nothing of how the sides relate (they made the
// answer 0 times the derivative).
func TestCheckNoFloatRelation(t *testing.T) {
	s := New()
	run(t, s, "f(x) = x^2")
	cr := run(t, s, "check f' = x*(pi - 3.141592653589793)*1e17").(CheckResult)
	if cr.OK || len(cr.Notes) != 0 || math.Abs(cr.Right-11.923132169163976) > 1e-12 {
		t.Errorf("%+v, want ✗ with no note, the answer 11.923132169163976 at 0.5", cr)
	}
}
