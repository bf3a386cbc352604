package session

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/fprime/fprime/parser"
)

// runErr runs src and returns the error of its last statement, after the
// ones before it succeeded.
func runErr(t *testing.T, s *Session, src string) error {
	t.Helper()
	chunks := parser.Split(src, 1)
	for i, c := range chunks {
		_, err := s.Run(context.Background(), c)
		if i < len(chunks)-1 && err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if i == len(chunks)-1 {
			return err
		}
	}
	return nil
}

// TestUndefinedReproductions: the wrong answers of issue 9, each now a
// positioned error that names the part and the point.
func TestUndefinedReproductions(t *testing.T) {
	cases := []struct{ src, want string }{
		{"0/0", "1:2: 0/0 is undefined (division by zero)"},
		{"(1-1)/(2-2)", "1:6: (1-1)/(2-2) is undefined (division by zero)"},
		{"0*(1/0)", "1:5: 1/0 is undefined (division by zero)"},
		{"f(x)=sin(x)/x; f(0)", "1:16: sin(x)/x is undefined at x = 0 (division by zero); the limit as x → 0 is 1"},
		{"f(x)=(x^2-1)/(x-1); f(1)", "1:21: (x^2 - 1)/(x - 1) is undefined at x = 1 (division by zero); the limit as x → 1 is 2"},
		{"f(x)=(x^2-1)/(x-1); f'(1)", "1:21: f is undefined there, so f' is too: (x^2 - 1)/(x - 1) is undefined at x = 1 (division by zero); the limit as x → 1 is 2"},
		{"g(x,y)=x*y/(x^2+y^2); g(0,0)", "1:23: x y/(x^2 + y^2) is undefined at x = 0, y = 0 (division by zero)"},
		{"f(x)=x^2; check f' = 2x + 0/0", "1:28: 0/0 is undefined (division by zero)"},
		{"f(x)=1/0", "1:7: 1/0 is undefined (division by zero)"},
		{"f(x)=ln(0)+x", "1:6: ln(0) is undefined: ln needs a positive argument"},
		{"f(x)=ln(x); f'(-1)", "1:13: f is undefined there, so f' is too: ln(x) is undefined at x = -1 (ln needs a positive argument)"},
		{"f(x)=acosh(x); f'(-1.7)", "1:16: f is undefined there, so f' is too: acosh(x) is undefined at x = -1.7 (acosh needs an argument >= 1)"},
		{"c = 0/0", "1:6: 0/0 is undefined (division by zero)"},
		// The limit is of f(x), not of the part that fails.
		{"f(x) = x/x; f(0)", "1:13: 1/x is undefined at x = 0 (division by zero); the limit of f(x) as x → 0 is 1"},
		{"f(x) = x/x; y = f(0)", "1:17: 1/x is undefined at x = 0 (division by zero); the limit of f(x) as x → 0 is 1"},
		{"f(x) = x abs(x); f'''(0)", "1:18: 1/abs(x) is undefined at x = 0 (division by zero); the limit of f'''(x) as x → 0 is 0"},
		{"a = 0; f(x) = sin(x)/x; f(a)", "1:25: sin(x)/x is undefined at x = 0 (division by zero); the limit as x → 0 is 1"},
		{"f(x) = ln(x) - ln(x); f(-1)", "1:23: ln(x) is undefined at x = -1 (ln needs a positive argument)"},
		{"f(x) = sqrt(x)^2; f(-4)", "1:19: sqrt(x) is undefined at x = -4 (sqrt needs an argument >= 0)"},
		{"f(x) = ln(x); g(x) = f'(x); g(-1)", "1:29: ln(x) is undefined at x = -1 (ln needs a positive argument)"},
		// A divisor that a constant's value makes 0 is said as 1/0, not as
		// the 0^(-1) the simplifier keeps.
		{"a = 2; 1/(a - 2)", "1:8: 1/0 is undefined (division by zero)"},
		{"a = 0; f(x) = x/a", "1:15: 1/0 is undefined (division by zero)"},
		{"a = 0; x^2 + 1/a", "1:8: 1/0 is undefined (division by zero)"},
		{"a = 0; a^-2", "1:8: 0^(-2) is undefined (division by zero)"},
		// The point as written, where its float misses: sqrt(sin(x)) at 2pi
		// is sqrt(0), though sin(6.283185307179586) < 0.
		{"f(x) = sqrt(sin(x)); y = f(2pi) + 1; y + 1/(y - 1)", "1:38: 1/0 is undefined (division by zero)"},
		{"f(x) = sqrt(2 - x^2); y = f(sqrt(2)) + 1; y + 1/(y - 1)", "1:43: 1/0 is undefined (division by zero)"},
		// A divisor a simplification dropped, 0 to all the digits worked out.
		{"(sqrt(6) - sqrt(2)sqrt(3))/(sqrt(6) - sqrt(2)sqrt(3))", "1:1: cannot tell whether 1/(sqrt(6) - sqrt(2) sqrt(3)) has a value: sqrt(6) - sqrt(2) sqrt(3) is 0 to 54 digits, and may be 0 exactly"},
		{"f(x) = x/x; f(sqrt(2)sqrt(3) - sqrt(6))", "1:13: cannot tell whether 1/(sqrt(2) sqrt(3) - sqrt(6)) has a value: sqrt(2) sqrt(3) - sqrt(6) is 0 to 54 digits, and may be 0 exactly"},
		// A point 0 to all the digits worked out: sqrt there cannot be told.
		{"f(x) = sqrt(x); f(sqrt(6) - sqrt(2)sqrt(3))", "1:17: cannot tell whether sqrt(sqrt(6) - sqrt(2) sqrt(3)) has a value: sqrt(6) - sqrt(2) sqrt(3) is 0 to 54 digits, and may be 0 exactly"},
		{"atanh(sqrt(35)/(sqrt(5)sqrt(7)))", "1:1: cannot tell whether atanh(sqrt(35)/(sqrt(5) sqrt(7))) has a value: sqrt(35)/(sqrt(5) sqrt(7)) - 1 is 0 to 54 digits, and may be 0 exactly"},
		// And the other way: floats give the point a value it has not.
		{"f(x) = (x - pi)/sin(x); f(pi)", "1:25: (x - pi)/sin(x) is undefined at x = 3.141592653589793 (division by zero)"},
		{"f(x) = 1/(x^2 - 2); f'(sqrt(2))", "1:21: f is undefined there, so f' is too: 1/(x^2 - 2) is undefined at x = 1.4142135623730951 (division by zero)"},
		// Undefined only once simplified, though floats give values.
		{"f(x) = 1/(sin(x)^2 + cos(x)^2 - 1)", "1:1: f is undefined everywhere: simplified, it has a part with no value: 1/0 is undefined (division by zero)"},
		{"f(x) = ln(cosh(x)^2 - sinh(x)^2 - 1)", "1:1: f is undefined everywhere: simplified, it has a part with no value: ln(0) is undefined: ln needs a positive argument"},
		{"x/(sin(x)^2 + cos(x)^2 - 1)", "1:1: undefined everywhere: simplified, it has a part with no value: 1/0 is undefined (division by zero)"},
	}
	for _, c := range cases {
		s := New()
		err := runErr(t, s, c.src)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: %v\n  want %s", c.src, err, c.want)
		}
	}
}

// TestSingularities: at removable singularities the error gives the limit
// as a hint; at poles, jumps, essential singularities and points outside a
// domain it gives none, for no number is approached from both sides.
func TestSingularities(t *testing.T) {
	cases := []struct {
		f     string
		at    string
		limit string // "" where there is no limit to give
	}{
		// Removable: both sides approach one number.
		{"sin(x)/x", "0", "1"},
		{"(x^2 - 1)/(x - 1)", "1", "2"},
		{"(x^2 - 4)/(x - 2)", "2", "4"},
		{"(x^2 - 4)/(x + 2)", "-2", "-4"},
		{"(x^3 - 8)/(x - 2)", "2", "12"},
		{"(e^x - 1)/x", "0", "1"},
		{"(1 - cos(x))/x^2", "0", "0.5"},
		{"(1 - cos(x))/x", "0", "0"},
		{"tan(x)/x", "0", "1"},
		{"sin(3x)/x", "0", "3"},
		{"sin(x)/sin(2x)", "0", "0.5"},
		{"x/sin(x)", "0", "1"},
		{"ln(x)/(x - 1)", "1", "1"},
		{"(sqrt(x) - 2)/(x - 4)", "4", "0.25"},
		{"(x - sin(x))/x^3", "0", "0.166666666667"},
		{"(e^x - 1 - x)/x^2", "0", "0.5"},
		{"(2^x - 1)/x", "0", "0.69314718056"},
		{"sinh(x)/x", "0", "1"},
		{"atan(x)/x", "0", "1"},
		{"(x^2 - 3x + 2)/(x - 1)", "1", "-1"},
		{"x^2/x", "0", "0"},
		{"(cos(x) - 1)/sin(x)", "0", "0"},
		// Poles, jumps, oscillation, outside the domain: no hint.
		{"1/x", "0", ""},
		{"1/x^2", "0", ""},
		{"sin(x)/x^2", "0", ""},
		{"cos(x)/x", "0", ""},
		{"x/abs(x)", "0", ""},
		{"abs(x)/x", "0", ""},
		{"sin(1/x)", "0", ""},
		{"e^(1/x)", "0", ""},
		{"1/(x - 3)", "3", ""},
		{"(x + 1)/(x^2 - 1)", "1", ""},
		{"ln(x)", "0", ""},
		{"ln(x)", "-2", ""},
		{"sqrt(x)", "-1", ""},
		{"asin(x)", "2", ""},
		{"x ln(x)", "0", ""},
		{"cot(x)", "0", ""},
		{"sin(x)/x + 0ln(x)", "0", ""}, // L'Hôpital says 1, but there is no left side
	}
	for _, c := range cases {
		s := New()
		err := runErr(t, s, "f(x) = "+c.f+"; f("+c.at+")")
		if err == nil {
			t.Errorf("f(x) = %s at %s: no error", c.f, c.at)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "is undefined at x = ") {
			t.Errorf("f(x) = %s at %s: %q does not say where", c.f, c.at, msg)
		}
		hint := " as x → " + c.at + " is "
		i := strings.Index(msg, hint)
		if !strings.Contains(msg, "; the limit as x") && !strings.Contains(msg, "; the limit of f(x) as x") {
			i = -1
		}
		switch {
		case c.limit == "" && i >= 0:
			t.Errorf("f(x) = %s at %s: %q gives a limit where there is none", c.f, c.at, msg)
		case c.limit != "" && i < 0:
			t.Errorf("f(x) = %s at %s: %q gives no limit; want %s", c.f, c.at, msg, c.limit)
		case c.limit != "" && !strings.HasPrefix(msg[i+len(hint):], c.limit):
			t.Errorf("f(x) = %s at %s: %q; want the limit %s", c.f, c.at, msg, c.limit)
		}
	}
}

// TestUndefinedChangesNothing: a statement refused for an undefined value
// leaves what was defined before.
func TestUndefinedChangesNothing(t *testing.T) {
	s := New()
	run(t, s, "f(x) = x^2; c = 3")
	before := s.Script()
	for _, bad := range []string{"f(x) = 1/0", "c = 0/0", "f(x) = ln(0) + x", "c = f(1)/(f(1) - 1)"} {
		if err := runErr(t, s, bad); err == nil {
			t.Errorf("%s was accepted", bad)
		}
	}
	if got := s.Script(); got != before {
		t.Errorf("the session changed:\n%s", got)
	}
}

// TestScriptKeepsDomain: a saved function reads back undefined where it was.
func TestScriptKeepsDomain(t *testing.T) {
	s := New()
	run(t, s, "f(x) = x/x; g(x) = ln(x) - ln(x) + x^2; h(x) = 0/x")
	script := s.Script()
	if !strings.Contains(script, "f(x) = 1 + 0*(1/x)\n") {
		t.Errorf("script:\n%s", script)
	}
	back := New()
	for _, line := range strings.Split(strings.TrimSpace(script), "\n")[1:] {
		run(t, back, line)
	}
	for _, c := range []string{"f(0)", "g(-1)", "h(0)"} {
		if err := runErr(t, back, c); err == nil || !strings.Contains(err.Error(), "is undefined at") {
			t.Errorf("after reading the script back, %s: %v", c, err)
		}
	}
	if got := run(t, back, "f(3)").(Number).Value; got != 1 {
		t.Errorf("f(3) = %v", got)
	}
	if back.Script() != script {
		t.Errorf("the script read back writes\n%s\nnot\n%s", back.Script(), script)
	}
}

// TestRedefineFromOldBody: f(x) = f(x) + 1 builds on the old f, as a = a + 1
// does; a first definition cannot call itself.
func TestRedefineFromOldBody(t *testing.T) {
	s := New()
	run(t, s, "f(x) = x^2; f(x) = f(x) + 1; f(x) = f(2x)")
	if got := s.funcs["f"].Body.String(); got != "4x^2 + 1" {
		t.Errorf("f(x) = %s, want 4x^2 + 1", got)
	}
	err := runErr(t, s, "g(x) = g(x) + 1")
	if err == nil || err.Error() != "1:8: g calls itself, but has no earlier definition to use" {
		t.Errorf("g(x) = g(x) + 1: %v", err)
	}
}

// TestDerivativeWhereOnlyAConditionFails: a derivative whose printed form
// has a value at a point, where only a condition kept by a rewrite fails,
// has that value when the derivative limit theorem gives it; otherwise the
// point stays undefined.
func TestDerivativeWhereOnlyAConditionFails(t *testing.T) {
	for _, c := range []struct{ src, want, err string }{
		{"f(x) = x abs(x); f'(0)", "0", ""},
		{"f(x) = x|x| + 3x; f'(0)", "3", ""},
		{"f(x) = (x - 1)|x - 1|; f'(1)", "0", ""},
		{"f(x) = x|x|; f'(2)", "4", ""},
		{"a = 3; f(x) = a x|x|; f'(0)", "0", ""}, // with a constant in the body
		{"a = 0; f(x) = x|x|; f'(a)", "0", ""},   // and at one
		// (x|x|)'' is 2sgn(x): no second derivative at 0.
		{"f(x) = x|x|; f''(0)", "", "undefined at x = 0"},
		// abs itself has no derivative at 0.
		{"f(x) = abs(x); f'(0)", "", "undefined at x = 0"},
		// Where f is undefined, so is f'.
		{"f(x) = x^2/x; f'(0)", "", "f is undefined there"},
		// sgn is not continuous: the theorem is not used with it.
		{"f(x) = x^2 sgn(x); f'(0)", "", "undefined at x = 0"},
	} {
		s := New()
		chunks := parser.Split(c.src, 1)
		for i, ch := range chunks {
			r, err := s.Run(context.Background(), ch)
			if i < len(chunks)-1 {
				if err != nil {
					t.Fatalf("%s: %v", c.src, err)
				}
				continue
			}
			switch {
			case c.err == "" && err != nil:
				t.Errorf("%s: %v, want %s", c.src, err, c.want)
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
				t.Errorf("%s: %v (%v), want an error with %q", c.src, r, err, c.err)
			case c.err == "":
				if n, ok := r.(Number); !ok || fmt.Sprint(n.Value) != c.want {
					t.Errorf("%s = %#v, want %s", c.src, r, c.want)
				}
			}
		}
	}
}

// TestDivergedAtStartKeepsValues: a run that diverges at x0 reports f and
// each partial that has a value there, null (NaN) only for the others,
// as PRODUCT.md says of a divergence: "null for a value that is not
// finite".
func TestDivergedAtStartKeepsValues(t *testing.T) {
	cases := []struct{ src, want string }{
		{"f(x) = sqrt(x); min f x0=0", "f 0 grad [NaN]"},
		{"g(x, y) = sqrt(x) + y^2; min g x0=(0, 1)", "f 1 grad [NaN 2]"},
		// Where f has no value, neither has a partial, whatever its formula
		// gives: (ln(x) + x)' = 1/x + 1 is 0 at -1.
		{"f(x) = ln(x) + x; min f x0=-1", "f NaN grad [NaN]"},
	}
	for _, c := range cases {
		d := run(t, New(), c.src).(Descent)
		got := fmt.Sprintf("f %v grad %v", d.Result.F, d.Result.Grad)
		if d.Result.Status.String() != "diverged" || d.Result.Iterations != 0 || got != c.want {
			t.Errorf("%s: %v after %d, %s; want diverged at x0, %s", c.src, d.Result.Status, d.Result.Iterations, got, c.want)
		}
	}
}

// TestDescentFromDerivativeLimit: a run starts where f'(x0) has the value
// the derivative limit theorem gives, as f'(x0) itself does: x|x| has
// f'(0) = 0, though f' = 2abs(x) keeps abs' x/abs(x).
func TestDescentFromDerivativeLimit(t *testing.T) {
	cases := []struct{ src, want string }{
		{"f(x) = x abs(x); f'(0)", "0"},
		{"f(x) = x abs(x); min f x0=0", "converged after 0: x [0] f 0 grad [0]"},
		{"f(x) = x abs(x) + x; min f x0=0 maxiter=1", "not_converged after 1: x [-0.1] f -0.11000000000000001 grad [1.2]"},
	}
	for _, c := range cases {
		got := ""
		switch r := run(t, New(), c.src).(type) {
		case Descent:
			got = fmt.Sprintf("%v after %d: x %v f %v grad %v", r.Result.Status, r.Result.Iterations, r.Result.X, r.Result.F, r.Result.Grad)
		case Number:
			got = fmt.Sprint(r.Value)
		}
		if got != c.want {
			t.Errorf("%s: %s, want %s", c.src, got, c.want)
		}
	}
}

// TestDoubt: a number whose rounding error in floats may be beyond a
// hundred-millionth of it is worked out again to hundreds of bits, and
// where that cannot tell it either, it says so (the REPL shows it); one
// computed as surely as floats allow is left alone.
func TestDoubt(t *testing.T) {
	s := New()
	run(t, s, "f(x) = (1 - cos(x))/x^2")
	run(t, s, "g(x) = 1/(cosh(x)^2 - sinh(x)^2)")
	for _, c := range []struct {
		in       string
		doubtful bool
		want     float64 // where not doubtful
	}{
		// 1/0 in floats, a call of a function at a number included.
		{"g(20)", false, 1}, {"g(20) + 1", false, 2},
		// 0 in floats; the digits from Python's decimal at 60 digits.
		{"f(1e-8)", false, 0.5}, {"f(1e-5)", false, 0.49999999999583333}, {"f'(1e-4)", false, -8.333333327777778e-06},
		{"(1 - cos(1e-8))/1e-16", false, 0.5}, {"sin(1e23)", false, 0.7011406398610784},
		{"1/(cosh(20)^2 - sinh(20)^2)", false, 1},
		{"f(1)", false, 0.45969769413186023}, {"sin(1e20)", false, -0.6452512852657808}, {"2/3", false, 2.0 / 3}, {"sin(pi)", false, 0},
		// An underflow is off by less than the least float: not worth a word.
		{"e^(-900)", false, 0},
		// 10^300 e to 256 and to 384 bits is not the same number; to 4,096
		// it is.
		{"sin(10^300 e)", false, -0.9068567935435212},
	} {
		n := run(t, s, c.in).(Number)
		if (n.Doubt != 0) != c.doubtful || !c.doubtful && n.Value != c.want {
			t.Errorf("%s = %v: doubt %v, want doubtful %v (%v)", c.in, n.Value, n.Doubt, c.doubtful, c.want)
		}
	}
	// 0 to all the digits worked out is 0, said as not proved.
	if n := run(t, s, "sqrt(2)sqrt(3) - sqrt(6)").(Number); n.Value != 0 || !n.Cancelled {
		t.Errorf("sqrt(2)sqrt(3) - sqrt(6) = %+v, want 0, cancelled", n)
	}
}

// TestOverflowIsNotUndefined: a function whose value is too large for a
// float64 at a point is not undefined there: its derivative may have a
// value (x^2 at 1e160: 2e160), and a value beyond floats on the way may
// not make the result so (sqrt(x^2 + 1) at 1e200).
func TestOverflowIsNotUndefined(t *testing.T) {
	s := New()
	run(t, s, "f(x) = x^2")
	run(t, s, "g(x) = sqrt(x^2 + 1)")
	for _, c := range []struct {
		in   string
		want float64
	}{{"f'(1e160)", 2e160}, {"f''(1e200)", 2}, {"g(1e200)", 1e200}, {"1e400/1e399", 10}} {
		if n := run(t, s, c.in).(Number); n.Value != c.want {
			t.Errorf("%s = %v, want %v", c.in, n.Value, c.want)
		}
	}
	if err := runErr(t, s, "f(1e160)"); err == nil || !strings.Contains(err.Error(), "1e+320 is too large for a float64 (the largest is 1.7976931348623157e+308)") {
		t.Errorf("f(1e160): %v", err)
	}
	// An odd power of a small base overflows; it is not outside a domain.
	if err := runErr(t, s, "2^(10^60)"); err == nil || err.Error() != "1:1: 2^1e60 overflows: its value is too large for a float64" {
		t.Errorf("2^(10^60): %v", err)
	}
}
