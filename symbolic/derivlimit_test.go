package symbolic_test

import (
	"context"
	"testing"

	"github.com/fprime/fprime/symbolic"
)

// TestDerivativeLimit checks when the derivative limit theorem gives a
// derivative's value at a point where only a kept condition fails.
func TestDerivativeLimit(t *testing.T) {
	for _, c := range []struct {
		prev string
		a    float64
		want float64
		ok   bool
	}{
		{"x abs(x)", 0, 0, true},
		{"(x - 1)abs(x - 1) + 2x", 1, 2, true},
		{"x abs(x)", 2, 4, true},
		{"x^2/x", 0, 0, false},      // prev undefined at 0
		{"x^2 sgn(x)", 0, 0, false}, // sgn is not continuous
		{"abs(x)", 0, 0, false},     // no condition: x/abs(x) itself fails
		{"x abs(x) + 0 ln(x)", 0, 0, false},
		{"x abs(x) + 0 sqrt(x)", 0, 0, false}, // no derivative left of 0
		{"0^(x^2)", 0, 0, false},              // 1 at 0, 0 beside: not continuous
	} {
		prev := mustParse(t, c.prev)
		d, err := symbolic.Diff(context.Background(), prev, "x", 1)
		if err != nil {
			t.Fatal(err)
		}
		v, ok := symbolic.DerivativeLimit(prev, d, "x", c.a)
		if ok != c.ok || ok && v != c.want {
			t.Errorf("d/dx %s at %v: %v, %v; want %v, %v", c.prev, c.a, v, ok, c.want, c.ok)
		}
	}
}

// TestZeroPower: 0^v is 0 where v > 0 and 1 at v = 0, so its derivative
// is 0 only where v > 0.
func TestZeroPower(t *testing.T) {
	d, err := symbolic.Diff(context.Background(), mustParse(t, "0^x"), "x", 1)
	if err != nil {
		t.Fatal(err)
	}
	p, err := symbolic.Compile(d, "x")
	if err != nil {
		t.Fatal(err)
	}
	if v, err := p.Eval(1); err != nil || v != 0 {
		t.Errorf("d/dx 0^x at 1 = %v, %v; want 0", v, err)
	}
	for _, x := range []float64{0, -1} {
		if v, err := p.Eval(x); err == nil {
			t.Errorf("d/dx 0^x at %v = %v; want undefined", x, v)
		}
	}
}
