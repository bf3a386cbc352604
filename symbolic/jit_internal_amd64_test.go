//go:build linux

package symbolic

import (
	"cmp"
	"fmt"
	"slices"
	"testing"
)

// TestCheckNative: the comparison that a translation must pass before it
// is used tells a program's machine code from another's of the same shape,
// and tries the points where its divisors are zero.
func TestCheckNative(t *testing.T) {
	if !MachineCodeHere() {
		t.Skip("no machine code here (another platform, FPRIME_NOJIT=1, or executable memory refused)")
	}
	x, y, one := Sym("x"), Sym("y"), Int(1)
	compile := func(e Expr) *Program {
		p, err := Compile(e, "x", "y")
		if err != nil {
			t.Fatal(err)
		}
		if !p.MachineCode() {
			t.Fatalf("%v: no machine code", e)
		}
		return p
	}
	p, q := compile(Add(Mul(x, y), one)), compile(Sub(Mul(x, y), one))
	if err := p.checkNative(); err != nil {
		t.Fatal(err)
	}
	p.native = q.native
	if err := p.checkNative(); err == nil {
		t.Error("the machine code of x y - 1 passed for x y + 1")
	}
	for _, c := range []struct {
		e    Expr
		want []root
	}{
		{Div(one, Add(one, Div(one, x))), []root{{0, 0}}},
		{Div(y, Sub(x, Int(3))), []root{{0, 3}}},
		{Add(Div(one, Add(Mul(Int(2), y), one)), Div(one, Sub(Int(3), Mul(Int(2), x)))), []root{{1, -0.5}, {0, 1.5}}},
		{Add(Div(x, Pow(Sub(y, one), Int(3))), Div(one, Mul(x, Add(y, Int(5))))), []root{{1, 1}, {0, 0}}},
	} {
		got := compile(c.e).divisorZeros(8)
		slices.SortFunc(got, func(a, b root) int { return cmp.Compare(a.at, b.at) })
		slices.SortFunc(c.want, func(a, b root) int { return cmp.Compare(a.at, b.at) })
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%v: divisors are zero at %v, want %v", c.e, got, c.want)
		}
	}
}
