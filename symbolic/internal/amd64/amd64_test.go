package amd64

import "testing"

// TestEmitterChecks: the emitter refuses a register that does not exist, a
// memory access outside what its base register addresses, and a jump out
// of its function, each with a Fault, and emits them within bounds.
func TestEmitterChecks(t *testing.T) {
	// x + y and its gradient (1, 1), of x and y: register 3 holds 1
	p := &Program{Vars: 2, Regs: 4, Steps: []Step{{Op: Add, Dst: 2, A: 0, B: 1}}, Outs: []int32{2, 3, 3}}
	cases := []struct {
		name string
		emit func(g *gen)
	}{
		{"XMM16", func(g *gen) { g.sse(prefixSD, opAddsd, 16, operand{x: 0}) }},
		{"XMM-1 as the target", func(g *gen) { g.sse(prefixSD, opAddsd, -1, operand{x: 0}) }},
		{"a register past the file", func(g *gen) { g.load(0, operand{x: -1, r: int32(p.Regs + 2 + len(p.Outs))}) }},
		{"an input past the inputs", func(g *gen) { g.mem(prefixSD, opMovLoad, 0, rSI, 16) }},
		{"a negative displacement", func(g *gen) { g.mem(prefixSD, opMovLoad, 0, rDI, -8) }},
		{"an output past the outputs", func(g *gen) { g.storeOut(3, 0) }},
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
				if _, ok := recover().(Fault); !ok {
					t.Errorf("%s: no fault", c.name)
				}
			}()
			c.emit(newGen(p, int32(p.Regs)))
		}()
	}
	// Within bounds, the same calls pass.
	g := newGen(p, int32(p.Regs))
	g.sse(prefixSD, opAddsd, 15, operand{x: 15})
	g.mem(prefixSD, opMovLoad, 0, rSI, 8)
	g.storeOut(2, 0)
	g.buf = append(g.buf, 0xe9, 0, 0, 0, 0)
	g.patch(len(g.buf)-4, 0)

	if c, err := Translate(p); err != nil || c == nil || !c.Whole || c.Descend < 0 {
		t.Errorf("x + y and its gradient: %+v, %v", c, err)
	}
}

// TestCatch: Translate returns a Fault as its error, and lets any other
// panic go on.
func TestCatch(t *testing.T) {
	err := func() (err error) {
		defer catch(&err)
		panic(Fault("broken"))
	}()
	if _, ok := err.(Fault); !ok {
		t.Errorf("a Fault came back as %v", err)
	}
	defer func() {
		if r := recover(); r != "other" {
			t.Errorf("a panic that is no Fault came back as %v", r)
		}
	}()
	func() (err error) {
		defer catch(&err)
		panic("other")
	}()
}
