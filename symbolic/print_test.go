package symbolic_test

import (
	"testing"

	"github.com/fprime/fprime/symbolic"
)

// TestDecimalNumbers: a fraction over a power of ten of a million or more
// prints as a decimal where that is shorter, or where the fraction would
// need an exponent below the line; smaller denominators stay fractions, as
// books write x/10. Every form reads back as the same number.
func TestDecimalNumbers(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"1e-20", "1e-20"},
		{"-1e-20", "-1e-20"},
		{"x + 1e-20", "x + 1e-20"},
		{"2.5e-30 x", "2.5e-30 x"},
		{"x/4e29", "2.5e-30 x"},
		{"0.000001x", "1e-6 x"},
		{"(1 + 1e-12)x", "1.000000000001x"},
		{"123.456789x", "123.456789x"},
		{"0.0001234x", "0.0001234x"},
		{"1e20 x", "1e20 x"},
		{"1.5e-7 sin(x)", "1.5e-7 sin(x)"},
		// Fractions: a small denominator, no power of ten, or longer.
		{"x/10", "x/10"},
		{"3x/1000", "3x/1000"},
		{"x/3000000", "x/3000000"},
		{"x/1024000000", "x/1024000000"},
		{"x/3e20", "x/3e20"},
	} {
		e := mustParse(t, c.in)
		got := e.String()
		if got != c.want {
			t.Errorf("%s prints %s, want %s", c.in, got, c.want)
		}
		if back := mustParse(t, got); !symbolic.Equal(back, e) {
			t.Errorf("%s prints %s, which reads back as %v", c.in, got, back)
		}
	}
}
