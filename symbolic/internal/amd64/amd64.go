// Package amd64 translates register programs to x86-64 machine code with
// SSE2 arithmetic: a Program in (steps r[dst] = op(r[a], r[b]) over a file
// of float64 registers), Code out, with the registers allocated step by
// step. It does exactly the IEEE operations of the steps in their order
// (no fused multiply-add, x^n by the same squarings as an interpreter),
// so that the code gives an interpreter's bits; it knows nothing of
// expressions, and nothing here runs the code (symbolic maps it and calls
// it on linux/amd64).
//
// The code watches the values an interpreter looks at (inputs, outputs,
// divisors, roots and powers) by adding them up in XMM15: the sum is
// finite unless one of them is not, or (rarely, and harmlessly) the sum
// overflows; either way the caller then looks step by step.
//
// Every XMM register, memory displacement and jump is checked as it is
// emitted; a broken invariant is a Fault, returned by Translate before any
// of the code could run.
package amd64

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Op is what a step does.
type Op uint8

const (
	Add Op = iota
	Sub
	Mul
	Div
	PowInt // r[a]^B for a whole B, by squarings
	Sqrt
	GoUnary  // a step the machine code leaves to Go, reading r[a]
	GoBinary // a step the machine code leaves to Go, reading r[a] and r[b]
)

// Step is one step of a program: r[Dst] = Op(r[A], r[B]); PowInt keeps
// its exponent in B.
type Step struct {
	Op        Op
	Dst, A, B int32
}

// Program is a register program: Vars inputs in registers 0 to Vars−1,
// then constants and temporaries, Regs registers in all.
type Program struct {
	Vars, Regs int
	Steps      []Step
	Outs       []int32 // the registers of the outputs
}

// Code is a program as machine code.
//
// Where every step is machine code (Whole), Bytes at 0 is the program as
// one function: it takes the registers' address in DI, the inputs' in SI,
// the first output's in R8 and the others' in DX, writes the outputs there
// and leaves the sum of watched values in XMM15; it uses no stack and may
// change any register but SP and BP. Then, for a program with one more
// output than inputs (f and its gradient), Descend is the entry of plain
// gradient descent around it (see Descend), else −1.
//
// Otherwise Segments cut the steps into runs of machine code, each a
// function at its Entry taking the registers in DI, and single steps Go
// runs (Entry −1); the segments carry the sum of watched values in
// register Acc (= Regs), which the caller must add to its file, and one
// register more for each output (scratch).
type Code struct {
	Bytes    []byte
	Whole    bool
	Descend  int
	Segments []Segment
	Acc      int32
}

// Segment is a run of steps, Steps[Start:End], that is machine code at
// Entry, or (Entry < 0) one step that Go runs.
type Segment struct {
	Start, End int
	Entry      int
}

// Fault is a broken invariant of the translator.
type Fault string

func (f Fault) Error() string { return "amd64: " + string(f) }

// Translate translates p, or returns nil when it has no step worth
// translating or is too large to address; a broken invariant of the
// translator is a Fault.
func Translate(p *Program) (c *Code, err error) {
	defer catch(&err)
	if p.Regs >= 1<<24 || len(p.Outs) >= 1<<24 { // offsets must fit 32 bits
		return nil, nil
	}
	acc := int32(p.Regs)
	g := newGen(p, acc)
	code := &Code{Acc: acc, Descend: -1}
	switch {
	case len(p.Steps) == 0:
		return nil, nil
	case all(p.Steps, machineStep):
		code.Whole = true
		g.segment(0, len(p.Steps), true)
		if len(p.Outs) == p.Vars+1 {
			code.Descend = len(g.buf)
			g.descend()
		}
	default:
		translated := false
		for i := 0; i < len(p.Steps); {
			if !machineStep(p.Steps[i]) {
				code.Segments = append(code.Segments, Segment{Start: i, End: i + 1, Entry: -1})
				i++
				continue
			}
			j := i
			for j < len(p.Steps) && machineStep(p.Steps[j]) {
				j++
			}
			code.Segments = append(code.Segments, Segment{Start: i, End: j, Entry: len(g.buf)})
			g.segment(i, j, false)
			translated = true
			i = j
		}
		if !translated {
			return nil, nil
		}
	}
	code.Bytes = g.buf
	return code, nil
}

// catch turns a panic with a Fault into *err; other panics go on.
func catch(err *error) {
	if r := recover(); r != nil {
		f, ok := r.(Fault)
		if !ok {
			panic(r)
		}
		*err = f
	}
}

// machineStep reports whether the machine code computes in.
func machineStep(in Step) bool {
	switch in.Op {
	case Add, Sub, Mul, Div, Sqrt:
		return true
	case PowInt:
		return in.B >= 1
	}
	return false
}

// XMM0–XMM13 hold values; XMM14 is scratch; XMM15 sums the watched values.
const (
	valueRegs = 14
	xTmp      = 14
	xAcc      = 15
	never     = math.MaxInt32
	pinned    = -2 // a register holding a temporary of the current step
)

// gen translates segments. Registers of the program live in
// memory at DI + 8·index, but for the inputs of the whole program, read
// where the caller has them, at SI + 8·index. Within a segment, values also live in XMM
// registers, allocated step by step, with the one used furthest ahead
// evicted when all are taken.
type gen struct {
	p   *Program
	buf []byte
	acc int32
	// nextA[i], nextB[i] are the next step after i that reads in.A, in.B
	// of step i; firstUse[i] the first that reads its result. lastUse[r]
	// is the last step that reads register r (never for an output).
	nextA, nextB, firstUse []int32
	lastUse                []int32
	// outAt[r] are the places of register r among the outputs; computed[r]
	// says whether a step computes r.
	outAt    map[int32][]int
	computed []bool
	// firstRead[r] is the first step that reads register r.
	firstRead []int32
	// xmm[r] is the XMM register holding register r, or -1.
	xmm []int8
	// held[x] is the register XMM x holds, -1 when free; next[x] when it
	// is read next; dirty[x] whether it is not yet in memory.
	held  [valueRegs]int32
	next  [valueRegs]int32
	dirty [valueRegs]bool
	// In the loop of descend: usable is how many of X0–X13 the body may
	// take; the rest, from X13 down, hold the partial derivatives
	// (gradRegs of them), written as the outputs are. Counts of
	// registers, outputs and places are ints: narrower ones wrapped once
	// (output 128 went to a live XMM register).
	inLoop           bool
	usable, gradRegs int
	end              int32 // of the segment being translated
	whole            bool  // the segment is the whole program
	// room[b] is how many bytes from where general register b points
	// the code may read or write; start is where the function being
	// emitted begins, so that its jumps stay inside it.
	room  [16]int
	start int
}

// check panics with a fault unless ok: the translation is abandoned
// before any of it runs.
func check(ok bool, format string, args ...any) {
	if !ok {
		panic(Fault(fmt.Sprintf("machine code: "+format, args...)))
	}
}

// xmm checks that i names an XMM register.
func xmm(i int) int8 {
	check(0 <= i && i < 16, "XMM%d does not exist", i)
	return int8(i)
}

// reads reports the registers in reads: two for a binary step, one (a)
// for the others, whose b is an exponent or a function's index.
func reads(in Step) int {
	switch in.Op {
	case Add, Sub, Mul, Div, GoBinary:
		return 2
	}
	return 1
}

func newGen(p *Program, acc int32) *gen {
	n := len(p.Steps)
	g := &gen{p: p, acc: acc, usable: valueRegs,
		// The registers, the sum of watched values and the scratch
		// outputs (compileNative appends them); the inputs; the first
		// output and the others.
		room:  [16]int{rDI: 8 * (p.Regs + 1 + len(p.Outs)), rSI: 8 * p.Vars, r8: 8, rDX: 8 * (len(p.Outs) - 1)},
		nextA: make([]int32, n), nextB: make([]int32, n), firstUse: make([]int32, n),
		lastUse: make([]int32, p.Regs), xmm: make([]int8, p.Regs),
	}
	next := make([]int32, p.Regs)
	for r := range next {
		next[r], g.xmm[r] = never, -1
	}
	g.outAt, g.computed = map[int32][]int{}, make([]bool, p.Regs)
	for _, in := range p.Steps {
		g.computed[in.Dst] = true
	}
	for k, o := range p.Outs {
		g.lastUse[o] = never
		g.outAt[o] = append(g.outAt[o], k)
	}
	for i := n - 1; i >= 0; i-- {
		in := p.Steps[i]
		g.firstUse[i] = next[in.Dst]
		g.nextA[i] = next[in.A]
		if g.lastUse[in.A] == 0 {
			g.lastUse[in.A] = int32(i)
		}
		if reads(in) == 2 {
			g.nextB[i] = next[in.B]
			if g.lastUse[in.B] == 0 {
				g.lastUse[in.B] = int32(i)
			}
			next[in.B] = int32(i)
		}
		next[in.A] = int32(i)
	}
	g.firstRead = next
	for x := range g.held {
		g.held[x] = -1
	}
	return g
}

// SSE2 opcodes, after the prefix and 0F.
const (
	prefixSD  = 0xf2
	prefixPD  = 0x66
	opMovLoad = 0x10 // movsd x, m
	opMovSt   = 0x11 // movsd m, x
	opMovapd  = 0x28 // with prefixPD: movapd x, x
	opXorpd   = 0x57 // with prefixPD
	opUcomisd = 0x2e // with prefixPD
	opSqrtsd  = 0x51
	opAndpd   = 0x54 // with prefixPD
	opMaxsd   = 0x5f
	opAddsd   = 0x58
	opMulsd   = 0x59
	opSubsd   = 0x5c
	opDivsd   = 0x5e
)

var sseOp = [...]byte{Add: opAddsd, Sub: opSubsd, Mul: opMulsd, Div: opDivsd, Sqrt: opSqrtsd}

// operand is an XMM register, or when x < 0 the register r in memory.
type operand struct {
	x int8
	r int32
}

func (g *gen) operand(r int32) operand { return operand{x: g.xmm[r], r: r} }

// sse emits prefix 0F op with reg in ModRM.reg and rm in ModRM.rm.
func (g *gen) sse(prefix, op byte, reg int8, rm operand) {
	if rm.x < 0 {
		base := byte(rDI)
		if g.whole && int(rm.r) < g.p.Vars {
			base = rSI
		}
		g.mem(prefix, op, reg, base, int(rm.r)*8)
		return
	}
	xmm(int(reg))
	xmm(int(rm.x))
	rex := byte(0x40)
	if reg >= 8 {
		rex |= 4
	}
	if rm.x >= 8 {
		rex |= 1
	}
	g.buf = append(g.buf, prefix)
	if rex != 0x40 {
		g.buf = append(g.buf, rex)
	}
	g.buf = append(g.buf, 0x0f, op, 0xc0|byte(reg&7)<<3|byte(rm.x&7))
}

// General registers that address memory.
const (
	rAX = 0
	rDX = 2
	rBX = 3
	rSI = 6
	rDI = 7
	r8  = 8
	r9  = 9
	r11 = 11
)

// mem emits prefix 0F op with the XMM register reg in ModRM.reg and
// [base + disp] in ModRM.rm: mod 01 for 8 bits of displacement, 10 for 32.
// base is none of SP, BP, R12 and R13, which need other forms. Every
// access is of 8 bytes, inside the room of base.
func (g *gen) mem(prefix, op byte, reg int8, base byte, disp int) {
	xmm(int(reg))
	check(base < 16 && base&7 != 4 && base&7 != 5, "no [r%d + disp] form", base)
	check(0 <= disp && disp+8 <= g.room[base], "[r%d + %d] is outside its %d bytes", base, disp, g.room[base])
	rex := byte(0x40)
	if reg >= 8 {
		rex |= 4
	}
	if base >= 8 {
		rex |= 1
	}
	g.buf = append(g.buf, prefix)
	if rex != 0x40 {
		g.buf = append(g.buf, rex)
	}
	g.buf = append(g.buf, 0x0f, op)
	if disp >= -128 && disp < 128 {
		g.buf = append(g.buf, 0x40|byte(reg&7)<<3|base&7, byte(disp))
		return
	}
	g.buf = append(g.buf, 0x80|byte(reg&7)<<3|base&7)
	g.buf = binary.LittleEndian.AppendUint32(g.buf, uint32(int32(disp)))
}

// storeOut stores output k: the first to [R8], the others to
// [DX + 8·(k−1)].
func (g *gen) storeOut(k int, x int8) {
	if k == 0 {
		g.mem(prefixSD, opMovSt, x, r8, 0)
		return
	}
	g.mem(prefixSD, opMovSt, x, rDX, (k-1)*8)
	if k-1 < g.gradRegs {
		g.sse(prefixPD, opMovapd, gradReg(k-1), operand{x: x})
	}
}

// gradReg is the XMM register that holds ∂f/∂x_i in descend's loop.
func gradReg(i int) int8 {
	check(0 <= i && i < maxGradRegs, "no register for ∂f/∂x%d", i)
	return xmm(valueRegs - 1 - i)
}

func (g *gen) load(x int8, from operand) {
	if from.x >= 0 {
		g.sse(prefixPD, opMovapd, x, from)
	} else {
		g.sse(prefixSD, opMovLoad, x, from)
	}
}

func (g *gen) store(r int32, x int8) { g.sse(prefixSD, opMovSt, x, operand{x: -1, r: r}) }

// watch adds the value to XMM15.
func (g *gen) watch(v operand) { g.sse(prefixSD, opAddsd, xAcc, v) }

// segment translates p.Steps[start:end] into a function. The whole
// program, as one segment, also watches the inputs and the outputs, writes
// the first output to R8 and the others to DX, and leaves the sum of
// watched values in XMM15; the segments of a program carry it from one to
// the next in the register acc.
func (g *gen) segment(start, end int, whole bool) {
	g.body(start, end, whole)
	if !whole { // the whole program's sum goes back in XMM15
		g.store(g.acc, xAcc)
	}
	g.buf = append(g.buf, 0xc3) // ret
}

// body is segment without its end: the sum of watched values stays in
// XMM15.
func (g *gen) body(start, end int, whole bool) {
	g.end, g.whole = int32(end), whole
	if whole {
		g.sse(prefixPD, opXorpd, xAcc, operand{x: xAcc})
		for i := range g.p.Vars {
			if !g.inLoop { // the loop has checked them against its bound
				g.watch(operand{x: -1, r: int32(i)})
			}
		}
	} else {
		g.load(xAcc, operand{x: -1, r: g.acc})
	}
	for i := start; i < end; i++ {
		in := g.p.Steps[i]
		switch in.Op {
		case Sqrt:
			g.sqrt(int32(i), in)
		case PowInt:
			g.powInt(int32(i), in)
		default:
			g.binary(int32(i), in)
		}
	}
	if whole {
		for k, o := range g.p.Outs {
			if !g.computed[o] { // an input or a constant
				g.watch(operand{x: -1, r: o})
				g.load(xTmp, operand{x: -1, r: o})
				g.storeOut(k, xTmp)
			}
		}
	}
	for x := range g.held {
		if r := g.held[x]; r >= 0 {
			g.xmm[r] = -1
		}
		g.held[x] = -1
	}
}

// alloc returns a free XMM register, evicting (and if need be storing) the
// value read furthest ahead; keep are registers it must not take.
func (g *gen) alloc(keep ...int8) int8 {
	best := int8(-1)
	for x := int8(0); int(x) < g.usable; x++ {
		if g.held[x] == -1 {
			return x
		}
		if g.held[x] == pinned || contains(keep, x) {
			continue
		}
		if best < 0 || g.next[x] > g.next[best] {
			best = x
		}
	}
	if g.dirty[best] {
		g.store(g.held[best], best)
	}
	g.xmm[g.held[best]] = -1
	g.held[best] = -1
	return best
}

func all[T any](xs []T, f func(T) bool) bool {
	for _, x := range xs {
		if !f(x) {
			return false
		}
	}
	return true
}

func contains(xs []int8, x int8) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// release frees r's XMM register if r is not read again in the segment:
// what later segments and Go read is in memory already.
func (g *gen) release(r int32, next int32) {
	if x := g.xmm[r]; x >= 0 {
		if next >= g.end {
			g.xmm[r], g.held[x] = -1, -1
		} else {
			g.next[x] = next
		}
	}
}

// define makes x hold the result of step i, storing it if a later
// segment, a step Go runs or an output reads it; the whole program writes
// an output to R8 or DX instead.
func (g *gen) define(i int32, in Step, x int8) {
	g.held[x], g.xmm[in.Dst], g.next[x], g.dirty[x] = in.Dst, x, g.firstUse[i], true
	if g.whole {
		for _, k := range g.outAt[in.Dst] {
			g.watch(operand{x: x})
			g.storeOut(k, x)
		}
	} else if g.lastUse[in.Dst] >= g.end {
		g.store(in.Dst, x)
		g.dirty[x] = false
	}
	g.release(in.Dst, g.firstUse[i])
}

// fetch returns an XMM register holding r for reading, loading it from
// memory and keeping it there if the segment reads it again.
func (g *gen) fetch(r int32, next int32, keep ...int8) operand {
	if g.xmm[r] >= 0 || next >= g.end {
		return g.operand(r)
	}
	x := g.alloc(keep...)
	g.load(x, g.operand(r))
	g.held[x], g.xmm[r], g.next[x], g.dirty[x] = r, x, next, false
	return operand{x: x, r: r}
}

// target returns the XMM register for the result of step i holding a's
// value, overwriting a's register where a dies here.
func (g *gen) target(a operand, aNext int32, keep ...int8) int8 {
	if a.x >= 0 && aNext >= g.end {
		g.xmm[a.r], g.held[a.x] = -1, pinned
		return a.x
	}
	x := g.alloc(append(keep, a.x)...)
	g.held[x] = pinned
	g.load(x, a)
	return x
}

func (g *gen) binary(i int32, in Step) {
	aNext, bNext := g.nextA[i], g.nextB[i]
	if (in.Op == Add || in.Op == Mul) && g.xmm[in.A] < 0 && g.xmm[in.B] >= 0 && bNext >= g.end {
		// b's register can take the result: a + b is b + a, bit for bit.
		in.A, in.B = in.B, in.A
		aNext, bNext = bNext, aNext
	}
	a := g.fetch(in.A, aNext)
	b := g.fetch(in.B, bNext, a.x)
	if in.Op == Div {
		g.watch(b)
	}
	x := g.target(a, aNext, b.x) // for x·x, a's register is b's
	g.sse(prefixSD, sseOp[in.Op], x, b)
	g.release(in.A, aNext)
	g.release(in.B, bNext)
	g.define(i, in, x)
}

func (g *gen) sqrt(i int32, in Step) {
	a := g.fetch(in.A, g.nextA[i])
	x := g.target(a, g.nextA[i])
	g.sse(prefixSD, opSqrtsd, x, operand{x: x})
	g.watch(operand{x: x})
	g.release(in.A, g.nextA[i])
	g.define(i, in, x)
}

// powInt computes a^n by the interpreter's squarings: r takes each power
// a^(2^k) whose bit is set in n, from the lowest.
func (g *gen) powInt(i int32, in Step) {
	a := g.fetch(in.A, g.nextA[i])
	t := g.target(a, g.nextA[i])
	r := int8(-1)
	for n := in.B; n > 0; n >>= 1 {
		if n&1 == 1 {
			switch {
			case r >= 0:
				g.sse(prefixSD, opMulsd, r, operand{x: t})
			case n == 1:
				r = t // the highest bit, with no power below it
			default:
				r = g.alloc(t)
				g.held[r] = pinned
				g.load(r, operand{x: t})
			}
		}
		if n > 1 {
			g.sse(prefixSD, opMulsd, t, operand{x: t})
		}
	}
	if t != r {
		g.held[t] = -1
	}
	g.watch(operand{x: r})
	g.release(in.A, g.nextA[i])
	g.define(i, in, r)
}
