package symbolic

import (
	"fmt"
	"math"
	"os"
	"slices"
)

// A program becomes machine code (internal/amd64, jit_amd64.go) only when
// that pays: a translation maps memory executable, about 80 µs, which a
// statement such as f'(2) evaluated once would spend for nothing. The interpreter runs a
// program until it has run about as long as a translation takes; then,
// or at once when a caller says it will evaluate many times (MachineCode,
// Descender), the program is translated, and the translation is checked
// against the interpreter before it is used.

// payback is how many steps the interpreter runs a program before it is
// translated: at 2 to 3 ns a step, about what a translation costs, so
// that a program never spends much more than twice the best of the two.
const payback = 1 << 15

// noJIT is set by FPRIME_NOJIT=1 in the environment: every program runs
// interpreted, to rule the machine code out when something looks wrong.
var noJIT = os.Getenv("FPRIME_NOJIT") == "1"

// strict makes a translation that breaks an invariant of the translator
// (an amd64.Fault) or differs from the interpreter panic instead of falling
// back to the interpreter; tests set it, so that such a translation fails
// them.
var strict bool

// MachineCodeHere reports whether programs become machine code in this
// process: on linux/amd64, unless FPRIME_NOJIT=1 or the system refuses
// executable memory.
func MachineCodeHere() bool { return !noJIT && nativeHere() }

// MachineCode translates p to machine code now, instead of once it has run
// long enough to pay for the translation, for a program that will be
// evaluated many times; it reports whether p runs as machine code. It is
// false where MachineCodeHere is false, for a program with no step worth
// translating, and for a translation that failed its checks.
func (p *Program) MachineCode() bool {
	if !p.settled {
		p.translate()
	}
	return p.native != nil
}

// interpreted notes that the interpreter ran p once more, and translates
// p when it has run long enough.
func (p *Program) interpreted() {
	if p.settled {
		return
	}
	if p.work += len(p.code) + 1; p.work >= payback {
		p.translate()
	}
}

// translate gives p its machine code, where there is some and it computes
// what the interpreter computes at the points of checkPoints.
func (p *Program) translate() {
	p.settled = true
	if noJIT {
		return
	}
	n := compileNative(p)
	if n == nil {
		return
	}
	p.native = n
	if err := p.checkNative(); err != nil {
		p.native = nil
		if strict {
			panic(err)
		}
	}
}

// checkNative runs p's machine code and the interpreter at the points of
// checkPoints, and returns how they first differ, or nil.
func (p *Program) checkNative() error {
	got, want := make([]float64, len(p.outs)), make([]float64, len(p.outs))
	n := p.native
	for _, x := range p.checkPoints() {
		gerr := p.EvalAll(x, got)
		p.native = nil
		werr := p.EvalAll(x, want)
		p.native = n
		if fmt.Sprint(gerr) != fmt.Sprint(werr) {
			return fmt.Errorf("symbolic: the machine code at %v gives the error %v, the interpreter %v", x, gerr, werr)
		}
		if gerr != nil {
			continue
		}
		for i := range got {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
				return fmt.Errorf("symbolic: the machine code at %v gives output %d = %v, the interpreter %v", x, i, got[i], want[i])
			}
		}
	}
	return nil
}

// checkPoints are the points where a translation is compared with the
// interpreter: every variable 0, 1 or −1, every variable different, and
// the points where a divisor is zero, found where that is cheap (a
// divisor that is a variable, or a multiple of one plus a constant, or a
// power or product of those). A division by zero is where a value that is
// not finite can hide: 1/(1 + 1/x) is 0 at x = 0 unless it is watched.
func (p *Program) checkPoints() [][]float64 {
	n := len(p.vars)
	if n == 0 {
		return [][]float64{{}}
	}
	uniform := func(v float64) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = v
		}
		return x
	}
	spread := func(a, d float64) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = a + d*float64(i)
		}
		return x
	}
	points := [][]float64{uniform(0), uniform(1), uniform(-1), spread(0.7, 1.0/7), spread(-2.5, 0.3)}
	for _, z := range p.divisorZeros(8) {
		x := spread(0.7, 1.0/7)
		x[z.v] = z.at
		points = append(points, x)
	}
	return points
}

// root is a value of variable v that makes some divisor zero.
type root struct {
	v  int
	at float64
}

// divisorZeros returns up to limit zeros of p's divisors (see checkPoints).
func (p *Program) divisorZeros(limit int) []root {
	def := map[int32]instr{}
	for _, in := range p.code {
		def[in.dst] = in
	}
	// affine reports r as a·x_v + c: v < 0 for a constant.
	var affine func(r int32, depth int) (v int, a, c float64, ok bool)
	affine = func(r int32, depth int) (int, float64, float64, bool) {
		if int(r) < len(p.vars) {
			return int(r), 1, 0, true
		}
		in, computed := def[r]
		if !computed {
			return -1, 0, p.regs[r], true
		}
		if depth == 0 {
			return 0, 0, 0, false
		}
		va, aa, ca, oka := affine(in.a, depth-1)
		if !oka || in.op > opDiv {
			return 0, 0, 0, false
		}
		vb, ab, cb, okb := affine(in.b, depth-1)
		switch {
		case !okb || va >= 0 && vb >= 0 && va != vb:
			return 0, 0, 0, false
		case in.op == opAdd:
			return max(va, vb), aa + ab, ca + cb, true
		case in.op == opSub:
			return max(va, vb), aa - ab, ca - cb, true
		case in.op == opMul && vb < 0:
			return va, aa * cb, ca * cb, true
		case in.op == opMul && va < 0:
			return vb, ab * ca, cb * ca, true
		case in.op == opDiv && vb < 0:
			return va, aa / cb, ca / cb, true
		}
		return 0, 0, 0, false
	}
	// zeroOf finds where r is zero: where an affine r, a base of a
	// power or root, or a factor is.
	var zeroOf func(r int32, depth int) (root, bool)
	zeroOf = func(r int32, depth int) (root, bool) {
		if v, a, c, ok := affine(r, 4); ok && v >= 0 && a != 0 {
			at := -c/a + 0 // +0, not -0
			return root{v, at}, at-at == 0
		}
		in, computed := def[r]
		if !computed || depth == 0 {
			return root{}, false
		}
		switch in.op {
		case opPowInt, opSqrt:
			if in.op == opPowInt && in.b < 1 {
				return root{}, false
			}
			return zeroOf(in.a, depth-1)
		case opMul:
			if z, ok := zeroOf(in.a, depth-1); ok {
				return z, true
			}
			return zeroOf(in.b, depth-1)
		}
		return root{}, false
	}
	var zs []root
	for _, in := range p.code {
		if in.op != opDiv || len(zs) == limit {
			continue
		}
		if z, ok := zeroOf(in.b, 4); ok && !containsZero(zs, z) {
			zs = append(zs, z)
		}
	}
	return zs
}

func containsZero(zs []root, z root) bool {
	for _, y := range zs {
		if y == z {
			return true
		}
	}
	return false
}

// descent is the signature of Descender's loop.
type descent = func(x, g []float64, f *float64, step, eps float64, ups []float64) int

// checkDescent runs loop, the machine code of Descender, and its contract
// interpreted, for a few updates from the points of checkPoints, and
// returns how they first differ, or nil.
func (p *Program) checkDescent(loop descent, bound float64) error {
	const updates, step = 3, -1e-3
	n := len(p.vars)
	native := p.native
	defer func() { p.native = native }()
	bits := func(k int, x, g []float64, f float64, ups []float64) string {
		var b []uint64
		for _, v := range slices.Concat(x, g, []float64{f}, ups[:4*k]) {
			b = append(b, math.Float64bits(v))
		}
		return fmt.Sprintf("%d updates, %x", k, b)
	}
	for _, x0 := range p.checkPoints() {
		p.native = nil
		g0 := make([]float64, n)
		f0, err := p.EvalSplit(x0, g0)
		if err != nil {
			continue
		}
		x, g, f, ups := slices.Clone(x0), slices.Clone(g0), f0, make([]float64, 4*updates)
		k := p.descendInterpreted(bound, x, g, &f, step, 0, ups)
		want := bits(k, x, g, f, ups)
		p.native = native
		x, g, f = slices.Clone(x0), slices.Clone(g0), f0
		k = loop(x, g, &f, step, 0, ups)
		if got := bits(k, x, g, f, ups); got != want {
			return fmt.Errorf("symbolic: the descent loop in machine code from %v makes %s, interpreted %s", x0, got, want)
		}
	}
	return nil
}

// descendInterpreted is Descender's loop as Go runs it, with p interpreted.
func (p *Program) descendInterpreted(bound float64, x, g []float64, f *float64, step, eps float64, ups []float64) int {
	n := len(x)
	xn, out := make([]float64, n), make([]float64, n+1)
	k := 0
	for ; k < len(ups)/4; k++ {
		gmax := 0.0
		for _, v := range g {
			gmax = math.Max(gmax, math.Abs(v))
		}
		if gmax < eps {
			break
		}
		for i := range x {
			if xn[i] = x[i] + float64(step*g[i]); !(math.Abs(xn[i]) <= bound) {
				return k
			}
		}
		if p.EvalAll(xn, out) != nil {
			return k
		}
		var ss, mx, dot, dx float64
		for i, v := range out[1:] {
			ss += v * v
			mx = math.Max(mx, math.Abs(v))
			dot += v * g[i]
			d := xn[i] - x[i]
			dx += d * d
		}
		copy(ups[4*k:], []float64{ss, mx, dot, dx})
		copy(x, xn)
		copy(g, out[1:])
		*f = out[0]
	}
	return k
}
