//go:build linux

package symbolic

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestEmitterChecks: the emitter refuses a register that does not exist, a
// memory access outside what its base register addresses, and a jump out
// of its function, each with a fault; and a fault, outside tests, leaves
// the program to the interpreter.
func TestEmitterChecks(t *testing.T) {
	p, err := CompileAll([]Expr{Add(Sym("x"), Sym("y")), Sym("y")}, "x", "y")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		emit func(g *gen)
	}{
		{"XMM16", func(g *gen) { g.sse(prefixSD, opAddsd, 16, operand{x: 0}) }},
		{"XMM-1 as the target", func(g *gen) { g.sse(prefixSD, opAddsd, -1, operand{x: 0}) }},
		{"a register past the file", func(g *gen) { g.load(0, operand{x: -1, r: int32(len(p.regs) + 2 + len(p.outs))}) }},
		{"an input past the inputs", func(g *gen) { g.mem(prefixSD, opMovLoad, 0, rSI, 16) }},
		{"a negative displacement", func(g *gen) { g.mem(prefixSD, opMovLoad, 0, rDI, -8) }},
		{"an output past the outputs", func(g *gen) { g.storeOut(2, 0) }},
		{"a base with no room", func(g *gen) { g.mem(prefixSD, opMovLoad, 0, r9, 0) }},
		{"[rsp]", func(g *gen) { g.mem(prefixSD, opMovLoad, 0, 4, 0) }},
		{"a fifth partial derivative in a register", func(g *gen) { gradReg(maxGradRegs) }},
		{"a jump past the end", func(g *gen) {
			g.buf = append(g.buf, 0xe9, 0, 0, 0, 0)
			g.patch(len(g.buf)-4, len(g.buf))
		}},
		{"a jump before the function", func(g *gen) {
			g.start = 4
			g.buf = append(g.buf, 0, 0, 0, 0, 0xe9, 0, 0, 0, 0)
			g.patch(len(g.buf)-4, 3)
		}},
	}
	for _, c := range cases {
		func() {
			defer func() {
				if _, ok := recover().(fault); !ok {
					t.Errorf("%s: no fault", c.name)
				}
			}()
			c.emit(newGen(p, int32(len(p.regs))))
		}()
	}
	// Within bounds, the same calls pass.
	g := newGen(p, int32(len(p.regs)))
	g.sse(prefixSD, opAddsd, 15, operand{x: 15})
	g.mem(prefixSD, opMovLoad, 0, rSI, 8)
	g.storeOut(1, 0)
	g.buf = append(g.buf, 0xe9, 0, 0, 0, 0)
	g.patch(len(g.buf)-4, 0)

	strict = false
	defer func() { strict = true }()
	if n := recoverFault(func() *native { panic(fault("broken")) }); n != nil {
		t.Error("a fault gave machine code")
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "other") {
			t.Errorf("a panic that is no fault was kept: %v", r)
		}
	}()
	recoverFault(func() *native { panic("other") })
}

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
