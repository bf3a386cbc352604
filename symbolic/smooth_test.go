package symbolic_test

import (
	"testing"

	"github.com/fprime/fprime/symbolic"
)

func TestSmooth(t *testing.T) {
	for _, c := range []struct {
		f      string
		smooth bool
	}{
		{"x^2 y + sin(x y)", true},
		{"1/x + tan(x)", true},
		{"e^x + 2^x + pi^x", true},
		{"ln(x) + atan(x) + sinh(x) + tanh(x)", true},
		{"x^-3", true},
		{"abs(x)", false},
		{"x^2 + sgn(x)", false},
		{"cbrt(x)", false},
		{"sqrt(x)", false},
		{"x^(2/3)", false},
		{"x^x", false},
		{"0^x", false},
		{"asin(x)", false},
		{"acosh(x)", false},
		{"sin(abs(x))", false},
	} {
		if got := symbolic.Smooth(mustParse(t, c.f)); got != c.smooth {
			t.Errorf("Smooth(%s) = %v, want %v", c.f, got, c.smooth)
		}
	}
}
