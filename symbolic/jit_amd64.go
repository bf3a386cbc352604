//go:build linux

package symbolic

import (
	"runtime"
	"sync"
	"syscall"
	"unsafe"

	"github.com/fprime/fprime/symbolic/internal/amd64"
)

// The steps a Program's loop spends most of its time on (+, −, ×, ÷, √ and
// whole powers) are translated to SSE2 machine code, so that a gradient
// costs about what the same lines of Go would: an interpreter pays a few
// nanoseconds a step to dispatch, more than the arithmetic itself. The
// other steps (e^x, u^v, sin, …) call Go's math package, so the machine
// code runs in segments between them. symbolic/internal/amd64 translates
// (with the interpreter's bits, and the sum of watched values that tells
// when the interpreter must look step by step); this file maps the code
// executable and calls it.

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
	segs    []amd64.Segment
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
		if s.Entry >= 0 {
			jitCall(unsafe.Pointer(&n.mem[s.Entry]), &r[0], nil, nil, nil)
			continue
		}
		notFinite |= p.slowStep(p.code[s.Start], r)
	}
	for _, o := range p.outs {
		notFinite |= nonFinite(r[o])
	}
	sum := r[n.acc]
	return notFinite>>63 != 0 || sum-sum != 0
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

// compileNative translates p (symbolic/internal/amd64), or returns nil when
// it has no step worth translating, the translator faults, or the system
// gives no executable memory.
func compileNative(p *Program) *native {
	steps := make([]amd64.Step, len(p.code))
	for i, in := range p.code {
		op := machineOps[in.op]
		if in.op == opPow {
			op = amd64.GoBinary
		}
		steps[i] = amd64.Step{Op: op, Dst: in.dst, A: in.a, B: in.b}
	}
	c, err := amd64.Translate(&amd64.Program{Vars: len(p.vars), Regs: len(p.regs), Steps: steps, Outs: p.outs})
	if err != nil && strict {
		panic(err)
	}
	if c == nil {
		return nil
	}
	mem, err := mapCode(c.Bytes)
	if err != nil {
		return nil
	}
	n := &native{mem: mem, acc: c.Acc, descend: c.Descend, segs: c.Segments}
	if c.Whole {
		n.wholeCode = unsafe.Pointer(&mem[0])
	}
	runtime.AddCleanup(n, func(mem []byte) { syscall.Munmap(mem) }, mem)
	p.regs = append(p.regs, make([]float64, 1+len(p.outs))...) // acc, scratch output
	return n
}

// machineOps are the translator's names of the opcodes; the steps Go runs
// read only their first operand, but for opPow.
var machineOps = [...]amd64.Op{opAdd: amd64.Add, opSub: amd64.Sub, opMul: amd64.Mul, opDiv: amd64.Div,
	opPowInt: amd64.PowInt, opSqrt: amd64.Sqrt, opPow: amd64.GoBinary, opExp: amd64.GoUnary, opCall: amd64.GoUnary}
