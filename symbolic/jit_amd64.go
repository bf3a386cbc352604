//go:build linux

package symbolic

import (
	"encoding/binary"
	"fmt"
	"math"
	"runtime"
	"sync"
	"syscall"
	"unsafe"
)

// The steps a Program's loop spends most of its time on (+, −, ×, ÷, √ and
// whole powers) are translated to SSE2 machine code, so that a gradient
// costs about what the same lines of Go would: an interpreter pays a few
// nanoseconds a step to dispatch, more than the arithmetic itself. The
// other steps (e^x, u^v, sin, …) call Go's math package, so the machine
// code runs in segments between them.
//
// The machine code does exactly the interpreter's IEEE operations in the
// same order (no fused multiply-add, x^n by the same squarings), so both
// give the same bits; a test runs both over the oracle corpus. It watches
// the values the interpreter looks at (inputs, outputs, divisors, roots
// and powers) by adding them up: the sum is finite unless one of them is
// not, or (rarely, and harmlessly) the sum overflows; either way the
// interpreter then looks step by step.

// jitCall runs the machine code at code with regs in DI, in in SI, rest in
// DX and first in R8, and returns XMM15, the whole program's sum of
// watched values (jit_amd64.s).
//
//go:noescape
func jitCall(code unsafe.Pointer, regs, in, rest, first *float64) (sum float64)

// native is a Program's machine code.
type native struct {
	mem []byte // executable mapping, unmapped when the native is garbage
	// wholeCode is the program as one function, at the start of mem,
	// when every step is translated; then segs is nil. Otherwise it is nil.
	wholeCode unsafe.Pointer
	// descend is the entry of plain gradient descent around the whole
	// program (descend_amd64.go), or -1.
	descend int
	segs    []segment
	// acc is the register that carries the sum of watched values from
	// segment to segment; after it, one register an output is scratch
	// for the outputs Eval does not return.
	acc int32
}

// wholly reports whether the whole program is machine code, for
// evalNative.
func (n *native) wholly() bool { return n.wholeCode != nil }

// evalNative is the fast path of Eval, EvalAll and EvalSplit, small enough
// to be inlined there: where the whole program is machine code (wholly)
// and vals has a value for each variable, it evaluates the
// program at vals, writes the first output to *first and the others to
// rest, and reports true, unless a value that is not finite may have
// arisen and the interpreter must look. rest must have room for them.
func (n *native) evalNative(regs, vals, rest []float64, first *float64) bool {
	sum := jitCall(n.wholeCode, unsafe.SliceData(regs), unsafe.SliceData(vals), unsafe.SliceData(rest), first)
	return sum-sum == 0
}

// segment is a run of steps, p.code[start:end], that is either machine
// code at mem[entry] or (entry < 0) one step that Go runs.
type segment struct {
	start, end int
	entry      int
}

// runNative runs the program at vals and reports whether a value that is
// not finite may have arisen, as the interpreter does.
func (p *Program) runNative(vals []float64) bool {
	n, r := p.native, p.regs
	if n.wholeCode != nil {
		// evalNative has failed: look step by step.
		return p.interpret(vals)
	}
	var notFinite uint64
	for i, v := range vals {
		notFinite |= nonFinite(v)
		r[i] = v
	}
	r[n.acc] = 0
	for _, s := range n.segs {
		if s.entry >= 0 {
			jitCall(unsafe.Pointer(&n.mem[s.entry]), &r[0], nil, nil, nil)
			continue
		}
		notFinite |= p.slowStep(p.code[s.start], r)
	}
	for _, o := range p.outs {
		notFinite |= nonFinite(r[o])
	}
	sum := r[n.acc]
	return notFinite>>63 != 0 || sum-sum != 0
}

// machineStep reports whether the machine code computes in.
func machineStep(in instr) bool {
	switch in.op {
	case opAdd, opSub, opMul, opDiv, opSqrt:
		return true
	case opPowInt:
		return in.b >= 1
	}
	return false
}

// nativeHere reports whether the system gives executable memory, asking
// once.
var nativeHere = sync.OnceValue(func() bool {
	mem, err := mapCode([]byte{0xc3})
	if err != nil {
		return false
	}
	syscall.Munmap(mem)
	return true
})

// mapCode copies code into memory mapped executable.
func mapCode(code []byte) ([]byte, error) {
	size := (len(code) + syscall.Getpagesize() - 1) &^ (syscall.Getpagesize() - 1)
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil, err
	}
	copy(mem, code)
	if err := syscall.Mprotect(mem, syscall.PROT_READ|syscall.PROT_EXEC); err != nil {
		syscall.Munmap(mem)
		return nil, err
	}
	return mem, nil
}

// compileNative translates p, or returns nil when it has no step worth
// translating or the system gives no executable memory. A broken
// invariant of the translator panics with a fault.
func compileNative(p *Program) *native {
	if len(p.regs) >= 1<<24 || len(p.outs) >= 1<<24 { // offsets must fit 32 bits
		return nil
	}
	acc := int32(len(p.regs))
	g := newGen(p, acc)
	n := &native{acc: acc, descend: -1}
	switch {
	case len(p.code) == 0:
		return nil
	case all(p.code, machineStep):
		g.segment(0, len(p.code), true)
		if len(p.outs) == len(p.vars)+1 {
			n.descend = len(g.buf)
			g.descend()
		}
	default:
		translated := false
		for i := 0; i < len(p.code); {
			if !machineStep(p.code[i]) {
				n.segs = append(n.segs, segment{start: i, end: i + 1, entry: -1})
				i++
				continue
			}
			j := i
			for j < len(p.code) && machineStep(p.code[j]) {
				j++
			}
			n.segs = append(n.segs, segment{start: i, end: j, entry: len(g.buf)})
			g.segment(i, j, false)
			translated = true
			i = j
		}
		if !translated {
			return nil
		}
	}
	mem, err := mapCode(g.buf)
	if err != nil {
		return nil
	}
	n.mem = mem
	if n.segs == nil {
		n.wholeCode = unsafe.Pointer(&mem[0])
	}
	runtime.AddCleanup(n, func(mem []byte) { syscall.Munmap(mem) }, mem)
	p.regs = append(p.regs, make([]float64, 1+len(p.outs))...) // acc, scratch output
	return n
}

// XMM0–XMM13 hold values; XMM14 is scratch; XMM15 sums the watched values.
const (
	valueRegs = 14
	xTmp      = 14
	xAcc      = 15
	never     = math.MaxInt32
	pinned    = -2 // a register holding a temporary of the current step
)

// gen translates segments. Registers of the program (p.regs) live in
// memory at DI + 8·index, but for the inputs of the whole program, read
// where the caller has them, at SI + 8·index. Within a segment, values also live in XMM
// registers, allocated step by step, with the one used furthest ahead
// evicted when all are taken.
type gen struct {
	p   *Program
	buf []byte
	acc int32
	// nextA[i], nextB[i] are the next step after i that reads in.a, in.b
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
		panic(fault(fmt.Sprintf("symbolic: machine code: "+format, args...)))
	}
}

// xmm checks that i names an XMM register.
func xmm(i int) int8 {
	check(0 <= i && i < 16, "XMM%d does not exist", i)
	return int8(i)
}

// reads reports the registers in reads: two for a binary step, one (a)
// for the others, whose b is an exponent or a function's index.
func reads(in instr) int {
	switch in.op {
	case opAdd, opSub, opMul, opDiv, opPow:
		return 2
	}
	return 1
}

func newGen(p *Program, acc int32) *gen {
	n := len(p.code)
	g := &gen{p: p, acc: acc, usable: valueRegs,
		// The registers, the sum of watched values and the scratch
		// outputs (compileNative appends them); the inputs; the first
		// output and the others.
		room:  [16]int{rDI: 8 * (len(p.regs) + 1 + len(p.outs)), rSI: 8 * len(p.vars), r8: 8, rDX: 8 * (len(p.outs) - 1)},
		nextA: make([]int32, n), nextB: make([]int32, n), firstUse: make([]int32, n),
		lastUse: make([]int32, len(p.regs)), xmm: make([]int8, len(p.regs)),
	}
	next := make([]int32, len(p.regs))
	for r := range next {
		next[r], g.xmm[r] = never, -1
	}
	g.outAt, g.computed = map[int32][]int{}, make([]bool, len(p.regs))
	for _, in := range p.code {
		g.computed[in.dst] = true
	}
	for k, o := range p.outs {
		g.lastUse[o] = never
		g.outAt[o] = append(g.outAt[o], k)
	}
	for i := n - 1; i >= 0; i-- {
		in := p.code[i]
		g.firstUse[i] = next[in.dst]
		g.nextA[i] = next[in.a]
		if g.lastUse[in.a] == 0 {
			g.lastUse[in.a] = int32(i)
		}
		if reads(in) == 2 {
			g.nextB[i] = next[in.b]
			if g.lastUse[in.b] == 0 {
				g.lastUse[in.b] = int32(i)
			}
			next[in.b] = int32(i)
		}
		next[in.a] = int32(i)
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

var sseOp = [...]byte{opAdd: opAddsd, opSub: opSubsd, opMul: opMulsd, opDiv: opDivsd, opSqrt: opSqrtsd}

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
		if g.whole && int(rm.r) < len(g.p.vars) {
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

// segment translates p.code[start:end] into a function. The whole
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
		for i := range g.p.vars {
			if !g.inLoop { // the loop has checked them against its bound
				g.watch(operand{x: -1, r: int32(i)})
			}
		}
	} else {
		g.load(xAcc, operand{x: -1, r: g.acc})
	}
	for i := start; i < end; i++ {
		in := g.p.code[i]
		switch in.op {
		case opSqrt:
			g.sqrt(int32(i), in)
		case opPowInt:
			g.powInt(int32(i), in)
		default:
			g.binary(int32(i), in)
		}
	}
	if whole {
		for k, o := range g.p.outs {
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
func (g *gen) define(i int32, in instr, x int8) {
	g.held[x], g.xmm[in.dst], g.next[x], g.dirty[x] = in.dst, x, g.firstUse[i], true
	if g.whole {
		for _, k := range g.outAt[in.dst] {
			g.watch(operand{x: x})
			g.storeOut(k, x)
		}
	} else if g.lastUse[in.dst] >= g.end {
		g.store(in.dst, x)
		g.dirty[x] = false
	}
	g.release(in.dst, g.firstUse[i])
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

func (g *gen) binary(i int32, in instr) {
	aNext, bNext := g.nextA[i], g.nextB[i]
	if (in.op == opAdd || in.op == opMul) && g.xmm[in.a] < 0 && g.xmm[in.b] >= 0 && bNext >= g.end {
		// b's register can take the result: a + b is b + a, bit for bit.
		in.a, in.b = in.b, in.a
		aNext, bNext = bNext, aNext
	}
	a := g.fetch(in.a, aNext)
	b := g.fetch(in.b, bNext, a.x)
	if in.op == opDiv {
		g.watch(b)
	}
	x := g.target(a, aNext, b.x) // for x·x, a's register is b's
	g.sse(prefixSD, sseOp[in.op], x, b)
	g.release(in.a, aNext)
	g.release(in.b, bNext)
	g.define(i, in, x)
}

func (g *gen) sqrt(i int32, in instr) {
	a := g.fetch(in.a, g.nextA[i])
	x := g.target(a, g.nextA[i])
	g.sse(prefixSD, opSqrtsd, x, operand{x: x})
	g.watch(operand{x: x})
	g.release(in.a, g.nextA[i])
	g.define(i, in, x)
}

// powInt computes a^n by the interpreter's squarings: r takes each power
// a^(2^k) whose bit is set in n, from the lowest.
func (g *gen) powInt(i int32, in instr) {
	a := g.fetch(in.a, g.nextA[i])
	t := g.target(a, g.nextA[i])
	r := int8(-1)
	for n := in.b; n > 0; n >>= 1 {
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
	g.release(in.a, g.nextA[i])
	g.define(i, in, r)
}
